import fc from 'fast-check';
import { ID_PATTERN } from '../../src/model/schema';
import { slug } from '../../src/model/slug';

describe('slug', () => {
  it.each([
    ['Café crème №5', 'cafe-creme-no5'],
    ['Straße', 'stra-e'],
    ['How does Washington answer?', 'how-does-washington-answer'],
    ["Accept Russia's terms", 'accept-russia-s-terms'],
    ['Accept Russia’s terms', 'accept-russia-s-terms'],
    ['Deal holds', 'deal-holds'],
  ])('follows FORMAT.md: %s -> %s', (label, expected) => {
    expect(slug(label)).toBe(expected);
  });

  it.each(['日本', '日本語のラベル', '  ', '', '?!', '—'])(
    'gives an empty slug for %j, which has no a-z or 0-9',
    (label) => {
      expect(slug(label)).toBe('');
    },
  );

  it.each([
    ['--Hello, World!--', 'hello-world'],
    ['  spaced  out  ', 'spaced-out'],
    ['(option A)', 'option-a'],
    ['...and then', 'and-then'],
    ['trailing?!', 'trailing'],
  ])('drops leading and trailing punctuation: %s -> %s', (label, expected) => {
    expect(slug(label)).toBe(expected);
  });

  it.each([
    ['a -- b', 'a-b'],
    ['snake_case label', 'snake-case-label'],
    ['Q3 2024: 10% growth', 'q3-2024-10-growth'],
    ['日本 2024', '2024'],
    ['Ångström', 'angstrom'],
    ['İstanbul', 'istanbul'],
    ['ﬁnance', 'finance'],
    ['Ｆｕｌｌｗｉｄｔｈ', 'fullwidth'],
    ['x²', 'x2'],
    ['Æon', 'on'],
    ['naïve résumé', 'naive-resume'],
  ])('turns runs outside a-z0-9 into one dash: %s -> %s', (label, expected) => {
    expect(slug(label)).toBe(expected);
  });

  it('always gives an id that FORMAT.md accepts, or nothing', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), (label) => {
        const s = slug(label);
        if (s !== '') expect(s).toMatch(ID_PATTERN);
        expect(s).toMatch(/^([a-z0-9]+(-[a-z0-9]+)*)?$/);
        expect(slug(s)).toBe(s);
      }),
      { numRuns: 300 },
    );
  });
});
