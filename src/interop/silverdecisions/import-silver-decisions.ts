import { compileExpression, FUNCTION_NAMES } from '../../expr/compile-expression';
import { PARAMETER_NAME_PATTERN } from '../../model/schema';
import { assignIds, rootId } from './assign-ids';
import { readCode, type Definitions, type FunctionDefinition } from './code-definitions';
import { convertNode, oneLine, type ExpressionSite, type TreeContext } from './convert-tree';
import { importError, importWarning, type ImportIssue } from './import-issue';
import { inlineFunctions } from './inline-functions';
import { objectiveOf, type Objective } from './objective-of';
import { isRecord, type JsonRecord } from './sd-json';
import { splitComplements } from './split-complements';
import { scenarioYaml } from './scenario-yaml';

export interface ImportOptions {
  /** Which of the file's trees (0-based, as in `data.trees[N]`); the first when absent. */
  readonly tree?: number;
  /** Title when the file has none: the file's name, say. */
  readonly fallbackTitle?: string;
  /** Named in the header comment of the YAML. */
  readonly source?: string;
}

export type ImportResult =
  | {
      readonly ok: true;
      /** The scenario, as YAML text. */
      readonly yaml: string;
      readonly warnings: ImportIssue[];
      /** The tree imported, and how many the file has. */
      readonly tree: number;
      readonly trees: number;
      /** The objective rule read, and how it maps to criteria. */
      readonly objective: Objective;
    }
  | { readonly ok: false; readonly errors: ImportIssue[]; readonly warnings: ImportIssue[] };

/**
 * A SilverDecisions file (its parsed JSON) -> a branchpoint scenario in YAML that evaluates to the
 * same expected value under the file's objective rule (FORMAT.md section 12). Pure: no I/O.
 *
 * - Each SilverDecisions edge and the node it leads to become one node of ours: the edge's name is
 *   the label (the node's name when the edge has none; `Option 2`, `Branch 3` when neither has),
 *   the edge's payoffs the node's payoff, its probability the node's probability. Payoffs add up
 *   along a path in both tools, so nothing is moved.
 * - Variables of the global code, and of node code, become parameters; functions defined in code
 *   are inlined where they are called; every expression is kept as an expression.
 * - The rule becomes criteria (see `objectiveOf`).
 *
 * Every problem is reported with its JSON path, all of them at once; any error means no YAML.
 */
export function importSilverDecisions(json: unknown, options: ImportOptions = {}): ImportResult {
  const issues: ImportIssue[] = [];
  const done = (): ImportResult => ({
    ok: false,
    errors: issues.filter((i) => i.severity === 'error'),
    warnings: issues.filter((i) => i.severity === 'warning'),
  });

  // The app saves `{ "SilverDecisions": version, "rule", ..., "data": {...} }`; the bare `data`
  // object (as sd-model serialises it) is accepted too.
  let file: JsonRecord;
  let data: JsonRecord;
  let dataPath: string;
  if (isRecord(json) && isRecord(json.data) && Array.isArray(json.data.trees)) {
    [file, data, dataPath] = [json, json.data, 'data'];
  } else if (isRecord(json) && Array.isArray(json.trees)) {
    [file, data, dataPath] = [json, json, ''];
  } else {
    issues.push(
      importError(
        'NOT_SILVERDECISIONS',
        '',
        'not a SilverDecisions file: expected a JSON object with data.trees (a list of trees)',
      ),
    );
    return done();
  }
  const at = (key: string) => (dataPath === '' ? key : `${dataPath}.${key}`);
  const trees = data.trees as unknown[];
  const index = options.tree ?? 0;
  if (trees.length === 0 || !Number.isInteger(index) || index < 0 || index >= trees.length) {
    issues.push(
      importError(
        'TREE_OUT_OF_RANGE',
        at('trees'),
        trees.length === 0
          ? 'the file has no tree'
          : `there is no tree ${index}: the file has ${trees.length} (0 to ${trees.length - 1})`,
      ),
    );
    return done();
  }
  if (options.tree === undefined && trees.length > 1)
    issues.push(
      importWarning(
        'SEVERAL_TREES',
        at('trees'),
        `the file has ${trees.length} trees; imported ${at('trees')}[0] (choose another with --tree N, 0 to ${trees.length - 1})`,
      ),
    );

  const objective = objectiveOf(file, data, dataPath, issues);
  const definitions: Definitions = { variables: [], functions: [], unreadable: false };
  if (typeof data.code === 'string') readCode(data.code, at('code'), definitions, issues);

  const treePath = `${at('trees')}[${index}]`;
  const ctx: TreeContext = { issues, definitions, sites: [], ancestors: new Set() };
  const rawRoot = trees[index];
  const title =
    oneLine(file.title) ||
    options.fallbackTitle ||
    (isRecord(rawRoot) ? oneLine(rawRoot.name) : '') ||
    'Imported SilverDecisions tree';
  const root = convertNode(rawRoot, treePath, null, ctx);
  const functions = checkNames(definitions, issues);
  vetExpressions(ctx.sites, definitions, functions, issues);
  if (!root || !objective || issues.some((i) => i.severity === 'error')) return done();

  if (root.label === '') root.label = trees.length > 1 ? `Tree ${index + 1}` : title;
  rootId(root);
  assignIds(root);
  splitComplements(root);
  const version = typeof file.SilverDecisions === 'string' ? ` ${file.SilverDecisions}` : '';
  const yaml = scenarioYaml({
    title: trees.length > 1 ? `${title} (tree ${index})` : title,
    description: descriptionOf(file, data, objective.rule, version, index),
    header: `Imported from SilverDecisions${version}${options.source ? ` file ${options.source}` : ''}, ${treePath}, rule ${objective.rule}, by branchpoint import.`,
    payoffNames: Array.isArray(data.payoffNames) ? data.payoffNames : [],
    objective,
    parameters: definitions.variables,
    root,
  });
  return {
    ok: true,
    yaml,
    warnings: issues.filter((i) => i.severity === 'warning'),
    tree: index,
    trees: trees.length,
    objective,
  };
}

