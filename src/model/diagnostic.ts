/**
 * Every problem branchpoint reports is a `Diagnostic`: data, not an exception.
 * Stages collect them and carry on, so an analyst sees every mistake in a file at once.
 */

/** The closed set of problem kinds. Tests and tools match on these, not on message text. */
export type ErrorCode =
  | 'FILE_UNREADABLE'
  | 'YAML_SYNTAX'
  | 'FILE_TOO_LARGE'
  | 'TOO_MANY_NODES'
  | 'TOO_DEEP'
  | 'TOO_MANY_ALIASES'
  | 'NOT_A_MAPPING'
  | 'UNKNOWN_KEY'
  | 'MISSING_KEY'
  | 'WRONG_TYPE'
  | 'BAD_VALUE'
  | 'BAD_ID'
  | 'DUPLICATE_ID'
  | 'EMPTY_SLUG'
  | 'UNKNOWN_SOURCE'
  | 'UNKNOWN_CRITERION'
  | 'PAYOFF_NEEDS_MAPPING'
  | 'MISPLACED_KEY'
  | 'UNKNOWN_SUBTREE'
  | 'SUBTREE_CYCLE'
  | 'MULTIPLE_COMPLEMENTS'
  | 'EXPRESSION_SYNTAX'
  | 'EXPRESSION_FORBIDDEN'
  | 'UNKNOWN_NAME'
  | 'PARAMETER_CYCLE'
  | 'NOT_FINITE'
  | 'PROBABILITY_RANGE'
  | 'PROBABILITY_SUM'
  | 'RANGE_EXCLUDES_VALUE'
  | 'BAD_DISTRIBUTION'
  | 'ZERO_TOTAL_WEIGHT'
  | 'UNKNOWN_PHRASE'
  | 'IMPORT_CYCLE'
  | 'IMPORT_OUTSIDE'
  | 'NOT_A_LIBRARY'
  | 'UNKNOWN_INDICATOR'
  | 'NOT_A_PROBABILITY'
  | 'EXPECTATION_FAILED'
  | 'UNKNOWN_PARAMETER'
  | 'BAD_OVERRIDE'
  | 'BAD_REQUEST'
  | 'NOT_FOUND'
  | 'INTERNAL_ERROR'
  | 'CONFLICT'
  | 'PRECONDITION_REQUIRED'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'RATE_LIMITED';

/**
 * Where a problem sits in the YAML document: the chain of mapping keys and sequence indices
 * from the document root (`['root', 'options', 0, 'payoff']`).
 * Kept as a linked list so that every node of a 100k-node tree can hold one for free;
 * it becomes a line and column only when a problem is actually reported.
 */
export class SourcePath {
  private constructor(
    readonly up: SourcePath | undefined,
    readonly key: string | number | undefined,
    // A second key saves an object per step in the common two-key case (`options`, 3).
    readonly key2: string | number | undefined,
  ) {}

  /** The root of the document being loaded. */
  static readonly root: SourcePath = new SourcePath(undefined, undefined, undefined);

  /**
   * The root of another file's document (an imported library): paths below it are located in
   * that file's text. Only roots carry a file, so a path costs nothing more per node.
   */
  static rootOf(file: string): SourcePath {
    const root = new SourcePath(undefined, undefined, undefined);
    ROOT_FILES.set(root, file);
    return root;
  }

  /** The file this path lies in, when it is not the document being loaded. */
  file(): string | undefined {
    return this.up ? this.up.file() : ROOT_FILES.get(this);
  }

  /** The path one or two keys further down. */
  child(key: string | number, key2?: string | number): SourcePath {
    return new SourcePath(this, key, key2);
  }

  /** The keys from the document root down to here. */
  toArray(): (string | number)[] {
    const keys = this.up ? this.up.toArray() : [];
    if (this.key !== undefined) keys.push(this.key);
    if (this.key2 !== undefined) keys.push(this.key2);
    return keys;
  }
}

const ROOT_FILES = new WeakMap<SourcePath, string>();

/**
 * One reported problem, as published (FORMAT.md section 5). `line` and `column` are 1-based and
 * null where no YAML position applies (a `--set` override, for example). `path` names the tree
 * node or parameter concerned.
 */
export interface DiagnosticJson {
  code: ErrorCode;
  message: string;
  file: string | null;
  line: number | null;
  column: number | null;
  path: string | null;
}

/** A problem as stages pass it along: possibly not located yet. */
export interface Diagnostic extends DiagnosticJson {
  /** Where in the YAML document, until a locator turns it into `line`/`column`. */
  at?: SourcePath;
  /** Point at the key of the mapping entry rather than its value (for unknown keys). */
  atKey?: boolean;
}

/** Builds a diagnostic that has not been located yet. */
export function diagnostic(
  code: ErrorCode,
  message: string,
  at: SourcePath | undefined,
  path: string | null = null,
  atKey = false,
): Diagnostic {
  const d: Diagnostic = { code, message, file: null, line: null, column: null, path };
  if (at) d.at = at;
  if (atKey) d.atKey = true;
  return d;
}

/** A value, or the problems that kept it from being made. */
export type Result<T> = { ok: true; value: T } | { ok: false; errors: Diagnostic[] };

export function toJson(d: Diagnostic): DiagnosticJson {
  return {
    code: d.code,
    message: d.message,
    file: d.file,
    line: d.line,
    column: d.column,
    path: d.path,
  };
}
