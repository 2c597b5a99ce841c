import { orderParameters } from '../../src/expr/order-parameters';

/** The order, failing the test when cycles were reported instead. */
function orderOf(uses: number[][]): number[] {
  const result = orderParameters(uses);
  if (!result.ok) throw new Error(`unexpected cycles: ${JSON.stringify(result.cycles)}`);
  return result.order;
}

function cyclesOf(uses: number[][]): number[][] {
  const result = orderParameters(uses);
  if (result.ok) throw new Error(`expected a cycle, got the order ${JSON.stringify(result.order)}`);
  return result.cycles;
}

/** Every parameter appears exactly once, after every parameter it reads. */
function expectValidOrder(uses: number[][], order: number[]): void {
  expect([...order].sort((a, b) => a - b)).toEqual(uses.map((_, i) => i));
  const position = new Map(order.map((p, i) => [p, i]));
  uses.forEach((deps, i) => {
    for (const dep of deps) expect(position.get(dep)!).toBeLessThan(position.get(i)!);
  });
}

describe('orderParameters', () => {
  it('orders no parameters', () => {
    expect(orderOf([])).toEqual([]);
  });

  it('keeps independent parameters in file order', () => {
    expect(orderOf([[], [], []])).toEqual([0, 1, 2]);
  });

  it('puts each parameter after the ones it reads', () => {
    const uses = [[1], [2], []];
    const order = orderOf(uses);
    expect(order).toEqual([2, 1, 0]);
    expectValidOrder(uses, order);
  });

  it('orders a diamond of dependencies', () => {
    const uses = [[1, 2], [3], [3], []];
    expectValidOrder(uses, orderOf(uses));
  });

  it('lists a parameter read by several others once', () => {
    const uses = [[3], [3], [3, 0, 1], []];
    const order = orderOf(uses);
    expectValidOrder(uses, order);
    expect(order).toHaveLength(4);
  });

  it('tolerates a parameter read twice by the same expression', () => {
    const uses = [[1, 1], []];
    expectValidOrder(uses, orderOf(uses));
  });

  it('reports a parameter that reads itself', () => {
    expect(cyclesOf([[0]])).toEqual([[0, 0]]);
  });

  it('reports a two-parameter cycle with its path, first repeated at the end', () => {
    expect(cyclesOf([[1], [0]])).toEqual([[0, 1, 0]]);
  });

  it('reports only the parameters on the cycle, not those leading to it', () => {
    expect(cyclesOf([[1], [2], [3], [1]])).toEqual([[1, 2, 3, 1]]);
  });

  it('reports every separate cycle', () => {
    const cycles = cyclesOf([[1], [0], [], [4], [3]]);
    expect(cycles).toEqual([
      [0, 1, 0],
      [3, 4, 3],
    ]);
  });

  it('orders a chain of 10,000 parameters without overflowing the stack', () => {
    const n = 10_000;
    const uses = Array.from({ length: n }, (_, i) => (i < n - 1 ? [i + 1] : []));
    const order = orderOf(uses);
    expect(order[0]).toBe(n - 1);
    expect(order[n - 1]).toBe(0);
    expectValidOrder(uses, order);
  });

  it('reports a cycle through 10,000 parameters without overflowing the stack', () => {
    const n = 10_000;
    const uses = Array.from({ length: n }, (_, i) => [(i + 1) % n]);
    const cycles = cyclesOf(uses);
    expect(cycles).toHaveLength(1);
    expect(cycles[0]).toHaveLength(n + 1);
    expect(cycles[0]![0]).toBe(0);
    expect(cycles[0]![n]).toBe(0);
  });

  it('orders random acyclic dependencies correctly', () => {
    // Parameter i may read only parameters with a larger index, so there is no cycle.
    let seed = 7;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const n = 200;
    const uses = Array.from({ length: n }, (_, i) =>
      Array.from(
        { length: Math.floor(random() * 4) },
        () => i + 1 + Math.floor(random() * (n - i - 1)),
      ).filter((d) => d < n),
    );
    expectValidOrder(uses, orderOf(uses));
  });
});
