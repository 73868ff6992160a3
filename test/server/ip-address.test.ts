/**
 * One parser for addresses (src/server/ip-address.ts over src/kql/functions/network.ts): the
 * explorer's labels read addresses with the KQL engine's parsers, adding the stricter checks a
 * label needs. Each difference from Kusto's reading is tested here on both sides.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseIpv4Text, parseIpv6Text } from '../../src/kql/functions/network.ts';
import { addressText, parseAddress } from '../../src/server/ip-address.ts';

describe('parseAddress (the server) beside parseIpv4Text/parseIpv6Text (KQL)', () => {
  test('the same addresses where both read one', () => {
    assert.deepEqual(parseAddress('8.8.8.8'), { version: 4, value: parseIpv4Text('8.8.8.8')!.address });
    for (const text of ['2001:4860:4860::8888', '::ffff:8.8.8.8', '::', '::1', 'FE80::1', '1:2:3:4:5:6:7:8', '1:2:3:4:5:6:1.2.3.4']) {
      assert.deepEqual(parseAddress(text), { version: 6, value: parseIpv6Text(text)!.address }, text);
    }
  });

  test('leading zeros: KQL reads 010.1.1.1 as decimal 10 (our reading of its dotted-decimal rule); a label refuses it, since inet_aton reads it as octal 8', () => {
    assert.equal(parseIpv4Text('010.1.1.1')!.address, parseIpv4Text('10.1.1.1')!.address);
    assert.equal(parseAddress('010.1.1.1'), undefined);
    assert.equal(parseAddress('10.01.1.1'), undefined);
    assert.equal(parseAddress('::ffff:10.1.1.01'), undefined);
    assert.ok(parseIpv6Text('::ffff:10.1.1.01'));
    // Zero itself and zeros inside hex groups are fine.
    assert.deepEqual(parseAddress('0.0.0.0'), { version: 4, value: 0 });
    assert.deepEqual(parseAddress('2001:0db8::0001'), parseAddress('2001:db8::1'));
  });

  test('a zone id (RFC 4007 §11) is dropped by the server; KQL does not read it', () => {
    assert.equal(parseIpv6Text('fe80::1%eth0'), null);
    assert.deepEqual(parseAddress('fe80::1%eth0'), parseAddress('fe80::1'));
    assert.deepEqual(parseAddress('fe80::1%25'), parseAddress('fe80::1'));
    for (const bad of ['fe80::1%', 'fe80::1%a%b', '8.8.8.8%eth0', 'fe80::1%eth 0', `fe80::1%${'a'.repeat(33)}`]) assert.equal(parseAddress(bad), undefined, bad);
  });

  test('::a.b.c.d: KQL reads it as IPv4-mapped (parse_ipv6_mask doc example); the server as RFC 4291 §2.5.5.1 IPv4-compatible', () => {
    assert.equal(parseIpv6Text('::8.8.8.8')!.address, (0xffffn << 32n) | 0x08080808n);
    assert.deepEqual(parseAddress('::8.8.8.8'), { version: 6, value: 0x08080808n });
    assert.deepEqual(parseAddress('::8.8.8.8'), parseAddress('::808:808'));
    assert.equal(parseAddress('::8.8.8.256'), undefined);
  });

  test('a prefix is a network, not an address: KQL reads it, the server refuses it', () => {
    assert.equal(parseIpv4Text('8.8.8.0/24')!.prefix, 24);
    assert.equal(parseIpv6Text('2001:db8::/32')!.prefix, 32);
    assert.equal(parseAddress('8.8.8.0/24'), undefined);
    assert.equal(parseAddress('2001:db8::/32'), undefined);
  });

  test('addressText writes what MaxMind readers parse', () => {
    assert.equal(addressText(parseAddress('255.0.10.1')!), '255.0.10.1');
    assert.equal(addressText(parseAddress('2001:db8::1')!), '2001:db8:0:0:0:0:0:1');
  });
});
