import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { evaluate, simulate, type Simulation } from '../src/engine';
import type { Scenario } from '../src/model/types';
import { availableParallelism } from 'node:os';
import { record } from './summary';
import { simulateInParallel } from '../src/parallel/simulate-parallel';
import {
  count,
  loadFrozenUsResponseWithSource,
  median,
  message,
  ratio,
  ROOT,
  time,
  timeAsync,
} from './util';

/**
 * branchpoint's `simulate` against Squiggle (@quri/squiggle-lang) on the same model:
 * bench/us-response.yaml (us-response as shipped before issue 13, frozen), written by hand as bench/us-response.squiggle. Both draw 100,000
 * samples of every parameter; the benchmark times them alternately in one process and checks
 * that each root option's mean score agrees within Monte Carlo error.
 * Targets: >= 10x faster (issue "Sensitivity, break-even thresholds, Monte Carlo", item 6), then
 * >= 20x (issue "Speed"). Five alternating rounds after three warm-up runs of each: both sides
 * move by 20-30% from run to run, and both still speed up over their first runs.
 */

const SAMPLES = 100_000;
const ROUNDS = 5;
/** Runs of each before the timed rounds. */
const WARM_UP = 3;
/** Means agree when they differ by less than this many standard errors of the difference. */
const AGREE_SE = 4;

interface Summary {
  mean: number;
  stdev: number;
}

/** Runs Squiggle code that returns a dict from option id to { mean, stdev }. */
type RunSquiggle = (code: string, sampleCount?: number) => Promise<Map<string, Summary>>;

/** The little of squiggle-lang's API used here (its types live in bench/node_modules). */
interface SquiggleValue {
  tag: string;
  value: unknown;
}
type SquiggleDict = { tag: 'Dict'; value: Map<string, SquiggleValue> };
interface SquiggleLang {
  run(
    this: void,
    code: string,
    options: { environment: Record<string, unknown> },
  ): Promise<{
    result:
      { ok: true; value: { result: SquiggleValue } } | { ok: false; value: { toString(): string } };
  }>;
}

async function squiggleRunner(): Promise<RunSquiggle> {
  // squiggle-lang is installed in bench/ (bench/package.json), not with branchpoint; it is an ES
  // module, and under module nodenext a CommonJS file keeps import() as is.
  const entry = createRequire(join(ROOT, 'bench', 'package.json')).resolve('@quri/squiggle-lang');
  const { run } = (await import(pathToFileURL(entry).href)) as SquiggleLang;
  return async (code, sampleCount = SAMPLES) => {
    const environment = { sampleCount, xyPointLength: 1000, seed: 'branchpoint-bench' };
    const output = await run(code, { environment });
    const result = output.result;
    if (!result.ok) throw new Error(`the Squiggle model fails: ${result.value.toString()}`);
    const value = result.value.result;
    if (value.tag !== 'Dict') throw new Error(`the Squiggle model returns a ${value.tag}`);
    const summaries = new Map<string, Summary>();
    for (const [id, entry] of (value as SquiggleDict).value.entries()) {
      const stats = entry.tag === 'Dict' ? (entry as SquiggleDict).value : undefined;
      const mean = stats?.get('mean');
      const stdev = stats?.get('stdev');
      if (mean?.tag !== 'Number' || stdev?.tag !== 'Number')
        throw new Error(`the Squiggle model's '${id}' is not { mean, stdev }`);
      summaries.set(id, { mean: mean.value as number, stdev: stdev.value as number });
    }
    return summaries;
  };
}

/**
 * The means agree only within sampling error, which would hide a small slip in the transcription
 * (and on this scenario the nested decision after a refusal changes in under 1% of samples). So
 * first check the model exactly: with every parameter pinned to one value (`pointMass`), the
 * Squiggle model must give each option the score that `evaluate` gives, at the base case and at a
 * point where that nested decision takes the other option. Returns what was checked.
 */
async function checkAtPoints(
  runSquiggle: RunSquiggle,
  code: string,
  scenario: Scenario,
): Promise<string> {
  const nested = '/after-refusal';
  const points: { name: string; set: Record<string, number>; choice: string }[] = [
    { name: 'the base case', set: {}, choice: 'shift-to-pressure' },
    {
      name: 'a point where the decision after a refusal falls back to Russian terms',
      set: { p_deal_holds_terms: 0.95, concession: 0.1, p_nato_unity: 0.1 },
      choice: 'fall-back-to-russian-terms',
    },
  ];
  for (const point of points) {
    const evaluation = evaluate(scenario, { set: point.set });
    if (!evaluation.ok) throw new Error(evaluation.errors.map((e) => e.message).join('\n'));
    const { options, parameters, policy } = evaluation.value;
    const chosen = policy.find((p) => p.path.endsWith(nested))?.choice;
    if (chosen !== point.choice)
      throw new Error(`at ${point.name}, branchpoint chooses ${chosen} after a refusal`);
    let pinned = code;
    for (const [name, value] of Object.entries(parameters)) {
      const line = new RegExp(`^${name} = sampled\\(.*\\)$`, 'm');
      if (!line.test(pinned))
        throw new Error(`the Squiggle model has no line '${name} = sampled(...)'`);
      pinned = pinned.replace(line, `${name} = sampled(pointMass(${value}))`);
    }
    const scores = await runSquiggle(pinned, 1000);
    for (const option of options) {
      const other = scores.get(option.id)?.mean ?? Number.NaN;
      if (!(Math.abs(other - option.score) <= 1e-12 * Math.max(1, Math.abs(option.score))))
        throw new Error(
          `the Squiggle model is not the scenario: at ${point.name}, '${option.id}' scores ${other} in Squiggle, ${option.score} in branchpoint`,
        );
    }
  }
  return points.map((p) => p.name).join(' and at ');
}

