import { compileExpression, type CompileResult } from '../expr/compile-expression';
import {
  diagnostic,
  SourcePath,
  type Diagnostic,
  type ErrorCode,
  type Result,
} from '../model/diagnostic';
import { bandOfPhrase, nearestPhrase } from '../model/phrases';
import { type RawLibrary, type RawNode, type RawScenario } from '../model/schema';
import { slug } from '../model/slug';
import type {
  Criterion,
  NodeType,
  PayoffTerm,
  Probability,
  Quantity,
  Scenario,
  TreeNode,
} from '../model/types';
import { checkNodeShape } from './check-shape';
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

/** Keys a `use` may override; everything else comes from the subtree. */
const USE_OVERRIDES = ['label', 'id', 'probability', 'payoff', 'note', 'source'] as const;
type NodeKey = keyof RawNode;

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

/** A node after `use` is expanded, remembering where in the file each key was written. */
interface Expanded {
  node: RawNode;
  /** Keys written at a use site; every other key sits in `body`. */
  origin: Partial<Record<NodeKey, SourcePath>> | null;
  /** The mapping that defines the node's structure (type and children). */
  body: SourcePath;
  subtree: string | null;
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
  private readonly subtreeShapes = new Map<string, RawNode | null>();

  private readonly compiled = new Map<string, CompileResult>();

  constructor(
    private readonly raw: RawScenario,
    private readonly libraries: readonly ResolvedLibrary[],
  ) {}

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
    this.criteria = this.resolveCriteria(root.child('criteria'));
    this.parameterIndex = indexParameters(inputs, this.errors);
    const parameters = resolveParameters(
      inputs,
      this.parameterIndex,
      this.sourceIds,
      (value, at, path) => this.quantity(value, at, path),
      this.errors,
    );
    const tree = this.node(this.raw.root, root.child('root'), null, null, [], 0);
    for (const name of Object.keys(this.raw.subtrees ?? {})) {
      if (!this.subtreeShapes.has(name))
        this.checkShapesOnly(this.raw.subtrees![name], root.child('subtrees', name));
    }
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

  private resolveCriteria(at: SourcePath): Criterion[] {
    const list = this.raw.criteria;
    if (!list) {
      return [
        {
          id: 'value',
          label: 'Value',
          weight: 1,
          weightRange: [0.5, 1.5],
          direction: 'max',
          unit: null,
          note: null,
          at,
        },
      ];
    }
    return list.map((c, i) => {
      const cat = at.child(i);
      if (this.criterionIndex.has(c.id))
        this.error('DUPLICATE_ID', `criterion id '${c.id}' is used twice`, cat.child('id'));
      this.criterionIndex.set(c.id, i);
      const weight = c.weight ?? 1;
      const weightRange = c.weight_range ?? ([weight * 0.5, weight * 1.5] as const);
      if (c.weight_range) this.checkRange(c.weight_range, cat.child('weight_range'), c.id, 0);
      return {
        id: c.id,
        label: c.label ?? c.id,
        weight,
        weightRange,
        direction: c.direction ?? 'max',
        unit: c.unit ?? null,
        note: c.note ?? null,
        at: cat,
      };
    });
  }

  private checkRange(
    range: readonly [number, number],
    at: SourcePath,
    path: string,
    min = -Infinity,
  ): void {
    const [low, high] = range;
    if (low > high)
      this.error(
        'BAD_VALUE',
        `range [${low}, ${high}] has low > high; write [low, high]`,
        at,
        path,
      );
    else if (low < min)
      this.error('BAD_VALUE', `range [${low}, ${high}] goes below ${min}`, at, path);
  }

