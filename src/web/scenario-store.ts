import { readdir, stat } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { readScenario, type ScenarioDocument } from '../document';

/** Ids are file names without extension; only these characters reach the file system. */
export const SCENARIO_ID = /^[a-z0-9_-]+$/;
const EXTENSIONS = new Set(['.yaml', '.yml']);

export interface StoredScenario {
  id: string;
  doc: ScenarioDocument;
}

/**
 * The scenarios of one folder. Files are found by listing the folder, never by joining a user's
 * id onto a path, so nothing outside it can be read. Each file is re-read only when its size or
 * modification time changes, so edits show up without a restart and repeated requests are cheap.
 */
export class ScenarioStore {
  private readonly dir: string;
  private readonly cache = new Map<
    string,
    { mtimeMs: number; size: number; doc: ScenarioDocument }
  >();

  constructor(dir: string) {
    this.dir = resolve(dir);
  }

  /** Every scenario file in the folder, sorted by id. */
  async list(): Promise<StoredScenario[]> {
    const files = await this.files();
    const out: StoredScenario[] = [];
    for (const [id, file] of files) {
      const doc = await this.read(file);
      if (doc) out.push({ id, doc });
    }
    return out;
  }

  /** The scenario with this id, or undefined when there is none (or the id is not valid). */
  async get(id: string): Promise<StoredScenario | undefined> {
    if (!SCENARIO_ID.test(id)) return undefined;
    const file = (await this.files()).get(id);
    const doc = file === undefined ? undefined : await this.read(file);
    return doc ? { id, doc } : undefined;
  }

  /** The path of the file with this id, found by listing the folder; undefined if none. */
  async fileOf(id: string): Promise<string | undefined> {
    return SCENARIO_ID.test(id) ? (await this.files()).get(id) : undefined;
  }

  private async files(): Promise<Map<string, string>> {
    const entries = await readdir(this.dir, { withFileTypes: true });
    const files = new Map<string, string>();
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const ext = extname(e.name);
      if (!e.isFile() || !EXTENSIONS.has(ext.toLowerCase())) continue;
      const id = e.name.slice(0, -ext.length).toLowerCase();
      if (SCENARIO_ID.test(id) && !files.has(id)) files.set(id, join(this.dir, e.name));
    }
    return files;
  }

  /** The file's document, or undefined when it vanished since the folder was listed. */
  private async read(file: string): Promise<ScenarioDocument | undefined> {
    let s: Awaited<ReturnType<typeof stat>>;
    try {
      s = await stat(file);
    } catch {
      this.cache.delete(file);
      return undefined;
    }
    const cached = this.cache.get(file);
    if (cached && cached.mtimeMs === s.mtimeMs && cached.size === s.size) return cached.doc;
    const doc = await readScenario(file);
    this.cache.set(file, { mtimeMs: s.mtimeMs, size: s.size, doc });
    return doc;
  }
}
