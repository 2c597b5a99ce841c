import { mdBlock, mdCode, mdInline, mdTable, mdText } from '../../src/report/markdown-text';

describe('Markdown escaping', () => {
  it('escapes plain text so that nothing in it is read as markup', () => {
    expect(mdText('a | b')).toBe('a \\| b');
    expect(mdText('*not bold* _nor this_ [no link](x) `no code` ~no strike~')).toBe(
      '\\*not bold\\* \\_nor this\\_ \\[no link\\](x) \\`no code\\` \\~no strike\\~',
    );
    expect(mdText('<script>alert(1)</script>')).toBe('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(mdText('A & B, &amp; literally')).toBe('A & B, &amp;amp; literally');
    expect(mdText('two\nlines\r\n and more ')).toBe('two lines and more');
    expect(mdText('back\\slash')).toBe('back\\\\slash');
  });

  it('keeps inline Markdown in notes, but not HTML, pipes or line breaks', () => {
    expect(mdInline('see `p_x` and *this* | <b>that</b>\nnext')).toBe(
      'see `p_x` and *this* \\| &lt;b&gt;that&lt;/b&gt; next',
    );
  });

  it('keeps a description as Markdown, with raw HTML shown as text', () => {
    expect(mdBlock('**Bold.** Text\n\n> quote <img src=x>\n')).toBe(
      '**Bold.** Text\n\n> quote &lt;img src=x>',
    );
  });

  it('fences code with more backticks than it holds', () => {
    expect(mdCode('a_b')).toBe('`a_b`');
    expect(mdCode('a`b')).toBe('``a`b``');
    expect(mdCode('`x`')).toBe('`` `x` ``');
    expect(mdCode('a|b')).toBe('`a\\|b`');
  });

  it('builds GitHub tables with alignment', () => {
    expect(
      mdTable(
        ['A', 'B'],
        ['l', 'r'],
        [
          ['x', '1'],
          ['', '2'],
        ],
      ),
    ).toEqual(['| A | B |', '| --- | ---: |', '| x | 1 |', '|   | 2 |']);
  });
});
