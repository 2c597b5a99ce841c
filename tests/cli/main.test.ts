import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Runs the built CLI as a user would (`npm test` builds first): package.json's `bin`, the bundle
 * of scripts/bundle-cli.mjs. Checks exit codes, that stdout carries exactly one JSON document,
 * and that what the bundle leaves outside itself (worker threads, the web stack, the importer,
 * views and static files) is found from where it runs.
 */
const root = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  bin: { branchpoint: string };
};
const cli = join(root, pkg.bin.branchpoint);
const fixture = (name: string) => join(root, 'tests', 'fixtures', name);

function run(...args: string[]) {
  return runWith(cli, ...args);
}

function runWith(bin: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  if (!existsSync(cli)) throw new Error(`build the CLI first (npm run build): ${cli} is missing`);
});

describe('branchpoint (built CLI)', () => {
  it('evaluates to one JSON document on stdout with exit code 0', () => {
    const r = run('evaluate', fixture('oil-wildcatter.yaml'), '--format', 'json');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const json = JSON.parse(r.stdout);
    expect(json.choice).toBe('seismic-test');
    expect(json.score).toBeCloseTo(22.5, 9);
    expect(Object.keys(json)).toEqual([
      'title',
      'criteria',
      'score',
      'expected',
      'choice',
      'options',
      'policy',
      'outcomes',
      'parameters',
      'score_range',
    ]);
  });

  it('exits 1 with file:line:col on stderr for an invalid scenario', () => {
    const r = run('validate', fixture('invalid-probabilities.yaml'));
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      /invalid-probabilities\.yaml:\d+:\d+: probabilities of the branches of 'toss' sum to 1\.1/,
    );
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 2 for wrong usage', () => {
    expect(run('evaluate').code).toBe(2);
    expect(run('frobnicate').code).toBe(2);
    expect(run('evaluate', fixture('oil-wildcatter.yaml'), '--format', 'xml').code).toBe(2);
    expect(run('evaluate', fixture('oil-wildcatter.yaml'), '--set', 'p_dry').code).toBe(2);
  });

  it('exits 1 for an override that names no parameter', () => {
    const r = run('evaluate', fixture('oil-wildcatter.yaml'), '--set', 'p_oil=0.3');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("cannot set 'p_oil'");
  });

  it('exits 1 for a missing file without a stack trace', () => {
    const r = run('evaluate', 'no/such/file.yaml');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('no/such/file.yaml: cannot read file: no such file');
  });

  it('runs a large simulation on worker threads', () => {
    // 77 nodes x 100,000 iterations is past PARALLEL_WORK: the blocks go to worker threads,
    // which the bundle starts from its own folder.
    const args = ['simulate', 'scenarios/us-response.yaml', '--iterations', '100000'];
    const r = run(...args, '--format', 'json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toHaveProperty('iterations', 100_000);
  });

  it('loads the importer only for import, from the build beside the bundle', () => {
    const r = run('import', 'no/such/file.sd.json');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('no/such/file.sd.json: no such file\n');
  });

  it('reports a YAML syntax error with its position (yaml is loaded for it)', () => {
    const r = spawnSync(process.execPath, [cli, 'validate', '-'], {
      cwd: root,
      encoding: 'utf8',
      input: 'title: x\nroot: [\n',
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^<stdin>:3:1: /);
  });

  it("runs as usual with a code cache that is not V8's", () => {
    const dir = mkdtempSync(join(tmpdir(), 'branchpoint-bin-'));
    try {
      const bin = join(dir, 'cli', 'branchpoint.js');
      cpSync(join(root, 'dist', 'cli'), join(dir, 'cli'), { recursive: true });
      writeFileSync(join(dir, 'cli', 'main.cache'), 'not a code cache');
      const r = runWith(bin, 'validate', 'scenarios/us-response.yaml');
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('8 expectations hold');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('serves the web app, its views and its static files', async () => {
    const child = spawn(process.execPath, [cli, 'serve', 'scenarios', '--port', '0'], {
      cwd: root,
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const m = /http:\/\/\S+\//.exec(out);
          if (m) resolve(m[0]);
        });
        child.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
      });
      const page = await fetch(url);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<title>');
      const css = await fetch(new URL('static/style.css', url));
      expect(css.status).toBe(200);
    } finally {
      child.kill();
    }
  });
});
