import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * The creating thread (src/folder/file-creator.ts) holds a process open only while it creates
 * files. Run on the built module, as the server runs it (so not in `npm run test:unit`).
 */

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'branchpoint-creator-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the creating thread', () => {
  it('does not keep a process running once its files are created', () => {
    // The child would wait for its timeout if the thread held it open.
    const built = resolve(__dirname, '../../dist/src/folder/atomic-write.js');
    const script = `require(${JSON.stringify(built)}).createFile(${JSON.stringify(join(dir, 'c.yaml'))}, 'z').then((v) => console.log(typeof v))`;
    const out = execFileSync(process.execPath, ['-e', script], { timeout: 20_000 });
    expect(out.toString().trim()).toBe('string');
    expect(readFileSync(join(dir, 'c.yaml'), 'utf8')).toBe('z');
  });
});
