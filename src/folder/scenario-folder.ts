import { watch, type FSWatcher } from 'node:fs';
import { lstat, mkdir, readdir, readFile, rm, stat, unlink } from 'node:fs/promises';
import { basename, dirname, extname, isAbsolute, join, relative, resolve } from 'node:path';
import { createHash } from 'node:crypto';
import { isLibraryText, openScenario, readScenario, type ScenarioDocument } from '../document';
import { evaluate } from '../engine';
import { changeMessage } from '../files/change-message';
import { currentAuthor, type Author, type GitHistory } from '../files/git-history';
import { readLibraries } from '../files/read-libraries';
import { readOverlay, type Overlay } from '../files/read-overlay';
import { readText } from '../files/read-text';
import { checkLibraryShape, locateInFiles, parseYaml } from '../load';
import { SourcePath, type Diagnostic, type Result } from '../model/diagnostic';
import { createFileExclusive, writeFileAtomic, type WriteSteps } from './atomic-write';
import { WriteRefused } from './write-refused';

/** Ids are file names without extension; only these characters reach the file system. */
export const SCENARIO_ID = /^[a-z0-9_-]+$/;
/** A variant's id: its scenario's id, `--`, the variant file's name. */
export const VARIANT_SEPARATOR = '--';
/** An assessment's id: its scenario's id, `--by-`, the assessment file's name. */
export const ASSESSMENT_SEPARATOR = '--by-';
/** Variants of `NAME.yaml` live in the folder `NAME.variants/`. */
export const VARIANTS_SUFFIX = '.variants';
/** Assessments of `NAME.yaml` live in the folder `NAME.assessments/` (FORMAT.md section 10). */
export const ASSESSMENTS_SUFFIX = '.assessments';
/** Libraries may also sit in this sub-folder of the served folder (FORMAT.md section 8). */
export const LIBRARY_FOLDER = 'libraries';
/** Where backups go, inside the served folder (a hidden folder the listing skips). */
export const BACKUP_FOLDER = '.branchpoint-backups';
/** How many earlier versions of each file are kept. */
export const BACKUPS_KEPT = 20;

const EXTENSIONS = new Set(['.yaml', '.yml']);

export type EntryKind = 'scenario' | 'variant' | 'assessment' | 'library';

/** One file the folder holds, as the listing rules classify it. */
export interface FolderEntry {
  readonly id: string;
  readonly kind: EntryKind;
  /** Absolute path. */
  readonly file: string;
  /** For a variant or an assessment, its scenario's id. */
  readonly of: string | null;
  /** For a variant or an assessment, its scenario's file. */
  readonly scenarioFile?: string;
}

export interface StoredScenario {
  id: string;
  doc: ScenarioDocument;
  /** For a variant or an assessment, the id of its scenario. */
  variantOf: string | null;
  kind: EntryKind;
}

/** A library file: its parameters, its own problems, and the scenarios that import it. */
export interface StoredLibrary {
  id: string;
  file: string;
  text: string;
  title: string | null;
  description: string | null;
  parameters: string[];
  /** Problems of the library on its own (shape, its imports), files relative to the folder. */
  errors: Diagnostic[];
  /** Ids of the scenarios whose imports reach it, directly or through another library. */
  importers: string[];
}

/**
 * A change to the folder. Every write goes through `ScenarioFolder.write`, so history (a commit
 * per save) can hook in at one place.
 * - `replace`: the file's text, atomically, after keeping the version it replaces as a backup;
 * - `create`: a new file, only if the name is free (not even a link): false when taken;
 * - `delete`: removes the file.
 */
export type FolderChange = (
  | { kind: 'replace'; file: string; text: string }
  | { kind: 'create'; file: string; text: string }
  | { kind: 'delete'; file: string }
) & {
  /** Who made it, for the commit: default the request's author (`withAuthor`), else "branchpoint web". */
  author?: Author | undefined;
  /** The commit message: default what changed, from the texts. */
  message?: string | undefined;
};

