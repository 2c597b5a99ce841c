import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startBrowserRig, type BrowserRig } from '../helpers/browser';

/**
 * The decision tree on the scenario page in a real browser (Debian's chromium), at a desktop
 * and a phone width: every label lies whole inside its node's label area (measured by the
 * browser, not estimated), text is at least 4.5:1 against the ground, the fit shows the
 * recommended option, folding works by mouse and keyboard, the side panel follows focus and
 * names the source by title, and the page passes an axe audit. Run on the shipped scenarios
 * and on a generated 300-node tree (tests/fixtures/tree-300).
 */

const ROOT = join(__dirname, '..', '..');
const SCENARIOS = ['us-response', 'european-forces', 'nato-posture', 'moscow-signals'];
const BIG = 'generated-300';
const VIEWPORTS = [
  { width: 1440, height: 900 },
  { width: 390, height: 844 },
];

let rig: BrowserRig;
let browser: Browser;
let base: string;
let source: string;

beforeAll(async () => {
  source = mkdtempSync(join(tmpdir(), 'branchpoint-tree-'));
  cpSync(join(ROOT, 'scenarios'), source, { recursive: true });
  cpSync(join(ROOT, 'tests', 'fixtures', 'tree-300', `${BIG}.yaml`), join(source, `${BIG}.yaml`));
  rig = await startBrowserRig(source);
  ({ browser, base } = rig);
}, 60_000);

afterAll(async () => {
  await rig?.close();
  rmSync(source, { recursive: true, force: true });
});

async function open(id: string, viewport: { width: number; height: number }): Promise<Page> {
  const page = await browser.newPage({ viewport });
  await page.goto(`${base}/scenarios/${id}`);
  await page.waitForSelector('#tree.tree-live svg.tree g.node');
  return page;
}

interface Problem {
  path: string;
  text: string;
  why: string;
}

/**
 * Runs in the page, where `document` exists (the tests compile without the DOM types):
 * `treeProbe.measure()` checks every drawn node's text against its label area (the browser's own
 * measure: getBBox and getComputedTextLength), its colour against the ground, and that no two
 * label areas overlap; `treeProbe.policyInView()` that the root and the option the policy takes
 * lie inside the tree's box.
 */
const PROBE = `
window.treeProbe = (() => {
  const rgb = (c) => (c.match(/[\\d.]+/g) || ['0', '0', '0']).slice(0, 3).map(Number);
  const lum = ([r, g, b]) => {
    const f = (v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const box = () => document.getElementById('tree');
  const nodes = () => [...box().querySelectorAll('svg.tree g.node')];
  function measure() {
    const problems = [];
    const ground = lum(rgb(getComputedStyle(box()).backgroundColor));
    const all = nodes();
    for (const g of all) {
      const path = g.getAttribute('data-path');
      const area = g.querySelector('rect.label-area').getBBox();
      for (const text of g.querySelectorAll('text')) {
        if (text.textContent === '') continue;
        const b = text.getBBox();
        const inside =
          b.x >= area.x - 0.5 && b.y >= area.y - 0.5 &&
          b.x + b.width <= area.x + area.width + 0.5 && b.y + b.height <= area.y + area.height + 0.5;
        if (!inside) problems.push({ path, text: text.textContent, why: 'outside its area' });
        for (const span of text.querySelectorAll('tspan'))
          if (span.getComputedTextLength() > area.width + 0.5)
            problems.push({ path, text: span.textContent, why: 'wider than its area' });
        if (/…|^-0(\\.0+)?$|\\s-0(\\.0+)?(\\s|$)/.test(text.textContent))
          problems.push({ path, text: text.textContent, why: 'ellipsis or -0' });
        const fill = lum(rgb(getComputedStyle(text).fill));
        const ratio = (Math.max(fill, ground) + 0.05) / (Math.min(fill, ground) + 0.05);
        if (ratio < 4.5) problems.push({ path, text: text.textContent, why: 'contrast ' + ratio.toFixed(2) });
      }
    }
    const rects = all.map((g) => g.querySelector('rect.label-area').getBoundingClientRect());
    for (let i = 0; i < rects.length; i++)
      for (let j = i + 1; j < rects.length; j++) {
        const a = rects[i], b = rects[j];
        if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1)
          problems.push({ path: all[i].getAttribute('data-path'), text: all[j].getAttribute('data-path'), why: 'areas overlap' });
      }
    return { nodes: all.length, problems };
  }
  const within = (g) => {
    if (!g) return false;
    const r = g.getBoundingClientRect();
    const b = box().getBoundingClientRect();
    return r.left >= b.left - 1 && r.right <= b.right + 1 && r.top >= b.top - 1 && r.bottom <= b.bottom + 1;
  };
  function policyInView() {
    const root = document.querySelector('svg.tree g.node');
    const chosen = [...document.querySelectorAll('svg.tree g.node.policy')].find(
      (g) => g.getAttribute('data-path').split('/').length === 2,
    );
    return within(root) && within(chosen);
  }
  function data() {
    const all = [];
    const walk = (d) => (all.push(d), d.children.forEach(walk));
    walk(JSON.parse(document.querySelector('script.tree-data').textContent));
    return all;
  }
  /** A node in view with a probability, a note and a source whose title is more than its id. */
  function panelTarget() {
    const d = data().find(
      (x) => x.note && x.probability && x.source && x.source.title !== x.source.id &&
        within(document.querySelector('g.node[data-path="' + x.path + '"]')),
    );
    return { path: d.path, label: d.label, note: d.note, title: d.source.title, id: d.source.id };
  }
  const active = () => document.activeElement && document.activeElement.getAttribute('data-path');
  const drawnLabel = (path) =>
    document.querySelector('g.node[data-path="' + path + '"] text.node-label').textContent;
  const heights = () => ({
    svg: document.querySelector('#tree svg.tree').getBoundingClientRect().height,
    box: box().getBoundingClientRect().height,
  });
  return { measure, policyInView, data, panelTarget, active, drawnLabel, heights };
})();
`;

