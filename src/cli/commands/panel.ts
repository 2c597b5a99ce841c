import { Command, Option } from 'commander';
import { analyseDocument } from '../../document';
import { openPath } from '../open-path';
import { poolPanel, type Panel, type PoolMethod } from '../../engine/pool';
import { phraseOf } from '../../model/phrases';
import type { Scenario } from '../../model/types';
import { readAssessments } from '../../files/read-assessments';
import { formatPanel } from '../../present/panel-text';
import { overridesOf } from '../overrides';
import { EXIT, finish, formatOption, printErrors, toText, type CliContext } from '../cli-context';

/** `branchpoint panel FILE`: analysts' assessments pooled, and where they disagree (section 10). */
export function panelCommand(ctx: CliContext): Command {
  return new Command('panel')
    .description(
      "pool the analysts' assessments in NAME.assessments/: values by analyst, spread, each one's recommendation and the pooled one",
    )
    .argument('<file>', 'scenario file')
    .addOption(
      new Option('--pool <method>', 'how values are pooled: mean, or log-odds for probabilities')
        .choices(['linear', 'log'])
        .default('linear'),
    )
    .addOption(formatOption())
    .action(async (file: string, opts: { pool: PoolMethod; format: string }) => {
      const { doc } = await openPath(file, ctx.io);
      const json = opts.format === 'json';
      if (!doc.ok) {
        finish(ctx, doc, doc, json);
        return;
      }
      const read = await readAssessments(doc.file);
      if (read.errors.length > 0) {
        for (const e of read.errors)
          printErrors(ctx.io, [e], (e.file && read.texts.get(e.file)) ?? '');
        if (json) ctx.io.stdout(toText({ errors: read.errors }));
        ctx.setCode(EXIT.invalid);
        return;
      }
      const analysts = read.assessments.map((a) => ({
        analyst: a.analyst ?? a.file,
        set: a.overrides.set ?? {},
        weight: a.overrides.weight ?? {},
      }));
      const r = analyseDocument(doc, overridesOf({}), (s, o) =>
        poolPanel(s, analysts, opts.pool, o),
      );
      finish(
        ctx,
        r.ok
          ? {
              ok: true,
              text: json
                ? toText(panelJson(doc.scenario, r.value))
                : formatPanel(doc.scenario, r.value),
            }
          : r,
        doc,
        json,
      );
    });
}

/** The panel as published, with the phrase of each pooled probability (FORMAT.md section 6). */
function panelJson(scenario: Scenario, panel: Panel): unknown {
  const probability = new Set(scenario.parameters.filter((p) => p.probability).map((p) => p.name));
  return {
    ...panel,
    parameters: panel.parameters.map((p) =>
      probability.has(p.name) && p.pooled >= 0 && p.pooled <= 1
        ? { ...p, phrase: phraseOf(p.pooled) }
        : p,
    ),
  };
}
