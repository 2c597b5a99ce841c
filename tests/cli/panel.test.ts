import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { cli } from '../helpers/cli';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'branchpoint-panel-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function write(relative: string, text: string): string {
  const file = join(dir, relative);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
}

/** Risky scores 10 p, Safe cost / 4; the file: p 0.5, cost 12. */
const SCENARIO = `title: Panel
parameters:
  p: 0.5
  cost: 12
root:
  type: decision
  label: Choose
  options:
    - label: Risky
      type: chance
      branches:
        - { label: Win, type: outcome, probability: p, payoff: 10 }
        - { label: Lose, type: outcome, probability: "#", payoff: 0 }
    - { label: Safe, type: outcome, payoff: "cost / 4" }
`;

function withPanel(): string {
  const file = write('panel.yaml', SCENARIO);
  write(
    'panel.assessments/a.yaml',
    'assesses: ../panel.yaml\nanalyst: Desk A\nset: { p: 0.2, cost: 10 }\nrationale: { p: Base rates. }\n',
  );
  write(
    'panel.assessments/b.yaml',
    'assesses: ../panel.yaml\nanalyst: Desk B\nset: { p: 0.6, cost: 20 }\n',
  );
  write(
    'panel.assessments/c.yaml',
    'assesses: ../panel.yaml\nanalyst: Desk C\nset: { cost: 12 }\n',
  );
  return file;
}

describe('branchpoint panel', () => {
  it('prints the JSON of FORMAT.md section 10 (linear pool by default)', async () => {
    const r = await cli('panel', withPanel(), '--format', 'json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(Object.keys(json).sort()).toEqual([
      'agreement',
      'analysts',
      'parameters',
      'pool',
      'pooled',
    ]);
    expect(json.pool).toBe('linear');
    expect(json.parameters).toEqual([
      {
        name: 'cost',
        base: 12,
        values: { 'Desk A': 10, 'Desk B': 20, 'Desk C': 12 },
        pooled: 14,
        spread: 10,
      },
      {
        name: 'p',
        phrase: 'unlikely',
        base: 0.5,
        values: { 'Desk A': 0.2, 'Desk B': 0.6, 'Desk C': 0.5 },
        pooled: expect.closeTo(1.3 / 3, 12),
        spread: expect.closeTo(0.4, 12),
      },
    ]);
    expect(json.analysts).toEqual([
      { analyst: 'Desk A', choice: 'safe', score: 2.5 },
      { analyst: 'Desk B', choice: 'risky', score: expect.closeTo(6, 12) },
      { analyst: 'Desk C', choice: 'risky', score: 5 },
    ]);
    expect(json.pooled).toEqual({ choice: 'risky', score: expect.closeTo(13 / 3, 12) });
    expect(json.agreement).toBeCloseTo(2 / 3, 12);
  });

  it('--pool log pools the probability in log odds and the cost by the mean', async () => {
    const json = JSON.parse(
      (await cli('panel', withPanel(), '--pool', 'log', '--format', 'json')).stdout,
    );
    expect(json.pool).toBe('log');
    const r = (0.06 / 0.16) ** (1 / 3);
    expect(json.parameters[1].pooled).toBeCloseTo(r / (1 + r), 12);
    expect(json.parameters[0].pooled).toBe(14);
  });

  it('prints a table, widest spread first, and the agreement as text', async () => {
    const r = await cli('panel', withPanel());
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Panel: panel of 3 analysts, linear pool');
    expect(r.stdout.indexOf('  cost')).toBeLessThan(r.stdout.indexOf('  p '));
    expect(r.stdout).toMatch(/ {2}p\s+0\.5\s+0\.2\s+0\.6\s+0\.5\s+0\.433 \(unlikely\)\s+0\.4/);
    expect(r.stdout).toContain(
      'Agreement: 67% of the analysts recommend what the pooled judgement recommends (risky).',
    );
  });

  it('with no assessments, says where to put them', async () => {
    const file = write('lonely.yaml', SCENARIO);
    const r = await cli('panel', file);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('No assessments yet');
  });

  it('an assessment of another scenario in the folder is an error at its assesses:', async () => {
    const file = withPanel();
    const stray = write(
      'panel.assessments/d.yaml',
      'assesses: ../other.yaml\nanalyst: D\nset: { p: 0.1 }\n',
    );
    const r = await cli('panel', file);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${stray}:1:11: assesses ../other.yaml, not panel.yaml`);
  });

  it('an unknown --pool is a usage error', async () => {
    expect((await cli('panel', withPanel(), '--pool', 'median')).code).toBe(2);
  });

  it('an assessment opens as its scenario with the analyst’s values (evaluate)', async () => {
    withPanel();
    const r = await cli('evaluate', join(dir, 'panel.assessments/a.yaml'), '--format', 'json');
    expect(JSON.parse(r.stdout)).toMatchObject({
      choice: 'safe',
      parameters: { p: 0.2, cost: 10 },
    });
  });
});
