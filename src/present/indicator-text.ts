import type { IndicatorAnalysis, IndicatorsAnalysis } from '../engine/indicators';
import { phraseOf } from '../model/phrases';
import type { Scenario } from '../model/types';

/** A probability in prose: two significant figures and its phrase, "0.30 (unlikely)". */
function p(x: number): string {
  return `${x.toPrecision(2)} (${phraseOf(x)})`;
}

/** Labels longer than this are too long for a sentence: the id stands for them. */
const SHORT = 48;

function optionLabel(scenario: Scenario, id: string | null): string {
  if (id === null) return 'no option';
  const option = scenario.root.children.find((c) => c.id === id);
  return option && option.label.length <= SHORT ? `${option.label} (${id})` : id;
}

/** An indicator's label as the subject of a sentence: quoted when it is a clause of its own. */
function signpost(label: string): string {
  return label.split(/\s+/).length > 4 ? `“${label}”` : label;
}

/**
 * What one answer to an indicator would mean, for a briefing: "If Oreshnik deployment is
 * reported, P(escalation) rises from 0.30 (unlikely) to 0.60 (likely) and the recommendation
 * changes to Firm stance (firm-stance)."
 */
export function indicatorSentence(
  scenario: Scenario,
  base: IndicatorsAnalysis,
  a: IndicatorAnalysis,
  seen: boolean,
): string {
  const parameter = scenario.parameters.find((x) => x.name === a.parameter);
  const what = parameter?.label && parameter.label.length <= SHORT ? parameter.label : a.parameter;
  const outcome = seen ? a.if_seen : a.if_not_seen;
  const move =
    Math.abs(outcome.value - a.prior) < 5e-3
      ? `${what} stays at ${p(a.prior)}`
      : `${what} ${outcome.value > a.prior ? 'rises' : 'falls'} from ${p(a.prior)} to ${p(outcome.value)}`;
  const decision =
    outcome.choice === base.base_choice
      ? `the recommendation stays ${optionLabel(scenario, outcome.choice)}`
      : `the recommendation changes to ${optionLabel(scenario, outcome.choice)}`;
  const when = seen
    ? `If ${signpost(a.indicator.label)} is seen`
    : `If ${signpost(a.indicator.label)} is looked for and not seen`;
  return `${when}, ${move} and ${decision}.`;
}

/** `branchpoint indicators` as text: the indicators that would flip the decision first. */
export function formatIndicators(scenario: Scenario, r: IndicatorsAnalysis): string {
  if (r.indicators.length === 0) return `${scenario.title}\n\nThe scenario lists no indicators.\n`;
  const lines = [
    scenario.title,
    '',
    `Recommended now: ${optionLabel(scenario, r.base_choice)}`,
    '',
  ];
  const watch = r.indicators.filter((a) => a.flips);
  lines.push(
    watch.length > 0
      ? `Watch: ${watch.map((a) => a.id).join(', ')} (either answer could change the recommendation).`
      : 'No single indicator changes the recommendation.',
    '',
  );
  const ordered = [...watch, ...r.indicators.filter((a) => !a.flips)];
  for (const a of ordered) {
    lines.push(
      `${a.flips ? '* ' : '  '}${a.id}: ${a.indicator.label} (updates ${a.parameter}; P(seen | true) ${a.indicator.ifTrue}, P(seen | false) ${a.indicator.ifFalse})`,
      `    ${indicatorSentence(scenario, r, a, true)}`,
      `    ${indicatorSentence(scenario, r, a, false)}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
