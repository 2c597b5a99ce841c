import type { ScenarioDocument } from '../document';
import type { Overrides } from '../engine/inputs';

/** One answer of `POST /api/scenarios/:id/evaluate`, as sent. */
export interface CachedAnswer {
  readonly status: number;
  /** The JSON body, as text or as the bytes sent. */
  readonly body: string | Buffer;
  /** The bytes' ETag, when kept with them. */
  readonly etag?: string;
}

interface Entry<T> {
  readonly value: T;
  readonly size: number;
}

/**
 * Bounds of the cache: answers kept, and their total length (characters of a text, bytes of a
 * Buffer).
 */
export interface CacheBounds {
  readonly entries: number;
  readonly chars: number;
}

const DEFAULT_BOUNDS: CacheBounds = { entries: 4_000, chars: 32 * 1024 * 1024 };

/**
 * Values by (scenario, file version, key), least recently used dropped first. The folder reads
 * a file again only when its version (modification time and size) changed, or a library it
 * imports did, and it then hands out a new document object: a value is kept with the document
 * it was computed from and counts only while the folder still hands out that same document.
 * The first request that sees a new document drops every value of that scenario. `size` says
 * how much of the `chars` bound a value takes.
 */
export class KeyedCache<T> {
  /** Insertion order is recency order: a hit is moved to the end. */
  private readonly entries = new Map<string, Entry<T>>();
  /** The document each scenario's values were computed from, and their keys. */
  private readonly scenarios = new Map<string, { doc: ScenarioDocument; keys: Set<string> }>();
  private chars = 0;
  hits = 0;
  misses = 0;

  constructor(
    private readonly bounds: CacheBounds,
    private readonly sizeOf: (value: T) => number,
  ) {}

  /** The value kept for `id` at `doc` under `key`, or the one `compute` gives. */
  get(id: string, doc: ScenarioDocument, key: string, compute: () => T): T {
    const scenario = this.scenarios.get(id);
    if (scenario && scenario.doc !== doc) this.drop(id);
    const full = `${id}\n${key}`;
    const kept = this.entries.get(full);
    if (kept) {
      this.hits++;
      this.entries.delete(full);
      this.entries.set(full, kept);
      return kept.value;
    }
    this.misses++;
    const value = compute();
    const size = this.sizeOf(value);
    // A value larger than a tenth of the cache would push out too many others.
    if (size > this.bounds.chars / 10) return value;
    this.entries.set(full, { value, size });
    this.chars += size;
    let own = this.scenarios.get(id);
    if (!own) this.scenarios.set(id, (own = { doc, keys: new Set() }));
    own.keys.add(full);
    this.evict();
    return value;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Drops every value of scenario `id`. */
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
    this.chars -= entry.size;
    const id = key.slice(0, key.indexOf('\n'));
    const scenario = this.scenarios.get(id);
    scenario?.keys.delete(key);
    if (scenario?.keys.size === 0) this.scenarios.delete(id);
  }
}

/** Evaluations of the JSON API by (scenario, file version, overrides). */
export class EvaluationCache extends KeyedCache<CachedAnswer> {
  constructor(bounds: CacheBounds = DEFAULT_BOUNDS) {
    super(bounds, (answer) => answer.body.length);
  }

  /** The answer kept for `id` at `doc` with these overrides, or the one `compute` gives. */
  answer(
    id: string,
    doc: ScenarioDocument,
    overrides: Overrides,
    compute: () => CachedAnswer,
  ): CachedAnswer {
    return this.get(id, doc, canonical(overrides), compute);
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
