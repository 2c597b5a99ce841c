import * as jsYaml from 'js-yaml';
import { detach } from './detach';
import { LIMITS } from './limits';

/**
 * The YAML most scenario files are written in, read about three times faster than js-yaml reads
 * it: block mappings and sequences, one-line flow collections, plain and one-line quoted
 * scalars, comments. Anything else (block scalars `|` and `>`, anchors, tags, multi-line
 * scalars, escapes, tabs, duplicate keys, syntax errors...) gives `undefined`, and the caller
 * hands the text to js-yaml, which reads all of YAML and says where it is wrong.
 *
 * Whenever it gives a value, it is the value js-yaml gives with the core schema: plain scalars
 * are resolved by js-yaml's own implicit types, and a property test compares the two readers on
 * generated and shipped files and on random text (tests/load/read-simple-yaml.test.ts).
 *
 * A value it gives needs no further check (`parseYaml`'s walk over js-yaml's values): it has no
 * alias, nests at most MAX_DEPTH deep, has at most `LIMITS.maxYamlValues` values, has no
 * `__proto__` key, and its strings are detached from `text`. That walk was an eighth of the time
 * of loading a 100,000-node tree.
 */
export function readSimpleYaml(text: string): unknown {
  try {
    return new Reader(text).document();
  } catch (e) {
    if (e === BAIL) return undefined;
    throw e;
  }
}

/** Thrown, never seen outside: the text is outside the subset. */
const BAIL = new Error('outside the simple subset');

/**
 * Nesting beyond this goes to js-yaml, which bounds it with its own message. It is well within
 * `LIMITS.maxYamlDepth`, so what this reader gives needs no check of its depth.
 */
const MAX_DEPTH = 100;

/** js-yaml's implicit types of the core schema (null, bool, int, float), in its order. */
const IMPLICIT = (jsYaml.CORE_SCHEMA as unknown as { implicit: jsYaml.Type[] }).implicit;

/** Plain scalars shorter than this are cached while reading. */
const CACHED_LENGTH = 24;

const SPACE = 0x20;
const NEWLINE = 0x0a;
const HASH = 0x23;
const COLON = 0x3a;
const DASH = 0x2d;
const COMMA = 0x2c;
const DOUBLE_QUOTE = 0x22;
const SINGLE_QUOTE = 0x27;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

class Reader {
  private pos = 0;
  /** Indent of the line `pos` is on (its first content character), -1 at the end. */
  private indent = -1;
  /** Values read so far, the document's own included, as `parseYaml`'s walk counts them. */
  private values = 1;

  /** Recent short plain scalars (`scalar`): their text and value, by first character and length. */
  private readonly raw: (string | undefined)[] = new Array<string | undefined>(
    0x80 * CACHED_LENGTH,
  ).fill(undefined);
  private readonly resolved: unknown[] = new Array<unknown>(0x80 * CACHED_LENGTH).fill(undefined);

  constructor(private readonly text: string) {}

  /** Counts one more value; beyond the limit js-yaml reads the file, and the walk refuses it. */
  private counted<T>(value: T): T {
    if (++this.values > LIMITS.maxYamlValues) throw BAIL;
    return value;
  }

  document(): unknown {
    if (this.nextLine() !== 0 || !this.keyAhead()) throw BAIL;
    const value = this.mapping(0, 1);
    if (this.indent !== -1) throw BAIL;
    return value;
  }

  /**
   * From the start of a line: skips blank and comment lines, leaves `pos` on the next content
   * character and returns its indent (-1 at the end of the text).
   */
  private nextLine(): number {
    const t = this.text;
    let p = this.pos;
    for (;;) {
      const start = p;
      while (t.charCodeAt(p) === SPACE) p++;
      if (p >= t.length) {
        this.pos = p;
        return (this.indent = -1);
      }
      const c = t.charCodeAt(p);
      if (c === NEWLINE) {
        p++;
        continue;
      }
      if (c === HASH) {
        p = this.commentEnd(p) + 1;
        continue;
      }
      this.pos = p;
      // Document markers and directives start a line.
      if (p === start && (c === DASH || c === 0x2e || c === 0x25) && this.marker(p)) throw BAIL;
      return (this.indent = p - start);
    }
  }

