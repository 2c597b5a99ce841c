import { Command, CommanderError } from 'commander';
import { version } from '../../package.json';
import { EXIT, UsageError, type CliContext, type CliIo } from './cli-context';
import { checkCommand } from './commands/check';
import { diffCommand } from './commands/diff';
import { evaluateCommand } from './commands/evaluate';
import { indicatorsCommand } from './commands/indicators';
import { panelCommand } from './commands/panel';
import { importCommand } from './commands/import';
import { reportCommand } from './commands/report';
import { sensitivityCommand } from './commands/sensitivity';
import { serveCommand } from './commands/serve';
import { simulateCommand } from './commands/simulate';
import { validateCommand } from './commands/validate';

export { EXIT, type CliIo, type ServeOptions } from './cli-context';
export { MIN_TOKEN_LENGTH } from './commands/serve';

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
  const ctx: CliContext = { io, setCode };
  const commands = [
    validateCommand,
    checkCommand,
    evaluateCommand,
    sensitivityCommand,
    simulateCommand,
    indicatorsCommand,
    panelCommand,
    diffCommand,
    reportCommand,
    serveCommand,
    importCommand,
  ];
  for (const command of commands) {
    const c = command(ctx);
    // Each command is built on its own, so it takes the program's output and error handling here.
    c.copyInheritedSettings(program);
    program.addCommand(c);
  }
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
