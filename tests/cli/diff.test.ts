import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { cli } from '../helpers/cli';
import type { ScenarioDiff } from '../../src/engine/diff';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'branchpoint-diff-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function write(relative: string, text: string): string {
  const file = join(dir, relative);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
}

/** Gamble scores 10 p, Safe 4: Gamble is best while p > 0.4. */
const SCENARIO = `title: Versions
parameters:
  p: 0.6
root:
  type: decision
  label: Choose
  options:
    - label: Gamble
      type: chance
      branches:
        - { label: Win, type: outcome, probability: p, payoff: 10 }
        - { label: Lose, type: outcome, probability: "#", payoff: 0 }
    - { label: Safe, type: outcome, payoff: 4 }
`;

const WITH_HEDGE = SCENARIO.replace(
  '    - { label: Safe,',
  `    - label: Hedge
      type: chance
      branches:
        - { label: Up, type: outcome, probability: 0.5, payoff: 5 }
        - { label: Down, type: outcome, probability: "#", payoff: 2 }
    - { label: Safe,`,
);

const json = async (...args: string[]) => {
  const r = await cli('diff', ...args, '--format', 'json');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as ScenarioDiff;
};

describe('branchpoint diff', () => {
  it('two files: JSON with every key of FORMAT.md section 11, an added subtree by its top node', async () => {
    const a = write('a.yaml', SCENARIO);
    const b = write('b.yaml', WITH_HEDGE);
    const d = await json(a, b);
    expect(d).toEqual({
      inputs: [],
      weights: [],
      options: [
        { id: 'gamble', a: 6, b: 6, delta: 0 },
        { id: 'safe', a: 4, b: 4, delta: 0 },
        { id: 'hedge', a: null, b: 3.5, delta: null },
      ],
      choice: { a: 'gamble', b: 'gamble', changed: false },
      policy: [],
      structure: { added: ['choose/hedge'], removed: [] },
    });
    expect((await json(b, a)).structure).toEqual({ added: [], removed: ['choose/hedge'] });
  });

  it('exits 0 whether or not they differ, and leads the text with the decision', async () => {
    const a = write('a.yaml', SCENARIO);
    const b = write('b.yaml', SCENARIO.replace('p: 0.6', 'p: 0.3'));
    const r = await cli('diff', a, b);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[2]).toBe(
      'Decision CHANGED: A recommends gamble, B recommends safe.',
    );
    expect(r.stdout).toContain('Inputs:\n  p: 0.6 -> 0.3\n');
    const same = await cli('diff', a, a);
    expect(same.code).toBe(0);
    expect(same.stdout).toContain('Decision unchanged: both recommend gamble.');
  });

  it('a variant against its scenario: the variant’s values are the inputs that differ', async () => {
    const file = write('s.yaml', SCENARIO);
    const variant = write(
      's.variants/pessimist.yaml',
      'extends: ../s.yaml\ntitle: Pessimist\nset: { p: 0.35 }\n',
    );
    const d = await json(file, variant);
    expect(d.inputs).toEqual([{ name: 'p', a: 0.6, b: 0.35 }]);
    expect(d.choice).toEqual({ a: 'gamble', b: 'safe', changed: true });
    expect(d.options[0]).toEqual({ id: 'gamble', a: 6, b: 3.5, delta: -2.5 });
    expect(d.structure).toEqual({ added: [], removed: [] });
  });

  it('an assessment against its scenario', async () => {
    const file = write('s.yaml', SCENARIO);
    const assessment = write(
      's.assessments/east.yaml',
      'assesses: ../s.yaml\nanalyst: East desk\nset: { p: unlikely }\n',
    );
    const d = await json(assessment, file);
    expect(d.inputs).toEqual([{ name: 'p', a: 0.325, b: 0.6 }]);
    expect(d.choice).toEqual({ a: 'safe', b: 'gamble', changed: true });
  });

  it('an invalid side is exit 1 with its errors', async () => {
    const a = write('a.yaml', SCENARIO);
    const b = write('b.yaml', SCENARIO.replace('p: 0.6', 'p: p_missing'));
    const r = await cli('diff', a, b);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${b}:3:6: unknown name 'p_missing'`);
  });
});

describe('branchpoint diff FILE@REV', () => {
  const git = (...args: string[]) =>
    execFileSync(
      'git',
      ['-c', 'user.name=Test', '-c', 'user.email=test@example.org', '-C', dir, ...args],
      {
        encoding: 'utf8',
        env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' },
      },
    );

  function repository(): string {
    git('init', '-q');
    const file = write('scenarios/s.yaml', SCENARIO);
    git('add', '.');
    git('commit', '-q', '-m', 'first');
    write('scenarios/s.yaml', WITH_HEDGE.replace('p: 0.6', 'p: 0.3'));
    git('commit', '-q', '-am', 'second');
    write('scenarios/s.yaml', WITH_HEDGE.replace('p: 0.6', 'p: 0.45'));
    return file;
  }

  it('compares a committed version with the working file', async () => {
    const file = repository();
    const d = await json(`${file}@HEAD~1`, file);
    expect(d.inputs).toEqual([{ name: 'p', a: 0.6, b: 0.45 }]);
    expect(d.structure).toEqual({ added: ['choose/hedge'], removed: [] });
    expect(d.choice).toEqual({ a: 'gamble', b: 'gamble', changed: false });
  });

  it('compares two revisions, and names them as given in the text', async () => {
    const file = repository();
    const d = await json(`${file}@HEAD~1`, `${file}@HEAD`);
    expect(d.inputs).toEqual([{ name: 'p', a: 0.6, b: 0.3 }]);
    expect(d.choice).toEqual({ a: 'gamble', b: 'safe', changed: true });
    const r = await cli('diff', `${file}@HEAD~1`, `${file}@HEAD`);
    expect(r.stdout.split('\n')[0]).toBe(`Comparing ${file}@HEAD~1 (A) with ${file}@HEAD (B)`);
  });

  it('an unknown revision is a clear error, exit 1', async () => {
    const file = repository();
    const r = await cli('diff', `${file}@no-such-rev`, file);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`cannot read ${file} at revision no-such-rev`);
  });

  it('a folder that is not a git repository is a clear error, exit 1', async () => {
    const file = write('s.yaml', SCENARIO);
    const r = await cli('diff', `${file}@HEAD`, file, '--format', 'json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).errors).toEqual([
      expect.objectContaining({
        code: 'FILE_UNREADABLE',
        message: `${file}@HEAD: ${dir} is not inside a git repository, so it has no revisions`,
      }),
    ]);
  });
});
