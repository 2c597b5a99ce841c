import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createApp } from '../../src/web/create-app';
import { CHROMIUM, startBrowserRig, type BrowserRig } from '../helpers/browser';

/**
 * The scenario page as analysts use it every day (issue 14), in Debian's chromium at a desktop
 * (1440 x 900) and a phone (390 x 844): team mode from a LAN origin, the stale banner with and
 * without script, the phone layout, a simulation run, Back after two changes, the variant
 * dialog and exports that open in a tab.
 */
const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

let rig: BrowserRig;
let browser: Browser;
let base: string;

beforeAll(async () => {
  rig = await startBrowserRig();
  ({ browser, base } = rig);
}, 60_000);

afterAll(() => rig?.close());

/** Waits for the live page's script to have answered (the address reflects the form). */
async function settled(page: Page, query: string): Promise<void> {
  await until(() => page.url().includes(query));
}

/** Polls `ok` until it holds (the page's CSP forbids the string predicates of waitForFunction). */
async function until(ok: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  for (const end = Date.now() + ms; Date.now() < end;) {
    if (await ok()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out after ${ms} ms`);
}

describe('team mode from a LAN origin', () => {
  const TOKEN = 'e2e-lan-token-0123456789abcdef';
  let lan: Browser;
  let server: Server;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'branchpoint-lan-'));
    cpSync(join(__dirname, '..', '..', 'scenarios'), dir, { recursive: true });
    // Served on loopback only; the browser resolves lan.test to it, so the origin it sees is an
    // ordinary plain-http LAN name (not loopback), as a colleague's browser would.
    server = await new Promise<Server>((resolve) => {
      const s = createApp({ dir, token: TOKEN }).listen(0, '127.0.0.1', () => resolve(s));
    });
    lan = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--host-resolver-rules=MAP lan.test 127.0.0.1'],
    });
  }, 60_000);

  afterAll(async () => {
    await lan?.close();
    await new Promise((resolve) => server?.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ])(
    'signs in over plain http, the page loads and recomputes (%s)',
    async (_name, viewport) => {
      const port = (server.address() as AddressInfo).port;
      const origin = `http://lan.test:${port}`;
      const context = await lan.newContext({ viewport });
      const page = await context.newPage();
      const failed: string[] = [];
      page.on('requestfailed', (r) => failed.push(r.url()));
      await page.goto(`${origin}/scenarios/us-response`);
      expect(new URL(page.url()).pathname).toBe('/login');
      // Styled: the stylesheet loaded over http (no upgrade to https).
      expect(await page.evaluate('getComputedStyle(document.body).margin')).toBe('0px');
      expect(await page.evaluate("getComputedStyle(document.querySelector('button')).color")).toBe(
        'rgb(255, 255, 255)',
      );
      await page.fill('#name', 'Field analyst');
      await page.fill('#token', TOKEN);
      await Promise.all([
        page.waitForURL(`${origin}/scenarios/us-response`),
        page.click('form.login button'),
      ]);
      expect(await page.getByTestId('recommendation').textContent()).toContain('Middle way');
      if (viewport === PHONE) await page.click('#inputs-panel > summary');
      await page.fill('#f-p_unity_after_offer', '0.5');
      await page.getByTestId('recommendation').filter({ hasText: 'Firm stance' }).waitFor();
      expect(page.url()).toBe(`${origin}/scenarios/us-response?p.unity_after_offer=0.5`);
      expect(failed).toEqual([]);
      await context.close();
    },
    60_000,
  );
});

