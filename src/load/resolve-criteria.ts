import { diagnostic, type Diagnostic, type SourcePath } from '../model/diagnostic';
import { parseDistribution } from '../model/distribution';
import type { RawCriterion } from '../model/schema';
import type { Criterion } from '../model/types';

/**
 * The criteria, or the default single criterion `value` (max, weight 1), with their ids indexed;
 * a weight range must run low to high and stay >= 0.
 */
export function resolveCriteria(
  list: readonly RawCriterion[] | undefined,
  at: SourcePath,
  errors: Diagnostic[],
): { criteria: Criterion[]; index: Map<string, number> } {
  const index = new Map<string, number>();
  if (!list) {
    const only: Criterion = {
      id: 'value',
      label: 'Value',
      weight: 1,
      weightRange: [0.5, 1.5],
      weightDistribution: null,
      direction: 'max',
      unit: null,
      note: null,
      at,
    };
    index.set('value', 0);
    return { criteria: [only], index };
  }
  const criteria = list.map((c, i): Criterion => {
    const cat = at.child(i);
    if (index.has(c.id))
      errors.push(
        diagnostic('DUPLICATE_ID', `criterion id '${c.id}' is used twice`, cat.child('id')),
      );
    index.set(c.id, i);
    const weight = c.weight ?? 1;
    const weightRange = c.weight_range ?? ([weight * 0.5, weight * 1.5] as const);
    if (c.weight_range) checkWeightRange(c.weight_range, cat.child('weight_range'), c.id, errors);
    if (c.weight_distribution !== undefined) {
      const parsed = parseDistribution(c.weight_distribution);
      if (!parsed.ok)
        errors.push(
          diagnostic('BAD_DISTRIBUTION', parsed.message, cat.child('weight_distribution'), c.id),
        );
    }
    return {
      id: c.id,
      label: c.label ?? c.id,
      weight,
      weightRange,
      weightDistribution: c.weight_distribution ?? null,
      direction: c.direction ?? 'max',
      unit: c.unit ?? null,
      note: c.note ?? null,
      at: cat,
    };
  });
  return { criteria, index };
}

function checkWeightRange(
  range: readonly [number, number],
  at: SourcePath,
  id: string,
  errors: Diagnostic[],
): void {
  const [low, high] = range;
  if (low > high)
    errors.push(
      diagnostic('BAD_VALUE', `range [${low}, ${high}] has low > high; write [low, high]`, at, id),
    );
  else if (low < 0)
    errors.push(diagnostic('BAD_VALUE', `range [${low}, ${high}] goes below 0`, at, id));
}
