export { LIMITS } from './limits';
export { loadScenario, type LoadResult } from './load-scenario';
export { locateDiagnostics } from './locate';
export { formatDiagnostic } from './format-diagnostic';
export { isVariantText, loadVariant, type VariantResult } from './load-variant';
