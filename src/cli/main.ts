#!/usr/bin/env node
import { formatUnexpected } from './unexpected';
import { runCli } from './make-program';
import { listen } from '../web/listen';

runCli(process.argv.slice(2), {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  ...(process.stderr.isTTY && { progress: (t: string) => process.stderr.write(t) }),
  serve: listen,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(formatUnexpected(e));
    process.exitCode = 1;
  },
);
