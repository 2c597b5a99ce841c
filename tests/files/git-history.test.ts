import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GitHistory, WEB_AUTHOR } from '../../src/files/git-history';

/**
 * The git wrapper on a real temporary repository: commits name their author and only their
 * files, history lists and shows them, concurrent changes queue, and a plain folder has none.
 */
let dir: string;

const git = (...args: string[]): string =>
  execFileSync('git', args, { cwd: dir, encoding: 'utf8' }).trim();

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'branchpoint-git-'));
  git('init', '--quiet');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const ana = { name: 'Ana Analyst', email: 'ana@example.org' };

it('is null for a folder outside any git work tree', async () => {
  const plain = mkdtempSync(join(tmpdir(), 'branchpoint-plain-'));
  try {
    expect(await GitHistory.open(plain)).toBeNull();
  } finally {
    rmSync(plain, { recursive: true, force: true });
  }
});

it('commits a write with its author and message, into an empty repository too', async () => {
  const history = (await GitHistory.open(dir))!;
  const file = join(dir, 'a.yaml');
  const { commit } = await history.change(
    () => Promise.resolve(writeFileSync(file, 'title: A\n')),
    () => ({ files: [file], message: 'Create a.yaml', author: ana }),
  );
  expect(commit).toMatch(/^[0-9a-f]{40}$/);
  expect(git('log', '--format=%an <%ae>|%cn|%s')).toBe(
    `Ana Analyst <ana@example.org>|${WEB_AUTHOR.name}|Create a.yaml`,
  );
  const log = await history.log(file);
  expect(log).toEqual([
    expect.objectContaining({ hash: commit, author: 'Ana Analyst', message: 'Create a.yaml' }),
  ]);
});

it('commits only its own files and leaves other staged work staged', async () => {
  const history = (await GitHistory.open(dir))!;
  writeFileSync(join(dir, 'other.txt'), 'staged by someone\n');
  git('add', 'other.txt');
  const file = join(dir, 'b.yaml');
  writeFileSync(file, 'x: 1\n');
  await history.commit({ files: [file], message: 'Edit b.yaml', author: ana });
  expect(git('show', '--name-only', '--format=', 'HEAD')).toBe('b.yaml');
  expect(git('diff', '--cached', '--name-only')).toBe('other.txt');
});

it('makes no commit when the file did not change', async () => {
  const history = (await GitHistory.open(dir))!;
  const file = join(dir, 'c.yaml');
  writeFileSync(file, 'x: 1\n');
  expect(await history.commit({ files: [file], message: 'one', author: ana })).not.toBeNull();
  expect(await history.commit({ files: [file], message: 'two', author: ana })).toBeNull();
  expect(git('rev-list', '--count', 'HEAD')).toBe('1');
});

it('shows a file as a commit left it and the diff of that commit, only for its own commits', async () => {
  const history = (await GitHistory.open(dir))!;
  const file = join(dir, 'd.yaml');
  writeFileSync(file, 'x: 1\n');
  const first = (await history.commit({ files: [file], message: 'one', author: ana }))!;
  writeFileSync(file, 'x: 2\n');
  await history.commit({ files: [file], message: 'two', author: ana });
  expect(await history.show(file, first)).toBe('x: 1\n');
  const [latest] = await history.log(file);
  expect(await history.diff(file, latest!.hash)).toMatch(/-x: 1\n\+x: 2/);
  expect(await history.show(file, 'HEAD')).toBeUndefined();
  expect(await history.show(file, '0'.repeat(40))).toBeUndefined();
  expect(await history.show(file, `${first.slice(0, 39)};`)).toBeUndefined();
});

it('refuses a file outside the folder', async () => {
  const history = (await GitHistory.open(dir))!;
  await expect(
    history.commit({ files: [join(dir, '..', 'x.yaml')], message: 'm', author: ana }),
  ).rejects.toThrow('outside the served folder');
});

it('treats a file name as a literal path, not a glob', async () => {
  const history = (await GitHistory.open(dir))!;
  writeFileSync(join(dir, 'e1.yaml'), '1\n');
  const star = join(dir, 'e*.yaml');
  writeFileSync(star, '2\n');
  await history.commit({ files: [star], message: 'star', author: ana });
  expect(git('show', '--name-only', '--format=', 'HEAD')).toBe('e*.yaml');
});

it('queues concurrent changes: one commit each, none interleaved', async () => {
  const history = (await GitHistory.open(dir))!;
  const file = join(dir, 'f.yaml');
  const saves = Array.from({ length: 12 }, (_, i) =>
    history.change(
      async () => {
        writeFileSync(file, `n: ${i}\n`);
        await new Promise((r) => setTimeout(r, 2));
        return i;
      },
      (n) => ({ files: [file], message: `save ${n}`, author: ana }),
    ),
  );
  const done = await Promise.all(saves);
  expect(done.every((d) => d.commit !== null)).toBe(true);
  expect(git('rev-list', '--count', 'HEAD')).toBe('12');
  // Each commit holds the text its own write left.
  for (let i = 0; i < 12; i++) expect(git('show', `${done[i]!.commit}:f.yaml`)).toBe(`n: ${i}`);
  expect(git('fsck', '--no-progress')).toBe('');
});
