import type { Scenario } from '../../model/types';
import type { ReportSource } from '../report-data';

/** The sources the scenario cites, with every optional field present (null when not given). */
export function reportSources(sources: Scenario['sources']): ReportSource[] {
  return sources.map((x) => ({
    id: x.id,
    title: x.title,
    author: x.author ?? null,
    publisher: x.publisher ?? null,
    date: x.date === undefined ? null : String(x.date),
    url: x.url ?? null,
    note: x.note ?? null,
  }));
}
