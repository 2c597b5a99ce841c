import { Router } from 'express';
import { z } from 'zod';
import { evaluateDocument } from '../document';
import { scenarioToJson } from '../model/scenario-json';
import { errorsBody } from './error-body';
import { EvaluationCache } from './evaluation-cache';
import { HttpError } from './http-error';
import { protoKeyIn } from './reserved-keys';
import { ListBodies, type EtagOf } from './list-body';
import { LiveViews } from './live-view';
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

/** The type Express gives a JSON body sent as text (a Buffer would go without the charset). */
const JSON_UTF8 = 'application/json; charset=utf-8';

/** The JSON API of FORMAT.md section 5 (reads and evaluation). */
export function apiRoutes(
  store: ScenarioStore,
  cache = new EvaluationCache(),
  live = new LiveViews(),
): Router {
  const router = Router();
  const lists = new ListBodies();

  router.get('/scenarios', async (req, res) => {
    const { body, etag } = lists.body(await store.list(), req.app.get('etag fn') as EtagOf);
    // The ETag given, Express does not hash the body again, and still answers 304 to an
    // If-None-Match that names it. Headers in the order Express would set them.
    res.type(JSON_UTF8).set('Content-Length', String(body.length)).set('ETag', etag).send(body);
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

  // The live page (src/web/live-view.ts): the form's fields and what the page shows in, what
  // differs out as the locals of the page's own partials; `?part=robustness` for the numbers
  // that need many rollbacks. Problems in the fields are part of what the page shows (next to
  // each field), so they answer 200 with `stale` set rather than an error status.
  router.post('/scenarios/:id/explore', async (req, res) => {
    const part = req.query.part;
    if (part !== undefined && part !== 'robustness')
      throw new HttpError(
        400,
        'BAD_REQUEST',
        `part: expected 'robustness' or none, not ${JSON.stringify(part)}`,
        'part',
      );
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
        'expected a JSON object of form fields, such as {"p.p_deal": "0.4", "shown": ""}',
      );
    }
    const { shown, ...fields } = body as Record<string, unknown>;
    if (shown !== undefined && typeof shown !== 'string')
      throw new HttpError(
        400,
        'BAD_REQUEST',
        'shown: expected the query string of the values the page shows, such as "p.p_deal=0.4"',
        'shown',
      );
    const answer =
      part === 'robustness'
        ? live.robustness(found.id, doc, fields)
        : live.fast(found.id, doc, fields, shown ?? null);
    res.type('json').send(answer);
  });

  return router;
}
