import autocannon from 'autocannon';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readScenario } from '../src/document';
import { percentile, startChild, type Running } from './http';
import { message, ROOT } from './util';

/**
 * The editing issue's load: for 30 s, 50 connections on loopback mix reads (the list, a
 * scenario), evaluations and variant saves against one server, serving a copy of the shipped
 * scenarios. Targets: 0 errors, and no lost or corrupted file: afterwards every file must still
 * open, and there must be exactly one variant file per save the server acknowledged.
 */
const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 30);
const CONNECTIONS = 50;

export async function mixedLoadBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'branchpoint-bench-load-'));
  let server: Running | undefined;
  try {
    cpSync(join(ROOT, 'scenarios'), dir, { recursive: true });
    server = await startChild(dir, { BRANCHPOINT_BENCH_WRITES_PER_MINUTE: '1000000' });
    let variants = 0;
    let evaluations = 0;
    const latencies: number[] = [];
    const statuses = new Map<number, number>();
    const result = await new Promise<autocannon.Result>((resolve, reject) => {
      const instance = autocannon(
        {
          url: `http://127.0.0.1:${server!.port}`,
          connections: CONNECTIONS,
          duration: SECONDS,
          timeout: 10,
          // Each connection cycles through these: two reads, an evaluation, a variant save.
          requests: [
            { method: 'GET', path: '/api/scenarios' },
            { method: 'GET', path: '/api/scenarios/us-response' },
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
            },
          ],
        },
        (error: unknown, done: autocannon.Result) =>
          error
            ? reject(error instanceof Error ? error : new Error(message(error)))
            : resolve(done),
      );
      instance.on('response', (_client, status, _bytes, ms) => {
        latencies.push(ms);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      });
    });
    await server.stop();
    server = undefined;

    const saved = statuses.get(201) ?? 0;
    const files = readdirSync(join(dir, 'us-response.variants')).filter((f) => f.endsWith('.yaml'));
    const broken: string[] = [];
    for (const f of [
      ...readdirSync(dir)
        .filter((x) => x.endsWith('.yaml'))
        .map((x) => join(dir, x)),
      ...files.map((x) => join(dir, 'us-response.variants', x)),
    ]) {
      const doc = await readScenario(f);
      if (!doc.ok) broken.push(f);
    }
    const p99 = percentile(latencies, 0.99);
    console.log(
      `mixed load, ${SECONDS} s at ${CONNECTIONS} connections (reads, evaluations, variant saves): ${(latencies.length / result.duration).toFixed(0)} req/s, p50 ${percentile(latencies, 0.5).toFixed(1)} ms, p99 ${p99.toFixed(1)} ms`,
    );
    console.log(
      `  statuses: ${[...statuses].map(([code, n]) => `${code} x ${n}`).join(', ')}; errors ${result.errors}, timeouts ${result.timeouts}`,
    );
    console.log(
      `  files: ${saved} variant saves acknowledged, ${files.length} variant files on disk, ${broken.length} files that no longer open`,
    );
    const failed =
      result.errors > 0 ||
      result.timeouts > 0 ||
      result.non2xx > 0 ||
      files.length !== saved ||
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
