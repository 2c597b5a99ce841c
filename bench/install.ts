import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { record } from './summary';
import { message, ROOT, time } from './util';

/** Packages installed under `modules`, nested ones included. */
function installedPackages(modules: string): number {
  let n = 0;
  for (const name of readdirSync(modules)) {
    if (name.startsWith('.')) continue;
    const dirs = name.startsWith('@')
      ? readdirSync(join(modules, name)).map((x) => join(modules, name, x))
      : [join(modules, name)];
    for (const d of dirs) {
      if (!existsSync(join(d, 'package.json'))) continue;
      n++;
      if (existsSync(join(d, 'node_modules'))) n += installedPackages(join(d, 'node_modules'));
    }
  }
  return n;
}

/** Targets (issue "Speed", item 6). */
const TARGET_PACKAGES = 300;
const TARGET_SECONDS = 30;

interface LockEntry {
  dev?: boolean;
  optional?: boolean;
  link?: boolean;
}

/**
 * `npm install` for someone who clones the repository: how many packages package-lock.json
 * installs (all, and those production needs), and how long `npm ci` takes in a fresh folder
 * with only package.json and package-lock.json (install scripts skipped: the build is not the
 * install). The npm cache of this machine is used as it is, so the time is that of a developer
 * who has installed before; a first install on a new machine downloads everything as well.
 * `BENCH_INSTALL_TIME=0` skips the timed install.
 */
export function installBench(): void {
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, LockEntry>;
  };
  const installed = Object.entries(lock.packages).filter(([path, e]) => path !== '' && !e.link);
  const production = installed.filter(([, e]) => !e.dev);
  const packages = installed.length;
  console.log(
    `npm install: ${packages} packages in package-lock.json, ${production.length} of them for production (target < ${TARGET_PACKAGES})`,
  );
  record({
    what: 'npm install: packages',
    figure: `${packages} (${production.length} production)`,
    target: `< ${TARGET_PACKAGES}`,
    met: packages < TARGET_PACKAGES,
  });
  if (process.env.BENCH_INSTALL_TIME === '0') return;
  const dir = mkdtempSync(join(tmpdir(), 'branchpoint-bench-install-'));
  try {
    for (const f of ['package.json', 'package-lock.json'])
      copyFileSync(join(ROOT, f), join(dir, f));
    const [, ms] = time(() =>
      execFileSync('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], {
        cwd: dir,
        stdio: 'pipe',
      }),
    );
    console.log(
      `npm ci in a fresh folder (this machine's npm cache): ${(ms / 1000).toFixed(1)} s (target < ${TARGET_SECONDS} s); ${installedPackages(join(dir, 'node_modules'))} packages on disk afterwards (the lock also lists other platforms' optional builds)`,
    );
    record({
      what: 'npm install: time',
      figure: `${(ms / 1000).toFixed(1)} s`,
      target: `< ${TARGET_SECONDS} s`,
      met: ms < TARGET_SECONDS * 1000,
    });
  } catch (error) {
    console.log(`npm ci: failed: ${message(error)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
