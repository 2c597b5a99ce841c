export {
  evaluate,
  evaluateTree,
  type CriterionValues,
  type Evaluation,
  type NodeResult,
} from './evaluate';
export { resolveInputs, type Inputs, type Overrides } from './inputs';
export { formatNumber } from './format-number';
export { programOf, pathOf, type Program } from './program';
export { rollback, ties, type Rollback } from './rollback';
