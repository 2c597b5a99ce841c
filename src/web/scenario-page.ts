import { analyse, type Analysis, type AnalysisRequest } from '../analysis/analyse';
import type { ScenarioDocument } from '../document';
import type { Diagnostic } from '../model/diagnostic';
import type { FieldView } from './field-view';
import { fieldViews, type FieldViews } from './field-views';
import { fileComparison, type FileComparison } from './file-comparison';
import { inScenarioOrder, type FormInput } from './form-overrides';
import { indicatorViews, type IndicatorView } from './indicator-views';
import { renderMarkdown } from './markdown';
import { placeProblems } from './place-problems';
import {
  readRobustness,
  robustnessView,
  ROBUSTNESS_FIELDS,
  type RobustnessInput,
  type RobustnessView,
} from './robustness-view';
import { runRobustness } from './run-robustness';
import { resultsView, type ResultsView } from './scenario-results';
import { queryPairs } from './query-pairs';
import { variantFields } from './variant-form-values';

export type { ResultsView } from './scenario-results';
export type { FieldView } from './field-view';
export type { IndicatorView } from './indicator-views';
export type { PageNumbers } from './page-numbers';

/**
 * Everything the scenario page shows, drawn from one `analyse()` of the document with the
 * form's values, and formatted here; the templates only lay it out. The live updates show the
 * same parts of it (src/web/live-view.ts), with the same partials.
 */

export interface ScenarioPageView {
  id: string;
  title: string;
  /** The browser tab's title: the variant's name first on a variant's page. */
  tabTitle: string;
  /** The description rendered from Markdown (raw HTML in it is escaped). */
  descriptionHtml: string | null;
  file: string;
  fields: FieldViews;
  indicators: IndicatorView[];
  changed: boolean;
  errors: string[];
  /** The results shown are not for the values in the form (those do not evaluate). */
  stale: boolean;
  /** The fields whose values are wrong, by label, for the banner that links to each. */
  invalid: { label: string; htmlId: string; message: string }[];
  /** The form differs from what the page opened with (the file's values, or the variant's). */
  dirty: boolean;
  /** Where "Reset" goes, and what it says. */
  reset: { href: string; text: string };
  /** What the results shown are for, when stale: the file's values, or the variant's. */
  shownFor: string;
  results: ResultsView;
  /** The query string of the changed fields, for a shareable URL. */
  query: string;
  /** Set when the page shows a saved variant. */
  variant: { title: string; baseId: string } | null;
  /** Beside the scenario file's own results, whenever what was computed differs from the file. */
  comparison: FileComparison | null;
  /** The Simulate, spider and two-way panel. */
  robustness: RobustnessView;
  /** The form's changed fields, for the robustness form to send again (it is a GET form). */
  hidden: [string, string][];
}

/** What the page asks of the analysis: everything it shows. */
const PAGE_REQUEST: AnalysisRequest = { sensitivity: true, expectations: true, indicators: true };

export function scenarioPage(
  id: string,
  doc: ScenarioDocument & { ok: true },
  sent: FormInput,
  variantOf: string | null = null,
  robust: RobustnessInput = readRobustness({}),
): ScenarioPageView {
  const scenario = doc.scenario;
  // A variant's values fill the form as changes to the scenario file; what was sent goes on top.
  const form: FormInput = {
    ...sent,
    values: { ...variantFields(doc.variant?.overrides ?? {}), ...sent.values },
  };
  const formErrors = Object.keys(form.errors).length > 0;
  const tried = formErrors
    ? undefined
    : analyse(doc, { ...PAGE_REQUEST, overrides: inScenarioOrder(sent.overrides, scenario) });
  // The document's own values (the file's, or the variant's) are drawn only when the values
  // sent do not evaluate; the page then says so.
  const a = tried?.ok ? tried.value : baseAnalysis(doc);
  const stale = formErrors || (tried !== undefined && !tried.ok);
  const problems: Diagnostic[] = tried && !tried.ok ? tried.errors : [];
  const { fieldErrors, general } = placeProblems(doc, a, form, problems);
  const robustness = runRobustness(doc, sent, robust, stale);
  // Break-evens beside the fields are for the values in the form, so only when those evaluated.
  const fields = fieldViews(a, form, fieldErrors, stale);
  const all = [...fields.parameters, ...fields.probabilities, ...fields.weights];
  const indicators = indicatorViews(a, form, fieldErrors, stale);
  const own = variantFields(doc.variant?.overrides ?? {});
  const dirty = Object.entries(sent.values).some(([k, v]) => own[k] !== v);
  const changedFields = queryPairs(all, indicators, own);
  const variantTitle = doc.variant && variantOf !== null ? (doc.variant.title ?? id) : null;
  return {
    id,
    title: scenario.title,
    tabTitle:
      variantTitle === null ? scenario.title : `${variantTitle} (variant) · ${scenario.title}`,
    descriptionHtml: scenario.description === null ? null : renderMarkdown(scenario.description),
    file: doc.file,
    fields,
    indicators,
    changed: changedFields.length > 0,
    errors: general,
    stale,
    invalid: invalidFields(all, indicators),
    dirty,
    reset: {
      href: `/scenarios/${id}`,
      text:
        variantTitle === null
          ? "Reset to the file's values"
          : "Reset to the variant's saved values",
    },
    shownFor: doc.variant ? "the variant's saved values" : "the scenario file's values",
    results: resultsView(a),
    query: new URLSearchParams(changedFields).toString(),
    variant:
      doc.variant && variantOf !== null
        ? { title: doc.variant.title ?? id, baseId: variantOf }
        : null,
    comparison: fileComparison(a),
    robustness: robustnessView(stale ? null : a, robustness.ran, robust, robustness.errors),
    hidden: changedFields,
  };
}

export { readRobustness, ROBUSTNESS_FIELDS };

/** The document's own values analysed: what the page shows when the form's do not evaluate. */
function baseAnalysis(doc: ScenarioDocument & { ok: true }): Analysis {
  const base = analyse(doc, PAGE_REQUEST);
  if (!base.ok) throw new Error('a valid document has a base case');
  return base.value;
}

/** The fields and indicators whose values are wrong, for the banner. */
function invalidFields(all: FieldView[], indicators: IndicatorView[]): ScenarioPageView['invalid'] {
  return [
    ...all
      .filter((f) => f.error)
      .map((f) => ({ label: f.label, htmlId: f.htmlId, message: f.error! })),
    ...indicators
      .filter((i) => i.error)
      .map((i) => ({ label: i.label, htmlId: i.htmlId, message: i.error! })),
  ];
}
