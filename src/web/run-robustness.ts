import { analyse, type Analysis } from '../analysis/analyse';
import type { ScenarioDocument } from '../document';
import { inScenarioOrder, type FormInput } from './form-overrides';
import { wantsRobustness, type RobustnessInput } from './robustness-view';

/**
 * The robustness analyses asked for (Simulate, spider, two-way), run apart from the page's
 * analysis: a bad input name there must not mark the results stale, and the bottom line stays
 * the one the page's own analysis drew. `ran` is null when none ran; `errors` says why.
 */
export function runRobustness(
  doc: ScenarioDocument & { ok: true },
  sent: FormInput,
  robust: RobustnessInput,
  stale: boolean,
): { ran: Analysis | null; errors: string[] } {
  let ran: Analysis | null = null;
  const errors = [...robust.errors];
  if (!stale && wantsRobustness(robust) && robust.errors.length === 0) {
    const r = analyse(doc, {
      ...robust.request,
      overrides: inScenarioOrder(sent.overrides, doc.scenario),
    });
    if (r.ok) ran = r.value;
    else errors.push(...r.errors.map((d) => d.message));
  } else if (stale && wantsRobustness(robust))
    errors.push('Fix the values marked in the form first: these analyses use them.');
  return { ran, errors };
}
