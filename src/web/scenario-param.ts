import type { NextFunction, Request, Response } from 'express';
import type { ScenarioFolder, StoredScenario } from '../folder/scenario-folder';
import { lookUpScenario } from './find-scenario';

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
    (res.locals as ScenarioLocals).scenario = await lookUpScenario(folder, raw);
    next();
  };
}

/** The scenario `router.param` loaded. */
export function scenarioOf(res: Response): StoredScenario {
  return (res.locals as ScenarioLocals).scenario;
}
