import type { Analysis } from '../analysis/analyse';
import { inputText, probabilityText } from '../present';
import { indicatorSentence } from '../present/indicator-text';
import { FIELD_PREFIX, type FormInput } from './form-overrides';
import { htmlId } from './html-id';

/** One indicator as a three-way control: not looked for, seen, looked for and not seen. */
export interface IndicatorView {
  id: string;
  /** The form field, `observe.<id>`. */
  name: string;
  htmlId: string;
  label: string;
  note: string | null;
  source: string | null;
  /** The probability it updates, and how likely it is seen if the event happens or not. */
  parameter: string;
  likelihoods: string;
  state: 'unknown' | 'seen' | 'not';
  /** Either answer would change the recommendation shown: watch it. */
  watch: boolean;
  /** What each answer would do (when not yet answered), or what the answer did. */
  sentences: string[];
  error: string | null;
}

/**
 * The indicators as the form shows them: the answer given (from the form), and from the
 * analysis, which unanswered ones would change the recommendation and what each answer does.
 */
export function indicatorViews(
  a: Analysis,
  form: FormInput,
  errors: Record<string, string>,
  stale: boolean,
): IndicatorView[] {
  const { scenario } = a;
  const found = stale ? null : a.indicators;
  return scenario.indicators.map((indicator) => {
    const name = FIELD_PREFIX.observe + indicator.id;
    const sent = form.values[name];
    const state = sent === 'seen' ? 'seen' : sent === 'not' ? 'not' : 'unknown';
    const parameter = scenario.parameters[indicator.parameter]!;
    const r = found?.indicators.find((x) => x.id === indicator.id);
    const used = a.evaluation.parameters[parameter.name]!;
    const sentences =
      state !== 'unknown'
        ? stale
          ? []
          : [
              `${state === 'seen' ? 'Seen' : 'Looked for and not seen'}: ${parameter.label ?? parameter.name} is now ${probabilityText(used, 'prose')}.`,
            ]
        : r && found
          ? [true, false].map((seen) => indicatorSentence(scenario, found, r, seen))
          : [];
    return {
      id: indicator.id,
      name,
      htmlId: htmlId(name),
      label: indicator.label,
      note: indicator.note,
      source: indicator.source,
      parameter: parameter.label ?? parameter.name,
      likelihoods: `seen ${inputText(indicator.ifTrue)} of the time if it happens, ${inputText(indicator.ifFalse)} if not`,
      state,
      watch: state === 'unknown' && (r?.flips ?? false),
      sentences,
      error: errors[name] ?? null,
    };
  });
}
