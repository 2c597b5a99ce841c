import { watch, type FSWatcher } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { isLibraryText } from '../document';
import { isTempName } from './atomic-write';
import {
  existsNoFollow,
  folderTime,
  isRealFile,
  isRealFolder,
  isRealFolderSync,
  versionOf,
} from './file-checks';
import {
  ASSESSMENT_SEPARATOR,
  ASSESSMENTS_SUFFIX,
  idOf,
  LIBRARY_FOLDER,
  SCENARIO_ID,
  VARIANT_SEPARATOR,
  VARIANTS_SUFFIX,
} from './folder-layout';
import type { FolderEntry } from './folder-types';

/** The most names added since the last listing that are spliced in rather than listed anew. */
const MAX_ADDED = 64;

interface Listing {
  mtime: number;
  names: string[];
}

/** A variants or assessments folder's entries, and what they were made from. */
interface OverlayListing {
  names: string[];
  scenario: FolderEntry;
  entries: FolderEntry[];
  /** Each name's entry (null: no id), kept across listings of the folder. */
  byName: Map<string, FolderEntry | null>;
  /** The ids of `entries`. */
  ids: Set<string>;
}

/**
 * The listing side of the folder's index: which files are scenarios, variants, assessments and
 * libraries, by the rules of `ScenarioFolder`. Folders are listed again only when their
 * modification time changed or a file-system event said so; `onEvent` hears of every file an
 * event names, so the documents cached for it can be dropped too.
 */
export class FolderListing {
  private readonly listings = new Map<string, Listing>();
  private readonly kinds = new Map<string, { version: string; library: boolean }>();
  private readonly watchers = new Map<string, FSWatcher>();
  /** The folder's own writes under way, by folder. */
  private readonly underWay = new Map<string, number>();
  /** The top-level entries, and the scenarios among them (the same arrays while unchanged). */
  private top: { names: string[]; entries: FolderEntry[]; scenarios: FolderEntry[] } | undefined;
  /** Each variants or assessments folder's entries: the same array while it is unchanged. */
  private readonly overlays = new Map<string, OverlayListing>();

  constructor(
    private readonly dir: string,
    private readonly watching: boolean,
    private readonly onEvent: (path: string) => void,
  ) {}

  /** Stops watching the folders. */
  close(): void {
    for (const w of this.watchers.values()) w.close();
    this.watchers.clear();
  }

  /** The scenario files directly in the folder (libraries left out), in code-point order. */
  async scenarioEntries(): Promise<FolderEntry[]> {
    return (await this.topIndex()).scenarios;
  }

  /** The variants of scenario `id`, in file order. */
  async variantEntries(id: string): Promise<FolderEntry[]> {
    return this.overlayEntries(id, VARIANTS_SUFFIX, VARIANT_SEPARATOR, 'variant');
  }

  /** The assessments of scenario `id`, in file order. */
  async assessmentEntries(id: string): Promise<FolderEntry[]> {
    return this.overlayEntries(id, ASSESSMENTS_SUFFIX, ASSESSMENT_SEPARATOR, 'assessment');
  }

