import fc from 'fast-check';
import type { TreeNumbers } from '../../src/draw/tree-layout';
import { treeChangesJson } from '../../src/web/tree-changes-json';

describe('treeChangesJson', () => {
  const numbers: fc.Arbitrary<Partial<TreeNumbers>> = fc.record(
    {
      probability: fc.option(fc.string(), { nil: null }),
      reach: fc.string(),
      reachValue: fc.double({ noNaN: true, noDefaultInfinity: true }),
      score: fc.string(),
      onPolicy: fc.boolean(),
      chosen: fc.boolean(),
      rejected: fc.boolean(),
      payoffs: fc.array(fc.record({ label: fc.string(), amount: fc.string() })),
    },
    { requiredKeys: [] },
  );

  it('writes the text JSON.stringify writes, whatever the paths and numbers', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), numbers), (changes) => {
        const paths = new Map<string, string>();
        expect(treeChangesJson(changes, paths)).toBe(JSON.stringify(changes));
        // Again, with the paths' JSON kept from the first time.
        expect(treeChangesJson(changes, paths)).toBe(JSON.stringify(changes));
      }),
      { numRuns: 2_000 },
    );
  });

  it('escapes paths and labels that need it', () => {
    const changes = { 'a/"quoted"\\\n': { payoffs: [{ label: 'Europe’s "cost"', amount: '2' }] } };
    expect(JSON.parse(treeChangesJson(changes, new Map()))).toEqual(changes);
  });
});
