import { dirname, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { readScenario, type ScenarioDocument } from '../document';
import { evaluate } from '../engine';
import { readOverlay, type Overlay } from '../files/read-overlay';
import { readText } from '../files/read-text';
import { locateInFiles } from '../load';
import type { Result } from '../model/diagnostic';
import { versionOf } from './file-checks';
import { relativeErrors } from './folder-paths';
import type { FolderEntry, StoredScenario } from './folder-types';

/** Changes remembered by folder (`changedSince`). */
const RECENT_CHANGES = 32;

/** The longest the periodic check stats files before it lets waiting requests in. */
const CHECK_SLICE_MS = 5;

interface CachedDoc {
  version: string;
  doc: ScenarioDocument;
  /** For a document derived from its scenario's: that document, to tell when it went stale. */
  base?: ScenarioDocument;
}

/**
 * The documents side of the folder's index: each entry's document, read once per version of its
 * file. A variant's or assessment's document is re-derived from its scenario's (an evaluation,
 * no file read) when only the scenario changed.
 */
export class DocumentCache {
  private readonly docs = new Map<string, CachedDoc>();
  private readonly overlays = new Map<string, { version: string; overlay: Result<Overlay> }>();
  /**
   * Documents being read, by file and check: requests for the same one wait for that read, unless
   * something was forgotten since it started (`generation`), so a read after a save sees it.
   */
  private readonly reading = new Map<string, Promise<StoredScenario>>();
  /**
   * For each file read (scenario or library), the cached documents read from it: a change drops
   * them without going through every document (10,000 variants, several events per save).
   */
  private readonly readers = new Map<string, Set<string>>();
  private forgotten = 0;
  private changes = 0;
  /** Changes by folder: a listing of one folder's variants stays right while its count does. */
  private readonly changesByFolder = new Map<string, number>();
  /** The last changes of each folder, by count: what a listing needs to redo since its own. */
  private readonly recent = new Map<string, { count: number; file: string }[]>();

  /** Counts the files forgotten (writes, events, the periodic check): what changed since. */
  get generation(): number {
    return this.forgotten;
  }

  /**
   * Counts every change to what the cache holds: files forgotten, and documents read (a single
   * read may find its file changed before any event says so). A listing built from the cache
   * at the same count shows the same documents.
   */
  get version(): number {
    return this.changes;
  }

  /** The changes to documents of files directly in `folder`, counted as `version` counts them. */
  changesIn(folder: string): number {
    return this.changesByFolder.get(folder) ?? 0;
  }

  /**
   * The files of `folder` changed since its count was `since`; undefined when they are more
   * than the cache remembers.
   */
  changedSince(folder: string, since: number): string[] | undefined {
    if (this.changesIn(folder) === since) return [];
    const log = this.recent.get(folder);
    if (!log?.length || log[0]!.count > since + 1) return undefined;
    return [...new Set(log.filter((c) => c.count > since).map((c) => c.file))];
  }

  private changed(file: string): void {
    this.changes++;
    const folder = dirname(file);
    const count = this.changesIn(folder) + 1;
    this.changesByFolder.set(folder, count);
    let log = this.recent.get(folder);
    if (!log) this.recent.set(folder, (log = []));
    log.push({ count, file });
    if (log.length > RECENT_CHANGES) log.shift();
  }

  /** `dir`: the served folder, absolute; imports are read inside it. */
  constructor(private readonly dir: string) {}

  /**
   * The stored scenario of an entry. `check` stats its file (and its scenario's) so a single
   * read is always current; listings rely on events and the periodic check instead.
   */
  stored(entry: FolderEntry, check: boolean): Promise<StoredScenario> {
    const key = `${this.forgotten}\n${check ? 'check' : 'trust'}\n${entry.file}\n${entry.id}`;
    const pending = this.reading.get(key);
    if (pending) return pending;
    const read = this.read(entry, check).finally(() => this.reading.delete(key));
    this.reading.set(key, read);
    return read;
  }

  /**
   * The stored scenario of an entry as the cache holds it, without checking its file: what a
   * listing trusts (events and the periodic check keep it current). Undefined when it is not
   * cached, or was derived from a scenario document that has since been read again.
   */
  peek(entry: FolderEntry): StoredScenario | undefined {
    const cached = this.docs.get(entry.file);
    if (!cached) return undefined;
    if (entry.kind === 'variant' || entry.kind === 'assessment') {
      const base = entry.scenarioFile === undefined ? undefined : this.docs.get(entry.scenarioFile);
      if (cached.base !== base?.doc) return undefined;
    }
    return { id: entry.id, doc: cached.doc, variantOf: entry.of, kind: entry.kind };
  }

  private async read(entry: FolderEntry, check: boolean): Promise<StoredScenario> {
    const doc =
      entry.kind === 'variant' || entry.kind === 'assessment'
        ? await this.overlayDoc(entry, check)
        : await this.scenarioDoc(entry.file, check);
    return { id: entry.id, doc, variantOf: entry.of, kind: entry.kind };
  }

  /** Drops the document of `path` and of every scenario importing it (their variants follow). */
  forget(path: string): void {
    this.forgotten++;
    const file = resolve(path);
    this.changed(file);
    this.overlays.delete(file);
    this.docs.delete(file);
    // Scenarios importing a library that changed; their variants follow, being derived.
    for (const f of this.readers.get(file) ?? []) {
      this.docs.delete(f);
      this.changed(f);
    }
    this.readers.delete(file);
  }

  /**
   * Whether an event about `path` tells the cache nothing new: what it holds of the file is of
   * its current version, and no document was read from it otherwise (a library, say).
   */
  knows(path: string): boolean {
    const file = resolve(path);
    const doc = this.docs.get(file);
    const overlay = this.overlays.get(file);
    if (!doc && !overlay) return !this.readers.has(file);
    const version = versionOf(file) ?? 'gone';
    return (!doc || doc.version === version) && (!overlay || overlay.version === version);
  }

  /**
   * The folder's own write created the overlay file `file` (a variant or an assessment) with
   * `text`, now at `version`: kept, so that listing it after the save reads nothing.
   */
  created(file: string, version: string, text: string): void {
    const path = resolve(file);
    this.forget(path);
    this.overlays.set(path, { version, overlay: readOverlay(text, path) });
  }

  /** The fall-back check: calls `onStale` for each file whose cached document is out of date. */
  async check(onStale: (file: string) => void): Promise<void> {
    let since = performance.now();
    for (const [file, cached] of [...this.docs]) {
      if (versionOf(file) !== cached.version) onStale(file);
      // Each stat is quick, but 10,000 of them in a row would hold requests up: let them in.
      if (performance.now() - since > CHECK_SLICE_MS) {
        await new Promise((resolve) => setImmediate(resolve));
        since = performance.now();
      }
    }
  }

  private async scenarioDoc(file: string, check: boolean): Promise<ScenarioDocument> {
    const cached = this.docs.get(file);
    if (cached && (!check || cached.version === versionOf(file))) return cached.doc;
    const version = versionOf(file) ?? 'gone';
    const doc = this.relativeDoc(await readScenario(file, { folder: this.dir }));
    this.keep(file, { version, doc });
    return doc;
  }

  /**
   * A variant's or assessment's document: its scenario's, evaluated with its values. The overlay
   * file is read once per version; when only the scenario changed, this is an evaluation.
   */
  private async overlayDoc(entry: FolderEntry, check: boolean): Promise<ScenarioDocument> {
    const baseFile = entry.scenarioFile;
    const base = baseFile === undefined ? undefined : await this.scenarioDoc(baseFile, check);
    const cached = this.docs.get(entry.file);
    const version = !cached || check ? versionOf(entry.file) : cached.version;
    if (cached && cached.base === base && cached.version === version) return cached.doc;
    const overlay = await this.overlay(entry.file, version ?? 'gone');
    const derived =
      base?.ok && overlay?.ok && resolve(dirname(entry.file), overlay.value.target) === baseFile
        ? deriveDocument(base, overlay.value)
        : this.relativeDoc(await readScenario(entry.file, { folder: this.dir }));
    this.keep(entry.file, { version: version ?? 'gone', doc: derived, ...(base && { base }) });
    return derived;
  }

  /** Caches a document, and notes the files it was read from (its own, its scenario's, its libraries). */
  private keep(file: string, cached: CachedDoc): void {
    this.changed(file);
    this.docs.set(file, cached);
    for (const text of cached.doc.texts.keys()) {
      const read = resolve(text);
      let readers = this.readers.get(read);
      if (!readers) this.readers.set(read, (readers = new Set()));
      readers.add(file);
    }
  }

  private async overlay(file: string, version: string): Promise<Result<Overlay> | undefined> {
    const known = this.overlays.get(file);
    if (known && known.version === version) return known.overlay;
    const text = await readText(file);
    if (!text.ok) return undefined;
    const overlay = readOverlay(text.value, file);
    this.overlays.set(file, { version, overlay });
    return overlay;
  }

  /** Messages name files relative to the served folder: never a server's absolute path. */
  private relativeDoc(doc: ScenarioDocument): ScenarioDocument {
    return doc.ok ? doc : { ...doc, errors: relativeErrors(this.dir, doc.errors) };
  }
}

/** The document of an overlay on a valid scenario: the scenario's, evaluated with its values. */
function deriveDocument(base: ScenarioDocument & { ok: true }, overlay: Overlay): ScenarioDocument {
  const { info } = overlay;
  const evaluated = evaluate(base.scenario, info.overrides);
  const common = { file: base.file, text: base.text, opened: info.file, texts: base.texts };
  if (evaluated.ok)
    return { ...common, ok: true, scenario: base.scenario, base: evaluated.value, variant: info };
  const errors = locateInFiles(base.text, base.file, base.texts, evaluated.errors).map((e) =>
    e.line === null ? { ...e, file: info.file } : e,
  );
  return { ...common, ok: false, errors };
}
