/**
 * The range tables of the bundled address data (src/server/ip-ranges.ts): binary search at the
 * ranges' edges, values interned, and rows that do not parse, or overlap the previous one,
 * skipped and counted, over real files in the packages' CSV layout.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asnValues, countryValues, csvText, loadIpv4Ranges, loadIpv6Ranges } from '../../src/server/ip-ranges.ts';

describe('range tables', () => {
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'trailhound-ranges-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('IPv4: edges, gaps, quoted organisations, one object per AS; bad and overlapping rows skipped and counted', () => {
    const file = join(dir, 'asn-ipv4-num.csv');
    writeFileSync(
      file,
      [
        '16777216,16777471,13335,"Cloudflare, Inc."',
        '16778240,16779263,38803,Gtelecom Pty Ltd',
        '16779000,16779999,1,overlaps the previous row',
        'x,16780000,1,not a number',
        '16780000,16780001,99999999999,AS number too big',
        '16780002,16780001,1,end before start',
        '16780100,16780200,2,"bad "quote"',
        '16780300,16780400,13335,"Cloudflare, Inc."',
        '16780500,4294967296,1,beyond IPv4',
        '4294967040,4294967295,64512,"Zürich ""Test"" AG"',
        '',
      ].join('\r\n'),
    );
    const t = loadIpv4Ranges(file, asnValues());
    assert.equal(t.rows, 4);
    assert.equal(t.skipped, 6);
    assert.deepEqual(t.find(16777216), { asn: 13335, org: 'Cloudflare, Inc.' });
    assert.deepEqual(t.find(16777471), { asn: 13335, org: 'Cloudflare, Inc.' });
    assert.equal(t.find(16777215), undefined);
    assert.equal(t.find(16777472), undefined);
    assert.equal(t.find(16779500), undefined, 'the overlapping row was not kept');
    assert.equal(t.find(16780350), t.find(16777300), 'one object for one AS and name');
    assert.deepEqual(t.find(4294967295), { asn: 64512, org: 'Zürich "Test" AG' });
    assert.equal(t.find(0), undefined);
  });

  test('IPv6: 128-bit bounds by halves, country codes', () => {
    const file = join(dir, 'country-ipv6-num.csv');
    const v = (hex: string) => BigInt(`0x${hex}`);
    const rows: Array<[bigint, bigint, string]> = [
      [v('20010db8000000000000000000000000'), v('20010db8ffffffffffffffffffffffff'), 'JP'],
      [v('20010db9000000000000000000000000'), v('20010db9000000000000000000000000'), 'DE'],
      [v('20010dba000000000000000000000000'), v('20010dbaffffffffffffffffffffffff'), 'de'],
      [v('ffffffffffffffffffffffffffffff00'), v('ffffffffffffffffffffffffffffffff'), 'ZZ'],
    ];
    writeFileSync(file, [...rows.map((r) => r.join(',')), '1,2', `${2n ** 128n},${2n ** 128n},US`, '-1,5,US'].join('\n'));
    const t = loadIpv6Ranges(file, countryValues());
    assert.equal(t.rows, 3);
    assert.equal(t.skipped, 4);
    assert.equal(t.find(v('20010db8000000000000000000000000')), 'JP');
    assert.equal(t.find(v('20010db8ffffffffffffffffffffffff')), 'JP');
    assert.equal(t.find(v('20010db7ffffffffffffffffffffffff')), undefined);
    assert.equal(t.find(v('20010db9000000000000000000000000')), 'DE');
    assert.equal(t.find(v('20010db9000000000000000000000001')), undefined);
    assert.equal(t.find(v('20010dba000000000000000000000001')), undefined, 'a lower-case code is not a country code');
    assert.equal(t.find(2n ** 128n - 1n), 'ZZ');
  });

  test('a range inside another wins for its addresses, up to any depth; the larger keeps the rest (as the most specific network of a MaxMind tree)', () => {
    const file = join(dir, 'nested-ipv4-num.csv');
    writeFileSync(
      file,
      [
        '100,199,US', // outer
        '100,109,GB', // same start, inside: wins for 100-109
        '120,159,NL', // inside
        '130,139,DE', // inside the inside
        '150,159,FR', // inside NL, ends with it
        '190,210,IT', // starts inside US, ends beyond it: refused
        '300,300,CH',
      ].join('\n'),
    );
    const t = loadIpv4Ranges(file, countryValues());
    const at = (x: number) => t.find(x) ?? '-';
    assert.deepEqual(
      [99, 100, 109, 110, 119, 120, 129, 130, 139, 140, 149, 150, 159, 160, 199, 200, 299, 300, 301].map(at),
      ['-', 'GB', 'GB', 'US', 'US', 'NL', 'NL', 'DE', 'DE', 'NL', 'NL', 'FR', 'FR', 'US', 'US', '-', '-', 'CH', '-'],
    );
    assert.equal(t.skipped, 1);
    // IPv6 the same, at the top of the address space.
    const top = 2n ** 128n - 1n;
    writeFileSync(file, [`${top - 10n},${top},JP`, `${top - 5n},${top},KR`].join('\n'));
    const t6 = loadIpv6Ranges(file, countryValues());
    assert.deepEqual([top - 11n, top - 10n, top - 6n, top - 5n, top].map((x) => t6.find(x) ?? '-'), ['-', 'JP', 'JP', 'KR', 'KR']);
  });

  test('hostile nesting: 200,000 ranges each inside the one before load in linear time', { timeout: 60_000 }, () => {
    const file = join(dir, 'deep-ipv4-num.csv');
    const n = 200_000;
    const lines: string[] = [];
    for (let i = 0; i < n; i++) lines.push(`${i},${2 * n - i},${i % 2 ? 'AA' : 'BB'}`);
    writeFileSync(file, lines.join('\n'));
    const t = loadIpv4Ranges(file, countryValues());
    assert.equal(t.skipped, 0);
    assert.equal(t.find(0), 'BB');
    assert.equal(t.find(1), 'AA');
    assert.equal(t.find(n), 'AA', 'the innermost range');
    assert.equal(t.find(2 * n), 'BB');
    assert.equal(t.find(2 * n + 1), undefined);
  });

  test('csvText: RFC 4180 quoting', () => {
    assert.equal(csvText('plain'), 'plain');
    assert.equal(csvText('"a, b"'), 'a, b');
    assert.equal(csvText('"say ""hi"""'), 'say "hi"');
    for (const bad of ['"', '"open', 'mid"quote', '"a"b"']) assert.equal(csvText(bad), undefined, bad);
  });
});
