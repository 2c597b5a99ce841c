import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { evaluateDocument, openScenarioText, readScenario } from '../../src/document';
import { sensitivity } from '../../src/engine';

/** FORMAT.md section 8: libraries, their errors in their own files, duplicates, cycles, the folder. */

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'branchpoint-imports-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function write(relative: string, text: string): string {
  const file = join(dir, relative);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
}

/** A scenario whose only chance node reads `p_holds`: hold (10) or fail (0) against a sure 4. */
function scenario(head: string): string {
  return `title: Uses libraries
${head}
root:
  type: decision
  label: Choose
  options:
    - label: Gamble
      type: chance
      branches:
        - { label: Holds, type: outcome, probability: p_holds, payoff: 10 }
        - { label: Fails, type: outcome, probability: "#", payoff: 0 }
    - { label: Safe, type: outcome, payoff: 4 }
`;
}

const LIB_A = `title: Library A
imports:
  - deep/b.yaml
parameters:
  p_holds: "p_base * 2"
`;

const LIB_B = `title: Library B
sources:
  - { id: desk, title: Desk estimate }
parameters:
  p_base:
    value: 0.3
    range: [0.1, 0.4]
    source: desk
`;

describe('a chain scenario -> library A -> library B', () => {
  it('joins the parameters and sources of both libraries, as if written in the scenario', async () => {
    const main = write('scenarios/main.yaml', scenario('imports:\n  - ../libs/a.yaml'));
    write('libs/a.yaml', LIB_A);
    write('libs/deep/b.yaml', LIB_B);
    const doc = await readScenario(main);
    if (!doc.ok) throw new Error(JSON.stringify(doc.errors));
    expect(doc.scenario.parameters.map((p) => p.name)).toEqual(['p_base', 'p_holds']);
    expect(doc.scenario.parameters.map((p) => p.file)).toEqual([
      join(dir, 'libs/deep/b.yaml'),
      join(dir, 'libs/a.yaml'),
    ]);
    expect(doc.scenario.sources.map((s) => s.id)).toEqual(['desk']);
    expect(doc.base.parameters).toEqual({ p_base: 0.3, p_holds: 0.6 });
    expect(doc.base.choice).toBe('gamble');
    // --set reaches an imported parameter, and what depends on it follows.
    const set = evaluateDocument(doc, { set: { p_base: 0.15 } });
    expect(set.ok && set.value.parameters.p_holds).toBeCloseTo(0.3, 12);
    expect(set.ok && set.value.choice).toBe('safe');
    // Sensitivity analyses an imported parameter's range: Gamble = 20 p_base, Safe = 4.
    const sens = sensitivity(doc.scenario);
    expect(sens.ok).toBe(true);
    if (!sens.ok) return;
    const row = sens.value.parameters.find((r) => r.name === 'p_base')!;
    expect(row.threshold).toBeCloseTo(0.2, 6);
  });

  it('reports an error in B at B’s own file:line:col, two files away', async () => {
    const main = write('scenarios/main.yaml', scenario('imports:\n  - ../libs/a.yaml'));
    write('libs/a.yaml', LIB_A);
    const b = write(
      'libs/deep/b.yaml',
      `title: Library B\nparameters:\n  p_base: 0.3\n  p_other: "p_missing * 2"\n`,
    );
    const doc = await readScenario(main);
    expect(doc.ok).toBe(false);
    if (doc.ok) return;
    expect(doc.errors).toEqual([
      expect.objectContaining({ code: 'UNKNOWN_NAME', file: b, line: 4, column: 12 }),
    ]);
    expect(doc.texts.get(b)).toContain('p_missing');
  });

  it('reports an unknown key in B at B’s line', async () => {
    const main = write('scenarios/main.yaml', scenario('imports:\n  - ../libs/a.yaml'));
    write('libs/a.yaml', LIB_A);
    const b = write('libs/deep/b.yaml', `title: Library B\nparameters:\n  p_base: 0.3\nroots: 1\n`);
    const doc = await readScenario(main);
    expect(!doc.ok && doc.errors).toEqual([
      expect.objectContaining({ code: 'UNKNOWN_KEY', file: b, line: 4, column: 1 }),
    ]);
  });

  it('a missing library is an error at the import entry that names it', async () => {
    const main = write('scenarios/main.yaml', scenario('imports:\n  - ../libs/a.yaml'));
    const a = write('libs/a.yaml', LIB_A);
    const doc = await readScenario(main);
    expect(doc.ok).toBe(false);
    if (doc.ok) return;
    expect(doc.errors[0]).toMatchObject({ code: 'FILE_UNREADABLE', file: a, line: 3, column: 5 });
    expect(doc.errors[0]!.message).toContain("cannot read import 'deep/b.yaml'");
    // The names the missing library would have defined are not reported again where used.
    expect(doc.errors.slice(1)).toEqual([]);
  });
});

