import { Router, type Request } from 'express';
import { z } from 'zod';
import { evaluateDocument } from '../document';
import { scenarioToJson } from '../model/scenario-json';
import { errorsBody } from './error-body';
import { EvaluationCache } from './evaluation-cache';
import { HttpError } from './http-error';
import { readForm } from './form-overrides';
import { protoKeyIn } from './reserved-keys';
import { liveState } from './live-state';
import { scenarioPage } from './scenario-page';
import { findScenario } from './find-scenario';
import type { ScenarioStore } from './scenario-store';

/** The body of `POST /api/scenarios/:id/evaluate`. */
const EvaluateBody = z.strictObject({
  set: z.record(z.string(), z.union([z.number(), z.string()])).optional(),
  weight: z.record(z.string(), z.number()).optional(),
  probability: z.record(z.string(), z.number()).optional(),
  /** Indicators looked for, applied in this order after `set` (like --observe). */
  observe: z.array(z.strictObject({ id: z.string(), seen: z.boolean() })).optional(),
});

/** The JSON API of FORMAT.md section 5 (reads and evaluation). */
export function apiRoutes(store: ScenarioStore, cache = new EvaluationCache()): Router {
  const router = Router();

  router.get('/scenarios', async (_req, res) => {
    const list = await store.list();
    res.json(
      list.map(({ id, doc, variantOf }) => ({
        id,
        variant_of: variantOf,
        title: doc.ok ? doc.scenario.title : null,
        valid: doc.ok,
        choice: doc.ok ? doc.base.choice : null,
        errors: doc.ok ? [] : errorsBody(doc.errors).errors,
      })),
    );
  });

  router.get('/scenarios/:id', async (req, res) => {
    const found = await findScenario(store, req, res);
    if (!found) return;
    const { doc } = found;
    if (!doc.ok) {
      res.status(422).json(errorsBody(doc.errors));
      return;
    }
    res.json({ id: found.id, scenario: scenarioToJson(doc.scenario), evaluation: doc.base });
  });

  router.post('/scenarios/:id/evaluate', async (req, res) => {
    const found = await findScenario(store, req, res);
    if (!found) return;
    const proto = protoKeyIn(req.body);
    if (proto) {
      throw new HttpError(
        422,
        'BAD_OVERRIDE',
        `${proto}: '__proto__' names no parameter, criterion or branch`,
        `${proto}.__proto__`,
      );
    }
    const body = EvaluateBody.safeParse(req.body ?? {});
    if (!body.success) {
      const issue = body.error.issues[0]!;
      const where = issue.path.length > 0 ? issue.path.join('.') : 'body';
      throw new HttpError(
        400,
        'BAD_REQUEST',
        `${where}: ${issue.message}; expected {"set": {name: number | expression}, "weight": {criterion: number}, "probability": {path: number}, "observe": [{"id": indicator, "seen": boolean}]}`,
        where,
      );
    }
    const answer = cache.answer(found.id, found.doc, body.data, () => {
      const result = evaluateDocument(found.doc, body.data);
      return result.ok
        ? { status: 200, body: JSON.stringify(result.value) }
        : { status: 422, body: JSON.stringify(errorsBody(store.relativeErrors(result.errors))) };
    });
    res.status(answer.status).type('json').send(answer.body);
  });

  // The live page: the form's fields in, the page's result panels out, rendered by the same
  // templates as the first page load so that the browser needs no second renderer.
  router.post('/scenarios/:id/explore', async (req, res) => {
    const found = await findScenario(store, req, res);
    if (!found) return;
    const { doc } = found;
    if (!doc.ok) {
      res.status(422).json(errorsBody(doc.errors));
      return;
    }
    const body: unknown = req.body;
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      throw new HttpError(
        400,
        'BAD_REQUEST',
        'expected a JSON object of form fields, such as {"p.p_deal": "0.4"}',
      );
    }
    const page = scenarioPage(
      found.id,
      doc,
      readForm(body as Record<string, unknown>),
      found.variantOf,
    );
    const results = await renderView(req, 'partials/results', {
      results: page.results,
      stale: page.stale,
      comparison: page.comparison,
      shownFor: page.shownFor,
    });
    // Problems in the fields are part of what the page shows (next to each field), so this
    // answers 200 with `stale` set rather than an error status.
    const verdict = await renderView(req, 'partials/verdict', { results: page.results });
    res.json({ ...liveState(page), html: { verdict, results, tree: page.results.treeSvg } });
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
