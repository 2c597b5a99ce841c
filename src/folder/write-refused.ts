/** A write refused by the folder itself (a link where a folder belongs, say): nothing was written. */
export class WriteRefused extends Error {
  override readonly name = 'WriteRefused';
  readonly status = 409;
}
