/**
 * CRC-32 (the gzip one) of two pieces put together, from each one's CRC and the second one's
 * length: zlib's `crc32_combine`, which Node does not expose. The gzipped list is its kept
 * chunks in a row, and its trailer needs the CRC of the whole: combined from the chunks' own,
 * a save costs a few hundred multiplications instead of a pass over 2 MB.
 *
 * CRCs are polynomials over GF(2) (bit-reflected, as zlib has them); appending n bytes
 * multiplies the first CRC by x^(8n) modulo the CRC polynomial.
 */

const POLY = 0xedb88320;

/** a * b modulo the CRC polynomial. */
function multiplyModP(a: number, b: number): number {
  let m = 0x80000000;
  let product = 0;
  for (;;) {
    if ((a & m) !== 0) {
      product ^= b;
      if ((a & (m - 1)) === 0) break;
    }
    m >>>= 1;
    b = b & 1 ? (b >>> 1) ^ POLY : b >>> 1;
  }
  return product >>> 0;
}

/** x^(2^k) modulo the CRC polynomial, for k = 0..31. */
const X2N: readonly number[] = (() => {
  const table = [0x40000000];
  for (let k = 1; k < 32; k++) table.push(multiplyModP(table[k - 1]!, table[k - 1]!));
  return table;
})();

/** The operator that appends `bytes` bytes: x^(8 * bytes) modulo the CRC polynomial. */
export function appendOperator(bytes: number): number {
  let p = 0x80000000;
  let k = 3;
  for (let n = bytes; n > 0; n = Math.floor(n / 2), k++)
    if (n % 2 === 1) p = multiplyModP(X2N[k % 32]!, p);
  return p;
}

/** The CRC of A followed by B, from A's CRC, B's CRC and `appendOperator(B's length)`. */
export function combineCrc(crcA: number, crcB: number, operator: number): number {
  return (multiplyModP(operator, crcA) ^ crcB) >>> 0;
}
