import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { startBrowserRig, type BrowserRig } from '../helpers/browser';

/**
 * Indicators, phrases and expectations on the scenario page in a real browser, on a small
 * fixture (tests/fixtures/watch-sky.yaml) whose first indicator flips the recommendation when
 * seen. Screenshots go to $SCREENSHOTS when it is set.
 */
let rig: BrowserRig;
let browser: Browser;
let base: string;
let source: string;
const shots = process.env.SCREENSHOTS;

beforeAll(async () => {
  source = mkdtempSync(join(tmpdir(), 'branchpoint-e2e-watch-'));
  const fixtures = join(__dirname, '..', 'fixtures');
  cpSync(join(fixtures, 'watch-sky.yaml'), join(source, 'watch-sky.yaml'));
  cpSync(join(fixtures, 'watch-sky.assessments'), join(source, 'watch-sky.assessments'), {
    recursive: true,
  });
  // For screenshots, the shipped scenarios too (a look at the page, not an assertion).
  if (shots) cpSync(join(__dirname, '..', '..', 'scenarios'), source, { recursive: true });
  rig = await startBrowserRig(source);
  ({ browser, base } = rig);
}, 60_000);

afterAll(async () => {
  await rig?.close();
  rmSync(source, { recursive: true, force: true });
});

describe('indicators on the scenario page', () => {
  it('flips the recommendation live when an indicator is seen, without reloading', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await page.goto(`${base}/scenarios/watch-sky`);
    expect(await page.getByTestId('recommendation').textContent()).toContain(
      'Walk with an umbrella',
    );
    await page.evaluate(() => ((globalThis as unknown as { marker: number }).marker = 7));
    // The indicator that would flip the recommendation is marked to watch.
    expect(await page.isVisible('[data-indicator="clear_dawn"] .watch-mark')).toBe(true);
    expect(await page.isVisible('[data-indicator="radar_band"] .watch-mark')).toBe(false);
    if (shots) await page.screenshot({ path: join(shots, 'watch-1440.png'), fullPage: true });

    await page.check('input[name="observe.clear_dawn"][value="seen"]');
    await page.getByTestId('recommendation').filter({ hasText: 'Walk without' }).waitFor();
    expect(page.url()).toContain('observe.clear_dawn=seen');
    expect(await page.evaluate(() => (globalThis as unknown as { marker?: number }).marker)).toBe(
      7,
    );
    // Answered, it is no longer one to watch; what it did is said beside it.
    await page.locator('[data-indicator="clear_dawn"] .watch-mark[hidden]').waitFor({
      state: 'attached',
    });
    expect(await page.textContent('[data-indicator="clear_dawn"] .indicator-sentences')).toContain(
      'Chance of rain is now 0.16 (very unlikely)',
    );
    if (shots) await page.screenshot({ path: join(shots, 'watch-seen-1440.png'), fullPage: true });

    // Back to unknown: the file's recommendation again.
    await page.check('input[name="observe.clear_dawn"][value=""]');
    await page.getByTestId('recommendation').filter({ hasText: 'Walk with an umbrella' }).waitFor();
    await page.close();
  }, 30_000);

  it('takes a phrase from the select into the URL, and shows the expectations', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 900 } });
    await page.goto(`${base}/scenarios/watch-sky`);
    // On a phone the assumptions start folded under the recommendation.
    await page.click('#inputs-panel > summary');
    await page.selectOption('select[name="phrase.p_rain"]', { label: 'very unlikely (0.05–0.2)' });
    await page.getByTestId('recommendation').filter({ hasText: 'Walk without' }).waitFor();
    expect(await page.inputValue('#f-p_p_rain')).toBe('very unlikely');
    expect(page.url()).toContain('p.p_rain=very+unlikely');
    const expectations = await page.getByTestId('expectation').allTextContents();
    expect(expectations).toHaveLength(2);
    expect(expectations.join(' ')).toContain('fails');
    if (shots) {
      await page.screenshot({ path: join(shots, 'watch-390.png'), fullPage: true });
      for (const [k, y] of [0, 1300, 2600].entries())
        await page.screenshot({
          path: join(shots, `watch-390-part${k}.png`),
          fullPage: true,
          clip: { x: 0, y, width: 390, height: 1300 },
        });
    }
    await page.close();
  }, 30_000);

  (shots ? it : it.skip)(
    'looks right on a shipped scenario (screenshots only)',
    async () => {
      for (const width of [1440, 390]) {
        const page = await browser.newPage({ viewport: { width, height: 1000 } });
        await page.goto(`${base}/scenarios/us-response?p.p_nato_unity=likely`);
        await page.screenshot({ path: join(shots!, `us-response-${width}.png`), fullPage: true });
        for (const [k, y] of [0, 1000, 2000].entries())
          await page.screenshot({
            path: join(shots!, `us-response-${width}-part${k}.png`),
            fullPage: true,
            clip: { x: 0, y, width, height: 1000 },
          });
        await page.close();
      }
    },
    60_000,
  );

  it('answers an indicator through the form with JavaScript turned off', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${base}/scenarios/watch-sky`);
    await page.check('input[name="observe.clear_dawn"][value="seen"]');
    await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
    expect(page.url()).toContain('observe.clear_dawn=seen');
    expect(await page.getByTestId('recommendation').textContent()).toContain('Walk without');
    // A phrase picked in the select wins over the number in the box beside it.
    await page.selectOption('select[name="phrase.p_rain"]', { label: 'likely (0.55–0.8)' });
    await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
    expect(await page.inputValue('#f-p_p_rain')).toBe('likely');
    await context.close();
  }, 30_000);
});
