export {
  evaluate,
  evaluateTree,
  type CriterionValues,
  type Evaluation,
  type NodeResult,
} from './evaluate';
export { bayes, resolveInputs, type Inputs, type Observation, type Overrides } from './inputs';
export { formatNumber } from './format-number';
export { programOf, pathOf, type Program } from './program';
export { rollback, ties, type Rollback } from './rollback';
export { Probe, type ProbeResult } from './probe';
export {
  findThresholds,
  sensitivity,
  spider,
  twoWay,
  variables,
  type Sensitivity,
  type SensitivityEntry,
  type Spider,
  type Threshold,
  type TwoWay,
  type Variable,
} from './sensitivity';
export { makeSamplers, moments, type Sampler } from './sample';
export {
  prepareSimulation,
  simulate,
  type OptionSimulation,
  type PreparedSimulation,
  type SimulationArray,
  type Simulation,
  type SimulationOptions,
  type Spread,
} from './simulate';
export { MAX_ITERATIONS } from './constants';