async function probe<T>(page: Page, call: string): Promise<T> {
  if (!(await page.evaluate('typeof window.treeProbe !== "undefined"'))) await page.evaluate(PROBE);
  const result: T = await page.evaluate(call);
  return result;
}

const measure = (page: Page) =>
  probe<{ nodes: number; problems: Problem[] }>(page, 'treeProbe.measure()');
const policyInView = (page: Page) => probe<boolean>(page, 'treeProbe.policyInView()');

describe('the decision tree', () => {
  for (const viewport of VIEWPORTS)
    for (const id of [...SCENARIOS, BIG])
      it(`${id} at ${viewport.width} px: no label clipped, contrast 4.5:1, the policy in view`, async () => {
        const page = await open(id, viewport);
        const first = await measure(page);
        expect(first.problems).toEqual([]);
        expect(await policyInView(page)).toBe(true);
        // Fitted, not a strip: the drawing is no taller than its box.
        const { svg, box } = await probe<{ svg: number; box: number }>(page, 'treeProbe.heights()');
        expect(svg).toBeLessThanOrEqual(box);
        // Every node unfolded: still nothing clipped.
        await page.click('[data-tree="unfold"]');
        const all = await measure(page);
        expect(all.problems).toEqual([]);
        expect(all.nodes).toBeGreaterThan(first.nodes - 1);
        if (id === BIG) {
          expect(all.nodes).toBe(300);
          expect(first.nodes).toBeLessThan(120);
        }
        await page.close();
      }, 60_000);

  it('opens the side panel on a click and on keyboard focus, with the note and the source by title', async () => {
    const page = await open('us-response', VIEWPORTS[0]!);
    const target = await probe<{
      path: string;
      label: string;
      note: string;
      title: string;
      id: string;
    }>(page, 'treeProbe.panelTarget()');
    await page.click(`g.node[data-path="${target.path}"] rect.label-area`);
    const panel = page.locator('#tree-panel');
    await expect(panel.locator('h3').textContent()).resolves.toBe(target.label);
    const text = (await panel.textContent())!;
    expect(text).toContain(target.note.trim().slice(0, 40));
    expect(text).toContain(target.title);
    expect(text).not.toContain(`[${target.id}]`);
    expect(text).toMatch(
      /\(almost no chance|very unlikely|unlikely|roughly even chance|likely|very likely|almost certain\)/,
    );

    // Keyboard: the node clicked holds the tab stop; arrows move focus and the panel follows.
    expect(await page.getAttribute(`g.node[data-path="${target.path}"]`, 'tabindex')).toBe('0');
    await page.keyboard.press('Home');
    const rootLabel = (await probe<{ label: string }[]>(page, 'treeProbe.data()'))[0]!.label;
    await expect(panel.locator('h3').textContent()).resolves.toBe(rootLabel);
    await page.keyboard.press('ArrowDown');
    const focused = await probe<string>(page, 'treeProbe.active()');
    expect(focused).toMatch(/\//);
    const label = await probe<string>(page, `treeProbe.drawnLabel(${JSON.stringify(focused)})`);
    expect((await panel.locator('h3').textContent())!.replace(/\s/g, '')).toBe(
      label.replace(/\s/g, ''),
    );
    await page.close();
  }, 60_000);

  it('reaches a node with Tab alone and folds and unfolds with Enter, Space and a click', async () => {
    const page = await open('us-response', VIEWPORTS[0]!);
    await page.click('[data-tree="unfold"]');
    // Tab from the toolbar's last button lands on the tree's one tab stop: the root.
    await page.focus('[data-tree="policy"]');
    await page.keyboard.press('Tab');
    const root = await probe<string>(page, 'treeProbe.active()');
    expect(root).toBe('us-answer');
    await expect(page.locator('#tree-panel h3').textContent()).resolves.toContain('Washington');
    const count = () => page.locator('svg.tree g.node').count();
    const all = await count();
    await page.keyboard.press('ArrowDown');
    const option = await probe<string>(page, 'treeProbe.active()');
    await page.keyboard.press('Enter');
    expect(await page.getAttribute(`g.node[data-path="${option}"]`, 'aria-expanded')).toBe('false');
    const folded = await count();
    expect(folded).toBeLessThan(all);
    // Focus stays on the folded node.
    expect(await probe<string>(page, 'treeProbe.active()')).toBe(option);
    await page.keyboard.press(' ');
    expect(await count()).toBe(all);
    // A click on the marker folds too.
    await page.click(`g.node[data-path="${option}"] .marker`);
    expect(await count()).toBe(folded);
    await page.click(`g.node[data-path="${option}"] .marker`);
    expect(await count()).toBe(all);
    await page.close();
  }, 60_000);

  it('zooms and fits back to the view', async () => {
    const page = await open('nato-posture', VIEWPORTS[0]!);
    const viewBox = () => page.getAttribute('#tree svg.tree', 'viewBox');
    const fitted = await viewBox();
    await page.click('[data-tree="in"]');
    expect(await viewBox()).not.toBe(fitted);
    // Drag to pan.
    const box = (await page.locator('#tree').boundingBox())!;
    await page.mouse.move(box.x + 40, box.y + box.height - 20);
    await page.mouse.down();
    await page.mouse.move(box.x + 140, box.y + box.height - 60, { steps: 5 });
    await page.mouse.up();
    await page.click('[data-tree="fit"]');
    expect(await viewBox()).toBe(fitted);
    expect(await policyInView(page)).toBe(true);
    await page.close();
  }, 60_000);

  it('shows the whole tree without script, scaled to its box', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: VIEWPORTS[0]! });
    const page = await context.newPage();
    await page.goto(`${base}/scenarios/us-response`);
    const nodes = await page.locator('#tree svg.tree g.node').count();
    const svg = (await page.locator('#tree svg.tree').boundingBox())!.width;
    const box = (await page.locator('#tree').boundingBox())!.width;
    expect(nodes).toBe(77);
    expect(svg).toBeLessThanOrEqual(box + 1);
    await context.close();
  }, 60_000);

  it('passes an axe audit of the scenario page, colour contrast included', async () => {
    for (const viewport of VIEWPORTS) {
      const context = await browser.newContext({ viewport, bypassCSP: true });
      const page = await context.newPage();
      await page.goto(`${base}/scenarios/us-response`);
      await page.waitForSelector('#tree.tree-live svg.tree g.node');
      await page.click('svg.tree g.node.policy rect.label-area');
      await page.addScriptTag({
        content: readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'),
      });
      // The tree's own section: the rest of the page is another part's to audit.
      const violations = await page.evaluate(`axe
        .run({ include: [['.tree-section']] })
        .then((r) => r.violations.map((v) => ({ id: v.id, targets: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) })))`);
      expect(violations).toEqual([]);
      await context.close();
    }
  }, 90_000);

  it('exports an SVG that names the scenario and the assumptions changed', async () => {
    const plain = await (await fetch(`${base}/scenarios/us-response/report.svg`)).text();
    expect(plain).toContain('<tspan x="16" y="36">US response');
    expect(plain).toMatch(/unchanged\./);
    const tweaked = await (
      await fetch(`${base}/scenarios/us-response/report.svg?p.unity_after_offer=0.5`)
    ).text();
    expect(tweaked).toContain('Changed from us-response.yaml');
    expect(tweaked).toMatch(/unity_after_offer\): 0\.85 \(very likely\) → 0\.5/);
    expect(tweaked).not.toContain('…');
  }, 30_000);
});
