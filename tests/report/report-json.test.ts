import type { ReportData } from '../../src/report/report-data';
import { formatJson, renderJson } from '../../src/report/report-json';
import { expectGolden, reportOf } from './golden';

describe('renderJson', () => {
  it('matches the golden report of the small scenario', async () => {
    expectGolden('report.json', renderJson(await reportOf()));
  });

  it('carries everything as data, in a fixed key order, with the full content hash', async () => {
    const json = JSON.parse(renderJson(await reportOf())) as ReportData & {
      report_version: number;
    };
    expect(Object.keys(json)).toEqual([
      'report_version',
      'title',
      'description',
      'generated',
      'file',
      'variant',
      'changes',
      'recommendation',
      'score',
      'expected',
      'bottom_line',
      'statements',
      'policy',
      'criteria',
      'options',
      'tree',
      'outcomes',
      'sensitivity',
      'simulation',
      'expectations',
      'indicators',
      'panel',
      'parameters',
      'probabilities',
      'sources',
    ]);
    expect(json.file.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(json.tree.children.map((c) => [c.id, c.chosen])).toEqual([
      ['walk-with-an-umbrella', true],
      ['walk-without', false],
      ['take-a-taxi', false],
    ]);
    expect(json).not.toHaveProperty('tree_svg');
  });

  it('keeps short arrays of plain values on one line, as Prettier does', () => {
    const value = {
      range: [0.1, 0.8],
      empty: [],
      nothing: {},
      big: 1e21,
      long: Array.from({ length: 12 }, (_, i) => `label number ${i}`),
      objects: [{ a: 1 }],
    };
    expect(formatJson(value)).toBe(
      [
        '{',
        '  "range": [0.1, 0.8],',
        '  "empty": [],',
        '  "nothing": {},',
        '  "big": 1e21,',
        '  "long": [',
        ...Array.from({ length: 12 }, (_, i) => `    "label number ${i}"${i < 11 ? ',' : ''}`),
        '  ],',
        '  "objects": [',
        '    {',
        '      "a": 1',
        '    }',
        '  ]',
        '}',
      ].join('\n'),
    );
    expect(JSON.parse(formatJson(value))).toEqual(value);
  });

  it('gives the same bytes for the same inputs', async () => {
    const overrides = { set: { p_rain: 0.5 }, weight: { cost: 1.5 } };
    const options = { simulate: { iterations: 500, seed: 9 } };
    expect(renderJson(await reportOf(overrides, options))).toBe(
      renderJson(await reportOf(overrides, options)),
    );
  });
});
