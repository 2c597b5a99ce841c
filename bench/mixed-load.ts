import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readScenario } from '../src/document';
import { percentile, startChild, type Running } from './http';
import { record } from './summary';
import { count, ROOT, runAutocannon, timeAsync } from './util';

/**
 * The editing issue's load: for 30 s, 50 connections on loopback mix reads (the list, a
 * scenario), evaluations and variant saves against one server, serving a copy of the shipped
 * scenarios with VARIANTS variant files already saved. Targets: 0 errors, and no lost or
 * corrupted file: afterwards every file must still open, and there must be exactly one variant
 * file per save the server acknowledged; p99 under TARGET_P99_MS.
 */
const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 30);
const CONNECTIONS = 50;
/** Variant files in the folder before the load starts (issue "Speed": folders that grow). */
const VARIANTS = Number(process.env.BENCH_LOAD_VARIANTS ?? 10_000);
/** The list alone, before the mixed load (a side line). */
const LIST_SECONDS = 5;
/**
 * Reads as browsers and `fetch` make them: they take gzip, and the server sends what it keeps
 * (the list, a scenario) gzipped: the list of 10,000 variants is about 35 kB instead of 1.9 MB
 * of JSON. autocannon does not unzip it; the first listing, with `fetch`, does.
 */
const TAKES_GZIP = { 'accept-encoding': 'gzip, deflate, br' };
const LIST = { method: 'GET', path: '/api/scenarios', headers: TAKES_GZIP } as const;
/** The kinds of request each connection cycles through, in order. */
const KINDS = ['list', 'scenario', 'evaluation', 'variant save'] as const;
/** Target (issue "Speed"): p99 under this with VARIANTS variant files. */
const TARGET_P99_MS = 100;

/**
 * A side line, not a row: the list alone under the same 50 connections, nothing changing, so
 * every answer is the same kept body. It bounds what the mixed load can reach while a quarter of
 * its requests fetch the whole list (about 190 bytes an entry, 1.9 MB of JSON for 10,000
 * variants, sent gzipped).
 */
async function listOnly(port: number, entries: number): Promise<void> {
  const latencies: number[] = [];
  let bytes = 0;
  const result = await runAutocannon(
    {
      url: `http://127.0.0.1:${port}`,
      connections: CONNECTIONS,
      duration: LIST_SECONDS,
      timeout: 10,
      requests: [LIST],
    },
    (_status, size, ms) => {
      latencies.push(ms);
      bytes = size;
    },
  );
  console.log(
    `  side line: the list alone (${count(entries)} entries, ${(bytes / 1e3).toFixed(0)} kB gzipped, unchanged), ${LIST_SECONDS} s at ${CONNECTIONS} connections: ${(latencies.length / result.duration).toFixed(0)} req/s, p50 ${percentile(latencies, 0.5).toFixed(1)} ms, p99 ${percentile(latencies, 0.99).toFixed(1)} ms`,
  );
}

