import { diagnostic, type Diagnostic, type ErrorCode, type SourcePath } from '../model/diagnostic';
import type { RawNode } from '../model/schema';
import type { Criterion, PayoffTerm, Quantity } from '../model/types';
import type { QuantityCompiler } from './compile-quantity';

/**
 * A node's `payoff` (FORMAT.md section 1): one amount when there is one criterion, else a mapping
 * of criterion ids to amounts. Literal amounts are shared between nodes: a 100k-node tree repeats
 * a few numbers, and one term per number keeps it small.
 */
export class PayoffResolver {
  private readonly numberTerms: Map<Quantity, PayoffTerm>[] = [];

  constructor(
    private readonly criteria: readonly Criterion[],
    private readonly criterionIndex: ReadonlyMap<string, number>,
    /** The file lists its criteria (else the single default criterion `value`). */
    private readonly declared: boolean,
    private readonly quantities: QuantityCompiler,
    private readonly errors: Diagnostic[],
  ) {}

  private term(criterion: number, amount: Quantity): PayoffTerm {
    if (amount.kind !== 'number' || amount.at !== undefined) return { criterion, amount };
    const shared = (this.numberTerms[criterion] ??= new Map<Quantity, PayoffTerm>());
    let term = shared.get(amount);
    if (!term) {
      term = { criterion, amount };
      shared.set(amount, term);
    }
    return term;
  }

  /** `owner` is the mapping that holds the `payoff` key. */
  resolve(
    value: RawNode['payoff'],
    owner: SourcePath,
    path: { toString(): string },
  ): PayoffTerm[] | undefined {
    // 0 means "adds nothing" whatever the criteria, so it needs no mapping.
    if (value === undefined || value === 0) return [];
    if (typeof value !== 'object') {
      const at = owner.child('payoff');
      if (this.criteria.length !== 1) {
        this.error(
          'PAYOFF_NEEDS_MAPPING',
          `payoff is a single amount but the scenario has ${this.criteria.length} criteria; write a mapping such as { ${this.criteria[0]!.id}: ${value} }`,
          at,
          path,
        );
        return undefined;
      }
      const amount = this.quantities.compile(value, at, path);
      return amount ? [{ criterion: 0, amount }] : undefined;
    }
    // Sized exactly (map, not push): large trees hold hundreds of thousands of these arrays.
    let complete = true;
    const terms = Object.entries(value).map(([key, amount]): PayoffTerm | undefined => {
      const criterion =
        this.criterionIndex.get(key) ??
        (this.declared ? undefined : key === 'value' ? 0 : undefined);
      if (criterion === undefined) {
        this.error(
          'UNKNOWN_CRITERION',
          `payoff names criterion '${key}', which is not defined; criteria are ${this.criteria.map((c) => c.id).join(', ')}`,
          owner.child('payoff', key),
          path,
        );
        complete = false;
        return undefined;
      }
      const q = this.quantities.compile(amount, owner.child('payoff', key), path);
      if (!q) complete = false;
      return q && this.term(criterion, q);
    });
    return complete ? (terms as PayoffTerm[]) : undefined;
  }

  private error(
    code: ErrorCode,
    message: string,
    at: SourcePath,
    path: { toString(): string },
  ): void {
    this.errors.push(diagnostic(code, message, at, String(path)));
  }
}
