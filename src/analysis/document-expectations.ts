import { effectiveOverrides, type ScenarioDocument } from '../document';
import type { Overrides } from '../engine';
import { checkExpectations, type ExpectationCheck } from '../engine/expectations';
import { diagnostic, type Diagnostic } from '../model/diagnostic';
import { locateInFiles } from '../load';
import { counterexampleJson, expectationMessage } from '../present/expectation-text';

/** One expectation of a document, checked, with where it is written and what to say of it. */
export interface ExpectationResult {
  readonly check: ExpectationCheck;
  readonly line: number | null;
  readonly column: number | null;
  readonly ok: boolean;
  readonly message: string;
  readonly counterexample: Record<string, number> | null;
}

/**
 * Checks a valid document's expectations against its base case (a variant's or assessment's
 * values included, and `extra` on top), each located at its entry in the scenario file.
 */
export function documentExpectations(
  doc: ScenarioDocument & { ok: true },
  extra: Overrides = {},
): ExpectationResult[] {
  return located(doc, checkExpectations(doc.scenario, effectiveOverrides(doc, extra)));
}

/**
 * The expectations of a valid document that fail, as diagnostics (`validate`): every one is
 * checked, and only those that fail are located (which reads the file's YAML again).
 */
export function expectationFailures(
  doc: ScenarioDocument & { ok: true },
  extra: Overrides = {},
): Diagnostic[] {
  const checks = checkExpectations(doc.scenario, effectiveOverrides(doc, extra));
  const failed = checks.filter((c) => !c.ok);
  return failed.length === 0 ? [] : located(doc, failed).map((r) => failedExpectation(doc, r));
}

/** Checked expectations (in file order), each with its place in the files and its message. */
function located(
  doc: ScenarioDocument & { ok: true },
  checks: readonly ExpectationCheck[],
): ExpectationResult[] {
  const places = locateInFiles(
    doc.text,
    doc.file,
    doc.texts,
    checks.map((c) => diagnostic('EXPECTATION_FAILED', '', c.expectation.at)),
  );
  // locateInFiles sorts by position; expectations are listed in file order, so the orders agree.
  return checks.map((check, i) => ({
    check,
    line: places[i]?.line ?? null,
    column: places[i]?.column ?? null,
    ok: check.ok,
    message: expectationMessage(check, doc.scenario),
    counterexample: counterexampleJson(check),
  }));
}

/** A failed expectation as a diagnostic, for `validate` and `check` to print like any problem. */
export function failedExpectation(doc: ScenarioDocument, r: ExpectationResult): Diagnostic {
  return {
    ...diagnostic('EXPECTATION_FAILED', `expectation failed: ${r.message}`, undefined),
    file: doc.file,
    line: r.line,
    column: r.column,
  };
}
