import { diagnostic, type Diagnostic, type SourcePath } from '../model/diagnostic';
import type { RawExpectation } from '../model/schema';
import type { Criterion, Expectation, ExpectationInput, Parameter } from '../model/types';

/** What expectations are checked against. */
export interface ExpectationContext {
  readonly parameters: readonly Parameter[];
  readonly criteria: readonly Criterion[];
  /** The root options' ids, or null when the root is not a decision. */
  readonly options: readonly string[] | null;
  readonly errors: Diagnostic[];
}

/**
 * `expect:` (FORMAT.md section 7): names checked against the scenario; whether each holds is
 * the engine's business.
 */
export function resolveExpectations(
  list: readonly RawExpectation[],
  at: SourcePath,
  context: ExpectationContext,
): Expectation[] {
  const out: Expectation[] = [];
  list.forEach((raw, i) => {
    const eat = at.child(i);
    const before = context.errors.length;
    if (context.options === null)
      context.errors.push(
        diagnostic('BAD_VALUE', 'expectations need a root decision to check', eat),
      );
    else if (raw.best !== undefined && !context.options.includes(raw.best))
      context.errors.push(
        diagnostic(
          'BAD_VALUE',
          `best: '${raw.best}' is not an option of the root decision; options are ${context.options.join(', ')}`,
          eat.child('best'),
        ),
      );
    const moves = Object.entries(raw.while ?? {}).flatMap(([key, [low, high]]) => {
      const input = inputOf(key, eat.child('while', key), context);
      if (low > high)
        context.errors.push(
          diagnostic(
            'BAD_VALUE',
            `interval [${low}, ${high}] of '${key}' has low > high; write [low, high]`,
            eat.child('while', key),
          ),
        );
      return input ? [{ input, low, high }] : [];
    });
    const given = Object.entries(raw.given ?? {}).flatMap(([key, value]) => {
      const input = inputOf(key, eat.child('given', key), context);
      if (input?.kind === 'weight' && (typeof value !== 'number' || value < 0))
        context.errors.push(
          diagnostic(
            'BAD_VALUE',
            `a weight in given: must be a number >= 0, got '${value}'`,
            eat.child('given', key),
          ),
        );
      return input ? [{ input, value }] : [];
    });
    for (const key of Object.keys(raw.while ?? {}))
      if (raw.given && Object.hasOwn(raw.given, key))
        context.errors.push(
          diagnostic(
            'BAD_VALUE',
            `'${key}' is both moved (while) and held (given); choose one`,
            eat.child('given', key),
          ),
        );
    if (context.errors.length > before) return;
    out.push({
      best: raw.best ?? null,
      margin: raw.margin ?? null,
      while: moves,
      given,
      note: raw.note ?? null,
      at: eat,
    });
  });
  return out;
}

function inputOf(
  key: string,
  at: SourcePath,
  context: ExpectationContext,
): ExpectationInput | undefined {
  if (key.startsWith('weight.')) {
    const id = key.slice('weight.'.length);
    const criterion = context.criteria.findIndex((c) => c.id === id);
    if (criterion >= 0) return { kind: 'weight', name: key, criterion };
    context.errors.push(
      diagnostic(
        'UNKNOWN_CRITERION',
        `'${key}' names no criterion; criteria are ${context.criteria.map((c) => c.id).join(', ')}`,
        at,
        null,
        true,
      ),
    );
    return undefined;
  }
  const p = context.parameters.find((x) => x.name === key);
  if (p) return { kind: 'parameter', name: key, index: p.index };
  context.errors.push(
    diagnostic(
      'UNKNOWN_PARAMETER',
      `'${key}' is neither a parameter nor weight.<criterion id>; parameters are ${context.parameters.map((x) => x.name).join(', ')}`,
      at,
      null,
      true,
    ),
  );
  return undefined;
}
