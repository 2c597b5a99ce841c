import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../helpers/cli';
import type { ReportIndex } from '../../src/report';

/** The CLI in-process, with captured output. */

const fixture = (name: string) => join(__dirname, '..', 'fixtures', name);
const SMALL = fixture('report-small.yaml');
const DATE = ['--date', '2026-11-25T00:00:00Z'];
const tmp = () => mkdtempSync(join(tmpdir(), 'branchpoint-report-'));

describe('report FILE', () => {
  it('writes Markdown to stdout', async () => {
    const r = await cli('report', SMALL, '--format', 'md', ...DATE);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toMatch(/^# Umbrella, walk or taxi to the offsite\n/);
    expect(r.stdout).toContain('- **Generated:** 2026-11-25 00:00 UTC\n');
    expect(r.stdout).toContain('**Recommended: Walk with an umbrella**');
  });

  it('writes each format, to a file with -o', async () => {
    const dir = tmp();
    for (const [format, check] of [
      ['html', /^<!DOCTYPE html>/],
      ['json', /^\{\n {2}"report_version": 1,/],
      ['svg', /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" class="tree"/],
    ] as const) {
      const out = join(dir, `report.${format}`);
      const r = await cli('report', SMALL, '--format', format, '-o', out, ...DATE);
      expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
      expect(readFileSync(out, 'utf8')).toMatch(check);
    }
  });

  it('gives the same bytes for the same inputs and date', async () => {
    const args = ['report', SMALL, '--format', 'html', '--set', 'p_rain=0.6', ...DATE];
    const a = await cli(...args);
    const b = await cli(...args);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
  });

  it('takes the date from SOURCE_DATE_EPOCH when --date is not given', async () => {
    const saved = process.env.SOURCE_DATE_EPOCH;
    process.env.SOURCE_DATE_EPOCH = '1795564800';
    try {
      const r = await cli('report', SMALL, '--format', 'json');
      expect(JSON.parse(r.stdout).generated).toBe('2026-11-25T00:00:00Z');
      const given = await cli('report', SMALL, '--format', 'json', '--date', '2027-03-04');
      expect(JSON.parse(given.stdout).generated).toBe('2027-03-04T00:00:00Z');
    } finally {
      if (saved === undefined) delete process.env.SOURCE_DATE_EPOCH;
      else process.env.SOURCE_DATE_EPOCH = saved;
    }
  });

  it('writes one CSV table, named with --table', async () => {
    const r = await cli('report', SMALL, '--format', 'csv', '--table', 'outcomes', ...DATE);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\r\n')[0]).toBe(
      'path,label,route,probability,score,total:comfort,total:cost',
    );
  });

  it('is a usage error to ask for CSV without a table, or a table of another format', async () => {
    const csv = await cli('report', SMALL, '--format', 'csv');
    expect(csv).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'error: a CSV report holds one table; choose it with --table options|outcomes|parameters|sensitivity\n',
    });
    const md = await cli('report', SMALL, '--format', 'md', '--table', 'options');
    expect(md).toMatchObject({ code: 2, stderr: 'error: --table applies only to --format csv\n' });
    expect((await cli('report', SMALL, '--format', 'csv', '--table', 'nope')).code).toBe(2);
    expect((await cli('report', SMALL)).code).toBe(2);
    expect((await cli('report', SMALL, '--format', 'pdf')).code).toBe(2);
    expect((await cli('report', SMALL, '--format', 'md', '--date', 'soon')).code).toBe(2);
    expect((await cli('report', SMALL, '--format', 'md', '--seed', '3')).code).toBe(2);
  });

  it('lists --set and --weight changes, base -> used', async () => {
    const r = await cli(
      'report',
      SMALL,
      '--format',
      'md',
      '--set',
      'p_rain=0.7',
      '--weight',
      'cost=2',
      ...DATE,
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('## Changed from the base scenario');
    expect(r.stdout).toContain('- Chance of rain (`p_rain`): 0.4 (unlikely) → **0.7 (likely)**\n');
    expect(r.stdout).toContain('- Weight of Cost (`cost`): 1 → **2** (share 33.3% → 50.0%)\n');
  });

  it('adds a Monte Carlo summary with --simulate and --seed', async () => {
    const r = await cli(
      'report',
      SMALL,
      '--format',
      'json',
      '--simulate',
      '500',
      '--seed',
      '4',
      ...DATE,
    );
    expect(JSON.parse(r.stdout).simulation).toMatchObject({ iterations: 500, seed: 4 });
  });

  it('fails with the problems of an invalid scenario or override', async () => {
    const bad = await cli(
      'report',
      fixture('invalid-probabilities.yaml'),
      '--format',
      'md',
      ...DATE,
    );
    expect(bad.code).toBe(1);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toContain('invalid-probabilities.yaml:3:3: probabilities of the branches');
    const json = await cli('report', SMALL, '--format', 'json', '--set', 'nope=1', ...DATE);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout).errors[0]).toMatchObject({ code: 'UNKNOWN_PARAMETER' });
    const missing = await cli('report', fixture('no-such-file.yaml'), '--format', 'md');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('cannot read file: no such file');
  });
});

