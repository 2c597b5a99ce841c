import { effectiveOverrides, type ScenarioDocument } from '../document';
import {
  evaluateTree,
  sensitivity,
  simulate,
  type Evaluation,
  type NodeResult,
  type Overrides,
  type Sensitivity,
  type Simulation,
} from '../engine';
import { analyseIndicators, type IndicatorsAnalysis } from '../engine/indicators';
import type { Diagnostic, Result } from '../model/diagnostic';
import type { Scenario } from '../model/types';
import { locateInFiles } from '../load';
import { bottomLine, type BottomLine } from '../present/bottom-line';
import { documentExpectations, type ExpectationResult } from './document-expectations';

/** What a view asks to be analysed, beyond the base evaluation. */
export interface AnalysisRequest {
  /** Changes on top of the document's own (a variant's): --set, --weight, --observe, the form. */
  readonly overrides?: Overrides;
  /** One-way sensitivity with break-evens (the bottom line's tipping point needs it). */
  readonly sensitivity?: boolean;
  readonly simulation?: { readonly iterations: number; readonly seed: number } | null;
  readonly expectations?: boolean;
  readonly indicators?: boolean;
}

/**
 * Everything a front end shows about one document and one set of overrides, computed once:
 * the evaluation and its tree, and on request sensitivity, simulation, expectations and
 * indicators, with the bottom line drawn from them. The CLI, the reports and the web page are
 * views of this one object, so they cannot disagree.
 */
export interface Analysis {
  readonly scenario: Scenario;
  readonly overrides: Overrides;
  readonly evaluation: Evaluation;
  readonly tree: NodeResult;
  readonly sensitivity: Sensitivity | null;
  readonly simulation: Simulation | null;
  readonly expectations: readonly ExpectationResult[] | null;
  readonly indicators: IndicatorsAnalysis | null;
  readonly bottomLine: BottomLine;
}

/** Analyses a valid document; problems (of overrides, say) are located in its files. */
export function analyse(doc: ScenarioDocument, request: AnalysisRequest = {}): Result<Analysis> {
  if (!doc.ok) return { ok: false, errors: doc.errors };
  const overrides = effectiveOverrides(doc, request.overrides);
  const fail = (errors: Diagnostic[]): Result<Analysis> => ({
    ok: false,
    errors: locateInFiles(doc.text, doc.file, doc.texts, errors),
  });
  const scenario = doc.scenario;
  const evaluated = evaluateTree(scenario, overrides);
  if (!evaluated.ok) return fail(evaluated.errors);
  let s: Sensitivity | null = null;
  if (request.sensitivity) {
    const r = sensitivity(scenario, overrides);
    if (!r.ok) return fail(r.errors);
    s = r.value;
  }
  let sim: Simulation | null = null;
  if (request.simulation) {
    const r = simulate(scenario, request.simulation, overrides);
    if (!r.ok) return fail(r.errors);
    sim = r.value;
  }
  let indicators: IndicatorsAnalysis | null = null;
  if (request.indicators) {
    const r = analyseIndicators(scenario, overrides);
    if (!r.ok) return fail(r.errors);
    indicators = r.value;
  }
  const { evaluation, tree } = evaluated.value;
  return {
    ok: true,
    value: {
      scenario,
      overrides,
      evaluation,
      tree,
      sensitivity: s,
      simulation: sim,
      expectations: request.expectations ? documentExpectations(doc, request.overrides) : null,
      indicators,
      bottomLine: bottomLine(evaluation, s, sim),
    },
  };
}