export async function mixedLoadBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'branchpoint-bench-load-'));
  let server: Running | undefined;
  try {
    cpSync(join(ROOT, 'scenarios'), dir, { recursive: true });
    // Variants as analysts save them, spread over the four scenarios, us-response's first.
    const bases = ['us-response', 'nato-posture', 'european-forces', 'moscow-signals'];
    for (const base of bases) mkdirSync(join(dir, `${base}.variants`), { recursive: true });
    for (let v = 0; v < VARIANTS; v++) {
      const b = v % bases.length;
      writeFileSync(
        join(dir, `${bases[b]}.variants`, `seeded-${v}.yaml`),
        `extends: ../${bases[b]}.yaml\ntitle: Seeded ${v}\nset:\n  p_signals_resolve: ${(0.12 + (v % 45) / 100).toFixed(2)}\n`,
      );
    }
    const seededHere = readdirSync(join(dir, 'us-response.variants')).length;
    server = await startChild(dir, { BRANCHPOINT_BENCH_WRITES_PER_MINUTE: '1000000' });
    // The first listing reads every file once (the index is then kept by events); it is timed
    // on its own, before the load, which measures the server as it runs from then on.
    const [listed, firstMs] = await timeAsync(async () => {
      const response = await fetch(`http://127.0.0.1:${server!.port}/api/scenarios`);
      return ((await response.json()) as unknown[]).length;
    });
    console.log(
      `first listing of the folder (${count(listed)} scenarios and variants): ${(firstMs / 1000).toFixed(1)} s`,
    );
    await listOnly(server.port, listed);
    const acknowledged: string[] = [];
    let variants = 0;
    let evaluations = 0;
    const latencies: number[] = [];
    // Each connection sends the requests in order, over and over: its n-th answer is to request
    // n modulo their number, so each kind's latencies are told apart (a side line).
    const byKind: number[][] = KINDS.map(() => []);
    const answered = new Map<object, number>();
    const statuses = new Map<number, number>();
    const result = await runAutocannon(
      {
        url: `http://127.0.0.1:${server.port}`,
        connections: CONNECTIONS,
        duration: SECONDS,
        timeout: 10,
        // Each connection cycles through these: two reads, an evaluation, a variant save.
        requests: [
          LIST,
          { method: 'GET', path: '/api/scenarios/us-response', headers: TAKES_GZIP },
          {
            method: 'POST',
            path: '/api/scenarios/nato-posture/evaluate',
            headers: { 'content-type': 'application/json' },
            setupRequest: (request) => ({
              ...request,
              body: JSON.stringify({
                set: { p_capacity_real: 0.3 + (evaluations++ % 40) / 100 },
              }),
            }),
          },
          {
            method: 'POST',
            path: '/api/scenarios/us-response/variants',
            headers: { 'content-type': 'application/json' },
            setupRequest: (request) => ({
              ...request,
              body: JSON.stringify({
                name: `load ${variants++}`,
                set: { p_nato_unity: 0.4 + (variants % 40) / 100 },
              }),
            }),
            onResponse: (status, body) => {
              if (status === 201) acknowledged.push((JSON.parse(body) as { id: string }).id);
            },
          },
        ],
      },
      (status, _bytes, ms, client) => {
        latencies.push(ms);
        const n = answered.get(client) ?? 0;
        answered.set(client, n + 1);
        byKind[n % KINDS.length]!.push(ms);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      },
    );
    await server.stop();
    server = undefined;

    const saved = statuses.get(201) ?? 0;
    const files = readdirSync(join(dir, 'us-response.variants')).filter(
      (f) => f.endsWith('.yaml') && !f.startsWith('seeded-'),
    );
    const onDisk = new Set(files.map((f) => `us-response--${f.replace(/\.yaml$/, '')}`));
    const missing = acknowledged.filter((id) => !onDisk.has(id));
    const broken: string[] = [];
    for (const f of [
      ...readdirSync(dir)
        .filter((x) => x.endsWith('.yaml'))
        .map((x) => join(dir, x)),
      ...files.map((x) => join(dir, 'us-response.variants', x)),
      // A sample of the seeded variants: one in a hundred.
      ...Array.from({ length: Math.ceil(seededHere / 100) }, (_, i) =>
        join(dir, 'us-response.variants', `seeded-${i * 400}.yaml`),
      ),
    ]) {
      const doc = await readScenario(f);
      if (!doc.ok) broken.push(f);
    }
    const p99 = percentile(latencies, 0.99);
    console.log(
      `mixed load, ${SECONDS} s at ${CONNECTIONS} connections (reads, evaluations, variant saves), ${count(VARIANTS)} variant files to start with: ${(latencies.length / result.duration).toFixed(0)} req/s, p50 ${percentile(latencies, 0.5).toFixed(1)} ms, p99 ${p99.toFixed(1)} ms (target < ${TARGET_P99_MS} ms)`,
    );
    record({
      what: `mixed load, ${count(VARIANTS)} variant files, p99`,
      figure: `${p99.toFixed(0)} ms`,
      target: `< ${TARGET_P99_MS} ms`,
      met: p99 < TARGET_P99_MS,
    });
    console.log(
      `  by kind: ${KINDS.map((kind, i) => `${kind} p50 ${percentile(byKind[i]!, 0.5).toFixed(1)} ms, p99 ${percentile(byKind[i]!, 0.99).toFixed(1)} ms`).join('; ')}`,
    );
    console.log(
      `  statuses: ${[...statuses].map(([code, n]) => `${code} x ${n}`).join(', ')}; errors ${result.errors}, timeouts ${result.timeouts}`,
    );
    console.log(
      `  files: ${saved} variant saves acknowledged, ${files.length} variant files on disk (${missing.length} acknowledged but missing; any extra were in flight when the load stopped), ${broken.length} files that no longer open`,
    );
    const failed =
      result.errors > 0 ||
      result.timeouts > 0 ||
      result.non2xx > 0 ||
      // Saves still in flight when the load stops are written but not acknowledged.
      files.length < saved ||
      files.length > saved + CONNECTIONS ||
      missing.length > 0 ||
      broken.length > 0;
    if (failed)
      throw new Error(
        `FAILED: errors, non-2xx answers, or lost or corrupted files (${broken.join(', ') || 'none corrupted'})`,
      );
    console.log('mixed load: 0 errors, no lost or corrupted file');
  } finally {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
