import { MAX_ITERATIONS, simulate, type Simulation } from '../../src/engine';
import { join } from 'node:path';
import { readScenario } from '../../src/document';
import { fixture, scenarioOf } from '../helpers/scenario';

const SCENARIOS = join(__dirname, '..', '..', 'scenarios');

function ok(r: ReturnType<typeof simulate>): Simulation {
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.value;
}

/** Option A pays x ~ uniform(0, 2); option B pays `sure` for certain. */
function uncertainVersusSure(sure: number, distribution = 'uniform(0, 2)') {
  return scenarioOf(
    JSON.stringify({
      title: 'Uncertain or sure',
      parameters: { x: { value: 1, range: [0, 2], distribution } },
      root: {
        type: 'decision',
        label: 'Choose',
        options: [
          { label: 'Uncertain', type: 'outcome', payoff: 'x' },
          { label: 'Sure', type: 'outcome', payoff: sure },
        ],
      },
    }),
  );
}

describe('Monte Carlo simulation', () => {
  const wildcatter = scenarioOf(
    fixture('oil-wildcatter.yaml').replace(
      'p_dry: 0.5',
      'p_dry: { value: 0.5, range: [0.45, 0.55], distribution: "uniform(0.45, 0.55)" }',
    ),
  );

  it('gives the same numbers, bit for bit, for the same seed', () => {
    const a = ok(simulate(wildcatter, { iterations: 2000, seed: 42 }));
    const b = ok(simulate(wildcatter, { iterations: 2000, seed: 42 }));
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });

  it('gives different numbers for a different seed', () => {
    const a = ok(simulate(wildcatter, { iterations: 2000, seed: 42 }));
    const b = ok(simulate(wildcatter, { iterations: 2000, seed: 43 }));
    expect(a.options[0]!.mean).not.toBe(b.options[0]!.mean);
    expect(b.seed).toBe(43);
  });

  it('converges to the rollback value when the model is linear in the sampled parameter', () => {
    // Drilling blind is worth 155 - 270 p_dry, positive over the whole range, so linear in p_dry:
    // its mean is the value at E[p_dry] = 0.5, within 4 standard errors (sd 270 * 0.1 / sqrt(12)).
    const s = ok(simulate(wildcatter, { iterations: 20000, seed: 1 }));
    const noTest = s.options.find((o) => o.id === 'no-test')!;
    expect(Math.abs(noTest.mean - 20)).toBeLessThan(
      (4 * (270 * 0.1)) / Math.sqrt(12) / Math.sqrt(20000),
    );
    expect(s.sampled).toEqual(['p_dry']);
  });

  it('reports the shares of iterations in which each option is best, summing to 1', () => {
    const s = ok(simulate(uncertainVersusSure(0.8), { iterations: 20000, seed: 3 }));
    expect(s.options.reduce((a, o) => a + o.p_best, 0)).toBeCloseTo(1, 12);
    // P(x > 0.8) = 0.6 for x ~ uniform(0, 2).
    expect(s.options[0]!.p_best).toBeCloseTo(0.6, 1);
  });

  it('gives quantiles of each option and criterion', () => {
    const s = ok(simulate(uncertainVersusSure(0.8), { iterations: 40000, seed: 5 }));
    const uncertain = s.options[0]!;
    expect(uncertain.p5).toBeCloseTo(0.1, 1);
    expect(uncertain.p50).toBeCloseTo(1, 1);
    expect(uncertain.p95).toBeCloseTo(1.9, 1);
    expect(uncertain.criteria.value).toEqual({
      mean: uncertain.mean,
      p5: uncertain.p5,
      p50: uncertain.p50,
      p95: uncertain.p95,
    });
    expect(s.options[1]).toMatchObject({ mean: 0.8, p5: 0.8, p50: 0.8, p95: 0.8 });
  });

  it('computes EVPI equal to a hand-computed value', () => {
    // E[max(x, 0.8)] = 1 + 0.8^2 / 4 = 1.16 for x ~ uniform(0, 2); the best option in
    // expectation is worth E[x] = 1, so EVPI = 0.16.
    const s = ok(simulate(uncertainVersusSure(0.8), { iterations: 100000, seed: 11 }));
    expect(s.best_in_expectation).toBe('uncertain');
    expect(Math.abs(s.evpi - 0.16)).toBeLessThan(0.01);
  });

  it('gives EVPI 0 when no uncertainty can change the choice', () => {
    const s = ok(simulate(uncertainVersusSure(-1), { iterations: 5000, seed: 2 }));
    expect(s.evpi).toBe(0);
    expect(s.options[0]!.p_best).toBe(1);
  });

  it('estimates EVPPI per parameter when asked, within EVPI', () => {
    const s = ok(simulate(uncertainVersusSure(0.8), { iterations: 50000, seed: 4, evppi: true }));
    // x is the only uncertainty, so knowing it is worth all of EVPI (binning loses a little).
    expect(s.evppi!.x).toBeGreaterThan(0.14);
    expect(s.evppi!.x).toBeLessThanOrEqual(s.evpi + 1e-9);
    expect(
      ok(simulate(uncertainVersusSure(0.8), { iterations: 1000, seed: 4 })).evppi,
    ).toBeUndefined();
  });

  it('reports samples that make a chance node invalid, with the parameter and the count', () => {
    const s = scenarioOf(
      JSON.stringify({
        title: 'Wide probability',
        parameters: { p: { value: 0.5, range: [0, 1], distribution: 'normal(0.5, 0.3)' } },
        root: {
          type: 'chance',
          label: 'Toss',
          branches: [
            { label: 'Heads', probability: 'p', type: 'outcome', payoff: 1 },
            { label: 'Tails', probability: '#', type: 'outcome', payoff: 0 },
          ],
        },
      }),
    );
    const r = simulate(s, { iterations: 1000, seed: 9 });
    expect(r.ok).toBe(false);
    const errors = r.ok ? [] : r.errors;
    // About 5% of normal(0.5, 0.3) draws fall below 0 and 5% above 1.
    expect(errors.map((e) => e.path)).toEqual(expect.arrayContaining(['p']));
    for (const e of errors) expect(e.message).toMatch(/^in \d+ of 1000 samples of p: /);
    const counts = errors.map((e) => Number(/^in (\d+)/.exec(e.message)![1]));
    expect(counts.reduce((a, b) => a + b, 0)).toBeGreaterThan(50);
    expect(counts.reduce((a, b) => a + b, 0)).toBeLessThan(200);
  });

  it('rejects iteration counts and seeds outside their bounds, naming them', () => {
    for (const iterations of [0, -5, 1.5, MAX_ITERATIONS + 1, 1e12]) {
      const r = simulate(uncertainVersusSure(0.8), { iterations, seed: 1 });
      expect(r.ok ? null : r.errors[0]).toMatchObject({ code: 'BAD_OVERRIDE', path: 'iterations' });
    }
    const r = simulate(uncertainVersusSure(0.8), { iterations: 10, seed: -1 });
    expect(r.ok ? null : r.errors[0]).toMatchObject({ path: 'seed' });
  });

  it('treats a scenario without distributions as certain', () => {
    const s = ok(
      simulate(scenarioOf(fixture('oil-wildcatter.yaml')), { iterations: 100, seed: 1 }),
    );
    expect(s.sampled).toEqual([]);
    expect(s.evpi).toBe(0);
    expect(s.options.map((o) => [o.id, o.mean, o.p5, o.p95])).toEqual([
      ['seismic-test', expect.closeTo(22.5, 9), expect.closeTo(22.5, 9), expect.closeTo(22.5, 9)],
      ['no-test', expect.closeTo(20, 9), expect.closeTo(20, 9), expect.closeTo(20, 9)],
    ]);
  });
});