  /** The entry with this id, found in the index (never by joining the id onto a path). */
  async entry(raw: string): Promise<FolderEntry | undefined> {
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

  /** The libraries: top-level files without a root, then those in `libraries/`. */
  async libraryEntries(): Promise<FolderEntry[]> {
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

  /**
   * A folder's entry names in code-point order, listed again only when the folder's
   * modification time changed (an entry added, removed or renamed) or an event said so.
   */
  async names(folder: string): Promise<string[]> {
    const mtime = folderTime(folder);
    if (mtime === undefined) {
      this.listings.delete(folder);
      return [];
    }
    const known = this.listings.get(folder);
    if (known && (known.mtime === mtime || this.writesUnderWay(folder))) return known.names;
    const names = (await readdir(folder).catch(() => [] as string[])).sort(codePoint);
    this.listings.set(folder, { mtime, names });
    this.watchFolder(folder);
    return names;
  }

  /** Drops what the listing knows of `path` (a file or a folder). */
  forget(path: string): void {
    const file = resolve(path);
    // Only a top-level file (or the folder itself) changes the top-level entries: saves of
    // variants leave them, and with them the scenarios' entries, as they were.
    if (file === this.dir || dirname(file) === this.dir) this.top = undefined;
    this.listings.delete(dirname(file));
    this.listings.delete(file);
    this.kinds.delete(file);
  }

  /**
   * A write of the folder's own is starting on `file`: until `wrote`, the folder's modification
   * time is its to change, and its listing stays as it is (events tell of anyone else's change).
   */
  writing(file: string): void {
    const folder = dirname(resolve(file));
    this.underWay.set(folder, (this.underWay.get(folder) ?? 0) + 1);
  }

  /**
   * The write `writing` announced is over: `file` now exists or not. Where events keep the
   * listing current, its folder's names are patched rather than listed again (a folder of
   * thousands of variants, one save a second); elsewhere the listing forgets the folder.
   */
  wrote(file: string, exists: boolean): void {
    const path = resolve(file);
    const folder = dirname(path);
    const left = (this.underWay.get(folder) ?? 1) - 1;
    if (left > 0) this.underWay.set(folder, left);
    else this.underWay.delete(folder);
    const known = this.listings.get(folder);
    const mtime = folderTime(folder);
    if (!known || mtime === undefined || !this.watchers.has(folder)) {
      this.forget(path);
      return;
    }
    this.kinds.delete(path);
    if (folder === this.dir) this.top = undefined;
    const name = basename(path);
    const at = nameIndex(known.names, name);
    const listed = known.names[at] === name;
    let names = known.names;
    if (exists !== listed) {
      names = names.slice();
      if (exists) names.splice(at, 0, name);
      else names.splice(at, 1);
    }
    this.listings.set(folder, { mtime, names });
  }

  /**
   * Whether an event about `path` tells the listing nothing new: its folder is not listed, or
   * `path` is listed exactly when it is there.
   */
  knows(path: string): boolean {
    const file = resolve(path);
    const known = this.listings.get(dirname(file));
    if (!known) return true;
    const name = basename(file);
    const listed = known.names[nameIndex(known.names, name)] === name;
    return listed === existsNoFollow(file);
  }

  private writesUnderWay(folder: string): boolean {
    return this.underWay.has(folder) && this.watchers.has(folder);
  }

  /** The fall-back check: drops the listing of every folder whose modification time changed. */
  check(): void {
    for (const [folder, listing] of [...this.listings])
      if (folderTime(folder) !== listing.mtime) this.listings.delete(folder);
  }

  private async topEntries(): Promise<FolderEntry[]> {
    return (await this.topIndex()).entries;
  }

  private async topIndex(): Promise<{ entries: FolderEntry[]; scenarios: FolderEntry[] }> {
    const names = await this.names(this.dir);
    if (this.top?.names === names) return this.top;
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
    this.top = { names, entries: out, scenarios: out.filter((e) => e.kind === 'scenario') };
    return this.top;
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
    if (!isRealFolderSync(folder)) return [];
    const names = await this.names(folder);
    const kept = this.overlays.get(folder);
    if (kept?.scenario === scenario) {
      if (kept.names === names) return kept.entries;
      const added = addedNames(kept.names, names);
      const entries =
        added &&
        this.withAdded(
          kept,
          added.map((i) => names[i]!),
          id,
          separator,
          kind,
          folder,
        );
      if (entries) {
        this.overlays.set(folder, { ...kept, names, entries });
        return entries;
      }
    }
    // After a save the names differ by one: the other entries are the same objects as before,
    // so what is kept by entry or by id downstream is found again without hashing new strings.
    const byName =
      kept?.scenario === scenario ? kept.byName : new Map<string, FolderEntry | null>();
    const out: FolderEntry[] = [];
    const seen = new Set<string>();
    for (const name of names) {
      const entry = entryOf(byName, name, id, separator, kind, folder, scenario);
      if (entry === null || seen.has(entry.id)) continue;
      seen.add(entry.id);
      out.push(entry);
    }
    // Names of files since removed are let go once they are many.
    const known =
      byName.size > names.length + 1024
        ? new Map(names.map((n) => [n, byName.get(n)!] as const))
        : byName;
    this.overlays.set(folder, { names, scenario, entries: out, byName: known, ids: seen });
    return out;
  }

  /**
   * The entries with those of names just added (saves): the kept ones with theirs spliced in at
   * their places (the same array when no name gives an entry); undefined when an id is taken
   * (`a.yaml` beside `a.yml`), which a full listing settles.
   */
  private withAdded(
    kept: OverlayListing,
    names: readonly string[],
    id: string,
    separator: string,
    kind: 'variant' | 'assessment',
    folder: string,
  ): FolderEntry[] | undefined {
    const fresh = names.flatMap(
      (name) => entryOf(kept.byName, name, id, separator, kind, folder, kept.scenario) ?? [],
    );
    if (fresh.length === 0) return kept.entries;
    const ids = new Set(fresh.map((e) => e.id));
    if (ids.size < fresh.length || fresh.some((e) => kept.ids.has(e.id))) return undefined;
    for (const e of fresh) kept.ids.add(e.id);
    const entries = kept.entries.slice();
    for (const e of fresh) entries.splice(indexByFile(entries, e.file), 0, e);
    return entries;
  }

  /** Whether a top-level file is a library (no root), by its parsed keys, cached per version. */
  private async isLibrary(file: string): Promise<boolean> {
    const version = versionOf(file);
    const known = this.kinds.get(file);
    if (known && known.version === version) return known.library;
    const text = await readFile(file, 'utf8').catch(() => '');
    const library = isLibraryText(text);
    if (version !== undefined) this.kinds.set(file, { version, library });
    return library;
  }

  private watchFolder(folder: string): void {
    if (!this.watching || this.watchers.has(folder)) return;
    try {
      const watcher = watch(folder, { persistent: false }, (_event, name) => {
        // A write's temporary file is never listed: its events change nothing listed.
        if (name) {
          if (!isTempName(name.toString())) this.onEvent(join(folder, name.toString()));
        } else this.listings.delete(folder);
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
}

function codePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A variant's or assessment's entry for a file name (null: the name gives no id), kept by name. */
function entryOf(
  byName: Map<string, FolderEntry | null>,
  name: string,
  id: string,
  separator: string,
  kind: 'variant' | 'assessment',
  folder: string,
  scenario: FolderEntry,
): FolderEntry | null {
  let entry = byName.get(name);
  if (entry === undefined) {
    const own = idOf(name);
    entry =
      own === undefined
        ? null
        : {
            id: `${id}${separator}${own}`,
            kind,
            file: join(folder, name),
            of: id,
            scenarioFile: scenario.file,
          };
    byName.set(name, entry);
  }
  return entry;
}

/**
 * The indexes in `after` of the names it adds to `before`, when it only adds a few (the same
 * strings otherwise, in order): what saves since the last listing did. Undefined otherwise.
 */
function addedNames(before: readonly string[], after: readonly string[]): number[] | undefined {
  const added: number[] = [];
  let i = 0;
  for (let j = 0; j < after.length; j++) {
    if (i < before.length && before[i] === after[j]) i++;
    else if (added.push(j) > MAX_ADDED) return undefined;
  }
  return i === before.length ? added : undefined;
}

/**
 * Where the entry of `file` is, or would go, among entries of one folder in file order (their
 * paths share the folder, so they sort as their names do).
 */
export function indexByFile(entries: readonly FolderEntry[], file: string): number {
  return sortedIndex(entries, file, (e) => e.file);
}

/** Where `key` is, or would go, among `items` sorted by `keyOf` in code-point order. */
function sortedIndex<T>(items: readonly T[], key: string, keyOf: (item: T) => string): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (keyOf(items[mid]!) < key) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Where `name` is, or would go, in `names` (in code-point order). */
function nameIndex(names: readonly string[], name: string): number {
  return sortedIndex(names, name, (n) => n);
}
