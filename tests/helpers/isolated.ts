import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/** The repository root, so isolated scripts can require `src/...`. */
export const ROOT = join(__dirname, '..', '..');

// Lets the child process require the TypeScript sources directly, transpiled file by file.
const REGISTER_TYPESCRIPT = `
const ts = require('typescript');
const fs = require('fs');
require.extensions['.ts'] = (module, filename) => {
  const { outputText } = ts.transpileModule(fs.readFileSync(filename, 'utf8'), {
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
    },
    fileName: filename,
  });
  module._compile(outputText, filename);
};
`;

export interface IsolatedRun {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `script` (CommonJS JavaScript, which may `require` files under `src/` by absolute path)
 * in a fresh Node process, for inputs that could take the test process itself down: a fatal V8
 * error cannot be caught, only observed from outside.
 */
export function runIsolated(script: string, timeoutMs = 20_000): IsolatedRun {
  const result = spawnSync(process.execPath, ['-e', `${REGISTER_TYPESCRIPT}\n${script}`], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: timeoutMs,
  });
  return {
    status: result.status,
    signal: result.signal,
    stdout: result.stdout,
    stderr: result.stderr,
  };
}

/** A one-line summary of a run that went wrong, for assertion messages. */
export function describeRun(run: IsolatedRun): string {
  const firstError = run.stderr.split('\n').find((line) => line.trim() !== '') ?? '';
  return `status ${String(run.status)}, signal ${String(run.signal)}, stdout ${JSON.stringify(run.stdout)}, stderr: ${firstError}`;
}
