import { Command } from 'commander';
import { expectationFailures } from '../../analysis/document-expectations';
import { toJson, type Diagnostic } from '../../model/diagnostic';
import { openPath } from '../open-path';
import { EXIT, formatOption, printErrors, type CliContext } from '../cli-context';

/** `branchpoint validate`: every problem of each file, and every expectation that fails. */
export function validateCommand(ctx: CliContext): Command {
  return new Command('validate')
    .description(
      'check scenario and library files and run their expectations; report every problem as file:line:col: message',
    )
    .argument(
      '<files...>',
      'scenario, variant, assessment or library files (.yaml or .yml), or - for stdin',
    )
    .addOption(formatOption())
    .action(async (files: string[], opts: { format: string }) => {
      const opened = await Promise.all(files.map((f) => openPath(f, ctx.io, { library: true })));
      const results = opened.map(({ doc, library }) => {
        if (!doc.ok) return { doc, library, errors: doc.errors, summary: '' };
        // Expectations are the scenario's; under a variant's or assessment's values they are
        // information for `check`, not a reason to call the overlay file invalid.
        const failures: Diagnostic[] = library || doc.variant ? [] : expectationFailures(doc);
        const checked = library || doc.variant ? 0 : doc.scenario.expectations.length;
        const summary = library
          ? `ok (library, ${doc.scenario.parameters.length} parameters)`
          : `ok (${doc.scenario.nodeCount} nodes${doc.base.choice ? `, recommends ${doc.base.choice}` : ''}${checked > 0 ? `, ${checked} expectation${checked === 1 ? '' : 's'} hold` : ''})`;
        return { doc, library, errors: failures, summary };
      });
      if (opts.format === 'json') {
        const out = results.map((r) => ({
          file: r.library ?? r.doc.opened,
          valid: r.errors.length === 0,
          errors: r.errors.map(toJson),
        }));
        ctx.io.stdout(`${JSON.stringify(out, null, 2)}\n`);
      } else {
        for (const r of results) {
          if (r.errors.length === 0) ctx.io.stdout(`${r.library ?? r.doc.opened}: ${r.summary}\n`);
          else printErrors(ctx.io, r.errors, r.doc);
        }
      }
      ctx.setCode(results.every((r) => r.errors.length === 0) ? EXIT.ok : EXIT.invalid);
    });
}
