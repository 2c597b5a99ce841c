import type { AddressInfo } from 'node:net';
import { createApp } from '../src/web/create-app';

/**
 * Run by bench/http.ts in a child process (unless `BENCH_HTTP_SERVER=inprocess`): serve the folder given as the only argument on
 * 127.0.0.1 with a port chosen by the system, and print `{"port": N}` on one line once listening.
 * It exits when its standard input closes, so it cannot outlive the benchmark that started it,
 * even if that one crashes.
 */
const dir = process.argv[2];
if (!dir) throw new Error('usage: http-server.js DIR');
// The mixed load raises the per-address write limit: all its writes come from one address.
const writes = Number(process.env.BRANCHPOINT_BENCH_WRITES_PER_MINUTE ?? NaN);
const app = createApp({ dir, ...(Number.isFinite(writes) && { writesPerMinute: writes }) });
const server = app.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`${JSON.stringify({ port })}\n`);
});
server.on('error', (error) => {
  console.error(error);
  process.exit(1);
});
const stop = (): void => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
};
process.stdin.on('end', stop);
process.stdin.on('close', stop);
process.stdin.resume();
process.on('SIGTERM', stop);