/**
 * A name defined twice cannot be one parameter: SilverDecisions' node code may redefine a
 * variable for a subtree, which a global parameter cannot say. Names must also suit branchpoint.
 * Returns the functions by name.
 */
function checkNames(d: Definitions, issues: ImportIssue[]): Map<string, FunctionDefinition> {
  const where = new Map<string, string>();
  const functions = new Map<string, FunctionDefinition>();
  const defined = [
    ...d.variables.map((v) => ({ name: v.name, path: v.path, f: null })),
    ...d.functions.map((f) => ({ name: f.name, path: f.path, f })),
  ];
  for (const { name, path, f } of defined) {
    const first = where.get(name);
    if (first !== undefined)
      issues.push(
        importError(
          'NAME_DEFINED_TWICE',
          path,
          `'${name}' is defined again (first in ${first}); branchpoint parameters have one value for the whole tree, so rename one of them`,
        ),
      );
    else where.set(name, path);
    if (!PARAMETER_NAME_PATTERN.test(name) || FUNCTION_NAMES.has(name))
      issues.push(
        importError(
          'UNSUPPORTED_CODE',
          path,
          `'${name}' cannot be a parameter name in branchpoint (${FUNCTION_NAMES.has(name) ? 'it names a function' : 'letters, digits and _ only'})`,
        ),
      );
    if (f) functions.set(name, f);
  }
  return functions;
}

/** Inlines the functions defined in code, then checks each expression as the loader will. */
function vetExpressions(
  sites: ExpressionSite[],
  d: Definitions,
  functions: ReadonlyMap<string, FunctionDefinition>,
  issues: ImportIssue[],
): void {
  const names = new Map(d.variables.map((v, i) => [v.name, i]));
  const all: ExpressionSite[] = [
    ...d.variables.flatMap((v, i): ExpressionSite[] =>
      typeof v.value === 'string'
        ? [
            {
              path: v.path,
              text: v.value,
              replace: (text) => (d.variables[i] = { ...v, value: text }),
            },
          ]
        : [],
    ),
    ...sites,
  ];
  for (const site of all) {
    const inlined = inlineFunctions(site.text, functions);
    if (!inlined.ok) {
      issues.push(importError('FUNCTION_CYCLE', site.path, inlined.message));
      continue;
    }
    if (inlined.text !== site.text) site.replace(inlined.text);
    const compiled = compileExpression(inlined.text, names);
    if (compiled.ok) continue;
    const seen = new Set<string>();
    for (const problem of compiled.problems) {
      // A name the unparsable code may define would only repeat that error; once per expression.
      if ((problem.code === 'UNKNOWN_NAME' && d.unreadable) || seen.has(problem.message)) continue;
      seen.add(problem.message);
      issues.push(
        importError(
          'UNSUPPORTED_EXPRESSION',
          site.path,
          problem.code === 'EXPRESSION_FORBIDDEN'
            ? `${problem.message} (branchpoint expressions allow numbers, + - * / ^ %, comparisons, and or not, a ? b : c, and the functions ${[...FUNCTION_NAMES].join(' ')})`
            : problem.message,
        ),
      );
    }
  }
}

function descriptionOf(
  file: JsonRecord,
  data: JsonRecord,
  rule: string,
  version: string,
  index: number,
): string {
  const parts: string[] = [];
  if (typeof file.description === 'string' && file.description.trim() !== '')
    parts.push(file.description.trim());
  // Free text boxes of the diagram: the only place some authors explain their numbers.
  if (Array.isArray(data.texts))
    for (const t of data.texts)
      if (isRecord(t) && typeof t.value === 'string' && t.value.trim() !== '')
        parts.push(t.value.trim());
  parts.push(
    `Imported from SilverDecisions${version} (tree ${index}, objective rule ${rule}) by branchpoint import.`,
  );
  return parts.join('\n\n');
}
