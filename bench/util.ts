import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadScenario } from '../src/load';
import type { Scenario } from '../src/model/types';

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

export function load(text: string, file: string): Scenario {
  const loaded = loadScenario(text, file);
  if (!loaded.ok)
    throw new Error(loaded.errors.map((e) => `${e.line}:${e.column} ${e.message}`).join('\n'));
  return loaded.scenario;
}

/** A shipped scenario, by file name under scenarios/. */
export function loadShipped(name: string): Scenario {
  return load(readFileSync(join(ROOT, 'scenarios', name), 'utf8'), name);
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
