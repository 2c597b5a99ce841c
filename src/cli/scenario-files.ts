import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { isLibraryText } from '../document';
import { readFile } from 'node:fs/promises';
import type { CliIo } from './cli-context';

/**
 * The scenario files named by command-line paths: a file as given, a folder as the `.yaml` and
 * `.yml` files directly in it that are scenarios (libraries and overlays in sub-folders are not).
 */
export async function scenarioFiles(paths: readonly string[], _io: CliIo): Promise<string[]> {
  const out: string[] = [];
  for (const path of paths) {
    const folder = await stat(path).then(
      (s) => s.isDirectory(),
      () => false,
    );
    if (!folder) {
      out.push(path);
      continue;
    }
    const names = (await readdir(path)).filter((n) => /\.ya?ml$/i.test(n)).sort();
    for (const name of names) {
      const file = join(path, name);
      const text = await readFile(file, 'utf8').catch(() => '');
      if (!isLibraryText(text)) out.push(file);
    }
  }
  return out;
}
