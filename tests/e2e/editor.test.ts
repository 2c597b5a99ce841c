import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startBrowserRig, type BrowserRig } from '../helpers/browser';

/**
 * The code editor in a real browser (issue 15): a mistake is underlined at its line and listed,
 * a click in the list brings the line into view, names complete, leaving with unsaved changes
 * asks first, and two tabs that edit one file meet a three-way merge instead of losing work.
 */
let rig: BrowserRig;

beforeAll(async () => {
  rig = await startBrowserRig();
}, 60_000);

afterAll(() => rig?.close());

/** Replaces the editor's whole text, as a paste would. */
async function setText(page: Page, text: string): Promise<void> {
  await page.click('.cm-content');
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(text);
}

async function newScenario(page: Page, name: string): Promise<void> {
  await page.goto(`${rig.base}/new`);
  await page.fill('input[name="name"]', name);
  await Promise.all([page.waitForURL('**/edit'), page.click('form button[type=submit]')]);
  await page.waitForSelector('.cm-content');
}

it('underlines an error at its line, and a click in the list scrolls that line into view', async () => {
  const page = await rig.browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(`${rig.base}/scenarios/us-response/edit`);
  await page.waitForSelector('.cm-content');
  const lines = readFileSync(join(rig.dir, 'us-response.yaml'), 'utf8').split('\n');
  const at = lines.findIndex(
    (l) => /^ {2}\w+:\s*$/.test(l) && /value:/.test(lines[lines.indexOf(l) + 1] ?? ''),
  );
  const valueLine = lines.findIndex((l, i) => i > at && l.trim().startsWith('value:'));
  lines[valueLine] = lines[valueLine]!.replace('value:', 'valeu:');
  await setText(page, lines.join('\n'));
  // Typed at the end of a long file: the mistake's line is far out of view.
  const link = page.locator(`#edit-errors a[data-line="${valueLine + 1}"]`);
  await link.waitFor();
  expect(
    await page
      .locator('#edit-errors li', { has: page.locator(`a[data-line="${valueLine + 1}"]`) })
      .textContent(),
  ).toContain('value');
  expect(await page.textContent('#edit-errors')).not.toMatch(/\d+:\d+:/);
  const gutterMark = page.locator('.cm-lineNumbers .cm-gutterElement', {
    hasText: new RegExp(`^${valueLine + 1}$`),
  });
  expect(await gutterMark.isVisible()).toBe(false);

  await link.click();
  await gutterMark.waitFor({ state: 'visible' });
  const scroller = (await page.locator('.cm-scroller').boundingBox())!;
  const mark = (await gutterMark.boundingBox())!;
  expect(mark.y).toBeGreaterThanOrEqual(scroller.y);
  expect(mark.y + mark.height).toBeLessThanOrEqual(scroller.y + scroller.height);
  // Underlined there, and marked in the lint gutter.
  const line = page.locator('.cm-line', { hasText: 'valeu:' });
  await line.locator('.cm-lintRange-error').waitFor();
  expect(await page.locator('.cm-lint-marker-error').count()).toBeGreaterThan(0);
  await page.screenshot({ path: join(__dirname, '..', '..', 'docs', 'screenshot-editor.png') });
  await page.close();
}, 60_000);

it('completes a parameter name', async () => {
  const page = await rig.browser.newPage();
  await newScenario(page, 'complete me');
  await page.click('.cm-content');
  await page.keyboard.press('Control+End');
  await page.keyboard.type('\nextra: p_suc');
  const option = page.locator('.cm-tooltip-autocomplete li', { hasText: 'p_success' });
  await option.waitFor();
  // CodeMirror ignores Enter for a moment after the list opens (its interaction delay).
  await page.waitForTimeout(200);
  await page.keyboard.press('Enter');
  expect(await page.locator('.cm-content').textContent()).toContain('extra: p_success');
  await page.close();
}, 40_000);

it('asks before leaving with unsaved changes', async () => {
  const page = await rig.browser.newPage();
  await newScenario(page, 'leave me');
  await page.click('.cm-content');
  await page.keyboard.press('Control+End');
  await page.keyboard.type('\n# a thought');
  const asked: string[] = [];
  page.on('dialog', (d) => {
    asked.push(d.type());
    void d.dismiss();
  });
  await page.click('a.cancel');
  expect(asked).toEqual(['confirm']);
  expect(page.url()).toMatch(/\/edit$/);
  // Any other way out (a link, closing the tab) gets the browser's own warning.
  await page.click('.crumbs a[href="/"]');
  for (let i = 0; i < 50 && asked.length < 2; i++) await page.waitForTimeout(100);
  expect(asked).toEqual(['confirm', 'beforeunload']);
  expect(page.url()).toMatch(/\/edit$/);
  await page.close();
}, 40_000);

it('shows a second tab the three-way diff and merges both edits', async () => {
  const first = await rig.browser.newPage();
  await newScenario(first, 'shared');
  const second = await rig.browser.newPage();
  await second.goto(`${rig.base}/scenarios/shared/edit`);
  await second.waitForSelector('.cm-content');
  const text = readFileSync(join(rig.dir, 'shared.yaml'), 'utf8');

  await setText(first, text.replace('payoff: 2', 'payoff: 3'));
  await Promise.all([first.waitForURL('**/edit?saved=*'), first.keyboard.press('Control+S')]);
  await first.getByTestId('saved').waitFor();

  await setText(second, text.replace('title: "shared"', 'title: "Shared choice"'));
  await Promise.all([second.waitForLoadState(), second.click('#editor button[type=submit]')]);
  const conflict = second.getByTestId('conflict');
  await conflict.waitFor();
  expect(await conflict.locator('fieldset.hunk').count()).toBe(2);
  expect(await conflict.locator('.side.theirs pre', { hasText: 'payoff: 3' }).count()).toBe(1);
  expect(await conflict.locator('.side.yours pre', { hasText: 'Shared choice' }).count()).toBe(1);
  expect(await conflict.locator('.side.base pre', { hasText: 'payoff: 2' }).count()).toBe(1);
  await Promise.all([second.waitForLoadState(), second.click('text=Merge into the editor')]);
  await second.getByTestId('merged').waitFor();
  // The editor's text before any change is the merged text the server sent.
  const merged = await second.inputValue('#yaml');
  expect(merged).toContain('Shared choice');
  expect(merged).toContain('payoff: 3');
  await Promise.all([
    second.waitForURL('**/edit?saved=*'),
    second.click('#editor button[type=submit]'),
  ]);
  await second.getByTestId('saved').waitFor();
  const saved = readFileSync(join(rig.dir, 'shared.yaml'), 'utf8');
  expect(saved).toContain('title: "Shared choice"');
  expect(saved).toContain('payoff: 3');
  await first.close();
  await second.close();
}, 60_000);
