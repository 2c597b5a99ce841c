import type { ScenarioDocument } from '../document';
import type { Overrides } from '../engine/inputs';

/** One answer of `POST /api/scenarios/:id/evaluate`, as sent. */
export interface CachedAnswer {
  readonly status: number;
  /** The JSON text of the body. */
  readonly body: string;
}

interface Entry extends CachedAnswer {
  readonly doc: ScenarioDocument;
}

/** Bounds of the cache: answers kept, and their total length in characters. */
export interface CacheBounds {
  readonly entries: number;
  readonly chars: number;
}

const DEFAULT_BOUNDS: CacheBounds = { entries: 4_000, chars: 32 * 1024 * 1024 };

/**
 * Evaluations of the JSON API by (scenario, file version, overrides), least recently used
 * dropped first. The folder reads a file again only when its version (modification time and
 * size) changed, or a library it imports did, and it then hands out a new document object: an
 * answer is kept with the document it was computed from and counts only while the folder still
 * hands out that same document. The first request that sees a new document drops every answer
 * of that scenario.
 */
export class EvaluationCache {
  /** Insertion order is recency order: a hit is moved to the end. */
  private readonly entries = new Map<string, Entry>();
  /** The document each scenario's answers were computed from, and their keys. */
  private readonly scenarios = new Map<string, { doc: ScenarioDocument; keys: Set<string> }>();
  private chars = 0;
  hits = 0;
  misses = 0;

  constructor(private readonly bounds: CacheBounds = DEFAULT_BOUNDS) {}

  /** The answer kept for `id` at `doc` with these overrides, or the one `compute` gives. */
  answer(id: string, doc: ScenarioDocument, overrides: Overrides, compute: () => CachedAnswer) {
    const scenario = this.scenarios.get(id);
    if (scenario && scenario.doc !== doc) this.drop(id);
    const key = `${id}\n${canonical(overrides)}`;
    const kept = this.entries.get(key);
    if (kept) {
      this.hits++;
      this.entries.delete(key);
      this.entries.set(key, kept);
      return kept;
    }
    this.misses++;
    const answer = compute();
    // An answer larger than a tenth of the cache would push out too many others.
    if (answer.body.length > this.bounds.chars / 10) return answer;
    const entry: Entry = { ...answer, doc };
    this.entries.set(key, entry);
    this.chars += entry.body.length;
    let own = this.scenarios.get(id);
    if (!own) this.scenarios.set(id, (own = { doc, keys: new Set() }));
    own.keys.add(key);
    this.evict();
    return answer;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Drops every answer of scenario `id`. */
  drop(id: string): void {
    const scenario = this.scenarios.get(id);
    if (!scenario) return;
    for (const key of scenario.keys) this.remove(key);
    this.scenarios.delete(id);
  }

  private evict(): void {
    while (this.entries.size > this.bounds.entries || this.chars > this.bounds.chars) {
      const oldest = this.entries.keys().next();
      if (oldest.done) return;
      this.remove(oldest.value);
    }
  }

  private remove(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.chars -= entry.body.length;
    const id = key.slice(0, key.indexOf('\n'));
    const scenario = this.scenarios.get(id);
    scenario?.keys.delete(key);
    if (scenario?.keys.size === 0) this.scenarios.delete(id);
  }
}

/**
 * The overrides as text that is the same for the same overrides: keys of `set`, `weight` and
 * `probability` sorted (their order does not matter), `observe` in its order (it does).
 */
export function canonical(overrides: Overrides): string {
  const sorted = (record: Readonly<Record<string, unknown>> | undefined) =>
    record === undefined
      ? null
      : Object.keys(record)
          .sort()
          .map((k) => [k, record[k]]);
  return JSON.stringify([
    sorted(overrides.set),
    sorted(overrides.weight),
    sorted(overrides.probability),
    overrides.observe?.map((o) => [o.id, o.seen]) ?? null,
  ]);
}
