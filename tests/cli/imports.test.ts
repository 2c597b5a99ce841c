import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { cli } from '../helpers/cli';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'branchpoint-cli-imports-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function write(relative: string, text: string): string {
  const file = join(dir, relative);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
}

const SCENARIO = `title: Uses a library
imports: [lib.yaml]
root:
  type: decision
  label: Choose
  options:
    - { label: A, type: outcome, payoff: p_a }
    - { label: B, type: outcome, payoff: 1 }
`;

describe('libraries on the command line', () => {
  it('validate checks a library alone', async () => {
    const lib = write('lib.yaml', 'title: Shared\nparameters:\n  p_a: 2\n  p_b: "p_a / 4"\n');
    const r = await cli('validate', lib);
    expect(r).toEqual({ code: 0, stdout: `${lib}: ok (library, 2 parameters)\n`, stderr: '' });
  });

  it('validate reports a library’s own error at its line', async () => {
    const lib = write('lib.yaml', 'title: Shared\nparameters:\n  p_a: 2\n  p_b: "p_zz / 4"\n');
    const r = await cli('validate', lib, '--format', 'json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual([
      {
        file: lib,
        valid: false,
        errors: [expect.objectContaining({ code: 'UNKNOWN_NAME', file: lib, line: 4, column: 8 })],
      },
    ]);
  });

  it.each(['validate', 'evaluate', 'check', 'sensitivity'])(
    '%s quotes the library’s line under an error in the library, not the scenario’s',
    async (command) => {
      const main = write('main.yaml', SCENARIO);
      const lib = write('lib.yaml', 'title: Shared\nparameters:\n  p_b: 1\n  p_a: "p_zz + 1"\n');
      const r = await cli(command, main);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(
        `${lib}:4:8: unknown name 'p_zz' in expression 'p_zz + 1'; it is not a parameter\n4 |   p_a: "p_zz + 1"\n           ^`,
      );
    },
  );

  it('--set reaches an imported parameter', async () => {
    const main = write('main.yaml', SCENARIO);
    write('lib.yaml', 'parameters:\n  p_a: 2\n');
    const base = JSON.parse((await cli('evaluate', main, '--format', 'json')).stdout);
    expect(base.choice).toBe('a');
    const set = await cli('evaluate', main, '--set', 'p_a=0.5', '--format', 'json');
    expect(JSON.parse(set.stdout)).toMatchObject({ choice: 'b', parameters: { p_a: 0.5 } });
  });
});
