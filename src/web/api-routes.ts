import { Router, type Response } from 'express';
import type { ApiAnswer, ApiAnswers } from './api-answers';
import { acceptsGzip } from './accepts-gzip';
import type { EtagOf } from './kept-body';

/** The type Express gives a JSON body sent as text (a Buffer would go without the charset). */
export const JSON_UTF8 = 'application/json; charset=utf-8';

/** The JSON API of FORMAT.md section 5 (reads and evaluation), through Express. */
export function apiRoutes(answers: ApiAnswers): Router {
  const router = Router();

  router.get('/scenarios', async (req, res) => {
    send(res, await answers.list(acceptsGzip(req.headers)));
  });

  router.get('/scenarios/:id', async (req, res) => {
    const etagOf = req.app.get('etag fn') as EtagOf;
    send(res, await answers.scenario(req.params.id, acceptsGzip(req.headers), etagOf));
  });

  router.post('/scenarios/:id/evaluate', async (req, res) => {
    send(res, await answers.evaluate(req.params.id, req.body), 'POST');
  });

  router.post('/scenarios/:id/explore', async (req, res) => {
    send(res, await answers.explore(req.params.id, req.query.part, req.body), 'POST');
  });

  return router;
}

/**
 * Sends an answer as Express does, with an ETag to a GET; an answer to a POST, a computation
 * rather than a version of anything, goes without one.
 */
function send(
  res: Response,
  { status, body, etag, encoding }: ApiAnswer,
  method: 'GET' | 'POST' = 'GET',
): void {
  res.status(status).type(JSON_UTF8);
  if (encoding !== undefined) res.vary('Accept-Encoding');
  if (encoding === 'gzip') res.set('Content-Encoding', 'gzip');
  if (method === 'POST') {
    // res.send would add an ETag; end() sends the body as it is.
    res.set('Content-Length', String(Buffer.byteLength(body))).end(body);
    return;
  }
  // A kept body comes with its ETag: Express does not hash it again, and still answers 304 to
  // an If-None-Match that names it. Headers in the order Express would set them.
  if (etag !== undefined)
    res.set('Content-Length', String(Buffer.byteLength(body))).set('ETag', etag);
  res.send(body);
}
