import { diagnostic, type Result } from '../model/diagnostic';

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lenient = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * A file's bytes as text, refusing bytes that are not UTF-8 (a Latin-1 file, say) rather than
 * replacing them with U+FFFD behind the analyst's back. The error names the first bad byte's
 * line and column (counted like every other column: in characters of the text before it on its
 * line) and its offset. A byte-order mark is kept, as `readFile(file, 'utf8')` keeps it.
 */
export function decodeUtf8(buffer: Uint8Array, file: string | null): Result<string> {
  try {
    return { ok: true, value: strict.decode(buffer) };
  } catch {
    const offset = firstInvalidByte(buffer);
    const lineStart = buffer.lastIndexOf(0x0a, offset - 1) + 1;
    let line = 1;
    for (let i = buffer.indexOf(0x0a); i !== -1 && i < offset; i = buffer.indexOf(0x0a, i + 1))
      line++;
    const column = lenient.decode(buffer.subarray(lineStart, offset)).length + 1;
    const byte = buffer[offset]!.toString(16).toUpperCase().padStart(2, '0');
    return {
      ok: false,
      errors: [
        {
          ...diagnostic(
            'FILE_UNREADABLE',
            `the file is not valid UTF-8: byte 0x${byte} at offset ${offset} does not begin a valid character; save the file as UTF-8`,
            undefined,
          ),
          file,
          line,
          column,
        },
      ],
    };
  }
}

/** Offset of the first byte that breaks UTF-8 (RFC 3629: no overlongs, surrogates or > U+10FFFF). */
function firstInvalidByte(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let n: number;
    let min: number;
    let max = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) n = 1;
    else if (c >= 0xe0 && c <= 0xef) n = 2;
    else if (c >= 0xf0 && c <= 0xf4) n = 3;
    else return i;
    // The second byte's range excludes overlong forms, surrogates and code points past U+10FFFF.
    min = c === 0xe0 ? 0xa0 : c === 0xf0 ? 0x90 : 0x80;
    if (c === 0xed) max = 0x9f;
    if (c === 0xf4) max = 0x8f;
    for (let k = 1; k <= n; k++) {
      const next = b[i + k];
      if (next === undefined || next < min || next > max) return i;
      min = 0x80;
      max = 0xbf;
    }
    i += n + 1;
  }
  return Math.max(0, b.length - 1);
}
