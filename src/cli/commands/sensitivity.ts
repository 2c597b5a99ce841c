import { Command } from 'commander';
import { analyseDocument } from '../../document';
import { openPath } from '../open-path';
import { spider, twoWay } from '../../engine';
import { analyse } from '../../analysis/analyse';
import { sensitivityJson } from '../../present';
import { formatSensitivity, formatSpider, formatTwoWay } from '../format-analyses';
import { overridesOf, wholeNumber } from '../overrides';
import {
  finish,
  formatOption,
  toText,
  UsageError,
  withOverrides,
  type CliContext,
  type OverrideOptions,
  type Output,
} from '../cli-context';

/** `branchpoint sensitivity`. */
export function sensitivityCommand(ctx: CliContext): Command {
  return withOverrides(
    new Command('sensitivity')
      .description(
        'one-way sensitivity of every ranged parameter and weight, with break-even thresholds',
      )
      .argument('<file>', 'scenario file'),
  )
    .option('--spider <name>', 'instead: the score of each option across the range of one input')
    .option('--two-way <x,y>', 'instead: which option wins over a grid of two inputs')
    .option(
      '--points <n>',
      'points per input for --spider and --two-way',
      wholeNumber('--points', 2, 201),
    )
    .addOption(formatOption())
    .action(
      async (
        file: string,
        opts: OverrideOptions & {
          spider?: string;
          twoWay?: string;
          points?: number;
          format: string;
        },
      ) => {
        const { doc } = await openPath(file, ctx.io);
        const overrides = overridesOf(opts);
        const json = opts.format === 'json';
        let output: Output;
        if (opts.spider !== undefined) {
          const r = analyseDocument(doc, overrides, (s, o) =>
            spider(s, opts.spider!, opts.points ?? 21, o),
          );
          output = r.ok ? { ok: true, text: json ? toText(r.value) : formatSpider(r.value) } : r;
        } else if (opts.twoWay !== undefined) {
          const [x, y, ...rest] = opts.twoWay.split(',').map((n) => n.trim());
          if (!x || !y || rest.length > 0)
            throw new UsageError(`--two-way takes two inputs as x,y, got '${opts.twoWay}'`);
          const r = analyseDocument(doc, overrides, (s, o) =>
            twoWay(s, x, y, opts.points ?? 11, o),
          );
          output = r.ok ? { ok: true, text: json ? toText(r.value) : formatTwoWay(r.value) } : r;
        } else {
          const r = analyse(doc, { overrides, sensitivity: true });
          output = r.ok
            ? {
                ok: true,
                text: json
                  ? toText(sensitivityJson(r.value.sensitivity!))
                  : formatSensitivity(r.value.sensitivity!, r.value.evaluation),
              }
            : r;
        }
        finish(ctx, output, doc, json);
      },
    );
}
