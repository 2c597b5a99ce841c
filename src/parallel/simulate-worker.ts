import { parentPort } from 'node:worker_threads';
import { prepareSimulation, type PreparedSimulation } from '../engine';
import { readLibraries } from '../files/read-libraries';
import { loadScenario, parseYaml } from '../load';
import type { Scenario } from '../model/types';
import { claimBlocks, claimSpreads } from './claim-each';
import type {
  BlockAnswer,
  BlockJob,
  SpreadAnswer,
  SpreadJob,
  WorkerJob,
} from './simulate-parallel';

/**
 * A worker thread of `simulateInParallel`: it loads the scenario again from the same texts
 * (kept while the next job brings the same ones), runs the blocks it is given into the shared
 * arrays, and answers with the iterations flagged invalid, which the main thread reports. Then,
 * when nothing was flagged, it computes its share of the summary's spreads from the same run.
 */
let cached: { key: string; scenario: Scenario } | undefined;
/** The run of the last block job, for the spread job that follows it. */
let last: { id: number; run: PreparedSimulation } | undefined;

async function scenarioOf(job: BlockJob): Promise<Scenario> {
  const key = JSON.stringify([job.file, job.text, job.texts]);
  if (cached?.key === key) return cached.scenario;
  const parsed = parseYaml(job.text);
  if (!parsed.ok) throw new Error('the scenario no longer parses');
  const imports = (parsed.value as { imports?: unknown } | null)?.imports;
  const list = Array.isArray(imports) ? imports.filter((i) => typeof i === 'string') : [];
  const texts = new Map(job.texts);
  const libraries = await readLibraries(list, job.file, undefined, texts);
  const loaded = loadScenario(job.text, job.file, {
    value: parsed.value,
    libraries: libraries.libraries,
    texts: libraries.texts,
  });
  if (!loaded.ok) throw new Error('the scenario no longer loads');
  cached = { key, scenario: loaded.scenario };
  return loaded.scenario;
}

async function run(job: BlockJob): Promise<BlockAnswer> {
  try {
    const scenario = await scenarioOf(job);
    const prepared = prepareSimulation(
      scenario,
      job.options,
      job.overrides,
      (name) => new Float64Array(job.buffers[name]),
    );
    if (!prepared.ok) throw new Error(prepared.errors.map((e) => e.message).join('; '));
    const run = prepared.value;
    last = { id: job.id, run };
    return { id: job.id, flagged: claimBlocks(run, job.blocks) };
  } catch (error) {
    return { id: job.id, error: error instanceof Error ? error.message : String(error) };
  }
}

function spreadShare(job: SpreadJob): SpreadAnswer {
  const run = last?.id === job.run ? last.run : undefined;
  // The run holds the shared arrays; they are not kept past their spreads.
  last = undefined;
  if (!run) return { id: job.id, error: `no run ${job.run} to take spreads of` };
  return {
    id: job.id,
    spreads: claimSpreads(run, job.spreads),
  };
}

parentPort?.on('message', (job: WorkerJob) => {
  if ('spreads' in job) parentPort!.postMessage(spreadShare(job));
  else void run(job).then((answer) => parentPort!.postMessage(answer));
});
