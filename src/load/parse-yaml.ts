import * as jsYaml from 'js-yaml';
import type * as Yaml from 'yaml';
import { diagnostic, SourcePath, type Diagnostic, type Result } from '../model/diagnostic';
import { detach } from './detach';
import { LIMITS } from './limits';
import { readSimpleYaml } from './read-simple-yaml';
import { linePosition, skipBlank } from './yaml-offsets';

/**
 * YAML text -> plain JS value. Files in the common subset of YAML are read by `readSimpleYaml`
 * (about three times faster than js-yaml); the others by js-yaml (about 8x faster than `yaml` on
 * large files). Only when js-yaml fails does `yaml` parse the text again, to report every syntax
 * error with its position. All use the YAML 1.2 core schema, so they agree on what a value is.
 */
export function parseYaml(text: string): Result<unknown> {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > LIMITS.maxFileBytes) {
    return fail(
      'FILE_TOO_LARGE',
      `file is ${mb(bytes)} MB; the limit is ${mb(LIMITS.maxFileBytes)} MB`,
    );
  }
  // The simple reader bounds what it reads and detaches its strings itself (its comment says how).
  const simple = readSimpleYaml(text);
  if (simple !== undefined) return { ok: true, value: simple };
  const value = readAnyYaml(text);
  if (value instanceof Failure) return { ok: false, errors: value.errors };
  const problem = checkStructure(value);
  return problem ? { ok: false, errors: [problem] } : { ok: true, value };
}

/** Errors from js-yaml, as a value (undefined is a value too: an empty file). */
class Failure {
  constructor(readonly errors: Diagnostic[]) {}
}

/** All of YAML, by js-yaml; its errors and the alias guard's as a `Failure`. */
function readAnyYaml(text: string): unknown {
  let value: unknown;
  try {
    // js-yaml bounds nesting itself (`maxDepth`, missing from its type definitions). Without an
    // anchor there is no alias (js-yaml refuses one it cannot resolve), so the guard's
    // bookkeeping, a call per node, is skipped.
    value = jsYaml.load(text, {
      schema: jsYaml.CORE_SCHEMA,
      maxDepth: LIMITS.maxYamlDepth,
      ...(mayHaveAnchor(text) && { listener: aliasGuard() }),
    } as unknown as jsYaml.LoadOptions);
  } catch (e) {
    if (e instanceof AliasLimit) {
      const shift = text.charCodeAt(0) === 0xfeff ? 1 : 0;
      const pos = linePosition(text, e.offset + shift);
      return new Failure([{ ...e.diagnostic, line: pos.line, column: pos.col }]);
    }
    return new Failure(syntaxErrors(text, e));
  }
  return value;
}

/**
 * False only when no anchor (`&name`) can be in `text`: an anchor is a node property, so its `&`
 * starts the text or follows a space, a tab, a line break, a byte-order mark, a flow indicator or
 * the `:` of a JSON-like key (`{"a":&x 1}`). Multiplications
 * (`0.5 * g1`) and "R&D" in a label do not turn the alias guard on; a false alarm only costs time.
 */
function mayHaveAnchor(text: string): boolean {
  if (!text.includes('&')) return false;
  return /(?:^|[\s,[\]{}:\uFEFF])&/.test(text);
}

/** Largest text whose syntax errors are all listed (by `yaml`); beyond, js-yaml's first. */
const SYNTAX_DETAIL_CHARS = 1024 * 1024;

/** Thrown out of js-yaml by the alias guard: what went wrong and at which alias. */
class AliasLimit extends Error {
  constructor(
    readonly diagnostic: Diagnostic,
    readonly offset: number,
  ) {
    super(diagnostic.message);
  }
}

/** The part of js-yaml's loader state the guard reads. */
interface LoaderState {
  input: string;
  position: number;
  result: unknown;
  kind: string | null;
  tag: string | null;
}

/**
 * A js-yaml listener that bounds what aliases expand to while the file is read. js-yaml shares an
 * aliased value rather than copying it, but everything after it (detaching strings, checking,
 * resolving, printing) copies it once per use: `s: &s <1 MB>` used 200,000 times is 200 GB
 * downstream. So each use of an alias counts the size of what it stands for (text by its
 * length, other values 8, nested aliases included), and the total must stay under
 * `LIMITS.maxAliasExpansion`; uses are counted (`LIMITS.maxAliases`) whatever they stand for; an
 * alias of a collection that is still being read (`&a [*a]`) is a cycle. Each refusal names the
 * alias's place.
 */
