/**
 * The web explorer driven as a person uses it (issue #16 items 2 and 5, docs/explorer.md):
 * Debian's chromium through playwright-core, against a real `trailhound serve` on loopback over
 * the bundled examples. Skips, saying why, only when /usr/bin/chromium is missing.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
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

  test('the grid at 100,000 rows: only the rows in view are elements, sort by a column, filter, scroll to the end', { timeout: 180_000 }, async () => {
    const { page } = s;
    await typeAndRun(page, 'range x from 1 to 100000 step 1 | extend s = strcat("r", tostring(x))');
    assert.match((await page.textContent('#status')) ?? '', /^100,000 rows, \d+ ms/);
    const domRows = () => page.$$eval('.grid-rows .row', (rs) => rs.length);
    const firstCells = () => page.$$eval('.grid-rows .row', (rs) => rs.slice(0, 3).map((r) => r.firstElementChild!.textContent));
    assert.ok((await domRows()) < 100, `${await domRows()} row elements`);
    assert.deepEqual(await firstCells(), ['1', '2', '3']);
    // Sorting x: ascending first, then descending, as numbers (as text, 99999 would come first).
    await page.click('.grid-head .cell[data-col="0"]');
    await page.click('.grid-head .cell[data-col="0"]');
    assert.deepEqual(await firstCells(), ['100000', '99999', '99998']);
    assert.match((await page.getAttribute('.grid-head .cell[data-col="0"]', 'class')) ?? '', /desc/);
    // Scrolled to the end: the last rows are drawn, still only those in view.
    await page.$eval('.grid-scroll', (e) => (e.scrollTop = e.scrollHeight));
    await page.waitForFunction(() => [...document.querySelectorAll('.grid-rows .row')].some((r) => r.firstElementChild!.textContent === '1'));
    assert.ok((await domRows()) < 100, `${await domRows()} row elements at the end`);
    // Sorting the string column s ascending orders it as text.
    await page.click('.grid-head .cell[data-col="1"]');
    assert.deepEqual(await firstCells(), ['1', '10', '100']);
    // Filter: a substring of any cell; the status line says how many rows are shown.
    await page.fill('#filter', 'r99999');
    assert.deepEqual(await page.$$eval('.grid-rows .row', (rs) => rs.map((r) => [...r.children].map((c) => c.textContent))), [['99999', 'r99999']]);
    assert.match((await page.textContent('#status')) ?? '', /1 of 100000 rows shown/);
    await page.fill('#filter', '');
    assert.ok((await domRows()) > 10);
    assert.deepEqual(s.problems, []);
  });

  test('copy the selected rows as tab-separated text; export the shown rows as CSV (RFC 4180) and JSON', async () => {
    const { page } = s;
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: s.serve.url });
    await typeAndRun(page, 'datatable(a:string, b:long, c:dynamic)["x,\\"y\\"", 1, dynamic({"k":[1,2]}), "plain", 2, dynamic(null)]');
    assert.match((await page.textContent('#status')) ?? '', /^2 rows/);
    await page.click('.grid-rows .row[data-pos="1"] .cell');
    await page.click('#copy');
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), 'a\tb\tc\nplain\t2\t');
    const [csv] = await Promise.all([page.waitForEvent('download'), page.click('#csv')]);
    assert.equal(readFileSync((await csv.path())!, 'utf8'), 'a,b,c\r\n"x,""y""",1,"{""k"":[1,2]}"\r\nplain,2,\r\n');
    const [json] = await Promise.all([page.waitForEvent('download'), page.click('#json')]);
    assert.deepEqual(JSON.parse(readFileSync((await json.path())!, 'utf8')), [
      { a: 'x,"y"', b: 1, c: { k: [1, 2] } },
      { a: 'plain', b: 2, c: null },
    ]);
    assert.deepEqual(s.problems, []);
  });
});
