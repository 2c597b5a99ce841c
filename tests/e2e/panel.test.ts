import { existsSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createApp } from '../../src/web/create-app';
import { CHROMIUM } from '../helpers/browser';
import { bridgeFolder } from '../web/folder-fixture';

/**
 * The analyst panel in a real browser: an analyst changes a value on the scenario page, saves it
 * as their assessment, and finds it pooled on the panel page, whose dot plots and pool switch
 * work without script. Screenshots (1440 and 390 px wide) go to $SCREENSHOTS when it is set.
 */
let dir: string;
let server: Server;
let browser: Browser;
let base: string;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`browser tests need ${CHROMIUM}`);
  dir = bridgeFolder();
  const app = createApp({ dir });
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

it('saves an assessment from the tweak form and shows it in the panel, with the log pool a click away', async () => {
  const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  await page.goto(`${base}/scenarios/bridge`);
  await page.fill('input[name="p.p_ok"]', '0.95');
  // The live page updates the link with the values on screen.
  await page.locator('#save-assessment[href*="p_ok=0.95"]').waitFor();
  await Promise.all([page.waitForURL('**/assess?**'), page.click('#save-assessment')]);
  expect(await page.inputValue('input[name="set.p_ok"]')).toBe('0.95');
  await page.fill('#analyst', 'North desk');
  await page.fill('textarea[name="why.p_ok"]', 'Load tests passed.');
  await Promise.all([
    page.waitForURL('**/scenarios/bridge/panel'),
    page.click('form.assess button[type=submit]'),
  ]);

  const rows = page.locator('table.analysts tbody tr');
  expect(await rows.count()).toBe(5); // four analysts and the pooled row
  expect(await page.locator('table.analysts').textContent()).toContain('North desk');
  const plots = page.locator('svg.dot-plot');
  expect(await plots.count()).toBe(2);
  expect(await plots.first().getAttribute('role')).toBe('img');
  expect(await page.locator('svg.dot-plot circle.dot').count()).toBe(8);
  expect(await page.locator('.agreement').textContent()).toContain('3 of 4 analysts (75%)');
  await shoot(page, 'panel-1440');

  await page.check('input[name=pool][value=log]');
  await Promise.all([page.waitForURL('**/panel?pool=log'), page.click('.pool-switch button')]);
  expect(await page.locator('.agreement').textContent()).toContain('Pooled (log)');

  await page.setViewportSize({ width: 390, height: 900 });
  await shoot(page, 'panel-390');
  // A string runs in the page, where `document` exists (tests compile without the DOM types).
  const overflow = await page.evaluate(
    'document.documentElement.scrollWidth > document.documentElement.clientWidth',
  );
  expect(overflow).toBe(false);
  await page.close();
}, 60_000);

async function shoot(page: Page, name: string): Promise<void> {
  const to = process.env.SCREENSHOTS;
  if (to) await page.screenshot({ path: join(to, `${name}.png`), fullPage: true });
}
