import { join } from 'node:path';
import { readScenario } from '../../src/document';
import { simulate } from '../../src/engine';
import { simulateInParallel, stopWorkers } from '../../src/parallel/simulate-parallel';

/** The workers run the build (dist/), as `npm test` builds first. */
describe('simulateInParallel', () => {
  // Starting worker threads on a busy machine takes seconds; nothing here is timed.
  jest.setTimeout(120_000);
  afterAll(() => stopWorkers());

  it('gives the same numbers, bit for bit, with 1, 2 and 3 threads, as simulate does', async () => {
    const file = join(__dirname, '../../scenarios/us-response.yaml');
    const doc = await readScenario(file);
    if (!doc.ok) throw new Error('us-response does not open');
    // 3 blocks and a part: each thread gets a different share of whole blocks.
    const options = { iterations: 3 * 4096 + 1000, seed: 7, evppi: true };
    const overrides = { set: { p_holds_bare: 0.6 } };
    const one = await simulateInParallel(doc, doc.scenario, options, overrides, { threads: 1 });
    const two = await simulateInParallel(doc, doc.scenario, options, overrides, { threads: 2 });
    const three = await simulateInParallel(doc, doc.scenario, options, overrides, { threads: 3 });
    const plain = simulate(doc.scenario, options, overrides);
    expect(one.ok).toBe(true);
    expect(JSON.stringify(two)).toBe(JSON.stringify(one));
    expect(JSON.stringify(three)).toBe(JSON.stringify(one));
    expect(JSON.stringify(plain)).toBe(JSON.stringify(one));
  });

  it('reports invalid draws as simulate does, whatever the threads', async () => {
    const doc = await readScenario(join(__dirname, '../../scenarios/us-response.yaml'));
    if (!doc.ok) throw new Error('us-response does not open');
    const p = doc.scenario.parameters.find((x) => x.distribution !== null && x.probability);
    if (!p) throw new Error('no sampled probability');
    // A probability sampled over a range that reaches past 1 is invalid in some draws.
    const scenario = {
      ...doc.scenario,
      parameters: doc.scenario.parameters.map((x) =>
        x === p ? { ...x, distribution: 'uniform(0.5, 1.5)' } : x,
      ),
    };
    const options = { iterations: 2 * 4096, seed: 3 };
    const plain = simulate(scenario, options);
    // The workers load the file's own text, so this is a check of this thread's reporting only.
    const one = await simulateInParallel(doc, scenario, options, {}, { threads: 1 });
    expect(plain.ok).toBe(false);
    expect(JSON.stringify(one)).toBe(JSON.stringify(plain));
  });
});
