import { Option, type Command } from 'commander';
import { toJson, type Diagnostic } from '../model/diagnostic';
import { formatDiagnostic } from '../load';
import { collectObserve, collectSet, collectWeight } from './overrides';

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
  /** Standard input, read when a file argument is `-`; `process.stdin` when absent. */
  stdin?: () => Promise<string>;
}

/** How `serve` serves: team mode with a token, read-only or not. */
export interface ServeOptions {
  token?: string | undefined;
  readOnly?: boolean | undefined;
}

/** What every command gets: where to write, and how to report its exit code. */
export interface CliContext {
  readonly io: CliIo;
  readonly setCode: (code: number) => void;
}

/** Exit codes (FORMAT.md section 3). */
export const EXIT = { ok: 0, invalid: 1, usage: 2 } as const;

/** Thrown by actions to end with exit code 2 after printing a usage message. */
export class UsageError extends Error {}

const setOption = (): Option =>
  new Option(
    '--set <name=value>',
    'override a parameter (a number, an expression or a phrase); repeatable',
  ).argParser(collectSet);
const weightOption = (): Option =>
  new Option('--weight <criterion=value>', 'override a criterion weight; repeatable').argParser(
    collectWeight,
  );
const observeOption = (): Option =>
  new Option(
    '--observe <indicator[=yes|no]>',
    'update on an indicator seen (ID) or looked for and not seen (ID=no); repeatable, applied after --set in order',
  ).argParser(collectObserve);

/** Adds the options every command that evaluates takes: --set, --weight and --observe. */
export function withOverrides(command: Command): Command {
  return command.addOption(setOption()).addOption(weightOption()).addOption(observeOption());
}

export const formatOption = (): Option =>
  new Option('--format <format>', 'output format').choices(['text', 'json']).default('text');

/** `--format` as commander hands it to an action. */
export interface FormatOptions {
  format: string;
}

/** The overrides options as commander hands them to an action. */
export interface OverrideOptions {
  set?: Record<string, number | string>;
  weight?: Record<string, number>;
  observe?: { id: string; seen: boolean }[];
}

export function toText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** An action's output: its text, or the problems that kept it from being made. */
export type Output = { ok: true; text: string } | { ok: false; errors: Diagnostic[] };

/**
 * Prints an analysis's output, or its errors, and sets the exit code. With `json`, errors also go
 * to stdout as `{"errors": [...]}`, so stdout always carries exactly one JSON document.
 */
export function finish(
  ctx: CliContext,
  output: Output,
  source: string | ErrorSource,
  json: boolean,
): void {
  if (output.ok) ctx.io.stdout(output.text);
  else {
    printErrors(ctx.io, output.errors, source);
    if (json) ctx.io.stdout(toText({ errors: output.errors.map(toJson) }));
  }
  ctx.setCode(output.ok ? EXIT.ok : EXIT.invalid);
}

/** The text problems are quoted from: a scenario's, and its libraries' by file. */
export interface ErrorSource {
  readonly text: string;
  readonly texts: ReadonlyMap<string, string>;
}

/**
 * Prints each problem with the line it points at, quoted from its own file: a problem located in
 * an imported library shows the library's line, not the scenario's line of the same number.
 */
export function printErrors(
  io: CliIo,
  errors: readonly Diagnostic[],
  source: string | ErrorSource,
): void {
  for (const d of errors) {
    const text =
      typeof source === 'string'
        ? source
        : ((d.file !== null ? source.texts.get(d.file) : undefined) ?? source.text);
    io.stderr(`${formatDiagnostic(d, text)}\n`);
  }
}
