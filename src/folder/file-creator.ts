import type * as Fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import type * as Threads from 'node:worker_threads';

/** A file to create: `createFile`'s steps, with the temporary file's name chosen by the caller. */
interface Ask {
  id: number;
  file: string;
  temp: string;
  text: string;
}

/** What became of it: created at a version, the name taken, or failed. */
type Answer =
  | { id: number; version: string }
  | { id: number; taken: true }
  | { id: number; error: { code: string | undefined; message: string } };

/**
 * The thread's code, started from its source text, so that it needs no file of its own, in the
 * CLI's bundle or out of it; it may use nothing from outside this function. For each file asked
 * for, `createFile`'s steps, made one after the other and synchronously: a temporary file
 * written and flushed, linked in under its name (refused when the name is taken), removed. Once
 * no ask waits, each folder that gained files is flushed once for all of them (a group commit),
 * and the answers go back.
 */
function creatorThread(): void {
  /* eslint-disable @typescript-eslint/no-require-imports -- a worker's source text reaches modules only through require() */
  const fs = require('node:fs') as typeof Fs;
  const { parentPort } = require('node:worker_threads') as typeof Threads;
  /* eslint-enable @typescript-eslint/no-require-imports */
  const port = parentPort!;
  /** Answers waiting for their folder's flush, by folder. */
  let waiting = new Map<string, Answer[]>();
  const codeOf = (e: unknown): string | undefined => (e as { code?: string }).code;
  const failure = (id: number, e: unknown): Answer => ({
    id,
    error: { code: codeOf(e), message: (e as Error).message },
  });

  const create = (ask: Ask): Answer => {
    const fd = fs.openSync(ask.temp, 'wx', 0o644);
    let version: string;
    try {
      fs.writeFileSync(fd, ask.text, 'utf8');
      fs.fsyncSync(fd);
      // The form of versionOf (src/folder/file-checks.ts), of the written file's own stat.
      const s = fs.fstatSync(fd);
      version = `${s.mtimeMs}:${s.size}`;
    } catch (e) {
      fs.closeSync(fd);
      fs.rmSync(ask.temp, { force: true });
      throw e;
    }
    fs.closeSync(fd);
    try {
      fs.linkSync(ask.temp, ask.file);
    } catch (e) {
      if (codeOf(e) === 'EEXIST') return { id: ask.id, taken: true };
      throw e;
    } finally {
      fs.rmSync(ask.temp, { force: true });
    }
    return { id: ask.id, version };
  };

  const flush = (): void => {
    const done = waiting;
    waiting = new Map();
    for (const [folder, answers] of done) {
      let out = answers;
      try {
        const fd = fs.openSync(folder, 'r');
        try {
          fs.fsyncSync(fd);
        } catch (e) {
          // Some file systems cannot flush a folder (EINVAL); every other failure is reported.
          if (codeOf(e) !== 'EINVAL') throw e;
        } finally {
          fs.closeSync(fd);
        }
      } catch (e) {
        out = answers.map((a) => ('version' in a ? failure(a.id, e) : a));
      }
      for (const a of out) port.postMessage(a);
    }
  };

  port.on('message', (ask: Ask) => {
    let answer: Answer;
    try {
      answer = create(ask);
    } catch (e) {
      answer = failure(ask.id, e);
    }
    if (!('version' in answer)) {
      port.postMessage(answer);
      return;
    }
    const folder = ask.file.slice(0, ask.file.lastIndexOf('/')) || '/';
    if (waiting.size === 0) setImmediate(flush);
    const answers = waiting.get(folder);
    if (answers) answers.push(answer);
    else waiting.set(folder, [answer]);
  });
}

/**
 * Creates files in a thread of its own: a save through the thread pool is seven trips there and
 * back, each waiting for this thread's turn, which a busy server makes long; here it is one.
 * The thread is started on first use and holds the process open only while files are being
 * created.
 */
export class FileCreator {
  private worker: Worker | undefined;
  private next = 0;
  private readonly pending = new Map<
    number,
    { resolve: (version: string | undefined) => void; reject: (e: Error) => void }
  >();

  /**
   * Creates `file` through `temp` (absolute POSIX paths: the thread finds folders by the last
   * '/'): its version, or undefined when the name was taken.
   */
  create(file: string, temp: string, text: string): Promise<string | undefined> {
    const worker = (this.worker ??= this.start());
    const id = this.next++;
    return new Promise((resolve, reject) => {
      if (this.pending.size === 0) worker.ref();
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, file, temp, text } satisfies Ask);
    });
  }

  private start(): Worker {
    const worker = new Worker(`(${creatorThread.toString()})()`, { eval: true });
    worker.unref();
    worker.on('message', (answer: Answer) => {
      const waiter = this.pending.get(answer.id);
      if (!waiter) return;
      this.settled(answer.id);
      if ('version' in answer) waiter.resolve(answer.version);
      else if ('taken' in answer) waiter.resolve(undefined);
      else waiter.reject(Object.assign(new Error(answer.error.message), answer.error));
    });
    const lost = (error: Error): void => {
      this.worker = undefined;
      for (const [id, waiter] of [...this.pending]) {
        this.settled(id);
        waiter.reject(error);
      }
    };
    worker.on('error', lost);
    worker.on('exit', (code) => lost(new Error(`the file-creating thread stopped (${code})`)));
    return worker;
  }

  private settled(id: number): void {
    this.pending.delete(id);
    if (this.pending.size === 0) this.worker?.unref();
  }
}
