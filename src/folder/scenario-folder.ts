import { basename, dirname, join, resolve } from 'node:path';
import type { ScenarioDocument } from '../document';
import type { GitHistory } from '../files/git-history';
import { readText } from '../files/read-text';
import type { Diagnostic } from '../model/diagnostic';
import type { WriteSteps } from './atomic-write';
import { backups, readBackup } from './backups';
import { existsNoFollow } from './file-checks';
import { DocumentCache } from './document-cache';
import { ASSESSMENTS_SUFFIX, idOf, isYamlName, VARIANTS_SUFFIX } from './folder-layout';
import { FolderListing, indexByFile } from './folder-listing';
import { relativeErrors, relativeFile } from './folder-paths';
import type {
  FolderChange,
  FolderEntry,
  FolderOptions,
  StoredLibrary,
  StoredScenario,
} from './folder-types';
import { libraryProblems, openWith, readLibrary, sameProblem } from './library-files';
import { writeChange } from './write-change';

export {
  ASSESSMENT_SEPARATOR,
  ASSESSMENTS_SUFFIX,
  BACKUP_FOLDER,
  BACKUPS_KEPT,
  LIBRARY_FOLDER,
  SCENARIO_ID,
  VARIANT_SEPARATOR,
  VARIANTS_SUFFIX,
} from './folder-layout';
export type {
  EntryKind,
  FolderChange,
  FolderEntry,
  FolderOptions,
  StoredLibrary,
  StoredScenario,
} from './folder-types';
export { isRealFolder } from './file-checks';

/**
 * The served folder: the one owner of its files (FORMAT.md sections 5, 8 and 10). It lists them
 * by fixed rules, and is the only listing (the web app and `report DIR` use it):
 *
 * - `NAME.yaml`/`NAME.yml` directly inside: a scenario with id `NAME` (lower-cased, only
 *   `[a-z0-9_-]`), or a library when it has no `root` but parameters, sources or imports;
 * - `NAME.variants/V.yaml`: a variant of `NAME` with id `NAME--V`;
 * - `NAME.assessments/A.yaml`: an assessment of `NAME` with id `NAME--by-A`;
 * - `libraries/L.yaml`: a library with id `L`.
 *
 * Files are found by listing folders, never by joining a user's id onto a path, links are not
 * followed, and imports or `extends` outside the folder are refused. The index is built on first
 * use and kept current by file-system events, a periodic check, and the folder's own writes;
 * a request costs a stat of the folders and of the scenario files, never a read of every
 * variant. Variants and assessments are listed when first asked for, and each is re-derived
 * from its scenario (an evaluation, no file read) when only the scenario changed.
 */
export class ScenarioFolder {
  /** The served folder, absolute. */
  readonly dir: string;
  private readonly steps: Partial<WriteSteps>;
  /** The folder's git history, when every write is a commit; null keeps backups. */
  readonly history: GitHistory | null;
  private readonly listing: FolderListing;
  private readonly cache: DocumentCache;
  private timer: NodeJS.Timeout | undefined;
  /** Files the folder's own writes are writing: their events are theirs to tell. */
  private readonly writing = new Map<string, number>();
  private checking = false;
  /** The listing being computed, and the generation it started at. */
  private listing$: { generation: number; list: Promise<readonly StoredScenario[]> } | undefined;
  /**
   * The last listing and what it was built from: the same array is handed out until something
   * changes, so what callers derive from it (the API's list body) can be kept with it.
   */
  private lastList: { inputs: unknown[]; list: readonly StoredScenario[] } | undefined;
  /** Each scenario's variants as last listed, and what they were opened from. */
  private readonly variantLists = new Map<
    string,
    { entries: FolderEntry[]; base: ScenarioDocument; changes: number; stored: StoredScenario[] }
  >();

