/**
 * Builds examples/session-theft/: the real Invictus CloudTrail tree (examples/invictus, MIT) plus
 * one extra delivery file in which bert-jan's console session is replayed from a second IP.
 *
 * Story: bert-jan signs in to the console at 12:13:16 from 10.8.8.10 (real records). At 12:14:05
 * an attacker who phished the session cookie (evilginx-style) opens the console with it from
 * 203.0.113.66. The console's background AWS Health call (DescribeEventAggregates) is logged for
 * the attacker's browser with the SAME session: same access key, same sessionContext
 * creationDate, same user; only the source IP, user agent, time and ids differ. AWS also logs the
 * service-side companion record (source health.amazonaws.com), as it does for every real call.
 *
 * The template is bert-jan's real record 81ea1f1a-… (12:13:29, file ..._20230710T1215Z_5f9a6SYejzdNeREZ).
 * Run: node --import tsx examples/session-theft/make-scenario.ts  (deterministic output)
 */
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const day = 'AWSLogs/218007301253/CloudTrail/us-east-1/2023/07/10';
const source = join(here, '..', 'invictus');
const template = JSON.parse(
  gunzipSync(readFileSync(join(source, day, '218007301253_CloudTrail_us-east-1_20230710T1215Z_5f9a6SYejzdNeREZ.json.gz'))).toString('utf8'),
).Records.find((r: { eventID: string }) => r.eventID === '81ea1f1a-83f3-471f-a018-3f6aed306869');

const ATTACKER_IP = '203.0.113.66';
const ATTACKER_UA = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/114.0.0.0 Safari/537.36';
const REQUEST_ID = '5e1f0c2a-6d3b-4f7e-9a8c-0b1d2e3f4a5b';

const client = {
  ...template,
  eventTime: '2023-07-10T12:14:05Z',
  sourceIPAddress: ATTACKER_IP,
  userAgent: ATTACKER_UA,
  requestParameters: { ...template.requestParameters, filter: { ...template.requestParameters.filter, startTimes: [{ from: 'Jul 3, 2023 12:14:05 PM' }] } },
  requestID: REQUEST_ID,
  eventID: 'c0ffee00-7e57-4a11-b0b5-5e55100a7ac4',
};
const companion = {
  ...client,
  userIdentity: { ...client.userIdentity, accessKeyId: 'ASIATFQR7NSCAT7ACK01', invokedBy: 'health.amazonaws.com' },
  sourceIPAddress: 'health.amazonaws.com',
  userAgent: 'health.amazonaws.com',
  eventID: 'c0ffee01-7e57-4a11-b0b5-5e55100a7ac4',
};

const out = join(here, 'AWSLogs');
rmSync(out, { recursive: true, force: true });
cpSync(join(source, 'AWSLogs'), out, { recursive: true });
mkdirSync(join(here, day.replace('AWSLogs', 'AWSLogs')), { recursive: true });
// Delivered in the 12:15 file batch, like the real records of those minutes.
const file = join(here, day, '218007301253_CloudTrail_us-east-1_20230710T1215Z_SessionTheft0001.json.gz');
writeFileSync(file, gzipSync(Buffer.from(JSON.stringify({ Records: [client, companion] }))));
process.stdout.write(`wrote ${file}\n`);
