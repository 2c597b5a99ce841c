import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { acceptsGzip } from './accepts-gzip';
import { loopbackAllows } from './access-control';
import type { ApiAnswer, ApiAnswers } from './api-answers';
import { apiError, MAX_BODY_BYTES } from './api-error';
import { JSON_UTF8 } from './api-routes';
import type { EtagOf } from './kept-body';
import { utf8Bytes } from './utf8-bytes';

/** What the front answers: the list, a scenario, an evaluation, the live page's update. */
type Route =
  | { kind: 'list' }
  | { kind: 'scenario'; id: string }
  | { kind: 'evaluate'; id: string }
  | { kind: 'explore'; id: string; part: 'robustness' | undefined };

const SCENARIO = /^\/api\/scenarios\/([a-z0-9_-]+)$/;
const EVALUATE = /^\/api\/scenarios\/([a-z0-9_-]+)\/evaluate$/;
const EXPLORE = /^\/api\/scenarios\/([a-z0-9_-]+)\/explore(\?part=robustness)?$/;
/** A JSON body as `express.json` reads it with no more ado: UTF-8, not compressed. */
const JSON_TYPE = /^application\/json(?: *; *charset=(?:"utf-8"|utf-8))?$/i;
const DIGITS = /^\d+$/;

/** What the front needs of the app. */
export interface FrontOptions {
  /** Team mode: every request goes through the app's checks of tokens and sessions. */
  teamMode: boolean;
  /** The headers the app sets on every response (helmet's, which do not depend on it). */
  headers: readonly (readonly [string, string])[];
  /** Express's ETag of a body. */
  etagOf: EtagOf;
}

/**
 * The JSON API's frequent requests (the list, a scenario, evaluate, the live page's explore),
 * answered before Express sees them. Express's own work per request (its router, helmet's
 * middleware, the body parser, the author's scope) is several times that of answering from the
 * caches; under 50 connections that is the difference between tens and hundreds of ms.
 *
 * The front takes a request only when it plainly passes every check of the app as it is (a
 * loopback address without a token, no other site's Origin, not over TLS, a plain UTF-8 JSON
 * body within the limit, a URL in its canonical form, no conditional GET), and decides that from
 * the headers, before reading the body; Express gets every other untouched. Answers come from
 * the same `ApiAnswers` as Express's routes, with the same headers (helmet's, Content-Type,
 * Content-Length, ETag), so they are the same bytes; tests/web/api-front.test.ts compares them.
 * Returns whether it took the request.
 */
export function apiFront(
  answers: ApiAnswers,
  options: FrontOptions,
): (req: IncomingMessage, res: ServerResponse) => boolean {
  const fixed = options.headers.flat();
  /** Sends an answer; `etag`: with an ETag (Express's when the answer brings none). */
  const send = (res: ServerResponse, etag: boolean, answer: ApiAnswer): void => {
    const { status, body, encoding } = answer;
    const bytes = typeof body === 'string' ? utf8Bytes(body) : body;
    const headers = [...fixed, 'Content-Type', JSON_UTF8];
    if (encoding !== undefined) headers.push('Vary', 'Accept-Encoding');
    if (encoding === 'gzip') headers.push('Content-Encoding', 'gzip');
    headers.push('Content-Length', String(bytes.length));
    if (etag) headers.push('ETag', answer.etag ?? options.etagOf(bytes));
    res.writeHead(status, headers);
    res.end(bytes);
  };
  /** Sends what `compute` gives: to a GET with an ETag, to a POST (a computation) without. */
  const answer = (res: ServerResponse, get: boolean, compute: () => Promise<ApiAnswer>): void => {
    compute().then(
      (a) => send(res, get, a),
      (err: unknown) => {
        // As the app's error handler sends it (res.json), ETag and all.
        const { status, body } = apiError(err);
        send(res, true, { status, body: JSON.stringify(body) });
      },
    );
  };

  return (req, res) => {
    if (options.teamMode || (req.socket as TLSSocket).encrypted) return false;
    const route = routeOf(req.method, req.url);
    if (!route || !loopbackAllows(req.method, req.headers)) return false;
    switch (route.kind) {
      case 'list':
      case 'scenario':
        // A body on a GET still goes through the parser; a conditional GET may be a 304.
        if (hasBody(req.headers) || isConditional(req.headers)) return false;
        answer(res, true, () =>
          route.kind === 'list'
            ? answers.list(acceptsGzip(req.headers))
            : answers.scenario(route.id, acceptsGzip(req.headers), options.etagOf),
        );
        return true;
      case 'evaluate':
      case 'explore': {
        const length = plainJsonLength(req.headers);
        if (length === undefined) return false;
        answer(res, false, async () => {
          const body = parseJson(await readBody(req, length));
          return route.kind === 'evaluate'
            ? answers.evaluate(route.id, body)
            : answers.explore(route.id, route.part, body);
        });
        return true;
      }
    }
  };
}

function routeOf(method: string | undefined, url: string | undefined): Route | undefined {
  if (url === undefined) return undefined;
  if (method === 'GET') {
    if (url === '/api/scenarios') return { kind: 'list' };
    const id = SCENARIO.exec(url)?.[1];
    return id === undefined ? undefined : { kind: 'scenario', id };
  }
  if (method !== 'POST') return undefined;
  const evaluate = EVALUATE.exec(url)?.[1];
  if (evaluate !== undefined) return { kind: 'evaluate', id: evaluate };
  const explore = EXPLORE.exec(url);
  return explore
    ? { kind: 'explore', id: explore[1]!, part: explore[2] ? 'robustness' : undefined }
    : undefined;
}

function hasBody(headers: IncomingHttpHeaders): boolean {
  return headers['transfer-encoding'] !== undefined || headers['content-length'] !== undefined;
}

function isConditional(headers: IncomingHttpHeaders): boolean {
  return headers['if-none-match'] !== undefined || headers['if-modified-since'] !== undefined;
}

/** The length of a body `express.json` would read as it is; undefined for any other. */
function plainJsonLength(headers: IncomingHttpHeaders): number | undefined {
  const type = headers['content-type'];
  const length = headers['content-length'];
  const encoding = headers['content-encoding'];
  if (type === undefined || !JSON_TYPE.test(type)) return undefined;
  if (encoding !== undefined && encoding.toLowerCase() !== 'identity') return undefined;
  if (headers['transfer-encoding'] !== undefined || length === undefined) return undefined;
  if (!DIGITS.test(length)) return undefined;
  const n = Number(length);
  return n > 0 && n <= MAX_BODY_BYTES ? n : undefined;
}

function readBody(req: IncomingMessage, length: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, length)));
    req.on('error', reject);
  });
}

/**
 * The body as `express.json` reads it (strict: an object or an array, a byte-order mark
 * dropped); what it refuses throws the error it would give, which the app answers with 400.
 */
function parseJson(bytes: Buffer): unknown {
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  const first = /^[ \t\n\r]*(.)/s.exec(text)?.[1];
  try {
    if (first !== '{' && first !== '[') throw new SyntaxError('not an object or array');
    return JSON.parse(text) as unknown;
  } catch {
    throw Object.assign(new Error('request body is not valid JSON'), {
      status: 400,
      type: 'entity.parse.failed',
    });
  }
}
