import type { Result } from '../model/diagnostic';
import type { Scenario } from '../model/types';
import { resolveInputs, type Overrides } from './inputs';
import { CHANCE, DECISION, OUTCOME, programOf } from './program';
import { rollback } from './rollback';

/** Where an option's end states fall: whole-path scores weighted by their chances. */
export interface OutcomeSpread {
  readonly id: string;
  readonly label: string;
  readonly worst: number;
  readonly p5: number;
  readonly p50: number;
  readonly p95: number;
  readonly best: number;
}

/**
 * For each root option, the spread of the whole-path scores of the end states it leads to at the
 * base case, each weighted by its chance of being reached once that option is taken (later
 * decisions as the policy takes them). This is the spread of what could happen; a simulation's
 * percentiles are of the option's expected score over uncertain inputs, a different thing.
 */
export function outcomeSpread(
  scenario: Scenario,
  overrides: Overrides = {},
): Result<OutcomeSpread[]> {
  const inputs = resolveInputs(scenario, overrides);
  if (!inputs.ok) return inputs;
  const program = programOf(scenario);
  const rolled = rollback(program, inputs.value);
  if (!rolled.ok) return rolled;
  const r = rolled.value;
  const { kind, firstChild, childCount, criteria: C } = program;
  if (kind[0] !== DECISION) return { ok: true, value: [] };
  const own = (i: number) => {
    let s = 0;
    for (let c = 0; c < C; c++) s += inputs.value.coefficients[c]! * r.payoff[i * C + c]!;
    return s;
  };
  const spreads: OutcomeSpread[] = [];
  for (let j = firstChild[0]!; j < firstChild[0]! + childCount[0]!; j++) {
    const ends: [score: number, chance: number][] = [];
    const stack: [node: number, score: number, chance: number][] = [[j, own(0) + own(j), 1]];
    while (stack.length > 0) {
      const [i, score, chance] = stack.pop()!;
      if (chance === 0) continue;
      if (kind[i] === OUTCOME) ends.push([score, chance]);
      else if (kind[i] === DECISION) {
        const c = r.choice[i]!;
        stack.push([c, score + own(c), chance]);
      } else if (kind[i] === CHANCE)
        for (let c = firstChild[i]!; c < firstChild[i]! + childCount[i]!; c++)
          stack.push([c, score + own(c), chance * r.probability[c]!]);
    }
    ends.sort((a, b) => a[0] - b[0]);
    const node = program.nodes[j]!;
    spreads.push({
      id: node.id,
      label: node.label,
      worst: ends[0]![0],
      p5: quantile(ends, 0.05),
      p50: quantile(ends, 0.5),
      p95: quantile(ends, 0.95),
      best: ends[ends.length - 1]![0],
    });
  }
  return { ok: true, value: spreads };
}

/** The smallest score whose cumulative chance reaches `q` (ends sorted by score). */
function quantile(ends: readonly (readonly [number, number])[], q: number): number {
  const total = ends.reduce((a, e) => a + e[1], 0);
  let cumulative = 0;
  for (const [score, chance] of ends) {
    cumulative += chance;
    if (cumulative >= q * total - 1e-12) return score;
  }
  return ends[ends.length - 1]![0];
}
