import * as jsYaml from 'js-yaml';
import { LineCounter, parseDocument } from 'yaml';
import { diagnostic, type Diagnostic, type Result } from '../model/diagnostic';
import { LIMITS } from './limits';

/**
 * YAML text -> plain JS value. The happy path uses js-yaml (about 8x faster than `yaml` on large
 * files); only when it fails does `yaml` parse the text again, to report every syntax error with
 * its position. Both use the YAML 1.2 core schema, so they agree on what a value is.
 */
export function parseYaml(text: string): Result<unknown> {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > LIMITS.maxFileBytes) {
    return fail(
      'FILE_TOO_LARGE',
      `file is ${mb(bytes)} MB; the limit is ${mb(LIMITS.maxFileBytes)} MB`,
    );
  }
  let value: unknown;
  try {
    // js-yaml bounds nesting itself (`maxDepth`, missing from its type definitions).
    value = jsYaml.load(text, {
      schema: jsYaml.CORE_SCHEMA,
      maxDepth: LIMITS.maxYamlDepth,
    } as jsYaml.LoadOptions);
  } catch (e) {
    return { ok: false, errors: syntaxErrors(text, e) };
  }
  const problem = checkStructure(value, text.includes('&'));
  return problem ? { ok: false, errors: [problem] } : { ok: true, value };
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
  try {
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
 * js-yaml cuts long strings out of the input as slices, which keep the whole input alive as long
 * as any of them lives: a scenario model would hold on to its file's text. Copy them instead.
 * (V8 slices only strings of 13 characters or more.)
 */
function detach(s: string): string {
  return s.length < 13 ? s : Buffer.from(s, 'utf8').toString('utf8');
}

/**
 * Aliases in js-yaml's output are shared references, so a "billion laughs" file is small in
 * memory but huge to walk, and `&a [*a]` is a cycle. Walk it once, with bounds, before anything
 * else does. Without an `&` in the text there can be no alias, and the walk skips the bookkeeping.
 * On the way it detaches strings from the input text. Its problems carry no position: locating
 * one would mean parsing the oversized file again with the slower parser.
 */
function checkStructure(root: unknown, mayAlias: boolean): Diagnostic | undefined {
  const seen = mayAlias ? new Set<object>() : undefined;
  let aliases = 0;
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
    if (seen) {
      if (seen.has(value) && ++aliases > LIMITS.maxAliases) {
        return diagnostic(
          'TOO_MANY_ALIASES',
          `file uses more than ${LIMITS.maxAliases} aliases`,
          undefined,
        );
      }
      seen.add(value);
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
