import { Command, CommanderError, Option } from 'commander';
import { stat, writeFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { version } from '../../package.json';
import { analyseDocument, evaluateDocument, readScenario } from '../document';
import { MAX_ITERATIONS, sensitivity, simulate, spider, twoWay } from '../engine';
import { toJson, type Diagnostic } from '../model/diagnostic';
import { formatDiagnostic } from '../load';
import { formatSensitivity, formatSimulation, formatSpider, formatTwoWay } from './format-analyses';
import { formatEvaluation } from './format-evaluation';
import { collectSet, collectWeight, overridesOf, wholeNumber } from './overrides';
import {
  CSV_TABLES,
  REPORT_FORMATS,
  buildReport,
  renderReport,
  reportDate,
  writeReportFolder,
  type CsvTable,
  type ReportFormat,
} from '../report';

/** Where the CLI writes; tests pass buffers, `main` passes the process streams. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Shows progress of long runs; set only when stderr is a terminal. */
  progress?: (text: string) => void;
  /** Starts the web server; kept out of the CLI so tests never open a port by accident. */
  serve?: (dir: string, host: string, port: number, options?: ServeOptions) => Promise<string>;
  /** Where `BRANCHPOINT_TOKEN` is read; `process.env` when absent. */
  env?: Record<string, string | undefined>;
}

/** How `serve` serves: team mode with a token, read-only or not. */
export interface ServeOptions {
  token?: string | undefined;
  readOnly?: boolean | undefined;
}

/** Shortest `BRANCHPOINT_TOKEN` accepted: a shorter secret could be guessed. */
export const MIN_TOKEN_LENGTH = 16;

/** Exit codes (FORMAT.md section 3). */
export const EXIT = { ok: 0, invalid: 1, usage: 2 } as const;

/** Thrown by actions to end with exit code 2 after printing a usage message. */
class UsageError extends Error {}

