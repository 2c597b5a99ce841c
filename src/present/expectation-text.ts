import type { ExpectationCheck } from '../engine/expectations';
import { phraseOf } from '../model/phrases';
import type { Expectation, Scenario } from '../model/types';

/** A number in an expectation's message: three significant figures, as break-evens are shown. */
function n(x: number): string {
  const s = String(Number(x.toPrecision(3)));
  return s === '-0' ? '0' : s;
}

/** What an expectation asks, in the file's own terms: "best is X while p in [0.5, 0.8]". */
export function describeExpectation(e: Expectation): string {
  const asks = [
    ...(e.best !== null ? [`best is ${e.best}`] : []),
    ...(e.margin !== null ? [`${e.best ?? 'the best option'} leads by >= ${n(e.margin)}`] : []),
  ].join(' and ');
  const given = e.given.map(
    (g) => `${g.input.name} = ${typeof g.value === 'number' ? n(g.value) : g.value}`,
  );
  const moved = e.while.map((w) => `${w.input.name} in [${n(w.low)}, ${n(w.high)}]`);
  return [
    asks,
    ...(moved.length > 0 ? [`while ${moved.join(', ')}`] : []),
    ...(given.length > 0 ? [`given ${given.join(', ')}`] : []),
  ].join(' ');
}

/**
 * The sentence `check` prints: what the expectation asks and, when it fails, where and what is
 * found there ("fails below p_ceasefire_holds = 0.448: firm-stance is best there").
 */
export function expectationMessage(c: ExpectationCheck, scenario?: Scenario): string {
  const what = describeExpectation(c.expectation);
  // A value of a probability parameter is followed by its phrase, like every probability shown.
  const probabilities = new Set(
    (scenario?.parameters ?? []).filter((p) => p.probability).map((p) => p.name),
  );
  const value = (name: string, x: number) =>
    `${n(x)}${probabilities.has(name) && x >= 0 && x <= 1 ? ` (${phraseOf(x)})` : ''}`;
  if (c.ok) return `holds: ${what}`;
  if (c.errors.length > 0) return `${what}: cannot be checked: ${c.errors[0]!.message}`;
  const where =
    c.boundaries.length > 0
      ? c.boundaries.map((b) => `${b.side} ${b.input} = ${value(b.input, b.value)}`).join(' and ')
      : `at ${
          Object.entries(c.counterexample?.values ?? {})
            .map(([k, v]) => `${k} = ${value(k, v)}`)
            .join(', ') || 'the base case'
        }`;
  const found = c.counterexample;
  const there =
    found === null
      ? ''
      : found.choice !== c.expectation.best && c.expectation.best !== null
        ? `: ${found.choice ?? 'no option'} is best there`
        : found.margin !== null
          ? `: ${found.choice ?? 'the best option'} leads by only ${n(found.margin)} there`
          : '';
  return `${what}: fails ${where}${there}`;
}

/** The counterexample as published in JSON: input values, or null when it holds. */
export function counterexampleJson(c: ExpectationCheck): Record<string, number> | null {
  if (c.ok) return null;
  return c.counterexample ? { ...c.counterexample.values } : {};
}
