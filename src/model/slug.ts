/**
 * The default id of a node: NFKD, drop marks, lower-case, each run of characters outside
 * `a-z0-9` becomes one `-`, trimmed (`"Café crème №5"` -> `cafe-creme-no5`).
 * Returns '' when nothing is left (a label in CJK only, say); the caller reports that.
 */
export function slug(label: string): string {
  // Already an id (as in most large generated trees): nothing to change.
  if (PLAIN.test(label)) return label;
  return label
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

const PLAIN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