export interface FolderOptions {
  /** Replaces file-system steps of every write: tests simulate full and read-only disks. */
  writeSteps?: Partial<WriteSteps> | undefined;
  /** Keep the index current with file-system events (default true). */
  watch?: boolean | undefined;
  /**
   * Every so often the index is checked against the disk as well, for file systems without
   * events (network shares, some containers); 0 turns the check off. Default 10 s.
   */
  checkEveryMs?: number | undefined;
  /**
   * The folder's git history: every write is then a commit (and no backup is kept). Default
   * null: backups.
   */
  history?: GitHistory | null | undefined;
}

interface CachedDoc {
  version: string;
  doc: ScenarioDocument;
  /** For a document derived from its scenario's: that document, to tell when it went stale. */
  base?: ScenarioDocument;
}

interface Listing {
  mtime: number;
  names: string[];
}

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
  private readonly listings = new Map<string, Listing>();
  private readonly docs = new Map<string, CachedDoc>();
  private readonly overlays = new Map<string, { version: string; overlay: Result<Overlay> }>();
  private readonly kinds = new Map<string, { version: string; library: boolean }>();
  private readonly watchers = new Map<string, FSWatcher>();
  /** The top-level entries, for one listing of the folder (the same array while unchanged). */
  private top: { names: string[]; entries: FolderEntry[] } | undefined;
  private readonly watching: boolean;
  private timer: NodeJS.Timeout | undefined;
  private checking = false;

  constructor(dir: string, options: FolderOptions = {}) {
    this.dir = resolve(dir);
    this.steps = options.writeSteps ?? {};
    this.history = options.history ?? null;
    this.watching = options.watch ?? true;
    const every = options.checkEveryMs ?? 10_000;
    if (this.watching && every > 0) {
      this.timer = setInterval(() => void this.check(), every);
      this.timer.unref();
    }
  }

  /** Stops watching the folder. */
  close(): void {
    if (this.timer) clearInterval(this.timer);
    for (const w of this.watchers.values()) w.close();
    this.watchers.clear();
  }

  // ---- listing ----

  /** Scenarios in file order, then each one's variants: what the list page and API show. */
  async list(): Promise<StoredScenario[]> {
    const scenarios = await this.scenarioEntries();
    const out: StoredScenario[] = [];
    for (const e of scenarios) out.push(await this.stored(e, true));
    for (const e of scenarios)
      for (const v of await this.variantEntries(e.id)) out.push(await this.stored(v, false));
    return out;
  }

  /** The scenario files directly in the folder (libraries left out), in code-point order. */
  async scenarioEntries(): Promise<FolderEntry[]> {
    return (await this.topEntries()).filter((e) => e.kind === 'scenario');
  }

  /** Files directly in the folder that the listing skips: their names give no valid id. */
  async ignored(): Promise<string[]> {
    const names = await this.names(this.dir);
    return names.filter((n) => isYamlName(n) && idOf(n) === undefined);
  }

  /** The variants of scenario `id`, in file order. */
  async variantEntries(id: string): Promise<FolderEntry[]> {
    return this.overlayEntries(id, VARIANTS_SUFFIX, VARIANT_SEPARATOR, 'variant');
  }

  /** The assessments of scenario `id`, in file order. */
  async assessmentEntries(id: string): Promise<FolderEntry[]> {
    return this.overlayEntries(id, ASSESSMENTS_SUFFIX, ASSESSMENT_SEPARATOR, 'assessment');
  }

  /** The assessments of scenario `id`, opened. */
  async assessments(id: string): Promise<StoredScenario[]> {
    const out: StoredScenario[] = [];
    for (const e of await this.assessmentEntries(id)) out.push(await this.stored(e, false));
    return out;
  }

  /** The scenario, variant or assessment with this id; undefined when there is none. */
  async get(id: string): Promise<StoredScenario | undefined> {
    const entry = await this.entry(id);
    return entry && entry.kind !== 'library' ? this.stored(entry, true) : undefined;
  }

  /** The path of the scenario, variant or assessment file with this id; undefined if none. */
  async fileOf(id: string): Promise<string | undefined> {
    const entry = await this.entry(id);
    return entry && entry.kind !== 'library' ? entry.file : undefined;
  }

  /** Every library of the folder, each with the scenarios that import it. */
  async libraries(): Promise<StoredLibrary[]> {
    const entries = await this.libraryEntries();
    const importers = await this.importers();
    const out: StoredLibrary[] = [];
    for (const e of entries) out.push(await this.readLibrary(e, importers.get(e.file) ?? []));
    return out;
  }

  /** The library with this id, with the scenarios that import it. */
  async library(id: string): Promise<StoredLibrary | undefined> {
    const entry = (await this.libraryEntries()).find((e) => e.id === id);
    if (!entry) return undefined;
    return this.readLibrary(entry, (await this.importers()).get(entry.file) ?? []);
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
    const own = await this.libraryProblems(file, unsaved);
    const importers = (await this.importers()).get(file) ?? [];
    const errors = [...own];
    for (const id of importers) {
      const entry = await this.entry(id);
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
    const rel = relative(this.dir, file);
    return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? file : rel;
  }

  /** Diagnostics with their files named relative to the served folder. */
  relativeErrors(errors: readonly Diagnostic[]): Diagnostic[] {
    return errors.map((e) => (e.file === null ? e : { ...e, file: this.relative(e.file) }));
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
    const file = resolve(change.file);
    if (!isInside(this.dir, file))
      throw new WriteRefused('only files of the served folder are written');
    if (this.history === null) return this.writeNow(change, file);
    // In git, the write and its commit are one step of the history's queue.
    const author = change.author ?? currentAuthor();
    let before = '';
    const { value } = await this.history.change(
      async () => {
        if (change.kind === 'replace') before = await readFile(file, 'utf8').catch(() => '');
        return this.writeNow(change, file);
      },
      (done) =>
        done
          ? {
              files: [file],
              author,
              message:
                change.message ??
                changeMessage(
                  this.relative(file),
                  change.kind,
                  before,
                  'text' in change ? change.text : '',
                ),
            }
          : undefined,
    );
    return value;
  }

  private async writeNow(change: FolderChange, file: string): Promise<boolean> {
    try {
      switch (change.kind) {
        case 'replace':
          if (this.history === null) await this.backup(file);
          await writeFileAtomic(file, change.text, this.steps);
          return true;
        case 'create':
          if (dirname(file) !== this.dir) await this.realFolder(dirname(file));
          return await createFileExclusive(file, change.text, this.steps);
        case 'delete':
          await rm(file);
          return true;
        default:
          return change satisfies never;
      }
    } finally {
      this.forget(file);
    }
  }

  /** Names of the kept earlier versions of `file`, newest first. */
  async backups(file: string): Promise<string[]> {
    const names = await readdir(backupFolder(file)).catch(() => []);
    return names
      .filter((n) => n.endsWith('.yaml'))
      .sort()
      .reverse();
  }

  /** The text of a kept version, found by listing (a name from outside never becomes a path). */
  async readBackup(file: string, name: string): Promise<string | undefined> {
    const known = await this.backups(file);
    return known.includes(name) ? readFile(join(backupFolder(file), name), 'utf8') : undefined;
  }

  /** Copies the file as it is now into the backup folder, keeping the last BACKUPS_KEPT. */
  private async backup(file: string): Promise<void> {
    const text = await readFile(file, 'utf8').catch(() => undefined);
    if (text === undefined) return;
    const folder = backupFolder(file);
    // Writes never follow links: a link posing as the backup folder could lead anywhere.
    for (const f of [dirname(folder), folder]) {
      const found = await lstat(f).catch(() => undefined);
      if (found && !found.isDirectory())
        throw new WriteRefused(
          `${BACKUP_FOLDER} holds a link or file where a folder belongs; nothing was written`,
        );
    }
    await mkdir(folder, { recursive: true });
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    // The version's own tag keeps two saves in one millisecond from sharing a name.
    const tag = createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 8);
    await createFileExclusive(join(folder, `${stamp}-${tag}.yaml`), text, this.steps);
    const kept = (await readdir(folder)).filter((f) => f.endsWith('.yaml')).sort();
    for (const old of kept.slice(0, Math.max(0, kept.length - BACKUPS_KEPT)))
      await unlink(join(folder, old));
  }

  /** Makes `folder` (inside the served one) a real folder, refusing a link or file in its place. */
  private async realFolder(folder: string): Promise<void> {
    const found = await lstat(folder).catch(() => undefined);
    if (found && !found.isDirectory())
      throw new WriteRefused(
        `${basename(folder)} is not a folder of this server's; nothing can be saved there`,
      );
    if (!found) await mkdir(folder, { recursive: true });
  }

  // ---- the index ----

  /** The entry with this id, found in the index (never by joining the id onto a path). */
  private async entry(raw: string): Promise<FolderEntry | undefined> {
    const id = raw.toLowerCase();
    if (!SCENARIO_ID.test(id)) return undefined;
    const top = await this.topEntries();
    const direct = top.find((e) => e.id === id && e.kind === 'scenario');
    if (direct) return direct;
    for (const base of top) {
      if (base.kind !== 'scenario' || !id.startsWith(base.id + VARIANT_SEPARATOR)) continue;
      const found =
        (await this.variantEntries(base.id)).find((e) => e.id === id) ??
        (await this.assessmentEntries(base.id)).find((e) => e.id === id);
      if (found) return found;
    }
    return undefined;
  }

  private async topEntries(): Promise<FolderEntry[]> {
    const names = await this.names(this.dir);
    if (this.top?.names === names) return this.top.entries;
    const out: FolderEntry[] = [];
    const seen = new Set<string>();
    for (const name of names) {
      const id = idOf(name);
      if (id === undefined || seen.has(id)) continue;
      const file = join(this.dir, name);
      if (!(await isRealFile(file))) continue;
      seen.add(id);
      out.push({ id, kind: (await this.isLibrary(file)) ? 'library' : 'scenario', file, of: null });
    }
    this.top = { names, entries: out };
    return out;
  }

  private async libraryEntries(): Promise<FolderEntry[]> {
    const out = (await this.topEntries()).filter((e) => e.kind === 'library');
    const folder = join(this.dir, LIBRARY_FOLDER);
    if (!(await isRealFolder(folder))) return out;
    const seen = new Set(out.map((e) => e.id));
    for (const name of await this.names(folder)) {
      const id = idOf(name);
      const file = join(folder, name);
      if (id === undefined || seen.has(id) || !(await isRealFile(file))) continue;
      seen.add(id);
      out.push({ id, kind: 'library', file, of: null });
    }
    return out;
  }

  private async overlayEntries(
    id: string,
    suffix: string,
    separator: string,
    kind: 'variant' | 'assessment',
  ): Promise<FolderEntry[]> {
    const scenario = (await this.scenarioEntries()).find((e) => e.id === id);
    if (!scenario) return [];
    const folder = join(this.dir, `${id}${suffix}`);
    // A link posing as the folder could lead outside the served folder: only a real one counts.
    if (!(await isRealFolder(folder))) return [];
    const out: FolderEntry[] = [];
    const seen = new Set<string>();
    for (const name of await this.names(folder)) {
      const own = idOf(name);
      if (own === undefined || seen.has(own)) continue;
      seen.add(own);
      const file = join(folder, name);
      out.push({ id: `${id}${separator}${own}`, kind, file, of: id, scenarioFile: scenario.file });
    }
    return out;
  }

  /**
   * A folder's entry names in code-point order, listed again only when the folder's
   * modification time changed (an entry added, removed or renamed) or an event said so.
   */
  private async names(folder: string): Promise<string[]> {
    const mtime = await stat(folder).then(
      (s) => s.mtimeMs,
      () => undefined,
    );
    if (mtime === undefined) {
      this.listings.delete(folder);
      return [];
    }
    const known = this.listings.get(folder);
    if (known && known.mtime === mtime) return known.names;
    const names = (await readdir(folder).catch(() => [] as string[])).sort(codePoint);
    this.listings.set(folder, { mtime, names });
    this.watchFolder(folder);
    return names;
  }

  /** Whether a top-level file is a library (no root), by its parsed keys, cached per version. */
  private async isLibrary(file: string): Promise<boolean> {
    const version = await versionOf(file);
    const known = this.kinds.get(file);
    if (known && known.version === version) return known.library;
    const text = await readFile(file, 'utf8').catch(() => '');
    const library = isLibraryText(text);
    if (version !== undefined) this.kinds.set(file, { version, library });
    return library;
  }

  /** Library file -> ids of the scenarios whose documents read it. */
  private async importers(): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    for (const e of await this.scenarioEntries()) {
      const { doc } = await this.stored(e, false);
      for (const f of doc.texts.keys()) {
        const key = resolve(f);
        out.set(key, [...(out.get(key) ?? []), e.id]);
      }
    }
    return out;
  }

  private async readLibrary(entry: FolderEntry, importers: string[]): Promise<StoredLibrary> {
    const text = await readFile(entry.file, 'utf8').catch(() => '');
    const parsed = parseYaml(text);
    const value = (parsed.ok ? parsed.value : null) as Record<string, unknown> | null;
    const shaped = checkLibraryShape(value, SourcePath.rootOf(entry.file));
    const params = shaped.value?.parameters;
    return {
      id: entry.id,
      file: entry.file,
      text,
      title: typeof value?.title === 'string' ? value.title : null,
      description: typeof value?.description === 'string' ? value.description : null,
      parameters: params && typeof params === 'object' ? Object.keys(params) : [],
      errors: this.relativeErrors(await this.libraryProblems(entry.file, new Map())),
      importers,
    };
  }

  /** A library's own problems: read as if a scenario beside it imported it alone. */
  private async libraryProblems(
    file: string,
    unsaved: ReadonlyMap<string, string>,
  ): Promise<Diagnostic[]> {
    const probe = join(dirname(file), '.branchpoint-probe.yaml');
    const read = await readLibraries([basename(file)], probe, this.dir, unsaved);
    return locateInFiles('', probe, read.texts, read.errors).map((e) =>
      e.file === probe ? { ...e, file, line: null, column: null } : e,
    );
  }

  /**
   * The stored scenario of an entry. `check` stats its file (and its scenario's) so a single
   * read is always current; listings rely on events and the periodic check instead.
   */
  private async stored(entry: FolderEntry, check: boolean): Promise<StoredScenario> {
    const doc =
      entry.kind === 'variant' || entry.kind === 'assessment'
        ? await this.overlayDoc(entry, check)
        : await this.scenarioDoc(entry.file, check);
    return { id: entry.id, doc, variantOf: entry.of, kind: entry.kind };
  }

  private async scenarioDoc(file: string, check: boolean): Promise<ScenarioDocument> {
    const cached = this.docs.get(file);
    if (cached && (!check || cached.version === (await versionOf(file)))) return cached.doc;
    const version = (await versionOf(file)) ?? 'gone';
    const doc = this.relativeDoc(await readScenario(file, { folder: this.dir }));
    this.docs.set(file, { version, doc });
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
    const version = !cached || check ? await versionOf(entry.file) : cached.version;
    if (cached && cached.base === base && cached.version === version) return cached.doc;
    const overlay = await this.overlay(entry.file, version ?? 'gone');
    const derived =
      base?.ok && overlay?.ok && resolve(dirname(entry.file), overlay.value.target) === baseFile
        ? deriveDocument(base, overlay.value)
        : this.relativeDoc(await readScenario(entry.file, { folder: this.dir }));
    this.docs.set(entry.file, { version: version ?? 'gone', doc: derived, ...(base && { base }) });
    return derived;
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
    return doc.ok ? doc : { ...doc, errors: this.relativeErrors(doc.errors) };
  }

  /** Drops what the index knows of `path` (a file or a folder) and of what depends on it. */
  private forget(path: string): void {
    const file = resolve(path);
    this.top = undefined;
    this.listings.delete(dirname(file));
    this.listings.delete(file);
    this.kinds.delete(file);
    this.overlays.delete(file);
    this.docs.delete(file);
    // Scenarios importing a library that changed; their variants follow, being derived.
    for (const [f, cached] of this.docs)
      if ([...cached.doc.texts.keys()].some((t) => resolve(t) === file)) this.docs.delete(f);
  }

  private watchFolder(folder: string): void {
    if (!this.watching || this.watchers.has(folder)) return;
    try {
      const watcher = watch(folder, { persistent: false }, (_event, name) => {
        if (name) this.forget(join(folder, name.toString()));
        else this.listings.delete(folder);
      });
      // A folder removed, or a file system without events: the periodic check still runs.
      watcher.on('error', () => {
        watcher.close();
        this.watchers.delete(folder);
      });
      this.watchers.set(folder, watcher);
    } catch {
      // No events here (too many watches, an unusual file system): the periodic check remains.
    }
  }

  /** The fall-back check: every cached document and listed folder against the disk. */
  private async check(): Promise<void> {
    if (this.checking) return;
    this.checking = true;
    try {
      for (const [folder, listing] of [...this.listings]) {
        const mtime = await stat(folder).then(
          (s) => s.mtimeMs,
          () => undefined,
        );
        if (mtime !== listing.mtime) this.listings.delete(folder);
      }
      for (const [file, cached] of [...this.docs])
        if ((await versionOf(file)) !== cached.version) this.forget(file);
    } finally {
      this.checking = false;
    }
  }
}

