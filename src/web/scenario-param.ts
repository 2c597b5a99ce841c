import type { NextFunction, Request, Response } from 'express';
import { SCENARIO_ID, type ScenarioFolder, type StoredScenario } from '../folder/scenario-folder';
import { HttpError } from './http-error';

/** What `router.param('id', scenarioParam(folder))` leaves for the routes. */
export interface ScenarioLocals {
  scenario: StoredScenario;
}

/**
 * Loads the scenario, variant or assessment named by `:id` into `res.locals.scenario`, or throws
 * 400 (an id outside `[a-z0-9_-]`) or 404 (no such file in the folder) to the error handler.
 */
export function scenarioParam(folder: ScenarioFolder) {
  return async (_req: Request, res: Response, next: NextFunction, raw: unknown): Promise<void> => {
    const id = String(raw).toLowerCase();
    if (!SCENARIO_ID.test(id))
      throw new HttpError(
        400,
        'BAD_REQUEST',
        `scenario id '${String(raw)}' may contain only a-z, 0-9, '_' and '-'`,
        'id',
      );
    const found = await folder.get(id);
    if (!found) throw new HttpError(404, 'NOT_FOUND', `no scenario with id '${id}'`, 'id');
    (res.locals as ScenarioLocals).scenario = found;
    next();
  };
}

/** The scenario `router.param` loaded. */
export function scenarioOf(res: Response): StoredScenario {
  return (res.locals as ScenarioLocals).scenario;
}