export async function squiggleBench(): Promise<void> {
  let runSquiggle: RunSquiggle;
  try {
    runSquiggle = await squiggleRunner();
  } catch (error) {
    console.log(
      `simulate vs Squiggle: not measured, Squiggle could not be loaded: ${message(error)}`,
    );
    return;
  }
  const code = readFileSync(join(ROOT, 'bench', 'us-response.squiggle'), 'utf8');
  const { scenario, source } = loadFrozenUsResponseWithSource();
  const checked = await checkAtPoints(runSquiggle, code, scenario);
  console.log(
    `Squiggle model (bench/us-response.squiggle) checked with its parameters pinned: every option scores as in branchpoint's evaluate, to 1e-12, at ${checked}`,
  );
  const runOneThread = (): Simulation => {
    const result = simulate(scenario, { iterations: SAMPLES, seed: 1 });
    if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('\n'));
    return result.value;
  };
  // As `branchpoint simulate` runs it: blocks shared with a worker thread when the run is large
  // enough (bench/README.md); the same numbers, bit for bit.
  const runBranchpoint = async (): Promise<Simulation> => {
    const result = await simulateInParallel(source, scenario, { iterations: SAMPLES, seed: 1 });
    if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('\n'));
    return result.value;
  };

  // The same warm-up for each, WARM_UP runs alternated (the first parallel run starts the
  // worker; both engines' JIT settles over the first few), then alternate rounds so all see the
  // same machine.
  const [, coldMs] = await timeAsync(runBranchpoint);
  let simulation = await runBranchpoint();
  if (JSON.stringify(simulation) !== JSON.stringify(runOneThread()))
    throw new Error('one thread and several threads disagree');
  let squiggle = await runSquiggle(code);
  for (let w = 1; w < WARM_UP; w++) {
    await runBranchpoint();
    runOneThread();
    await runSquiggle(code);
  }
  const ours: number[] = [];
  const single: number[] = [];
  const theirs: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const [s, ms] = await timeAsync(runBranchpoint);
    simulation = s;
    ours.push(ms);
    single.push(time(runOneThread)[1]);
    const [q, qms] = await timeAsync(() => runSquiggle(code));
    squiggle = q;
    theirs.push(qms);
  }
  const [ourMs, singleMs, theirMs] = [median(ours), median(single), median(theirs)];
  console.log(
    `branchpoint on ${availableParallelism()} cores: ${ourMs.toFixed(0)} ms (first run, starting the worker: ${coldMs.toFixed(0)} ms); on one thread: ${singleMs.toFixed(0)} ms, ${ratio(theirMs, singleMs)} faster than Squiggle`,
  );

  console.log(
    `simulate, us-response.yaml, ${count(SAMPLES)} samples: branchpoint ${ourMs.toFixed(0)} ms, Squiggle ${theirMs.toFixed(0)} ms (medians of ${ROUNDS}, alternating); mean score per root option:`,
  );
  let agree = true;
  for (const option of simulation.options) {
    const other = squiggle.get(option.id);
    if (!other) {
      agree = false;
      console.log(`  ${option.id}: branchpoint ${option.mean.toFixed(5)}, missing in Squiggle`);
      continue;
    }
    // Two independent estimates of the same mean: the difference has variance 2 sd^2 / n.
    const se = Math.sqrt((2 * other.stdev ** 2) / SAMPLES);
    const z = Math.abs(option.mean - other.mean) / se;
    agree &&= z < AGREE_SE;
    console.log(
      `  ${option.id}: branchpoint ${option.mean.toFixed(5)}, Squiggle ${other.mean.toFixed(5)} (differ by ${z.toFixed(1)} standard errors)`,
    );
  }
  console.log(
    `simulate vs Squiggle (${count(SAMPLES)} samples): ${ratio(theirMs, ourMs)} faster (target >= 20x); means ${agree ? `agree within ${AGREE_SE} standard errors` : 'DISAGREE: the two models differ'}`,
  );
  record({
    what: `simulate us-response, ${count(SAMPLES)} samples, vs Squiggle`,
    figure: `${ratio(theirMs, ourMs)} faster`,
    target: '>= 20x, means within 4 SE',
    met: theirMs / ourMs >= 20 && agree,
  });
}
