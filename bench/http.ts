import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../src/web/create-app';
import { generateScenario } from './generate-tree';
import { record } from './summary';
import { count, loadShipped, ROOT, runAutocannon } from './util';

/**
 * The web app under load (issue "Speed"): autocannon against the JSON API on 127.0.0.1, with
 * 50 connections for SECONDS each, on a temporary folder holding the largest shipped scenario
 * and a generated 5,000-node tree. Every request changes one parameter, to a value that differs
 * from the previous request's. The live page is measured as it talks: the fast answer of an
 * update (the page says what it shows: the previous value), then, apart, the robustness answer
 * it asks for after each (10 connections). The server runs alone in a child process (bench/http-server.ts),
 * as `branchpoint serve` would, so that autocannon's own work does not slow it down;
 * `BENCH_HTTP_SERVER=inprocess` runs it in this process instead (bench/README.md compares them).
 */

const HOST = '127.0.0.1';
const CONNECTIONS = 50;
const SECONDS = Number(process.env.BENCH_HTTP_SECONDS ?? 10);
const WARMUP_SECONDS = 1;
const ROBUSTNESS_CONNECTIONS = 10;
const GENERATED_NODES = 5_000;
/** Targets of the issue ("Speed"): p99 of evaluate on a shipped scenario, on the 5,000-node tree,
 * and of the live page's update. */
const TARGET_EVALUATE_MS = 20;
const TARGET_GENERATED_MS = 50;
const TARGET_LIVE_MS = 50;

/** A running server and how to stop it. */
export interface Running {
  port: number;
  where: string;
  stop(): Promise<void>;
}

/** One load test: a path, and the JSON body of the i-th request. */
interface Target {
  label: string;
  path: string;
  body(i: number): unknown;
  /** A check of one response body, made before the load, so the figures are for real work. */
  check(body: unknown): void;
  /** The p99 target in ms, when the issue sets one for this load. */
  target?: number;
  /** Connections, when not CONNECTIONS. */
  connections?: number;
}

interface Figures {
  requests: number;
  perSecond: number;
  p50: number;
  p99: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  /** Count of each status code, such as `200 x 1234, 400 x 5`. */
  statuses: string;
}

