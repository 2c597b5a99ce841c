import {
  diagnostic,
  SourcePath,
  type Diagnostic,
  type ErrorCode,
  type Result,
} from '../model/diagnostic';
import { bandOfPhrase } from '../model/phrases';
import { type RawLibrary, type RawScenario } from '../model/schema';
import { slug } from '../model/slug';
import type { Criterion, NodeType, Probability, Scenario, TreeNode } from '../model/types';
import { checkNodeShape } from './check-shape';
import { QuantityCompiler } from './compile-quantity';
import { SubtreeExpander, type NodeKey } from './expand-subtree';
import { resolveCriteria } from './resolve-criteria';
import { PayoffResolver } from './resolve-payoff';
import { resolveExpectations } from './resolve-expectations';
import { resolveIndicators } from './resolve-indicators';
import {
  indexParameters,
  resolveParameters,
  resolveSources,
  type ParameterInput,
} from './resolve-parameters';
import { LIMITS } from './limits';

/**
 * Schema-checked document -> `Scenario`: defaults, ids, references, subtree expansion and
 * expression compilation. Collects every problem it finds before giving up.
 */
export function resolveScenario(
  raw: RawScenario,
  libraries: readonly ResolvedLibrary[] = [],
): Result<Scenario> {
  return new Resolver(raw, libraries).run();
}

/** An imported library, shape-checked, with the file it came from. */
export interface ResolvedLibrary {
  readonly file: string;
  readonly raw: RawLibrary;
}

/**
 * A node's path (ids from the root, joined by `/`), built as a linked list and turned into text
 * only when a message needs it: most nodes of a large tree never do.
 */
class TreePath {
  constructor(
    readonly up: TreePath | null,
    readonly id: string,
  ) {}

  toString(): string {
    return this.up ? `${this.up.toString()}/${this.id}` : this.id;
  }
}

class Resolver {
  private readonly errors: Diagnostic[] = [];
  private sourceIds = new Set<string>();
  /** Parameters read by a branch probability: probabilities, shown with their phrase. */
  private readonly probabilityInputs = new Set<number>();
  private criteria: Criterion[] = [];
  private criterionIndex = new Map<string, number>();
  private parameterIndex = new Map<string, number>();
  private nodeCount = 0;
  private tooMany = false;
  private quantities = new QuantityCompiler(new Map(), this.errors);
  private payoffs!: PayoffResolver;
  private readonly subtrees: SubtreeExpander;

  constructor(
    private readonly raw: RawScenario,
    private readonly libraries: readonly ResolvedLibrary[],
  ) {
    this.subtrees = new SubtreeExpander(raw.subtrees ?? {}, this.errors);
  }

  run(): Result<Scenario> {
    const root = SourcePath.root;
    const inputs: ParameterInput[] = [
      ...this.libraries.map((l) => ({
        file: l.file,
        root: SourcePath.rootOf(l.file),
        parameters: l.raw.parameters ?? {},
        sources: l.raw.sources ?? [],
      })),
      { file: null, root, parameters: this.raw.parameters ?? {}, sources: this.raw.sources ?? [] },
    ];
    const sources = resolveSources(inputs, this.errors);
    this.sourceIds = new Set(sources.map((s) => s.id));
    const criteria = resolveCriteria(this.raw.criteria, root.child('criteria'), this.errors);
    this.criteria = criteria.criteria;
    this.criterionIndex = criteria.index;
    this.parameterIndex = indexParameters(inputs, this.errors);
    this.quantities = new QuantityCompiler(this.parameterIndex, this.errors);
    this.payoffs = new PayoffResolver(
      this.criteria,
      this.criterionIndex,
      this.raw.criteria !== undefined,
      this.quantities,
      this.errors,
    );
    const parameters = resolveParameters(
      inputs,
      this.parameterIndex,
      this.sourceIds,
      (value, at, path) => this.quantities.compile(value, at, path),
      this.errors,
    );
    const tree = this.node(this.raw.root, root.child('root'), null, null, [], 0);
    this.subtrees.checkUnused();
    if (this.errors.length > 0 || !tree || !parameters) return { ok: false, errors: this.errors };
    const context = { parameters, criteria: this.criteria, errors: this.errors };
    const indicators = resolveIndicators(this.raw.indicators ?? [], root.child('indicators'), {
      ...context,
      sourceIds: this.sourceIds,
      probabilities: this.probabilityInputs,
    });
    const expectations = resolveExpectations(this.raw.expect ?? [], root.child('expect'), {
      ...context,
      options: tree.type === 'decision' ? tree.children.map((c) => c.id) : null,
    });
    if (this.errors.length > 0) return { ok: false, errors: this.errors };
    for (const i of indicators) this.probabilityInputs.add(i.parameter);
    return {
      ok: true,
      value: {
        title: this.raw.title,
        description: this.raw.description ?? null,
        imports: this.libraries.map((l) => l.file),
        sources,
        criteria: this.criteria,
        parameters: parameters.map((p) =>
          this.probabilityInputs.has(p.index) && !p.probability ? { ...p, probability: true } : p,
        ),
        indicators,
        expectations,
        root: tree,
        nodeCount: this.nodeCount,
      },
    };
  }

