import type { Simulation } from '../../engine';
import type { ReportSimulation } from '../report-data';

/** The Monte Carlo summary: per-option percentiles and chance of being best, and the EVPI. */
export function reportSimulation(sim: Simulation): ReportSimulation {
  return {
    iterations: sim.iterations,
    seed: sim.seed,
    sampled: [...sim.sampled],
    options: sim.options.map((o) => ({
      id: o.id,
      label: o.label,
      mean: o.mean,
      p5: o.p5,
      p50: o.p50,
      p95: o.p95,
      p_best: o.p_best,
    })),
    best_in_expectation: sim.best_in_expectation,
    evpi: sim.evpi,
  };
}
