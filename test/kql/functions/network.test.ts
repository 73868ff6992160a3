import { test } from 'node:test';
import assert from 'node:assert/strict';
import { call, l, s } from './call.ts';
import { parseJson } from '../../../src/kql/values/dynamic.ts';
import { parseIpv6Text } from '../../../src/kql/functions/network.ts';
import type { Dyn } from '../../../src/kql/types.ts';

const dyn = (json: string) => ['dynamic', parseJson(json) as Dyn] as ['dynamic', Dyn];
const LOG = '05:04:54 127.0.0.1 GET /favicon.ico 404';

test('parse_ipv4 / parse_ipv4_mask: doc examples (parse-ipv4-function, parse-ipv4-mask-function)', () => {
  assert.equal(call('parse_ipv4', [s('192.168.1.1')], 'long'), 3232235777n);
  assert.equal(call('parse_ipv4', [s('192.168.1.1/24')], 'long'), 3232235776n);
  assert.equal(call('parse_ipv4', [s('255.255.255.255/31')], 'long'), 4294967294n);
  assert.equal(call('parse_ipv4', [s('127.0.0.1')], 'long'), 2130706433n);
  assert.equal(call('parse_ipv4', [s('256.0.0.1')], 'long'), null);
  assert.equal(call('parse_ipv4', [s('1.2.3')], 'long'), null);
  assert.equal(call('parse_ipv4', [s('1.2.3.4/33')], 'long'), null);
  assert.equal(call('parse_ipv4', [s(' 1.2.3.4')], 'long'), null, 'strict dotted decimal (our reading)');
  assert.equal(call('parse_ipv4_mask', [s('127.0.0.1'), l(24n)], 'long'), 2130706432n);
  assert.equal(call('parse_ipv4_mask', [s('192.1.168.2'), l(32n)], 'long'), 3221334018n);
  assert.equal(call('parse_ipv4_mask', [s('192.1.168.3/24'), l(32n)], 'long'), 3221334016n, 'the smaller prefix wins');
  assert.equal(call('parse_ipv4_mask', [s('1.2.3.4'), l(40n)], 'long'), null);
});

test('format_ipv4 / format_ipv4_mask: the doc table (format-ipv4-function, format-ipv4-mask-function)', () => {
  const rows: [string, bigint, string, string][] = [
    ['192.168.1.1', 24n, '192.168.1.0', '192.168.1.0/24'],
    ['192.168.1.1', 32n, '192.168.1.1', '192.168.1.1/32'],
    ['192.168.1.1/24', 32n, '192.168.1.0', '192.168.1.0/24'],
    ['192.168.1.1/24', -1n, '', ''],
  ];
  for (const [ip, m, r, rm] of rows) {
    assert.equal(call('format_ipv4', [s(ip), l(m)], 'string'), r);
    assert.equal(call('format_ipv4_mask', [s(ip), l(m)], 'string'), rm);
  }
  assert.equal(call('format_ipv4', [l(3232235777n)], 'string'), '192.168.1.1', 'number form');
  assert.equal(call('ipv4_netmask_suffix', [s('192.168.1.1/24')], 'int'), 24);
  assert.equal(call('ipv4_netmask_suffix', [s('192.168.1.1')], 'int'), 32);
  assert.equal(call('ipv4_netmask_suffix', [s('x')], 'int'), null);
});

