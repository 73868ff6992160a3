/**
 * The web explorer driven as a person uses it (issue #16 items 2 and 5, docs/explorer.md):
 * Debian's chromium through playwright-core, against a real `trailhound serve` on loopback over
 * the bundled examples. Skips, saying why, only when /usr/bin/chromium is missing.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { noBrowser, openExplorer, typeAndRun, type ExplorerSession } from '../helpers/browser.ts';

const EXAMPLES = new URL('../../examples', import.meta.url).pathname;

describe('explorer in chromium', { skip: noBrowser, timeout: 300_000 }, () => {
  let s: ExplorerSession;
  before(async () => {
    s = await openExplorer(['--logs', EXAMPLES]);
  });
  after(async () => {
    await s?.close();
  });

  test('type a query in the Kusto editor, run it with Ctrl+Enter, see its rows and the status line', async () => {
    await typeAndRun(s.page, 'AWSCloudTrail | summarize n = count() by EventSource | top 3 by n');
    const status = await s.page.textContent('#status');
    assert.match(status ?? '', /^3 rows, \d+ ms/);
    const heads = await s.page.$$eval('.grid-head .cell', (cs) => cs.map((c) => c.textContent));
    assert.deepEqual(heads, ['EventSource', 'n']);
    const cells = await s.page.$$eval('.grid-rows .row', (rs) => rs.map((r) => [...r.children].map((c) => c.textContent)));
    assert.equal(cells.length, 3);
    assert.ok(cells.every((r) => /\.amazonaws\.com$/.test(r[0]!) && Number(r[1]) > 0), JSON.stringify(cells));
    assert.deepEqual(s.problems, []);
  });

  test("completion and diagnostics are Kusto's own, with the server's schema (AWSCloudTrail's columns, functions)", async () => {
    const { page } = s;
    await page.click('#editor .monaco-editor');
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.type('AWSCloudTrail | where EventNa');
    await page.keyboard.press('Control+Space');
    await page.waitForSelector('.suggest-widget .monaco-list-row', { timeout: 60_000 });
    const suggestions = await page.$$eval('.suggest-widget .monaco-list-row', (rs) => rs.map((r) => r.getAttribute('aria-label') ?? r.textContent));
    assert.ok(suggestions.some((t) => /EventName/.test(t ?? '')), JSON.stringify(suggestions));
    await page.keyboard.press('Escape');
    // A column the table does not have: the language service (in its worker) marks it.
    await page.keyboard.press('Control+A');
    await page.keyboard.type('AWSCloudTrail | where NoSuchColumn == 1');
    await page.waitForFunction(() => (window as any).trailhoundEditor.markers().some((m: any) => /NoSuchColumn/.test(m.message)), undefined, { timeout: 60_000 });
    // The built-in function AWSIdentityRole is in the schema the editor got.
    await page.keyboard.press('Control+A');
    await page.keyboard.type('AWSIdentityR');
    await page.keyboard.press('Control+Space');
    await page.waitForFunction(() => [...document.querySelectorAll('.suggest-widget .monaco-list-row')].some((r) => /AWSIdentityRole/.test(r.getAttribute('aria-label') ?? '')), undefined, { timeout: 60_000 });
    await page.keyboard.press('Escape');
    assert.deepEqual(s.problems, []);
  });
});