describe('the stale banner', () => {
  it.each([
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ])(
    'names the wrong input by its label and links to it, live (%s)',
    async (_name, viewport) => {
      const page = await browser.newPage({ viewport });
      await page.goto(`${base}/scenarios/us-response`);
      expect(await page.isVisible('#stale-banner')).toBe(false);
      if (viewport === PHONE) await page.click('#inputs-panel > summary');
      await page.fill('#f-p_p_nato_unity', '1.5');
      const banner = page.locator('#stale-banner');
      await banner.waitFor({ state: 'visible' });
      const text = (await banner.textContent()) ?? '';
      expect(text).toContain('not for what is in the form');
      expect(text).toContain('P(Western unity on aid and sanctions holds');
      expect(text).not.toMatch(/us-answer\//);
      // Visible in the first screen, and its link takes the analyst to the field.
      const box = (await banner.boundingBox())!;
      expect(box.y).toBeLessThan(viewport.height);
      await banner.locator('a[href="#f-p_p_nato_unity"]').click();
      expect(await page.evaluate('location.hash')).toBe('#f-p_p_nato_unity');
      const field = (await page.locator('#f-p_p_nato_unity').boundingBox())!;
      expect(field.y).toBeGreaterThanOrEqual(-1);
      expect(field.y).toBeLessThan(viewport.height);
      // Fixed, the banner goes.
      await page.fill('#f-p_p_nato_unity', '0.6');
      await banner.waitFor({ state: 'hidden' });
      await page.close();
    },
    30_000,
  );

  it('is on the page without script, and no change is claimed that was not computed', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: DESKTOP });
    const page = await context.newPage();
    await page.goto(`${base}/scenarios/us-response?p.p_nato_unity=1.5`);
    const banner = page.locator('#stale-banner');
    expect(await banner.isVisible()).toBe(true);
    expect(await banner.textContent()).toContain("the scenario file's values");
    expect(await banner.locator('a').getAttribute('href')).toBe('#f-p_p_nato_unity');
    expect(await page.textContent('body')).not.toContain('Changed from the scenario file');
    // Recompute goes back to the form, not to the top of the page.
    await page.fill('#f-p_p_nato_unity', '0,7');
    await Promise.all([page.waitForNavigation(), page.click('#tweaks button[type=submit]')]);
    expect(new URL(page.url()).hash).toBe('#tweaks');
    expect(await banner.isVisible()).toBe(false);
    // A decimal comma is read as a point.
    expect(await page.inputValue('#f-p_p_nato_unity')).toBe('0.7');
    await context.close();
  }, 30_000);
});

describe('on a phone', () => {
  it.each(['/', '/scenarios/us-response', '/scenarios/nato-posture', '/login'])(
    'has no horizontal page scroll at 390 px: %s',
    async (path) => {
      const page = await browser.newPage({ viewport: PHONE });
      await page.goto(`${base}${path}`);
      await page.waitForLoadState('load');
      const [scroll, inner] = await page.evaluate<[number, number]>(
        '[document.documentElement.scrollWidth, innerWidth]',
      );
      expect(scroll).toBeLessThanOrEqual(inner);
      await page.close();
    },
    30_000,
  );

  it('puts the recommendation and its margin first, the inputs in a folded panel', async () => {
    const page = await browser.newPage({ viewport: PHONE });
    await page.goto(`${base}/scenarios/us-response`);
    const rec = (await page.getByTestId('recommendation').boundingBox())!;
    const margin = (await page.locator('.bottom-facts').boundingBox())!;
    expect(rec.y).toBeLessThan(PHONE.height);
    expect(margin.y).toBeLessThan(PHONE.height);
    expect(await page.textContent('.bottom-facts')).toContain('Margin');
    const panel = (await page.locator('#inputs-panel').boundingBox())!;
    expect(panel.y).toBeGreaterThan(rec.y);
    expect(await page.getAttribute('#inputs-panel', 'open')).toBeNull();
    expect(await page.isVisible('#f-p_unity_after_offer')).toBe(false);
    await page.click('#inputs-panel > summary');
    expect(await page.isVisible('#f-p_unity_after_offer')).toBe(true);
    const [scroll, inner] = await page.evaluate<[number, number]>(
      '[document.documentElement.scrollWidth, innerWidth]',
    );
    expect(scroll).toBeLessThanOrEqual(inner);
    await page.close();
  }, 30_000);
});

