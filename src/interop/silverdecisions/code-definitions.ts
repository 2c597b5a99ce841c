import type { FunctionAssignmentNode, MathNode } from 'mathjs';
import { importError, importWarning, type ImportIssue } from './import-issue';
import { math } from './math';

/** A variable assigned in SilverDecisions code: becomes a scenario parameter. */
export interface VariableDefinition {
  readonly name: string;
  /** A number, or the expression as math.js prints it (parentheses kept as written). */
  readonly value: number | string;
  /** JSON path of the code that assigns it. */
  readonly path: string;
}

/** A function defined in code (`transformPayoff(p) = p^2/2`): inlined where it is called. */
export interface FunctionDefinition {
  readonly name: string;
  readonly params: readonly string[];
  readonly body: MathNode;
  readonly path: string;
}

export interface Definitions {
  readonly variables: VariableDefinition[];
  readonly functions: FunctionDefinition[];
  /** Some code could not be parsed: names it may define are unknown, not missing. */
  unreadable: boolean;
}

/**
 * Reads the assignments of one piece of SilverDecisions code (the file's global `code`, or a
 * node's) into `into`. SilverDecisions runs the code as math.js statements; branchpoint has no
 * statements, only parameters, so only assignments of a name (`p = 0.4`) and one-line function
 * definitions carry over. Anything else is an error, except a bare expression, which SilverDecisions
 * computes and forgets (a warning).
 */
export function readCode(
  code: string,
  path: string,
  into: Definitions,
  issues: ImportIssue[],
): void {
  if (code.trim() === '') return;
  let tree: MathNode;
  try {
    tree = math.parse(code);
  } catch (e) {
    issues.push(importError('UNSUPPORTED_CODE', path, `cannot parse the code: ${where(code, e)}`));
    into.unreadable = true;
    return;
  }
  const statements =
    tree.type === 'BlockNode'
      ? (tree as unknown as { blocks: { node: MathNode }[] }).blocks.map((b) => b.node)
      : [tree];
  for (const statement of statements) {
    const text = statement.toString({ parenthesis: 'keep' });
    if (statement.type === 'AssignmentNode') {
      const a = statement as unknown as { object: MathNode; index: unknown; value: MathNode };
      if (a.object.type !== 'SymbolNode' || a.index) {
        issues.push(
          importError(
            'UNSUPPORTED_CODE',
            path,
            `'${text}' assigns to part of a value; only 'name = expression' can become a parameter`,
          ),
        );
        continue;
      }
      const name = (a.object as unknown as { name: string }).name;
      const value =
        a.value.type === 'ConstantNode' &&
        typeof (a.value as unknown as { value: unknown }).value === 'number'
          ? (a.value as unknown as { value: number }).value
          : a.value.toString({ parenthesis: 'keep' });
      into.variables.push({ name, value, path });
    } else if (statement.type === 'FunctionAssignmentNode') {
      const f = statement as unknown as FunctionAssignmentNode;
      into.functions.push({ name: f.name, params: f.params, body: f.expr, path });
    } else if (
      statement.type === 'ConstantNode' &&
      (statement as unknown as { value: unknown }).value === undefined
    ) {
      // Code of comments only parses as an empty constant: nothing to carry over.
    } else {
      issues.push(
        importWarning(
          'UNSUPPORTED_CODE',
          path,
          `'${text}' is not an assignment; SilverDecisions computes it and keeps nothing, so it is left out`,
        ),
      );
    }
  }
}

/** math.js reports `(char N)`, 1-based; a line and column is what a person can find. */
function where(code: string, e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  const char = (e as { char?: unknown }).char;
  if (typeof char !== 'number') return message;
  const before = code.slice(0, Math.max(0, char - 1)).split('\n');
  return `${message.replace(/\s*\(char \d+\)/, '')} at line ${before.length}, column ${before[before.length - 1]!.length + 1}`;
}
