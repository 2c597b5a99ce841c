import type { Diagnostic, Result } from '../model/diagnostic';
import type { Scenario } from '../model/types';
import { computeInputs, planInputs, type InputPlan, type Overrides, type Pin } from './inputs';
import { DECISION, programOf, type Program } from './program';
import { rollback, rollbackBuffers, type Rollback } from './rollback';

/** What one probe of the tree reports: the root's expected score and its options'. */
export interface ProbeResult {
  /** Expected score at the root under the best policy. */
  readonly score: number;
  /** Index of the best root option (first listed on a tie), or -1 when the root is not a decision. */
  readonly best: number;
  /** Score of each root option over whole paths (the root's own payoff included). */
  readonly options: Float64Array;
}

/**
 * Evaluates one scenario over and over with some parameters pinned or weights changed, as the
 * analyses do: the tree is compiled and the overrides planned once, and every run reuses the
 * same buffers.
 */
export class Probe {
  private readonly work: Rollback;

  private constructor(
    readonly scenario: Scenario,
    readonly program: Program,
    readonly plan: InputPlan,
  ) {
    this.work = rollbackBuffers(program);
  }

  /** A probe of `scenario` with `overrides` as its base case. */
  static of(scenario: Scenario, overrides: Overrides = {}): Result<Probe> {
    const plan = planInputs(scenario, overrides);
    return plan.ok
      ? { ok: true, value: new Probe(scenario, programOf(scenario), plan.value) }
      : plan;
  }

  /** Number of root options (0 when the root is not a decision). */
  get optionCount(): number {
    return this.program.kind[0] === DECISION ? this.program.childCount[0]! : 0;
  }

  /** Index of the parameter `name`, or -1. */
  parameterIndex(name: string): number {
    return this.scenario.parameters.findIndex((p) => p.name === name);
  }

  /** Runs the tree with `pins` and `weights` (default: the base case's). */
  run(
    pins: readonly Pin[] = [],
    weights?: Float64Array,
  ): { ok: true; value: ProbeResult } | { ok: false; errors: Diagnostic[] } {
    const inputs = computeInputs(this.plan, pins, weights);
    if (!inputs.ok) return inputs;
    const result = rollback(this.program, inputs.value, this.work);
    if (!result.ok) return result;
    const r = result.value;
    const { program } = this;
    const n = this.optionCount;
    const options = new Float64Array(n);
    if (n > 0) {
      const k = inputs.value.coefficients;
      let rootPayoff = 0;
      for (let c = 0; c < program.criteria; c++) rootPayoff += k[c]! * r.payoff[c]!;
      const first = program.firstChild[0]!;
      for (let j = 0; j < n; j++) options[j] = r.score[first + j]! + rootPayoff;
    }
    return {
      ok: true,
      value: {
        score: r.score[0]!,
        best: n > 0 ? r.choice[0]! - program.firstChild[0]! : -1,
        options,
      },
    };
  }

  /** Id of root option `index`, or null for -1. */
  optionId(index: number): string | null {
    return index < 0 ? null : this.program.nodes[this.program.firstChild[0]! + index]!.id;
  }

  /** Label of root option `index`. */
  optionLabel(index: number): string {
    return this.program.nodes[this.program.firstChild[0]! + index]!.label;
  }
}