  /** Where the comment at `p` ends: its line break, or the text's end. */
  private commentEnd(p: number): number {
    const t = this.text;
    for (; p < t.length; p++) {
      const c = t.charCodeAt(p);
      if (c === NEWLINE) return p;
      if ((c < SPACE || c > 0x7e) && !printable(c)) throw BAIL;
    }
    return p;
  }

  /** `---`, `...` or a `%` directive at `p`. */
  private marker(p: number): boolean {
    const t = this.text;
    if (t.charCodeAt(p) === 0x25) return true;
    return t.startsWith('---', p) || t.startsWith('...', p);
  }

  /** A block mapping whose keys are at column `col`; `pos` is on its first key. */
  private mapping(col: number, depth: number): Record<string, unknown> {
    if (depth > MAX_DEPTH) throw BAIL;
    const result: Record<string, unknown> = {};
    for (;;) {
      const key = this.key();
      // `__proto__` and the like are found on the prototype, so they bail too.
      if (result[key] !== undefined || key === '<<') throw BAIL;
      result[key] = this.counted(this.valueAfter(col, depth, true));
      if (this.indent !== col) {
        if (this.indent > col) throw BAIL;
        return result;
      }
    }
  }

  /** A block sequence whose dashes are at column `col`; `pos` is on its first dash. */
  private sequence(col: number, depth: number): unknown[] {
    if (depth > MAX_DEPTH) throw BAIL;
    const result: unknown[] = [];
    const t = this.text;
    for (;;) {
      this.pos++; // the dash
      let p = this.pos;
      while (t.charCodeAt(p) === SPACE) p++;
      const c = t.charCodeAt(p);
      if (p > this.pos && c === DASH && this.spaceOrEnd(p + 1)) {
        this.pos = p;
        result.push(
          this.counted(this.nested(this.sequence(p - this.lineStart(p), depth + 1), col)),
        );
      } else if (p > this.pos && p < t.length && c !== NEWLINE && c !== HASH && this.keyAhead(p)) {
        this.pos = p;
        result.push(this.counted(this.nested(this.mapping(p - this.lineStart(p), depth + 1), col)));
      } else {
        result.push(this.counted(this.valueAfter(col, depth, false)));
      }
      if (this.indent !== col) {
        if (this.indent > col) throw BAIL;
        return result;
      }
      if (t.charCodeAt(this.pos) !== DASH || !this.spaceOrEnd(this.pos + 1)) return result;
    }
  }

  /** A collection that started on a dash's line at `col`: what follows must not be inside it. */
  private nested<T>(value: T, col: number): T {
    if (this.indent > col) throw BAIL;
    return value;
  }

  /**
   * The value after a key's `:` (`inMapping`) or a dash at column `col`: on the same line, or
   * a block collection on the lines below, or null. Leaves `pos` on the next content line.
   */
  private valueAfter(col: number, depth: number, inMapping: boolean): unknown {
    const t = this.text;
    let p = this.pos;
    while (t.charCodeAt(p) === SPACE) p++;
    const c = t.charCodeAt(p);
    if (p >= t.length || c === NEWLINE || (c === HASH && p > this.pos)) {
      this.endOfLine();
      const indent = this.nextLine();
      if (indent > col) return this.block(indent, depth + 1);
      // A mapping's sequence may sit at the mapping's own indent (`key:` then `- item`).
      if (inMapping && indent === col && this.dashAt(this.pos))
        return this.sequence(col, depth + 1);
      // js-yaml lets an empty item of a nested sequence swallow an outer sequence's next dash.
      if (!inMapping) throw BAIL;
      return null;
    }
    if (p === this.pos) throw BAIL; // `key:value` or `-value`
    this.pos = p;
    const value = this.inline(depth + 1, false);
    this.endOfLine();
    if (this.nextLine() > col) throw BAIL; // a multi-line scalar, or an error
    return value;
  }

