import { Command, Option } from 'commander';
import { stat, writeFile } from 'node:fs/promises';
import { readScenario } from '../../document';
import { MAX_ITERATIONS, type Overrides } from '../../engine';
import type * as Reports from '../../report';
import type { ReportOptions } from '../../report';
import { CSV_TABLES, REPORT_FORMATS, type CsvTable, type ReportFormat } from '../../report/formats';
import { overridesOf, wholeNumber } from '../overrides';
import {
  EXIT,
  finish,
  printErrors,
  UsageError,
  withOverrides,
  type CliContext,
  type OverrideOptions,
} from '../cli-context';

/** The renderers (and markdown-it) are loaded when a report is written, not at every start. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const reports = (): typeof Reports => require('../../report') as typeof Reports;

/** `branchpoint report`. */
export function reportCommand(ctx: CliContext): Command {
  return withOverrides(
    new Command('report')
      .description(
        'write a report for readers who never open the YAML: Markdown, HTML, CSV, JSON or the tree as SVG',
      )
      .argument('<path>', 'scenario file, or a folder of them (one report each, and an index)')
      .addOption(
        new Option('--format <format>', 'report format')
          .choices(REPORT_FORMATS)
          .makeOptionMandatory(),
      )
      .option(
        '-o, --output <path>',
        'write to this file (a folder: into this folder) instead of stdout',
      )
      .addOption(
        new Option(
          '--table <table>',
          'the table a CSV report holds (required with --format csv)',
        ).choices(CSV_TABLES),
      )
      .option(
        '--simulate <n>',
        `add a Monte Carlo summary of n iterations, 1 to ${MAX_ITERATIONS}`,
        wholeNumber('--simulate', 1, MAX_ITERATIONS),
      )
      .option(
        '--seed <s>',
        'seed of the simulation, 0 to 4294967295 (default 1)',
        wholeNumber('--seed', 0, 0xffffffff),
      )
      .option(
        '--date <iso>',
        'the generation time to print, ISO 8601 (default: $SOURCE_DATE_EPOCH, else now)',
      ),
  ).action(async (path: string, opts: ReportCliOptions) => {
    // The options are checked (a usage error) before anything is read.
    const run: ReportRun = {
      path,
      opts,
      options: reportSettings(opts),
      overrides: overridesOf(opts),
    };
    const folder = await stat(path).then(
      (s) => s.isDirectory(),
      () => false,
    );
    if (folder) await reportFolder(ctx, run);
    else await reportFile(ctx, run);
  });
}

/** The options of `branchpoint report` as commander hands them to the action. */
interface ReportCliOptions extends OverrideOptions {
  format: ReportFormat;
  output?: string;
  table?: CsvTable;
  simulate?: number;
  seed?: number;
  date?: string;
}

/** What to report on, and how: the same for a folder and for a file. */
interface ReportRun {
  readonly path: string;
  readonly opts: ReportCliOptions;
  readonly overrides: Overrides;
  readonly options: ReportOptions;
}

/**
 * The report's date and simulation. Throws a UsageError (exit 2) for options that do not go
 * together.
 */
function reportSettings(opts: ReportCliOptions): ReportOptions {
  if (opts.format === 'csv' && !opts.table)
    throw new UsageError(
      `a CSV report holds one table; choose it with --table ${CSV_TABLES.join('|')}`,
    );
  if (opts.format !== 'csv' && opts.table)
    throw new UsageError('--table applies only to --format csv');
  if (opts.seed !== undefined && opts.simulate === undefined)
    throw new UsageError('--seed needs --simulate N');
  const date = reports().reportDate(opts.date, process.env.SOURCE_DATE_EPOCH);
  if (!date.ok) throw new UsageError(date.message);
  return {
    date: date.date,
    ...(opts.simulate !== undefined && {
      simulate: { iterations: opts.simulate, seed: opts.seed ?? 1 },
    }),
  };
}

/** A report per scenario of a folder, and an index, into `-o DIR`; exit 1 if one is invalid. */
async function reportFolder(
  ctx: CliContext,
  { path, opts, overrides, options }: ReportRun,
): Promise<void> {
  if (!opts.output)
    throw new UsageError('a folder of scenarios needs -o DIR, the folder to write the reports to');
  const result = await reports().writeReportFolder(path, opts.output, {
    format: opts.format,
    table: opts.table,
    overrides,
    options,
  });
  for (const p of result.problems) printErrors(ctx.io, p.errors, p);
  const written = result.index.reports.filter((r) => r.valid).length;
  ctx.io.stdout(
    `wrote ${written} report${written === 1 ? '' : 's'} and ${result.indexFile} to ${opts.output}${result.problems.length > 0 ? `; ${result.problems.length} invalid scenario${result.problems.length === 1 ? '' : 's'} listed in the index` : ''}\n`,
  );
  ctx.setCode(result.problems.length > 0 ? EXIT.invalid : EXIT.ok);
}

/** The report of one scenario, to stdout or to `-o FILE`. */
async function reportFile(
  ctx: CliContext,
  { path, opts, overrides, options }: ReportRun,
): Promise<void> {
  const doc = await readScenario(path);
  const { buildReport, readPanel, renderReport } = reports();
  const built = buildReport(doc, overrides, { ...options, panel: await readPanel(doc) });
  if (!built.ok) {
    finish(ctx, built, doc, opts.format === 'json' && !opts.output);
    return;
  }
  const text = renderReport(built.value, opts.format, { table: opts.table });
  if (!opts.output) {
    ctx.io.stdout(text);
  } else {
    try {
      await writeFile(opts.output, text, 'utf8');
    } catch (e) {
      ctx.io.stderr(`error: cannot write ${opts.output}: ${(e as Error).message}\n`);
      ctx.setCode(EXIT.invalid);
      return;
    }
  }
  ctx.setCode(EXIT.ok);
}
