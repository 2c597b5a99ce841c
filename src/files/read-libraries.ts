import { dirname, join, resolve } from 'node:path';
import { diagnostic, SourcePath, type Diagnostic } from '../model/diagnostic';
import { checkLibraryShape, locateInFiles, parseYaml, type ResolvedLibrary } from '../load';
import { insideFolder, readText } from './read-text';

/** The libraries a scenario imports, in the order they join, with their texts and problems. */
export interface ReadLibraries {
  readonly libraries: ResolvedLibrary[];
  /** Each library's text by file, to locate problems in it. */
  readonly texts: Map<string, string>;
  /** Problems, not yet located: an import entry's `at` lies in the importing file. */
  readonly errors: Diagnostic[];
}

/**
 * Reads `imports` of the file at `from` (FORMAT.md section 8), following libraries that import
 * others depth first, so a library joins after those it imports. A library reached twice joins
 * once; a cycle, a file that is not a library, or (with `folder`) a file outside the served folder
 * is an error at the import entry that leads to it. `unsaved` holds texts (by absolute path) read
 * instead of the files: the web editor checks what a library edit would do before saving it.
 */
export async function readLibraries(
  imports: readonly string[],
  from: string,
  folder: string | undefined,
  unsaved: ReadonlyMap<string, string> = new Map(),
): Promise<ReadLibraries> {
  const out: ReadLibraries = { libraries: [], texts: new Map(), errors: [] };
  await follow(imports, from, SourcePath.root, [from], folder, out, unsaved);
  return out;
}

/** Deeper chains are taken for a cycle that symlinks hide. */
const MAX_IMPORT_DEPTH = 32;

async function follow(
  imports: readonly string[],
  from: string,
  root: SourcePath,
  chain: readonly string[],
  folder: string | undefined,
  out: ReadLibraries,
  unsaved: ReadonlyMap<string, string>,
): Promise<void> {
  for (const [i, entry] of imports.entries()) {
    const at = root.child('imports', i);
    // Kept relative when the scenario's path is, so messages name files as the user does.
    const file = join(dirname(from), entry);
    const fail = (code: Diagnostic['code'], message: string) =>
      out.errors.push(diagnostic(code, message, at));
    if (chain.includes(file) || chain.length > MAX_IMPORT_DEPTH) {
      fail('IMPORT_CYCLE', `imports form a cycle: ${[...chain, file].map(shortName).join(' -> ')}`);
      continue;
    }
    if (out.texts.has(file)) continue;
    if (folder !== undefined && !(await insideFolder(file, folder))) {
      fail('IMPORT_OUTSIDE', `import '${entry}' lies outside the served folder; it is not read`);
      continue;
    }
    const given = unsaved.get(resolve(file));
    const text =
      given !== undefined ? { ok: true as const, value: given } : await readText(file, at);
    if (!text.ok) {
      fail('FILE_UNREADABLE', `cannot read import '${entry}': ${reason(text.errors)}`);
      continue;
    }
    out.texts.set(file, text.value);
    const libraryRoot = SourcePath.rootOf(file);
    const parsed = parseYaml(text.value);
    if (!parsed.ok) {
      out.errors.push(...locateInFiles(text.value, file, new Map(), parsed.errors));
      continue;
    }
    const value = parsed.value as Record<string, unknown> | null;
    if (value && typeof value === 'object' && ('root' in value || 'extends' in value)) {
      fail(
        'NOT_A_LIBRARY',
        `import '${entry}' is a ${'root' in value ? 'scenario' : 'variant'}, not a library: a library holds only title, description, sources, parameters and imports`,
      );
      continue;
    }
    const shaped = checkLibraryShape(parsed.value, libraryRoot);
    out.errors.push(...shaped.errors);
    if (!shaped.value) continue;
    await follow(
      shaped.value.imports ?? [],
      file,
      libraryRoot,
      [...chain, file],
      folder,
      out,
      unsaved,
    );
    out.libraries.push({ file, raw: shaped.value });
  }
}

function reason(errors: readonly Diagnostic[]): string {
  return (errors[0]?.message ?? 'unreadable').replace(/^cannot read file: /, '');
}

function shortName(file: string): string {
  return file.split(/[\\/]/).slice(-2).join('/');
}
