import { lstat, readdir, stat } from 'node:fs/promises';
import { extname, isAbsolute, join, relative, resolve } from 'node:path';
import type { Diagnostic } from '../model/diagnostic';
import { readScenario, type ScenarioDocument } from '../document';

/** Ids are file names without extension; only these characters reach the file system. */
export const SCENARIO_ID = /^[a-z0-9_-]+$/;
const EXTENSIONS = new Set(['.yaml', '.yml']);

export interface StoredScenario {
  id: string;
  doc: ScenarioDocument;
  /** For a variant, the id of its scenario. */
  variantOf: string | null;
}

/** A variant's id: its scenario's id, `--`, the variant file's name. */
export const VARIANT_SEPARATOR = '--';
/** Variants of `NAME.yaml` live in the folder `NAME.variants/`. */
export const VARIANTS_SUFFIX = '.variants';

interface Entry {
  file: string;
  variantOf: string | null;
}

/**
 * The scenarios of one folder. Files are found by listing the folder, never by joining a user's
 * id onto a path, so nothing outside it can be read. Each file is re-read only when its size or
 * modification time changes, so edits show up without a restart and repeated requests are cheap.
 */
export class ScenarioStore {
  /** The served folder, absolute. */
  readonly dir: string;
  private readonly cache = new Map<
    string,
    { version: string; scenarioVersion: string | undefined; doc: ScenarioDocument }
  >();

  constructor(dir: string) {
    this.dir = resolve(dir);
  }

  /** Every scenario file in the folder, sorted by id. */
  async list(): Promise<StoredScenario[]> {
    const files = await this.files();
    const out: StoredScenario[] = [];
    for (const [id, entry] of files) {
      const doc = await this.read(entry);
      if (doc) out.push({ id, doc, variantOf: entry.variantOf });
    }
    return out;
  }

  /** The scenario with this id, or undefined when there is none (or the id is not valid). */
  async get(id: string): Promise<StoredScenario | undefined> {
    if (!SCENARIO_ID.test(id)) return undefined;
    const entry = (await this.files()).get(id);
    const doc = entry === undefined ? undefined : await this.read(entry);
    return entry && doc ? { id, doc, variantOf: entry.variantOf } : undefined;
  }

  /** The path of the file with this id, found by listing the folder; undefined if none. */
  async fileOf(id: string): Promise<string | undefined> {
    return SCENARIO_ID.test(id) ? (await this.files()).get(id)?.file : undefined;
  }

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

  private async files(): Promise<Map<string, Entry>> {
    const entries = await readdir(this.dir, { withFileTypes: true });
    const files = new Map<string, Entry>();
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const id = scenarioId(e.name);
      if (e.isFile() && id !== undefined && !files.has(id))
        files.set(id, { file: join(this.dir, e.name), variantOf: null });
    }
    for (const [base, entry] of [...files]) {
      if (entry.variantOf !== null) continue;
      const folder = this.variantsFolder(base);
      // A link posing as the variants folder could lead outside the served folder: only a real
      // folder counts.
      if (!(await isRealFolder(folder))) continue;
      const inside = await readdir(folder, { withFileTypes: true }).catch(() => []);
      for (const v of inside.sort((a, b) => a.name.localeCompare(b.name))) {
        const name = scenarioId(v.name);
        const id = `${base}${VARIANT_SEPARATOR}${name}`;
        if (v.isFile() && name !== undefined && !files.has(id))
          files.set(id, { file: join(folder, v.name), variantOf: base });
      }
    }
    return files;
  }

  /**
   * The file's document, or undefined when it vanished since the folder was listed. A variant
   * also depends on its scenario's file, so its cached document is checked against both.
   */
  private async read({ file }: Entry): Promise<ScenarioDocument | undefined> {
    const version = await versionOf(file);
    if (version === undefined) {
      this.cache.delete(file);
      return undefined;
    }
    const cached = this.cache.get(file);
    if (
      cached &&
      cached.version === version &&
      (cached.scenarioVersion === undefined ||
        cached.scenarioVersion === (await versionOf(cached.doc.file)))
    ) {
      return cached.doc;
    }
    const read = await readScenario(file);
    // Messages name files relative to the served folder: never a server's absolute path.
    const doc: ScenarioDocument = read.ok
      ? read
      : { ...read, errors: this.relativeErrors(read.errors) };
    const scenarioVersion = doc.file === file ? undefined : await versionOf(doc.file);
    this.cache.set(file, { version, scenarioVersion, doc });
    return doc;
  }
}

/** The id a file name gives, or undefined when it is not a scenario file or the id is not valid. */
function scenarioId(name: string): string | undefined {
  const ext = extname(name);
  if (!EXTENSIONS.has(ext.toLowerCase())) return undefined;
  const id = name.slice(0, -ext.length).toLowerCase();
  return SCENARIO_ID.test(id) ? id : undefined;
}

/** The path is a folder itself, not a link to one (or absent). */
export async function isRealFolder(path: string): Promise<boolean> {
  return lstat(path).then(
    (s) => s.isDirectory(),
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
