import { Command } from 'commander';
import { stat } from 'node:fs/promises';
import { openScenarioText, readScenario, type ScenarioDocument } from '../../document';
import { diffScenarios } from '../../engine/diff';
import { readRevision } from '../../files/read-revision';
import { formatDiff } from '../../present/diff-text';
import { finish, formatOption, printErrors, toText, EXIT, type CliContext } from '../cli-context';

/** `branchpoint diff A B`: what differs between two versions of a scenario (section 11). */
export function diffCommand(ctx: CliContext): Command {
  return new Command('diff')
    .description(
      'compare two scenarios, a variant or assessment with its scenario, or FILE@REV (a git revision) with a file: decision first',
    )
    .argument('<a>', 'scenario, variant or assessment file, or FILE@REV')
    .argument('<b>', 'scenario, variant or assessment file, or FILE@REV')
    .addOption(formatOption())
    .action(async (a: string, b: string, opts: { format: string }) => {
      const json = opts.format === 'json';
      const [da, db] = await Promise.all([openArgument(a), openArgument(b)]);
      const bad = [da, db].filter((d) => !d.ok);
      if (bad.length > 0) {
        for (const d of bad) if (!d.ok) printErrors(ctx.io, d.errors, d);
        if (json) ctx.io.stdout(toText({ errors: bad.flatMap((d) => (d.ok ? [] : d.errors)) }));
        ctx.setCode(EXIT.invalid);
        return;
      }
      if (!da.ok || !db.ok) return;
      const d = diffScenarios(
        { scenario: da.scenario, evaluation: da.base },
        { scenario: db.scenario, evaluation: db.base },
      );
      finish(ctx, { ok: true, text: json ? toText(d) : formatDiff(d, a, b) }, '', json);
    });
}

/** A file as it is, or `FILE@REV` as git has it at that revision (imports from the working tree). */
async function openArgument(arg: string): Promise<ScenarioDocument> {
  const exists = await stat(arg).then(
    (s) => s.isFile(),
    () => false,
  );
  const at = arg.lastIndexOf('@');
  if (exists || at <= 0) return readScenario(arg);
  const file = arg.slice(0, at);
  const text = await readRevision(file, arg.slice(at + 1));
  if (!text.ok)
    return { file, text: '', opened: arg, texts: new Map(), ok: false, errors: text.errors };
  const doc = await openScenarioText(text.value, file);
  return { ...doc, opened: arg };
}
