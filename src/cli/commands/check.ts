import { Command } from 'commander';
import { openPath } from '../open-path';
import { documentExpectations, failedExpectation } from '../../analysis/document-expectations';
import { toJson } from '../../model/diagnostic';
import { scenarioFiles } from '../scenario-files';
import {
  EXIT,
  formatOption,
  printErrors,
  toText,
  withOverrides,
  type CliContext,
  type FormatOptions,
  type OverrideOptions,
} from '../cli-context';
import { overridesOf } from '../overrides';

/** `branchpoint check FILE|DIR...`: every expectation of every scenario (FORMAT.md section 7). */
export function checkCommand(ctx: CliContext): Command {
  return withOverrides(
    new Command('check')
      .description(
        'run the expectations (expect:) of scenarios: a decision regression test; exit 1 when one fails',
      )
      .argument('<paths...>', 'scenario files, or folders of them'),
  )
    .addOption(formatOption())
    .action(async (paths: string[], opts: OverrideOptions & FormatOptions) => {
      const files = await scenarioFiles(paths, ctx.io);
      const overrides = overridesOf(opts);
      const docs = await Promise.all(files.map(async (f) => (await openPath(f, ctx.io)).doc));
      let failed = false;
      const out = docs.map((doc) => {
        if (!doc.ok) {
          failed = true;
          printErrors(ctx.io, doc.errors, doc);
          return { file: doc.opened, expectations: [], errors: doc.errors.map(toJson) };
        }
        const results = documentExpectations(doc, overrides);
        const failures = results.filter((r) => !r.ok);
        if (failures.length > 0) failed = true;
        for (const r of failures) printErrors(ctx.io, [failedExpectation(doc, r)], doc);
        if (opts.format !== 'json')
          ctx.io.stdout(
            `${doc.opened}: ${
              results.length === 0
                ? 'no expectations'
                : failures.length === 0
                  ? `${results.length} expectation${results.length === 1 ? '' : 's'} hold`
                  : `${failures.length} of ${results.length} expectation${results.length === 1 ? '' : 's'} failed`
            }\n`,
          );
        return {
          file: doc.opened,
          expectations: results.map((r) => ({
            line: r.line,
            ok: r.ok,
            message: r.message,
            counterexample: r.counterexample,
          })),
        };
      });
      if (opts.format === 'json') ctx.io.stdout(toText({ files: out }));
      ctx.setCode(failed ? EXIT.invalid : EXIT.ok);
    });
}
