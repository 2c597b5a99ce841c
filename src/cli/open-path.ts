import { dirname, join } from 'node:path';
import {
  isLibraryParsed,
  openFileText,
  openScenarioText,
  readScenario,
  type ScenarioDocument,
} from '../document';
import { readText } from '../files/read-text';
import { parseYaml } from '../load';
import type { CliIo } from './cli-context';

/** How `-` is named in messages. */
export const STDIN_NAME = '<stdin>';

/**
 * Opens a command-line path: a scenario, variant or assessment file, or `-` for standard input
 * (its imports read relative to the current folder). With `library`, a library file is opened
 * through a stand-in scenario that imports it, so its own problems are found and located; the
 * result then names the library.
 */
export async function openPath(
  path: string,
  io: CliIo,
  options: { library?: boolean } = {},
): Promise<{ doc: ScenarioDocument; library: string | null }> {
  if (path === '-') {
    const text = await (io.stdin ?? readStdin)();
    return { doc: await openScenarioText(text, STDIN_NAME), library: null };
  }
  if (options.library) {
    const text = await readText(path);
    // Read and parsed once, whether it turns out a library or a scenario.
    if (text.ok) {
      const parsed = parseYaml(text.value);
      if (!isLibraryParsed(parsed))
        return { doc: await openFileText(text.value, path, {}, parsed), library: null };
      const standIn = join(dirname(path), '.library-check.yaml');
      const scenario = `title: library check\nimports: [${JSON.stringify(path.split(/[\\/]/).pop())}]\nroot: { type: outcome, label: none, payoff: 0 }\n`;
      return { doc: await openScenarioText(scenario, standIn), library: path };
    }
  }
  return { doc: await readScenario(path), library: null };
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
