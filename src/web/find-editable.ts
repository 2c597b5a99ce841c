import type { Response } from 'express';
import { SCENARIO_ID, VARIANT_SEPARATOR, type ScenarioStore } from './scenario-store';

/** A scenario the editor works on: its id and its file. */
export interface Found {
  id: string;
  file: string;
}

/**
 * The scenario file with id `raw`, or undefined after answering with the error page (a variant,
 * which is not edited as YAML, is refused; an unknown id is not found).
 */
export async function findEditable(
  store: ScenarioStore,
  raw: string,
  res: Response,
): Promise<Found | undefined> {
  const id = raw.toLowerCase();
  if (SCENARIO_ID.test(id) && id.includes(VARIANT_SEPARATOR) && (await store.get(id))?.variantOf) {
    res.status(400).render('error', {
      title: 'A variant is not edited here',
      message: `'${id}' is a variant: a set of values over its scenario, saved from the scenario's page. Open it, change the values and save them as a new variant; its scenario's YAML can be edited here.`,
      errors: [],
    });
    return undefined;
  }
  const path = SCENARIO_ID.test(id) ? await store.fileOf(id) : undefined;
  if (!path) {
    res.status(SCENARIO_ID.test(id) ? 404 : 400).render('error', {
      title: 'Not found',
      message: `There is no scenario '${raw}'.`,
      errors: [],
    });
    return undefined;
  }
  return { id, file: path };
}
