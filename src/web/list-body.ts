import { createHash } from 'node:crypto';
import { constants, crc32, deflateRawSync } from 'node:zlib';
import { errorsBody } from './error-body';
import { appendOperator, combineCrc } from './crc32-combine';
import type { Kept } from './kept-body';
import type { StoredScenario } from './scenario-store';
import { utf8Bytes } from './utf8-bytes';

/** Consecutive entries of the list, their JSON, its digest, and (once asked for) deflated. */
interface Chunk {
  readonly ids: readonly string[];
  readonly docs: readonly object[];
  /** Ended by its last entry's id or by its size: not only by the end of the list. */
  readonly closed: boolean;
  readonly json: Buffer;
  readonly digest: Buffer;
  /** Its CRC-32 and `appendOperator`, made when a gzipped body first needs them. */
  crc?: { crc: number; operator: number };
  /** Its deflated form, made with the chunk before it as dictionary (none for the first). */
  deflated?: { after: Chunk | undefined; bytes: Buffer };
}

/** Entries per chunk on average (an entry ends one when its id's hash is 0 modulo this). */
const CHUNK_ENTRIES = 64;
/** The most entries in a chunk, whatever the hashes say. */
const MAX_CHUNK_ENTRIES = 1024;

const OPEN = Buffer.from('[');
const COMMA = Buffer.from(',');
const CLOSE = Buffer.from(']');
/** A gzip member's header: deflate, no name, no time, unknown system (RFC 1952). */
const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
/** An empty final deflate block (fixed Huffman codes): ends the stream of non-final blocks. */
const FINAL_BLOCK = Buffer.from([3, 0]);

/**
 * Deflated on its own and ended on a byte boundary by a sync flush, without a final block: such
 * pieces follow one another in one deflate stream. A piece may refer back into what comes just
 * before it in the stream, given as `dictionary` (at most the 32 kB deflate looks back over).
 */
function deflatePiece(bytes: Buffer, dictionary?: Buffer): Buffer {
  return deflateRawSync(bytes, {
    finishFlush: constants.Z_SYNC_FLUSH,
    ...(dictionary && { dictionary: dictionary.subarray(-WINDOW) }),
  });
}

/** How far back deflate refers. */
const WINDOW = 32 * 1024;

const DEFLATED_OPEN = deflatePiece(OPEN);
const DEFLATED_COMMA = deflatePiece(COMMA);
const DEFLATED_CLOSE = deflatePiece(CLOSE);
const COMMA_CRC = crc32(COMMA);
const CLOSE_CRC = crc32(CLOSE);
/** Appends one byte (a comma or the closing bracket). */
const COMMA_OPERATOR = appendOperator(1);

/**
 * `GET /api/scenarios` as kept bodies, built once for each listing: the folder hands out the same
 * array until something changes, so requests in between send the body as it is. A folder of
 * 10,000 variants lists as 1.9 MB of JSON (about 35 kB gzipped, which browsers and `fetch` ask
 * for), and a save changes one entry of it. So the list is kept in chunks of about 64 entries,
 * cut where an entry's id hashes to 0 (an entry added or removed changes its own chunk only),
 * each with its JSON, digest, deflated form and CRC; a save rebuilds one chunk, and the gzipped
 * body is the chunks' deflated forms in a row (as pigz joins its pieces: each deflated with the
 * one before as dictionary, so a save deflates two), its CRC combined from theirs: nothing is
 * compressed or read through again as a whole.
 */
export class ListBodies {
  private readonly entries = new WeakMap<object, { id: string; json: string }>();
  /** Chunks by their first entry's id: after a save, the others are found unchanged. */
  private chunks = new Map<string, Chunk>();
  private last: { list: readonly StoredScenario[]; body: Kept } | undefined;

  /** The body of this listing. */
  body(list: readonly StoredScenario[]): Kept {
    if (this.last?.list === list) return this.last.body;
    const chunks: Chunk[] = [];
    const byFirst = new Map<string, Chunk>();
    let start = 0;
    while (start < list.length) {
      const chunk = this.kept(list, start) ?? this.chunk(list, start);
      byFirst.set(chunk.ids[0]!, chunk);
      chunks.push(chunk);
      start += chunk.ids.length;
    }
    this.chunks = byFirst;
    const body = new ListBody(chunks);
    this.last = { list, body };
    return body;
  }

