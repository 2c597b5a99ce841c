import MarkdownIt from 'markdown-it';
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

  describe('links in descriptions and notes', () => {
    /** Every href and src a CommonMark renderer that accepts any scheme makes of `markdown`. */
    function destinations(markdown: string): string[] {
      const open = new MarkdownIt({ html: false });
      open.validateLink = () => true;
      const html = open.render(markdown);
      return [...html.matchAll(/(?:href|src)="([^"]*)"/g)].map((m) => m[1]!);
    }

    it.each([
      ['an inline javascript: link', '[click](javascript:alert(1))'],
      ['a javascript: link in angle brackets', '[click](<javascript:alert(1)>)'],
      ['a javascript: link with a title', '[click](javascript:alert(1) "t")'],
      ['an upper-case scheme', '[click](JavaScript:alert(1))'],
      ['a data: link', '[x](data:text/html;base64,PHNjcmlwdD4=)'],
      ['a data: image', '![x](data:image/png;base64,AAAA)'],
      ['a vbscript: link', '[x](vbscript:msgbox)'],
      ['a reference definition', '[x][r]\n\n[r]: javascript:alert(1)'],
    ])('drops %s from a description, keeping its text', (_what, markdown) => {
      const out = mdBlock(`Before ${markdown} after`);
      expect(destinations(out)).toEqual([]);
      expect(out).toContain('Before');
    });

    it('drops unsafe links from a note too', () => {
      expect(destinations(mdInline('see [this](javascript:alert(1)) now'))).toEqual([]);
    });

    it('keeps http, https and mailto links and relative ones', () => {
      const text = '[a](https://example.org/x) [b](http://e.org) [c](mailto:a@b.org) [d](notes.md)';
      expect(destinations(mdBlock(text))).toEqual([
        'https://example.org/x',
        'http://e.org',
        'mailto:a@b.org',
        'notes.md',
      ]);
      expect(mdBlock(text)).toBe(text);
    });
  });
});
