import { z } from 'zod';
import { evaluateDocument } from '../document';
import { scenarioToJson } from '../model/scenario-json';
import { errorsBody } from './error-body';
import { evaluationJson } from './evaluation-json';
import { EvaluationCache } from './evaluation-cache';
import { lookUpScenario } from './find-scenario';
import { HttpError } from './http-error';
import { KeptBody, type EtagOf, type Kept } from './kept-body';
import { ListBodies } from './list-body';
import { LiveViews } from './live-view';
import { protoKeyIn } from './reserved-keys';
import type { ScenarioStore } from './scenario-store';
import { utf8Bytes } from './utf8-bytes';

/** The body of `POST /api/scenarios/:id/evaluate`. */
const EvaluateBody = z.strictObject({
  set: z.record(z.string(), z.union([z.number(), z.string()])).optional(),
  weight: z.record(z.string(), z.number()).optional(),
  probability: z.record(z.string(), z.number()).optional(),
  /** Indicators looked for, applied in this order after `set` (like --observe). */
  observe: z.array(z.strictObject({ id: z.string(), seen: z.boolean() })).optional(),
});

/** One answer of the JSON API: its status and JSON body, and the ETag when it is kept. */
export interface ApiAnswer {
  readonly status: number;
  readonly body: string | Buffer;
  readonly etag?: string;
  /**
   * For an answer sent as the request's Accept-Encoding asks (`Vary: Accept-Encoding`): how its
   * body is encoded.
   */
  readonly encoding?: 'gzip' | 'identity';
}

/**
 * The answers of the JSON API's reads and computations (FORMAT.md section 5), apart from how
 * they are sent: Express's routes (src/web/api-routes.ts) and the front that answers the frequent
 * ones before Express (src/web/api-front.ts) send the same. A problem with the request is thrown
 * as an `HttpError`.
 */
export class ApiAnswers {
  private readonly lists = new ListBodies();
  /** `GET /api/scenarios/:id`, as JSON, kept with the document it shows. */
  private readonly shown = new WeakMap<object, { id: string; body: KeptBody }>();

  constructor(
    private readonly store: ScenarioStore,
    private readonly cache = new EvaluationCache(),
    private readonly live = new LiveViews(),
  ) {}

  /** `GET /api/scenarios`, gzipped when the request takes it (`acceptsGzip`). */
  async list(gzip: boolean): Promise<ApiAnswer> {
    return keptAnswer(this.lists.body(await this.store.list()), gzip);
  }

  /**
   * `GET /api/scenarios/:id`, kept with the document it shows (gzipped when the request takes
   * it); `etagOf` is Express's, so the ETag is the one it would send.
   */
  async scenario(rawId: unknown, gzip: boolean, etagOf: EtagOf): Promise<ApiAnswer> {
    const { id, doc } = await lookUpScenario(this.store, rawId);
    if (!doc.ok) return { status: 422, body: JSON.stringify(errorsBody(doc.errors)) };
    const kept = this.shown.get(doc);
    if (kept?.id === id) return keptAnswer(kept.body, gzip);
    const json = utf8Bytes(
      JSON.stringify({ id, scenario: scenarioToJson(doc.scenario), evaluation: doc.base }),
    );
    const body = new KeptBody(json, etagOf(json));
    this.shown.set(doc, { id, body });
    return keptAnswer(body, gzip);
  }

  /**
   * `POST /api/scenarios/:id/evaluate` with `body`, the request's JSON. Like every answer to a
   * POST, it has no ETag: it is a computation, not a version of the scenario to ask about again.
   */
  async evaluate(rawId: unknown, body: unknown): Promise<ApiAnswer> {
    const found = await lookUpScenario(this.store, rawId);
    const proto = protoKeyIn(body);
    if (proto) {
      throw new HttpError(
        422,
        'BAD_OVERRIDE',
        `${proto}: '__proto__' names no parameter, criterion or branch`,
        `${proto}.__proto__`,
      );
    }
    const parsed = EvaluateBody.safeParse(body ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const where = issue.path.length > 0 ? issue.path.join('.') : 'body';
      throw new HttpError(
        400,
        'BAD_REQUEST',
        `${where}: ${issue.message}; expected {"set": {name: number | expression}, "weight": {criterion: number}, "probability": {path: number}, "observe": [{"id": indicator, "seen": boolean}]}`,
        where,
      );
    }
    // Kept as sent: a repeated question is answered without computing or encoding it again.
    return this.cache.answer(found.id, found.doc, parsed.data, () => {
      const result = evaluateDocument(found.doc, parsed.data);
      const body = utf8Bytes(
        result.ok
          ? evaluationJson(result.value)
          : JSON.stringify(errorsBody(this.store.relativeErrors(result.errors))),
      );
      return { status: result.ok ? 200 : 422, body };
    });
  }

  /**
   * The live page (src/web/live-view.ts): the form's fields and what the page shows in, what
   * differs out as the locals of the page's own partials; `part` 'robustness' for the numbers
   * that need many rollbacks. Problems in the fields are part of what the page shows (next to
   * each field), so they answer 200 with `stale` set rather than an error status.
   */
  async explore(rawId: unknown, part: unknown, body: unknown): Promise<ApiAnswer> {
    if (part !== undefined && part !== 'robustness')
      throw new HttpError(
        400,
        'BAD_REQUEST',
        `part: expected 'robustness' or none, not ${JSON.stringify(part)}`,
        'part',
      );
    const { id, doc } = await lookUpScenario(this.store, rawId);
    if (!doc.ok) return { status: 422, body: JSON.stringify(errorsBody(doc.errors)) };
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
    return {
      status: 200,
      body:
        part === 'robustness'
          ? this.live.robustness(id, doc, fields)
          : this.live.fast(id, doc, fields, shown ?? null),
    };
  }
}

/** The answer of a kept body: gzipped when the request takes it, with `Vary: Accept-Encoding`. */
function keptAnswer(kept: Kept, gzip: boolean): ApiAnswer {
  return gzip
    ? { status: 200, body: kept.gzip(), etag: kept.etag, encoding: 'gzip' }
    : { status: 200, body: kept.json(), etag: kept.etag, encoding: 'identity' };
}
