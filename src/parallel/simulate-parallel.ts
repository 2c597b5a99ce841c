import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import {
  prepareSimulation,
  type Overrides,
  type PreparedSimulation,
  type Simulation,
  type SimulationArray,
  type SimulationOptions,
  type Spread,
} from '../engine';
import type { Result } from '../model/diagnostic';
import type { Scenario } from '../model/types';
import { claimBlocks, claimSpreads, newCounter } from './claim-each';

/** The texts a scenario was loaded from, so that a worker thread can load it again. */
export interface ScenarioSource {
  readonly file: string;
  readonly text: string;
  /** Libraries' texts by file. */
  readonly texts: ReadonlyMap<string, string>;
}

/** A share of a run, sent to a worker thread. */
export interface BlockJob {
  readonly id: number;
  readonly file: string;
  readonly text: string;
  readonly texts: [string, string][];
  readonly options: { iterations: number; seed: number; evppi: boolean };
  readonly overrides: Overrides;
  readonly buffers: Record<SimulationArray, SharedArrayBuffer>;
  /** The counter of blocks claimed (claim-each.ts), shared by every thread of the run. */
  readonly blocks: Int32Array;
}

/**
 * Once every block has run and none was flagged, a share of the summary's spreads, from the run
 * of the worker's last block job (`run`, that job's id).
 */
export interface SpreadJob {
  readonly id: number;
  readonly run: number;
  /** The counter of spreads claimed. */
  readonly spreads: Int32Array;
}

export type WorkerJob = BlockJob | SpreadJob;

export type BlockAnswer =
  | { readonly id: number; readonly flagged: number[] }
  | { readonly id: number; readonly error: string };

export type SpreadAnswer =
  | { readonly id: number; readonly spreads: [index: number, spread: Spread][] }
  | { readonly id: number; readonly error: string };

/**
 * Iterations x nodes below which a run stays on one thread: starting a worker and loading the
 * scenario there costs tens of milliseconds, which a smaller run does not repay.
 */
export const PARALLEL_WORK = 2_000_000;

export interface ParallelOptions {
  /** Threads that run blocks, this one included; default: the cores, when the run is large. */
  readonly threads?: number;
}

/**
 * `simulate`, with the blocks of iterations shared between this thread and worker threads. Each
 * block draws from its own stream (seeded by the seed and the block's index) and writes its own
 * iterations of shared arrays, so the result is the same, bit for bit, whatever the number of
 * threads; invalid draws are rolled back again on this thread, in order, to report them.
 */
export async function simulateInParallel(
  source: ScenarioSource,
  scenario: Scenario,
  options: SimulationOptions,
  overrides: Overrides = {},
  parallel: ParallelOptions = {},
): Promise<Result<Simulation>> {
  const buffers: Partial<Record<SimulationArray, SharedArrayBuffer>> = {};
  const prepared = prepareSimulation(scenario, options, overrides, (name, length) => {
    const buffer = takeBuffer(length * Float64Array.BYTES_PER_ELEMENT);
    buffers[name] = buffer;
    return new Float64Array(buffer);
  });
  if (!prepared.ok) {
    giveBack(Object.values(buffers));
    return prepared;
  }
  // Given back only when every thread has answered: after a failure one may still be writing.
  const result = await runThreads(
    prepared.value,
    buffers as Record<SimulationArray, SharedArrayBuffer>,
    source,
    options,
    overrides,
    parallel,
  );
  giveBack(Object.values(buffers));
  return result;
}

/** Shared arrays of finished runs, by size, for the next run's. */
const keptBuffers = new Map<number, SharedArrayBuffer[]>();
let keptBytes = 0;
/**
 * At most this much is kept: a run of 100,000 iterations of a large scenario uses about 20 MB.
 * Reused memory is already mapped, where a new array's pages are faulted in as a run first
 * writes them, which on this kind of machine cost a run tens of ms.
 */
const KEPT_BYTES = 64 * 1024 * 1024;

/** A shared array of `bytes`, kept from an earlier run or new. Its contents are not zeroed:
 * a run writes every number of its arrays before it reads it. */
function takeBuffer(bytes: number): SharedArrayBuffer {
  const buffer = keptBuffers.get(bytes)?.pop();
  if (!buffer) return new SharedArrayBuffer(bytes);
  keptBytes -= bytes;
  return buffer;
}