describe('Monte Carlo with overrides', () => {
  it('holds a parameter set by an override instead of sampling it', () => {
    const s = scenarioOf(
      JSON.stringify({
        title: 'Held',
        parameters: { x: { value: 1, range: [0, 2], distribution: 'uniform(0, 2)' } },
        root: {
          type: 'decision',
          label: 'Choose',
          options: [{ label: 'Only', type: 'outcome', payoff: 'x' }],
        },
      }),
    );
    const r = ok(simulate(s, { iterations: 100, seed: 1 }, { set: { x: 1.5 } }));
    expect(r.sampled).toEqual([]);
    expect(r.options[0]).toMatchObject({ mean: 1.5, p5: 1.5, p95: 1.5 });
  });
});

describe('the chunked kernel', () => {
  // Payoff and probability expressions, a "#" branch, a nested decision, a payoff at the root
  // and on a decision, constant subtrees, and a parameter read through another.
  const tree = {
    title: 'Kernel',
    criteria: [
      { id: 'gain', label: 'Gain', weight: 2 },
      { id: 'cost', label: 'Cost', weight: 1, direction: 'min' },
    ],
    parameters: {
      p: { value: 0.4, distribution: 'beta(4, 6)' },
      q: { value: 0.5, distribution: 'pert(0.2, 0.5, 0.9)' },
      g: { value: 3, distribution: 'normal(3, 1)' },
      pq: { value: 'p * q' },
      fixed_share: { value: 0.3 },
    },
    root: {
      type: 'decision',
      label: 'Root',
      payoff: { cost: 'g / 10' },
      options: [
        {
          label: 'Risky',
          type: 'chance',
          branches: [
            {
              label: 'Good',
              type: 'outcome',
              probability: 'pq',
              payoff: { gain: 'g * 2', cost: 1 },
            },
            {
              label: 'Middle',
              probability: 'p - pq',
              type: 'decision',
              payoff: { gain: 'g' },
              options: [
                { label: 'Stop', type: 'outcome', payoff: { gain: 1 } },
                {
                  label: 'Go on',
                  type: 'chance',
                  branches: [
                    {
                      label: 'Win',
                      type: 'outcome',
                      probability: 'q',
                      payoff: { gain: 4, cost: 2 },
                    },
                    { label: 'Lose', type: 'outcome', probability: '#', payoff: { cost: 3 } },
                  ],
                },
              ],
            },
            { label: 'Bad', type: 'outcome', probability: '#', payoff: { cost: 'g' } },
          ],
        },
        {
          label: 'Safe',
          type: 'chance',
          branches: [
            { label: 'A', type: 'outcome', probability: 'fixed_share', payoff: { gain: 3 } },
            { label: 'B', type: 'outcome', probability: '#', payoff: { gain: 2, cost: 1 } },
          ],
        },
      ],
    },
  };

  it('gives exactly what rolling back each iteration with rollback gives', () => {
    const s = scenarioOf(JSON.stringify(tree));
    for (const seed of [1, 2, 3]) {
      const options = { iterations: 5000, seed, evppi: true };
      const fast = ok(simulate(s, options));
      const slow = ok(simulate(s, { ...options, scalar: true }));
      expect(JSON.stringify(fast)).toBe(JSON.stringify(slow));
      for (const kernel of ['columns', 'generated'] as const)
        expect(JSON.stringify(ok(simulate(s, { ...options, kernel })))).toBe(JSON.stringify(slow));
    }
  });

  it('gives the right numbers from a kernel made again for the same tree, whatever the values', () => {
    // The second and later kernels of one source come from one kept factory (V8 keeps the code
    // it optimised); what differs between runs (seed, a value set, a weight) must still count.
    const s = scenarioOf(JSON.stringify(tree));
    const runs = [
      { seed: 5, overrides: {} },
      { seed: 6, overrides: { set: { fixed_share: 0.6 } } },
      { seed: 5, overrides: { weight: { cost: 3 } } },
      { seed: 5, overrides: {} },
    ];
    for (const { seed, overrides } of runs) {
      const options = { iterations: 3000, seed };
      const slow = JSON.stringify(ok(simulate(s, { ...options, scalar: true }, overrides)));
      const generated = ok(simulate(s, { ...options, kernel: 'generated' }, overrides));
      expect(JSON.stringify(generated)).toBe(slow);
    }
  });

  it.each(['us-response', 'european-forces', 'nato-posture', 'moscow-signals'])(
    'gives the same numbers with each kernel on %s',
    async (name) => {
      const doc = await readScenario(join(SCENARIOS, `${name}.yaml`));
      if (!doc.ok) throw new Error(doc.errors.map((e) => e.message).join('\n'));
      const options = { iterations: 2000, seed: 11, evppi: true };
      const slow = JSON.stringify(ok(simulate(doc.scenario, { ...options, scalar: true })));
      for (const kernel of ['columns', 'generated'] as const)
        expect(JSON.stringify(ok(simulate(doc.scenario, { ...options, kernel })))).toBe(slow);
    },
  );

  it('reports the same invalid draws as rollback', () => {
    // normal(0.5, 0.3) strays outside [0, 1] in some iterations.
    const s = scenarioOf(
      JSON.stringify(tree)
        .replace('"normal(3, 1)"', '"normal(3, 1)"')
        .replace('"beta(4, 6)"', '"normal(0.5, 0.3)"'),
    );
    const fast = simulate(s, { iterations: 3000, seed: 4 });
    const slow = simulate(s, { iterations: 3000, seed: 4, scalar: true });
    expect(fast.ok).toBe(false);
    expect(JSON.stringify(fast)).toBe(JSON.stringify(slow));
    const columns = simulate(s, { iterations: 3000, seed: 4, kernel: 'columns' });
    expect(JSON.stringify(columns)).toBe(JSON.stringify(slow));
  });
});

