import { Command } from 'commander';
import { readScenario } from '../../document';
import { toJson } from '../../model/diagnostic';
import { EXIT, formatOption, printErrors, type CliContext } from '../cli-context';

/** `branchpoint validate`. */
export function validateCommand(ctx: CliContext): Command {
  return new Command('validate')
    .description('check scenario files; report every problem as file:line:col: message')
    .argument('<files...>', 'scenario files (.yaml or .yml)')
    .addOption(formatOption())
    .action(async (files: string[], opts: { format: string }) => {
      const docs = await Promise.all(files.map((f) => readScenario(f)));
      if (opts.format === 'json') {
        const out = docs.map((d) => ({
          file: d.opened,
          valid: d.ok,
          errors: d.ok ? [] : d.errors.map(toJson),
        }));
        ctx.io.stdout(`${JSON.stringify(out, null, 2)}\n`);
      } else {
        for (const d of docs) {
          if (d.ok)
            ctx.io.stdout(
              `${d.opened}: ok (${d.scenario.nodeCount} nodes${d.base.choice ? `, recommends ${d.base.choice}` : ''})\n`,
            );
          else printErrors(ctx.io, d.errors, d.text);
        }
      }
      ctx.setCode(docs.every((d) => d.ok) ? EXIT.ok : EXIT.invalid);
    });
}
