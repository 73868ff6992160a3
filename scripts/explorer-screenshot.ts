// Takes the README's pictures of the web explorer with the browser tests' tooling (Debian's
// chromium through playwright-core, a real `trailhound serve` over the bundled samples):
//   docs/explorer.png        a query with `render timechart`, its chart and its rows;
//   docs/explorer-alert.png  the stolen-session alert: its source-address timeline and evidence.
// Run: node --import tsx scripts/explorer-screenshot.ts
import { fileURLToPath } from 'node:url';
import { noBrowser, openExplorer, typeAndRun } from '../test/helpers/browser.ts';

if (noBrowser) {
  console.error(noBrowser);
  process.exit(2);
}
const docs = (name: string) => fileURLToPath(new URL(`../docs/${name}`, import.meta.url));
const logs = fileURLToPath(new URL('../examples/session-theft', import.meta.url));
const s = await openExplorer(['--logs', logs], { viewport: { width: 1280, height: 860 } });
try {
  await typeAndRun(s.page, 'AWSCloudTrail | where EventSource in ("ec2.amazonaws.com", "s3.amazonaws.com", "iam.amazonaws.com", "sts.amazonaws.com") | summarize Events = count() by bin(TimeGenerated, 5m), EventSource | render timechart with (title="API calls per 5 minutes")');
  await s.page.mouse.move(0, 0);
  await s.page.screenshot({ path: docs('explorer.png') });
  await s.page.click('#nav-detections');
  await s.page.click('#detect-run');
  await s.page.waitForSelector('table.alerts');
  await s.page.click('table.alerts tbody tr >> text=AWS - Concurrent console sessions from different IPs');
  await s.page.waitForSelector('#alert-view:not([aria-busy])'); // labels and timeline in (detections.js)
  await s.page.screenshot({ path: docs('explorer-alert.png') });
  if (s.problems.length) throw new Error(s.problems.join('\n'));
} finally {
  await s.close();
}
