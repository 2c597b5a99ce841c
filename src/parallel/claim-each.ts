/**
 * Work shared between threads by claiming: each thread takes the next index from a counter they
 * share (one Int32 of a SharedArrayBuffer) until `count`, so a thread slowed by anything else on
 * the machine simply claims fewer. What each index gives depends on the index alone, so the
 * result is the same whoever claims what. Returns what this thread did, with its indices.
 */
export function claimEach<T>(
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

/** A fresh counter to claim from, shareable with worker threads. */
export function newCounter(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
}