  /** A block collection starting on its own line, at column `col`. */
  private block(col: number, depth: number): unknown {
    if (this.dashAt(this.pos)) return this.sequence(col, depth);
    if (this.keyAhead()) return this.mapping(col, depth);
    throw BAIL;
  }

  private dashAt(p: number): boolean {
    return this.text.charCodeAt(p) === DASH && this.spaceOrEnd(p + 1);
  }

  private spaceOrEnd(p: number): boolean {
    const c = this.text.charCodeAt(p);
    return p >= this.text.length || c === SPACE || c === NEWLINE;
  }

  private lineStart(p: number): number {
    return this.text.lastIndexOf('\n', p - 1) + 1;
  }

  /** After a value: spaces, perhaps a comment, then the line's end. */
  private endOfLine(): void {
    const t = this.text;
    let p = this.pos;
    while (t.charCodeAt(p) === SPACE) p++;
    if (p < t.length) {
      const c = t.charCodeAt(p);
      if (c === HASH && p > this.pos) {
        p = this.commentEnd(p);
      } else if (c !== NEWLINE) throw BAIL;
    }
    this.pos = p < t.length ? p + 1 : p;
  }

  /** Whether a block mapping's key (plain or quoted, then `:` and a space or the line's end) is at `p`. */
  private keyAhead(p = this.pos): boolean {
    const end = this.keyEnd(p);
    return end >= 0 && this.text.charCodeAt(end) === COLON && this.spaceOrEnd(end + 1);
  }

  /** Where a key starting at `p` ends, or -1 if none can start there. */
  private keyEnd(p: number): number {
    const t = this.text;
    const c = t.charCodeAt(p);
    if (c === DOUBLE_QUOTE || c === SINGLE_QUOTE) {
      const close = this.quoteEnd(p);
      return close < 0 ? -1 : close + 1;
    }
    let q = p;
    while (q < t.length && isKeyChar(t.charCodeAt(q))) q++;
    return q > p ? q : -1;
  }

  /** A block mapping's key and its `:`. */
  private key(): string {
    const t = this.text;
    const p = this.pos;
    const end = this.keyEnd(p);
    if (end < 0 || t.charCodeAt(end) !== COLON || !this.spaceOrEnd(end + 1)) throw BAIL;
    const c = t.charCodeAt(p);
    const key =
      c === DOUBLE_QUOTE || c === SINGLE_QUOTE ? this.quoted(p) : String(this.scalar(p, end));
    this.pos = end + 1;
    return key;
  }

  /**
   * The resolved plain scalar `text[p, end)`. Short scalars recur (keys, node types, small
   * numbers): the last one of each first character and length is kept, and found again without
   * cutting and resolving the text, which is most of the reading's cost.
   */
  private scalar(p: number, end: number): unknown {
    const t = this.text;
    const length = end - p;
    const first = t.charCodeAt(p);
    if (length >= CACHED_LENGTH || first >= 0x80) return detached(resolve(t.slice(p, end)));
    const slot = first * CACHED_LENGTH + length;
    const known = this.raw[slot];
    if (known !== undefined && sameText(t, p, known)) return this.resolved[slot];
    const raw = t.slice(p, end);
    const value = detached(resolve(raw));
    this.raw[slot] = raw;
    this.resolved[slot] = value;
    return value;
  }

  /** A scalar or flow collection on the current line. */
  private inline(depth: number, flow: boolean): unknown {
    if (depth > MAX_DEPTH) throw BAIL;
    const t = this.text;
    const p = this.pos;
    const c = t.charCodeAt(p);
    if (c === DOUBLE_QUOTE || c === SINGLE_QUOTE) {
      return this.quoted(p);
    }
    if (c === OPEN_BRACE) return this.flowMapping(depth);
    if (c === OPEN_BRACKET) return this.flowSequence(depth);
    return this.plain(flow);
  }

