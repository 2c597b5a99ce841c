import { Command } from 'commander';
import { analyseDocument } from '../../document';
import { openPath } from '../open-path';
import { analyseIndicators } from '../../engine/indicators';
import { formatIndicators } from '../../present/indicator-text';
import { phraseOf } from '../../model/phrases';
import { overridesOf } from '../overrides';
import {
  finish,
  formatOption,
  toText,
  withOverrides,
  type CliContext,
  type FormatOptions,
  type OverrideOptions,
} from '../cli-context';

/** `branchpoint indicators FILE`: what each signpost would do to the recommendation (section 9). */
export function indicatorsCommand(ctx: CliContext): Command {
  return withOverrides(
    new Command('indicators')
      .description(
        'for each indicator, the updated probability and recommendation if it is seen and if not; which to watch',
      )
      .argument('<file>', 'scenario file'),
  )
    .addOption(formatOption())
    .action(async (file: string, opts: OverrideOptions & FormatOptions) => {
      const { doc } = await openPath(file, ctx.io);
      const r = analyseDocument(doc, overridesOf(opts), analyseIndicators);
      const json = opts.format === 'json';
      if (!r.ok || !doc.ok) {
        finish(ctx, r.ok ? { ok: false, errors: [] } : r, doc, json);
        return;
      }
      const value = r.value;
      const text = json
        ? toText({
            base_choice: value.base_choice,
            indicators: value.indicators.map((a) => ({
              id: a.id,
              label: a.indicator.label,
              parameter: a.parameter,
              prior: a.prior,
              phrase: phraseOf(a.prior),
              if_seen: { ...a.if_seen, phrase: phraseOf(a.if_seen.value) },
              if_not_seen: { ...a.if_not_seen, phrase: phraseOf(a.if_not_seen.value) },
              flips: a.flips,
            })),
          })
        : formatIndicators(doc.scenario, value);
      finish(ctx, { ok: true, text }, doc, json);
    });
}
