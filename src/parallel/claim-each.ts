import type { PreparedSimulation, Spread } from '../engine';

/**
 * Work shared between threads by claiming: each thread takes the next index from a counter they
 * share (one Int32 of a SharedArrayBuffer) until `count`, so a thread slowed by anything else on
 * the machine simply claims fewer. What each index gives depends on the index alone, so the
 * result is the same whoever claims what. Returns what this thread did, with its indices.
 */
function claimEach<T>(
  counter: Int32Array,
  count: number,
  each: (index: number) => T,
): [index: number, value: T][] {
  const done: [number, T][] = [];
  for (;;) {
    const index = Atomics.add(counter, 0, 1);
    if (index >= count) return done;
    done.push([index, each(index)]);
  }
}

/** This thread's share of `run`'s blocks, claimed from `counter`: the iterations they flagged. */
export function claimBlocks(run: PreparedSimulation, counter: Int32Array): number[] {
  return claimEach(counter, run.blocks, (b) => run.runBlocks(b, b + 1)).flatMap(([, f]) => f);
}

/** This thread's share of `run`'s summary spreads, claimed from `counter`, by number. */
export function claimSpreads(run: PreparedSimulation, counter: Int32Array): [number, Spread][] {
  return claimEach(counter, run.spreadCount, (q) => run.spread(q));
}

/** A fresh counter to claim from, shareable with worker threads. */
export function newCounter(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
}
