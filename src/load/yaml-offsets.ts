import * as jsYaml from 'js-yaml';
import { LIMITS } from './limits';

/** Where one path of mapping keys and sequence indices starts in the text. */
export interface PathOffsets {
  /** Offsets of the values along the path that exist, by depth (0: the document root). */
  values: number[];
  /** Offset of the last key of the path, when it is there. */
  key: number | undefined;
}

/** The part of js-yaml's loader state a listener reads. */
interface ListenerState {
  input: string;
  position: number;
  result: unknown;
  kind: string | null;
  tag: string | null;
}

interface Frame {
  /** The path down to this node, joined; null when no path asked for goes through it. */
  key: string | null;
  kind: 'seq' | 'map' | 'other';
  flow: boolean;
  start: number;
  count: number;
  /** A key just read in this mapping whose value has not been opened yet. */
  pendingKey: string | undefined;
  pendingKeyEnd: number;
  /** This node sits in a mapping where a key is expected. */
  keyCandidate: boolean;
}

const SEP = '\u0000';

/**
 * Offsets of the nodes along `paths` (as in `SourcePath.toArray()`), found in one pass of js-yaml
 * with a listener: it costs about what loading the file costs, with memory for the paths asked
 * for only. (`yaml`'s document API, which keeps every position, needs a gigabyte for a 10 MB file.)
 * Returns undefined when the text does not load.
 */
export function findOffsets(
  text: string,
  paths: readonly (readonly (string | number)[])[],
): PathOffsets[] | undefined {
  const wanted = new Set<string>();
  for (const path of paths) {
    let key = '';
    wanted.add(key);
    for (const k of path) wanted.add((key = key + SEP + String(k)));
  }
  const values = new Map<string, number>();
  const keys = new Map<string, number>();
  // js-yaml drops a leading byte-order mark: its positions are one less than in `text`.
  const shift = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const stack: Frame[] = [];

  const listener = (event: 'open' | 'close', state: ListenerState): void => {
    const input = state.input;
    const parent = stack[stack.length - 1];
    if (event === 'open') {
      const start = skipBlank(input, state.position);
      if (parent && parent.key !== null && start === parent.start && isFlowStart(input, start)) {
        // js-yaml reads a flow collection in block context inside a second node at the same
        // place (an attempt at a block mapping key): that node stands for its parent.
        stack.push({ ...parent, keyCandidate: false });
        return;
      }
      let key: string | null = null;
      let keyCandidate = false;
      if (!parent) key = '';
      else if (parent.key !== null) {
        if (parent.kind === 'seq') key = parent.key + SEP + String(parent.count++);
        else if (parent.kind === 'map') {
          if (parent.pendingKey !== undefined && isValue(input, parent, start))
            key = parent.key + SEP + parent.pendingKey;
          else keyCandidate = true;
          parent.pendingKey = undefined;
        }
      }
      if (key !== null && !wanted.has(key)) key = null;
      // An empty document (comments only) is placed at its beginning.
      const at = !parent && start >= input.length - 1 ? 0 : start + shift;
      if (key !== null && !values.has(key)) values.set(key, at);
      const content = key === null ? start : skipProperties(input, start);
      const c = input.charCodeAt(content);
      stack.push({
        key,
        kind:
          key === null
            ? 'other'
            : c === 0x5b || (c === 0x2d && isBlank(input.charCodeAt(content + 1)))
              ? 'seq'
              : 'map',
        flow: c === 0x7b,
        start: content,
        count: 0,
        pendingKey: undefined,
        pendingKeyEnd: 0,
        keyCandidate,
      });
      return;
    }
    const frame = stack.pop()!;
    const owner = stack[stack.length - 1];
    if (owner && frame.key !== null && frame.key === owner.key) {
      owner.count = frame.count;
      return;
    }
    if (!owner || owner.kind !== 'map' || owner.key === null || !frame.keyCandidate) return;
    if (!followedByColon(input, state.position, owner.flow)) return;
    owner.pendingKey = String(state.result);
    owner.pendingKeyEnd = state.position;
    const key = owner.key + SEP + owner.pendingKey;
    if (wanted.has(key) && !keys.has(key)) keys.set(key, frame.start + shift);
  };

  try {
    jsYaml.load(text, {
      schema: jsYaml.CORE_SCHEMA,
      maxDepth: LIMITS.maxYamlDepth,
      listener,
    } as unknown as jsYaml.LoadOptions);
  } catch {
    return undefined;
  }
  return paths.map((path) => {
    const found: number[] = [];
    let key = '';
    let at = values.get(key);
    if (at !== undefined) found.push(at);
    let last: number | undefined;
    for (let i = 0; i < path.length && at !== undefined; i++) {
      key = key + SEP + String(path[i]);
      last = i === path.length - 1 ? keys.get(key) : undefined;
      // A key with no value (`a:` then the next key) still has the key's own place.
      at = values.get(key) ?? keys.get(key);
      if (at !== undefined) found.push(at);
    }
    return { values: found, key: last };
  });
}

/** The node opened at `start` is the value of the mapping's pending key, not its next key. */
function isValue(input: string, map: Frame, start: number): boolean {
  if (map.flow) return true;
  const newline = input.indexOf('\n', map.pendingKeyEnd);
  if (newline === -1 || newline >= start) return true;
  if (columnOf(input, start) > columnOf(input, map.start)) return true;
  // A block sequence may sit at its key's indentation.
  return input.charCodeAt(start) === 0x2d && isBlank(input.charCodeAt(start + 1));
}

function columnOf(input: string, offset: number): number {
  return offset - (input.lastIndexOf('\n', offset - 1) + 1);
}

function followedByColon(input: string, position: number, flow: boolean): boolean {
  let p = position;
  while (input.charCodeAt(p) === 0x20 || input.charCodeAt(p) === 0x09) p++;
  if (input.charCodeAt(p) !== 0x3a) return false;
  return flow || isBlank(input.charCodeAt(p + 1));
}

/** Spaces, line breaks, the end of the text (js-yaml appends a NUL). */
function isBlank(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0 || Number.isNaN(c);
}

function isFlowStart(input: string, position: number): boolean {
  const c = input.charCodeAt(position);
  return c === 0x5b || c === 0x7b;
}

/** Skips white space, line breaks and comments. */
export function skipBlank(input: string, position: number): number {
  let p = position;
  for (;;) {
    const c = input.charCodeAt(p);
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) p++;
    else if (c === 0x23) {
      const end = input.indexOf('\n', p);
      if (end === -1) return input.length;
      p = end + 1;
    } else return p;
  }
}

/** Skips a node's anchor and tag (`&name !tag`) to where its content starts. */
function skipProperties(input: string, position: number): number {
  let p = position;
  while (input.charCodeAt(p) === 0x26 || input.charCodeAt(p) === 0x21) {
    while (p < input.length && !isBlank(input.charCodeAt(p))) p++;
    p = skipBlank(input, p);
  }
  return p;
}

/** 1-based line and column of `offset`, counting `\n` (so `\r\n` too) as a line break. */
export function linePosition(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let from = 0;
  for (;;) {
    const next = text.indexOf('\n', from);
    if (next === -1 || next >= offset) break;
    line++;
    from = next + 1;
  }
  return { line, col: offset - from + 1 };
}
