import { renderMarkdown } from '../../src/report/report-md';
import { expectGolden, reportOf, reportOfText, variantReport } from './golden';
import { HOSTILE } from './hostile';

describe('renderMarkdown', () => {
  it('matches the golden report of the small scenario', async () => {
    expectGolden('report.md', renderMarkdown(await reportOf()));
  });

  it('leads with the file, its hash, the date, then the bottom line', async () => {
    const md = renderMarkdown(await reportOf());
    const lines = md.split('\n');
    expect(lines[0]).toBe('# Umbrella, walk or taxi to the offsite');
    expect(md).toMatch(/^- \*\*Scenario file:\*\* `report-small\.yaml`, sha256 `[0-9a-f]{12}`$/m);
    expect(md).toContain('- **Generated:** 2026-11-25 00:00 UTC\n');
    expect(md.indexOf('## Bottom line')).toBeLessThan(md.indexOf('## Options'));
    expect(md).toContain(
      '**Recommended: Walk with an umbrella**, with an expected score of **3.4**',
    );
    expect(md).not.toContain('## Changed from the base scenario');
  });

  it('marks the policy in the tree outline', async () => {
    const md = renderMarkdown(await reportOf());
    expect(md).toContain(
      '  - **→ Walk with an umbrella** ✓ chosen (chance, score from here 3.40)\n',
    );
    expect(md).toContain('    - 0.400 (unlikely) · Rain (outcome, score from here 4.00)\n');
    expect(md).toContain('  - Walk without (chance, score from here 2.27)\n');
  });

  it('lists every change from the base scenario, base -> used', async () => {
    const md = renderMarkdown(
      await reportOf({ set: { p_rain: 0.7, umbrella_cost: 'p_rain * 10' }, weight: { cost: 2 } }),
    );
    const section = md.slice(
      md.indexOf('## Changed from the base scenario'),
      md.indexOf('## Bottom line'),
    );
    expect(section).toContain('**This report does not show the base case.**');
    expect(section).toContain('- Chance of rain (`p_rain`): 0.4 (unlikely) → **0.7 (likely)**\n');
    expect(section).toContain('- `umbrella_cost`: 3 → **`p_rain * 10` = 7**\n');
    expect(section).toContain('- Weight of Cost (`cost`): 1 → **2** (share 33.3% → 50.0%)\n');
    expect(md).toContain('**changed from the file**');
  });

  it('names a variant file and shows its overrides as changes', async () => {
    const md = renderMarkdown(await variantReport());
    expect(md).toMatch(/^- \*\*Variant file:\*\* `wet\.yaml`, sha256 `[0-9a-f]{12}`: A wet week$/m);
    expect(md).toContain(
      '## Changed from the base scenario\n\nWhat if the forecast is *wrong*?\n\n**This report does not show the base case.** These assumptions differ from `small.yaml` (file → used):\n\n- Chance of rain (`p_rain`): 0.4 (unlikely) → **0.7 (likely)**\n',
    );
  });

  it('escapes table pipes, line breaks and HTML in user text', () => {
    const md = renderMarkdown(reportOfText(HOSTILE));
    expect(md).toContain('# Pipes \\| and &lt;script&gt;alert(1)&lt;/script&gt;\n');
    expect(md).not.toMatch(/<script|<img|<iframe|<b>/);
    // Every table row has as many cells as its header: no pipe in a label opened a new one.
    for (const table of md.split('\n\n').filter((b) => b.startsWith('| '))) {
      const rows = table.split('\n');
      const cells = (row: string) => row.replace(/\\\|/g, '').split('|').length;
      for (const row of rows) expect(cells(row)).toBe(cells(rows[0]!));
    }
    expect(md).toContain('| Safe \\| option › @risk | 0.25 (unlikely) |   | a \\| pipe |');
    expect(md).toContain('line one line \\| two &lt;img src=x onerror=alert(1)&gt;');
    expect(md).toContain('0.500 (roughly even chance) · No newline (outcome');
    // A source URL that is not a web address is shown, not linked.
    expect(md).toContain('`javascript:alert(1)`');
  });

  it('changes only the date line when only the date changes', async () => {
    const a = renderMarkdown(await reportOf()).split('\n');
    const b = renderMarkdown(await reportOf({}, { date: new Date('2027-01-02T03:04:05Z') })).split(
      '\n',
    );
    expect(b).toHaveLength(a.length);
    const differ = a.flatMap((line, i) => (line === b[i] ? [] : [[line, b[i]]]));
    expect(differ).toEqual([
      ['- **Generated:** 2026-11-25 00:00 UTC', '- **Generated:** 2027-01-02 03:04 UTC'],
    ]);
  });

  it('adds the Monte Carlo summary when the report has one', async () => {
    const md = renderMarkdown(await reportOf({}, { simulate: { iterations: 1000, seed: 3 } }));
    expect(md).toContain(
      '## Monte Carlo simulation\n\n1,000 iterations, seed 3. Sampled: `p_rain`.',
    );
    expect(md).toMatch(/Expected value of perfect information \(EVPI\): \*\*\d\.\d+\*\*/);
  });
});