  /**
   * The kept chunk that starts at `list[start]`, when the list goes on with the same entries and
   * the chunk ends where a new one would: a save then costs a comparison of the other entries,
   * not a hash of each one's id.
   */
  private kept(list: readonly StoredScenario[], start: number): Chunk | undefined {
    const kept = this.chunks.get(list[start]!.id);
    if (!kept) return undefined;
    const end = start + kept.ids.length;
    if (end > list.length || (!kept.closed && end !== list.length)) return undefined;
    for (let i = start; i < end; i++)
      if (list[i]!.id !== kept.ids[i - start] || list[i]!.doc !== kept.docs[i - start])
        return undefined;
    return kept;
  }

  /** A new chunk from `list[start]`: up to the first entry whose id ends one, or the list's end. */
  private chunk(list: readonly StoredScenario[], start: number): Chunk {
    let end = start;
    let closed = false;
    while (end < list.length && !closed) {
      closed = this.endsChunk(list[end]!.id) || end + 1 - start === MAX_CHUNK_ENTRIES;
      end++;
    }
    const entries = list.slice(start, end);
    const json = utf8Bytes(entries.map((e) => this.entry(e)).join(','));
    return {
      ids: entries.map((e) => e.id),
      docs: entries.map((e) => e.doc),
      closed,
      json,
      digest: createHash('sha1').update(json).digest(),
    };
  }

  /** Whether the entry with this id ends its chunk: a hash of the id (FNV-1a). */
  private endsChunk(id: string): boolean {
    let hash = 0x811c9dc5;
    for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193);
    return (hash >>> 0) % CHUNK_ENTRIES === 0;
  }

  /** One entry's JSON, kept with the document it describes. */
  private entry({ id, doc, variantOf }: StoredScenario): string {
    const kept = this.entries.get(doc);
    if (kept?.id === id) return kept.json;
    const json = JSON.stringify({
      id,
      variant_of: variantOf,
      title: doc.ok ? doc.scenario.title : null,
      valid: doc.ok,
      choice: doc.ok ? doc.base.choice : null,
      errors: doc.ok ? [] : errorsBody(doc.errors).errors,
    });
    this.entries.set(doc, { id, json });
    return json;
  }
}

/** A listing's body: `[`, the chunks separated by commas, `]`; each form built when first sent. */
class ListBody implements Kept {
  readonly etag: string;
  private readonly length: number;
  private plain: Buffer | undefined;
  private gzipped: Buffer | undefined;

  constructor(private readonly chunks: readonly Chunk[]) {
    this.length = chunks.reduce((n, c) => n + c.json.length, 2 + Math.max(chunks.length - 1, 0));
    const hash = createHash('sha1');
    for (const c of chunks) hash.update(c.digest);
    this.etag = `W/"${this.length.toString(16)}-${hash.digest('base64').slice(0, 27)}"`;
  }

  json(): Buffer {
    if (!this.plain) {
      const parts: Buffer[] = [OPEN];
      for (const [i, c] of this.chunks.entries()) {
        if (i > 0) parts.push(COMMA);
        parts.push(c.json);
      }
      parts.push(CLOSE);
      this.plain = Buffer.concat(parts, this.length);
    }
    return this.plain;
  }

  /**
   * A chunk deflated after the one before it, which it may refer back into (comma included):
   * kept while that one stays, so a save deflates its own chunk and the next one again.
   */
  private deflated(chunk: Chunk, before: Chunk | undefined): Buffer {
    const kept = chunk.deflated;
    if (kept && kept.after === before) return kept.bytes;
    const dictionary = before && Buffer.concat([before.json.subarray(-WINDOW), COMMA]);
    const bytes = deflatePiece(chunk.json, dictionary);
    chunk.deflated = { after: before, bytes };
    return bytes;
  }

  gzip(): Buffer {
    if (!this.gzipped) {
      const parts: Buffer[] = [GZIP_HEADER, DEFLATED_OPEN];
      let crc = crc32(OPEN);
      for (const [i, c] of this.chunks.entries()) {
        if (i > 0) {
          parts.push(DEFLATED_COMMA);
          crc = combineCrc(crc, COMMA_CRC, COMMA_OPERATOR);
        }
        const sums = (c.crc ??= { crc: crc32(c.json), operator: appendOperator(c.json.length) });
        parts.push(this.deflated(c, this.chunks[i - 1]));
        crc = combineCrc(crc, sums.crc, sums.operator);
      }
      const trailer = Buffer.alloc(8);
      trailer.writeUInt32LE(combineCrc(crc, CLOSE_CRC, COMMA_OPERATOR), 0);
      trailer.writeUInt32LE(this.length % 2 ** 32, 4);
      parts.push(DEFLATED_CLOSE, FINAL_BLOCK, trailer);
      this.gzipped = Buffer.concat(parts);
    }
    return this.gzipped;
  }
}
