import { readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { openScenario, type ScenarioDocument } from '../document';
import { readLibraries } from '../files/read-libraries';
import { checkLibraryShape, locateInFiles, parseYaml } from '../load';
import { SourcePath, type Diagnostic } from '../model/diagnostic';
import { relativeErrors } from './folder-paths';
import type { FolderEntry, StoredLibrary } from './folder-types';

/** A library file of the folder `dir`, read: its parameters and its own problems. */
export async function readLibrary(
  dir: string,
  entry: FolderEntry,
  importers: string[],
): Promise<StoredLibrary> {
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
    errors: relativeErrors(dir, await libraryProblems(dir, entry.file, new Map())),
    importers,
  };
}

/** A library's own problems: read as if a scenario beside it imported it alone. */
export async function libraryProblems(
  dir: string,
  file: string,
  unsaved: ReadonlyMap<string, string>,
): Promise<Diagnostic[]> {
  const probe = join(dirname(file), '.branchpoint-probe.yaml');
  const read = await readLibraries([basename(file)], probe, dir, unsaved);
  return locateInFiles('', probe, read.texts, read.errors).map((e) =>
    e.file === probe ? { ...e, file, line: null, column: null } : e,
  );
}

/** Opens scenario text with some files' texts replaced by unsaved ones. */
export async function openWith(
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

/** Two diagnostics report the same problem at the same place. */
export function sameProblem(a: Diagnostic, b: Diagnostic): boolean {
  return a.file === b.file && a.line === b.line && a.column === b.column && a.code === b.code;
}
