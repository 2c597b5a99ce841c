export {
  importSilverDecisions,
  type ImportOptions,
  type ImportResult,
} from './import-silver-decisions';
export { formatImportIssue, type ImportCode, type ImportIssue } from './import-issue';
export type { Objective, CriterionPlan } from './objective-of';
