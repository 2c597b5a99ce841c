import { InvalidArgumentError } from 'commander';
import type { Overrides } from '../engine';

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** Parses `name=value` of a repeatable option; `value` is kept as text when it is not a number. */
function splitAssignment(flag: string, text: string): [string, string] {
  const eq = text.indexOf('=');
  if (eq <= 0 || eq === text.length - 1) {
    throw new InvalidArgumentError(`expected ${flag} name=value, got '${text}'`);
  }
  return [text.slice(0, eq).trim(), text.slice(eq + 1).trim()];
}

/** commander collector for `--set name=value` (a number or an expression). */
export function collectSet(
  text: string,
  previous: Record<string, number | string> = {},
): Record<string, number | string> {
  const [name, value] = splitAssignment('--set', text);
  return { ...previous, [name]: NUMBER.test(value) ? Number(value) : value };
}

/** commander collector for `--weight criterion=number`. */
export function collectWeight(
  text: string,
  previous: Record<string, number> = {},
): Record<string, number> {
  const [id, value] = splitAssignment('--weight', text);
  if (!NUMBER.test(value))
    throw new InvalidArgumentError(`weight of '${id}' must be a number, got '${value}'`);
  return { ...previous, [id]: Number(value) };
}

export function overridesOf(options: {
  set?: Record<string, number | string>;
  weight?: Record<string, number>;
  observe?: { id: string; seen: boolean }[];
}): Overrides {
  return { set: options.set ?? {}, weight: options.weight ?? {}, observe: options.observe ?? [] };
}

/** commander parser for a whole-number option within [min, max]; anything else is wrong usage. */
export function wholeNumber(flag: string, min: number, max: number): (text: string) => number {
  return (text) => {
    const n = Number(text);
    if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(
        `${flag} must be a whole number from ${min} to ${max}, got '${text}'`,
      );
    }
    return n;
  };
}

/** commander collector for `--observe ID`, `--observe ID=yes` or `--observe ID=no`, in order. */
export function collectObserve(
  text: string,
  previous: { id: string; seen: boolean }[] = [],
): { id: string; seen: boolean }[] {
  const eq = text.indexOf('=');
  const id = (eq < 0 ? text : text.slice(0, eq)).trim();
  const answer =
    eq < 0
      ? 'yes'
      : text
          .slice(eq + 1)
          .trim()
          .toLowerCase();
  if (id === '' || !['yes', 'no', 'seen', 'not-seen', 'true', 'false'].includes(answer))
    throw new InvalidArgumentError(
      `expected --observe ID (seen) or --observe ID=no (looked for, not seen), got '${text}'`,
    );
  return [...previous, { id, seen: ['yes', 'seen', 'true'].includes(answer) }];
}
