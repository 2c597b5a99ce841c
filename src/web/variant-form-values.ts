import type { ScenarioDocument } from '../document';
import type { Overrides } from '../engine';
import { FIELD_PREFIX } from './form-overrides';

/** A variant's own values as the form's fields (none for a scenario file). */
export function variantFormValues(doc: ScenarioDocument & { ok: true }): Record<string, string> {
  return variantFields(doc.variant?.overrides ?? {});
}

/** A variant's overrides as form fields. */
export function variantFields(o: Overrides): Record<string, string> {
  return Object.fromEntries([
    ...Object.entries(o.set ?? {}).map(([k, v]) => [FIELD_PREFIX.parameter + k, String(v)]),
    ...Object.entries(o.weight ?? {}).map(([k, v]) => [FIELD_PREFIX.weight + k, String(v)]),
    ...Object.entries(o.probability ?? {}).map(([k, v]) => [
      FIELD_PREFIX.probability + k,
      String(v),
    ]),
    ...(o.observe ?? []).map((x) => [FIELD_PREFIX.observe + x.id, x.seen ? 'seen' : 'not']),
  ]) as Record<string, string>;
}
