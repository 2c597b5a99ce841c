/**
 * The fields a page's address carries, as (name, value) pairs in the form's order: each field
 * whose value differs from the scenario file's, each that differs from the variant's own value
 * on a variant's page (a variant's value set back to the file's must stay in the address, or
 * the address would mean the variant's), and each indicator answered. The page (GET), its
 * shareable query and the live page's `shown` all use it, so one address means one set of values.
 */
export function queryPairs(
  fields: readonly { name: string; value: string; changed: boolean }[],
  indicators: readonly { name: string; state: string }[],
  variant: Readonly<Record<string, string>>,
): [string, string][] {
  return [
    ...fields
      .filter((f) => f.changed || (variant[f.name] !== undefined && variant[f.name] !== f.value))
      .map((f): [string, string] => [f.name, f.value]),
    ...indicators
      .filter((i) => i.state !== 'unknown')
      .map((i): [string, string] => [i.name, i.state]),
  ];
}
