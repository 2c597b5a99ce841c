/**
 * What `importSilverDecisions` reports: data with a JSON path into the SilverDecisions file, never
 * an exception. A JSON file has no line numbers worth showing (exports are one long line), so the
 * path is the position: `data.trees[0].childEdges[2].childNode`, which `jq` and any JSON viewer
 * can follow.
 */

/** The closed set of import problems. Tests match on these, not on message text. */
export type ImportCode =
  | 'NOT_SILVERDECISIONS'
  | 'TREE_OUT_OF_RANGE'
  | 'SEVERAL_TREES'
  | 'UNKNOWN_RULE'
  | 'RULE_NOT_WEIGHTED'
  | 'BAD_WEIGHT'
  | 'UNKNOWN_NODE_TYPE'
  | 'NODE_CYCLE'
  | 'NO_CHILDREN'
  | 'TERMINAL_WITH_CHILDREN'
  | 'BAD_PROBABILITY'
  | 'BAD_PAYOFF'
  | 'UNSUPPORTED_EXPRESSION'
  | 'UNSUPPORTED_CODE'
  | 'NAME_DEFINED_TWICE'
  | 'FUNCTION_CYCLE';

export interface ImportIssue {
  readonly code: ImportCode;
  /** Errors stop the import; warnings accompany a scenario that was produced. */
  readonly severity: 'error' | 'warning';
  /** JSON path from the top of the file (`data.trees[0].childEdges[1].payoff[0]`); '' for the whole file. */
  readonly path: string;
  readonly message: string;
}

export function importError(code: ImportCode, path: string, message: string): ImportIssue {
  return { code, severity: 'error', path, message };
}

export function importWarning(code: ImportCode, path: string, message: string): ImportIssue {
  return { code, severity: 'warning', path, message };
}

/** `FILE: PATH: message`, with `warning: ` before the message of a warning. */
export function formatImportIssue(file: string, issue: ImportIssue): string {
  const where = issue.path === '' ? `${file}:` : `${file}: ${issue.path}:`;
  return `${where} ${issue.severity === 'warning' ? 'warning: ' : ''}${issue.message}`;
}
