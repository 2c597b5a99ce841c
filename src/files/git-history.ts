import { AsyncLocalStorage } from 'node:async_hooks';
import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';

/** Who made a change, as git records it. */
export interface Author {
  readonly name: string;
  readonly email: string;
}

/** One commit as the history lists it. */
export interface CommitInfo {
  /** Full 40-digit hash. */
  readonly hash: string;
  readonly short: string;
  readonly author: string;
  /** Author date, ISO 8601 with the offset git recorded. */
  readonly date: string;
  /** The subject line. */
  readonly message: string;
}

/** What a write leaves to commit: files (absolute paths) inside the folder, and why. */
export interface Change {
  readonly files: readonly string[];
  readonly message: string;
  readonly author: Author;
}

/** The author of saves made on loopback without team mode. */
export const WEB_AUTHOR: Author = { name: 'branchpoint web', email: 'web@branchpoint.invalid' };

const authorScope = new AsyncLocalStorage<Author>();

/** Runs `task` with `author` as the author of every commit it leads to (one request's saves). */
export function withAuthor<T>(author: Author, task: () => T): T {
  return authorScope.run(author, task);
}

/** The author `withAuthor` set for the code running now, else "branchpoint web". */
export function currentAuthor(): Author {
  return authorScope.getStore() ?? WEB_AUTHOR;
}

/** Most commits one history listing reads. */
export const HISTORY_LIMIT = 50;

/** A git command that failed; its message is git's own first line, without paths of ours. */
export class GitFailed extends Error {
  override readonly name = 'GitFailed';
  readonly status = 500;
}

/** Output bigger than this is refused (a scenario is at most a few MB). */
const MAX_OUTPUT = 64 * 1024 * 1024;
const HASH = /^[0-9a-f]{40}$/;

/**
 * The git history of a served folder that lies inside a git work tree, through the git binary
 * (execFile, never a shell; `--literal-pathspecs`, so a file name is never a glob). Every
 * operation, reads included, runs through one queue: a write and its commit form one step of
 * it, so concurrent saves never interleave their commits and none is lost. Commits name only
 * the files of their change (`git commit --only`), so whatever else is staged in the repository
 * stays as it was; hooks and signing are skipped, since a save must not wait on a prompt.
 */
