/**
 * Orders parameters so each is evaluated after the ones its expression reads.
 * `uses[i]` lists the parameters parameter `i` reads. Returns the evaluation order, or every
 * cycle found (each as the indices along it, first repeated at the end).
 */
export function orderParameters(
  uses: readonly (readonly number[])[],
): { ok: true; order: number[] } | { ok: false; cycles: number[][] } {
  const n = uses.length;
  const state = new Uint8Array(n); // 0 unvisited, 1 on the current path, 2 done
  const order: number[] = [];
  const cycles: number[][] = [];
  for (let start = 0; start < n; start++) {
    if (state[start] !== 0) continue;
    // Iterative depth-first search: parameter chains can be long, the call stack is not.
    const path: number[] = [start];
    const next: number[] = [0];
    state[start] = 1;
    while (path.length > 0) {
      const top = path.length - 1;
      const node = path[top]!;
      const deps = uses[node]!;
      const i = next[top]!;
      if (i < deps.length) {
        next[top] = i + 1;
        const dep = deps[i]!;
        if (state[dep] === 0) {
          state[dep] = 1;
          path.push(dep);
          next.push(0);
        } else if (state[dep] === 1) {
          cycles.push([...path.slice(path.indexOf(dep)), dep]);
        }
      } else {
        state[node] = 2;
        order.push(node);
        path.pop();
        next.pop();
      }
    }
  }
  return cycles.length > 0 ? { ok: false, cycles } : { ok: true, order };
}