export async function httpBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'branchpoint-bench-http-'));
  let server: Running | undefined;
  try {
    const largest = largestShipped();
    copyFileSync(join(ROOT, 'scenarios', largest.file), join(dir, largest.file));
    // The shipped scenarios import their shared library.
    cpSync(join(ROOT, 'scenarios', 'libraries'), join(dir, 'libraries'), { recursive: true });
    const generated = generateScenario(GENERATED_NODES);
    writeFileSync(join(dir, 'generated.yaml'), generated.text);
    console.log(
      `scenarios: ${largest.file} (${largest.nodes} nodes, the largest shipped; parameter ${largest.parameter} varied over [${largest.range.join(', ')}]) and generated.yaml (${count(generated.nodes)} nodes; p0 varied over [0.05, 0.35])`,
    );

    const inProcess = process.env.BENCH_HTTP_SERVER === 'inprocess';
    server = inProcess ? await startInProcess(dir) : await startChild(dir);
    console.log(
      `server: ${server.where} on http://${HOST}:${server.port}; autocannon: ${CONNECTIONS} connections, ${SECONDS} s each after a ${WARMUP_SECONDS} s warm-up`,
    );

    const targets: Target[] = [
      {
        label: `evaluate ${largest.id}`,
        path: `/api/scenarios/${largest.id}/evaluate`,
        body: (i) => ({ set: { [largest.parameter]: vary(largest.range, i) } }),
        check: checkEvaluation,
        target: TARGET_EVALUATE_MS,
      },
      {
        label: `evaluate generated (${count(generated.nodes)} nodes)`,
        path: '/api/scenarios/generated/evaluate',
        body: (i) => ({ set: { p0: vary([0.05, 0.35], i) } }),
        check: checkEvaluation,
        target: TARGET_GENERATED_MS,
      },
      {
        // What the page sends after a change: the fields (all of them, as the form holds them;
        // here the one changed) and the query of what it shows, the previous value's.
        label: `explore ${largest.id}, fast answer (live page update)`,
        path: `/api/scenarios/${largest.id}/explore`,
        body: (i) => ({
          [`p.${largest.parameter}`]: String(vary(largest.range, i)),
          shown: `p.${largest.parameter}=${vary(largest.range, i - 1)}`,
        }),
        check: checkFast,
        target: TARGET_LIVE_MS,
      },
      {
        // What it asks right after: break-evens and tipping point, expectations, indicators.
        label: `explore ${largest.id}, robustness answer (after each update)`,
        path: `/api/scenarios/${largest.id}/explore?part=robustness`,
        body: (i) => ({ [`p.${largest.parameter}`]: String(vary(largest.range, i)) }),
        check: checkRobustness,
        // Each takes tens of ms of CPU (many rollbacks): 50 connections would only measure a
        // queue of 50 of them, seconds long, and run into autocannon's 10 s timeout on a busy
        // machine. Ten connections still keep the server saturated.
        connections: ROBUSTNESS_CONNECTIONS,
      },
    ];

    const results: Figures[] = [];
    for (const target of targets) {
      await checkOnce(server.port, target);
      await load(server.port, target, WARMUP_SECONDS);
      const f = await load(server.port, target, SECONDS);
      results.push(f);
      console.log(
        `${target.label}, ${target.connections ?? CONNECTIONS} connections: ${f.perSecond.toFixed(0)} req/s, p50 ${f.p50.toFixed(1)} ms, p99 ${f.p99.toFixed(1)} ms, ${count(f.requests)} requests, ${f.errors} errors (${f.timeouts} timeouts), ${f.non2xx} non-2xx${target.target === undefined ? '' : ` (target p99 < ${target.target} ms)`}`,
      );
      if (target.target !== undefined)
        record({
          what: `http ${target.label}, p99 at ${CONNECTIONS} connections`,
          figure: `${f.p99.toFixed(1)} ms`,
          target: `< ${target.target} ms`,
          met: f.p99 < target.target && f.errors === 0 && f.non2xx === 0,
        });
      if (f.errors > 0 || f.non2xx > 0)
        console.log(
          `FAILED: ${target.label}: ${f.errors} errors and ${f.non2xx} non-2xx responses (statuses ${f.statuses}); required: 0 of each`,
        );
    }

    const first = results[0]!;
    console.log(
      `http evaluate p99: ${first.p99.toFixed(1)} ms at ${CONNECTIONS} connections (target < ${TARGET_EVALUATE_MS} ms)`,
    );
    const live = results[targets.findIndex((t) => t.check === checkFast)]!;
    console.log(
      `http live page update p99: ${live.p99.toFixed(1)} ms at ${CONNECTIONS} connections (target < ${TARGET_LIVE_MS} ms)`,
    );
    const bad = results.filter((f) => f.errors > 0 || f.non2xx > 0).length;
    if (bad > 0)
      throw new Error(`${bad} of ${results.length} loads had errors or non-2xx responses`);
  } finally {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The shipped scenario with the most nodes, and its first parameter that has a range. */
function largestShipped(): {
  file: string;
  id: string;
  nodes: number;
  parameter: string;
  range: [number, number];
} {
  const shipped = readdirSync(join(ROOT, 'scenarios'))
    .filter((f) => f.endsWith('.yaml'))
    .map((file) => ({ file, scenario: loadShipped(file) }))
    .sort((a, b) => b.scenario.nodeCount - a.scenario.nodeCount);
  const top = shipped[0];
  if (!top) throw new Error('no scenarios/*.yaml found');
  const parameter = top.scenario.parameters.find((p) => p.range !== null);
  if (!parameter?.range) throw new Error(`${top.file} has no parameter with a range`);
  return {
    file: top.file,
    id: top.file.replace(/\.yaml$/, ''),
    nodes: top.scenario.nodeCount,
    parameter: parameter.name,
    range: [parameter.range[0], parameter.range[1]],
  };
}

/**
 * The i-th value of a low-discrepancy walk over the middle 90% of `range`, rounded to 4 digits:
 * consecutive requests get different values, and the values cover the range evenly.
 */
function vary([lo, hi]: readonly [number, number], i: number): number {
  const u = (((0.5 + i * 0.6180339887498949) % 1) + 1) % 1; // i may be -1
  return Math.round((lo + (hi - lo) * (0.05 + 0.9 * u)) * 1e4) / 1e4;
}

async function checkOnce(port: number, target: Target): Promise<void> {
  const response = await fetch(`http://${HOST}:${port}${target.path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(target.body(0)),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  if (response.status !== 200)
    throw new Error(`${target.label}: status ${response.status}: ${text.slice(0, 300)}`);
  target.check(JSON.parse(text));
}

function checkEvaluation(body: unknown): void {
  const choice = (body as { choice?: unknown } | null)?.choice;
  if (typeof choice !== 'string') throw new Error('evaluate answered without a choice');
}

function checkFast(body: unknown): void {
  const b = body as { part?: unknown; stale?: unknown; parts?: { options?: unknown } } | null;
  if (b?.part !== 'fast' || b.stale !== false) throw new Error('explore answered a stale page');
  // The first request's value differs from the one it says is shown: the scores changed.
  if (typeof b.parts?.options !== 'object')
    throw new Error('explore answered without the changed option scores');
}

function checkRobustness(body: unknown): void {
  const b = body as { part?: unknown; stale?: unknown; parts?: { sensitivity?: unknown } } | null;
  if (b?.part !== 'robustness' || b.stale !== false)
    throw new Error('explore?part=robustness answered a stale page');
  if (typeof b.parts?.sensitivity !== 'object')
    throw new Error('explore?part=robustness answered without the sensitivity');
}

/** Runs autocannon against one target for `seconds`; latencies from every response, in ms. */
async function load(port: number, target: Target, seconds: number): Promise<Figures> {
  let i = 0;
  const latencies: number[] = [];
  const result = await runAutocannon(
    {
      url: `http://${HOST}:${port}`,
      connections: target.connections ?? CONNECTIONS,
      duration: seconds,
      timeout: 10,
      requests: [
        {
          method: 'POST',
          path: target.path,
          headers: { 'content-type': 'application/json' },
          setupRequest: (request) => ({ ...request, body: JSON.stringify(target.body(i++)) }),
        },
      ],
    },
    (_status, _bytes, ms) => latencies.push(ms),
  );
  return {
    requests: latencies.length,
    perSecond: latencies.length / result.duration,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    statuses: Object.entries(result.statusCodeStats ?? {})
      .map(([code, { count: n }]) => `${code} x ${n ?? 0}`)
      .join(', '),
  };
}

