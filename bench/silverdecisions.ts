import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { programOf, resolveInputs, rollback, sensitivity, type Sensitivity } from '../src/engine';
import { THRESHOLD_GRID, THRESHOLD_TOLERANCE } from '../src/engine/constants';
import type { Scenario } from '../src/model/types';
import { generateScenario } from './generate-tree';
import { toSilverDecisions, weightVariable, type ConvertOptions } from './to-silverdecisions';
import { count, load, loadShipped, median, message, ratio, ROOT, time, timeAsync } from './util';

/**
 * branchpoint against SilverDecisions (sd-computations and sd-model, LGPL, in bench/package.json),
 * the decision-tree engine of silverdecisions.pl. Both packages ship untranspiled ES modules
 * without a Node entry, so they are bundled here with esbuild into a CommonJS file first.
 *
 * - rollback: `resolveInputs` + `rollback` against SilverDecisions' `recompute(false, true)` (the
 *   global code, every expression, validation and the expected-value rule; `false` skips its
 *   nine other objective rules), on a generated tree and on scenarios/us-response.yaml; both
 *   must give the same expected value within 1e-9, relative.
 * - tornado: `sensitivity` against the `tornado-diagram` job on the same parameters and ranges,
 *   SilverDecisions on branchpoint's grid of THRESHOLD_GRID + 1 points per variable.
 *
 * The two tornadoes answer different questions: SilverDecisions holds the base case's policy
 * (every decision, nested ones too) fixed and reports the extreme payoffs over the grid;
 * branchpoint re-optimises at every point and reports the best option's score at the ends of
 * the range. They agree where no decision changes within the range and the score is monotone.
 */

const RULE = 'expected-value-maximization';
const GENERATED_NODES = Number(process.env.BENCH_SD_NODES ?? 10_000);
/** The generated tree for the tornado, and SilverDecisions' (coarser) grid on it. */
const TORNADO_NODES = Number(process.env.BENCH_SD_TORNADO_NODES ?? 1_000);
const TORNADO_POINTS_GENERATED = 5;
const RELATIVE_TOLERANCE = 1e-9;

// The little of SilverDecisions' API the benchmark uses.
interface SdModule {
  ComputationsManager: new (
    config: { ruleName: string; jobRepositoryType: string },
    data: SdDataModel,
  ) => SdComputationsManager;
  DataModel: new (data: unknown) => SdDataModel;
  ExpressionEngine: { toFloat(value: unknown): number };
}
interface SdDataModel {
  getRoots(): { computedValue(rule: string, key: string): unknown[] }[];
  validationResults: { errors: unknown[] }[];
}
interface SdComputationsManager {
  recompute(allRules: boolean, evalCode: boolean): Promise<void>;
  isValid(): boolean;
  runJob(
    name: string,
    params: unknown,
    data: SdDataModel,
    resolveWhenLaunched: boolean,
  ): Promise<SdJobExecution>;
  jobsManger: { getResult(execution: SdJobExecution): Promise<{ data: SdTornado } | undefined> };
}
interface SdJobExecution {
  status: string;
  failureExceptions: unknown[];
}
interface SdTornado {
  defaultPayoff: number;
  policies: unknown[];
  rows: { variableName: string; extents: [number, number][] }[];
}
interface SdVariable {
  name: string;
  min: number;
  max: number;
  length: number;
}