describe('a name defined twice', () => {
  it('locally and in a library is an error at both places', async () => {
    const main = write(
      'main.yaml',
      scenario('imports:\n  - lib.yaml\nparameters:\n  p_holds: 0.5'),
    );
    const lib = write('lib.yaml', 'parameters:\n  p_other: 1\n  p_holds: 0.6\n');
    const doc = await readScenario(main);
    expect(doc.ok).toBe(false);
    if (doc.ok) return;
    const dups = doc.errors.filter((e) => e.code === 'DUPLICATE_ID');
    expect(dups).toHaveLength(2);
    expect(dups).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ file: main, line: 5, column: 3, path: 'p_holds' }),
        expect.objectContaining({ file: lib, line: 3, column: 3, path: 'p_holds' }),
      ]),
    );
    expect(doc.errors).toHaveLength(2);
  });

  it('by two imports is an error in each library', async () => {
    const main = write('main.yaml', scenario('imports:\n  - one.yaml\n  - two.yaml'));
    const one = write('one.yaml', 'parameters:\n  p_holds: 0.5\n');
    const two = write('two.yaml', 'title: two\nparameters:\n  p_holds: 0.6\n');
    const doc = await readScenario(main);
    expect(!doc.ok && doc.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'DUPLICATE_ID', file: one, line: 2, column: 3 }),
        expect.objectContaining({ code: 'DUPLICATE_ID', file: two, line: 3, column: 3 }),
      ]),
    );
  });

  it('a source id in the scenario and a library is reported at both', async () => {
    const main = write(
      'main.yaml',
      scenario(
        'imports: [lib.yaml]\nsources:\n  - { id: desk, title: Mine }\nparameters:\n  p_holds: 0.5',
      ),
    );
    const lib = write('lib.yaml', 'sources:\n  - { id: desk, title: Theirs }\n');
    const doc = await readScenario(main);
    expect(!doc.ok && doc.errors.map((e) => [e.code, e.file, e.line])).toEqual(
      expect.arrayContaining([
        ['DUPLICATE_ID', main, 4],
        ['DUPLICATE_ID', lib, 2],
      ]),
    );
  });

  it('a library imported by two paths joins once (a diamond is not a duplicate)', async () => {
    const main = write('main.yaml', scenario('imports: [a.yaml, b.yaml]'));
    write('a.yaml', 'imports: [base.yaml]\n');
    write('b.yaml', 'imports: [base.yaml]\n');
    write('base.yaml', 'parameters:\n  p_holds: 0.7\n');
    const doc = await readScenario(main);
    expect(doc.ok && doc.base.parameters).toEqual({ p_holds: 0.7 });
  });
});

describe('what cannot be imported', () => {
  it('a cycle of imports is IMPORT_CYCLE at the entry that closes it', async () => {
    const main = write('main.yaml', scenario('imports: [a.yaml]'));
    write('a.yaml', 'imports:\n  - b.yaml\nparameters:\n  p_holds: 0.5\n');
    const b = write('b.yaml', 'title: B\nimports:\n  - a.yaml\n');
    const doc = await readScenario(main);
    expect(!doc.ok && doc.errors).toEqual([
      expect.objectContaining({ code: 'IMPORT_CYCLE', file: b, line: 3, column: 5 }),
    ]);
    expect(!doc.ok && doc.errors[0]!.message).toMatch(/a\.yaml -> .*b\.yaml -> .*a\.yaml/);
  });

  it('a library importing itself is a cycle', async () => {
    const main = write('main.yaml', scenario('imports: [a.yaml]'));
    write('a.yaml', 'imports: [a.yaml]\nparameters: { p_holds: 0.5 }\n');
    const doc = await readScenario(main);
    expect(!doc.ok && doc.errors.map((e) => e.code)).toEqual(['IMPORT_CYCLE']);
  });

  it('a scenario imported as a library is NOT_A_LIBRARY at the import entry', async () => {
    const main = write(
      'main.yaml',
      scenario('imports:\n  - other.yaml\nparameters:\n  p_holds: 0.5'),
    );
    write('other.yaml', scenario('parameters:\n  p_holds: 0.5'));
    const doc = await readScenario(main);
    expect(!doc.ok && doc.errors).toEqual([
      expect.objectContaining({ code: 'NOT_A_LIBRARY', file: main, line: 3, column: 5 }),
    ]);
  });

  it('a library opened as a scenario is NOT_A_LIBRARY, saying what it is', async () => {
    const lib = write('lib.yaml', 'parameters:\n  p_holds: 0.5\n');
    const doc = await readScenario(lib);
    expect(!doc.ok && doc.errors).toEqual([
      expect.objectContaining({ code: 'NOT_A_LIBRARY', file: lib, line: 1, column: 1 }),
    ]);
  });

  it('with a served folder, an import outside it is IMPORT_OUTSIDE and is not read', async () => {
    const main = write('served/main.yaml', scenario('imports:\n  - ../outside.yaml'));
    write('outside.yaml', 'parameters:\n  p_holds: 0.5\n');
    const doc = await readScenario(main, { folder: join(dir, 'served') });
    expect(doc.ok).toBe(false);
    if (doc.ok) return;
    expect(doc.errors[0]).toMatchObject({ code: 'IMPORT_OUTSIDE', file: main, line: 3, column: 5 });
    expect(doc.errors.map((e) => e.code)).toEqual(['IMPORT_OUTSIDE']);
    expect(doc.texts.size).toBe(0);
    // Without a served folder (the CLI), the same file is read.
    expect((await readScenario(main)).ok).toBe(true);
  });

  it('unsaved text is checked with its imports read relative to where it would be saved', async () => {
    write('libs/a.yaml', 'parameters:\n  p_holds: 0.55\n');
    const doc = await openScenarioText(scenario('imports: [libs/a.yaml]'), join(dir, 'new.yaml'), {
      folder: dir,
    });
    expect(doc.ok && doc.base.parameters).toEqual({ p_holds: 0.55 });
  });
});
