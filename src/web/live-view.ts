import { analyse, type Analysis, type AnalysisRequest } from '../analysis/analyse';
import type { ScenarioDocument } from '../document';
import {
  treeChanges,
  treeNumbers,
  treeShown,
  type TreeNumbers,
  type TreeShown,
} from '../draw/tree-layout';
import type { Diagnostic, Result } from '../model/diagnostic';
import type { FieldState } from './field-view';
import { fieldStates, fieldViews } from './field-views';
import { fileComparison, type FileComparison } from './file-comparison';
import { inScenarioOrder, readForm, type FormInput } from './form-overrides';
import { htmlId } from './html-id';
import { indicatorViews, type IndicatorView } from './indicator-views';
import { KeyedCache } from './evaluation-cache';
import { pageNumbers, type PageNumbers } from './page-numbers';
import { placeProblems } from './place-problems';
import { queryPairs } from './query-pairs';
import {
  expectationsPart,
  optionsPart,
  outcomesPart,
  sensitivityPart,
  verdictPart,
  watchList,
  type ResultsView,
} from './scenario-results';
import { treeChangesJson } from './tree-changes-json';
import { variantFields } from './variant-form-values';

/**
 * The live scenario page (`POST /api/scenarios/:id/explore`), in two answers so that a change
 * shows at once:
 *
 * - the fast answer: one rollback under the values sent (`analyse` asked for nothing more), and
 *   of what it shows only what differs from what the page shows now (`shown`, the query of its
 *   last answer): the result parts whose content changed, the tree nodes whose numbers did, the
 *   fields and indicators that are changed or wrong;
 * - the robustness answer (`?part=robustness`): what needs many rollbacks (break-evens and the
 *   tipping point, expectations, indicators), which the page asks for right after and shows as
 *   being worked out meanwhile.
 *
 * Both carry the locals of the partials in views/partials that the page's script renders with
 * the same templates, compiled for it (src/web/live-templates.ts). Both are cached by
 * (document version, values).
 */

/** The parts of the results a rollback decides, and those that need the robustness answer. */
export const FAST_PARTS = ['verdict', 'options', 'outcomes', 'comparison'] as const;
export const ROBUST_PARTS = ['verdict', 'watch', 'expectations', 'sensitivity'] as const;
export type PartName = (typeof FAST_PARTS)[number] | (typeof ROBUST_PARTS)[number];

/** The locals of one part's partial (views/partials/verdict and results-<part>). */
export interface PartLocals {
  results: Partial<ResultsView>;
  comparison: FileComparison | null;
  /** On the verdict: the tipping point is being worked out (the robustness answer brings it). */
  pending?: boolean;
}

/** A field's state: only fields that are changed or wrong are sent; the others are neither. */
export interface LiveField {
  name: string;
  value: string;
  changed: boolean;
  error: string | null;
  phrase: string | null;
}

export interface LiveIndicator {
  id: string;
  name: string;
  state: 'unknown' | 'seen' | 'not';
  error: string | null;
}

export interface FastAnswer {
  part: 'fast';
  /** The query of the changed fields: the page's address, and its `shown` next time. */
  query: string;
  /** The values sent do not evaluate: nothing of the results is sent, the page keeps its own. */
  stale: boolean;
  changed: boolean;
  dirty: boolean;
  invalid: { label: string; htmlId: string; message: string }[];
  messages: string[];
  fields: LiveField[];
  indicators: LiveIndicator[];
  /** The parts whose content differs from what `shown` showed; all of them when it is unknown. */
  parts: Partial<Record<PartName, PartLocals>>;
  /** The tree's nodes whose numbers differ from what `shown` showed, by path. */
  tree: Record<string, Partial<TreeNumbers>>;
  /** The rollback's numbers, unformatted; null when stale. */
  numbers: Pick<PageNumbers, 'choice' | 'score' | 'options'> | null;
}

