import { parseYaml } from '../load';

/** Longest subject line of a commit message, as git tools show it without wrapping. */
const SUBJECT = 72;

/**
 * A commit message for an edit of `name` from `before` to `after`: a subject that says what
 * changed in the analyst's terms (a parameter's value, a weight, the tree, the title), and a
 * body with every change when the subject cannot hold them all. Texts that do not parse are
 * described by their changed lines.
 *
 * `Edit us-response.yaml: p_nato_unity 0.6 -> 0.8, tree`
 */
export function editMessage(name: string, before: string, after: string): string {
  const a = parseYaml(before);
  const b = parseYaml(after);
  const changes =
    a.ok && b.ok && isMap(a.value) && isMap(b.value)
      ? describe(a.value, b.value)
      : [lineCount(before, after)];
  if (changes.length === 0) return `Edit ${name}: layout and comments`;
  const subject = `Edit ${name}: ${changes.join(', ')}`;
  if (subject.length <= SUBJECT) return subject;
  let short = `Edit ${name}: ${changes[0]!}`;
  if (short.length > SUBJECT) short = `${short.slice(0, SUBJECT - 1)}…`;
  const more = changes.length - 1;
  return `${short}${more > 0 ? ` and ${more} more` : ''}\n\n${changes.map((c) => `- ${c}`).join('\n')}`;
}

/**
 * The commit message of a change to the folder's file `name` (relative to the folder): an edit
 * says what changed, a new file names its title, a deletion its name.
 */
export function changeMessage(
  name: string,
  kind: 'replace' | 'create' | 'delete',
  before: string,
  after: string,
): string {
  if (kind === 'delete') return `Delete ${name}`;
  if (kind === 'create') return createMessage(name, after);
  return editMessage(name, before, after);
}

/** `Create NAME.yaml`, `Duplicate A.yaml as B.yaml`, ... with the scenario's title. */
export function createMessage(name: string, text: string, from?: string): string {
  const parsed = parseYaml(text);
  const title =
    parsed.ok && isMap(parsed.value) && typeof parsed.value.title === 'string'
      ? ` (${parsed.value.title})`
      : '';
  return from === undefined ? `Create ${name}${title}` : `Duplicate ${from} as ${name}${title}`;
}

type Map = Record<string, unknown>;

function isMap(x: unknown): x is Map {
  return x !== null && typeof x === 'object' && !Array.isArray(x);
}

function describe(a: Map, b: Map): string[] {
  const out: string[] = [];
  if (!same(a.title, b.title)) out.push('title');
  const pa = isMap(a.parameters) ? a.parameters : {};
  const pb = isMap(b.parameters) ? b.parameters : {};
  for (const key of union(Object.keys(pa), Object.keys(pb))) {
    if (!(key in pb)) out.push(`removed ${key}`);
    else if (!(key in pa)) out.push(`added ${key} = ${valueText(pb[key])}`);
    else if (!same(valueOf(pa[key]), valueOf(pb[key])))
      out.push(`${key} ${valueText(pa[key])} -> ${valueText(pb[key])}`);
    else if (!same(pa[key], pb[key])) out.push(`${key} (${changedFields(pa[key], pb[key])})`);
  }
  const ca = criteria(a.criteria);
  const cb = criteria(b.criteria);
  for (const id of union(Object.keys(ca), Object.keys(cb))) {
    if (!(id in cb)) out.push(`removed criterion ${id}`);
    else if (!(id in ca)) out.push(`added criterion ${id}`);
    else if (!same(ca[id]?.weight, cb[id]?.weight))
      out.push(
        `weight of ${id} ${valueText(ca[id]?.weight ?? 1)} -> ${valueText(cb[id]?.weight ?? 1)}`,
      );
    else if (!same(ca[id], cb[id])) out.push(`criterion ${id}`);
  }
  if (!same(a.root, b.root) || !same(a.subtrees, b.subtrees)) out.push('tree');
  const handled = new Set(['title', 'parameters', 'criteria', 'root', 'subtrees']);
  for (const key of union(Object.keys(a), Object.keys(b)))
    if (!handled.has(key) && !same(a[key], b[key])) out.push(key);
  return out;
}

function criteria(x: unknown): Record<string, Map> {
  const out: Record<string, Map> = {};
  if (Array.isArray(x)) for (const c of x) if (isMap(c) && typeof c.id === 'string') out[c.id] = c;
  return out;
}

function valueOf(p: unknown): unknown {
  return isMap(p) ? p.value : p;
}

function valueText(p: unknown): string {
  const v = valueOf(p);
  return typeof v === 'string' || typeof v === 'number' ? String(v) : (JSON.stringify(v) ?? '?');
}

function changedFields(a: unknown, b: unknown): string {
  const ma = isMap(a) ? a : {};
  const mb = isMap(b) ? b : {};
  return union(Object.keys(ma), Object.keys(mb))
    .filter((k) => !same(ma[k], mb[k]))
    .join(', ');
}

function lineCount(before: string, after: string): string {
  const a = before.split('\n');
  const b = after.split('\n');
  const inA = new Set(a);
  const inB = new Set(b);
  const added = b.filter((l) => !inA.has(l)).length;
  const removed = a.filter((l) => !inB.has(l)).length;
  return `+${added} -${removed} lines`;
}

function same(x: unknown, y: unknown): boolean {
  return JSON.stringify(x) === JSON.stringify(y);
}

function union(a: string[], b: string[]): string[] {
  return [...new Set([...a, ...b])];
}
