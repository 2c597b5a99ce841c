import { mergeHunks, threeWay } from '../../src/web/three-way';

/** Three-way diffs by lines: hunks by who changed them, and merges that take any side per hunk. */
const base = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].join('\n');

it('takes each side’s own changes and marks where both changed', () => {
  const yours = ['a', 'B', 'c', 'd', 'e', 'F1', 'g'].join('\n');
  const theirs = ['a', 'b', 'c', 'D', 'e', 'F2', 'g'].join('\n');
  const pieces = threeWay(yours, base, theirs);
  const hunks = pieces.flatMap((p) => (p.kind === 'hunk' ? [p.hunk] : []));
  expect(hunks.map((h) => [h.changed, h.base, h.yours, h.theirs])).toEqual([
    ['yours', ['b'], ['B'], ['b']],
    ['theirs', ['d'], ['d'], ['D']],
    ['conflict', ['f'], ['F1'], ['F2']],
  ]);
  expect(hunks[2]!.yoursLine).toBe(6);
  // Proposals: each one-sided change, and yours where both changed.
  expect(mergeHunks(pieces, [])).toBe(['a', 'B', 'c', 'D', 'e', 'F1', 'g'].join('\n'));
  expect(mergeHunks(pieces, [undefined, 'base', 'theirs'])).toBe(
    ['a', 'B', 'c', 'd', 'e', 'F2', 'g'].join('\n'),
  );
  expect(mergeHunks(pieces, ['yours', 'theirs', 'both'])).toBe(
    ['a', 'B', 'c', 'D', 'e', 'F1', 'F2', 'g'].join('\n'),
  );
});

it('handles insertions and deletions that shift lines', () => {
  const yours = ['x', 'a', 'b', 'c', 'd', 'e', 'f', 'g'].join('\n');
  const theirs = ['a', 'b', 'c', 'd', 'e', 'g', 'h'].join('\n');
  const pieces = threeWay(yours, base, theirs);
  expect(mergeHunks(pieces, [])).toBe(['x', 'a', 'b', 'c', 'd', 'e', 'g', 'h'].join('\n'));
  expect(mergeHunks(pieces, ['base', 'yours', 'yours'])).toBe(base);
});

it('is one unchanged stretch when nothing changed', () => {
  expect(threeWay(base, base, base)).toEqual([{ kind: 'same', lines: base.split('\n') }]);
});
