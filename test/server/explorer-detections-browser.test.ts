/**
 * The explorer's detections page driven in chromium (issue #16 items 3 and 5, docs/explorer.md):
 * run the built-in rules over examples/session-theft, open the seed rule's alert, see its
 * evidence, its reproducing query and the timeline of the identity's source addresses. Skips,
 * saying why, only when /usr/bin/chromium is missing.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { noBrowser, openExplorer, type ExplorerSession } from '../helpers/browser.ts';

const LOGS = new URL('../../examples/session-theft', import.meta.url).pathname;

describe('detections page in chromium', { skip: noBrowser, timeout: 300_000 }, () => {
  let s: ExplorerSession;
  before(async () => {
    s = await openExplorer(['--logs', LOGS]);
  });
  after(async () => {
    await s?.close();
  });

  test('run the rules, open the stolen-session alert: evidence, reproducing query, and the timeline of the identity\'s source IPs', async () => {
    const { page } = s;
    await page.click('#nav-detections');
    await page.click('#detect-run');
    await page.waitForSelector('#detect-status:not(.running)', { timeout: 120_000 });
    assert.match((await page.textContent('#detect-status')) ?? '', /^2 alert\(s\) from \d+ rule\(s\)/);
    const list = await page.$$eval('table.alerts tbody tr', (rs) => rs.map((r) => [...r.children].map((c) => c.textContent)));
    assert.equal(list.length, 2);
    const seed = list.findIndex((r) => r[3] === 'AWS - Concurrent console sessions from different IPs');
    assert.ok(seed >= 0, JSON.stringify(list));
    assert.equal(list[seed]![1], 'Medium');
    assert.match(list[seed]![4]!, /Account: 123837392027:user\/bert-jan/);
    assert.match(list[seed]![4]!, /IP: 203\.0\.113\.66/);
    await page.click(`table.alerts tbody tr[data-index="${seed}"]`);
    assert.equal(await page.textContent('#alert-title'), 'AWS console session of 123837392027:user/bert-jan used from several IPs');
    // Evidence: the alert's rows, in the grid.
    assert.equal(await page.$$eval('#evidence .grid-rows .row', (rs) => rs.length), Number(list[seed]![5]));
    assert.ok((await page.$$eval('#evidence .grid-head .cell', (cs) => cs.map((c) => c.textContent))).includes('SourceIpAddress'));
    // The reproducing query sets now() to the run's.
    assert.match((await page.textContent('#alert-query')) ?? '', /^\/\/ AWS console session[^\n]*\n\/\/[^\n]*\nset query_now = datetime\(2023-07-10T12:\d\d:00Z\);\n/);
    // The timeline: one lane per source address of the identity, the alert's addresses flagged.
    await page.waitForSelector('#alert-timeline svg.timeline', { timeout: 60_000 });
    const lanes = await page.$$eval('#alert-timeline .lane', (ls) => ls.map((l) => [l.getAttribute('data-ip'), l.classList.contains('flagged'), l.querySelectorAll('circle').length]));
    const ips = lanes.map((l) => l[0]);
    assert.ok(ips.includes('203.0.113.66') && ips.includes('10.8.8.10') && ips.includes('AWS Internal'), JSON.stringify(lanes));
    assert.deepEqual(lanes.filter((l) => l[1]).map((l) => l[0]).sort(), ['10.8.8.10', '203.0.113.66']);
    assert.ok(lanes.every((l) => (l[2] as number) > 0));
    assert.match((await page.textContent('#alert-timeline')) ?? '', /203\.0\.113\.66 · documentation \(RFC 5737\)/);
    // Open the reproducing query in the editor: it is put there, not run.
    await page.click('#alert-open-query');
    assert.equal(await page.isVisible('#query-view'), true);
    assert.match(await page.evaluate(() => (window as any).trailhoundEditor.getValue() as string), /set query_now = datetime\(/);
    assert.deepEqual(s.problems, []);
  });
});
