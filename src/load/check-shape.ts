import type { z } from 'zod';
import { diagnostic, SourcePath, type Diagnostic, type Result } from '../model/diagnostic';
import {
  ID_PATTERN,
  LibrarySchema,
  NodeSchema,
  ScenarioSchema,
  type RawLibrary,
  type RawNode,
  type RawScenario,
} from '../model/schema';

/**
 * Checks the top level of the parsed YAML against the scenario schema and turns zod's issues into
 * diagnostics that say, in an analyst's words, what is wrong and what was expected.
 * The tree's nodes are checked one by one with `checkNodeShape` as the resolver reaches them.
 */
export function checkShape(value: unknown): {
  scenario: RawScenario | undefined;
  errors: Diagnostic[];
} {
  const checked = checkTopLevel(
    value,
    ScenarioSchema,
    SourcePath.root,
    'a scenario file must be a YAML mapping with at least title and root',
  );
  return { scenario: checked.value, errors: checked.errors };
}

/** Like `checkShape`, for a library imported from another file (FORMAT.md section 8). */
export function checkLibraryShape(
  value: unknown,
  root: SourcePath,
): { value: RawLibrary | undefined; errors: Diagnostic[] } {
  return checkTopLevel(
    value,
    LibrarySchema,
    root,
    'a library must be a YAML mapping of parameters and sources',
    'library',
  );
}

function checkTopLevel<T>(
  value: unknown,
  schema: z.ZodType<T>,
  root: SourcePath,
  notAMapping: string,
  context?: string,
): { value: T | undefined; errors: Diagnostic[] } {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return { value: undefined, errors: [diagnostic('NOT_A_MAPPING', notAMapping, root)] };
  const parsed = schema.safeParse(value);
  if (parsed.success) return { value: parsed.data, errors: [] };
  const errors = parsed.error.issues.flatMap((issue) =>
    toDiagnostics(issue, [], value, root, context),
  );
  // Drop what is wrong and carry on when what is left still makes a scenario, so that the
  // mistakes further on (in the tree, in references) are reported in the same run.
  for (const issue of parsed.error.issues) salvage(value, issue);
  const retry = schema.safeParse(value);
  return { value: retry.success ? retry.data : undefined, errors };
}

/** Deletes the mapping key an issue concerns (the unknown keys themselves, for unknown keys). */
function salvage(value: unknown, issue: Issue): void {
  if (issue.code === 'unrecognized_keys') {
    const target = valueAt(value, issue.path);
    if (target !== null && typeof target === 'object')
      for (const key of issue.keys) delete (target as Record<string, unknown>)[key];
    return;
  }
  const path = [...issue.path];
  while (path.length > 0 && typeof path[path.length - 1] !== 'string') path.pop();
  const key = path.pop();
  const parent = valueAt(value, path);
  if (
    typeof key === 'string' &&
    parent !== null &&
    typeof parent === 'object' &&
    !Array.isArray(parent)
  ) {
    delete (parent as Record<string, unknown>)[key];
  }
}

/** Checks one node (not its children) found at `at`. */
export function checkNodeShape(value: unknown, at: SourcePath): Result<RawNode> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return {
      ok: false,
      errors: [
        diagnostic(
          'WRONG_TYPE',
          `${describe(at.toArray())}: a node must be a mapping with a label and a type, got ${kind(value)}`,
          at,
        ),
      ],
    };
  }
  // Most nodes of a large tree are plainly right: say so without zod (which copies each one).
  // Anything else, even what is merely unusual, goes to zod, which has the last word.
  const plain = plainNode(value as Record<string, unknown>);
  if (plain) return { ok: true, value: plain };
  const parsed = NodeSchema.safeParse(value);
  if (parsed.success) return { ok: true, value: parsed.data };
  return {
    ok: false,
    errors: parsed.error.issues.flatMap((issue) => toDiagnostics(issue, [], value, at)),
  };
}

/**
 * `node` with every key of a node in the same order, when `NodeSchema` would accept it as it is
 * (every key known, every value of its type; zod's `z.number()` refuses NaN and infinities);
 * undefined means only "ask zod". The YAML reader gives each node's keys in the order they were
 * written, so nodes come in many shapes; one shape keeps the resolver's reads of them monomorphic
 * (a tenth of its time on a 100,000-node tree).
 */
function plainNode(node: Record<string, unknown>): RawNode | undefined {
  let type: RawNode['type'];
  let label: string | undefined;
  let id: string | undefined;
  let payoff: RawNode['payoff'];
  let note: string | undefined;
  let source: string | undefined;
  let probability: RawNode['probability'];
  let options: unknown[] | undefined;
  let branches: unknown[] | undefined;
  let use: string | undefined;
  for (const key in node) {
    const value = node[key];
    switch (key) {
      case 'type':
        if (value !== 'decision' && value !== 'chance' && value !== 'outcome') return undefined;
        type = value;
        break;
      case 'label':
        if (typeof value !== 'string') return undefined;
        label = value;
        break;
      case 'note':
        if (typeof value !== 'string') return undefined;
        note = value;
        break;
      case 'source':
        if (typeof value !== 'string') return undefined;
        source = value;
        break;
      case 'use':
        if (typeof value !== 'string') return undefined;
        use = value;
        break;
      case 'id':
        if (typeof value !== 'string' || !ID_PATTERN.test(value)) return undefined;
        id = value;
        break;
      case 'probability':
        if (!numberOrText(value)) return undefined;
        probability = value as number | string;
        break;
      case 'payoff':
        if (!numberOrText(value)) {
          if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
          for (const criterion in value)
            if (!numberOrText((value as Record<string, unknown>)[criterion])) return undefined;
        }
        payoff = value as RawNode['payoff'];
        break;
      case 'options':
        if (!Array.isArray(value) || value.length === 0) return undefined;
        options = value;
        break;
      case 'branches':
        if (!Array.isArray(value) || value.length === 0) return undefined;
        branches = value;
        break;
      default:
        return undefined;
    }
  }
  return { type, label, id, payoff, note, source, probability, options, branches, use };
}

