import type { Evaluation } from '../engine/evaluate';

/** Each policy's JSON, kept with the policy: evaluations that choose alike share it. */
const policies = new WeakMap<object, string>();

/**
 * An evaluation as JSON: what `JSON.stringify` gives, with the policy's part kept with the
 * policy array (src/engine/evaluate.ts `policy`). In a tree of thousands of decisions the policy
 * is most of the text, and the one part that seldom changes when a parameter does.
 */
export function evaluationJson(evaluation: Evaluation): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(evaluation)) {
    if (value === undefined) continue;
    let json: string;
    if (key === 'policy') {
      const policy = value as Evaluation['policy'];
      json = policies.get(policy) ?? JSON.stringify(policy);
      policies.set(policy, json);
    } else json = JSON.stringify(value);
    parts.push(`${JSON.stringify(key)}:${json}`);
  }
  return `{${parts.join(',')}}`;
}