export interface RobustnessAnswer {
  part: 'robustness';
  query: string;
  stale: boolean;
  /** Every robustness part: they are for these values, and the page marked its own outdated. */
  parts: Partial<Record<PartName, PartLocals>>;
  /** Every field with a break-even hint; the others have none. */
  breakEvens: { name: string; text: string }[];
  indicators: { id: string; watch: boolean; sentences: string[] }[];
  numbers: PageNumbers | null;
}

/** What the fast answer asks of the analysis: the rollback and what it changes, no more. */
const FAST_REQUEST: AnalysisRequest = {};
/** What the robustness answer asks: everything the page shows (as the page itself does). */
const ROBUST_REQUEST: AnalysisRequest = { sensitivity: true, expectations: true, indicators: true };

/**
 * One rollback as the page shows it: why its values do not evaluate (none when they do), its
 * parts as JSON text and its tree's numbers, to compare with and to send. Not its analysis: a
 * page's next change is compared with it, and hundreds of analyses kept alive cost the garbage
 * collector more than the comparison itself.
 */
interface FastState {
  errors: Diagnostic[];
  texts: Record<string, string>;
  /** Null when stale. */
  tree: TreeShown | null;
  numbers: FastAnswer['numbers'];
}

/** A document's own analysis, and the JSON of its tree's paths as answers have written them. */
interface Own {
  analysis: Analysis;
  paths: Map<string, string>;
}

/**
 * Fast answers: about 12 kB each on the largest shipped scenario. Each is for the values sent
 * and what the page showed before, so few come again: a page sent twice, a second tab.
 */
const FAST_ANSWERS = { entries: 64, chars: 4 * 1024 * 1024 };
/** Robustness answers, by the values alone: any page that comes back to them. */
const ROBUST_ANSWERS = { entries: 2_000, chars: 32 * 1024 * 1024 };
/** Rollbacks, compact: enough for what the pages open at once show. */
const ROLLBACKS = { entries: 256, chars: 256 };
/** The documents' own analyses, which every answer compares the fields with. */
const OWN = { entries: 64, chars: 64 };

/** The live page's answers and the rollbacks behind them, by (scenario, document, values). */
export class LiveViews {
  /** Fast answer bodies, by the values sent and `shown`. */
  private readonly fastAnswers = new KeyedCache<string>(FAST_ANSWERS, (body) => body.length);
  /** Robustness answer bodies, by the values sent. */
  private readonly robustAnswers = new KeyedCache<string>(ROBUST_ANSWERS, (body) => body.length);
  /** Rollbacks, by overrides: the values shown last time are usually here already. */
  private readonly rollbacks = new KeyedCache<FastState>(ROLLBACKS, () => 1);
  /** Each document's own analysis, by scenario. */
  private readonly owns = new KeyedCache<Own>(OWN, () => 1);

  /** The fast answer, as JSON text. */
  fast(
    id: string,
    doc: ScenarioDocument & { ok: true },
    fields: Record<string, unknown>,
    shown: string | null,
  ): string {
    const sent = readForm(fields);
    // `shown` is the query of an earlier answer, whose rollback is kept under it.
    const key = `fast\n${valuesKey(sent)}\n${shown ?? '-'}`;
    return this.fastAnswers.get(id, doc, key, () => {
      // The parts' JSON is kept with their rollback (to compare with): spliced in as it is; the
      // tree's changes are written with their paths' JSON kept per document.
      const { parts, tree, ...rest } = this.fastAnswer(id, doc, sent, shown);
      const texts = Object.entries(parts).map(([name, text]) => `${JSON.stringify(name)}:${text}`);
      const paths = this.own(id, doc).paths;
      return `${JSON.stringify(rest).slice(0, -1)},"tree":${treeChangesJson(tree, paths)},"parts":{${texts.join(',')}}}`;
    });
  }

