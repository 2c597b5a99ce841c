import { FUNCTION_NAMES } from '../expr/compile-expression';
import { orderParameters } from '../expr/order-parameters';
import { diagnostic, type Diagnostic, type SourcePath } from '../model/diagnostic';
import { parseDistribution } from '../model/distribution';
import { bandOfPhrase, ONE_WORD_PHRASES, phraseRange, type Band } from '../model/phrases';
import { PARAMETER_NAME_PATTERN, type RawParameter, type RawSource } from '../model/schema';
import type { Parameter, Quantity, Source } from '../model/types';

/**
 * Parameters and sources, from the scenario and the libraries it imports (FORMAT.md sections 1,
 * 6 and 8): names checked, phrases turned into their band's value, range and distribution,
 * values compiled, and every name defined twice reported at both places.
 */

/** One file's parameters and sources: the scenario's own (`file` null) or a library's. */
export interface ParameterInput {
  readonly file: string | null;
  /** The root of that file's document, so problems are located in its own text. */
  readonly root: SourcePath;
  readonly parameters: Readonly<Record<string, RawParameter>>;
  readonly sources: readonly RawSource[];
}

/** Compiles a number or expression against the parameter names. */
export type CompileQuantity = (
  value: number | string,
  at: SourcePath,
  path: string,
) => Quantity | undefined;

/** Words math.js reads as operators or constants, so a parameter so named could never be used. */
const RESERVED = new Set([
  'and',
  'or',
  'not',
  'xor',
  'mod',
  'to',
  'in',
  'true',
  'false',
  'null',
  'undefined',
  'end',
]);

/** Every source of every file; an id listed twice is reported at each place. */
export function resolveSources(inputs: readonly ParameterInput[], errors: Diagnostic[]): Source[] {
  const seen = new Map<string, SourcePath>();
  const sources: Source[] = [];
  for (const input of inputs) {
    const at = input.root.child('sources');
    input.sources.forEach((s, i) => {
      const here = at.child(i).child('id');
      const first = seen.get(s.id);
      if (first) {
        errors.push(diagnostic('DUPLICATE_ID', `source id '${s.id}' is defined twice`, here));
        if (first.file() !== here.file())
          errors.push(diagnostic('DUPLICATE_ID', `source id '${s.id}' is defined twice`, first));
        return;
      }
      seen.set(s.id, here);
      sources.push(input.file === null ? s : { ...s, file: input.file });
    });
  }
  return sources;
}

/**
 * The order parameters are indexed in: each file's names in file order, libraries first. A name
 * defined twice keeps its first index and is reported at both places.
 */
export function indexParameters(
  inputs: readonly ParameterInput[],
  errors: Diagnostic[],
): Map<string, number> {
  const index = new Map<string, number>();
  const where = new Map<string, SourcePath>();
  for (const input of inputs) {
    for (const name of Object.keys(input.parameters)) {
      const at = input.root.child('parameters', name);
      const first = where.get(name);
      if (first) {
        const message = (other: SourcePath) =>
          `parameter '${name}' is defined twice: here and in ${other.file() ?? 'the scenario'}`;
        errors.push(diagnostic('DUPLICATE_ID', message(first), at, name, true));
        errors.push(diagnostic('DUPLICATE_ID', message(at), first, name, true));
        continue;
      }
      where.set(name, at);
      index.set(name, index.size);
    }
  }
  return index;
}

/** Resolves every parameter named in `index`, in index order; a name's second definition is skipped. */
export function resolveParameters(
  inputs: readonly ParameterInput[],
  index: ReadonlyMap<string, number>,
  sourceIds: ReadonlySet<string>,
  compile: CompileQuantity,
  errors: Diagnostic[],
): Parameter[] | undefined {
  const parameters: (Parameter | undefined)[] = [];
  const done = new Set<string>();
  for (const input of inputs) {
    for (const [name, raw] of Object.entries(input.parameters)) {
      if (done.has(name)) continue;
      done.add(name);
      const at = input.root.child('parameters', name);
      parameters[index.get(name)!] = resolveParameter(
        name,
        raw,
        at,
        input.file,
        index,
        sourceIds,
        compile,
        errors,
      );
    }
  }
  if (parameters.some((p) => p === undefined)) return undefined;
  checkCycles(parameters as Parameter[], errors);
  return parameters as Parameter[];
}

