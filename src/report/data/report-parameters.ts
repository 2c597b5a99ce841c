import { quantityText, sameAsFile, type Analysis } from '../../analysis/analyse';
import { bandOfPhrase } from '../../model/phrases';
import { isProbability } from '../../present';
import type { ReportParameter } from '../report-data';

/** Every parameter with the value used, its definition, and the file's value when overridden. */
export function reportParameters(a: Analysis): ReportParameter[] {
  const set = a.overrides.set ?? {};
  return a.scenario.parameters.map((p) => {
    const override = set[p.name];
    const definition = override ?? quantityText(p.value);
    return {
      name: p.name,
      label: p.label,
      unit: p.unit,
      value: a.evaluation.parameters[p.name]!,
      expression: typeof definition === 'string' && !bandOfPhrase(definition) ? definition : null,
      base_value: a.file?.parameters[p.name] ?? null,
      changed: override !== undefined && !sameAsFile(p, override),
      range: p.range && [p.range[0], p.range[1]],
      distribution: p.distribution,
      source: p.source,
      note: p.note,
      // Guarded: scenarios loaded before these fields existed lack them.
      probability: isProbability(p),
      phrase: p.phrase ?? null,
      confidence: p.confidence ?? null,
    };
  });
}