/** Bundles sd-computations and sd-model into one CommonJS file and loads it. */
async function loadSilverDecisions(): Promise<{ sd: SdModule; ms: number }> {
  const { build } = await import('esbuild');
  const dir = mkdtempSync(join(tmpdir(), 'branchpoint-sd-'));
  try {
    const outfile = join(dir, 'silverdecisions.cjs');
    const [, ms] = await timeAsync(() =>
      build({
        stdin: {
          contents: [
            "export { ComputationsManager } from 'sd-computations';",
            "export { DataModel } from 'sd-model';",
            "export { ExpressionEngine } from 'sd-expression-engine';",
          ].join('\n'),
          resolveDir: join(ROOT, 'bench'),
          sourcefile: 'silverdecisions-entry.js',
        },
        bundle: true,
        platform: 'node',
        format: 'cjs',
        target: 'node20',
        outfile,
        logLevel: 'silent',
      }),
    );
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a file built just now
    return { sd: require(outfile) as SdModule, ms };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A scenario loaded into SilverDecisions and computed once. */
async function silverDecisions(sd: SdModule, scenario: Scenario, options: ConvertOptions) {
  // A JSON round trip, as from a file: SilverDecisions keeps references into what it is given.
  const data = new sd.DataModel(JSON.parse(JSON.stringify(toSilverDecisions(scenario, options))));
  const manager = new sd.ComputationsManager({ ruleName: RULE, jobRepositoryType: 'simple' }, data);
  const recompute = async (): Promise<number> => {
    await manager.recompute(false, true);
    if (!manager.isValid())
      throw new Error(
        `SilverDecisions finds the converted tree invalid: ${JSON.stringify(data.validationResults.flatMap((v) => v.errors)).slice(0, 300)}`,
      );
    return sd.ExpressionEngine.toFloat(data.getRoots()[0]!.computedValue(RULE, 'payoff')[0]);
  };
  await recompute();
  return { data, manager, recompute };
}

function relativeDifference(a: number, b: number): number {
  return Math.abs(a - b) / Math.max(1e-300, Math.abs(a), Math.abs(b));
}

/** Times one rollback in each tool and checks that they give the same expected value. */
async function compareRollback(sd: SdModule, name: string, scenario: Scenario, runs: number) {
  const program = programOf(scenario);
  const ours = () => {
    const inputs = resolveInputs(scenario);
    if (!inputs.ok) throw new Error(inputs.errors.map((e) => e.message).join('\n'));
    const result = rollback(program, inputs.value);
    if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('\n'));
    return result.value.score[0]!;
  };
  const { recompute } = await silverDecisions(sd, scenario, {});
  const value = ours();
  const ourTimes: number[] = [];
  const theirTimes: number[] = [];
  let theirValue = Number.NaN;
  for (let r = 0; r < runs; r++) {
    // branchpoint takes microseconds to a few milliseconds: time a batch of 20.
    ourTimes.push(time(() => Array.from({ length: 20 }, ours))[1] / 20);
    const [v, ms] = await timeAsync(recompute);
    theirValue = v;
    theirTimes.push(ms);
  }
  const difference = relativeDifference(value, theirValue);
  if (difference > RELATIVE_TOLERANCE)
    throw new Error(
      `${name}: expected values differ: branchpoint ${value}, SilverDecisions ${theirValue}`,
    );
  const [ourMs, theirMs] = [median(ourTimes), median(theirTimes)];
  console.log(
    `rollback, ${name} (${count(scenario.nodeCount)} nodes): expected value ${value.toPrecision(10)} in both (relative difference ${difference.toExponential(1)}); branchpoint ${ourMs.toFixed(3)} ms, SilverDecisions ${theirMs.toFixed(1)} ms (medians of ${runs}) = ${ratio(theirMs, ourMs)}`,
  );
  return theirMs / ourMs;
}

/** Tree evaluations `sensitivity` makes: the base, each variable's ends and grid, bisections. */
function branchpointEvaluations(result: Sensitivity): number {
  const bisection = Math.ceil(Math.log2(1 / THRESHOLD_GRID / THRESHOLD_TOLERANCE));
  return (
    1 +
    result.parameters.reduce(
      (n, v) => n + 2 + (THRESHOLD_GRID + 1) + bisection * v.thresholds.length,
      0,
    )
  );
}

/**
 * Times `sensitivity` against SilverDecisions' tornado job. With `weights: 'variables'`, the
 * criterion weights are SilverDecisions variables too, so both vary the same inputs; otherwise
 * SilverDecisions varies only the parameters.
 */
async function compareTornado(
  sd: SdModule,
  name: string,
  scenario: Scenario,
  options: ConvertOptions & { points: number; runs: number },
) {
  const [ours, firstMs] = time(() => sensitivity(scenario));
  if (!ours.ok) throw new Error(ours.errors.map((e) => e.message).join('\n'));
  const result = ours.value;
  const ourRuns = Math.max(3, Math.min(50, Math.round(2000 / Math.max(firstMs, 1))));
  const ourMs = median(Array.from({ length: ourRuns }, () => time(() => sensitivity(scenario))[1]));

  const withWeights = options.weights === 'variables';
  const entries = result.parameters.filter((v) => withWeights || v.kind === 'parameter');
  const sdName = (v: (typeof entries)[number]) =>
    v.kind === 'parameter'
      ? v.name
      : weightVariable(
          scenario,
          scenario.criteria.findIndex((c) => `weight:${c.id}` === v.name),
        );
  const variables: SdVariable[] = entries.map((v) => ({
    name: sdName(v),
    min: v.low,
    max: v.high,
    length: options.points,
  }));
  const { data, manager } = await silverDecisions(sd, scenario, options);
  const job = async (): Promise<SdTornado> => {
    const execution = await manager.runJob(
      'tornado-diagram',
      { ruleName: RULE, variables },
      data,
      false,
    );
    const tornado = await manager.jobsManger.getResult(execution);
    if (execution.status !== 'COMPLETED' || !tornado)
      throw new Error(
        `SilverDecisions' tornado job ${execution.status}: ${execution.failureExceptions.map(String).join('; ')}`,
      );
    return tornado.data;
  };
  const theirTimes: number[] = [];
  let tornado: SdTornado | undefined;
  for (let r = 0; r < options.runs; r++) {
    const [t, ms] = await timeAsync(job);
    tornado = t;
    theirTimes.push(ms);
  }
  const theirMs = median(theirTimes);

  if (relativeDifference(tornado!.defaultPayoff, result.base) > RELATIVE_TOLERANCE)
    throw new Error(
      `${name}: base values differ: branchpoint ${result.base}, SilverDecisions ${tornado!.defaultPayoff}`,
    );
  // Bars that agree, and whether the others are those where branchpoint finds a break-even.
  let same = 0;
  let switching = 0;
  for (const v of entries) {
    const row = tornado!.rows.find((r) => r.variableName === sdName(v));
    const [lo, hi] = row?.extents[0] ?? [Number.NaN, Number.NaN];
    const ends = [v.score_low ?? Number.NaN, v.score_high ?? Number.NaN];
    const close = (a: number, b: number) => relativeDifference(a, b) <= RELATIVE_TOLERANCE;
    if (close(lo, Math.min(...ends)) && close(hi, Math.max(...ends))) same++;
    else if (v.thresholds.length > 0) switching++;
  }
  const sdEvaluations = variables.length * options.points * tornado!.policies.length;
  const what = withWeights
    ? `${entries.length} inputs (parameters and weights; SilverDecisions reads the weights in every payoff)`
    : `${entries.length} parameters${entries.length < result.parameters.length ? ` (branchpoint also the ${result.parameters.length - entries.length} weights)` : ''}`;
  console.log(
    `tornado, ${name} (${count(scenario.nodeCount)} nodes), ${what}: branchpoint ${ourMs.toFixed(1)} ms (about ${count(branchpointEvaluations(result))} tree evaluations: ${THRESHOLD_GRID + 1}-point grid and bisection to each break-even), SilverDecisions ${theirMs.toFixed(0)} ms (${count(sdEvaluations)} evaluations: ${options.points} points per input${options.runs > 1 ? `, median of ${options.runs}` : ''}) = ${ratio(theirMs, ourMs)}; bars agree on ${same} of ${entries.length}${same < entries.length ? `, ${switching} of the others where the best option changes in the range` : ''}`,
  );
  return theirMs / ourMs;
}

export async function silverDecisionsBench(): Promise<void> {
  let sd: SdModule;
  try {
    const loaded = await loadSilverDecisions();
    sd = loaded.sd;
    console.log(`SilverDecisions bundled with esbuild in ${loaded.ms.toFixed(0)} ms`);
  } catch (error) {
    console.log(
      `rollback and tornado vs SilverDecisions: not measured, SilverDecisions could not be bundled or loaded: ${message(error)}`,
    );
    return;
  }
  const shipped = loadShipped('us-response.yaml');

  try {
    const generated = load(generateScenario(GENERATED_NODES).text, 'generated.yaml');
    const onGenerated = await compareRollback(sd, 'generated tree', generated, 5);
    const onShipped = await compareRollback(sd, 'us-response.yaml', shipped, 9);
    console.log(
      `rollback vs SilverDecisions: ${onGenerated.toFixed(1)}x faster (generated tree of ${count(generated.nodeCount)} nodes; us-response.yaml: ${onShipped.toFixed(1)}x)`,
    );
  } catch (error) {
    console.log(`rollback vs SilverDecisions: not measured: ${message(error)}`);
  }

  try {
    const points = THRESHOLD_GRID + 1;
    const onShipped = await compareTornado(sd, 'us-response.yaml', shipped, { points, runs: 3 });
    await compareTornado(sd, 'us-response.yaml', shipped, {
      points,
      runs: 1,
      weights: 'variables',
    });
    const generated = load(generateScenario(TORNADO_NODES).text, 'generated.yaml');
    await compareTornado(sd, 'generated tree', generated, {
      points: TORNADO_POINTS_GENERATED,
      runs: 1,
    });
    console.log(
      `tornado vs SilverDecisions: ${onShipped.toFixed(1)}x faster (us-response.yaml, the same ${shipped.parameters.filter((p) => p.range).length} parameters and ranges, ${points} points each)`,
    );
  } catch (error) {
    console.log(`tornado vs SilverDecisions: not measured: ${message(error)}`);
  }
}