function giveBack(buffers: SharedArrayBuffer[]): void {
  for (const buffer of buffers) {
    if (keptBytes + buffer.byteLength > KEPT_BYTES) continue;
    keptBytes += buffer.byteLength;
    const list = keptBuffers.get(buffer.byteLength);
    if (list) list.push(buffer);
    else keptBuffers.set(buffer.byteLength, [buffer]);
  }
}

async function runThreads(
  run: PreparedSimulation,
  buffers: Record<SimulationArray, SharedArrayBuffer>,
  source: ScenarioSource,
  options: SimulationOptions,
  overrides: Overrides,
  parallel: ParallelOptions,
): Promise<Result<Simulation>> {
  const large = run.iterations * run.size >= PARALLEL_WORK;
  const wanted = parallel.threads ?? (large ? availableParallelism() : 1);
  const threads = run.chunked ? Math.max(1, Math.min(wanted, run.blocks, MAX_THREADS)) : 1;
  if (threads === 1) return run.finish(run.runBlocks(0, run.blocks));

  // Blocks, then the summary's spreads, are claimed one at a time by whichever thread is free
  // (claim-each.ts): a thread slowed by the rest of the machine takes fewer.
  const blocks = newCounter();
  const texts = [...source.texts].map(([file, text]): [string, string] => [resolve(file), text]);
  const blockJobs = Array.from({ length: threads - 1 }, (): BlockJob => ({
    id: nextJob++,
    file: source.file,
    text: source.text,
    texts,
    options: {
      iterations: options.iterations,
      seed: options.seed,
      evppi: options.evppi === true,
    },
    overrides,
    buffers,
    blocks,
  }));
  const answers = blockJobs.map((message, k) => job<BlockAnswer>(k, message));
  const flagged = claimBlocks(run, blocks);
  for (const answer of await Promise.all(answers)) {
    if ('error' in answer) throw new Error(`simulation worker: ${answer.error}`);
    flagged.push(...answer.flagged);
  }
  // Flagged iterations change the numbers the spreads are of: they are rolled back first, here,
  // in ascending order.
  if (flagged.length > 0) return run.finish(flagged.sort((a, b) => a - b));

  // The summary's spreads (percentiles of 100,000 numbers each).
  const spreads = newCounter();
  const theirs = blockJobs.map((blocks, k) =>
    job<SpreadAnswer>(k, { id: nextJob++, run: blocks.id, spreads }),
  );
  const given: Spread[] = new Array<Spread>(run.spreadCount);
  const place = ([q, spread]: [number, Spread]) => (given[q] = spread);
  claimSpreads(run, spreads).forEach(place);
  for (const answer of await Promise.all(theirs)) {
    if ('error' in answer) throw new Error(`simulation worker: ${answer.error}`);
    answer.spreads.forEach(place);
  }
  return run.finish([], given);
}

const MAX_THREADS = 16;
let nextJob = 0;

/** Worker threads, started on first use and kept (not holding the process open) for the next run. */
const pool: (Worker | undefined)[] = [];

function job<Answer extends { readonly id: number }>(
  k: number,
  message: WorkerJob,
): Promise<Answer> {
  const worker = (pool[k] ??= startWorker());
  return new Promise((resolvePromise, reject) => {
    const onMessage = (answer: Answer) => {
      if (answer.id !== message.id) return;
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.unref();
      resolvePromise(answer);
    };
    const onError = (error: Error) => {
      worker.off('message', onMessage);
      pool[k] = undefined;
      reject(error);
    };
    worker.on('message', onMessage);
    worker.once('error', onError);
    worker.ref();
    worker.postMessage(message);
  });
}

function startWorker(): Worker {
  // Under ts-jest this module is TypeScript; the worker runs the build's JavaScript.
  const script = __filename.endsWith('.ts')
    ? resolve(__dirname, '../../dist/src/parallel/simulate-worker.js')
    : join(__dirname, 'simulate-worker.js');
  const worker = new Worker(script);
  worker.unref();
  return worker;
}

/** Ends the worker threads (tests, and programs that want to exit at once). */
export async function stopWorkers(): Promise<void> {
  const running = pool.splice(0);
  await Promise.all(running.flatMap((w) => (w ? [w.terminate()] : [])));
}