function resolveParameter(
  name: string,
  raw: RawParameter,
  at: SourcePath,
  file: string | null,
  index: ReadonlyMap<string, number>,
  sourceIds: ReadonlySet<string>,
  compile: CompileQuantity,
  errors: Diagnostic[],
): Parameter | undefined {
  const long = typeof raw === 'object' ? raw : null;
  const written = typeof raw === 'object' ? raw.value : raw;
  const valueAt = long ? at.child('value') : at;
  checkName(name, at, errors);
  const band = typeof written === 'string' ? bandOfPhrase(written) : undefined;
  const value: Quantity | undefined = band
    ? { kind: 'number', value: band.value, at: valueAt }
    : compile(written, valueAt, name);
  const confidence = long?.confidence ?? null;
  const range = long?.range ?? (band ? phraseRange(band, confidence) : null);
  // Without a distribution of its own, a phrase is drawn uniformly over its range: the one the
  // analyst stated, else the band (widened at low confidence).
  const distribution = long?.distribution ?? (band && range ? uniformOver(range) : null);
  if (long) checkLong(long, name, at, value, sourceIds, errors);
  if (!value) return undefined;
  return {
    name,
    index: index.get(name)!,
    value,
    range,
    distribution,
    label: long?.label ?? null,
    unit: long?.unit ?? null,
    source: long?.source ?? null,
    note: long?.note ?? null,
    phrase: band ? phraseWritten(written as string, band) : null,
    confidence,
    probability: band !== undefined,
    file,
    at,
  };
}

/** The phrase as the table spells it (a synonym stays a synonym). */
function phraseWritten(text: string, band: Band): string {
  const t = text.trim().toLowerCase().replace(/\s+/g, ' ');
  return t === band.synonym ? band.synonym : band.phrase;
}

function uniformOver([low, high]: readonly [number, number]): string {
  return `uniform(${low}, ${high})`;
}

function checkName(name: string, at: SourcePath, errors: Diagnostic[]): void {
  const bad = (message: string) => errors.push(diagnostic('BAD_ID', message, at, name));
  if (!PARAMETER_NAME_PATTERN.test(name))
    bad(`parameter name '${name}' must be letters, digits and _, not starting with a digit`);
  else if (RESERVED.has(name))
    bad(`parameter name '${name}' is a reserved word in expressions; choose another`);
  else if (FUNCTION_NAMES.has(name))
    bad(`parameter name '${name}' is taken by the function ${name}(); choose another`);
  else if (ONE_WORD_PHRASES.has(name.toLowerCase()))
    bad(
      `parameter name '${name}' reads as the estimative phrase '${name.toLowerCase()}'; choose another, such as p_${name.toLowerCase()}`,
    );
}

function checkLong(
  long: Exclude<RawParameter, number | string>,
  name: string,
  at: SourcePath,
  value: Quantity | undefined,
  sourceIds: ReadonlySet<string>,
  errors: Diagnostic[],
): void {
  if (long.source !== undefined && !sourceIds.has(long.source)) {
    const known = [...sourceIds];
    errors.push(
      diagnostic(
        'UNKNOWN_SOURCE',
        `unknown source '${long.source}'; ${known.length > 0 ? `sources are ${known.join(', ')}` : 'the scenario lists no sources'}`,
        at.child('source'),
        name,
      ),
    );
  }
  if (long.range) {
    const [low, high] = long.range;
    if (low > high)
      errors.push(
        diagnostic(
          'BAD_VALUE',
          `range [${low}, ${high}] has low > high; write [low, high]`,
          at.child('range'),
          name,
        ),
      );
    else if (value?.kind === 'number' && (value.value < low || value.value > high))
      errors.push(
        diagnostic(
          'RANGE_EXCLUDES_VALUE',
          `value ${value.value} of '${name}' lies outside its range [${low}, ${high}]`,
          at.child('value'),
          name,
        ),
      );
  }
  if (long.distribution !== undefined) {
    const parsed = parseDistribution(long.distribution);
    if (!parsed.ok)
      errors.push(diagnostic('BAD_DISTRIBUTION', parsed.message, at.child('distribution'), name));
  }
}

function checkCycles(parameters: Parameter[], errors: Diagnostic[]): void {
  const uses = parameters.map((p) =>
    p.value.kind === 'expression' ? p.value.expression.uses : [],
  );
  const ordered = orderParameters(uses);
  if (ordered.ok) return;
  for (const cycle of ordered.cycles) {
    const names = cycle.map((i) => parameters[i]!.name);
    const first = parameters[cycle[0]!]!;
    errors.push(
      diagnostic(
        'PARAMETER_CYCLE',
        `parameters depend on each other in a cycle: ${names.join(' -> ')}`,
        first.value.at,
        first.name,
      ),
    );
  }
}