describe('criterion weights in the simulation', () => {
  /** Safe scores 2 w / (w + 0.5) on `gain`, with w the drawn weight of gain; cost weighs 0.5. */
  const weighted = (distribution: string) =>
    scenarioOf(
      JSON.stringify({
        title: 'Weights drawn',
        criteria: [
          { id: 'gain', weight: 0.5, weight_distribution: distribution },
          { id: 'cost', weight: 0.5, direction: 'min' },
        ],
        root: {
          type: 'decision',
          label: 'Choose',
          options: [
            { label: 'Bold', type: 'outcome', payoff: { gain: 5, cost: 4 } },
            { label: 'Safe', type: 'outcome', payoff: { gain: 2, cost: 0 } },
          ],
        },
      }),
    );

  it('draws a weight with a distribution and names it among the sampled inputs', () => {
    const s = ok(simulate(weighted('uniform(0.2, 0.8)'), { iterations: 40_000, seed: 3 }));
    expect(s.sampled).toEqual(['weight:gain']);
    // E[2w / (w + 0.5)], w ~ U(0.2, 0.8) = (2 / 0.6) (0.6 - 0.5 ln(1.3 / 0.7)).
    const exact = (2 / 0.6) * (0.6 - 0.5 * Math.log(1.3 / 0.7));
    expect(s.options.find((o) => o.id === 'safe')!.mean).toBeCloseTo(exact, 2);
  });

  it('holds a weight given with --weight, like --set holds a parameter', () => {
    const s = ok(
      simulate(
        weighted('uniform(0.2, 0.8)'),
        { iterations: 1000, seed: 3 },
        { weight: { gain: 1 } },
      ),
    );
    expect(s.sampled).toEqual([]);
    expect(s.options.find((o) => o.id === 'safe')!.mean).toBeCloseTo(2 / 1.5, 12);
  });

  it('reports drawn weights below 0 instead of clipping them', () => {
    const r = simulate(weighted('uniform(-1, 1)'), { iterations: 1000, seed: 3 });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors[0]!.message).toMatch(
      /^in \d+ of 1000 samples: a drawn weight of 'gain' is below 0.*stays at or above 0$/,
    );
  });
});
