// Installs a side package of this repository, `node scripts/install-on-use.mjs FOLDER`, into
// FOLDER/node_modules when one of its packages is missing or is not the version its lock names.
// branchpoint itself needs none of them, so `npm install` brings only what it runs and builds
// with, and the scripts that need a side package run this first:
// - bench/ (`npm run peers`): the peers the benchmark compares against (SilverDecisions' engine,
//   Squiggle, autocannon), which tests/interop also checks imported trees against, so
//   `npm run bench` and `npm test` install it;
// - tools/ (`npm run tools`): the test and lint tools (jest, eslint, prettier, ...), so
//   `npm test`, `npm run lint`, `npm run typecheck` and the like install it.
/* global process, console */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const name = process.argv[2];
if (name === undefined) {
  console.error('Usage: node scripts/install-on-use.mjs FOLDER (bench or tools)');
  process.exit(2);
}
const folder = join(dirname(fileURLToPath(import.meta.url)), '..', name);

/**
 * @param {string} file
 * @returns {unknown} a package.json or lock, ours or one npm installed
 */
const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));
/** @type {{ dependencies: Record<string, string> }} */
const manifest = readJson(join(folder, 'package.json'));
/** @type {{ packages: Record<string, { version?: string }> }} */
const lock = readJson(join(folder, 'package-lock.json'));

// A version other than the lock's is a checkout whose lock has changed since the last install
// (a tool upgraded on another branch): install again, or the run would use the old one.
const stale = Object.keys(manifest.dependencies).filter((dep) => {
  const installed = join(folder, 'node_modules', dep, 'package.json');
  if (!existsSync(installed)) return true;
  /** @type {{ version: string }} */
  const { version } = readJson(installed);
  return version !== lock.packages[`node_modules/${dep}`]?.version;
});
if (stale.length > 0) {
  console.log(`Installing ${name}/package.json into ${name}/node_modules (${stale.join(', ')})`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const run = spawnSync(npm, ['ci', '--prefix', folder, '--no-audit', '--no-fund'], {
    stdio: 'inherit',
  });
  if (run.status !== 0) {
    console.error(`Could not install ${name}/package.json (npm ci --prefix ${name} failed)`);
    process.exit(run.status ?? 1);
  }
}