  constructor(dir: string, options: FolderOptions = {}) {
    this.dir = resolve(dir);
    this.steps = options.writeSteps ?? {};
    this.history = options.history ?? null;
    const watching = options.watch ?? true;
    this.listing = new FolderListing(this.dir, watching, (path) => this.heard(path));
    this.cache = new DocumentCache(this.dir);
    const every = options.checkEveryMs ?? 10_000;
    if (watching && every > 0) {
      this.timer = setInterval(() => void this.check(), every);
      this.timer.unref();
    }
  }

  /** Stops watching the folder. */
  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.listing.close();
  }

  // ---- listing ----

  /** Scenarios in file order, then each one's variants: what the list page and API show. */
  async list(): Promise<readonly StoredScenario[]> {
    // Requests that come while a listing is computed share it, as long as nothing changed since
    // it started: with thousands of variants, fifty requests would otherwise each open them all,
    // and a request that follows a save still sees that save.
    const pending = this.listing$;
    if (pending && pending.generation === this.cache.generation) return pending.list;
    const list = this.computeList();
    const entry = { generation: this.cache.generation, list };
    this.listing$ = entry;
    try {
      return await list;
    } finally {
      if (this.listing$ === entry) this.listing$ = undefined;
    }
  }

  private async computeList(): Promise<readonly StoredScenario[]> {
    const scenarios = await this.scenarioEntries();
    const out: StoredScenario[] = [];
    for (const e of scenarios) out.push(await this.cache.stored(e, true));
    const variants: FolderEntry[][] = [];
    for (const e of scenarios) variants.push(await this.variantEntries(e.id));
    // The entries come as the same arrays while their folders are unchanged, and the cache's
    // version counts every document read or forgotten: with both as before, so is the list.
    const inputs = [this.cache.version, scenarios, ...variants];
    const last = this.lastList;
    if (last?.inputs.length === inputs.length && last.inputs.every((x, i) => x === inputs[i]))
      return last.list;
    const runs: StoredScenario[][] = [];
    for (const [i, e] of scenarios.entries())
      runs.push(await this.variantsOf(e.id, variants[i]!, out[i]!.doc));
    const list = out.concat(...runs);
    this.lastList = { inputs, list };
    return list;
  }

  /**
   * A scenario's variants, opened: the same as last time while their entries, the scenario's
   * document and the documents of their folder are unchanged. A save in one folder of
   * thousands of variants then re-opens (from the cache) only that folder's.
   */
  private async variantsOf(
    id: string,
    entries: FolderEntry[],
    base: ScenarioDocument,
  ): Promise<StoredScenario[]> {
    const folder = this.variantsFolder(id);
    const changes = this.cache.changesIn(folder);
    const kept = this.variantLists.get(id);
    let stored: StoredScenario[] | undefined;
    if (kept?.base === base) {
      if (kept.entries === entries && kept.changes === changes) return kept.stored;
      const files = this.cache.changedSince(folder, kept.changes);
      if (files) stored = await this.patchVariants(kept, entries, files);
    }
    if (!stored) {
      stored = [];
      for (const v of entries) stored.push(await this.openVariant(v));
    }
    this.variantLists.set(id, { entries, base, changes, stored });
    return stored;
  }

  /**
   * The variants as kept, with those of the files changed since (a save: one) opened again,
   * added or left out; undefined when the entries differ otherwise, which a full opening settles.
   */
  private async patchVariants(
    kept: { entries: FolderEntry[]; stored: StoredScenario[] },
    entries: FolderEntry[],
    files: readonly string[],
  ): Promise<StoredScenario[] | undefined> {
    const stored = kept.stored.slice();
    const changed = files.map((file) => ({
      was: at(kept.entries, file),
      is: at(entries, file),
    }));
    // Out first, from the end; then in, in order of place; then the others opened again.
    for (const { was } of changed
      .filter((c) => c.is < 0 && c.was >= 0)
      .sort((a, b) => b.was - a.was))
      stored.splice(was, 1);
    for (const { is } of changed.filter((c) => c.was < 0 && c.is >= 0).sort((a, b) => a.is - b.is))
      stored.splice(is, 0, await this.openVariant(entries[is]!));
    for (const { was, is } of changed)
      if (was >= 0 && is >= 0) stored[is] = await this.openVariant(entries[is]!);
    if (stored.length !== entries.length) return undefined;
    for (let i = 0; i < entries.length; i++) if (stored[i]!.id !== entries[i]!.id) return undefined;
    return stored;
  }

  /** A variant's or assessment's stored scenario: as cached, or read. */
  private async openVariant(entry: FolderEntry): Promise<StoredScenario> {
    return this.cache.peek(entry) ?? (await this.cache.stored(entry, false));
  }

  /** The scenario files directly in the folder (libraries left out), in code-point order. */
  async scenarioEntries(): Promise<FolderEntry[]> {
    return this.listing.scenarioEntries();
  }

  /** Files directly in the folder that the listing skips: their names give no valid id. */
  async ignored(): Promise<string[]> {
    const names = await this.listing.names(this.dir);
    return names.filter((n) => isYamlName(n) && idOf(n) === undefined);
  }

  /** The variants of scenario `id`, in file order. */
  async variantEntries(id: string): Promise<FolderEntry[]> {
    return this.listing.variantEntries(id);
  }

  /** The assessments of scenario `id`, in file order. */
  async assessmentEntries(id: string): Promise<FolderEntry[]> {
    return this.listing.assessmentEntries(id);
  }

  /** The assessments of scenario `id`, opened. */
  async assessments(id: string): Promise<StoredScenario[]> {
    const out: StoredScenario[] = [];
    for (const e of await this.assessmentEntries(id)) out.push(await this.cache.stored(e, false));
    return out;
  }

  /** The scenario, variant or assessment with this id; undefined when there is none. */
  async get(id: string): Promise<StoredScenario | undefined> {
    const entry = await this.listing.entry(id);
    return entry && entry.kind !== 'library' ? this.cache.stored(entry, true) : undefined;
  }

  /** The path of the scenario, variant or assessment file with this id; undefined if none. */
  async fileOf(id: string): Promise<string | undefined> {
    const entry = await this.listing.entry(id);
    return entry && entry.kind !== 'library' ? entry.file : undefined;
  }

  /** Every library of the folder, each with the scenarios that import it. */
  async libraries(): Promise<StoredLibrary[]> {
    const entries = await this.listing.libraryEntries();
    const importers = await this.importers();
    const out: StoredLibrary[] = [];
    for (const e of entries) out.push(await readLibrary(this.dir, e, importers.get(e.file) ?? []));
    return out;
  }

  /** The library with this id, with the scenarios that import it. */
  async library(id: string): Promise<StoredLibrary | undefined> {
    const entry = (await this.listing.libraryEntries()).find((e) => e.id === id);
    if (!entry) return undefined;
    return readLibrary(this.dir, entry, (await this.importers()).get(entry.file) ?? []);
  }

  /**
   * What the scenarios importing `file` would say if it held `text`: each one's problems, located
   * in their own files (relative to the folder), and the library's own. Nothing is written.
   */
  async checkLibraryEdit(
    file: string,
    text: string,
  ): Promise<{ importers: string[]; errors: Diagnostic[] }> {
    const unsaved = new Map([[resolve(file), text]]);
    const own = await libraryProblems(this.dir, file, unsaved);
    const importers = (await this.importers()).get(file) ?? [];
    const errors = [...own];
    for (const id of importers) {
      const entry = await this.listing.entry(id);
      if (!entry) continue;
      const scenario = await readText(entry.file);
      if (!scenario.ok) continue;
      const doc = await openWith(scenario.value, entry.file, this.dir, unsaved);
      if (!doc.ok) errors.push(...doc.errors.filter((e) => !own.some((o) => sameProblem(o, e))));
    }
    return { importers, errors: this.relativeErrors(errors) };
  }

  // ---- paths and messages ----

  /** `file` relative to the served folder, for messages (a path outside it stays as it is). */
  relative(file: string): string {
    return relativeFile(this.dir, file);
  }

  /** Diagnostics with their files named relative to the served folder. */
  relativeErrors(errors: readonly Diagnostic[]): Diagnostic[] {
    return relativeErrors(this.dir, errors);
  }

  /** The folder the variants of scenario `id` live in (it may not exist yet). */
  variantsFolder(id: string): string {
    return join(this.dir, `${id}${VARIANTS_SUFFIX}`);
  }

  /** The folder the assessments of scenario `id` live in (it may not exist yet). */
  assessmentsFolder(id: string): string {
    return join(this.dir, `${id}${ASSESSMENTS_SUFFIX}`);
  }

  // ---- writes ----

  /**
   * The one way the folder's files change. Returns false only for a `create` whose name is taken.
   * Throws the file system's error (ENOSPC, EROFS, ...) or `WriteRefused` when a link sits where
   * a folder belongs; nothing is half-written in either case.
   */
  async write(change: FolderChange): Promise<boolean> {
    const path = resolve(change.file);
    this.writing.set(path, (this.writing.get(path) ?? 0) + 1);
    this.listing.writing(path);
    let over = false;
    const done = (file: string, exists: boolean): void => {
      if (over) return;
      over = true;
      this.listing.wrote(file, exists);
    };
    const target = {
      dir: this.dir,
      history: this.history,
      steps: this.steps,
      forget: (file: string) => {
        this.forget(file);
        done(file, existsNoFollow(file));
      },
      created: (file: string, text: string, version: string) => {
        if (isOverlayFile(file)) this.cache.created(file, version, text);
        else this.cache.forget(file);
        done(file, true);
      },
    };
    try {
      return await writeChange(target, change);
    } finally {
      done(path, existsNoFollow(path));
      const left = this.writing.get(path)! - 1;
      if (left > 0) this.writing.set(path, left);
      else this.writing.delete(path);
    }
  }

  /** Names of the kept earlier versions of `file`, newest first. */
  async backups(file: string): Promise<string[]> {
    return backups(file);
  }

  /** The text of a kept version, found by listing (a name from outside never becomes a path). */
  async readBackup(file: string, name: string): Promise<string | undefined> {
    return readBackup(file, name);
  }

  // ---- the index ----

  /** Library file -> ids of the scenarios whose documents read it. */
  private async importers(): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    for (const e of await this.scenarioEntries()) {
      const { doc } = await this.cache.stored(e, false);
      for (const f of doc.texts.keys()) {
        const key = resolve(f);
        out.set(key, [...(out.get(key) ?? []), e.id]);
      }
    }
    return out;
  }

  /**
   * A file-system event about `path`: dropped when it tells the index nothing new (the folder's
   * own writes tell it themselves, and each save raises several events), else what the index
   * knows of `path` is forgotten.
   */
  private heard(path: string): void {
    if (this.writing.has(resolve(path))) return;
    if (this.listing.knows(path) && this.cache.knows(path)) return;
    this.forget(path);
  }

  /** Drops what the index knows of `path` (a file or a folder) and of what depends on it. */
  private forget(path: string): void {
    this.listing.forget(path);
    this.cache.forget(path);
  }

  /** The fall-back check: every cached document and listed folder against the disk. */
  private async check(): Promise<void> {
    if (this.checking) return;
    this.checking = true;
    try {
      this.listing.check();
      await this.cache.check((file) => this.forget(file));
    } finally {
      this.checking = false;
    }
  }
}

/** The index of the entry of `file` among entries of one folder in file order; -1 if none. */
function at(entries: readonly FolderEntry[], file: string): number {
  const i = indexByFile(entries, file);
  return entries[i]?.file === file ? i : -1;
}

/** Whether `file` is a variant's or an assessment's: in a `NAME.variants` or `NAME.assessments` folder. */
function isOverlayFile(file: string): boolean {
  const folder = basename(dirname(file));
  return folder.endsWith(VARIANTS_SUFFIX) || folder.endsWith(ASSESSMENTS_SUFFIX);
}