/** Opens scenario text with some files' texts replaced by unsaved ones. */
async function openWith(
  text: string,
  file: string,
  folder: string,
  unsaved: ReadonlyMap<string, string>,
): Promise<ScenarioDocument> {
  const parsed = parseYaml(text);
  if (!parsed.ok) return openScenario(text, file);
  const imports = (parsed.value as { imports?: unknown } | null)?.imports;
  const list = Array.isArray(imports) ? imports.filter((i) => typeof i === 'string') : [];
  const libraries = await readLibraries(list, file, folder, unsaved);
  return openScenario(text, file, null, libraries, parsed.value);
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

function sameProblem(a: Diagnostic, b: Diagnostic): boolean {
  return a.file === b.file && a.line === b.line && a.column === b.column && a.code === b.code;
}

function isYamlName(name: string): boolean {
  return EXTENSIONS.has(extname(name).toLowerCase());
}

/** The id a file name gives, or undefined when it is not a YAML file or the id is not valid. */
function idOf(name: string): string | undefined {
  if (!isYamlName(name)) return undefined;
  const id = name.slice(0, -extname(name).length).toLowerCase();
  return SCENARIO_ID.test(id) ? id : undefined;
}

function codePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function isInside(dir: string, file: string): boolean {
  const rel = relative(dir, file);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

function backupFolder(file: string): string {
  return join(dirname(file), BACKUP_FOLDER, basename(file));
}

/** The path is a folder itself, not a link to one (or absent). */
export async function isRealFolder(path: string): Promise<boolean> {
  return lstat(path).then(
    (s) => s.isDirectory(),
    () => false,
  );
}

/** The path is a regular file, not a link (or absent). */
async function isRealFile(path: string): Promise<boolean> {
  return lstat(path).then(
    (s) => s.isFile(),
    () => false,
  );
}

/** A file's modification time and size, which change when it is written; undefined if gone. */
async function versionOf(file: string): Promise<string | undefined> {
  return stat(file).then(
    (s) => `${s.mtimeMs}:${s.size}`,
    () => undefined,
  );
}