  /** A number or an expression, compiled against the parameters. */
  private quantity(
    value: number | string,
    at: SourcePath,
    path: string | TreePath,
  ): Quantity | undefined {
    if (typeof value === 'number') return { kind: 'number', value };
    // Large trees repeat the same few expressions; compile each text once.
    let compiled = this.compiled.get(value);
    if (!compiled) {
      compiled = compileExpression(value, this.parameterIndex);
      this.compiled.set(value, compiled);
    }
    if (!compiled.ok) {
      const phrase = this.parameterIndex.has(value.trim()) ? undefined : nearestPhrase(value);
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

  /** A subtree's body, shape-checked once however often it is used (so its errors show once). */
  private subtreeShape(name: string, at: SourcePath): RawNode | undefined {
    if (!this.subtreeShapes.has(name)) {
      const shaped = checkNodeShape(this.raw.subtrees?.[name], at);
      if (!shaped.ok) this.errors.push(...shaped.errors);
      this.subtreeShapes.set(name, shaped.ok ? shaped.value : null);
    }
    return this.subtreeShapes.get(name) ?? undefined;
  }

  /**
   * Shape-checks a part of the tree that will not be resolved (below a broken node, or a
   * subtree nobody uses), so its mistakes are reported all the same.
   */
  private checkShapesOnly(value: unknown, at: SourcePath): void {
    const shaped = checkNodeShape(value, at);
    if (!shaped.ok) this.errors.push(...shaped.errors);
    this.checkChildShapesOnly(value, at);
  }

  private checkChildShapesOnly(value: unknown, at: SourcePath): void {
    const record =
      value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
    for (const key of ['options', 'branches'] as const) {
      const children = record[key];
      if (Array.isArray(children))
        children.forEach((c, i) => this.checkShapesOnly(c, at.child(key, i)));
    }
  }

  /** Applies `use`, following chains of subtrees, and reports cycles. */
  private expand(raw: RawNode, at: SourcePath, stack: string[]): Expanded | undefined {
    if (raw.use === undefined) return { node: raw, origin: null, body: at, subtree: null };
    const name = raw.use;
    const subtrees = this.raw.subtrees ?? {};
    if (!Object.hasOwn(subtrees, name)) {
      const known = Object.keys(subtrees);
      this.error(
        'UNKNOWN_SUBTREE',
        `unknown subtree '${name}'; ${known.length > 0 ? `subtrees are ${known.join(', ')}` : 'the scenario defines no subtrees'}`,
        at.child('use'),
      );
      return undefined;
    }
    if (stack.includes(name)) {
      this.error(
        'SUBTREE_CYCLE',
        `subtree '${name}' uses itself: ${[...stack, name].join(' -> ')}`,
        at.child('use'),
      );
      return undefined;
    }
    for (const key of ['type', 'options', 'branches'] as const) {
      if (raw[key] !== undefined) {
        this.error(
          'MISPLACED_KEY',
          `'${key}' cannot be written beside 'use'; it comes from subtree '${name}'`,
          at.child(key),
        );
      }
    }
    const definitionAt = SourcePath.root.child('subtrees', name);
    const definition = this.subtreeShape(name, definitionAt);
    if (!definition) return undefined;
    const inner = this.expand(definition, definitionAt, [...stack, name]);
    if (!inner) return undefined;
    const node: RawNode = { ...inner.node };
    const origin: Partial<Record<NodeKey, SourcePath>> = { ...inner.origin };
    delete node.use;
    for (const key of USE_OVERRIDES) {
      if (raw[key] === undefined) continue;
      (node as Record<string, unknown>)[key] = raw[key];
      origin[key] = at;
    }
    // A use site that renames the node gets an id from its own label, not the subtree's id.
    if (raw.label !== undefined && raw.id === undefined) {
      delete node.id;
      delete origin.id;
    }
    return { node, origin, body: inner.body, subtree: name };
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
      this.checkChildShapesOnly(input, at);
      return undefined;
    }
    const expanded = this.expand(shaped.value, at, stack);
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
      node.payoff === undefined ? [] : this.payoff(node.payoff, ownerOf('payoff'), path);
    if (node.source !== undefined) this.checkSource(node.source, keyAt('source'), path);

    const rawChildren = childKey ? (node[childKey] ?? []) : [];
    const childStack = expanded.subtree ? [...stack, expanded.subtree] : stack;
    const ids = new Map<string, number>();
    let complete = true;
    const children = rawChildren.map((rawChild, i): TreeNode | undefined => {
      const childAt = body.child(childKey!, i);
      const child = this.node(rawChild, childAt, type, path, childStack, depth + 1);
      if (!child) {
        complete = false;
        return undefined;
      }
      if (ids.has(child.id)) {
        this.error(
          'DUPLICATE_ID',
          `two children of '${String(path)}' have the id '${child.id}'; give one an explicit 'id'`,
          childAt,
          `${String(path)}/${child.id}`,
        );
      }
      ids.set(child.id, i);
      return child;
    }) as TreeNode[];
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
    const quantity = this.quantity(value, at, path);
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

  /** `owner` is the mapping that holds the `payoff` key. */
  private payoff(
    value: RawNode['payoff'],
    owner: SourcePath,
    path: TreePath,
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
      const amount = this.quantity(value, at, path);
      return amount ? [{ criterion: 0, amount }] : undefined;
    }
    // Sized exactly (map, not push): large trees hold hundreds of thousands of these arrays.
    let complete = true;
    const terms = Object.entries(value).map(([key, amount]): PayoffTerm | undefined => {
      const criterion =
        this.criterionIndex.get(key) ??
        (this.raw.criteria ? undefined : key === 'value' ? 0 : undefined);
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
      const q = this.quantity(amount, owner.child('payoff', key), path);
      if (!q) complete = false;
      return q && { criterion, amount: q };
    });
    return complete ? (terms as PayoffTerm[]) : undefined;
  }
}
