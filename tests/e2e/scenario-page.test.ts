import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { startBrowserRig, type BrowserRig } from '../helpers/browser';

/**
 * The scenario page in a real browser (Debian's chromium, driven by playwright-core): a change
 * of assumption recomputes in place, a bad value is explained next to its field, and the page
 * still works with JavaScript turned off.
 */
let rig: BrowserRig;
let browser: Browser;
let base: string;
let dir: string;

beforeAll(async () => {
  rig = await startBrowserRig();
  ({ browser, base, dir } = rig);
}, 60_000);

afterAll(() => rig?.close());

describe('scenario page in a browser', () => {
  it('flips the recommendation live when a probability changes, without reloading', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/scenarios/us-response`);
    expect(await page.getByTestId('recommendation').textContent()).toContain('Middle way');
    // A value set on the page survives only if the page is not reloaded.
    await page.evaluate(() => ((globalThis as unknown as { marker: number }).marker = 42));

    await page.fill('#f-p_unity_after_offer', '0.5');
    await page.getByTestId('recommendation').filter({ hasText: 'Firm stance' }).waitFor();

    // The recommended option's branch is now the highlighted one in the tree.
    await page.waitForSelector('path.link.policy[data-path="us-answer/firm-stance"]');
    expect(
      await page.$('path.link.policy[data-path="us-answer/conditional-ceasefire"]'),
    ).toBeNull();
    expect(await page.evaluate(() => (globalThis as unknown as { marker?: number }).marker)).toBe(
      42,
    );
    expect(page.url()).toContain('p.unity_after_offer=0.5');
    expect(await page.isVisible('a.reset')).toBe(true);
    await page.close();
  }, 30_000);

  it('shows the rollback at once and the robustness numbers right after, on a phone too', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    const posts: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST') posts.push(r.url().slice(base.length));
    });
    await page.goto(`${base}/scenarios/us-response`);
    const tipping = page.locator('#verdict .tipping dd');
    const before = await tipping.textContent();
    const fileValue = await page.inputValue('#f-p_unity_after_offer');
    // On a phone the assumptions are folded under the recommendation: open them.
    await page.click('#inputs-panel > summary');
    await page.fill('#f-p_unity_after_offer', '0.5');
    await page.getByTestId('recommendation').filter({ hasText: 'Firm stance' }).waitFor();
    // The tipping point, break-evens and the rest follow; then nothing is marked as updating.
    // (Locators, not predicates as text: the page's CSP forbids evaluating text.)
    const settled = () => page.locator('.updating').first().waitFor({ state: 'detached' });
    await page.locator('#verdict .tipping').waitFor();
    await settled();
    expect(await tipping.textContent()).not.toBe(before);
    expect(await page.textContent('[data-field="p.unity_after_offer"] .break-even')).not.toBe('');
    expect(posts).toEqual([
      '/api/scenarios/us-response/explore',
      '/api/scenarios/us-response/explore?part=robustness',
    ]);
    const width = await page.evaluate(
      () =>
        (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } })
          .document.documentElement.scrollWidth,
    );
    expect(width).toBeLessThanOrEqual(390);
    // Back: the field returns to the file's value, and the results to the file's.
    await page.goBack();
    await page.getByTestId('recommendation').filter({ hasText: 'Middle way' }).waitFor();
    expect(await page.inputValue('#f-p_unity_after_offer')).toBe(fileValue);
    await settled();
    expect(await tipping.textContent()).toBe(before);
    expect(await page.getAttribute('[data-field="p.unity_after_offer"]', 'class')).not.toContain(
      'changed',
    );
    await page.close();
  }, 30_000);

  it('shows an invalid probability next to its field and keeps the results, marked stale', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/scenarios/us-response`);
    await page.fill('#f-p_p_nato_unity', '1.5');
    await page.locator('#f-p_p_nato_unity-error', { hasText: '[0, 1]' }).waitFor();
    expect(await page.getAttribute('#f-p_p_nato_unity', 'aria-invalid')).toBe('true');
    expect(await page.getAttribute('#results', 'class')).toContain('stale');
    expect(await page.getByTestId('recommendation').textContent()).toContain('Middle way');
    await page.close();
  }, 30_000);

  it('recomputes through the form with JavaScript turned off', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${base}/scenarios/us-response`);
    await page.fill('#f-p_unity_after_offer', '0.5');
    await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
    expect(page.url()).toContain('p.unity_after_offer=0.5');
    expect(await page.getByTestId('recommendation').textContent()).toContain('Firm stance');
    expect(await page.$('path.link.policy[data-path="us-answer/firm-stance"]')).not.toBeNull();
    await context.close();
  }, 30_000);

  it('saves the tweaked values as a variant and opens it, leaving the scenario file alone', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/scenarios/us-response`);
    await page.fill('#f-p_unity_after_offer', '0.5');
    await page.locator('[data-field="p.unity_after_offer"].changed').waitFor();
    await page.click('#save-variant');
    await page.fill('#variant-name', 'Offer divides');
    await Promise.all([
      page.waitForURL('**/scenarios/us-response--offer-divides'),
      page.click('#variant-dialog-save'),
    ]);
    expect(await page.textContent('.variant-banner')).toContain('Offer divides');
    expect(await page.getByTestId('recommendation').textContent()).toContain('Firm stance');
    expect(readFileSync(join(dir, 'us-response.variants', 'offer-divides.yaml'), 'utf8')).toContain(
      'unity_after_offer: 0.5',
    );
    expect(readFileSync(join(dir, 'us-response.yaml'), 'utf8')).toBe(
      readFileSync(join(__dirname, '..', '..', 'scenarios', 'us-response.yaml'), 'utf8'),
    );
    await page.close();
  }, 30_000);
});
