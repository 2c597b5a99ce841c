import { REPORT_FORMATS, renderReport } from '../../src/report/render-report';
import { renderCsv } from '../../src/report/report-csv';
import { renderHtml } from '../../src/report/report-html';
import { renderJson } from '../../src/report/report-json';
import { renderMarkdown } from '../../src/report/report-md';
import { expectGolden, reportOf } from './golden';

describe('renderReport', () => {
  it('writes the tree alone as a standalone SVG file', async () => {
    const svg = renderReport(await reportOf(), 'svg');
    expectGolden('tree.svg', svg);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.endsWith('</svg>\n')).toBe(true);
  });

  it('hands each format to its renderer', async () => {
    const data = await reportOf();
    expect(REPORT_FORMATS).toEqual(['md', 'html', 'csv', 'json', 'svg']);
    expect(renderReport(data, 'md')).toBe(renderMarkdown(data));
    expect(renderReport(data, 'html')).toBe(renderHtml(data));
    expect(renderReport(data, 'json')).toBe(renderJson(data));
    expect(renderReport(data, 'csv', { table: 'outcomes' })).toBe(renderCsv(data, 'outcomes'));
  });

  it('refuses CSV without a table', async () => {
    const data = await reportOf();
    expect(() => renderReport(data, 'csv')).toThrow(/one table/);
  });
});
