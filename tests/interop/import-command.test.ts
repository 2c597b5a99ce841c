import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../helpers/cli';

/** `branchpoint import` in-process: where the YAML goes, exit codes, how problems print. */

const TREES = join(__dirname, '..', '..', '..', 'shared', 'peers', 'silverdecisions-trees');
const tree = (name: string) => join(TREES, name);

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'branchpoint-import-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('branchpoint import', () => {
  it('prints the scenario on stdout without -o', async () => {
    const r = await cli('import', tree('rockefeller-norandom.sd.json'));
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toMatch(
      /^# Imported from SilverDecisions 0\.8\.2 file rockefeller-norandom\.sd\.json/,
    );
    expect(r.stdout).toContain('title: Problem inwestycyjny');
  });

  it('writes the file with -o, and the file evaluates', async () => {
    const out = join(dir, 'rockefeller.yaml');
    const r = await cli('import', tree('rockefeller-norandom.sd.json'), '-o', out);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`wrote ${out}`);
    expect(readFileSync(out, 'utf8')).toContain('pplus:');
    const evaluated = await cli('evaluate', out, '--format', 'json');
    expect(evaluated.code).toBe(0);
    expect(JSON.parse(evaluated.stdout).policy.length).toBeGreaterThan(0);
  });

  it('picks a tree with --tree and warns when there are several and none is picked', async () => {
    const picked = await cli('import', tree('payofftransform-t0.sd.json'), '--tree', '1');
    expect(picked).toMatchObject({ code: 0, stderr: '' });
    expect(picked.stdout).toContain('data.trees[1]');
    const first = await cli('import', tree('payofftransform-t0.sd.json'));
    expect(first.code).toBe(0);
    expect(first.stderr).toBe(
      `${tree('payofftransform-t0.sd.json')}: data.trees: warning: the file has 2 trees; imported data.trees[0] (choose another with --tree N, 0 to 1)\n`,
    );
  });

  it('names the JSON path of what cannot be expressed, exit 1', async () => {
    const json = JSON.parse(readFileSync(tree('policies.sd.json'), 'utf8'));
    json.data.trees[0].childEdges[2].childNode.type = 'utility';
    const file = join(dir, 'broken.sd.json');
    writeFileSync(file, JSON.stringify(json));
    const r = await cli('import', file);
    expect(r).toEqual({
      code: 1,
      stdout: '',
      stderr: `${file}: data.trees[0].childEdges[2].childNode: unknown node type "utility"; SilverDecisions nodes are decision, chance or terminal\n`,
    });
  });

  it('reports a file that is not JSON, exit 1', async () => {
    const file = join(dir, 'not.json');
    writeFileSync(file, '{ nope');
    const r = await cli('import', file);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: not JSON: `),
    );
  });

  it('reports what branchpoint refuses in the scenario produced, at its line, exit 1', async () => {
    const json = JSON.parse(readFileSync(tree('rockefeller-norandom.sd.json'), 'utf8'));
    json.data.code = 'pr=1.5\nsens=0.9\nspec=0.7';
    const file = join(dir, 'bad-probability.sd.json');
    writeFileSync(file, JSON.stringify(json));
    const r = await cli('import', file);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${file}: the imported scenario does not validate:`);
    expect(r.stderr).toMatch(/bad-probability\.yaml:\d+:\d+: /);
  });

  it('is a usage error (exit 2) to ask for a tree the file does not have, or a bad --tree', async () => {
    const missing = await cli('import', tree('policies.sd.json'), '--tree', '3');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('there is no tree 3: the file has 1 (0 to 0)');
    expect((await cli('import', tree('policies.sd.json'), '--tree', 'x')).code).toBe(2);
    expect((await cli('import')).code).toBe(2);
  });
});