export function percentile(xs: number[], q: number): number {
  if (xs.length === 0) return NaN;
  const s = Float64Array.from(xs).sort();
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!;
}

async function startInProcess(dir: string): Promise<Running> {
  const app = createApp({ dir });
  // Requests still being handled when autocannon hangs up would otherwise go on reading the
  // folder after it is deleted, so `stop` waits until every handler has ended its response.
  let pending = 0;
  let idle: (() => void) | undefined;
  const server: Server = createServer((req, res) => {
    pending++;
    const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
    res.end = ((...args: unknown[]) => {
      if (--pending === 0) idle?.();
      return end(...args);
    }) as typeof res.end;
    app(req, res);
  });
  server.listen(0, HOST);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  return {
    port: (server.address() as AddressInfo).port,
    where: 'in this process',
    stop: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      // Bounded, in case a handler never answers.
      const drained = new Promise<void>((resolve) => {
        if (pending === 0) resolve();
        idle = resolve;
        setTimeout(resolve, 5_000).unref();
      });
      await Promise.all([drained, closed]);
    },
  };
}

export async function startChild(dir: string, env: NodeJS.ProcessEnv = {}): Promise<Running> {
  const child: ChildProcess = spawn(process.execPath, [join(__dirname, 'http-server.js'), dir], {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, ...env },
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.stdin?.end();
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };
  try {
    const port = await new Promise<number>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error('server did not start in 10 s')), 10_000);
      child.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString('utf8');
        const line = out.split('\n')[0];
        if (out.includes('\n') && line) {
          clearTimeout(timer);
          resolve((JSON.parse(line) as { port: number }).port);
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`server exited with code ${code} before listening`));
      });
    });
    return { port, where: `in child process ${child.pid}`, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