  private error(
    code: ErrorCode,
    message: string,
    at: SourcePath | undefined,
    path: string | TreePath | null = null,
  ): void {
    this.errors.push(diagnostic(code, message, at, path === null ? null : String(path)));
  }

  private checkSource(
    source: string | undefined,
    at: SourcePath,
    path: string | TreePath | null,
  ): void {
    if (source === undefined || this.sourceIds.has(source)) return;
    const known = [...this.sourceIds];
    this.error(
      'UNKNOWN_SOURCE',
      `unknown source '${source}'; ${known.length > 0 ? `sources are ${known.join(', ')}` : 'the scenario lists no sources'}`,
      at,
      path,
    );
  }

  /**
   * Resolves one node and its children. `parent` is the parent's type (null at the root), `prefix`
   * the parent's path, `stack` the subtrees being expanded around it (to catch cycles).
   */
  private node(
    input: unknown,
    at: SourcePath,
    parent: NodeType | null,
    prefix: TreePath | null,
    stack: string[],
    depth: number,
  ): TreeNode | undefined {
    if (this.tooMany) return undefined;
    if (depth > LIMITS.maxTreeDepth) {
      this.tooMany = true;
      this.error(
        'TOO_DEEP',
        `the tree is more than ${LIMITS.maxTreeDepth} levels deep after subtrees are expanded`,
        at,
      );
      return undefined;
    }
    if (++this.nodeCount > LIMITS.maxTreeNodes) {
      this.tooMany = true;
      this.error(
        'TOO_MANY_NODES',
        `the tree has more than ${LIMITS.maxTreeNodes} nodes after subtrees are expanded`,
        undefined, // the whole file is at fault; locating would re-parse it slowly
      );
      return undefined;
    }
    const shaped = checkNodeShape(input, at);
    if (!shaped.ok) {
      this.errors.push(...shaped.errors);
      this.subtrees.checkChildShapesOnly(input, at);
      return undefined;
    }
    const expanded = this.subtrees.expand(shaped.value, at, stack);
    if (!expanded) return undefined;
    const { node, origin, body } = expanded;
    const keyAt = (key: NodeKey): SourcePath => (origin?.[key] ?? body).child(key);
    const ownerOf = (key: NodeKey): SourcePath => origin?.[key] ?? body;

    const label = node.label;
    let id = node.id;
    if (label === undefined) this.error('MISSING_KEY', `a node needs a 'label'`, body);
    if (id === undefined && label !== undefined) {
      id = slug(label);
      if (id === '') {
        this.error(
          'EMPTY_SLUG',
          `label '${label}' gives an empty id; add an 'id' of [a-z0-9_-]`,
          keyAt('label'),
        );
      }
    }
    const path = new TreePath(prefix, id ?? '?');

    if (node.type === undefined) {
      this.error(
        'MISSING_KEY',
        `node '${String(path)}' needs a 'type': decision, chance or outcome`,
        body,
        path,
      );
      return undefined;
    }
    const type = node.type;
    const childKey = type === 'decision' ? 'options' : type === 'chance' ? 'branches' : null;
    for (const key of ['options', 'branches'] as const) {
      if (key !== childKey && node[key] !== undefined) {
        this.error(
          'MISPLACED_KEY',
          `a ${type} node has no '${key}'${childKey ? `; did you mean '${childKey}'?` : ''}`,
          keyAt(key),
          path,
        );
      }
    }
    if (childKey && node[childKey] === undefined) {
      this.error(
        'MISSING_KEY',
        `${type} node '${String(path)}' needs '${childKey}' (a list of at least one node)`,
        body,
        path,
      );
    }
    if (type === 'outcome' && node.payoff === undefined) {
      this.error(
        'MISSING_KEY',
        `outcome '${String(path)}' needs a 'payoff' (write 0 if it adds nothing)`,
        body,
        path,
      );
    }

    const probability =
      parent === 'chance' || node.probability !== undefined
        ? this.probability(node.probability, keyAt('probability'), parent, path)
        : undefined;
    const payoff =
      node.payoff === undefined ? [] : this.payoffs.resolve(node.payoff, ownerOf('payoff'), path);
    if (node.source !== undefined) this.checkSource(node.source, keyAt('source'), path);

    const rawChildren = childKey ? (node[childKey] ?? []) : [];
    const childStack = expanded.subtree ? [...stack, expanded.subtree] : stack;
    // Most nodes have a few children: comparing ids costs less than a Map per node.
    const ids = rawChildren.length > 16 ? new Set<string>() : undefined;
    let complete = true;
    const children: TreeNode[] = [];
    for (let i = 0; i < rawChildren.length; i++) {
      const childAt = body.child(childKey!, i);
      const child = this.node(rawChildren[i], childAt, type, path, childStack, depth + 1);
      if (!child) {
        complete = false;
        continue;
      }
      if (ids ? ids.has(child.id) : children.some((other) => other.id === child.id)) {
        this.error(
          'DUPLICATE_ID',
          `two children of '${String(path)}' have the id '${child.id}'; give one an explicit 'id'`,
          childAt,
          `${String(path)}/${child.id}`,
        );
      }
      ids?.add(child.id);
      children.push(child);
    }
    if (type === 'chance' && complete) this.checkComplements(children, path);

    if (label === undefined || id === undefined || id === '' || !complete) return undefined;
    // One object shape for every kind keeps the engine's property reads monomorphic.
    const resolved = {
      type,
      id,
      label,
      payoff: payoff ?? [],
      note: node.note ?? null,
      source: node.source ?? null,
      probability: probability ?? null,
      subtree: expanded.subtree,
      at: body,
      children,
    };
    return resolved as TreeNode;
  }

