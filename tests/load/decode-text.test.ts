import { decodeUtf8 } from '../../src/load/decode-text';

const bytes = (...parts: (string | number[])[]): Uint8Array =>
  Buffer.concat(
    parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))),
  );

describe('decodeUtf8', () => {
  it('decodes valid UTF-8, accents and emoji included, keeping a byte-order mark', () => {
    expect(decodeUtf8(bytes('title: Café ✓ 😀\n'), 'a.yaml')).toEqual({
      ok: true,
      value: 'title: Café ✓ 😀\n',
    });
    expect(decodeUtf8(bytes([0xef, 0xbb, 0xbf], 'a: 1\n'), null)).toEqual({
      ok: true,
      value: '\ufeffa: 1\n',
    });
  });

  it('refuses a Latin-1 byte with its line and column, not a silent replacement', () => {
    // "Café" in Latin-1: é is the lone byte 0xE9.
    const result = decodeUtf8(bytes('title: T\nlabel: Caf', [0xe9], ' crème\n'), 'a.yaml');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({
      code: 'FILE_UNREADABLE',
      file: 'a.yaml',
      line: 2,
      column: 11,
    });
    expect(result.errors[0]!.message).toContain('0xE9');
    expect(result.errors[0]!.message).toContain('offset 19');
  });

  it('counts the column in characters after multi-byte characters on the same line', () => {
    const result = decodeUtf8(bytes('a: ééé', [0xff], '\n'), null);
    expect(result).toMatchObject({ ok: false, errors: [{ line: 1, column: 7 }] });
  });

  it.each([
    ['an overlong encoding', [0xc0, 0xaf]],
    ['a surrogate', [0xed, 0xa0, 0x80]],
    ['a code point past U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
    ['a truncated sequence at the end', [0xe2, 0x82]],
  ])('refuses %s', (_what, bad) => {
    const result = decodeUtf8(bytes('x: ', bad), null);
    expect(result).toMatchObject({ ok: false, errors: [{ line: 1 }] });
  });
});
