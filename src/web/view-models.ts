import { formatDiagnostic } from '../load';
import { plainText } from './markdown';
import type { StoredScenario } from './scenario-store';

/** What the list page shows of one scenario. */
export interface SummaryView {
  id: string;
  title: string;
  excerpt: string;
  valid: boolean;
  choice: string | null;
  errors: string[];
}

export function summaryView({ id, doc }: StoredScenario): SummaryView {
  if (!doc.ok) {
    return {
      id,
      title: id,
      excerpt: '',
      valid: false,
      choice: null,
      errors: doc.errors.map((e) => formatDiagnostic(e)),
    };
  }
  const choice = doc.base.options.find((o) => o.id === doc.base.choice);
  return {
    id,
    title: doc.scenario.title,
    excerpt: excerpt(doc.scenario.description ?? ''),
    valid: true,
    choice: choice?.label ?? null,
    errors: [],
  };
}

function excerpt(text: string, max = 220): string {
  const flat = plainText(text);
  return flat.length <= max ? flat : `${flat.slice(0, flat.lastIndexOf(' ', max))}…`;
}
