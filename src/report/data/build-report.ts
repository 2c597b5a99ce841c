import { basename } from 'node:path';
import { analyse, type Analysis } from '../../analysis/analyse';
import { treeScore } from '../../draw/tree-score';
import type { ScenarioDocument } from '../../document';
import type { Overrides } from '../../engine';
import type { Result } from '../../model/diagnostic';
import type { ReportChanges, ReportData, ReportExpectation, ReportOptions } from '../report-data';
import { layoutTree } from '../../draw/tree-layout';
import { renderTreeSvg } from '../../draw/tree-svg';
import { isoDate } from './iso-date';
import { reportCriteria } from './report-criteria';
import { reportIndicators } from './report-indicators';
import { reportOptions, reportRecommendation } from './report-options';
import { reportPanel } from './report-panel';
import { reportParameters } from './report-parameters';
import { reportPolicy } from './report-policy';
import { reportProbabilities } from './report-probabilities';
import { reportSensitivity } from './report-sensitivity';
import { reportSimulation } from './report-simulation';
import { reportSources } from './report-sources';
import { reportTree } from './report-tree';
import { sha256 } from './sha256';

/**
 * Gathers everything a report shows for `doc` with `overrides` (on top of a variant's own): the
 * evaluation, its tree, sensitivity (with the overridden values as the base case), optionally a
 * simulation, the assumptions, and what differs from the scenario file's own values. Problems
 * point into the document's text.
 */
export function buildReport(
  doc: ScenarioDocument,
  overrides: Overrides = {},
  settings: ReportOptions = {},
): Result<ReportData> {
  const analysed = analyse(doc, {
    overrides,
    sensitivity: true,
    simulation: settings.simulate ?? null,
    expectations: true,
    indicators: true,
    panel: settings.panel ?? null,
  });
  if (!analysed.ok) return analysed;
  if (!doc.ok) return { ok: false, errors: doc.errors };
  return { ok: true, value: reportFrom(doc, analysed.value, settings) };
}

/**
 * The report of an analysis already made (the web page's export and the CLI share the one
 * `analyse`): plain data, laid out by the renderers. Pure: files (assessments) are read by the
 * caller and come in with the analysis. Throws when the analysis lacks the sensitivity analysis:
 * that is a caller's mistake.
 */
export function reportFrom(
  doc: ScenarioDocument & { ok: true },
  a: Analysis,
  settings: Pick<ReportOptions, 'date' | 'panel'> = {},
): ReportData {
  const { scenario, variant } = doc;
  const { evaluation: e, tree, sensitivity: s } = a;
  if (!s) throw new Error('a report needs the sensitivity analysis');
  const options = reportOptions(e);
  const sensitivity = reportSensitivity(s);
  return {
    title: scenario.title,
    description: scenario.description,
    generated: isoDate(settings.date ?? new Date()),
    file: { name: basename(doc.file), sha256: sha256(doc.text) },
    variant: variant
      ? {
          name: basename(variant.file),
          sha256: sha256(variant.text),
          title: variant.title,
          description: variant.description,
        }
      : null,
    changes: reportChanges(a),
    recommendation: reportRecommendation(options),
    score: e.score,
    expected: e.expected,
    bottom_line: a.bottomLine,
    statements: sensitivity.entries.filter((x) => x.statement !== '').map((x) => x.statement),
    policy: reportPolicy(e.policy, tree),
    criteria: reportCriteria(scenario, e),
    options,
    tree: reportTree(tree),
    outcomes: a.outcomes.map((o) => ({ ...o, trail: [...o.trail] })),
    sensitivity,
    simulation: a.simulation && reportSimulation(a.simulation),
    expectations: (a.expectations ?? []).map((x): ReportExpectation => ({
      line: x.line,
      ok: x.ok,
      message: x.message,
      counterexample: x.counterexample,
    })),
    indicators: reportIndicators(a),
    panel: reportPanel(a, settings.panel?.problems ?? []),
    parameters: reportParameters(a),
    probabilities: reportProbabilities(a.literals),
    sources: reportSources(scenario.sources),
    tree_svg: renderTreeSvg(layoutTree(tree, treeScore(tree), scenario), { standalone: true }),
  };
}

/** Copies of the analysis's changes, so a report is plain data of its own. */
function reportChanges(a: Analysis): ReportChanges {
  const c = a.changes;
  return {
    parameters: c.parameters.map((p) => ({ ...p })),
    weights: c.weights.map((w) => ({ ...w })),
    probabilities: c.probabilities.map((p) => ({ ...p })),
    observations: c.observations.map((o) => ({ ...o })),
    knock_on: c.knock_on.map((k) => ({ ...k })),
  };
}
