#!/usr/bin/env node
import { formatUnexpected } from './unexpected';
import { runCli } from './make-program';
import type { listen } from '../web/listen';

type Listen = typeof listen;

runCli(process.argv.slice(2), {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  ...(process.stderr.isTTY && { progress: (t: string) => process.stderr.write(t) }),
  // The web stack (express, ejs, helmet...) is loaded only by `serve`, not by every command.
  serve: (...args: Parameters<Listen>) =>
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    (require('../web/listen') as { listen: Listen }).listen(...args),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(formatUnexpected(e));
    process.exitCode = 1;
  },
);
