import { dump } from 'js-yaml';

export interface GenerateOptions {
  /**
   * Give every parameter a distribution for Monte Carlo: `p_k` a beta with mean `value` (shape
   * sum 40, so a draw never comes near the 0.75 that would push a chance node's probabilities
   * past 1), `g_k` uniform on [value / 2, 3 value / 2]. The tree itself does not change.
   */
  readonly distributions?: boolean;
}

/**
 * A random scenario of about `size` nodes for benchmarks: levels alternate decision and chance,
 * two criteria (one `min`), 20 parameters read by some probabilities and payoffs. Deterministic
 * for a given seed, so runs compare like with like.
 */
export function generateScenario(
  size: number,
  seed = 1,
  options: GenerateOptions = {},
): { text: string; nodes: number } {
  let state = seed >>> 0;
  const random = (): number => {
    // mulberry32: tiny, seedable, good enough to shape a benchmark tree.
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const parameters: Record<string, unknown> = {};
  for (let k = 0; k < 10; k++) {
    const value = 0.1 + 0.02 * k;
    parameters[`p${k}`] = {
      value,
      range: [0.05, 0.35],
      ...(options.distributions && {
        distribution: `beta(${round(40 * value)}, ${round(40 * (1 - value))})`,
      }),
    };
  }
  for (let k = 0; k < 10; k++) {
    const value = 1 + k;
    parameters[`g${k}`] = {
      value,
      range: [0, 20],
      ...(options.distributions && { distribution: `uniform(${value / 2}, ${(3 * value) / 2})` }),
    };
  }

  let nodes = 0;
  // Breadth-first growth keeps the tree balanced, so `size` is reached at a modest depth.
  type Raw = Record<string, unknown> & { children?: Raw[] };
  const root: Raw = { type: 'decision', label: 'Root' };
  nodes++;
  let frontier: Raw[] = [root];
  while (frontier.length > 0) {
    const next: Raw[] = [];
    for (const node of frontier) {
      const type = node.type as string;
      const width = int(2, 4);
      if (nodes + width > size) {
        node.type = 'outcome';
        continue;
      }
      const children: Raw[] = [];
      for (let i = 0; i < width; i++) {
        const child: Raw = {
          type: type === 'decision' ? 'chance' : 'decision',
          label: `n${nodes}`,
        };
        nodes++;
        if (type === 'chance')
          child.probability =
            i === width - 1
              ? '#'
              : i === 0
                ? `p${int(0, 9)}`
                : Math.round((0.5 / width) * 1000) / 1000;
        const good = int(-5, 10);
        child.payoff =
          random() < 0.2
            ? { good: `${good} * g${int(0, 9)}`, bad: int(0, 5) }
            : { good, bad: int(0, 5) };
        children.push(child);
      }
      node[type === 'decision' ? 'options' : 'branches'] = children;
      next.push(...children);
    }
    frontier = next;
  }
  const finish = (node: Raw): void => {
    if (node.type === 'outcome') {
      delete node.options;
      delete node.branches;
      node.payoff ??= { good: 0 };
    }
    for (const c of (node.options ?? node.branches ?? []) as Raw[]) finish(c);
  };
  finish(root);
  const scenario = {
    title: `Generated tree of ${nodes} nodes`,
    criteria: [
      { id: 'good', weight: 0.7, direction: 'max' },
      { id: 'bad', weight: 0.3, direction: 'min' },
    ],
    parameters,
    root,
  };
  const header = dump(
    { title: scenario.title, criteria: scenario.criteria, parameters },
    { lineWidth: -1 },
  );
  return { text: `${header}root:\n${emit(root, '  ')}`, nodes };
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

/**
 * Writes a node the way analysts tend to: block style for inner nodes, one flow mapping per
 * leaf. (A generic dumper indents every leaf's keys on their own lines, tripling the file.)
 */
function emit(node: Record<string, unknown>, indent: string): string {
  const inline = (v: unknown): string =>
    typeof v === 'object' && v !== null
      ? `{ ${Object.entries(v)
          .map(([k, x]) => `${k}: ${inline(x)}`)
          .join(', ')} }`
      : typeof v === 'string' && !/^n\d+$|^[a-z]+$/.test(v)
        ? JSON.stringify(v)
        : String(v);
  const kids = (node.options ?? node.branches) as Record<string, unknown>[] | undefined;
  const own = Object.entries(node).filter(([k]) => k !== 'options' && k !== 'branches');
  if (!kids)
    return `${indent}${inline(Object.fromEntries(own)).slice(2, -2).split(', ').join(`\n${indent}`)}\n`;
  let out = own.map(([k, v]) => `${indent}${k}: ${inline(v)}\n`).join('');
  out += `${indent}${node.options ? 'options' : 'branches'}:\n`;
  for (const kid of kids) {
    if (kid.options ?? kid.branches)
      out += `${indent}  - ${emit(kid, `${indent}    `).slice(indent.length + 4)}`;
    else out += `${indent}  - ${inline(kid)}\n`;
  }
  return out;
}