describe('robustness on the page', () => {
  it.each([
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ])(
    'simulates with a seed and adjustable iterations, then draws a spider (%s)',
    async (_name, viewport) => {
      const page = await browser.newPage({ viewport });
      await page.goto(`${base}/scenarios/us-response`);
      await page.fill('#r-iterations', '3000');
      await page.fill('#r-seed', '7');
      // The server is quick on this scenario: hold its answer a moment to see the progress.
      await page.route('**/robustness', async (route) => {
        await new Promise((resolve) => setTimeout(resolve, 600));
        await route.continue();
      });
      const answered = page.waitForResponse('**/robustness');
      await page.click('#simulate');
      // A progress indication while the server works.
      await page.locator('.robust-status', { hasText: 'Simulating 3,000 draws' }).waitFor();
      expect(await page.isVisible('#robustness-form progress')).toBe(true);
      await answered;
      const sim = page.getByTestId('simulation');
      await sim.waitFor();
      expect(await sim.textContent()).toContain('3,000 draws, seed 7');
      expect(await page.getByTestId('p-best').count()).toBe(3);
      expect(await page.getByTestId('evpi').textContent()).toMatch(/EVPI: \d/);
      expect(await sim.locator('svg.spread-plot g.spread').count()).toBe(3);
      // The same seed gives the same numbers.
      const first = await page.getByTestId('p-best').allTextContents();
      await page.selectOption('#r-spider', 'unity_after_offer');
      await page.click('#draw-views');
      await page.getByTestId('spider').waitFor();
      expect(await page.getByTestId('spider').textContent()).toContain('Firm stance');
      expect(await page.getByTestId('p-best').allTextContents()).toEqual(first);
      const [scroll, inner] = await page.evaluate<[number, number]>(
        '[document.documentElement.scrollWidth, innerWidth]',
      );
      expect(scroll).toBeLessThanOrEqual(inner);
      await page.close();
    },
    60_000,
  );

  it('works as a GET form without script, two-way view included', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: DESKTOP });
    const page = await context.newPage();
    await page.goto(`${base}/scenarios/us-response?p.unity_after_offer=0.7`);
    await page.fill('#r-iterations', '2000');
    await page.selectOption('#r-x', 'unity_after_offer');
    await page.selectOption('#r-y', 'p_nato_unity');
    await Promise.all([page.waitForNavigation(), page.click('#simulate')]);
    const url = new URL(page.url());
    expect(url.searchParams.get('p.unity_after_offer')).toBe('0.7');
    expect(url.hash).toBe('#robustness');
    expect(await page.getByTestId('simulation').textContent()).toContain('2,000 draws');
    expect(await page.locator('[data-testid=two-way] rect.cell').count()).toBeGreaterThan(100);
    await context.close();
  }, 60_000);
});

describe('inputs', () => {
  it('makes each change a history entry, so Back undoes two changes in turn', async () => {
    const page = await browser.newPage({ viewport: DESKTOP });
    await page.goto(`${base}/scenarios/us-response`);
    await page.fill('#f-p_unity_after_offer', '0.5');
    await settled(page, 'p.unity_after_offer=0.5');
    await page.getByTestId('recommendation').filter({ hasText: 'Firm stance' }).waitFor();
    await page.fill('#f-p_p_nato_unity', '0.7');
    await settled(page, 'p.p_nato_unity=0.7');

    await page.goBack();
    await until(() => !page.url().includes('p_nato_unity'));
    await until(async () => (await page.inputValue('#f-p_p_nato_unity')) !== '0.7');
    expect(await page.inputValue('#f-p_unity_after_offer')).toBe('0.5');
    expect(page.url()).toContain('p.unity_after_offer=0.5');

    await page.goBack();
    await until(() => new URL(page.url()).search === '');
    await page.getByTestId('recommendation').filter({ hasText: 'Middle way' }).waitFor();
    expect(await page.inputValue('#f-p_unity_after_offer')).toBe('0.85');
    await page.close();
  }, 30_000);

  it('rounds slider values to the step, shows the range and a break-even in words', async () => {
    const page = await browser.newPage({ viewport: DESKTOP });
    await page.goto(`${base}/scenarios/us-response`);
    const field = page.locator('[data-field="p.unity_after_offer"]');
    expect(await field.locator('.range').textContent()).toMatch(/range 0\.\d+ .* to 0\.\d+/);
    expect(await field.locator('.break-even').textContent()).toMatch(
      /Middle way.* stops being best below 0\.656 \(likely\), where Firm stance.* takes over; now 0\.85 \(very likely\)\./,
    );
    const slider = field.locator('input.slider');
    await slider.scrollIntoViewIfNeeded();
    const box = (await slider.boundingBox())!;
    await page.mouse.click(box.x + box.width * 0.37, box.y + box.height / 2);
    await until(() => page.url().includes('unity_after_offer'));
    const value = await page.inputValue('#f-p_unity_after_offer');
    // The range is 0.639 to 0.98, so the step is 0.001: three decimals at most, never fifteen.
    expect(await slider.getAttribute('step')).toBe('0.001');
    expect(value).toMatch(/^0\.\d{1,3}$/);
    expect(page.url()).toContain(`p.unity_after_offer=${value}`);
    await page.close();
  }, 30_000);
});