function numberOrText(value: unknown): boolean {
  return typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));
}

type Issue = z.core.$ZodIssue;

/** `prefix` and the issue's path lead from `value`, found at `base` in the document, to the problem. */
function toDiagnostics(
  issue: Issue,
  prefix: PropertyKey[],
  value: unknown,
  base: SourcePath,
  context?: string,
): Diagnostic[] {
  const keys = [...prefix, ...issue.path];
  if (issue.code === 'invalid_union') {
    // Report the alternative the author evidently meant: the one that got furthest.
    const best = [...issue.errors].sort((a, b) => depth(b) - depth(a))[0];
    if (best && depth(best) > 0)
      return best.flatMap((i) => toDiagnostics(i, keys, value, base, context));
  }
  const at = keys.reduce<SourcePath>(
    (p, k) => p.child(typeof k === 'number' ? k : String(k)),
    base,
  );
  const full = [...base.toArray(), ...keys];
  const where = describe(full);
  const actual = valueAt(value, keys);
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) =>
        diagnostic(
          'UNKNOWN_KEY',
          `unknown key '${key}' in ${where}${suggest(key, full, context)}`,
          at.child(key),
          null,
          true,
        ),
      );
    case 'invalid_type':
      if (actual === undefined) return [diagnostic('MISSING_KEY', `${where} is required`, at)];
      return [diagnostic('WRONG_TYPE', `${where}: ${expected(issue)}, got ${kind(actual)}`, at)];
    default:
      if (actual === undefined)
        return [diagnostic('MISSING_KEY', `${where} is required: ${issue.message}`, at)];
      return [diagnostic('BAD_VALUE', `${where}: ${issue.message}`, at)];
  }
}

/** How far an alternative's issues reach: the deeper, the more likely it was the intended shape. */
function depth(issues: Issue[]): number {
  return Math.max(
    0,
    ...issues.map((i) =>
      i.code === 'invalid_type' && i.path.length === 0 ? 0 : i.path.length + 1,
    ),
  );
}

function expected(issue: Issue): string {
  if (!issue.message.startsWith('Invalid input')) return issue.message;
  return `expected ${(issue as { expected?: string }).expected ?? 'another type'}`;
}

function valueAt(root: unknown, keys: PropertyKey[]): unknown {
  let v: unknown = root;
  for (const k of keys) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

function kind(v: unknown): string {
  if (v === null) return 'nothing (null)';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string')
    return `the text ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}...` : v)}`;
  return typeof v === 'number' || typeof v === 'boolean' ? `${typeof v} ${String(v)}` : typeof v;
}

/** `root.options[1].payoff` -> "payoff of root.options[1]", in the words of the format. */
function describe(keys: PropertyKey[]): string {
  if (keys.length === 0) return 'the scenario';
  const text = keys
    .map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? String(k) : `.${String(k)}`))
    .join('');
  return `'${text}'`;
}

const KNOWN_KEYS: Record<string, string[]> = {
  scenario: [
    'title',
    'description',
    'imports',
    'sources',
    'criteria',
    'parameters',
    'subtrees',
    'indicators',
    'expect',
    'root',
  ],
  library: ['title', 'description', 'imports', 'sources', 'parameters'],
  indicator: ['id', 'label', 'updates', 'if_true', 'if_false', 'note', 'source'],
  expectation: ['best', 'margin', 'while', 'given', 'note'],
  node: [
    'type',
    'label',
    'id',
    'payoff',
    'note',
    'source',
    'probability',
    'options',
    'branches',
    'use',
  ],
  criterion: [
    'id',
    'label',
    'weight',
    'weight_range',
    'weight_distribution',
    'direction',
    'unit',
    'note',
  ],
  parameter: ['value', 'confidence', 'range', 'distribution', 'label', 'unit', 'source', 'note'],
  source: ['id', 'title', 'publisher', 'author', 'date', 'url', 'note'],
};

function contextOf(keys: PropertyKey[]): string {
  if (keys.length === 0) return 'scenario';
  const parent = keys.length >= 2 ? keys[keys.length - 2] : keys[0];
  if (keys[0] === 'criteria') return 'criterion';
  if (keys[0] === 'sources') return 'source';
  if (keys[0] === 'parameters') return 'parameter';
  if (keys[0] === 'indicators') return 'indicator';
  if (keys[0] === 'expect') return 'expectation';
  if (parent === 'options' || parent === 'branches' || keys[0] === 'root' || keys[0] === 'subtrees')
    return 'node';
  return 'scenario';
}

/** "did you mean 'probability'?" for a key one or two edits away from a known one. */
function suggest(key: string, keys: PropertyKey[], context?: string): string {
  const known =
    KNOWN_KEYS[context !== undefined && keys.length === 0 ? context : contextOf(keys)] ?? [];
  const close = known.find((k) => editDistance(k, key.toLowerCase()) <= 2);
  return close ? `; did you mean '${close}'?` : `; expected one of ${known.join(', ')}`;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const next = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = row[j]!;
      row[j] = next;
    }
  }
  return row[b.length]!;
}
