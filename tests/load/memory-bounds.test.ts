import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeRun, ROOT, runIsolated, type IsolatedRun } from '../helpers/isolated';

/*
 * Hostile or merely huge files must be answered with a positioned error, not take the process
 * down. Each file is loaded in a child process whose heap is capped at 512 MB: a loader that
 * builds what aliases expand to, or that locates errors with a parser needing a hundred times
 * the file's size, dies there instead of answering.
 */

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'branchpoint-memory-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Loads `file` as a scenario with a 512 MB heap; prints the first error as JSON. */
function loadCapped(file: string, heapMb = 512): IsolatedRun {
  const script = `
    const { readFileSync } = require('fs');
    const { loadScenario } = require(${JSON.stringify(join(ROOT, 'src/load/load-scenario.ts'))});
    const result = loadScenario(readFileSync(${JSON.stringify(file)}, 'utf8'), 'big.yaml');
    process.stdout.write(JSON.stringify(result.ok ? { ok: true } : result.errors[0]));
  `;
  const saved = process.env.NODE_OPTIONS;
  process.env.NODE_OPTIONS = `${saved ?? ''} --max-old-space-size=${heapMb}`;
  try {
    return runIsolated(script, 60_000);
  } finally {
    if (saved === undefined) delete process.env.NODE_OPTIONS;
    else process.env.NODE_OPTIONS = saved;
  }
}

function firstError(run: IsolatedRun): Record<string, unknown> {
  expect({ status: run.status, summary: describeRun(run) }).toMatchObject({ status: 0 });
  return JSON.parse(run.stdout) as Record<string, unknown>;
}

describe('memory bounds of the loader (512 MB heap)', () => {
  it('answers a 1.65 MB alias bomb of a 1 MiB string with a positioned error', () => {
    const file = join(dir, 'alias-bomb.yaml');
    const uses = '*s,'.repeat(200_000);
    writeFileSync(file, `title: T\ns: &s "${'x'.repeat(1024 * 1024)}"\nroot: [${uses} *s]\n`);
    const error = firstError(loadCapped(file));
    expect(error).toMatchObject({ code: 'TOO_MANY_ALIASES', file: 'big.yaml', line: 3 });
    expect(error.column).toEqual(expect.any(Number));
  });

  /** A 9.8 MB scenario: a chance node with 120,000 block-style outcomes, `extra` at the end. */
  function hugeTree(end: string): string {
    const branches = Array.from(
      { length: 120_000 },
      (_, i) =>
        `    - label: Branch number ${i} of many\n      probability: 0.0000083\n      type: outcome\n      payoff: ${i}`,
    );
    return `title: T\nroot:\n  type: chance\n  label: R\n  branches:\n${branches.join('\n')}\n${end}\n`;
  }

  // Within the documented limits (20 MB) the heap stays within about 20 times the file's size.
  it('locates the errors of a 9.8 MB file in a pass no costlier than loading it', () => {
    const file = join(dir, 'tree.yaml');
    writeFileSync(file, hugeTree('extra: 1'));
    const error = firstError(loadCapped(file, 128));
    expect(error).toMatchObject({
      code: 'UNKNOWN_KEY',
      file: 'big.yaml',
      line: 480_006,
      column: 1,
    });
  });

  it('reports a syntax error at the end of a 9.8 MB file with its position', () => {
    const file = join(dir, 'syntax.yaml');
    writeFileSync(file, hugeTree('extra: ]'));
    const error = firstError(loadCapped(file, 128));
    expect(error).toMatchObject({ code: 'YAML_SYNTAX', file: 'big.yaml', line: 480_006 });
  });
});
