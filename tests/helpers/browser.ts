import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { createApp } from '../../src/web/create-app';

/** Debian's chromium; the tests never download a browser. */
export const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface BrowserRig {
  /** The served folder: a copy of the shipped scenarios, since the browser may write to it. */
  dir: string;
  base: string;
  browser: Browser;
  close: () => Promise<void>;
}

/**
 * Serves a copy of scenarios/ (or of `source`, a folder of fixtures) on loopback and launches
 * headless chromium.
 */
export async function startBrowserRig(
  source = join(__dirname, '..', '..', 'scenarios'),
): Promise<BrowserRig> {
  if (!existsSync(CHROMIUM))
    throw new Error(`browser tests need ${CHROMIUM}: apt-get install -y chromium`);
  const dir = mkdtempSync(join(tmpdir(), 'branchpoint-e2e-'));
  cpSync(source, dir, { recursive: true });
  const app = createApp({ dir });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  return {
    dir,
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    browser,
    close: async () => {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
