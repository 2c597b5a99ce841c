import { Command } from 'commander';
import { stat } from 'node:fs/promises';
import { isIP } from 'node:net';
import { EXIT, UsageError, type CliContext } from '../cli-context';

/** Shortest `BRANCHPOINT_TOKEN` accepted: a shorter secret could be guessed. */
export const MIN_TOKEN_LENGTH = 16;

/** `branchpoint serve`. */
export function serveCommand(ctx: CliContext): Command {
  return new Command('serve')
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
      // Digits only: Number() would read '' as 0 (a random port) and '0x10' as 16.
      const port = /^\d{1,5}$/.test(opts.port) ? Number(opts.port) : Number.NaN;
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new UsageError(`--port must be a whole number from 0 to 65535, got '${opts.port}'`);
      const folder = await stat(dir).catch(() => undefined);
      if (!folder?.isDirectory())
        throw new UsageError(
          folder
            ? `'${dir}' is a file; serve a folder of scenario files`
            : `there is no folder '${dir}' to serve; name a folder of scenario files`,
        );
      const token = (ctx.io.env ?? process.env).BRANCHPOINT_TOKEN?.trim();
      const teamMode = token !== undefined && token !== '';
      if (teamMode && token.length < MIN_TOKEN_LENGTH)
        throw new UsageError(
          `BRANCHPOINT_TOKEN is too short to be safe: use at least ${MIN_TOKEN_LENGTH} random characters, such as the output of 'openssl rand -base64 24'`,
        );
      if (!teamMode && !isLoopback(opts.host))
        throw new UsageError(
          `refusing to serve on ${opts.host} without access control: set BRANCHPOINT_TOKEN in the environment to a secret of at least ${MIN_TOKEN_LENGTH} characters (every request then needs it), or use --host 127.0.0.1`,
        );
      if (!ctx.io.serve) throw new UsageError('serving is not available here');
      const readOnly = opts.readOnly === true;
      const url = await ctx.io
        .serve(dir, opts.host, port, {
          ...(teamMode && { token }),
          readOnly,
        })
        .catch((e: unknown) => {
          throw listenError(e, opts.host, port);
        });
      ctx.io.stdout(`branchpoint is serving ${dir} at ${url}\n`);
      if (teamMode)
        ctx.io.stdout(
          `Team mode: a token is required. People sign in at ${url}login with the token in BRANCHPOINT_TOKEN; programs send "Authorization: Bearer <token>". Over plain http the token is readable on the network: beyond a trusted network, put HTTPS in front.\n`,
        );
      if (readOnly) ctx.io.stdout('Read-only: saving, variants and deleting are turned off.\n');
      ctx.setCode(EXIT.ok);
    });
}

function isLoopback(host: string): boolean {
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1' || host === '[::1]';
}

/** Why the server could not listen, as a usage error when the address or port is to blame. */
function listenError(e: unknown, host: string, port: number): unknown {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'EADDRINUSE':
      return new UsageError(
        `port ${port} on ${host} is in use by another program; choose another with --port, such as --port ${port === 65535 ? 3001 : port + 1}`,
      );
    case 'EACCES':
      return new UsageError(
        `port ${port} needs privileges this user does not have; choose one above 1023 with --port`,
      );
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NONAME':
      return new UsageError(
        `cannot listen on --host ${host} (${code}): it is not an address of this machine; use one, such as --host 127.0.0.1, or choose another --port`,
      );
    default:
      return e;
  }
}
