import { diagnostic, type Diagnostic, type SourcePath } from '../model/diagnostic';
import type { RawIndicator } from '../model/schema';
import type { Indicator, Parameter, Quantity } from '../model/types';

/** What indicators are checked against. */
export interface IndicatorContext {
  readonly parameters: readonly Parameter[];
  readonly sourceIds: ReadonlySet<string>;
  /** Parameters read by a branch probability. */
  readonly probabilities: ReadonlySet<number>;
  readonly errors: Diagnostic[];
}

/**
 * `indicators:` (FORMAT.md section 9): each updates one existing probability parameter, with
 * likelihoods in [0, 1] that tell seeing it apart (if_true and if_false equal tell nothing).
 */
export function resolveIndicators(
  list: readonly RawIndicator[],
  at: SourcePath,
  context: IndicatorContext,
): Indicator[] {
  const { errors } = context;
  const seen = new Set<string>();
  const byName = new Map(context.parameters.map((p) => [p.name, p]));
  const out: Indicator[] = [];
  list.forEach((raw, i) => {
    const iat = at.child(i);
    let ok = true;
    const fail = (code: Parameters<typeof diagnostic>[0], message: string, where: SourcePath) => {
      errors.push(diagnostic(code, message, where, raw.id));
      ok = false;
    };
    if (seen.has(raw.id))
      fail('DUPLICATE_ID', `indicator id '${raw.id}' is used twice`, iat.child('id'));
    seen.add(raw.id);
    const parameter = byName.get(raw.updates);
    if (!parameter) {
      const known = context.parameters.map((p) => p.name);
      fail(
        'UNKNOWN_PARAMETER',
        `indicator '${raw.id}' updates '${raw.updates}', which is not a parameter${known.length > 0 ? `; parameters are ${known.join(', ')}` : ''}`,
        iat.child('updates'),
      );
    } else if (!isProbability(parameter, context.probabilities)) {
      fail(
        'NOT_A_PROBABILITY',
        `indicator '${raw.id}' updates '${raw.updates}', which is not a probability: an indicator updates a parameter whose value lies in [0, 1] and that a branch probability reads, or that is written as a phrase`,
        iat.child('updates'),
      );
    }
    for (const key of ['if_true', 'if_false'] as const) {
      const v = raw[key];
      if (!Number.isFinite(v) || v < 0 || v > 1)
        fail(
          'PROBABILITY_RANGE',
          `${key} of indicator '${raw.id}' is ${v}; a likelihood lies in [0, 1]`,
          iat.child(key),
        );
    }
    if (raw.source !== undefined && !context.sourceIds.has(raw.source))
      fail('UNKNOWN_SOURCE', `unknown source '${raw.source}'`, iat.child('source'));
    if (!ok || !parameter) return;
    out.push({
      id: raw.id,
      label: raw.label ?? raw.id,
      parameter: parameter.index,
      ifTrue: raw.if_true,
      ifFalse: raw.if_false,
      note: raw.note ?? null,
      source: raw.source ?? null,
      at: iat,
    });
  });
  return out;
}

/**
 * A probability: written as a phrase, read by a branch probability, or a literal in [0, 1]
 * (an expression's value is checked when it is evaluated).
 */
function isProbability(p: Parameter, probabilities: ReadonlySet<number>): boolean {
  if (p.probability || probabilities.has(p.index)) return inUnit(p.value) !== false;
  return inUnit(p.value) === true;
}

function inUnit(q: Quantity): boolean | undefined {
  return q.kind === 'number' ? q.value >= 0 && q.value <= 1 : undefined;
}
