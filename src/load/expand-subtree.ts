import { diagnostic, SourcePath, type Diagnostic, type ErrorCode } from '../model/diagnostic';
import type { RawNode } from '../model/schema';
import { checkNodeShape } from './check-shape';

/** Keys a `use` may override; everything else comes from the subtree. */
const USE_OVERRIDES = ['label', 'id', 'probability', 'payoff', 'note', 'source'] as const;
export type NodeKey = keyof RawNode;

/** A node after `use` is expanded, remembering where in the file each key was written. */
export interface Expanded {
  node: RawNode;
  /** Keys written at a use site; every other key sits in `body`. */
  origin: Partial<Record<NodeKey, SourcePath>> | null;
  /** The mapping that defines the node's structure (type and children). */
  body: SourcePath;
  subtree: string | null;
}

/**
 * `use: NAME` (FORMAT.md section 1): copies of named subtrees, with the keys written at the use
 * site on top, each shape-checked once however often it is used; cycles and unknown names are
 * reported at the `use`.
 */
export class SubtreeExpander {
  private readonly shapes = new Map<string, RawNode | null>();

  constructor(
    private readonly definitions: Readonly<Record<string, unknown>>,
    private readonly errors: Diagnostic[],
  ) {}

  /** Shape-checks the subtrees nobody used, so their mistakes are reported all the same. */
  checkUnused(): void {
    for (const name of Object.keys(this.definitions))
      if (!this.shapes.has(name))
        this.checkShapesOnly(this.definitions[name], SourcePath.root.child('subtrees', name));
  }

  /** A subtree's body, shape-checked once however often it is used (so its errors show once). */
  private shape(name: string, at: SourcePath): RawNode | undefined {
    if (!this.shapes.has(name)) {
      const shaped = checkNodeShape(this.definitions[name], at);
      if (!shaped.ok) this.errors.push(...shaped.errors);
      this.shapes.set(name, shaped.ok ? shaped.value : null);
    }
    return this.shapes.get(name) ?? undefined;
  }

  /**
   * Shape-checks a part of the tree that will not be resolved (below a broken node, or a
   * subtree nobody uses), so its mistakes are reported all the same.
   */
  checkShapesOnly(value: unknown, at: SourcePath): void {
    const shaped = checkNodeShape(value, at);
    if (!shaped.ok) this.errors.push(...shaped.errors);
    this.checkChildShapesOnly(value, at);
  }

  checkChildShapesOnly(value: unknown, at: SourcePath): void {
    const record =
      value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
    for (const key of ['options', 'branches'] as const) {
      const children = record[key];
      if (Array.isArray(children))
        children.forEach((c, i) => this.checkShapesOnly(c, at.child(key, i)));
    }
  }

  /** Applies `use`, following chains of subtrees, and reports cycles. */
  expand(raw: RawNode, at: SourcePath, stack: string[]): Expanded | undefined {
    if (raw.use === undefined) return { node: raw, origin: null, body: at, subtree: null };
    const name = raw.use;
    const subtrees = this.definitions;
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
    const definition = this.shape(name, definitionAt);
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

  private error(code: ErrorCode, message: string, at: SourcePath): void {
    this.errors.push(diagnostic(code, message, at));
  }
}
