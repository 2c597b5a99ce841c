import { Command } from 'commander';
import { analyse } from '../../analysis/analyse';
import { openPath } from '../open-path';
import { formatEvaluation } from '../format-evaluation';
import { overridesOf } from '../overrides';
import {
  finish,
  formatOption,
  toText,
  withOverrides,
  type CliContext,
  type OverrideOptions,
  type FormatOptions,
} from '../cli-context';

/** `branchpoint evaluate`. */
export function evaluateCommand(ctx: CliContext): Command {
  return withOverrides(
    new Command('evaluate')
      .description('roll the tree back: best policy, expected values per option, outcomes')
      .argument('<file>', 'scenario file'),
  )
    .addOption(formatOption())
    .action(async (file: string, opts: OverrideOptions & FormatOptions) => {
      const { doc } = await openPath(file, ctx.io);
      const json = opts.format === 'json';
      // The text's bottom line names the nearest tipping point, so it needs the break-evens.
      const result = analyse(doc, { overrides: overridesOf(opts), sensitivity: !json });
      finish(
        ctx,
        result.ok
          ? {
              ok: true,
              text: json
                ? toText(result.value.evaluation)
                : formatEvaluation(result.value.evaluation, result.value),
            }
          : result,
        doc,
        json,
      );
    });
}
