import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { programOf, resolveInputs, rollback, type Program } from '../src/engine';
import type { Scenario } from '../src/model/types';
import { generateScenario } from './generate-tree';
import { httpBench } from './http';
import { installBench } from './install';
import { mixedLoadBench } from './mixed-load';
import { silverDecisionsBench } from './silverdecisions';
import { simulationBench } from './simulation';
import { squiggleBench } from './squiggle';
import { startupBench } from './startup';
import { record, summaryTable } from './summary';
import { count, load, median, message, time } from './util';

/**
 * `npm run bench` (bench/README.md):
 * - load, compile and roll back a generated 100k-node tree, each timed apart, and compare the
 *   rollback with a hand-written plain-JS rollback of the same numbers. Targets (issue 3):
 *   rollback within 3x of plain JS; load + compile + rollback under 0.5 s (issue "Speed"); memory under 200 MB.
 * - Monte Carlo speed, and `simulate` against Squiggle (bench/simulation.ts, bench/squiggle.ts).
 * - rollback and sensitivity against SilverDecisions (bench/silverdecisions.ts).
 * - the web app's API under load from autocannon, on 127.0.0.1 (bench/http.ts).
 * - the mixed load with 10,000 variant files (bench/mixed-load.ts) and `npm install`
 *   (bench/install.ts).
 * Each ends its section with the rows of issue "Speed"'s table it measures, and a summary
 * table of every row comes last (bench/summary.ts).
 * `BENCH_ONLY=startup,rollback,simulation,squiggle,silverdecisions,http,load,install` runs some.
 */

const SIZE = Number(process.env.BENCH_NODES ?? 100_000);
/** Target (issue "Speed", item 5). */
const TARGET_LOAD_MS = 500;

/**
 * The baseline: the same tree as plain arrays (children lists, probabilities and one score per
 * node, all precomputed), rolled back by a straightforward recursive function.
 */
function plainTree(
  program: Program,
  probability: Float64Array,
  payoff: Float64Array,
  k: Float64Array,
) {
  const children: number[][] = [];
  const kind: number[] = [];
  const prob: number[] = [];
  const own: number[] = [];
  for (let i = 0; i < program.size; i++) {
    const first = program.firstChild[i]!;
    children.push(Array.from({ length: program.childCount[i]! }, (_, j) => first + j));
    kind.push(program.kind[i]!);
    prob.push(probability[i]!);
    let s = 0;
    for (let c = 0; c < program.criteria; c++) s += k[c]! * payoff[i * program.criteria + c]!;
    own.push(s);
  }
  return { children, kind, prob, own };
}

function plainRollback(t: ReturnType<typeof plainTree>, i: number): number {
  const kids = t.children[i]!;
  if (kids.length === 0) return t.own[i]!;
  if (t.kind[i] === 2) {
    let best = -Infinity;
    for (const j of kids) best = Math.max(best, plainRollback(t, j));
    return t.own[i]! + best;
  }
  let acc = 0;
  for (const j of kids) acc += t.prob[j]! * plainRollback(t, j);
  return t.own[i]! + acc;
}

