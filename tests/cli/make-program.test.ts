import { join } from 'node:path';
import { runCli } from '../../src/cli/make-program';

/** The CLI in-process, with captured output: fast checks of formats and flags. */
async function cli(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

const fixture = (name: string) => join(__dirname, '..', 'fixtures', name);

describe('validate', () => {
  it('reports ok with the node count and the recommendation', async () => {
    const r = await cli('validate', fixture('oil-wildcatter.yaml'));
    expect(r).toEqual({
      code: 0,
      stdout: `${fixture('oil-wildcatter.yaml')}: ok (26 nodes, recommends seismic-test)\n`,
      stderr: '',
    });
  });

  it('checks several files and fails if any is invalid', async () => {
    const r = await cli(
      'validate',
      fixture('oil-wildcatter.yaml'),
      fixture('invalid-probabilities.yaml'),
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('oil-wildcatter.yaml: ok');
    expect(r.stderr).toContain('invalid-probabilities.yaml:3:3:');
  });

  it('prints the errors as JSON with --format json', async () => {
    const r = await cli('validate', fixture('invalid-probabilities.yaml'), '--format', 'json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual([
      {
        file: fixture('invalid-probabilities.yaml'),
        valid: false,
        errors: [
          expect.objectContaining({ code: 'PROBABILITY_SUM', line: 3, column: 3, path: 'toss' }),
        ],
      },
    ]);
  });

  it('shows the offending line with a caret under the column', async () => {
    const r = await cli('validate', fixture('invalid-probabilities.yaml'));
    expect(r.stderr).toContain('3 |   type: chance\n      ^');
  });
});

describe('evaluate', () => {
  it('summarises the recommendation, options, policy and outcomes as text', async () => {
    const r = await cli('evaluate', fixture('oil-wildcatter.yaml'));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Recommended: Seismic test (seismic-test), score 22.500');
    expect(r.stdout).toMatch(/\* Seismic test\s+22\.500\s+22\.50/);
    expect(r.stdout).toMatch(/ {2}No test\s+20\.000/);
    expect(r.stdout).toContain('test-first/seismic-test/no-structure -> do-not-drill');
    expect(r.stdout).toMatch(
      /41\.0%\s+-10\.000\s+test-first\/seismic-test\/no-structure\/do-not-drill/,
    );
  });

  it('applies --set with numbers and expressions, repeated', async () => {
    const r = await cli(
      'evaluate',
      fixture('oil-wildcatter.yaml'),
      '--set',
      'p_dry=0.8',
      '--set',
      'p_wet=0.1 * 2',
      '--format',
      'json',
    );
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.parameters.p_dry).toBe(0.8);
    expect(json.parameters.p_wet).toBeCloseTo(0.2, 12);
  });

  it('applies --weight', async () => {
    const r = await cli(
      'evaluate',
      fixture('format-example.yaml'),
      '--weight',
      'political_cost=2',
      '--format',
      'json',
    );
    expect(JSON.parse(r.stdout).criteria[1]).toMatchObject({
      id: 'political_cost',
      weight: 2,
      normalized_weight: 2 / 2.6,
    });
  });

  it('rejects a non-numeric weight as wrong usage', async () => {
    const r = await cli('evaluate', fixture('format-example.yaml'), '--weight', 'security=high');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("weight of 'security' must be a number");
  });

  it('exits 1 when an override makes the tree invalid and says which node', async () => {
    const r = await cli('evaluate', fixture('format-example.yaml'), '--set', 'p_deal_holds=1.4');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      "probability of 'how-does-washington-answer/accept-russia-s-terms/deal-holds' is 1.4",
    );
  });
});

describe('serve', () => {
  it('refuses a non-loopback address', async () => {
    const r = await cli('serve', 'scenarios', '--host', '0.0.0.0');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('refusing to serve on 0.0.0.0');
  });

  it('rejects a bad port as wrong usage', async () => {
    expect((await cli('serve', '--port', 'eighty')).code).toBe(2);
  });
});