describe('variants and exports', () => {
  it('names a variant in a dialog, renames it, titles the tab with it, and resets to it', async () => {
    const page = await browser.newPage({ viewport: DESKTOP });
    await page.goto(`${base}/scenarios/us-response`);
    await page.fill('#f-p_unity_after_offer', '0.55');
    await page.locator('[data-field="p.unity_after_offer"].changed').waitFor();
    await page.click('#save-variant');
    const dialog = page.locator('dialog#variant-dialog');
    await dialog.waitFor({ state: 'visible' });
    await page.fill('#variant-name', 'Offer strains unity');
    await Promise.all([
      page.waitForURL('**/scenarios/us-response--offer-strains-unity'),
      page.click('#variant-dialog-save'),
    ]);
    expect(await page.title()).toMatch(/^Offer strains unity \(variant\)/);
    expect(await page.isVisible('a.reset')).toBe(false);

    await page.click('#rename-variant');
    await page.fill('#variant-name', 'Offer frays unity');
    await page.click('#variant-dialog-save');
    await dialog.waitFor({ state: 'hidden' });
    expect(await page.textContent('.variant-name')).toBe('Offer frays unity');
    await page.reload();
    expect(await page.title()).toMatch(/^Offer frays unity \(variant\)/);

    // A change on the variant's page: Reset returns to the variant's saved values.
    await page.fill('#f-p_unity_after_offer', '0.9');
    await page.locator('a.reset:visible').waitFor();
    expect(await page.textContent('a.reset')).toContain("variant's saved values");
    await Promise.all([page.waitForLoadState('load'), page.click('a.reset')]);
    expect(await page.inputValue('#f-p_unity_after_offer')).toBe('0.55');

    // A failed save is told in the dialog, not swallowed.
    await page.goto(`${base}/scenarios/us-response?p.unity_after_offer=0.55`);
    await page.click('#save-variant');
    await page.fill('#variant-name', 'Offer strains unity');
    await page.click('#variant-dialog-save');
    await page.locator('.dialog-error', { hasText: 'already exists' }).waitFor();
    await page.close();
  }, 45_000);

  it('opens the HTML report inline in a new tab, named for the tweak', async () => {
    const context = await browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    await page.goto(`${base}/scenarios/us-response?p.unity_after_offer=0.5`);
    await page.click('#export > summary');
    const link = page.locator('#export a[data-format=html][target=_blank]');
    expect(await link.getAttribute('href')).toContain('inline=1');
    const href = (await link.getAttribute('href'))!;
    const head = await page.request.get(`${base}${href}`);
    expect(head.headers()['content-disposition']).toBe(
      'inline; filename="us-response-tweaked.html"',
    );
    const [tab] = await Promise.all([context.waitForEvent('page'), link.click()]);
    await tab.waitForLoadState('load');
    expect(await tab.title()).toContain('US response');
    // Its own styles apply under the report's policy.
    expect(await tab.evaluate<string>('getComputedStyle(document.body).fontFamily')).not.toMatch(
      /^"?Times/,
    );
    // The Export menu lays over the page: the recommendation keeps its width.
    const before = (await page.locator('.verdict-box').boundingBox())!.width;
    expect(before).toBeGreaterThan(700);
    await context.close();
  }, 30_000);

  it('shows outcome routes as readable "A > B > C"', async () => {
    const page = await browser.newPage({ viewport: DESKTOP });
    await page.goto(`${base}/scenarios/us-response`);
    const route = await page.locator('table.outcomes .path').first().textContent();
    expect(route).toContain(' > ');
    expect(route).not.toContain('/');
    await page.close();
  }, 30_000);
});
