import { formatDiagnostic } from '../load';
import { plainText } from './markdown';
import type { StoredScenario } from './scenario-store';

/** What the list page shows of one scenario, its variants listed under it. */
export interface SummaryView {
  id: string;
  title: string;
  excerpt: string;
  valid: boolean;
  choice: string | null;
  errors: string[];
  variants: SummaryView[];
}

/** The list page: scenarios in file order, each with its variants. */
export function summaryViews(list: readonly StoredScenario[]): SummaryView[] {
  const top = list.filter((s) => s.variantOf === null).map(summaryView);
  for (const v of list.filter((s) => s.variantOf !== null)) {
    top.find((s) => s.id === v.variantOf)?.variants.push(summaryView(v));
  }
  return top;
}

function summaryView({ id, doc }: StoredScenario): SummaryView {
  if (!doc.ok) {
    return {
      id,
      title: id,
      excerpt: '',
      valid: false,
      choice: null,
      errors: doc.errors.map((e) => formatDiagnostic(e)),
      variants: [],
    };
  }
  const choice = doc.base.options.find((o) => o.id === doc.base.choice);
  return {
    id,
    title: doc.variant ? (doc.variant.title ?? id) : doc.scenario.title,
    excerpt: excerpt(doc.variant?.description ?? doc.scenario.description ?? ''),
    valid: true,
    choice: choice?.label ?? null,
    errors: [],
    variants: [],
  };
}

function excerpt(text: string, max = 220): string {
  const flat = plainText(text);
  return flat.length <= max ? flat : `${flat.slice(0, flat.lastIndexOf(' ', max))}…`;
}
