import type { ScenarioDocument } from '../document';
import { parseYaml } from '../load';
import type { Diagnostic } from '../model/diagnostic';
import { PHRASES } from '../model/phrases';

/** Most problems an editor lists at once; the rest are counted ("and N more"). */
export const MAX_LISTED = 20;

/** A problem as the editor lists it: its place in the edited text (null elsewhere) and what is wrong. */
export interface ListedError {
  readonly line: number | null;
  readonly column: number | null;
  /** The message alone: the place is shown once, beside it, never inside it again. */
  readonly message: string;
  /** Another file the problem lies in (an imported library), relative to the served folder. */
  readonly file: string | null;
  readonly code: string;
}

/**
 * The problems worth showing, in the order of the text: one per place (line and column), a
 * YAML syntax error alone (the first; what follows it in the text is noise until it is fixed),
 * at most MAX_LISTED with the number left out.
 */
export function actionableErrors(
  errors: readonly Diagnostic[],
  edited: string,
  relative: (file: string) => string,
): { errors: ListedError[]; more: number } {
  const syntax = errors.filter((e) => e.code === 'YAML_SYNTAX');
  const chosen = syntax.length > 0 ? [first(syntax)] : errors;
  const seen = new Set<string>();
  const out: ListedError[] = [];
  for (const e of chosen) {
    const here = e.file === null || e.file === edited;
    const key = `${here ? '' : e.file}:${e.line ?? '-'}:${e.column ?? '-'}`;
    if (e.line !== null && seen.has(key)) continue;
    seen.add(key);
    out.push({
      line: e.line,
      column: e.column,
      message: e.message,
      file: here || e.file === null ? null : relative(e.file),
      code: e.code,
    });
  }
  return { errors: out.slice(0, MAX_LISTED), more: Math.max(0, out.length - MAX_LISTED) };
}

function first(errors: Diagnostic[]): Diagnostic {
  return [...errors].sort(
    (a, b) => (a.line ?? Infinity) - (b.line ?? Infinity) || (a.column ?? 0) - (b.column ?? 0),
  )[0]!;
}

/** What a parameter name stands for, shown when the pointer rests on it. */
export interface ParameterInfo {
  readonly name: string;
  /** As written (a number, an expression or a phrase). */
  readonly written: string;
  /** Its base-case value, when the text validates. */
  readonly value: number | null;
  readonly label: string | null;
  readonly note: string | null;
  readonly source: string | null;
  /** The library that defines it, when imported. */
  readonly from: string | null;
}

/** Names the editor completes, and what it shows on hover. */
export interface EditorSymbols {
  readonly parameters: ParameterInfo[];
  readonly criteria: string[];
  readonly subtrees: string[];
  readonly sources: { id: string; title: string }[];
  readonly nodeTypes: readonly string[];
  readonly phrases: readonly string[];
}

export const NODE_TYPES = ['decision', 'chance', 'outcome'] as const;

/**
 * The names of an edited text: read from the text itself (so they are there while it does not
 * validate), and from the loaded scenario when it does (imported parameters and sources, and
 * every parameter's value).
 */
export function editorSymbols(
  text: string,
  doc: ScenarioDocument | null,
  relative: (file: string) => string,
): EditorSymbols {
  const parsed = parseYaml(text);
  const raw = parsed.ok && isMap(parsed.value) ? parsed.value : {};
  const params = new Map<string, ParameterInfo>();
  for (const [name, p] of Object.entries(isMap(raw.parameters) ? raw.parameters : {})) {
    const long = isMap(p) ? p : {};
    params.set(name, {
      name,
      written: text1(isMap(p) ? long.value : p) ?? '',
      value: null,
      label: text1(long.label),
      note: text1(long.note),
      source: text1(long.source),
      from: null,
    });
  }
  const sources = new Map<string, string>();
  for (const s of Array.isArray(raw.sources) ? raw.sources : [])
    if (isMap(s) && typeof s.id === 'string') sources.set(s.id, text1(s.title) ?? '');
  if (doc?.ok) {
    for (const p of doc.scenario.parameters) {
      const mine = params.get(p.name);
      params.set(p.name, {
        name: p.name,
        written: mine?.written ?? p.phrase ?? '',
        value: doc.base.parameters[p.name] ?? null,
        label: p.label,
        note: p.note,
        source: p.source,
        from: p.file === null ? null : relative(p.file),
      });
    }
    for (const s of doc.scenario.sources) if (!sources.has(s.id)) sources.set(s.id, s.title);
  }
  const criteria = Array.isArray(raw.criteria)
    ? raw.criteria.flatMap((c) => (isMap(c) && typeof c.id === 'string' ? [c.id] : []))
    : [];
  return {
    parameters: [...params.values()],
    criteria: doc?.ok ? doc.scenario.criteria.map((c) => c.id) : criteria,
    subtrees: Object.keys(isMap(raw.subtrees) ? raw.subtrees : {}),
    sources: [...sources].map(([id, title]) => ({ id, title })),
    nodeTypes: NODE_TYPES,
    phrases: PHRASES,
  };
}

function isMap(x: unknown): x is Record<string, unknown> {
  return x !== null && typeof x === 'object' && !Array.isArray(x);
}

function text1(x: unknown): string | null {
  return typeof x === 'string' ? x : typeof x === 'number' ? String(x) : null;
}
