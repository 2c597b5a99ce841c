import { Command } from 'commander';
import { analyseDocument, analyseDocumentAsync } from '../../document';
import { outcomeSpread } from '../../engine/outcome-spread';
import { openPath } from '../open-path';
import { MAX_ITERATIONS } from '../../engine';
import { simulateInParallel } from '../../parallel/simulate-parallel';
import { formatOutcomeSpread, formatSimulation } from '../format-analyses';
import { overridesOf, wholeNumber } from '../overrides';
import {
  finish,
  formatOption,
  toText,
  withOverrides,
  type CliContext,
  type OverrideOptions,
} from '../cli-context';

/** `branchpoint simulate`. */
export function simulateCommand(ctx: CliContext): Command {
  return withOverrides(
    new Command('simulate')
      .description(
        'Monte Carlo over every parameter with a distribution: spread, chance of being best, EVPI',
      )
      .argument('<file>', 'scenario file')
      .option(
        '--iterations <n>',
        `number of iterations, 1 to ${MAX_ITERATIONS}`,
        wholeNumber('--iterations', 1, MAX_ITERATIONS),
        10_000,
      )
      .option(
        '--seed <s>',
        'seed of the random generator, 0 to 4294967295; the same seed gives the same numbers',
        wholeNumber('--seed', 0, 0xffffffff),
        1,
      )
      .option('--evppi', 'also estimate the value of information of each parameter alone'),
  )
    .addOption(formatOption())
    .action(
      async (
        file: string,
        opts: OverrideOptions & {
          iterations: number;
          seed: number;
          evppi?: boolean;
          format: string;
        },
      ) => {
        const { doc } = await openPath(file, ctx.io);
        const progress =
          ctx.io.progress && opts.iterations >= 100_000 ? ctx.io.progress : undefined;
        // Large runs share their blocks with worker threads, which load the scenario again
        // from the same texts; the numbers are the same, bit for bit.
        const r = await analyseDocumentAsync(doc, overridesOf(opts), (s, o) =>
          simulateInParallel(
            doc,
            s,
            {
              iterations: opts.iterations,
              seed: opts.seed,
              evppi: opts.evppi === true,
              ...(progress && {
                onProgress: (done: number, total: number) =>
                  progress(`\rsimulating: ${Math.round((100 * done) / total)}%`),
              }),
            },
            o,
          ),
        );
        progress?.('\r\x1b[K');
        const json = opts.format === 'json';
        const spread = analyseDocument(doc, overridesOf(opts), outcomeSpread);
        const outcomes = spread.ok ? spread.value : [];
        finish(
          ctx,
          r.ok
            ? {
                ok: true,
                text: json
                  ? toText({ ...r.value, outcome_spread: outcomes })
                  : formatSimulation(r.value) + formatOutcomeSpread(outcomes),
              }
            : r,
          doc,
          json,
        );
      },
    );
}
