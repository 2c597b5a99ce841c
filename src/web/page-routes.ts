import { Router } from 'express';
import { formatDiagnostic } from '../load';
import { readForm } from './form-overrides';
import { scenarioPage } from './scenario-page';
import { summaryViews } from './view-models';
import { SCENARIO_ID, type ScenarioStore } from './scenario-store';

/** The HTML pages: the list of scenarios and one page per scenario. */
export function pageRoutes(store: ScenarioStore): Router {
  const router = Router();

  router.get('/', async (_req, res) => {
    const list = await store.list();
    res.render('index', { title: 'Scenarios', scenarios: summaryViews(list) });
  });

  router.get('/scenarios/:id', async (req, res) => {
    const id = String(req.params.id).toLowerCase();
    const found = SCENARIO_ID.test(id) ? await store.get(id) : undefined;
    if (!found) {
      res.status(SCENARIO_ID.test(id) ? 404 : 400).render('error', {
        title: 'Not found',
        message: `There is no scenario '${String(req.params.id)}'.`,
        errors: [],
      });
      return;
    }
    const { doc } = found;
    if (!doc.ok) {
      res.status(422).render('error', {
        title: 'This scenario has problems',
        message: `${store.relative(doc.opened)} does not validate. Fix these in your editor or in the browser (/scenarios/${id}/edit), then reload:`,
        errors: doc.errors.map((e) => formatDiagnostic(e, doc.text)),
      });
      return;
    }
    const page = scenarioPage(id, doc, readForm(req.query), found.variantOf);
    res.status(page.stale ? 422 : 200).render('scenario', page);
  });

  return router;
}
