import { isAbsolute, relative } from 'node:path';
import type { Diagnostic } from '../model/diagnostic';

/** `file` relative to `dir`, for messages (a path outside it stays as it is). */
export function relativeFile(dir: string, file: string): string {
  const rel = relative(dir, file);
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? file : rel;
}

/** Diagnostics with their files named relative to `dir`. */
export function relativeErrors(dir: string, errors: readonly Diagnostic[]): Diagnostic[] {
  return errors.map((e) => (e.file === null ? e : { ...e, file: relativeFile(dir, e.file) }));
}

/** Whether `file` lies inside `dir` (and is not `dir` itself). */
export function isInside(dir: string, file: string): boolean {
  const rel = relative(dir, file);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}
