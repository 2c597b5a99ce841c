import { simulate } from '../src/engine';
import type { Scenario } from '../src/model/types';
import { generateScenario } from './generate-tree';
import { count, load, loadShipped, median, time } from './util';

/**
 * Monte Carlo speed: node evaluations per second of `simulate` (iterations x tree nodes /
 * seconds), on a generated tree whose 20 parameters all have distributions and on
 * scenarios/us-response.yaml at 100,000 iterations. Target (issue "Sensitivity, break-even
 * thresholds, Monte Carlo", item 5): >= 1e7.
 */

const GENERATED_NODES = Number(process.env.BENCH_SIM_NODES ?? 5_000);
const GENERATED_ITERATIONS = Number(process.env.BENCH_SIM_ITERATIONS ?? 2_000);
const SHIPPED_ITERATIONS = 100_000;

/** Median seconds of `runs` simulations after one warm-up, and the node evaluations per second. */
function measure(scenario: Scenario, iterations: number, runs: number) {
  const run = () => {
    const result = simulate(scenario, { iterations, seed: 1 });
    if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('\n'));
  };
  run();
  const ms = median(Array.from({ length: runs }, () => time(run)[1]));
  return { ms, rate: (iterations * scenario.nodeCount) / (ms / 1000) };
}

export function simulationBench(): void {
  const { text } = generateScenario(GENERATED_NODES, 1, { distributions: true });
  const generated = load(text, 'generated-with-distributions.yaml');
  const shipped = loadShipped('us-response.yaml');
  const cases = [
    { name: 'generated tree', scenario: generated, iterations: GENERATED_ITERATIONS },
    { name: 'us-response.yaml', scenario: shipped, iterations: SHIPPED_ITERATIONS },
  ];
  const rates: number[] = [];
  for (const { name, scenario, iterations } of cases) {
    const { ms, rate } = measure(scenario, iterations, 3);
    const sampled = scenario.parameters.filter((p) => p.distribution !== null).length;
    console.log(
      `simulate, ${name} (${count(scenario.nodeCount)} nodes, ${sampled} sampled parameters, ${count(iterations)} iterations): ${ms.toFixed(0)} ms, ${rate.toExponential(2)} node evaluations/s (median of 3)`,
    );
    rates.push(rate);
  }
  const [onGenerated, onShipped] = rates as [number, number];
  console.log(
    `simulation: ${Math.min(...rates).toExponential(2)} node evaluations/s (target >= 1e7; the slower of the two: generated tree ${onGenerated.toExponential(2)}, us-response.yaml ${onShipped.toExponential(2)})`,
  );
}
