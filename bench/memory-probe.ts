import { readFileSync } from 'node:fs';
import { programOf, resolveInputs, rollback } from '../src/engine';
import { loadScenario } from '../src/load';

/**
 * Run by bench/run.ts in a fresh process: load, compile and roll back one file once, then print
 * as JSON the resident memory with the libraries loaded and nothing else (the baseline), the
 * peak resident memory, and the heap that stays in use.
 */
const baselineRssMb = process.resourceUsage().maxRSS / 1024;
const text = readFileSync(process.argv[2]!, 'utf8');
const loaded = loadScenario(text);
if (!loaded.ok) throw new Error('probe file does not load');
const program = programOf(loaded.scenario);
const inputs = resolveInputs(loaded.scenario);
if (!inputs.ok) throw new Error('probe inputs do not resolve');
const result = rollback(program, inputs.value);
if (!result.ok) throw new Error('probe rollback failed');
(globalThis as { gc?: () => void }).gc?.();
process.stdout.write(
  JSON.stringify({
    baselineRssMb,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    retainedHeapMb: process.memoryUsage().heapUsed / 1024 / 1024,
    score: result.value.score[0],
  }),
);