function rollbackBench(): void {
  const [{ text, nodes }, genMs] = time(() => generateScenario(SIZE));
  console.log(
    `generated tree: ${nodes} nodes, ${(text.length / 1e6).toFixed(1)} MB of YAML (${genMs.toFixed(0)} ms)`,
  );

  const loadTimes: number[] = [];
  const compileTimes: number[] = [];
  let scenario: Scenario | undefined;
  let program: Program | undefined;
  for (let r = 0; r < 5; r++) {
    const [s, loadMs] = time(() => load(text, 'generated.yaml'));
    const [p, compileMs] = time(() => programOf(s));
    loadTimes.push(loadMs);
    compileTimes.push(compileMs);
    scenario = s;
    program = p;
  }
  const inputs = resolveInputs(scenario!);
  if (!inputs.ok) throw new Error('generated scenario has invalid parameters');

  const first = rollback(program!, inputs.value);
  if (!first.ok) throw new Error(first.errors.map((e) => e.message).join('\n'));
  const score = first.value.score[0]!;
  const plain = plainTree(
    program!,
    first.value.probability,
    first.value.payoff,
    inputs.value.coefficients,
  );

  // Interleaved, after a warm-up, so both see the same machine; the median resists GC pauses.
  const rollbackTimes: number[] = [];
  const plainTimes: number[] = [];
  let plainScore = 0;
  for (let r = 0; r < 220; r++) {
    const [, ms] = time(() => rollback(program!, inputs.value));
    const [s, plainMs] = time(() => plainRollback(plain, 0));
    plainScore = s;
    if (r < 20) continue;
    rollbackTimes.push(ms);
    plainTimes.push(plainMs);
  }
  if (Math.abs(plainScore - score) > 1e-9 * Math.max(1, Math.abs(score))) {
    throw new Error(`plain JS and branchpoint disagree: ${plainScore} vs ${score}`);
  }

  const [loadMs, compileMs, rollbackMs, plainMs] = [
    loadTimes,
    compileTimes,
    rollbackTimes,
    plainTimes,
  ].map(median) as [number, number, number, number];
  const total = loadMs + compileMs + rollbackMs;
  const memory = measureMemory(text);
  console.log(`load (parse + validate + resolve): ${loadMs.toFixed(1)} ms (median of 5)`);
  console.log(`compile (flatten to typed arrays):  ${compileMs.toFixed(1)} ms`);
  console.log(
    `rollback (expressions + checks + rollback): ${rollbackMs.toFixed(2)} ms (median of 200)`,
  );
  console.log(`plain JS rollback (precomputed numbers):    ${plainMs.toFixed(2)} ms`);
  console.log(
    `rollback ratio: ${(rollbackMs / plainMs).toFixed(1)} (branchpoint / plain JS; target <= 3)`,
  );
  console.log(`load + compile + rollback: ${total.toFixed(0)} ms (target < ${TARGET_LOAD_MS} ms)`);
  record({
    what: `load + compile + rollback, ${count(nodes)} nodes`,
    figure: `${total.toFixed(0)} ms`,
    target: `< ${TARGET_LOAD_MS} ms`,
    met: total < TARGET_LOAD_MS,
  });
  record({
    what: `peak memory of that, whole process`,
    figure: `${memory.maxRssMb.toFixed(0)} MB`,
    target: '< 200 MB',
    met: memory.maxRssMb < 200,
  });
  record({
    what: 'rollback vs plain JS',
    figure: `${(rollbackMs / plainMs).toFixed(1)}x`,
    target: '<= 3x',
    met: rollbackMs / plainMs <= 3,
  });
  console.log(
    `memory for one load + compile + rollback, in a fresh process: peak RSS ${memory.maxRssMb.toFixed(0)} MB, of which ${memory.baselineRssMb.toFixed(0)} MB is Node with the libraries loaded; the work adds ${(memory.maxRssMb - memory.baselineRssMb).toFixed(0)} MB (target < 200 MB); heap kept afterwards ${memory.retainedHeapMb.toFixed(0)} MB`,
  );
  console.log(`root score ${score.toFixed(6)} (plain JS agrees)`);
}

/** Peak memory of one load + compile + rollback, measured in a child process of its own. */
function measureMemory(text: string): {
  baselineRssMb: number;
  maxRssMb: number;
  retainedHeapMb: number;
} {
  const dir = mkdtempSync(join(tmpdir(), 'branchpoint-bench-'));
  try {
    const file = join(dir, 'tree.yaml');
    writeFileSync(file, text);
    const out = execFileSync(
      process.execPath,
      ['--expose-gc', join(__dirname, 'memory-probe.js'), file],
      { encoding: 'utf8' },
    );
    return JSON.parse(out) as { baselineRssMb: number; maxRssMb: number; retainedHeapMb: number };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const BENCHES: Record<string, () => void | Promise<void>> = {
  startup: startupBench,
  rollback: rollbackBench,
  simulation: simulationBench,
  squiggle: squiggleBench,
  silverdecisions: silverDecisionsBench,
  http: httpBench,
  load: mixedLoadBench,
  install: installBench,
};

async function main(): Promise<void> {
  const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim());
  for (const [name, bench] of Object.entries(BENCHES)) {
    if (only && !only.includes(name)) continue;
    console.log(`\n== ${name}`);
    try {
      await bench();
    } catch (error) {
      // One failing benchmark should not hide the others' figures.
      console.log(`${name}: failed: ${message(error)}`);
      process.exitCode = 1;
    }
  }
  const table = summaryTable();
  if (table)
    console.log(`\n== summary (issue "Speed": each row, its figure and its target)\n${table}`);
}

void main();
