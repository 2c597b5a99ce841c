import type { Request, Response } from 'express';
import { errorBody } from './error-body';
import { SCENARIO_ID, type ScenarioStore, type StoredScenario } from './scenario-store';

/** Looks up `:id`, answering 400 or 404 itself when there is nothing to work on. */
export async function findScenario(
  store: ScenarioStore,
  req: Request,
  res: Response,
): Promise<StoredScenario | undefined> {
  const id = String(req.params.id).toLowerCase();
  if (!SCENARIO_ID.test(id)) {
    res
      .status(400)
      .json(
        errorBody(
          'BAD_REQUEST',
          `scenario id '${String(req.params.id)}' may contain only a-z, 0-9, '_' and '-'`,
          'id',
        ),
      );
    return undefined;
  }
  const found = await store.get(id);
  if (!found) res.status(404).json(errorBody('NOT_FOUND', `no scenario with id '${id}'`, 'id'));
  return found;
}
