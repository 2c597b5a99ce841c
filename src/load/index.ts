export { LIMITS } from './limits';
export { loadScenario, type LoadResult } from './load-scenario';
export { locateDiagnostics } from './locate';
export { formatDiagnostic } from './format-diagnostic';
export {
  ASSESSMENT_KEYS,
  checkOverlay,
  isVariantText,
  loadVariant,
  VARIANT_KEYS,
  type VariantResult,
} from './load-variant';
export { locateInFiles } from './locate-files';
export { checkLibraryShape } from './check-shape';
export { parseYaml } from './parse-yaml';
export type { ResolvedLibrary } from './resolve-scenario';
export type { LoadOptions } from './load-scenario';
