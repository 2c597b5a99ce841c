import { readCode, type Definitions } from './code-definitions';
import { importError, type ImportIssue } from './import-issue';
import { isRecord, quantityOf, scalarText } from './sd-json';

export type Quantity = number | string;

/** A SilverDecisions node with the edge that leads to it folded in: one node of ours. */
export interface PlainNode {
  readonly type: 'decision' | 'chance' | 'outcome';
  label: string;
  /** The slug-able label's id when the label's own slug is empty or taken by a sibling. */
  id?: string;
  /** Set on the branches of a chance node; `"#"` is the complement. */
  probability?: Quantity;
  /** The edge's payoffs, by SilverDecisions payoff index (0 where the file has none). */
  readonly payoff: [Quantity, Quantity];
  readonly note?: string;
  readonly children: PlainNode[];
}

/**
 * A string the scenario will hold as an expression, and where it came from: vetted, and rewritten
 * through `replace` (calls of functions defined in code are inlined), once all code has been read.
 */
export interface ExpressionSite {
  readonly path: string;
  readonly text: string;
  readonly replace: (text: string) => void;
}

export interface TreeContext {
  readonly issues: ImportIssue[];
  readonly definitions: Definitions;
  readonly sites: ExpressionSite[];
  /** Nodes on the way down, to catch a node that contains itself (possible in objects, not JSON). */
  readonly ancestors: Set<object>;
}

const TYPES: Record<string, PlainNode['type']> = {
  decision: 'decision',
  chance: 'chance',
  terminal: 'outcome',
};

/** Labels may hold line breaks in SilverDecisions (`"game\ndilemma"`); ours are one line. */
export function oneLine(text: unknown): string {
  return typeof text === 'string' ? text.replace(/\s+/g, ' ').trim() : '';
}

/**
 * Converts the node at `path` and its subtree. `edge` is the edge that leads to it (null at the
 * root), `kind` the type of the parent, `index` its place among its siblings. Returns null when
 * the node cannot be expressed; the reason is in `ctx.issues`, and its siblings are still read,
 * so one import reports every problem.
 */
export function convertNode(
  node: unknown,
  path: string,
  edge: { label: string; payoff: [Quantity, Quantity]; probability?: Quantity } | null,
  ctx: TreeContext,
): PlainNode | null {
  const fail = (code: ImportIssue['code'], message: string): null => {
    ctx.issues.push(importError(code, path, message));
    return null;
  };
  if (!isRecord(node)) return fail('UNKNOWN_NODE_TYPE', 'expected a node (a JSON object)');
  if (ctx.ancestors.has(node)) return fail('NODE_CYCLE', 'this node contains itself: a cycle');
  const type = typeof node.type === 'string' ? TYPES[node.type] : undefined;
  if (!type)
    return fail(
      'UNKNOWN_NODE_TYPE',
      `unknown node type ${JSON.stringify(node.type)}; SilverDecisions nodes are decision, chance or terminal`,
    );
  if (typeof node.code === 'string')
    readCode(node.code, `${path}.code`, ctx.definitions, ctx.issues);

  const edges = node.childEdges === undefined ? [] : node.childEdges;
  if (!Array.isArray(edges)) return fail('UNKNOWN_NODE_TYPE', 'childEdges is not a list');
  if (type === 'outcome' && edges.length > 0)
    return fail('TERMINAL_WITH_CHILDREN', 'a terminal node has child edges');
  if (type !== 'outcome' && edges.length === 0)
    return fail(
      'NO_CHILDREN',
      `a ${type} node without child edges; SilverDecisions cannot compute it either`,
    );

  const name = oneLine(node.name);
  const label = edge?.label || name;
  ctx.ancestors.add(node);
  const children: PlainNode[] = [];
  let complete = true;
  edges.forEach((raw: unknown, i) => {
    const at = `${path}.childEdges[${i}]`;
    if (!isRecord(raw)) {
      ctx.issues.push(importError('UNKNOWN_NODE_TYPE', at, 'expected an edge (a JSON object)'));
      complete = false;
      return;
    }
    const payoff = payoffOf(raw.payoff, `${at}.payoff`, ctx);
    const probability =
      type === 'chance' ? probabilityOf(raw.probability, `${at}.probability`, ctx) : undefined;
    const fallback = `${type === 'decision' ? 'Option' : 'Branch'} ${i + 1}`;
    const child = convertNode(
      raw.childNode,
      `${at}.childNode`,
      {
        label:
          oneLine(raw.name) ||
          oneLine(isRecord(raw.childNode) ? raw.childNode.name : '') ||
          fallback,
        payoff: payoff ?? [0, 0],
        ...(probability !== undefined && { probability }),
      },
      ctx,
    );
    if (child && payoff && (type !== 'chance' || probability !== undefined)) {
      children.push(child);
      if (typeof probability === 'string' && probability !== '#')
        ctx.sites.push({
          path: `${at}.probability`,
          text: probability,
          replace: (text) => (child.probability = text),
        });
    } else complete = false;
  });
  ctx.ancestors.delete(node);
  if (!complete) return null;

  // The edge's name labels our node; the node's own name, when it says something else, is kept.
  const note = edge && name !== '' && name !== label ? `SilverDecisions node: ${name}` : undefined;
  return {
    type,
    label,
    ...(edge?.probability !== undefined && { probability: edge.probability }),
    payoff: edge?.payoff ?? [0, 0],
    ...(note !== undefined && { note }),
    children,
  };
}

/** An edge's payoffs: an array (one per criterion) or, in files before 0.8, one value. */
function payoffOf(raw: unknown, path: string, ctx: TreeContext): [Quantity, Quantity] | null {
  const values: unknown[] = Array.isArray(raw) ? raw : [raw ?? 0];
  const out: Quantity[] = [];
  for (let i = 0; i < 2; i++) {
    const value = values[i] ?? 0;
    const at = Array.isArray(raw) ? `${path}[${i}]` : path;
    const q = scalarText(value);
    if (q === undefined) {
      ctx.issues.push(
        importError(
          'BAD_PAYOFF',
          at,
          `expected a number or an expression, not ${JSON.stringify(value)}`,
        ),
      );
      return null;
    }
    out.push(quantityOf(q));
  }
  const payoff: [Quantity, Quantity] = [out[0]!, out[1]!];
  payoff.forEach((quantity, i) => {
    if (typeof quantity === 'string')
      ctx.sites.push({
        path: Array.isArray(raw) ? `${path}[${i}]` : path,
        text: quantity,
        replace: (text) => (payoff[i] = text),
      });
  });
  return payoff;
}

function probabilityOf(raw: unknown, path: string, ctx: TreeContext): Quantity | undefined {
  const q = scalarText(raw);
  if (q === undefined) {
    ctx.issues.push(
      importError(
        'BAD_PROBABILITY',
        path,
        `a branch of a chance node needs a probability (a number, an expression or "#"), not ${JSON.stringify(raw)}`,
      ),
    );
    return undefined;
  }
  return quantityOf(q);
}
