import { compileExpression, type CompileResult } from '../expr/compile-expression';
import { diagnostic, type Diagnostic, type ErrorCode, type SourcePath } from '../model/diagnostic';
import { nearestPhrase } from '../model/phrases';
import type { Quantity } from '../model/types';

/** How many distinct numbers are shared at most. */
const SHARED_NUMBERS = 4096;

/**
 * Compiles the numbers and expressions of one scenario against its parameter names, each text
 * once (large trees repeat a few expressions thousands of times), folding constant expressions
 * to numbers and reporting problems at their place.
 */
export class QuantityCompiler {
  private readonly compiled = new Map<string, CompileResult>();
  /** Plain numbers, shared (quantities are read-only): a large tree repeats a few amounts. */
  private readonly numbers = new Map<number, Quantity>();

  constructor(
    private readonly names: ReadonlyMap<string, number>,
    private readonly errors: Diagnostic[],
  ) {}

  /** A number or an expression, compiled against the parameters. */
  compile(
    value: number | string,
    at: SourcePath,
    path: string | { toString(): string },
  ): Quantity | undefined {
    if (typeof value === 'number') {
      let quantity = this.numbers.get(value);
      if (!quantity) {
        quantity = { kind: 'number', value };
        if (this.numbers.size < SHARED_NUMBERS) this.numbers.set(value, quantity);
      }
      return quantity;
    }
    // Large trees repeat the same few expressions; compile each text once.
    let compiled = this.compiled.get(value);
    if (!compiled) {
      compiled = compileExpression(value, this.names);
      this.compiled.set(value, compiled);
    }
    if (!compiled.ok) {
      const phrase = this.names.has(value.trim()) ? undefined : nearestPhrase(value);
      if (phrase)
        this.error(
          'UNKNOWN_PHRASE',
          `'${value}' is neither an expression nor an estimative phrase; did you mean '${phrase}'?`,
          at,
          path,
        );
      else for (const p of compiled.problems) this.error(p.code, p.message, at, path);
      return undefined;
    }
    // A constant expression is folded so the engine treats it like a number.
    if (compiled.expression.uses.length === 0) {
      const folded = compiled.expression.evaluate(new Float64Array(0));
      if (!Number.isFinite(folded)) {
        this.error(
          'NOT_FINITE',
          `expression '${value}' is ${folded}, not a finite number`,
          at,
          path,
        );
        return undefined;
      }
      return { kind: 'number', value: folded, at };
    }
    return { kind: 'expression', expression: compiled.expression, at };
  }

  private error(
    code: ErrorCode,
    message: string,
    at: SourcePath,
    path: string | { toString(): string },
  ): void {
    this.errors.push(diagnostic(code, message, at, String(path)));
  }
}
