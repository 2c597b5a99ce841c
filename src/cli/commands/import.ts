import { Command } from 'commander';
import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { openScenario } from '../../document';
import type * as silverDecisions from '../../interop/silverdecisions';
import { wholeNumber } from '../overrides';
import { EXIT, printErrors, UsageError, type CliContext } from '../cli-context';

/**
 * `branchpoint import FILE.json [-o OUT.yaml] [--tree N]`: a SilverDecisions file as a scenario
 * (FORMAT.md section 12). Problems of the JSON are printed as `FILE: json.path: message`; the
 * scenario produced is then opened like any other, so what branchpoint itself would refuse (a
 * chance node whose probabilities do not sum to 1, say) is reported too, at its line in the YAML.
 */
export function importCommand(ctx: CliContext): Command {
  return new Command('import')
    .description(
      'turn a SilverDecisions file (.sd.json) into a scenario with the same expected value',
    )
    .argument('<file>', 'SilverDecisions file, as its Save writes it')
    .option('-o, --output <file>', 'write the scenario to this file instead of stdout')
    .option(
      '--tree <n>',
      "which of the file's trees to import, from 0 as in data.trees[N] (default 0)",
      wholeNumber('--tree', 0, Number.MAX_SAFE_INTEGER),
    )
    .action(async (file: string, opts: { output?: string; tree?: number }) => {
      // The importer (and the math.js it reads code with) is loaded by this command only.
      const { formatImportIssue, importSilverDecisions } =
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        require('../../interop/silverdecisions') as typeof silverDecisions;
      const stderr = (issue: silverDecisions.ImportIssue) =>
        ctx.io.stderr(`${formatImportIssue(file, issue)}\n`);
      let json: unknown;
      try {
        json = JSON.parse(await readFile(file, 'utf8'));
      } catch (e) {
        const why =
          (e as NodeJS.ErrnoException).code === 'ENOENT'
            ? 'no such file'
            : e instanceof SyntaxError
              ? `not JSON: ${e.message}`
              : `cannot read file: ${(e as Error).message}`;
        ctx.io.stderr(`${file}: ${why}\n`);
        ctx.setCode(EXIT.invalid);
        return;
      }
      const name = basename(file).replace(/(\.sd)?\.json$/i, '');
      const result = importSilverDecisions(json, {
        ...(opts.tree !== undefined && { tree: opts.tree }),
        fallbackTitle: name,
        source: basename(file),
      });
      result.warnings.forEach(stderr);
      if (!result.ok) {
        const outOfRange = result.errors.find((e) => e.code === 'TREE_OUT_OF_RANGE');
        // Asking for a tree the file does not have is a wrong command, not a wrong file.
        if (outOfRange && opts.tree !== undefined)
          throw new UsageError(`--tree: ${outOfRange.message}`);
        result.errors.forEach(stderr);
        ctx.setCode(EXIT.invalid);
        return;
      }

      const out = opts.output ?? `${name}.yaml`;
      if (opts.output !== undefined) await writeFile(opts.output, result.yaml, 'utf8');
      else ctx.io.stdout(result.yaml);
      const opened = openScenario(result.yaml, out);
      if (!opened.ok) {
        ctx.io.stderr(
          `${file}: the imported scenario does not validate${opts.output !== undefined ? ` (written to ${out} so it can be fixed)` : ''}:\n`,
        );
        printErrors(ctx.io, opened.errors, result.yaml);
        ctx.setCode(EXIT.invalid);
        return;
      }
      if (opts.output !== undefined)
        ctx.io.stdout(
          `${file}: wrote ${out} (trees[${result.tree}] of ${result.trees}, rule ${result.objective.rule}, ${opened.scenario.nodeCount} nodes, recommends ${opened.base.choice ?? '-'})\n`,
        );
      ctx.setCode(EXIT.ok);
    });
}
