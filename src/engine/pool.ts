import type { Diagnostic, Result } from '../model/diagnostic';
import type { Scenario } from '../model/types';
import { evaluate } from './evaluate';
import type { Overrides } from './inputs';

export type PoolMethod = 'linear' | 'log';

/** One analyst's judgement: their values (numbers, expressions or phrases) and weights. */
export interface AnalystInput {
  readonly analyst: string;
  readonly set: Readonly<Record<string, number | string>>;
  readonly weight?: Readonly<Record<string, number>>;
}

/** FORMAT.md section 10: `branchpoint panel --format json`. */
export interface Panel {
  readonly pool: PoolMethod;
  readonly parameters: readonly {
    name: string;
    base: number;
    values: Record<string, number>;
    pooled: number;
    spread: number;
  }[];
  readonly analysts: readonly { analyst: string; choice: string | null; score: number }[];
  readonly pooled: { choice: string | null; score: number };
  readonly agreement: number;
}

/**
 * Pools analysts' judgements of the parameters any of them assessed. An analyst who leaves a
 * parameter out takes the file's value. `linear` pools by the mean; `log` pools values that all
 * lie in (0, 1) by G1 / (G1 + G0), the geometric means of the values and of their complements,
 * and any other by the mean. Listed widest spread first.
 */
export function poolPanel(
  scenario: Scenario,
  analysts: readonly AnalystInput[],
  pool: PoolMethod,
  overrides: Overrides = {},
): Result<Panel> {
  const base = evaluate(scenario, overrides);
  if (!base.ok) return base;
  const names = [...new Set(analysts.flatMap((a) => Object.keys(a.set)))];
  const own: { analyst: string; choice: string | null; score: number }[] = [];
  const values = new Map<string, Record<string, number>>(names.map((n) => [n, {}]));
  for (const a of analysts) {
    const r = evaluate(scenario, {
      ...overrides,
      set: { ...overrides.set, ...a.set },
      weight: { ...overrides.weight, ...a.weight },
    });
    if (!r.ok) return { ok: false, errors: r.errors.map((e) => inAnalyst(e, a.analyst)) };
    own.push({ analyst: a.analyst, choice: r.value.choice, score: r.value.score });
    for (const n of names)
      values.get(n)![a.analyst] = Object.hasOwn(a.set, n)
        ? r.value.parameters[n]!
        : base.value.parameters[n]!;
  }
  const parameters = names
    .filter((n) => base.value.parameters[n] !== undefined)
    .map((name) => {
      const vs = Object.values(values.get(name)!);
      return {
        name,
        base: base.value.parameters[name]!,
        values: values.get(name)!,
        pooled: pooled(vs, pool),
        spread: vs.length > 0 ? Math.max(...vs) - Math.min(...vs) : 0,
      };
    })
    .sort((a, b) => b.spread - a.spread || a.name.localeCompare(b.name));
  const set = {
    ...overrides.set,
    ...Object.fromEntries(parameters.map((p) => [p.name, p.pooled])),
  };
  const together = evaluate(scenario, { ...overrides, set });
  if (!together.ok) return together;
  const choice = together.value.choice;
  return {
    ok: true,
    value: {
      pool,
      parameters,
      analysts: own,
      pooled: { choice, score: together.value.score },
      agreement: own.length > 0 ? own.filter((a) => a.choice === choice).length / own.length : 1,
    },
  };
}

/** The pooled value of one parameter's values. */
export function pooled(values: readonly number[], pool: PoolMethod): number {
  if (values.length === 0) return NaN;
  if (pool === 'log' && values.every((v) => v > 0 && v < 1)) {
    const g1 = geometricMean(values);
    const g0 = geometricMean(values.map((v) => 1 - v));
    return g1 / (g1 + g0);
  }
  return values.reduce((a, b) => a + b, 0) / values.length;
}

function geometricMean(values: readonly number[]): number {
  return Math.exp(values.reduce((a, v) => a + Math.log(v), 0) / values.length);
}

function inAnalyst(e: Diagnostic, analyst: string): Diagnostic {
  return { ...e, message: `${analyst}'s assessment: ${e.message}` };
}
