import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startBrowserRig, type BrowserRig } from '../helpers/browser';

/**
 * Editing in a real browser: a mistake is shown at its line as it is typed, the fix validates,
 * the save lands in the file, and the scenario page draws the changed tree.
 */
let rig: BrowserRig;

beforeAll(async () => {
  rig = await startBrowserRig();
}, 60_000);

afterAll(() => rig?.close());

it('shows an error at its line while typing, then saves the fix and the tree updates', async () => {
  const page = await rig.browser.newPage();
  await page.goto(`${rig.base}/scenarios/us-response/edit`);
  const original = await page.inputValue('#yaml');
  const lines = original.split('\n');
  const at = lines.findIndex((l) => l.startsWith('  unity_after_offer:'));
  const valueLine = lines.findIndex((l, i) => i > at && l.trim().startsWith('value:'));

  // A typo in the key: the loader names the unknown key at its line.
  lines[valueLine] = lines[valueLine]!.replace('value:', 'valeu:');
  await page.fill('#yaml', lines.join('\n'));
  const error = page.locator(`#edit-errors a[data-line="${valueLine + 1}"]`).first();
  await error.waitFor();
  expect(await page.textContent('#edit-errors')).toContain("did you mean 'value'?");

  // The fix: a value that changes the recommendation.
  lines[valueLine] = lines[valueLine].replace(/valeu: [\d.]+/, 'value: 0.55');
  await page.fill('#yaml', lines.join('\n'));
  await page.locator('.edit-status', { hasText: 'Valid: ready to save.' }).waitFor();
  await Promise.all([
    page.waitForURL('**/scenarios/us-response'),
    page.click('#editor button[type=submit]'),
  ]);

  expect(readFileSync(join(rig.dir, 'us-response.yaml'), 'utf8')).toContain('value: 0.55');
  expect(await page.getByTestId('recommendation').textContent()).toContain('Firm stance');
  expect(await page.$('path.link.policy[data-path="us-answer/firm-stance"]')).not.toBeNull();
  await page.close();
}, 40_000);
