import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { median, ROOT, time } from './util';

const RUNS = Number(process.env.BENCH_STARTUP_RUNS ?? 9);

/**
 * Start-up (issue 16, item 1): the whole `branchpoint validate scenarios/us-response.yaml`
 * process against `node -e 0`, run alternately, medians of RUNS each. Target: <= 3x.
 */
export function startupBench(): void {
  const cli = join(ROOT, 'dist', 'src', 'cli', 'main.js');
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
  console.log(
    `start-up: branchpoint validate scenarios/us-response.yaml ${a.toFixed(0)} ms, node -e 0 ${b.toFixed(0)} ms (medians of ${RUNS}, alternating): ${(a / b).toFixed(1)}x node -e 0 (target <= 3x)`,
  );
}