test('ipv4_compare / ipv4_is_match: doc tables (ipv4-compare-function, ipv4-is-match-function)', () => {
  assert.equal(call('ipv4_compare', [s('192.168.1.0'), s('192.168.1.0')], 'long'), 0n);
  assert.equal(call('ipv4_compare', [s('192.168.1.1/24'), s('192.168.1.255')], 'long'), 0n);
  assert.equal(call('ipv4_compare', [s('192.168.1.1'), s('192.168.1.255/24')], 'long'), 0n);
  assert.equal(call('ipv4_compare', [s('192.168.1.1/30'), s('192.168.1.255/24')], 'long'), 0n);
  assert.equal(call('ipv4_compare', [s('192.168.1.1'), s('192.168.1.0'), l(31n)], 'long'), 0n);
  assert.equal(call('ipv4_compare', [s('192.168.1.1/24'), s('192.168.1.255'), l(31n)], 'long'), 0n);
  assert.equal(call('ipv4_compare', [s('192.168.1.1'), s('192.168.1.255'), l(24n)], 'long'), 0n);
  assert.equal(call('ipv4_compare', [s('192.168.1.1'), s('192.168.1.255')], 'long'), -1n);
  assert.equal(call('ipv4_compare', [s('192.168.1.10'), s('192.168.1.9')], 'long'), 1n);
  assert.equal(call('ipv4_compare', [s('x'), s('192.168.1.9')], 'long'), null);
  assert.equal(call('ipv4_is_match', [s('192.168.1.1/24'), s('192.168.1.255')]), true);
  assert.equal(call('ipv4_is_match', [s('192.168.1.1'), s('192.168.1.255'), l(24n)]), true);
  assert.equal(call('ipv4_is_match', [s('192.168.1.1'), s('192.168.1.255')]), false);
  assert.equal(call('ipv4_is_match', [s('192.168.1.1'), s('bad')]), null);
});

test('ipv4_is_in_range and ipv4_is_private: doc examples (ipv4-is-in-range-function, ipv4-is-private-function)', () => {
  assert.equal(call('ipv4_is_in_range', [s('192.168.1.1'), s('192.168.1.1')]), true);
  assert.equal(call('ipv4_is_in_range', [s('192.168.1.1'), s('192.168.1.255/24')]), true);
  assert.equal(call('ipv4_is_in_range', [s('192.168.2.1'), s('192.168.1.255/24')]), false);
  assert.equal(call('ipv4_is_in_range', [s('x'), s('192.168.1.255/24')]), null);
  assert.equal(call('ipv4_is_private', [s('10.1.2.3')]), true);
  assert.equal(call('ipv4_is_private', [s('192.168.1.1/24')]), true);
  assert.equal(call('ipv4_is_private', [s('127.0.0.1')]), false);
  assert.equal(call('ipv4_is_private', [s('172.16.0.1')]), true);
  assert.equal(call('ipv4_is_private', [s('172.32.0.1')]), false);
  assert.equal(call('ipv4_is_private', [s('10.1.2.3/4')]), false, 'a subnet wider than 10/8 (our choice)');
  assert.equal(call('ipv4_is_private', [s('not an ip')]), null);
});

test('has_ipv4 / has_ipv4_prefix: doc examples (has-ipv4-function, has-ipv4-prefix-function)', () => {
  assert.equal(call('has_ipv4', [s(LOG), s('127.0.0.1')]), true);
  assert.equal(call('has_ipv4', [s('05:04:54127.0.0.1 GET /favicon.ico 404'), s('127.0.0.1')]), false);
  assert.equal(call('has_ipv4', [s(LOG), s('127.0.0.256')]), false, 'invalid ip argument');
  assert.equal(call('has_ipv4', [s('05:04:54 127.0.0.256 GET'), s('127.0.0.25')]), false);
  assert.equal(call('has_ipv4', [s('These requests came from: 192.168.1.1, 10.1.1.115 and 10.1.1.201'), s('10.1.1.115')]), true);
  assert.equal(call('has_ipv4', [s('10.1.2.3'), s('1.2.3.4')]), false, 'unlike has (§3.3 last row)');
  assert.equal(call('has_ipv4_prefix', [s(LOG), s('127.0.')]), true);
  assert.equal(call('has_ipv4_prefix', [s(LOG), s('127.0')]), false);
  assert.equal(call('has_ipv4_prefix', [s('05:04:54 127.0.0.256 GET /favicon.ico 404'), s('127.0.')]), false);
  assert.equal(call('has_ipv4_prefix', [s('05:04:54127.0.0.1 GET /favicon.ico 404'), s('127.0.')]), false);
});

