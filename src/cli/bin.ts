#!/usr/bin/env node
import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Script } from 'node:vm';

/**
 * The `branchpoint` executable (package.json `bin`): dist/cli/branchpoint.js, built by
 * scripts/bundle-cli.mjs next to the CLI bundle it runs, dist/cli/main.js (src/cli/main.ts and
 * what it imports, in one file).
 *
 * It compiles the bundle with V8's code cache, dist/cli/main.cache, written by the build: the
 * bytecode of the functions a few commands ran, so that most of the bundle is not compiled again
 * at every start (Node 22's `module.enableCompileCache` does the same; Node 20 has only
 * `vm.Script`'s `cachedData`). V8 refuses a cache made by another V8, with other flags or for a
 * source of another length, and a cache older than the bundle is not used: the bundle is then
 * compiled as usual. BRANCHPOINT_WRITE_CODE_CACHE=1 (the build) writes the cache at exit.
 */

const bundle = join(__dirname, 'main.js');
const cacheFile = join(__dirname, 'main.cache');

// A shebang line is not JavaScript outside a module file; keep the line, as a comment.
const source = readFileSync(bundle, 'utf8').replace(/^#!/, '//');
const cache = readCache();
// Node's wrapper for a CommonJS file, on a line of its own (not counted in stack traces).
const script = new Script(
  `(function (exports, require, module, __filename, __dirname) {\n${source}\n})`,
  { filename: bundle, lineOffset: -1, ...(cache && { cachedData: cache }) },
);
if (process.env.BRANCHPOINT_WRITE_CODE_CACHE === '1') process.once('exit', writeCache);

const bundleModule = { exports: {} };
(script.runInThisContext() as (...args: unknown[]) => void).call(
  bundleModule.exports,
  bundleModule.exports,
  createRequire(bundle),
  bundleModule,
  bundle,
  __dirname,
);

/** The cache, unless the bundle changed after it was written (or there is none). */
function readCache(): Buffer | undefined {
  try {
    if (statSync(cacheFile).mtimeMs < statSync(bundle).mtimeMs) return undefined;
    return readFileSync(cacheFile);
  } catch {
    return undefined;
  }
}

/** The bytecode of every function compiled so far (those read from the cache included). */
function writeCache(): void {
  const temporary = `${cacheFile}.${process.pid}`;
  writeFileSync(temporary, script.createCachedData());
  renameSync(temporary, cacheFile);
}
