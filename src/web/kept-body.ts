import { gzipSync } from 'node:zlib';

/** An ETag of a body, as Express computes it (its `etag fn` setting). */
export type EtagOf = (body: Buffer) => string;

/** A JSON body kept between requests, with its ETag; gzipped when first asked for. */
export interface Kept {
  /** The same for both encodings (a weak ETag: they carry the same JSON). */
  readonly etag: string;
  json(): Buffer;
  gzip(): Buffer;
}

/** A kept JSON body whose gzipped form is made once, when a request first takes it. */
export class KeptBody implements Kept {
  private gzipped: Buffer | undefined;

  constructor(
    private readonly body: Buffer,
    readonly etag: string,
  ) {}

  json(): Buffer {
    return this.body;
  }

  gzip(): Buffer {
    return (this.gzipped ??= gzipSync(this.body));
  }
}