  private probability(
    value: number | string | undefined,
    at: SourcePath,
    parent: NodeType | null,
    path: TreePath,
  ): Probability | undefined {
    if (parent !== 'chance') {
      if (value !== undefined) {
        const where = parent === null ? 'the root' : 'an option of a decision';
        this.error(
          'MISPLACED_KEY',
          `'probability' belongs only on branches of a chance node, not on ${where}`,
          at,
          path,
        );
      }
      return undefined;
    }
    if (value === undefined) {
      this.error(
        'MISSING_KEY',
        `branch '${String(path)}' of a chance node needs a 'probability' (a number, an expression or "#")`,
        at,
        path,
      );
      return undefined;
    }
    if (value === '#') return { kind: 'complement', at };
    const band = typeof value === 'string' ? bandOfPhrase(value) : undefined;
    if (band) return { kind: 'number', value: band.value, at };
    if (typeof value === 'number' && (value < 0 || value > 1)) {
      this.error(
        'PROBABILITY_RANGE',
        `probability ${value} of '${String(path)}' is outside [0, 1]`,
        at,
        path,
      );
      return undefined;
    }
    const quantity = this.quantities.compile(value, at, path);
    if (quantity?.kind === 'expression')
      for (const u of quantity.expression.uses) this.probabilityInputs.add(u);
    return quantity;
  }

  private checkComplements(children: TreeNode[], path: TreePath): void {
    const complements = children.filter((c) => c.probability?.kind === 'complement');
    if (complements.length > 1) {
      this.error(
        'MULTIPLE_COMPLEMENTS',
        `chance node '${String(path)}' has ${complements.length} "#" branches; at most one may take the rest`,
        complements[1]!.probability!.at,
        path,
      );
    }
  }

  /** A payoff term; those of plain numbers are shared, as their quantities are (read-only). */
}