function aliasGuard(): (event: 'open' | 'close', state: LoaderState) => void {
  const opened: number[] = [];
  const closed = new WeakSet<object>();
  const sizes = new WeakMap<object, number>();
  let uses = 0;
  let expanded = 0;
  let lastAlias = -1;
  return (event, state) => {
    if (event === 'open') {
      opened.push(state.position);
      return;
    }
    const start = opened.pop()!;
    const result = state.result;
    if (state.kind === 'mapping' || state.kind === 'sequence') {
      if (result !== null && typeof result === 'object') closed.add(result);
      return;
    }
    // An alias leaves no kind and no tag; an empty node leaves no result either.
    if (state.kind !== null || state.tag !== null || result === null || result === undefined)
      return;
    const at = skipBlank(state.input, start);
    // js-yaml may read a node inside a second one at the same place: count the alias once.
    if (state.input.charCodeAt(at) !== 0x2a || at === lastAlias) return;
    lastAlias = at;
    const name = /^\*[^\s,[\]{}]*/.exec(state.input.slice(at, at + 200))?.[0] ?? '*';
    if (++uses > LIMITS.maxAliases) {
      throw new AliasLimit(
        diagnostic(
          'TOO_MANY_ALIASES',
          `alias ${name} is alias use number ${uses}; a file may use aliases at most ${LIMITS.maxAliases} times`,
          undefined,
        ),
        at,
      );
    }
    if (typeof result === 'object' && !closed.has(result)) {
      throw new AliasLimit(
        diagnostic(
          'TOO_DEEP',
          `alias ${name} refers to a collection that contains it, which would nest without end`,
          undefined,
        ),
        at,
      );
    }
    expanded += sizeOf(result, sizes);
    if (expanded > LIMITS.maxAliasExpansion) {
      throw new AliasLimit(
        diagnostic(
          'TOO_MANY_ALIASES',
          `alias ${name} brings what aliases copy to ${mb(expanded)} MB; aliases may copy at most ${mb(LIMITS.maxAliasExpansion)} MB in all (a string counts its length, any other value 8 bytes)`,
          undefined,
        ),
        at,
      );
    }
  };
}

/** What copying `value` costs, as counted by the alias guard; sizes of collections are kept. */
function sizeOf(value: unknown, sizes: WeakMap<object, number>): number {
  if (typeof value === 'string') return value.length;
  if (value === null || typeof value !== 'object') return 8;
  const known = sizes.get(value);
  if (known !== undefined) return known;
  let size = 8;
  // Only finished collections get here (a cycle is refused first), so the recursion is as deep
  // as the nesting, which js-yaml bounds.
  if (Array.isArray(value)) for (const item of value) size += sizeOf(item, sizes);
  else
    for (const [key, item] of Object.entries(value as Record<string, unknown>))
      size += key.length + sizeOf(item, sizes);
  sizes.set(value, size);
  return size;
}

function mb(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1);
}

function fail(code: 'FILE_TOO_LARGE' | 'TOO_DEEP', message: string): Result<never> {
  return { ok: false, errors: [diagnostic(code, message, undefined)] };
}

