import fc from 'fast-check';
import { crc32 } from 'node:zlib';
import { appendOperator, combineCrc } from '../../src/web/crc32-combine';

describe('combineCrc', () => {
  it("gives zlib's CRC-32 of two pieces put together", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.uint8Array({ maxLength: 300 }), (a, b) => {
        const whole = crc32(Buffer.concat([a, b]));
        expect(combineCrc(crc32(a), crc32(b), appendOperator(b.length))).toBe(whole);
      }),
    );
  });

  it('holds for pieces of the sizes a list is made of (tens of kilobytes)', () => {
    const a = Buffer.alloc(70_000, 'a,');
    const b = Buffer.from('{"id":"x"}'.repeat(5_000));
    expect(combineCrc(crc32(a), crc32(b), appendOperator(b.length))).toBe(
      crc32(Buffer.concat([a, b])),
    );
  });
});
