/** An input of a sensitivity analysis as far as its name goes: a parameter, or a criterion weight. */
export interface LabelledInput {
  readonly kind: 'parameter' | 'weight';
  readonly label: string;
}

/** The name an input goes by in tables and charts: its label, or "Weight of <criterion>". */
export function inputLabel(e: LabelledInput): string {
  return e.kind === 'weight' ? `Weight of ${e.label.replace(/^the weight of /, '')}` : e.label;
}
