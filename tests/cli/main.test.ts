import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Runs the built CLI as a user would (`npm test` builds first), checking exit codes and that
 * stdout carries exactly one JSON document.
 */
const root = join(__dirname, '..', '..');
const cli = join(root, 'dist', 'src', 'cli', 'main.js');
const fixture = (name: string) => join(root, 'tests', 'fixtures', name);

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  if (!existsSync(cli)) throw new Error(`build the CLI first (npm run build): ${cli} is missing`);
});

describe('branchpoint (built CLI)', () => {
  it('evaluates to one JSON document on stdout with exit code 0', () => {
    const r = run('evaluate', fixture('oil-wildcatter.yaml'), '--format', 'json');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const json = JSON.parse(r.stdout);
    expect(json.choice).toBe('seismic-test');
    expect(json.score).toBeCloseTo(22.5, 9);
    expect(Object.keys(json)).toEqual([
      'title',
      'criteria',
      'score',
      'expected',
      'choice',
      'options',
      'policy',
      'outcomes',
      'parameters',
      'score_range',
    ]);
  });

  it('exits 1 with file:line:col on stderr for an invalid scenario', () => {
    const r = run('validate', fixture('invalid-probabilities.yaml'));
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      /invalid-probabilities\.yaml:\d+:\d+: probabilities of the branches of 'toss' sum to 1\.1/,
    );
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 2 for wrong usage', () => {
    expect(run('evaluate').code).toBe(2);
    expect(run('frobnicate').code).toBe(2);
    expect(run('evaluate', fixture('oil-wildcatter.yaml'), '--format', 'xml').code).toBe(2);
    expect(run('evaluate', fixture('oil-wildcatter.yaml'), '--set', 'p_dry').code).toBe(2);
  });

  it('exits 1 for an override that names no parameter', () => {
    const r = run('evaluate', fixture('oil-wildcatter.yaml'), '--set', 'p_oil=0.3');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("cannot set 'p_oil'");
  });

  it('exits 1 for a missing file without a stack trace', () => {
    const r = run('evaluate', 'no/such/file.yaml');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('no/such/file.yaml: cannot read file: no such file');
  });
});
