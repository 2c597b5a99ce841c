// Installs the peers (bench/package.json: SilverDecisions' engine, Squiggle, autocannon) into
// bench/node_modules when one is missing. branchpoint itself needs none of them: the benchmark
// compares against them and tests/interop checks imported trees against SilverDecisions' own
// results, so `npm run bench` and `npm test` run this first, and `npm install` stays small.
/* global process, console */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const bench = join(dirname(fileURLToPath(import.meta.url)), '..', 'bench');
/** @type {{ dependencies: Record<string, string> }} */
// eslint-disable-next-line @typescript-eslint/no-unsafe-assignment -- our own package.json
const manifest = JSON.parse(readFileSync(join(bench, 'package.json'), 'utf8'));
const missing = Object.keys(manifest.dependencies).filter(
  (name) => !existsSync(join(bench, 'node_modules', name, 'package.json')),
);
if (missing.length > 0) {
  console.log(
    `Installing the benchmark's and interop tests' peers into bench/ (${missing.join(', ')})`,
  );
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const run = spawnSync(npm, ['ci', '--prefix', bench, '--no-audit', '--no-fund'], {
    stdio: 'inherit',
  });
  if (run.status !== 0) {
    console.error('Could not install bench/package.json (npm ci --prefix bench failed)');
    process.exit(run.status ?? 1);
  }
}
