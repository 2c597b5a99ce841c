import { readFileSync } from 'node:fs';
import type autocannon from 'autocannon';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { checkLibraryShape, loadScenario, parseYaml, type ResolvedLibrary } from '../src/load';
import { SourcePath } from '../src/model/diagnostic';
import type { Scenario } from '../src/model/types';
import type { ScenarioSource } from '../src/parallel/simulate-parallel';

/** The repository's root, from bench/ in the sources or dist/bench/ in the build. */
export const ROOT = join(__dirname, __dirname.endsWith(join('dist', 'bench')) ? '../..' : '..');

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** `fn()` and the milliseconds it took. */
export function time<T>(fn: () => T): [T, number] {
  const t = performance.now();
  const value = fn();
  return [value, performance.now() - t];
}

export async function timeAsync<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const value = await fn();
  return [value, performance.now() - t];
}

/** Loads scenario text saved at `file`, with the libraries it imports (read relative to it). */
export function load(text: string, file: string): Scenario {
  return loadWithSource(text, file).scenario;
}

/** Like `load`, with the texts it was loaded from (for `simulateInParallel`'s workers). */
export function loadWithSource(
  text: string,
  file: string,
): { scenario: Scenario; source: ScenarioSource } {
  const libraries: ResolvedLibrary[] = [];
  const texts = new Map<string, string>();
  const follow = (imports: readonly string[], from: string): void => {
    for (const entry of imports) {
      const path = join(dirname(from), entry);
      if (texts.has(path)) continue;
      const libraryText = readFileSync(path, 'utf8');
      texts.set(path, libraryText);
      const parsed = parseYaml(libraryText);
      const shaped = parsed.ok ? checkLibraryShape(parsed.value, SourcePath.rootOf(path)) : null;
      if (!shaped?.value) throw new Error(`${path}: not a library`);
      follow(shaped.value.imports ?? [], path);
      libraries.push({ file: path, raw: shaped.value });
    }
  };
  const parsed = parseYaml(text);
  const imports = parsed.ok ? (parsed.value as { imports?: unknown } | null)?.imports : undefined;
  if (Array.isArray(imports))
    follow(
      imports.filter((i): i is string => typeof i === 'string'),
      file,
    );
  // The text is parsed once, as `openText` does: the value is passed on, not parsed again.
  const value = parsed.ok ? parsed.value : undefined;
  const loaded = parsed.ok
    ? loadScenario(text, file, { libraries, texts, value })
    : loadScenario(text, file, { libraries, texts });
  if (!loaded.ok)
    throw new Error(loaded.errors.map((e) => `${e.line}:${e.column} ${e.message}`).join('\n'));
  return { scenario: loaded.scenario, source: { file, text, texts } };
}

/** A shipped scenario, by file name under scenarios/. */
export function loadShipped(name: string): Scenario {
  const file = join(ROOT, 'scenarios', name);
  return load(readFileSync(file, 'utf8'), file);
}

/**
 * bench/us-response.yaml: us-response as shipped before the rework of issue 13, frozen because
 * bench/us-response.squiggle transcribes it by hand.
 */
export function loadFrozenUsResponse(): Scenario {
  return loadFrozenUsResponseWithSource().scenario;
}

export function loadFrozenUsResponseWithSource(): { scenario: Scenario; source: ScenarioSource } {
  const file = join(ROOT, 'bench', 'us-response.yaml');
  return loadWithSource(readFileSync(file, 'utf8'), file);
}

/** 1234567 -> "1,234,567". */
export function count(n: number): string {
  return n.toLocaleString('en-US');
}

/** A speed-up as "12.3x". */
export function ratio(slow: number, fast: number): string {
  return `${(slow / fast).toFixed(1)}x`;
}

export function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * autocannon, from bench/package.json's install (`npm run bench` installs it on first use): the
 * load generator is not a dependency of branchpoint itself. Its types come from
 * @types/autocannon in the root.
 */
export function loadAutocannon(): typeof autocannon {
  return createRequire(join(ROOT, 'bench', 'package.json'))('autocannon') as typeof autocannon;
}

/**
 * One autocannon run to its end; `onResponse` hears of every response (its status, its size in
 * bytes and its latency in ms: autocannon's own histogram keeps whole milliseconds).
 */
export function runAutocannon(
  options: autocannon.Options,
  onResponse: (status: number, bytes: number, ms: number, client: object) => void,
): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = loadAutocannon()(options, (error: unknown, result: autocannon.Result) =>
      error ? reject(error instanceof Error ? error : new Error(message(error))) : resolve(result),
    );
    instance.on('response', (client, status, bytes, ms) => onResponse(status, bytes, ms, client));
  });
}
