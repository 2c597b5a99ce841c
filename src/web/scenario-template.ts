/** A small valid scenario to start from: every key an analyst needs, each with a placeholder. */
export function template(title: string): string {
  const quoted = JSON.stringify(title || 'New scenario');
  return `title: ${quoted}
description: |
  **Question.** What decision is being made, by whom?
  **Time horizon.** Over what period are outcomes judged?
  **Out of scope.** What this model deliberately leaves out.
sources:
  - id: analyst
    title: Analyst judgement
criteria:
  - id: value
    label: Overall value
    weight: 1
    direction: max
parameters:
  p_success:
    value: 0.5
    range: [0.3, 0.7]
    distribution: beta(5, 5)
    label: Probability that the bold option succeeds
    source: analyst
    note: Why this number; who said it.
root:
  type: decision
  label: What do we do?
  options:
    - label: Bold option
      type: chance
      branches:
        - label: It succeeds
          probability: p_success
          type: outcome
          payoff: 10
        - label: It fails
          probability: "#"
          type: outcome
          payoff: -5
    - label: Cautious option
      type: outcome
      payoff: 2
`;
}