test('has_any_ipv4 / has_any_ipv4_prefix: doc examples (has-any-ipv4-function, has-any-ipv4-prefix-function)', () => {
  assert.equal(call('has_any_ipv4', [s(LOG), s('127.0.0.1'), s('127.0.0.2')]), true);
  assert.equal(call('has_any_ipv4', [s(LOG), dyn('["127.0.0.1", "127.0.0.2"]')]), true);
  assert.equal(call('has_any_ipv4', [s(LOG), s('127.0.0.256'), s('192.168.1.1')]), false);
  assert.equal(call('has_any_ipv4', [s('05:04:54127.0.0.1 GET /favicon.ico 404'), s('127.0.0.1'), s('192.168.1.1')]), false);
  assert.equal(call('has_any_ipv4_prefix', [s(LOG), s('127.0.'), s('192.168.')]), true);
  assert.equal(call('has_any_ipv4_prefix', [s(LOG), dyn('["127.0.", "192.168."]')]), true);
  assert.equal(call('has_any_ipv4_prefix', [s(LOG), s('127.0')]), false);
  assert.equal(call('has_any_ipv4_prefix', [s('05:04:54127.0.0.1 GET /favicon.ico 404'), s('127.0.'), s('192.')]), false);
});

test('ipv6_compare / ipv6_is_match: doc examples (ipv6-compare-function, ipv6-is-match-function)', () => {
  assert.equal(call('ipv6_compare', [s('::ffff:7f00:1'), s('127.0.0.1')], 'long'), 0n);
  assert.equal(call('ipv6_compare', [s('fe80::85d:e82c:9446:7994'), s('fe80::85d:e82c:9446:7995')], 'long'), -1n);
  assert.equal(call('ipv6_compare', [s('fe80::85d:e82c:9446:7994/127'), s('fe80::85d:e82c:9446:7995/127')], 'long'), 0n);
  assert.equal(call('ipv6_compare', [s('fe80::85d:e82c:9446:7994'), s('fe80::85d:e82c:9446:7995'), l(127n)], 'long'), 0n);
  assert.equal(call('ipv6_compare', [s('192.168.1.1/24'), s('192.168.1.255')], 'long'), 0n, 'IPv4 prefix n is 96+n');
  assert.equal(call('ipv6_is_match', [s('::ffff:7f00:1'), s('127.0.0.1')]), true);
  assert.equal(call('ipv6_is_match', [s('fe80::85d:e82c:9446:7994'), s('fe80::85d:e82c:9446:7995')]), false);
  assert.equal(call('ipv6_is_match', [s('fe80::85d:e82c:9446:7994/127'), s('fe80::85d:e82c:9446:7995/127')]), true);
  assert.equal(call('ipv6_is_match', [s('fe80::85d:e82c:9446:7994'), s('fe80::85d:e82c:9446:7995'), l(127n)]), true);
  assert.equal(call('ipv6_is_match', [s('::1'), s('x')]), null);
  assert.equal(parseIpv6Text('::ffff:127.0.0.1')?.address, parseIpv6Text('127.0.0.1')?.address);
  assert.equal(parseIpv6Text('1:2:3:4:5:6:7:8:9'), null);
  assert.equal(parseIpv6Text('1::2::3'), null);
});

