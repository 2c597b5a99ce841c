import { buildSync } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * SilverDecisions' own engine (sd-computations and sd-model, in bench/package.json), to compute in the
 * test the value each imported tree must reproduce. Both packages ship untranspiled ES modules
 * without a Node entry, so they are bundled with esbuild into one CommonJS file first, as
 * bench/silverdecisions.ts does (jest leaves a `.cjs` file untransformed).
 */

interface SdModule {
  ComputationsManager: new (
    config: { ruleName: string; jobRepositoryType: string },
    data: SdDataModel,
  ) => { recompute(allRules: boolean, evalCode: boolean): Promise<void>; isValid(): boolean };
  DataModel: new (data: unknown) => SdDataModel;
  ExpressionEngine: { toFloat(value: unknown): number };
}
interface SdNode {
  type: string;
  childEdges: { computedValue(rule: string, key: string): unknown; childNode: SdNode }[];
  computedValue(rule: string, key: string): unknown;
}
interface SdDataModel {
  getRoots(): SdNode[];
  validationResults: { isValid(): boolean }[];
  $codeError: unknown;
}

/** What SilverDecisions computes for one tree under one rule. */
export interface SdValue {
  valid: boolean;
  /** Single-payoff rules: the root's expected payoff; two-payoff rules: the combined payoff. */
  value: number;
  /** The root's expected payoffs (both for two-payoff rules, else the first only). */
  payoffs: number[];
  /**
   * Some decision has several optimal options. SilverDecisions then averages them (each gets
   * probability 1, divided by their count), branchpoint takes the first: the score is the same,
   * the payoffs of a two-payoff rule may not be.
   */
  ties: boolean;
}

export function loadSilverDecisions(): (file: unknown, tree: number) => Promise<SdValue> {
  const dir = mkdtempSync(join(tmpdir(), 'branchpoint-sd-test-'));
  let sd: SdModule;
  try {
    const outfile = join(dir, 'silverdecisions.cjs');
    buildSync({
      stdin: {
        contents: [
          "export { ComputationsManager } from 'sd-computations';",
          "export { DataModel } from 'sd-model';",
          "export { ExpressionEngine } from 'sd-expression-engine';",
        ].join('\n'),
        // The peers' own package (bench/package.json), which `npm test` installs on first use.
        resolveDir: join(__dirname, '..', '..', 'bench'),
        sourcefile: 'silverdecisions-entry.js',
      },
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      outfile,
      logLevel: 'silent',
    });
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a file built just now
    sd = require(outfile) as SdModule;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  return async (file: unknown, tree: number): Promise<SdValue> => {
    const f = file as { rule?: string; data: unknown };
    const rule = f.rule ?? 'expected-value-maximization';
    // A copy: SilverDecisions keeps references into what it is given.
    const data = new sd.DataModel(JSON.parse(JSON.stringify(f.data)));
    const manager = new sd.ComputationsManager(
      { ruleName: rule, jobRepositoryType: 'simple' },
      data,
    );
    await manager.recompute(false, true);
    const root = data.getRoots()[tree]!;
    const valid = data.validationResults[tree]!.isValid() && !data.$codeError;
    const toFloat = (v: unknown) => sd.ExpressionEngine.toFloat(v);
    const combined = root.computedValue(rule, 'combinedPayoff');
    const multi = combined !== undefined && combined !== null;
    const payoffs = multi
      ? (root.computedValue(rule, 'payoff') as unknown[]).map(toFloat)
      : [toFloat(root.computedValue(rule, 'payoff[0]'))];
    let ties = false;
    const walk = (n: SdNode): void => {
      if (
        n.type === 'decision' &&
        n.childEdges.filter((e) => toFloat(e.computedValue(rule, 'probability')) === 1).length > 1
      )
        ties = true;
      n.childEdges.forEach((e) => walk(e.childNode));
    };
    walk(root);
    return { valid, value: multi ? toFloat(combined) : payoffs[0]!, payoffs, ties };
  };
}
