/**
 * Browser tests' tooling (docs/explorer.md): Debian's `chromium` package driven by playwright-core
 * (which downloads no browser), against a real `trailhound serve` on loopback. The flags keep
 * chromium off the network: without them it waits on update and sync services the closed
 * network never answers.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startServe, type ServeProcess } from './serve-process.ts';

export const CHROMIUM = '/usr/bin/chromium';

/** Why browser tests skip here, or false when they run: only a missing chromium skips them. */
export const noBrowser: string | false = existsSync(CHROMIUM) ? false : `${CHROMIUM} is missing: install Debian's chromium package (apt-get install -y chromium; .ci/run does)`;

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // playwright-core gives each launch a fresh temporary profile (its own --user-data-dir).
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export interface ExplorerSession {
  readonly serve: ServeProcess;
  readonly browser: Browser;
  readonly page: Page;
  /** Content-Security-Policy violations and uncaught errors the page (or its workers) reported. */
  readonly problems: string[];
  close(): Promise<void>;
}

/** Starts `serve` with `args`, opens `/` in chromium and waits for the editor to be ready. */
export async function openExplorer(args: string[], options: { viewport?: { width: number; height: number }; hash?: string } = {}): Promise<ExplorerSession> {
  const serve = await startServe(args);
  let browser: Browser | undefined;
  try {
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: options.viewport ?? { width: 1280, height: 900 } });
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    // A failed load is reported by its response (with its URL); the browser's own favicon probe is not the page's.
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(`console: ${m.text()}`);
    });
    page.on('response', (r) => {
      if (r.status() >= 400 && new URL(r.url()).pathname !== '/favicon.ico') problems.push(`HTTP ${r.status()} ${r.url()}`);
    });
    page.on('worker', (w) => w.on('console', (m) => m.type() === 'error' && problems.push(`worker console: ${m.text()}`)));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
    });
    await page.goto(`${serve.url}/${options.hash ?? ''}`);
    await page.waitForSelector('#editor[data-ready]', { timeout: 60_000 });
    const b = browser;
    return {
      serve,
      browser: b,
      page,
      problems,
      async close() {
        await b.close();
        await serve.stop();
      },
    };
  } catch (e) {
    await browser?.close();
    await serve.stop();
    throw e;
  }
}

/** Replaces the editor's text (typed, as a person would) and runs it with Ctrl+Enter. */
export async function typeAndRun(page: Page, query: string): Promise<void> {
  await page.click('#editor .monaco-editor');
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.type(query);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+Enter');
  await page.waitForSelector('#status:not(.running)', { timeout: 60_000 });
}
