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

/** The primary result's rows of a query, straight from the server (POST /v2/rest/query). */
async function rest(url: string, csl: string): Promise<unknown[][]> {
  const r = await fetch(`${url}/v2/rest/query`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ db: 'trailhound', csl }) });
  const frames = (await r.json()) as { TableKind?: string; Rows: unknown[][] }[];
  return frames.find((f) => f.TableKind === 'PrimaryResult')!.Rows;
}

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
    // A query the server refuses: Kusto's message in the status line; the last rows stay.
    await typeAndRun(s.page, 'AWSCloudTrail | where NoSuchColumn == 1');
    assert.equal(await s.page.getAttribute('#status', 'class'), 'error');
    assert.match((await s.page.textContent('#status')) ?? '', /^Error: Semantic error: .*NoSuchColumn/);
    assert.equal(await s.page.$$eval('.grid-rows .row', (rs) => rs.length), 3);
    assert.deepEqual(s.problems.splice(0), [`HTTP 400 ${s.serve.url}/v2/rest/query`]);
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

  test('render timechart draws an SVG chart: one series per y column or per value of the series column, each with its points', async () => {
    const { page } = s;
    const seriesOf = () => page.$$eval('#chart svg .series', (gs) => gs.map((g) => [g.getAttribute('data-name'), Number(g.getAttribute('data-points'))]));
    await typeAndRun(page, 'range t from datetime(2024-01-01) to datetime(2024-01-01 09:00) step 1h | extend a = 1.0 * hourofday(t), b = 2 * hourofday(t) | render timechart with (title="Hours")');
    assert.equal(await page.getAttribute('#chart svg', 'data-kind'), 'timechart');
    assert.deepEqual(await seriesOf(), [['a', 10], ['b', 10]]);
    assert.equal(await page.textContent('#chart svg text.title'), 'Hours');
    await typeAndRun(page, 'range i from 0 to 11 step 1 | project t = datetime(2024-01-01) + i * 1h, k = strcat("s", i % 3), v = i | render timechart');
    assert.deepEqual(await seriesOf(), [['s0', 4], ['s1', 4], ['s2', 4]]);
    // On the sample logs: one line per event source, as many points as its hours with events.
    await typeAndRun(page, 'AWSCloudTrail | summarize n = count() by bin(TimeGenerated, 1h), EventSource | render timechart');
    const expected = new Map<string, number>();
    for (const [src, points] of await rest(s.serve.url, 'AWSCloudTrail | summarize n = count() by bin(TimeGenerated, 1h), EventSource | summarize count() by EventSource')) expected.set(src as string, points as number);
    assert.deepEqual(new Map((await seriesOf()).map(([n, p]) => [n!, p])), expected);
    assert.ok(expected.size > 1);
    assert.deepEqual(s.problems, []);
  });

  test('columnchart, barchart, piechart, areachart, scatterchart; a visualization not drawn says so; no render hides the chart', async () => {
    const { page } = s;
    const q = 'datatable(k:string, v:long, w:long)["x", 3, 1, "y", 5, 2, "z", 2, 4]';
    await typeAndRun(page, `${q} | render columnchart`);
    assert.equal(await page.$$eval('#chart svg .series rect', (r) => r.length), 6);
    await typeAndRun(page, `${q} | render barchart with (ycolumns=v)`);
    assert.equal(await page.$$eval('#chart svg .series rect', (r) => r.length), 3);
    await typeAndRun(page, `${q} | render piechart`);
    assert.deepEqual(await page.$$eval('#chart svg .series', (gs) => gs.map((g) => g.getAttribute('data-name'))), ['x', 'y', 'z']);
    await typeAndRun(page, 'range x from 1 to 5 step 1 | extend y = x * x | render areachart');
    assert.equal(await page.$$eval('#chart svg .series path', (p) => p.length), 2, 'the area and its line');
    await typeAndRun(page, 'range x from 1 to 5 step 1 | extend y = x * x | render scatterchart');
    assert.equal(await page.$$eval('#chart svg .series circle', (c) => c.length), 5);
    await typeAndRun(page, 'print a = 1 | render card');
    assert.match((await page.textContent('#chart .note')) ?? '', /render card is not drawn/);
    await typeAndRun(page, 'print a = 1');
    assert.equal(await page.isHidden('#chart'), true);
    assert.deepEqual(s.problems, []);
  });

  test('history keeps the queries run (newest first, once each, across reloads); a link carries the query in the fragment and opens it without running it', async () => {
    const { page } = s;
    const editorText = () => page.evaluate(() => (window as any).trailhoundEditor.getValue() as string);
    await typeAndRun(page, 'print one = 1');
    await typeAndRun(page, 'print two = 2');
    await typeAndRun(page, 'print one = 1');
    const options = () => page.$$eval('#history option', (os) => os.slice(1).map((o) => (o as HTMLOptionElement).value));
    assert.deepEqual((await options()).slice(0, 2), ['print one = 1', 'print two = 2']);
    await page.reload();
    await page.waitForSelector('#editor[data-ready]');
    assert.deepEqual((await options()).slice(0, 2), ['print one = 1', 'print two = 2']);
    assert.equal(await editorText(), 'print one = 1', 'the editor opens on the last query');
    await page.selectOption('#history', 'print two = 2');
    assert.equal(await editorText(), 'print two = 2');
    // The link: the query in the URL fragment (never sent to the server), UTF-8 safe.
    const query = 'print s = "é ü 日本 | \\\\ #"';
    await page.evaluate((q) => (window as any).trailhoundEditor.setValue(q), query);
    await page.click('#link');
    const url = page.url();
    assert.match(new URL(url).hash, /^#q=[A-Za-z0-9_-]+$/);
    const other = await s.browser.newPage();
    const requests: string[] = [];
    other.on('request', (r) => requests.push(`${r.method()} ${new URL(r.url()).pathname}`));
    await other.goto(url);
    await other.waitForSelector('#editor[data-ready]');
    assert.equal(await other.evaluate(() => (window as any).trailhoundEditor.getValue()), query);
    assert.equal(await other.textContent('#status'), 'Ready.');
    assert.ok(!requests.includes('POST /v2/rest/query'), `opening a link runs nothing: ${requests.join(', ')}`);
    await other.close();
    assert.deepEqual(s.problems, []);
  });
});
