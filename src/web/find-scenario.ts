import type { Request, Response } from 'express';
import { errorBody } from './error-body';
import { HttpError, isHttpError } from './http-error';
import { SCENARIO_ID, type ScenarioStore, type StoredScenario } from './scenario-store';

/** Looks up `:id`, answering 400 or 404 itself when there is nothing to work on. */
export async function findScenario(
  store: ScenarioStore,
  req: Request,
  res: Response,
): Promise<StoredScenario | undefined> {
  try {
    return await lookUpScenario(store, req.params.id);
  } catch (e) {
    if (!isHttpError(e)) throw e;
    res.status(e.status).json(errorBody(e.code, e.message, e.path));
    return undefined;
  }
}

/** The scenario, variant or assessment with id `raw`; throws 400 (a bad id) or 404 (none). */
export async function lookUpScenario(store: ScenarioStore, raw: unknown): Promise<StoredScenario> {
  const id = String(raw).toLowerCase();
  if (!SCENARIO_ID.test(id))
    throw new HttpError(
      400,
      'BAD_REQUEST',
      `scenario id '${String(raw)}' may contain only a-z, 0-9, '_' and '-'`,
      'id',
    );
  const found = await store.get(id);
  if (!found) throw new HttpError(404, 'NOT_FOUND', `no scenario with id '${id}'`, 'id');
  return found;
}