  /** Position of the quote closing the one-line quoted scalar at `p`, or -1. */
  private quoteEnd(p: number): number {
    const t = this.text;
    const quote = t.charCodeAt(p);
    for (let q = p + 1; q < t.length; q++) {
      const c = t.charCodeAt(q);
      if (c === NEWLINE || ((c < SPACE || c > 0x7e) && !printable(c))) return -1;
      if (quote === DOUBLE_QUOTE) {
        if (c === BACKSLASH) return -1;
        if (c === DOUBLE_QUOTE) return q;
      } else if (c === SINGLE_QUOTE) {
        if (t.charCodeAt(q + 1) !== SINGLE_QUOTE) return q;
        q++; // '' is one quote
      }
    }
    return -1;
  }

  /** The one-line quoted scalar at `p`; leaves `pos` after its closing quote. */
  private quoted(p: number): string {
    const end = this.quoteEnd(p);
    if (end < 0) throw BAIL;
    this.pos = end + 1;
    const body = this.text.slice(p + 1, end);
    return detach(this.text.charCodeAt(p) === SINGLE_QUOTE ? body.replaceAll("''", "'") : body);
  }

  /**
   * A plain scalar, resolved. In a block it runs to the line's end or a comment; in a flow
   * collection to `,`, `]`, `}` or `: `. Starts and contents that YAML reads otherwise bail.
   */
  private plain(flow: boolean): unknown {
    const t = this.text;
    const p = this.pos;
    const first = t.charCodeAt(p);
    if (
      p >= t.length ||
      INDICATORS[first] === 1 ||
      ((first === DASH || first === 0x3f || first === COLON) &&
        (this.spaceOrEnd(p + 1) || (flow && isFlowIndicator(t.charCodeAt(p + 1)))))
    )
      throw BAIL;
    let q = p;
    let end = p;
    for (; q < t.length; q++) {
      const c = t.charCodeAt(q);
      if (c === NEWLINE) break;
      if (c === SPACE) continue;
      if ((c < SPACE || c > 0x7e) && !printable(c)) throw BAIL;
      if (c === HASH && t.charCodeAt(q - 1) === SPACE) break;
      if (c === COLON) {
        const next = t.charCodeAt(q + 1);
        if (q + 1 >= t.length || next === SPACE || next === NEWLINE) {
          if (flow) break;
          throw BAIL; // `a: b` as a value
        }
        if (flow && isFlowIndicator(next)) throw BAIL;
      }
      if (flow) {
        if (c === COMMA || c === CLOSE_BRACKET || c === CLOSE_BRACE) break;
        if (c === OPEN_BRACKET || c === OPEN_BRACE) throw BAIL;
      }
      end = q + 1;
    }
    this.pos = end;
    return this.scalar(p, end);
  }

  private flowMapping(depth: number): Record<string, unknown> {
    const t = this.text;
    const result: Record<string, unknown> = {};
    this.pos++;
    this.flowSpaces();
    if (t.charCodeAt(this.pos) === CLOSE_BRACE) {
      this.pos++;
      return result;
    }
    for (;;) {
      const p = this.pos;
      const c = t.charCodeAt(p);
      let key: string;
      if (c === DOUBLE_QUOTE || c === SINGLE_QUOTE) {
        key = this.quoted(p);
      } else {
        if (c === OPEN_BRACE || c === OPEN_BRACKET) throw BAIL;
        key = String(this.plain(true));
      }
      if (t.charCodeAt(this.pos) !== COLON || t.charCodeAt(this.pos + 1) !== SPACE) throw BAIL;
      if (result[key] !== undefined || key === '<<') throw BAIL;
      this.pos += 2;
      this.flowSpaces();
      result[key] = this.counted(this.flowValue(depth));
      if (this.flowNext(CLOSE_BRACE)) return result;
    }
  }