/** Builds the `branchpoint` command. Actions report their exit code through `setCode`. */
export function makeProgram(io: CliIo, setCode: (code: number) => void): Command {
  const program = new Command('branchpoint')
    .description(
      'Scenario analysis with decision trees: validate, evaluate and serve YAML scenarios.',
    )
    .version(version)
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError('(run branchpoint --help for usage)');

  // Every command that evaluates takes the same overrides.
  const setOption = () =>
    new Option(
      '--set <name=value>',
      'override a parameter (a number or an expression); repeatable',
    ).argParser(collectSet);
  const weightOption = () =>
    new Option('--weight <criterion=value>', 'override a criterion weight; repeatable').argParser(
      collectWeight,
    );
  const format = () =>
    new Option('--format <format>', 'output format').choices(['text', 'json']).default('text');

  program
    .command('validate')
    .description('check scenario files; report every problem as file:line:col: message')
    .argument('<files...>', 'scenario files (.yaml or .yml)')
    .addOption(format())
    .action(async (files: string[], opts: { format: string }) => {
      const docs = await Promise.all(files.map((f) => readScenario(f)));
      if (opts.format === 'json') {
        const out = docs.map((d) => ({
          file: d.opened,
          valid: d.ok,
          errors: d.ok ? [] : d.errors.map(toJson),
        }));
        io.stdout(`${JSON.stringify(out, null, 2)}\n`);
      } else {
        for (const d of docs) {
          if (d.ok)
            io.stdout(
              `${d.opened}: ok (${d.scenario.nodeCount} nodes${d.base.choice ? `, recommends ${d.base.choice}` : ''})\n`,
            );
          else printErrors(io, d.errors, d.text);
        }
      }
      setCode(docs.every((d) => d.ok) ? EXIT.ok : EXIT.invalid);
    });

  program
    .command('evaluate')
    .description('roll the tree back: best policy, expected values per option, outcomes')
    .argument('<file>', 'scenario file')
    .addOption(setOption())
    .addOption(weightOption())
    .addOption(format())
    .action(
      async (
        file: string,
        opts: {
          set?: Record<string, number | string>;
          weight?: Record<string, number>;
          format: string;
        },
      ) => {
        const doc = await readScenario(file);
        const result = evaluateDocument(doc, overridesOf(opts));
        const json = opts.format === 'json';
        finish(
          io,
          setCode,
          result.ok
            ? { ok: true, text: json ? toText(result.value) : formatEvaluation(result.value) }
            : result,
          doc.text,
          json,
        );
      },
    );

  program
    .command('sensitivity')
    .description(
      'one-way sensitivity of every ranged parameter and weight, with break-even thresholds',
    )
    .argument('<file>', 'scenario file')
    .addOption(setOption())
    .addOption(weightOption())
    .option('--spider <name>', 'instead: the score of each option across the range of one input')
    .option('--two-way <x,y>', 'instead: which option wins over a grid of two inputs')
    .option(
      '--points <n>',
      'points per input for --spider and --two-way',
      wholeNumber('--points', 2, 201),
    )
    .addOption(format())
    .action(
      async (
        file: string,
        opts: {
          set?: Record<string, number | string>;
          weight?: Record<string, number>;
          spider?: string;
          twoWay?: string;
          points?: number;
          format: string;
        },
      ) => {
        const doc = await readScenario(file);
        const overrides = overridesOf(opts);
        const json = opts.format === 'json';
        let output: { ok: true; text: string } | { ok: false; errors: Diagnostic[] };
        if (opts.spider !== undefined) {
          const r = analyseDocument(doc, overrides, (s, o) =>
            spider(s, opts.spider!, opts.points ?? 21, o),
          );
          output = r.ok ? { ok: true, text: json ? toText(r.value) : formatSpider(r.value) } : r;
        } else if (opts.twoWay !== undefined) {
          const [x, y, ...rest] = opts.twoWay.split(',').map((n) => n.trim());
          if (!x || !y || rest.length > 0)
            throw new UsageError(`--two-way takes two inputs as x,y, got '${opts.twoWay}'`);
          const r = analyseDocument(doc, overrides, (s, o) =>
            twoWay(s, x, y, opts.points ?? 11, o),
          );
          output = r.ok ? { ok: true, text: json ? toText(r.value) : formatTwoWay(r.value) } : r;
        } else {
          const r = analyseDocument(doc, overrides, sensitivity);
          output = r.ok
            ? { ok: true, text: json ? toText(r.value) : formatSensitivity(r.value) }
            : r;
        }
        finish(io, setCode, output, doc.text, json);
      },
    );

  program
    .command('simulate')
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
    .option('--evppi', 'also estimate the value of information of each parameter alone')
    .addOption(setOption())
    .addOption(weightOption())
    .addOption(format())
    .action(
      async (
        file: string,
        opts: {
          iterations: number;
          seed: number;
          evppi?: boolean;
          set?: Record<string, number | string>;
          weight?: Record<string, number>;
          format: string;
        },
      ) => {
        const doc = await readScenario(file);
        const progress = io.progress && opts.iterations >= 100_000 ? io.progress : undefined;
        const r = analyseDocument(doc, overridesOf(opts), (s, o) =>
          simulate(
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
        finish(
          io,
          setCode,
          r.ok ? { ok: true, text: json ? toText(r.value) : formatSimulation(r.value) } : r,
          doc.text,
          json,
        );
      },
    );

  program
    .command('report')
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
    )
    .addOption(setOption())
    .addOption(weightOption())
    .action(
      async (
        path: string,
        opts: {
          format: ReportFormat;
          output?: string;
          table?: CsvTable;
          simulate?: number;
          seed?: number;
          date?: string;
          set?: Record<string, number | string>;
          weight?: Record<string, number>;
        },
      ) => {
        if (opts.format === 'csv' && !opts.table)
          throw new UsageError(
            `a CSV report holds one table; choose it with --table ${CSV_TABLES.join('|')}`,
          );
        if (opts.format !== 'csv' && opts.table)
          throw new UsageError('--table applies only to --format csv');
        if (opts.seed !== undefined && opts.simulate === undefined)
          throw new UsageError('--seed needs --simulate N');
        const date = reportDate(opts.date, process.env.SOURCE_DATE_EPOCH);
        if (!date.ok) throw new UsageError(date.message);
        const overrides = overridesOf(opts);
        const options = {
          date: date.date,
          ...(opts.simulate !== undefined && {
            simulate: { iterations: opts.simulate, seed: opts.seed ?? 1 },
          }),
        };

        const folder = await stat(path).then(
          (s) => s.isDirectory(),
          () => false,
        );
        if (folder) {
          if (!opts.output)
            throw new UsageError(
              'a folder of scenarios needs -o DIR, the folder to write the reports to',
            );
          const result = await writeReportFolder(path, opts.output, {
            format: opts.format,
            table: opts.table,
            overrides,
            options,
          });
          for (const p of result.problems) printErrors(io, p.errors, p.text);
          const written = result.index.reports.filter((r) => r.valid).length;
          io.stdout(
            `wrote ${written} report${written === 1 ? '' : 's'} and ${result.indexFile} to ${opts.output}${result.problems.length > 0 ? `; ${result.problems.length} invalid scenario${result.problems.length === 1 ? '' : 's'} listed in the index` : ''}\n`,
          );
          setCode(result.problems.length > 0 ? EXIT.invalid : EXIT.ok);
          return;
        }

        const doc = await readScenario(path);
        const built = buildReport(doc, overrides, options);
        if (!built.ok) {
          finish(io, setCode, built, doc.text, opts.format === 'json' && !opts.output);
          return;
        }
        const text = renderReport(built.value, opts.format, { table: opts.table });
        if (!opts.output) {
          io.stdout(text);
        } else {
          try {
            await writeFile(opts.output, text, 'utf8');
          } catch (e) {
            io.stderr(`error: cannot write ${opts.output}: ${(e as Error).message}\n`);
            setCode(EXIT.invalid);
            return;
          }
        }
        setCode(EXIT.ok);
      },
    );

  program
    .command('serve')
    .description('serve a folder of scenarios as a web app')
    .argument('[dir]', 'folder of scenario files', 'scenarios')
    .option('--port <port>', 'port to listen on', '3000')
    .option(
      '--host <host>',
      'address to bind; beyond loopback needs BRANCHPOINT_TOKEN in the environment',
      '127.0.0.1',
    )
    .option('--read-only', 'refuse every change: no saving, no variants, no deleting')
    .action(async (dir: string, opts: { port: string; host: string; readOnly?: boolean }) => {
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new UsageError(`--port must be a whole number from 0 to 65535, got '${opts.port}'`);
      const token = (io.env ?? process.env).BRANCHPOINT_TOKEN?.trim();
      const teamMode = token !== undefined && token !== '';
      if (teamMode && token.length < MIN_TOKEN_LENGTH)
        throw new UsageError(
          `BRANCHPOINT_TOKEN is too short to be safe: use at least ${MIN_TOKEN_LENGTH} random characters, such as the output of 'openssl rand -base64 24'`,
        );
      if (!teamMode && !isLoopback(opts.host))
        throw new UsageError(
          `refusing to serve on ${opts.host} without access control: set BRANCHPOINT_TOKEN in the environment to a secret of at least ${MIN_TOKEN_LENGTH} characters (every request then needs it), or use --host 127.0.0.1`,
        );
      if (!io.serve) throw new UsageError('serving is not available here');
      const readOnly = opts.readOnly === true;
      const url = await io.serve(dir, opts.host, port, {
        ...(teamMode && { token }),
        readOnly,
      });
      io.stdout(`branchpoint is serving ${dir} at ${url}\n`);
      if (teamMode)
        io.stdout(
          `Team mode: a token is required. People sign in at ${url}login with the token in BRANCHPOINT_TOKEN; programs send "Authorization: Bearer <token>". Over plain http the token is readable on the network: beyond a trusted network, put HTTPS in front.\n`,
        );
      if (readOnly) io.stdout('Read-only: saving, variants and deleting are turned off.\n');
      setCode(EXIT.ok);
    });

  return program;
}

/** Runs the CLI on `args` (without the node and script names) and returns the exit code. */
export async function runCli(args: string[], io: CliIo): Promise<number> {
  let code: number = EXIT.ok;
  const program = makeProgram(io, (c) => (code = c));
  try {
    await program.parseAsync(args, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.code === 'commander.helpDisplayed' ||
        e.code === 'commander.version' ||
        e.code === 'commander.help'
        ? EXIT.ok
        : EXIT.usage;
    }
    if (e instanceof UsageError) {
      io.stderr(`error: ${e.message}\n`);
      return EXIT.usage;
    }
    throw e;
  }
  return code;
}

function toText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/**
 * Prints an analysis's output, or its errors, and sets the exit code. With `json`, errors also go
 * to stdout as `{"errors": [...]}`, so stdout always carries exactly one JSON document.
 */
function finish(
  io: CliIo,
  setCode: (code: number) => void,
  output: { ok: true; text: string } | { ok: false; errors: Diagnostic[] },
  source: string,
  json: boolean,
): void {
  if (output.ok) io.stdout(output.text);
  else {
    printErrors(io, output.errors, source);
    if (json) io.stdout(toText({ errors: output.errors.map(toJson) }));
  }
  setCode(output.ok ? EXIT.ok : EXIT.invalid);
}

function printErrors(io: CliIo, errors: Diagnostic[], text: string): void {
  for (const d of errors) io.stderr(`${formatDiagnostic(d, text)}\n`);
}

function isLoopback(host: string): boolean {
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1' || host === '[::1]';
}