describe('report DIR', () => {
  function folder(): string {
    const dir = tmp();
    copyFileSync(SMALL, join(dir, 'small.yaml'));
    copyFileSync(fixture('oil-wildcatter.yaml'), join(dir, 'oil.yaml'));
    copyFileSync(fixture('invalid-probabilities.yaml'), join(dir, 'broken.yml'));
    writeFileSync(join(dir, 'notes.txt'), 'not a scenario');
    return dir;
  }

  it('needs -o, the folder to write to', async () => {
    const r = await cli('report', folder(), '--format', 'md');
    expect(r).toMatchObject({ code: 2, stdout: '' });
    expect(r.stderr).toContain('a folder of scenarios needs -o DIR');
  });

  it('writes a report per scenario and an index that lists the invalid ones with their errors', async () => {
    const dir = folder();
    const out = join(dir, 'reports', 'md');
    const r = await cli('report', dir, '--format', 'md', '-o', out, ...DATE);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      `wrote 2 reports and index.md to ${out}; 1 invalid scenario listed in the index\n`,
    );
    expect(r.stderr).toContain('broken.yml:3:3: probabilities of the branches');
    expect(readdirSync(out).sort()).toEqual(['index.md', 'oil.md', 'small.md']);
    expect(readFileSync(join(out, 'small.md'), 'utf8')).toBe(
      (await cli('report', join(dir, 'small.yaml'), '--format', 'md', ...DATE)).stdout,
    );
    const index = readFileSync(join(out, 'index.md'), 'utf8');
    expect(index).toContain(
      '| [Umbrella, walk or taxi to the offsite](small.md) | Walk with an umbrella | 3.40 | `small.yaml` |',
    );
    expect(index).toContain('## Invalid scenarios');
    expect(index).toContain('### broken.yml');
    expect(index).toContain(
      "broken.yml:3:3: probabilities of the branches of 'toss' sum to 1.1; they must sum to 1",
    );
  });

  it('writes an HTML index for HTML, and a JSON index for the data formats', async () => {
    const dir = folder();
    const html = join(dir, 'html');
    expect((await cli('report', dir, '--format', 'html', '-o', html, ...DATE)).code).toBe(1);
    expect(readdirSync(html).sort()).toEqual(['index.html', 'oil.html', 'small.html']);
    const page = readFileSync(join(html, 'index.html'), 'utf8');
    expect(page).toContain('<a href="small.html">Umbrella, walk or taxi to the offsite</a>');
    expect(page).toContain('<h2>Invalid scenarios</h2>');

    const csv = join(dir, 'csv');
    await cli('report', dir, '--format', 'csv', '--table', 'options', '-o', csv, ...DATE);
    expect(readdirSync(csv).sort()).toEqual(['index.json', 'oil-options.csv', 'small-options.csv']);
    const index = JSON.parse(readFileSync(join(csv, 'index.json'), 'utf8')) as ReportIndex;
    expect(index).toMatchObject({
      generated: '2026-11-25T00:00:00Z',
      format: 'csv',
      table: 'options',
    });
    expect(index.reports.map((e) => [e.scenario, e.valid, e.report])).toEqual([
      ['broken.yml', false, null],
      ['oil.yaml', true, 'oil-options.csv'],
      ['small.yaml', true, 'small-options.csv'],
    ]);
    expect(index.reports[0]!.errors[0]).toContain('broken.yml:3:3:');
  });

  it('exits 0 when every scenario is valid', async () => {
    const dir = tmp();
    copyFileSync(SMALL, join(dir, 'small.yaml'));
    const out = join(dir, 'out');
    const r = await cli('report', dir, '--format', 'svg', '-o', out, ...DATE);
    expect(r).toEqual({ code: 0, stdout: `wrote 1 report and index.json to ${out}\n`, stderr: '' });
    expect(existsSync(join(out, 'small.svg'))).toBe(true);
  });
});