  private flowSequence(depth: number): unknown[] {
    const t = this.text;
    const result: unknown[] = [];
    this.pos++;
    this.flowSpaces();
    if (t.charCodeAt(this.pos) === CLOSE_BRACKET) {
      this.pos++;
      return result;
    }
    for (;;) {
      result.push(this.counted(this.flowValue(depth)));
      if (t.charCodeAt(this.pos) === COLON) throw BAIL; // a one-pair mapping
      if (this.flowNext(CLOSE_BRACKET)) return result;
    }
  }

  private flowValue(depth: number): unknown {
    const c = this.text.charCodeAt(this.pos);
    if (c === COMMA || c === CLOSE_BRACE || c === CLOSE_BRACKET) throw BAIL; // an empty value
    const value = this.inline(depth + 1, true);
    this.flowSpaces();
    return value;
  }

  /** After a flow entry: `,` and the next entry (false) or the closing bracket (true). */
  private flowNext(close: number): boolean {
    const c = this.text.charCodeAt(this.pos);
    if (c === close) {
      this.pos++;
      return true;
    }
    if (c !== COMMA) throw BAIL;
    this.pos++;
    this.flowSpaces();
    const next = this.text.charCodeAt(this.pos);
    if (next === CLOSE_BRACE || next === CLOSE_BRACKET || next === COMMA) throw BAIL;
    return false;
  }

  private flowSpaces(): void {
    while (this.text.charCodeAt(this.pos) === SPACE) this.pos++;
  }
}

/** A resolved scalar, a string detached from the text. */
function detached(value: unknown): unknown {
  return typeof value === 'string' ? detach(value) : value;
}

/** Characters a plain scalar cannot start with, by code (ASCII only). */
const INDICATORS = new Uint8Array(0x80);
for (const c of '[]{},#&*!|>\'"%@`') INDICATORS[c.charCodeAt(0)] = 1;

/** Whether `text` has `short` at `p` (a loop: `startsWith` with a position costs more here). */
function sameText(text: string, p: number, short: string): boolean {
  for (let i = 0; i < short.length; i++)
    if (text.charCodeAt(p + i) !== short.charCodeAt(i)) return false;
  return true;
}

/**
 * Whether the reader takes `c` in a scalar or comment, once the ASCII printable characters are
 * known to be fine. It leaves to js-yaml tabs, carriage returns, control and non-printable
 * characters (js-yaml refuses some), byte-order marks, line separators and surrogates (emoji).
 * Keys and the spaces between tokens are ASCII by construction.
 */
function printable(c: number): boolean {
  return (
    (c >= 0x20 && c <= 0x7e) ||
    (c >= 0xa0 && c <= 0x2027) ||
    (c >= 0x202a && c <= 0xd7ff) ||
    (c >= 0xe000 && c <= 0xfefe) ||
    (c >= 0xff00 && c <= 0xfffd)
  );
}

function isFlowIndicator(c: number): boolean {
  return (
    c === COMMA ||
    c === OPEN_BRACKET ||
    c === CLOSE_BRACKET ||
    c === OPEN_BRACE ||
    c === CLOSE_BRACE
  );
}

/** Characters of plain keys the reader takes: ids, words joined by `_`, `-` and `.`. */
function isKeyChar(c: number): boolean {
  return (
    (c >= 0x61 && c <= 0x7a) || // a-z
    (c >= 0x41 && c <= 0x5a) || // A-Z
    (c >= 0x30 && c <= 0x39) || // 0-9
    c === 0x5f || // _
    c === DASH ||
    c === 0x2e // .
  );
}

/**
 * A plain scalar's value, as js-yaml resolves it. A scalar starting with a letter is a string
 * unless it is a word of four or five letters (null, true, false in their cases): ints and
 * floats start with a digit, a sign or a dot. The tests check this against the types themselves.
 */
function resolve(s: string): unknown {
  const c = s.charCodeAt(0) | 0x20; // lower case, for letters
  if (c >= 0x61 && c <= 0x7a && (s.length < 4 || s.length > 5)) return s;
  for (const type of IMPLICIT) if (type.resolve(s)) return type.construct(s);
  return s;
}

/** For the tests: the resolver above. */
export const resolvePlainScalar = resolve;
