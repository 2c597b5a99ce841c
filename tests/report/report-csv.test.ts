import { CSV_TABLES, csvCell, renderCsv } from '../../src/report/report-csv';
import { expectGolden, reportOf, reportOfText } from './golden';
import { HOSTILE } from './hostile';

/** A minimal RFC 4180 reader, to check that what is written reads back as the same cells. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && c === ',') {
      row.push(cell);
      cell = '';
    } else if (!quoted && c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else {
      cell += c;
    }
  }
  return rows;
}

describe('renderCsv', () => {
  it('matches the golden options table of the small scenario', async () => {
    expectGolden('options.csv', renderCsv(await reportOf(), 'options'));
  });

  it('writes every table with a header and CRLF line ends', async () => {
    const data = await reportOf();
    const expected: Record<string, [string[], number]> = {
      options: [['id', 'label', 'recommended', 'score', 'expected:comfort', 'expected:cost'], 3],
      outcomes: [
        ['path', 'label', 'route', 'probability', 'score', 'total:comfort', 'total:cost'],
        2,
      ],
      parameters: [
        [
          'kind',
          'name',
          'label',
          'value',
          'file_value',
          'changed',
          'expression',
          'unit',
          'range_low',
          'range_high',
          'distribution',
          'source',
          'note',
        ],
        3,
      ],
      sensitivity: [
        [
          'input',
          'kind',
          'label',
          'unit',
          'low',
          'base',
          'high',
          'score_low',
          'score_high',
          'swing',
          'best_low',
          'best_high',
          'break_even',
          'statement',
        ],
        3,
      ],
    };
    for (const table of CSV_TABLES) {
      const csv = renderCsv(data, table);
      expect(csv.endsWith('\r\n')).toBe(true);
      expect(csv.replace(/\r\n/g, '')).not.toMatch(/\n/);
      const rows = parseCsv(csv);
      expect(rows[0]).toEqual(expected[table]![0]);
      expect(rows).toHaveLength(expected[table]![1] + 1);
      for (const row of rows) expect(row).toHaveLength(rows[0]!.length);
    }
  });

  it('quotes fields with commas, quotes and line breaks, doubling the quotes', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a, b')).toBe('"a, b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('cr\rhere')).toBe('"cr\rhere"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(true)).toBe('yes');
  });

  it('keeps numbers as numbers, negative ones included, and defuses text a spreadsheet would run', () => {
    expect(csvCell(-2.2333333333333334)).toBe('-2.23333333333');
    expect(csvCell(0.1 + 0.2)).toBe('0.3');
    expect(csvCell("=cmd|' /C calc'!A0")).toBe("'=cmd|' /C calc'!A0");
    expect(csvCell('+plus')).toBe("'+plus");
    expect(csvCell('-minus')).toBe("'-minus");
    expect(csvCell('@risk')).toBe("'@risk");
    expect(csvCell('\tTab')).toBe("'\tTab");
    expect(csvCell('\rCR')).toBe('"\'\rCR"');
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
  });

  it('writes hostile labels so that they read back as text', () => {
    const data = reportOfText(HOSTILE);
    const options = parseCsv(renderCsv(data, 'options'));
    expect(options[1]).toEqual(['cmd-c-calc-a0', "'=cmd|' /C calc'!A0", 'no', '-1', '-1']);
    const outcomes = renderCsv(data, 'outcomes');
    expect(outcomes).toContain(",'@risk,Safe | option > @risk,0.25,2,2\r\n");
    expect(outcomes).toContain(",'+plus,Safe | option > +plus,0.75,0,0\r\n");
    const parameters = parseCsv(renderCsv(data, 'parameters'));
    expect(parameters[1]![12]).toBe('line one\nline | two <img src=x onerror=alert(1)>');
  });
});
