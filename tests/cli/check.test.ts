import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { cli } from '../helpers/cli';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'branchpoint-check-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function write(relative: string, text: string): string {
  const file = join(dir, relative);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
}

/** Safe pays 4.2; Risky pays 10 with probability p: Risky is best iff p > 0.42. */
function gamble(expect: string, p = '0.625'): string {
  return `title: Gamble
parameters:
  p: ${p}
indicators:
  - { id: storm, updates: p, if_true: 0.2, if_false: 0.8 }
root:
  type: decision
  label: Choose
  options:
    - { label: Safe, type: outcome, payoff: 4.2 }
    - label: Risky
      type: chance
      branches:
        - { label: Win, type: outcome, probability: p, payoff: 10 }
        - { label: Lose, type: outcome, probability: "#", payoff: 0 }
expect:
${expect}
`;
}

const HOLDING = '  - best: risky\n  - { best: risky, while: { p: [0.5, 0.9] } }';
const FAILING = '  - best: risky\n  - { best: risky, while: { p: [0.3, 0.9] } }';

describe('branchpoint check', () => {
  it('exits 0 and says how many hold when all hold', async () => {
    const file = write('ok.yaml', gamble(HOLDING));
    expect(await cli('check', file)).toEqual({
      code: 0,
      stdout: `${file}: 2 expectations hold\n`,
      stderr: '',
    });
  });

  it('exits 1 and prints file:line:col: expectation failed: ... with the break-even', async () => {
    const file = write('bad.yaml', gamble(FAILING));
    const r = await cli('check', file);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(`${file}: 1 of 2 expectations failed\n`);
    expect(r.stderr).toBe(
      `${file}:18:5: expectation failed: best is risky while p in [0.3, 0.9]: fails below p = 0.42 (unlikely): safe is best there\n` +
        '18 |   - { best: risky, while: { p: [0.3, 0.9] } }\n' +
        '         ^\n',
    );
  });

  it('prints one JSON document: files, expectations with line, ok, message, counterexample', async () => {
    const file = write('bad.yaml', gamble(FAILING));
    const r = await cli('check', file, '--format', 'json');
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout);
    expect(json).toEqual({
      files: [
        {
          file,
          expectations: [
            { line: 17, ok: true, message: 'holds: best is risky', counterexample: null },
            {
              line: 18,
              ok: false,
              message:
                'best is risky while p in [0.3, 0.9]: fails below p = 0.42 (unlikely): safe is best there',
              counterexample: { p: expect.any(Number) },
            },
          ],
        },
      ],
    });
    expect(json.files[0].expectations[1].counterexample.p).toBeCloseTo(0.42, 8);
  });

  it('checks every scenario in a folder and fails if one fails', async () => {
    const ok = write('s/a.yaml', gamble(HOLDING));
    const bad = write('s/b.yaml', gamble(FAILING));
    const none = write('s/c.yaml', gamble('  []').replace('expect:\n  []\n', ''));
    const r = await cli('check', join(dir, 's'));
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      `${ok}: 2 expectations hold\n${bad}: 1 of 2 expectations failed\n${none}: no expectations\n`,
    );
  });

  it('an invalid scenario fails the check with its errors', async () => {
    const file = write('broken.yaml', gamble(HOLDING, 'p_nothing'));
    const r = await cli('check', file, '--format', 'json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).files[0]).toMatchObject({
      file,
      expectations: [],
      errors: [expect.objectContaining({ code: 'UNKNOWN_NAME', line: 3 })],
    });
  });

  it('--set and --observe move the base case the expectations are checked at', async () => {
    const file = write('ok.yaml', gamble('  - best: risky'));
    expect((await cli('check', file, '--set', 'p=0.4')).code).toBe(1);
    expect((await cli('check', file, '--set', 'p=likely')).code).toBe(0);
    // storm seen: 0.625 * 0.2 / (0.625 * 0.2 + 0.375 * 0.8) = 0.294 < 0.42.
    const seen = await cli('check', file, '--observe', 'storm');
    expect(seen.code).toBe(1);
    expect(seen.stderr).toContain('expectation failed: best is risky: fails at the base case');
    expect((await cli('check', file, '--observe', 'storm=no')).code).toBe(0);
  });

  it('validate runs the expectations too', async () => {
    const ok = write('ok.yaml', gamble(HOLDING));
    const bad = write('bad.yaml', gamble(FAILING));
    expect(await cli('validate', ok)).toEqual({
      code: 0,
      stdout: `${ok}: ok (5 nodes, recommends risky, 2 expectations hold)\n`,
      stderr: '',
    });
    const r = await cli('validate', bad, '--format', 'json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual([
      {
        file: bad,
        valid: false,
        errors: [
          expect.objectContaining({
            code: 'EXPECTATION_FAILED',
            line: 18,
            column: 5,
            message: expect.stringContaining('fails below p = 0.42'),
          }),
        ],
      },
    ]);
  });
});
