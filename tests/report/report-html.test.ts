import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { evaluateDocumentTree, readScenario } from '../../src/document';
import { treeScore } from '../../src/draw/tree-score';
import { renderHtml } from '../../src/report/report-html';
import { layoutTree } from '../../src/draw/tree-layout';
import { renderTreeSvg } from '../../src/draw/tree-svg';
import { SMALL, expectGolden, reportOf, reportOfText, variantReport } from './golden';
import { HOSTILE } from './hostile';

const CHROMIUM = '/usr/bin/chromium';
const US_RESPONSE = join(__dirname, '..', '..', 'scenarios', 'us-response.yaml');

describe('renderHtml', () => {
  it('matches the golden report of the small scenario', async () => {
    expectGolden('report.html', renderHtml(await reportOf()));
  });

  it('embeds the same tree SVG as the web app draws', async () => {
    const html = renderHtml(await reportOf());
    const doc = await readScenario(SMALL);
    const evaluated = evaluateDocumentTree(doc);
    if (!evaluated.ok || !doc.ok) throw new Error('expected a valid scenario');
    const { tree } = evaluated.value;
    const svg = renderTreeSvg(layoutTree(tree, treeScore(tree), doc.scenario), {
      standalone: true,
    });
    expect(html).toContain(`<figure class="tree-figure">\n${svg}\n</figure>`);
  });

  it('shows user text as text: labels, notes and descriptions cannot inject HTML', () => {
    const html = renderHtml(reportOfText(HOSTILE));
    expect(html).not.toMatch(/<(script|img|iframe|b|i)[\s>]/);
    expect(html).toContain('<h1>Pipes | and &lt;script&gt;alert(1)&lt;/script&gt;</h1>');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    // The description is Markdown with raw HTML off: emphasis works, tags and script links do not.
    expect(html).toContain('Has &lt;b&gt;raw html&lt;/b&gt;');
    expect(html).toContain('<em>emphasis</em>');
    expect(html).not.toContain('href="javascript:');
    expect(html).toContain('<span class="url">javascript:alert(1)</span>');
  });

  it('is one self-contained file: no script, nothing fetched from anywhere', async () => {
    for (const html of [renderHtml(await reportOf()), renderHtml(reportOfText(HOSTILE))]) {
      // User text has its `<` escaped, so every `<name ...>` left is markup the renderer wrote.
      const tags = html.match(/<[a-zA-Z][^>]*>/g) ?? [];
      const names = new Set(tags.map((t) => /^<([a-zA-Z0-9]+)/.exec(t)![1]!.toLowerCase()));
      for (const forbidden of [
        'script',
        'link',
        'iframe',
        'img',
        'object',
        'embed',
        'base',
        'image',
        'use',
      ])
        expect(names).not.toContain(forbidden);
      for (const tag of tags)
        expect(tag).not.toMatch(/\s(src|srcset|action|poster|background|xlink:href)=/i);
      const style = html.slice(html.indexOf('<style>'), html.indexOf('</style>'));
      expect(style).not.toMatch(/url\(|@import/i);
      // Links are to places in the report or to cited sources (followed only when clicked).
      const hrefs = tags.flatMap((t) => [...t.matchAll(/\shref="([^"]*)"/g)].map((m) => m[1]!));
      expect(hrefs.length).toBeGreaterThan(0);
      for (const href of hrefs)
        expect(href).toMatch(/^(#source-[a-z0-9_-]+|https:\/\/example\.org\/)/);
      expect(html).toContain(
        `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
      );
    }
  });

  it('prints well: page breaks, tables kept whole, the tree scaled to the page width', async () => {
    const html = renderHtml(await reportOf());
    expect(html).toContain('@media print');
    expect(html).toMatch(/table, figure[^{]*\{ break-inside: avoid;/);
    expect(html).toMatch(
      /\.tree-figure svg, \.tornado-figure svg \{ width: 100%; max-width: 100%; height: auto; \}/,
    );
    expect(html).toContain('.tree-section { break-before: page;');
    // The small scenario's tree is wider than tall: it prints on a landscape page.
    expect(html).toContain('<section class="tree-section landscape">');
  });

  it('lists every change from the base scenario, base -> used', async () => {
    const html = renderHtml(
      await reportOf({
        set: { p_rain: 0.7 },
        weight: { cost: 2 },
        probability: { 'how-to-get-to-the-offsite/take-a-taxi/taxi-arrives': 0.5 },
      }),
    );
    expect(html).toContain('<h2>Changed from the base scenario</h2>');
    expect(html).toContain(
      '<tr><td>Chance of rain <code class="name">p_rain</code></td><td class="num">0.4 (unlikely)</td><td class="arrow">→</td><td class="num"><strong>0.7 (likely)</strong></td></tr>',
    );
    expect(html).toContain(
      '<tr><td>Weight of Cost <code class="name">cost</code></td><td class="num">1 <span class="was">33.3%</span></td><td class="arrow">→</td><td class="num"><strong>2 <span class="was">50.0%</span></strong></td></tr>',
    );
    expect(html).toContain(
      '<tr><td>Probability of Taxi arrives <code class="name">how-to-get-to-the-offsite/take-a-taxi/taxi-arrives</code></td><td class="num">0.9 (very likely)</td><td class="arrow">→</td><td class="num"><strong>0.5 (roughly even chance)</strong></td></tr>',
    );
    expect(html).toContain('<strong class="warn">Changed from the file</strong>');
  });

  it('names a variant file and shows its overrides as changes', async () => {
    const html = renderHtml(await variantReport());
    expect(html).toMatch(
      /<div><dt>Variant file<\/dt><dd><code>wet\.yaml<\/code>, <code title="sha256 [0-9a-f]{64}">sha256 [0-9a-f]{12}<\/code> A wet week<\/dd><\/div>/,
    );
    expect(html).toContain('<p>What if the forecast is <em>wrong</em>?</p>');
    expect(html).toContain(
      '<td>Chance of rain <code class="name">p_rain</code></td><td class="num">0.4 (unlikely)</td>',
    );
  });

  it('changes only the date line when only the date changes', async () => {
    const a = renderHtml(await reportOf()).split('\n');
    const b = renderHtml(await reportOf({}, { date: new Date('2027-01-02T03:04:05Z') })).split(
      '\n',
    );
    const differ = a.flatMap((line, i) => (line === b[i] ? [] : [i]));
    expect(b).toHaveLength(a.length);
    expect(differ).toHaveLength(1);
    expect(b[differ[0]!]).toBe(
      '<div><dt>Generated</dt><dd><time datetime="2027-01-02T03:04:05Z">2027-01-02 03:04 UTC</time></dd></div>',
    );
  });

  it('fits a phone and a desktop window: wide tables scroll in named boxes of their own', async () => {
    if (!existsSync(CHROMIUM))
      throw new Error(`browser tests need ${CHROMIUM}: apt-get install -y chromium`);
    // The largest shipped report, as in the file and tweaked: long labels, probabilities with
    // phrases, eight-column tables.
    const reports = [
      renderHtml(await reportOf({}, {}, US_RESPONSE)),
      renderHtml(await reportOf({ set: { p_nato_unity: 0.6 } }, {}, US_RESPONSE)),
    ];
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    try {
      for (const [html, width] of reports.flatMap((r) => [390, 1440].map((w) => [r, w] as const))) {
        const page = await browser.newPage({ viewport: { width, height: 800 } });
        await page.setContent(html, { waitUntil: 'load' });
        // A string, as the page's own code: the tests' types have no DOM.
        const layout = await page.evaluate<{
          page: number;
          window: number;
          tables: number;
          boxed: number;
          scrolling: number;
        }>(`({
          page: document.documentElement.scrollWidth,
          window: document.documentElement.clientWidth,
          tables: document.querySelectorAll('table').length,
          boxed: [...document.querySelectorAll('table')].filter((t) => {
            const box = t.parentElement;
            return box.classList.contains('table-scroll') && box.getAttribute('role') === 'region' &&
              box.tabIndex === 0 && (box.getAttribute('aria-label') || '') !== '';
          }).length,
          scrolling: [...document.querySelectorAll('.table-scroll')]
            .filter((box) => box.scrollWidth > box.clientWidth).length,
        })`);
        expect(layout.page).toBe(layout.window);
        expect(layout.tables).toBeGreaterThan(3);
        expect(layout.boxed).toBe(layout.tables);
        // On a desktop window every table fits: none needs scrolling sideways.
        if (width === 1440) expect(layout.scrolling).toBe(0);
        await page.close();
      }
    } finally {
      await browser.close();
    }
  }, 30_000);

  it('makes no network request when a browser opens it', async () => {
    if (!existsSync(CHROMIUM))
      throw new Error(`browser tests need ${CHROMIUM}: apt-get install -y chromium`);
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
    });
    try {
      const page = await browser.newPage();
      const requests: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      await page.setContent(renderHtml(reportOfText(HOSTILE)), { waitUntil: 'load' });
      await page.setContent(renderHtml(await reportOf()), { waitUntil: 'load' });
      expect(requests).toEqual([]);
      expect(await page.locator('svg.tree').count()).toBe(1);
      expect(await page.locator('svg.tornado').count()).toBe(1);
    } finally {
      await browser.close();
    }
  }, 30_000);
});
