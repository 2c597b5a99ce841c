import { Command } from 'commander';
import { analyse } from '../../analysis/analyse';
import { openPath } from '../open-path';
import { formatEvaluation } from '../format-evaluation';
import { overridesOf } from '../overrides';
import {
  finish,
  formatOption,
  setOption,
  toText,
  weightOption,
  observeOption,
  type CliContext,
} from '../cli-context';

/** `branchpoint evaluate`. */
export function evaluateCommand(ctx: CliContext): Command {
  return new Command('evaluate')
    .description('roll the tree back: best policy, expected values per option, outcomes')
    .argument('<file>', 'scenario file')
    .addOption(setOption())
    .addOption(weightOption())
    .addOption(observeOption())
    .addOption(formatOption())
    .action(
      async (
        file: string,
        opts: {
          set?: Record<string, number | string>;
          weight?: Record<string, number>;
          observe?: { id: string; seen: boolean }[];
          format: string;
        },
      ) => {
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
      },
    );
}
