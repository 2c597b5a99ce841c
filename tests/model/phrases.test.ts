import fc from 'fast-check';
import {
  BANDS,
  bandOf,
  bandOfPhrase,
  nearestPhrase,
  ONE_WORD_PHRASES,
  phraseOf,
  phraseRange,
  PHRASES,
} from '../../src/model/phrases';

/** FORMAT.md section 6, the table itself: phrase, synonym, band and value. */
const TABLE: [phrase: string, synonym: string, low: number, high: number, value: number][] = [
  ['almost no chance', 'remote', 0.01, 0.05, 0.03],
  ['very unlikely', 'highly improbable', 0.05, 0.2, 0.125],
  ['unlikely', 'improbable', 0.2, 0.45, 0.325],
  ['roughly even chance', 'roughly even odds', 0.45, 0.55, 0.5],
  ['likely', 'probable', 0.55, 0.8, 0.675],
  ['very likely', 'highly probable', 0.8, 0.95, 0.875],
  ['almost certain', 'nearly certain', 0.95, 0.99, 0.97],
];

describe('the ICD 203 table', () => {
  it('has the seven bands of FORMAT.md, in order', () => {
    expect(BANDS.map((b) => [b.phrase, b.synonym, b.low, b.high, b.value])).toEqual(TABLE);
  });

  it.each(TABLE)(
    '%s and its synonym %s name the same band',
    (phrase, synonym, low, high, value) => {
      for (const written of [phrase, synonym]) {
        const band = bandOfPhrase(written);
        expect(band).toMatchObject({ phrase, low, high, value });
      }
    },
  );

  it.each(TABLE)(
    '%s is its value’s own phrase, and the value lies in its band',
    (phrase, ...rest) => {
      const value = rest[3];
      expect(phraseOf(value)).toBe(phrase);
      expect(value).toBeGreaterThanOrEqual(rest[1]);
      expect(value).toBeLessThan(rest[2]);
    },
  );

  it('matches case-insensitively as the whole string, surrounding spaces ignored', () => {
    expect(bandOfPhrase('  Very Likely ')?.phrase).toBe('very likely');
    expect(bandOfPhrase('ALMOST NO CHANCE')?.phrase).toBe('almost no chance');
    expect(bandOfPhrase('Remote')?.phrase).toBe('almost no chance');
    expect(bandOfPhrase('likely enough')).toBeUndefined();
    expect(bandOfPhrase('very')).toBeUndefined();
    expect(bandOfPhrase('0.5')).toBeUndefined();
  });

  it('lists every phrase and synonym once', () => {
    expect(PHRASES).toHaveLength(14);
    expect(new Set(PHRASES).size).toBe(14);
    expect([...ONE_WORD_PHRASES].sort()).toEqual([
      'improbable',
      'likely',
      'probable',
      'remote',
      'unlikely',
    ]);
  });
});

describe('the phrase of a probability (bands are [low, high))', () => {
  it.each([
    [0, 'almost no chance'],
    [0.005, 'almost no chance'],
    [0.01, 'almost no chance'],
    [0.0499, 'almost no chance'],
    [0.05, 'very unlikely'],
    [0.2, 'unlikely'],
    [0.4499, 'unlikely'],
    [0.45, 'roughly even chance'],
    [0.55, 'likely'],
    [0.8, 'very likely'],
    [0.95, 'almost certain'],
    [0.99, 'almost certain'],
    [0.995, 'almost certain'],
    [1, 'almost certain'],
  ])('%p is %s', (p, phrase) => {
    expect(phraseOf(p)).toBe(phrase);
  });

  it('every probability falls in the band whose phrase it gets (edges inside, below 0.01 and above 0.99 at the ends)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), (p) => {
        const b = bandOf(p);
        const inside = (p >= b.low || b === BANDS[0]) && (p < b.high || b === BANDS[6]);
        expect(inside).toBe(true);
      }),
    );
  });
});

describe('confidence', () => {
  it.each(TABLE)('moderate and high leave %s its band', (phrase, _s, low, high) => {
    const band = bandOfPhrase(phrase)!;
    expect(phraseRange(band, 'moderate')).toEqual([low, high]);
    expect(phraseRange(band, 'high')).toEqual([low, high]);
    expect(phraseRange(band, null)).toEqual([low, high]);
  });

  it.each([
    ['almost no chance', 0.01, 0.2],
    ['very unlikely', 0.01, 0.45],
    ['unlikely', 0.05, 0.55],
    ['roughly even chance', 0.2, 0.8],
    ['likely', 0.45, 0.95],
    ['very likely', 0.55, 0.99],
    ['almost certain', 0.8, 0.99],
  ])('low widens %s to the neighbouring bands that exist: [%p, %p]', (phrase, low, high) => {
    expect(phraseRange(bandOfPhrase(phrase)!, 'low')).toEqual([low, high]);
  });
});

describe('nearest phrase (typos)', () => {
  it.each([
    ['likley', 'likely'],
    ['very unlikley', 'very unlikely'],
    ['almost certian', 'almost certain'],
    ['roughly even chanse', 'roughly even chance'],
    ['remot', 'remote'],
    ['Highly Probabel', 'highly probable'],
  ])('%s suggests %s', (typo, phrase) => {
    expect(nearestPhrase(typo)).toBe(phrase);
  });

  it.each(['p_deal + 1', 'banana', 'ok', 'p_likely', 'the deal holds'])(
    'suggests nothing for %s',
    (text) => {
      expect(nearestPhrase(text)).toBeUndefined();
    },
  );
});