test('parse_ipv6 / parse_ipv6_mask: doc examples (parse-ipv6-function, parse-ipv6-mask-function)', () => {
  assert.equal(call('parse_ipv6', [s('192.168.255.255')], 'string'), '0000:0000:0000:0000:0000:ffff:c0a8:ffff');
  assert.equal(call('parse_ipv6', [s('192.168.255.255/24')], 'string'), '0000:0000:0000:0000:0000:ffff:c0a8:ff00');
  assert.equal(call('parse_ipv6', [s('255.255.255.255')], 'string'), '0000:0000:0000:0000:0000:ffff:ffff:ffff');
  assert.equal(call('parse_ipv6', [s('127.0.0.1')], 'string'), '0000:0000:0000:0000:0000:ffff:7f00:0001');
  assert.equal(call('parse_ipv6', [s('fe80::85d:e82c:9446:7994')], 'string'), 'fe80:0000:0000:0000:085d:e82c:9446:7994');
  assert.equal(call('parse_ipv6', [s('nope')], 'string'), '', 'failure → empty string');
  // The netmask counts IPv6 bits even for IPv4 text; a /n suffix on IPv4 text counts IPv4 bits.
  assert.equal(call('parse_ipv6_mask', [s('192.168.255.255'), l(120n)], 'string'), '0000:0000:0000:0000:0000:ffff:c0a8:ff00');
  assert.equal(call('parse_ipv6_mask', [s('::192.168.255.255/24'), l(128n)], 'string'), '0000:0000:0000:0000:0000:ffff:c0a8:ff00');
  assert.equal(call('parse_ipv6_mask', [s('fe80::85d:e82c:9446:7994'), l(120n)], 'string'), 'fe80:0000:0000:0000:085d:e82c:9446:7900');
});

test('ipv4_is_in_any_range, ipv6_is_in_range, ipv6_is_in_any_range (their doc pages)', () => {
  assert.equal(call('ipv4_is_in_any_range', [s('192.168.1.6'), s('192.168.1.1/24'), s('10.0.0.1/8')]), true);
  assert.equal(call('ipv4_is_in_any_range', [s('192.168.1.6'), dyn('["10.0.0.1/8", "127.0.0.1/8"]')]), false);
  assert.equal(call('ipv4_is_in_any_range', [s('bad'), s('10.0.0.1/8')]), null);
  assert.equal(call('ipv4_is_in_any_range', [s('10.1.1.1'), s('bad'), s('10.0.0.1/8')]), null, 'an invalid range → null');
  assert.equal(call('ipv6_is_in_range', [s('a5e:f127:8a9d:146d:e102:b5d3:c755:f6cd'), s('a5e:f127:8a9d:146d:e102:b5d3:c755:f6cd/112')]), true);
  assert.equal(call('ipv6_is_in_range', [s('a5e:f127:8a9d:146d:e102:b5d3:c755:abcd'), s('a5e:f127:8a9d:146d:e102:b5d3:c755:f6cd/112')]), true);
  assert.equal(call('ipv6_is_in_range', [s('a5e:f127:8a9d:146d:e102:b5d3:c756:abcd'), s('a5e:f127:8a9d:146d:e102:b5d3:c755:f6cd/112')]), false);
  assert.equal(call('ipv6_is_in_any_range', [s('a5e:f127:8a9d:146d:e102:b5d3:c755:abcd'), s('a5e:f127:8a9d:146d:e102:b5d3:c755:f6cd/112'), s('::1')]), true);
});

test('network: documented choices', () => {
  assert.equal(call('ipv4_is_in_range', [s('192.168.1.0/16'), s('192.168.1.0/24')]), false, 'a wider subnet is not inside a narrower range');
  assert.equal(call('ipv4_is_in_range', [s('192.168.1.0/28'), s('192.168.1.0/24')]), true);
  assert.equal(call('has_ipv4', [s('connect from 10.0.0.1.'), s('10.0.0.1')]), true, 'a sentence-ending dot is not part of the address');
  assert.equal(call('has_ipv4', [s('v10.0.0.1'), s('10.0.0.1')]), false, 'a letter before the address');
  assert.equal(call('has_ipv4', [s('1.2.3.4.5'), s('1.2.3.4')]), false, 'five dotted numbers are no address');
});
