import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { record } from './summary';
import { median, ROOT, time } from './util';

const RUNS = Number(process.env.BENCH_STARTUP_RUNS ?? 9);

/**
 * Start-up (issue 16, item 1): the whole `branchpoint validate scenarios/us-response.yaml`
 * process against `node -e 0`, run alternately, medians of RUNS each. Target: <= 3x. The CLI is
 * what `npx branchpoint` runs: package.json's `bin` (the bundle, scripts/bundle-cli.mjs).
 */
export function startupBench(): void {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    bin: { branchpoint: string };
  };
  const cli = join(ROOT, pkg.bin.branchpoint);
  const validate = () =>
    execFileSync(process.execPath, [cli, 'validate', 'scenarios/us-response.yaml'], {
      cwd: ROOT,
      stdio: 'pipe',
    });
  const empty = () => execFileSync(process.execPath, ['-e', '0'], { stdio: 'pipe' });
  validate();
  const ours: number[] = [];
  const node: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    ours.push(time(validate)[1]);
    node.push(time(empty)[1]);
  }
  const [a, b] = [median(ours), median(node)];
  record({
    what: 'start-up: validate us-response vs node -e 0',
    figure: `${(a / b).toFixed(1)}x (${a.toFixed(0)} ms)`,
    target: '<= 3x',
    met: a / b <= 3,
  });
  console.log(
    `start-up: branchpoint validate scenarios/us-response.yaml ${a.toFixed(0)} ms, node -e 0 ${b.toFixed(0)} ms (medians of ${RUNS}, alternating): ${(a / b).toFixed(1)}x node -e 0 (target <= 3x)`,
  );
}
