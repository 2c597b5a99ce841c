import { Router, type Request } from 'express';
import { errorBody, errorsBody } from './error-body';
import { findScenario } from './find-scenario';
import { readForm } from './form-overrides';
import { readRobustness } from './robustness-view';
import { scenarioPage } from './scenario-page';
import type { ScenarioStore } from './scenario-store';

/**
 * `POST /api/scenarios/:id/robustness`: the page's Simulate, spider and two-way panel for the
 * form's fields and the panel's own (`simulate`, `iterations`, `seed`, `spider`, `two_x`,
 * `two_y`), answered with the panel rendered by the same partial as the page (`html`) and
 * whether the form's values were usable (`stale`). The page's script shows a progress
 * indication while it waits; a run of the most iterations allowed takes a few seconds.
 */
export function robustnessRoutes(store: ScenarioStore): Router {
  const router = Router();
  router.post('/scenarios/:id/robustness', async (req, res) => {
    const found = await findScenario(store, req, res);
    if (!found) return;
    const { doc } = found;
    if (!doc.ok) {
      res.status(422).json(errorsBody(doc.errors));
      return;
    }
    const body: unknown = req.body;
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      res
        .status(400)
        .json(
          errorBody(
            'BAD_REQUEST',
            'expected a JSON object of form fields, such as {"simulate": "1", "iterations": "10000"}',
          ),
        );
      return;
    }
    const fields = body as Record<string, unknown>;
    const page = scenarioPage(
      found.id,
      doc,
      readForm(fields),
      found.variantOf,
      readRobustness(fields),
    );
    const html = await renderView(req, 'partials/robustness-results', {
      robustness: page.robustness,
    });
    res.json({ stale: page.stale, errors: page.robustness.errors, html });
  });
  return router;
}

function renderView(req: Request, view: string, locals: object): Promise<string> {
  return new Promise((resolve, reject) => {
    req.app.render(view, locals, (err: Error | null, html?: string) =>
      err ? reject(err) : resolve(html ?? ''),
    );
  });
}
