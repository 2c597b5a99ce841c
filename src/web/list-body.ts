import { errorsBody } from './error-body';
import type { StoredScenario } from './scenario-store';

/** The body of `GET /api/scenarios` and its ETag. */
export interface ListBody {
  readonly body: Buffer;
  readonly etag: string;
}

/** An ETag of a body, as Express computes it (its `etag fn` setting). */
export type EtagOf = (body: Buffer) => string;

/** A run of the list: consecutive entries with the same scenario, and their JSON. */
interface Run {
  ids: string[];
  docs: object[];
  json: Buffer;
}

const OPEN = Buffer.from('[');
const COMMA = Buffer.from(',');
const CLOSE = Buffer.from(']');

/**
 * `GET /api/scenarios` as one Buffer with its ETag, built once for each listing: the folder
 * hands out the same array until something changes, so requests in between send it as it is.
 * A folder of 10,000 variants lists as 1.8 MB of JSON, and a save changes one entry of it: each
 * entry's JSON is kept with its document, and the body in runs (the scenarios, then each one's
 * variants), so that a save rebuilds only its scenario's run before the whole is joined and
 * hashed once.
 */
export class ListBodies {
  private readonly entries = new WeakMap<object, { id: string; json: string }>();
  /** Runs by position and scenario: after a save, the others are found unchanged. */
  private runs = new Map<string, Run>();
  private last: { list: readonly StoredScenario[]; body: ListBody } | undefined;

  /** The body of this listing; `etagOf` is Express's, so the ETag is the one it would send. */
  body(list: readonly StoredScenario[], etagOf: EtagOf): ListBody {
    if (this.last?.list === list) return this.last.body;
    const runs = new Map<string, Run>();
    const parts: Buffer[] = [OPEN];
    let start = 0;
    while (start < list.length) {
      const of = list[start]!.variantOf;
      let end = start + 1;
      while (end < list.length && list[end]!.variantOf === of) end++;
      const key = `${runs.size}\n${of ?? ''}`;
      const run = this.run(this.runs.get(key), list.slice(start, end));
      runs.set(key, run);
      if (parts.length > 1) parts.push(COMMA);
      parts.push(run.json);
      start = end;
    }
    parts.push(CLOSE);
    this.runs = runs;
    const body = Buffer.concat(parts);
    const answer = { body, etag: etagOf(body) };
    this.last = { list, body: answer };
    return answer;
  }

  /** The run of these entries: the one kept when its entries are the same. */
  private run(kept: Run | undefined, entries: StoredScenario[]): Run {
    if (
      kept?.ids.length === entries.length &&
      entries.every((e, i) => e.id === kept.ids[i] && e.doc === kept.docs[i])
    )
      return kept;
    return {
      ids: entries.map((e) => e.id),
      docs: entries.map((e) => e.doc),
      json: Buffer.from(entries.map((e) => this.entry(e)).join(',')),
    };
  }

  /** One entry's JSON, kept with the document it describes. */
  private entry({ id, doc, variantOf }: StoredScenario): string {
    const kept = this.entries.get(doc);
    if (kept?.id === id) return kept.json;
    const json = JSON.stringify({
      id,
      variant_of: variantOf,
      title: doc.ok ? doc.scenario.title : null,
      valid: doc.ok,
      choice: doc.ok ? doc.base.choice : null,
      errors: doc.ok ? [] : errorsBody(doc.errors).errors,
    });
    this.entries.set(doc, { id, json });
    return json;
  }
}
