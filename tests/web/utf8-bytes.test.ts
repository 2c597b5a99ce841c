import fc from 'fast-check';
import { utf8Bytes } from '../../src/web/utf8-bytes';

describe('utf8Bytes', () => {
  it('gives the UTF-8 bytes of any text, ASCII or not, lone surrogates included', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary' }),
          fc.string({ unit: 'grapheme' }),
          fc.string({
            unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
          }),
          fc.string(),
        ),
        (text) => {
          expect(utf8Bytes(text).equals(Buffer.from(text, 'utf8'))).toBe(true);
        },
      ),
      { numRuns: 5_000 },
    );
  });

  it('reads Latin-1 letters and an ellipsis as UTF-8, not as their Latin-1 bytes', () => {
    expect(utf8Bytes('café …').toString('utf8')).toBe('café …');
    expect(utf8Bytes('{"a":1}').toString('latin1')).toBe('{"a":1}');
  });
});
