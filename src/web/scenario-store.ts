/** The web app's name for the served folder; the folder module owns every file of it. */
export {
  ASSESSMENT_SEPARATOR,
  isRealFolder,
  SCENARIO_ID,
  ScenarioFolder as ScenarioStore,
  VARIANT_SEPARATOR,
  VARIANTS_SUFFIX,
  type StoredScenario,
} from '../folder/scenario-folder';