  /** The robustness answer, as JSON text. */
  robustness(
    id: string,
    doc: ScenarioDocument & { ok: true },
    fields: Record<string, unknown>,
  ): string {
    const form = withVariant(doc, readForm(fields));
    if (Object.keys(form.errors).length > 0)
      return JSON.stringify({ ...STALE_ROBUSTNESS, query: '' });
    const { query } = changedQuery(doc, this.own(id, doc).analysis, form);
    return this.robustAnswers.get(id, doc, query, () =>
      JSON.stringify(this.robustnessAnswer(doc, form, query)),
    );
  }

  /** The fast answer, its parts as JSON text. */
  private fastAnswer(
    id: string,
    doc: ScenarioDocument & { ok: true },
    sent: FormInput,
    shown: string | null,
  ): Omit<FastAnswer, 'parts'> & { parts: Record<string, string> } {
    const form = withVariant(doc, sent);
    // The fields, and which differ from the file, against the document's own values: the
    // rollback is then of the changed values only, kept by their query, which is what the page
    // sends as `shown` next time.
    const own = this.own(id, doc).analysis;
    const { query, pairs, states, indicators: answered } = changedQuery(doc, own, form);
    const next = Object.keys(form.errors).length > 0 ? null : this.rollback(id, doc, query);
    const stale = !next?.tree;
    const { fieldErrors, general } = placeProblems(doc, own, form, next?.errors ?? []);
    const all = next?.errors.length ? fieldStates(own, form, fieldErrors) : states;
    const indicators =
      Object.keys(fieldErrors).length > 0 ? indicatorViews(own, form, fieldErrors, true) : answered;
    const before = stale || shown === null ? null : this.rollback(id, doc, shown);
    const base = before?.tree ? before : null;
    const parts: Record<string, string> = {};
    if (next?.tree)
      for (const name of FAST_PARTS)
        if (!base || base.texts[name] !== next.texts[name]) parts[name] = next.texts[name]!;
    const variant = variantFields(doc.variant?.overrides ?? {});
    return {
      part: 'fast',
      query,
      stale,
      changed: pairs.length > 0,
      dirty: Object.entries(sent.values).some(([k, v]) => variant[k] !== v),
      invalid: [
        ...all
          .filter((f) => f.error)
          .map((f) => ({ label: f.label, htmlId: htmlId(f.name), message: f.error! })),
        ...indicators
          .filter((i) => i.error)
          .map((i) => ({ label: i.label, htmlId: i.htmlId, message: i.error! })),
      ],
      messages: general,
      fields: all
        .filter((f) => f.changed || f.error)
        .map((f) => ({
          name: f.name,
          value: f.value,
          changed: f.changed,
          error: f.error,
          phrase: f.phrase,
        })),
      indicators: indicators
        .filter((i) => i.state !== 'unknown' || i.error)
        .map((i) => ({ id: i.id, name: i.name, state: i.state, error: i.error })),
      parts,
      tree: !next?.tree
        ? {}
        : base?.tree
          ? treeChanges(own.tree, next.tree, base.tree, own.scenario)
          : treeNumbers(own.tree, next.tree, own.scenario),
      numbers: next?.numbers ?? null,
    };
  }

  /** The robustness answer, for the values of `query`. */
  private robustnessAnswer(
    doc: ScenarioDocument & { ok: true },
    form: FormInput,
    query: string,
  ): RobustnessAnswer {
    const r = analyse(doc, {
      ...ROBUST_REQUEST,
      overrides: inScenarioOrder(readForm(fieldsOf(query)).overrides, doc.scenario),
    });
    if (!r.ok)
      return {
        part: 'robustness',
        query,
        stale: true,
        parts: {},
        breakEvens: [],
        indicators: [],
        numbers: null,
      };
    const a = r.value;
    const fields = fieldViews(a, form, {}, false);
    const all = [...fields.parameters, ...fields.probabilities, ...fields.weights];
    return {
      part: 'robustness',
      query,
      stale: false,
      parts: {
        verdict: { results: verdictPart(a), comparison: null },
        watch: { results: { watch: watchList(a) }, comparison: null },
        expectations: { results: expectationsPart(a), comparison: null },
        sensitivity: { results: sensitivityPart(a), comparison: null },
      },
      breakEvens: all.flatMap((f) => (f.breakEven ? [{ name: f.name, text: f.breakEven }] : [])),
      indicators: indicatorViews(a, form, {}, false).map((i) => ({
        id: i.id,
        watch: i.watch,
        sentences: i.sentences,
      })),
      numbers: pageNumbers(a),
    };
  }