export class GitHistory {
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    /** The served folder, as an absolute path; git runs there. */
    readonly folder: string,
  ) {}

  /**
   * The history of `folder`, or null when it is not inside a git work tree or git cannot be run:
   * such a folder keeps backup copies instead.
   */
  static async open(folder: string): Promise<GitHistory | null> {
    try {
      const absolute = resolve(folder);
      const inside = await git(absolute, ['rev-parse', '--is-inside-work-tree']);
      return inside.trim() === 'true' ? new GitHistory(absolute) : null;
    } catch {
      return null;
    }
  }

  /**
   * Runs `write` in the queue and then commits what `describe` says it changed (nothing when it
   * returns undefined, or when the files are unchanged). Returns the write's value and the new
   * commit's hash, or null.
   */
  change<T>(
    write: () => Promise<T>,
    describe: (value: T) => Change | undefined,
  ): Promise<{ value: T; commit: string | null }> {
    return this.enqueue(async () => {
      const value = await write();
      const change = describe(value);
      return { value, commit: change ? await this.commitNow(change) : null };
    });
  }

  /** Like `open`, at once: for setting up an app, once. */
  static at(folder: string): GitHistory | null {
    try {
      const absolute = resolve(folder);
      const inside = execFileSync('git', ['rev-parse', '--is-inside-work-tree'], {
        cwd: absolute,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
        env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' },
      });
      return inside.trim() === 'true' ? new GitHistory(absolute) : null;
    } catch {
      return null;
    }
  }

  /** Commits files already written (inside the queue); the hash, or null when nothing changed. */
  commit(change: Change): Promise<string | null> {
    return this.enqueue(() => this.commitNow(change));
  }

  /** The commits that changed `file`, newest first, at most `limit`. */
  log(file: string, limit = HISTORY_LIMIT): Promise<CommitInfo[]> {
    return this.enqueue(async () => {
      const out = await git(this.folder, [
        'log',
        `-n${limit}`,
        '--format=%H%x1f%h%x1f%an%x1f%aI%x1f%s%x1e',
        '--',
        this.path(file),
      ]).catch(() => '');
      return out
        .split('\x1e')
        .map((r) => r.trim())
        .filter((r) => r !== '')
        .map((r) => {
          const [hash = '', short = '', author = '', date = '', message = ''] = r.split('\x1f');
          return { hash, short, author, date, message };
        });
    });
  }

  /** `file` as commit `hash` left it; undefined when that commit is not in its history. */
  async show(file: string, hash: string): Promise<string | undefined> {
    if (!(await this.knows(file, hash))) return undefined;
    return this.enqueue(() =>
      git(this.folder, ['show', `${hash}:./${this.path(file).split(sep).join('/')}`]).catch(
        () => undefined,
      ),
    );
  }

  /** What commit `hash` changed in `file`, as a unified diff; undefined for an unknown commit. */
  async diff(file: string, hash: string): Promise<string | undefined> {
    if (!(await this.knows(file, hash))) return undefined;
    return this.enqueue(() =>
      git(this.folder, [
        'show',
        '--format=',
        '--no-color',
        '--no-ext-diff',
        '--no-renames',
        hash,
        '--',
        this.path(file),
      ]),
    );
  }

  /** Whether `hash` is a commit in the listed history of `file` (a name from outside never reaches git otherwise). */
  private async knows(file: string, hash: string): Promise<boolean> {
    if (!HASH.test(hash)) return false;
    return (await this.log(file, 1000)).some((c) => c.hash === hash);
  }

  private async commitNow(change: Change): Promise<string | null> {
    const paths = change.files.map((f) => this.path(f));
    const present = paths.filter((p) => existsSync(resolve(this.folder, p)));
    const gone = paths.filter((p) => !present.includes(p));
    if (present.length > 0) await git(this.folder, ['add', '--', ...present]);
    if (gone.length > 0)
      await git(this.folder, ['rm', '--cached', '--quiet', '--ignore-unmatch', '--', ...gone]);
    const staged = await git(this.folder, ['diff', '--cached', '--name-only', '--', ...paths]);
    if (staged.trim() === '') return null;
    const env = {
      GIT_AUTHOR_NAME: change.author.name,
      GIT_AUTHOR_EMAIL: change.author.email,
      GIT_COMMITTER_NAME: WEB_AUTHOR.name,
      GIT_COMMITTER_EMAIL: WEB_AUTHOR.email,
    };
    await git(
      this.folder,
      [
        '-c',
        'commit.gpgsign=false',
        'commit',
        '--quiet',
        '--no-verify',
        '--only',
        '-m',
        change.message,
        '--',
        ...paths,
      ],
      env,
    );
    return (await git(this.folder, ['rev-parse', 'HEAD'])).trim();
  }

  /** `file` relative to the folder, refusing anything outside it. */
  private path(file: string): string {
    const rel = relative(this.folder, resolve(file));
    if (rel === '' || rel.startsWith('..') || rel.startsWith(sep))
      throw new GitFailed('a file outside the served folder is not recorded');
    return rel;
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const next = this.queue.then(task, task);
    // The queue goes on after a failure; the caller gets the failure itself.
    this.queue = next.catch(() => undefined);
    return next;
  }
}

/**
 * Runs git in `cwd` with `args` and returns its standard output. Prompts and pagers are off,
 * and the locale is C, so what git prints can be read.
 */
function git(cwd: string, args: string[], env: Record<string, string> = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      ['--literal-pathspecs', '--no-pager', ...args],
      {
        cwd,
        maxBuffer: MAX_OUTPUT,
        env: {
          ...process.env,
          ...env,
          GIT_TERMINAL_PROMPT: '0',
          LC_ALL: 'C',
          GIT_OPTIONAL_LOCKS: '0',
        },
      },
      (error, stdout, stderr) => {
        if (error) {
          const first = String(stderr).trim().split('\n')[0] ?? '';
          reject(new GitFailed(`git ${args[0] ?? ''} failed${first ? `: ${first}` : ''}`));
        } else resolve(String(stdout));
      },
    );
  });
}
