import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic } from '../../src/web/atomic-write';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'branchpoint-atomic-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('writeFileAtomic', () => {
  it('replaces the file and leaves no temporary file behind', async () => {
    const file = join(dir, 'a.yaml');
    writeFileSync(file, 'old');
    await writeFileAtomic(file, 'new');
    expect(readFileSync(file, 'utf8')).toBe('new');
    expect(readdirSync(dir)).toEqual(['a.yaml']);
  });

  it('leaves the old file intact when the write is interrupted between temp file and rename', async () => {
    const file = join(dir, 'a.yaml');
    writeFileSync(file, 'old');
    let tempSeen = '';
    const crash = {
      rename: (from: string) => {
        // The new text is complete in the temporary file; the "crash" comes before the rename.
        tempSeen = readFileSync(from, 'utf8');
        return Promise.reject(new Error('power cut'));
      },
    };
    await expect(writeFileAtomic(file, 'new', crash)).rejects.toThrow('power cut');
    expect(tempSeen).toBe('new');
    expect(readFileSync(file, 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['a.yaml']);
  });
});
