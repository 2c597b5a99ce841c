import { join } from 'node:path';
import { cli } from '../helpers/cli';

/** The CLI in-process, with captured output: fast checks of formats and flags. */

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
    expect(r.stdout).toContain(
      'Too close to call: Seismic test, narrowly ahead of No test (seismic-test), score 23\n',
    );
    expect(r.stdout).toContain(
      'Margin: 2.5 ahead of No test (20), 1% of the spread of end-state scores (280).',
    );
    expect(r.stdout).toContain('  Margin: 2.5 ahead of No test (20)');
    expect(r.stdout).toMatch(/\* Seismic test\s+22\.5\s+22\.50/);
    expect(r.stdout).toMatch(/ {2}No test\s+20\.0/);
    expect(r.stdout).toContain('test-first/seismic-test/no-structure -> do-not-drill');
    expect(r.stdout).toMatch(
      /0\.410\s+\(unlikely\)\s+-10\s+test-first\/seismic-test\/no-structure\/do-not-drill/,
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

describe('sensitivity', () => {
  const us = join(__dirname, '..', '..', 'scenarios', 'us-response.yaml');

  it('prints the tornado as JSON with the keys of FORMAT.md, largest swing first', async () => {
    const r = await cli('sensitivity', us, '--format', 'json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(typeof json.base).toBe('number');
    for (const p of json.parameters) {
      expect(p).toEqual(
        expect.objectContaining({
          name: expect.any(String),
          low: expect.any(Number),
          high: expect.any(Number),
          score_low: expect.any(Number),
          score_high: expect.any(Number),
          choice_low: expect.any(String),
          choice_high: expect.any(String),
          threshold: p.threshold === null ? null : expect.any(Number),
        }),
      );
    }
    const swings = (json.parameters as { swing: number }[]).map((p) => p.swing);
    expect(swings).toEqual([...swings].sort((a, b) => b - a));
  });

  it('prints a text tornado and the break-even statements', async () => {
    const r = await cli('sensitivity', us);
    expect(r.stdout).toContain('One-way sensitivity, largest swing first:');
    expect(r.stdout).toMatch(/Tornado \(score from/);
    expect(r.stdout).toMatch(/Break-even:\n {2}- .+ stays best unless .+ \(base [\d.]+\)/);
  });

  it('draws a spider table and a two-way map', async () => {
    const spider = await cli('sensitivity', us, '--spider', 'p_nato_unity', '--points', '5');
    expect(spider.code).toBe(0);
    expect(spider.stdout.trim().split('\n')).toHaveLength(7);
    const grid = await cli(
      'sensitivity',
      us,
      '--two-way',
      'p_nato_unity,p_holds_bare',
      '--points',
      '4',
      '--format',
      'json',
    );
    expect(JSON.parse(grid.stdout).choice).toHaveLength(4);
  });

  it('exits 1 naming an unknown input and 2 for a malformed --two-way', async () => {
    const unknown = await cli('sensitivity', us, '--spider', 'p_nope');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("no parameter or weight 'p_nope'");
    expect((await cli('sensitivity', us, '--two-way', 'p_nato_unity')).code).toBe(2);
  });
});

describe('simulate', () => {
  const us = join(__dirname, '..', '..', 'scenarios', 'us-response.yaml');

  it('gives the same JSON for the same seed and different numbers for another', async () => {
    const a = await cli('simulate', us, '--iterations', '2000', '--seed', '5', '--format', 'json');
    const b = await cli('simulate', us, '--iterations', '2000', '--seed', '5', '--format', 'json');
    const c = await cli('simulate', us, '--iterations', '2000', '--seed', '6', '--format', 'json');
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout).not.toBe(c.stdout);
    const json = JSON.parse(a.stdout);
    expect(json).toMatchObject({ iterations: 2000, seed: 5, evpi: expect.any(Number) });
    expect(Object.keys(json.options[0])).toEqual(
      expect.arrayContaining(['id', 'mean', 'p5', 'p50', 'p95', 'p_best']),
    );
  });

  it('summarises the options and the value of information as text', async () => {
    const r = await cli('simulate', us, '--iterations', '1000', '--evppi');
    expect(r.stdout).toContain('Monte Carlo: 1000 iterations, seed 1');
    expect(r.stdout).toContain('Expected value of perfect information (EVPI)');
    expect(r.stdout).toContain('Partial EVPI per parameter');
  });

  it('rejects bad iteration counts and seeds as wrong usage, naming the flag', async () => {
    for (const args of [
      ['--iterations', '0'],
      ['--iterations', '1e12'],
      ['--iterations', '2000000'],
      ['--seed', 'abc'],
      ['--seed', '-3'],
    ]) {
      const r = await cli('simulate', us, ...args);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(args[0]);
    }
  });
});

describe('--format json on failure', () => {
  it('still prints exactly one JSON document on stdout: the errors', async () => {
    const r = await cli('evaluate', fixture('invalid-probabilities.yaml'), '--format', 'json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual({
      errors: [
        expect.objectContaining({ code: 'PROBABILITY_SUM', line: 3, column: 3, path: 'toss' }),
      ],
    });
    expect(r.stderr).toContain('invalid-probabilities.yaml:3:3:');
  });
});
