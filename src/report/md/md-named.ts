import { mdCode, mdText } from '../markdown-text';
import { exact } from '../report-text';

/** "Label (`name`)", or just the name in code when there is no label. */
export function named(label: string | null, name: string): string {
  return label && label !== name ? `${mdText(label)} (${mdCode(name)})` : mdCode(name);
}

/** A parameter's definition: a number, or an expression in code and its value. */
export function mdChange(
  definition: number | string,
  value: number | null,
  probability = false,
): string {
  return typeof definition === 'number'
    ? exact(definition, probability)
    : `${mdCode(definition)} = ${exact(value, probability)}`;
}
