import type { ScenarioPageView } from './scenario-page';

/**
 * What the live page updates besides the result panels (the JSON of `POST .../explore`): each
 * field's state, each indicator's, and the numbers behind the results.
 */
export function liveState(page: ScenarioPageView) {
  return {
    stale: page.stale,
    changed: page.changed,
    dirty: page.dirty,
    invalid: page.invalid,
    query: page.query,
    messages: page.errors,
    fields: [...page.fields.parameters, ...page.fields.probabilities, ...page.fields.weights].map(
      (f) => ({
        name: f.name,
        value: f.value,
        changed: f.changed,
        error: f.error,
        breakEven: f.breakEven,
        phrase: f.phrases?.find((o) => o.selected)?.phrase || null,
      }),
    ),
    indicators: page.indicators.map((i) => ({
      id: i.id,
      name: i.name,
      state: i.state,
      watch: i.watch,
      sentences: i.sentences,
      error: i.error,
    })),
    numbers: page.numbers,
  };
}
