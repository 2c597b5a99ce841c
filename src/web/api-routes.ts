import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { evaluateDocument } from '../document';
import { scenarioToJson } from '../model/scenario-json';
import { errorBody, errorsBody } from './error-body';
import { SCENARIO_ID, type ScenarioStore, type StoredScenario } from './scenario-store';

/** The body of `POST /api/scenarios/:id/evaluate`. */
const EvaluateBody = z.strictObject({
  set: z.record(z.string(), z.union([z.number(), z.string()])).optional(),
  weight: z.record(z.string(), z.number()).optional(),
  probability: z.record(z.string(), z.number()).optional(),
});

/** The JSON API of FORMAT.md section 5 (reads and evaluation). */
export function apiRoutes(store: ScenarioStore): Router {
  const router = Router();

  router.get('/scenarios', async (_req, res) => {
    const list = await store.list();
    res.json(
      list.map(({ id, doc }) => ({
        id,
        title: doc.ok ? doc.scenario.title : null,
        valid: doc.ok,
        choice: doc.ok ? doc.base.choice : null,
        errors: doc.ok ? [] : errorsBody(doc.errors).errors,
      })),
    );
  });

  router.get('/scenarios/:id', async (req, res) => {
    const found = await find(store, req, res);
    if (!found) return;
    const { doc } = found;
    if (!doc.ok) {
      res.status(422).json(errorsBody(doc.errors));
      return;
    }
    res.json({ id: found.id, scenario: scenarioToJson(doc.scenario), evaluation: doc.base });
  });

  router.post('/scenarios/:id/evaluate', async (req, res) => {
    const found = await find(store, req, res);
    if (!found) return;
    const body = EvaluateBody.safeParse(req.body ?? {});
    if (!body.success) {
      const issue = body.error.issues[0]!;
      const where = issue.path.length > 0 ? issue.path.join('.') : 'body';
      res
        .status(400)
        .json(
          errorBody(
            'BAD_REQUEST',
            `${where}: ${issue.message}; expected {"set": {name: number | expression}, "weight": {criterion: number}, "probability": {path: number}}`,
            where,
          ),
        );
      return;
    }
    const result = evaluateDocument(found.doc, body.data);
    if (!result.ok) {
      res.status(422).json(errorsBody(result.errors));
      return;
    }
    res.json(result.value);
  });

  return router;
}

/** Looks up `:id`, answering 400 or 404 itself when there is nothing to work on. */
async function find(
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
