import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { createApp } from '../../src/web/create-app';

/**
 * Team mode and cross-site requests in a real browser: signing in with the token gives a
 * session on which the live page and the editor work (their requests carry our own Origin),
 * while a form on another site can write nothing, with a token or without one.
 */
const CHROMIUM = '/usr/bin/chromium';
const TOKEN = 'e2e-team-token-0123456789';
const ARGS = ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-sync'];

let dir: string;
let browser: Browser;
const servers: Server[] = [];

async function serve(handler: Parameters<typeof createServer>[1]): Promise<number> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** Another site: a page that posts a form to `action` as soon as it loads. */
function attacker(action: string): Parameters<typeof createServer>[1] {
  return (_req, res) => {
    res.setHeader('Content-Type', 'text/html');
    res.end(
      `<form method="post" action="${action}"><input name="name" value="pwned"></form>` +
        '<script>document.forms[0].submit()</script>',
    );
  };
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(`browser tests need ${CHROMIUM}: apt-get install -y chromium`);
  dir = mkdtempSync(join(tmpdir(), 'branchpoint-team-e2e-'));
  cpSync(join(__dirname, '..', '..', 'scenarios'), dir, { recursive: true });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  rmSync(dir, { recursive: true, force: true });
});

it('signs in with the token, then the editor checks and saves on the session', async () => {
  const port = await serve(createApp({ dir, token: TOKEN }));
  const base = `http://127.0.0.1:${port}`;
  const page = await browser.newPage();
  await page.goto(`${base}/scenarios/us-response/edit`);
  expect(new URL(page.url()).pathname).toBe('/login');

  await page.fill('#token', 'a wrong guess');
  await Promise.all([page.waitForURL('**/login'), page.click('form.login button')]);
  expect(await page.textContent('[role=alert]')).toContain('not the right token');

  await page.fill('#token', TOKEN);
  await Promise.all([
    page.waitForURL('**/scenarios/us-response/edit'),
    page.click('form.login button'),
  ]);
  // The editor validates as you type (a POST on the session) and saves by a form post.
  await page.waitForSelector('.cm-content');
  const yaml = (await page.inputValue('#yaml')).replace(
    /(unity_after_offer:[\s\S]*?value:) [\d.]+/,
    '$1 0.7',
  );
  await page.click('.cm-content');
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(yaml);
  await page.locator('.edit-status', { hasText: 'Valid: ready to save.' }).waitFor();
  await Promise.all([
    page.waitForURL('**/edit?saved=*'),
    page.click('#editor button[type=submit]'),
  ]);
  await page.getByTestId('saved').waitFor();
  expect(readFileSync(join(dir, 'us-response.yaml'), 'utf8')).toMatch(/value: 0\.7\b/);
  await page.close();
}, 40_000);

it('lets no other site write through a signed-in browser', async () => {
  const port = await serve(createApp({ dir, token: TOKEN }));
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`http://127.0.0.1:${port}/login`);
  await page.fill('#token', TOKEN);
  await Promise.all([
    page.waitForURL(`http://127.0.0.1:${port}/`),
    page.click('form.login button'),
  ]);
  // `localhost` is another site than `127.0.0.1` to the browser.
  const evil = await serve(attacker(`http://127.0.0.1:${port}/new`));
  await page.goto(`http://localhost:${evil}/`);
  await page.waitForURL(`http://127.0.0.1:${port}/**`);
  expect(existsSync(join(dir, 'pwned.yaml'))).toBe(false);
  await context.close();
}, 40_000);

it('lets no other site write to a server without a token', async () => {
  const port = await serve(createApp({ dir }));
  const page = await browser.newPage();
  const evil = await serve(attacker(`http://127.0.0.1:${port}/new`));
  await page.goto(`http://localhost:${evil}/`);
  await page.waitForURL(`http://127.0.0.1:${port}/**`);
  expect(await page.textContent('body')).toContain('cross-site request refused');
  expect(existsSync(join(dir, 'pwned.yaml'))).toBe(false);
  await page.close();
}, 40_000);