function syntaxErrors(text: string, jsYamlError: unknown): Diagnostic[] {
  const error = jsYamlError as Partial<jsYaml.YAMLException>;
  const mark = error.mark as { line: number; column: number } | undefined;
  const position = { line: mark ? mark.line + 1 : null, column: mark ? mark.column + 1 : null };
  const reason = error.reason ?? String(jsYamlError);
  if (jsYamlError instanceof RangeError || reason.startsWith('nesting exceeded maxDepth')) {
    const message = `YAML nesting is deeper than ${LIMITS.maxYamlDepth} levels`;
    return [{ ...diagnostic('TOO_DEEP', message, undefined), ...position }];
  }
  if (flowDepth(text) > LIMITS.maxYamlDepth) {
    // `yaml` can abort the whole process on such text (a regular-expression allocation failure
    // no try/catch stops), so it never sees it.
    const message = `YAML nesting is deeper than ${LIMITS.maxYamlDepth} levels`;
    return [{ ...diagnostic('TOO_DEEP', message, undefined), ...position }];
  }
  if (text.length > SYNTAX_DETAIL_CHARS) {
    // `yaml` needs about a hundred times the text's size in memory: a large file gets js-yaml's
    // first error only.
    return [{ ...diagnostic('YAML_SYNTAX', reason, undefined), ...position }];
  }
  try {
    // `yaml` is loaded for a file with a syntax error only, not at every start.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { LineCounter, parseDocument } = require('yaml') as typeof Yaml;
    const lineCounter = new LineCounter();
    const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
    if (doc.errors.length > 0) {
      return doc.errors.map((e) => {
        const pos = lineCounter.linePos(e.pos[0]);
        return {
          ...diagnostic('YAML_SYNTAX', yamlMessage(e.message), undefined),
          line: pos.line,
          column: pos.col,
        };
      });
    }
  } catch {
    // `yaml` could not say more (its own stack limit): fall back to js-yaml's position below.
  }
  return [{ ...diagnostic('YAML_SYNTAX', reason, undefined), ...position }];
}

/**
 * How deeply `[` and `{` nest, counting brackets inside quotes too: an over-estimate that is
 * cheap and errs on the safe side. Block nesting needs indentation, so the file size bounds it.
 */
function flowDepth(text: string): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 91 || c === 123) max = Math.max(max, ++depth);
    else if ((c === 93 || c === 125) && depth > 0) depth--;
  }
  return max;
}

/** `yaml` appends "at line L, column C:" and a snippet; the position is reported separately. */
function yamlMessage(message: string): string {
  return message.replace(/ at line \d+, column \d+:?[\s\S]*$/, '').trim();
}

/**
 * Walks the value once, with bounds, before anything else does: the alias guard has bounded what
 * aliases add, and this bounds the values and their nesting. On the way it detaches strings from
 * the input text (js-yaml cuts them out of it). Its problems carry no position: they concern the
 * file as a whole.
 */
function checkStructure(root: unknown): Diagnostic | undefined {
  let values = 0;
  const stack: unknown[] = [root];
  const depths: number[] = [0];
  while (stack.length > 0) {
    const value = stack.pop();
    const depth = depths.pop()!;
    if (++values > LIMITS.maxYamlValues) {
      return diagnostic(
        'TOO_MANY_NODES',
        `file expands to more than ${LIMITS.maxYamlValues} YAML values`,
        undefined,
      );
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= LIMITS.maxYamlDepth) {
      return diagnostic(
        'TOO_DEEP',
        `YAML nesting is deeper than ${LIMITS.maxYamlDepth} levels`,
        undefined,
      );
    }
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const child: unknown = value[i];
        if (typeof child === 'string') value[i] = detach(child);
        stack.push(child);
        depths.push(depth + 1);
      }
    } else {
      const record = value as Record<string, unknown>;
      if (Object.prototype.hasOwnProperty.call(record, '__proto__')) {
        // Copied into any ordinary object later, the key would vanish or replace its prototype.
        return diagnostic(
          'BAD_ID',
          "'__proto__' cannot be a key: it would be silently lost; rename it",
          pathTo(root, record)?.child('__proto__'),
          '__proto__',
          true,
        );
      }
      for (const key in record) {
        const child = record[key];
        if (typeof child === 'string') record[key] = detach(child);
        stack.push(child);
        depths.push(depth + 1);
      }
    }
  }
  return undefined;
}

/** The path from `root` to the collection `target` (depth-first; bounded by the walk before). */
function pathTo(root: unknown, target: object): SourcePath | undefined {
  const stack: [unknown, SourcePath, number][] = [[root, SourcePath.root, 0]];
  while (stack.length > 0) {
    const [value, path, depth] = stack.pop()!;
    if (value === target) return path;
    if (value === null || typeof value !== 'object' || depth >= LIMITS.maxYamlDepth) continue;
    for (const [key, child] of Object.entries(value as Record<string, unknown>))
      if (child !== null && typeof child === 'object')
        stack.push([child, path.child(Array.isArray(value) ? Number(key) : key), depth + 1]);
  }
  return undefined;
}