  /** The document's own analysis, with no values changed: what the fields are compared with. */
  private own(id: string, doc: ScenarioDocument & { ok: true }): Own {
    return this.owns.get(id, doc, '', () => {
      const r = analyseQuery(doc, '');
      if (!r.ok) throw new Error('a valid document has a base case');
      return { analysis: r.value, paths: new Map() };
    });
  }

  /** One rollback under the values of `query` (changed fields only), kept by it. */
  private rollback(id: string, doc: ScenarioDocument & { ok: true }, query: string): FastState {
    return this.rollbacks.get(id, doc, query, () => {
      const r = analyseQuery(doc, query);
      if (!r.ok) return { errors: r.errors, texts: {}, tree: null, numbers: null };
      const a = r.value;
      const parts: Record<(typeof FAST_PARTS)[number], PartLocals> = {
        verdict: { results: verdictPart(a), comparison: null, pending: true },
        options: { results: optionsPart(a), comparison: null },
        outcomes: { results: outcomesPart(a), comparison: null },
        comparison: { results: {}, comparison: fileComparison(a) },
      };
      const texts = Object.fromEntries(
        Object.entries(parts).map(([k, v]) => [k, JSON.stringify(v)]),
      );
      return {
        errors: [],
        texts,
        tree: treeShown(a.tree),
        numbers: {
          choice: a.evaluation.choice,
          score: a.evaluation.score,
          options: a.evaluation.options.map((o) => ({ id: o.id, score: o.score })),
        },
      };
    });
  }
}

/** The fast answer's analysis (one rollback) under the values of `query`. */
function analyseQuery(doc: ScenarioDocument & { ok: true }, query: string): Result<Analysis> {
  const overrides = inScenarioOrder(readForm(fieldsOf(query)).overrides, doc.scenario);
  return analyse(doc, { ...FAST_REQUEST, overrides });
}

/**
 * The changed fields and the answered indicators, and their query (the page's address). The
 * indicators are as they stand before any field's problem is placed.
 */
function changedQuery(
  doc: ScenarioDocument & { ok: true },
  own: Analysis,
  form: FormInput,
): {
  query: string;
  pairs: [string, string][];
  states: FieldState[];
  indicators: IndicatorView[];
} {
  const states = fieldStates(own, form, form.errors);
  const indicators = indicatorViews(own, form, {}, true);
  const pairs = queryPairs(states, indicators, variantFields(doc.variant?.overrides ?? {}));
  return { query: new URLSearchParams(pairs).toString(), pairs, states, indicators };
}

const STALE_ROBUSTNESS: RobustnessAnswer = {
  part: 'robustness',
  query: '',
  stale: true,
  parts: {},
  breakEvens: [],
  indicators: [],
  numbers: null,
};

/** A variant's values fill the form as changes to the scenario file; what was sent goes on top. */
function withVariant(doc: ScenarioDocument & { ok: true }, sent: FormInput): FormInput {
  return { ...sent, values: { ...variantFields(doc.variant?.overrides ?? {}), ...sent.values } };
}

/** The values of a form as text that is the same for the same values (fields sorted). */
function valuesKey(form: FormInput): string {
  return JSON.stringify(Object.entries(form.values).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** A query string's fields, the last of each name. */
function fieldsOf(query: string): Record<string, string> {
  const out: Record<string, string> = {};
  new URLSearchParams(query).forEach((v, k) => (out[k] = v));
  return out;
}
