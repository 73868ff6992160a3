// The conformance harness itself: its comparisons must be able to fail.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cellMismatch, isoTicks, parseDocTable, runDoc, tableMismatches, timespanTicks } from './harness.ts';

test('harness: doc texts of each type are parsed independently of the engine', () => {
  assert.equal(isoTicks('2017-01-01 00:00:00.0000000'), isoTicks('2017-01-01T00:00:00Z'));
  assert.equal(isoTicks('2017-01-01T00:00:00.0000001Z') - isoTicks('2017-01-01'), 1n);
  assert.equal(isoTicks('0001-01-01'), 0n);
  assert.equal(timespanTicks('1.02:03:04.5'), ((26n * 60n + 3n) * 60n + 4n) * 10_000_000n + 5_000_000n);
  assert.equal(timespanTicks('-00:00:01'), -10_000_000n);
  assert.throws(() => timespanTicks('14:00:00:00'));
});

test('harness: cells match by type and mismatches are reported', () => {
  assert.equal(cellMismatch('long', '1750', '1,750'), undefined);
  assert.notEqual(cellMismatch('long', '1751', '1,750'), undefined);
  assert.equal(cellMismatch('real', '0.3333333333333333', '0.333333333333333'), undefined, 'a rounded display');
  assert.notEqual(cellMismatch('real', '1.4', '1'), undefined, 'a short display must be exact');
  assert.notEqual(cellMismatch('real', '0.3334', '0.333333333333333'), undefined);
  assert.equal(cellMismatch('datetime', '"2016-03-14T11:45:00Z"', '2016-03-14 11:45:00.0000000'), undefined);
  assert.notEqual(cellMismatch('datetime', '"2016-03-14T11:45:00.0000001Z"', '2016-03-14 11:45:00.0000000'), undefined);
  assert.equal(cellMismatch('timespan', '"14.00:00:00"', '14.00:00:00'), undefined);
  assert.notEqual(cellMismatch('timespan', '"14.00:00:00"', '14:00:00:00'), undefined, 'an unparsable doc cell is a mismatch');
  assert.equal(cellMismatch('string', '""', ''), undefined);
  assert.notEqual(cellMismatch('string', '"a"', 'A'), undefined);
  assert.equal(cellMismatch('string', '"x, "', 'x,'), undefined, 'markdown cannot show edge whitespace');
  assert.equal(cellMismatch('int', 'null', '(null)'), undefined);
  assert.notEqual(cellMismatch('int', '0', ''), undefined, 'an empty cell is null, not 0');
  assert.equal(cellMismatch('bool', 'true', 'True'), undefined);
  assert.equal(cellMismatch('dynamic', '{"a":1,"b":[1,"x"]}', '{"a": 1, "b": [1, "x"]}'), undefined);
  assert.notEqual(cellMismatch('dynamic', '{"b":1,"a":2}', '{"a":2,"b":1}'), undefined, 'bag key order counts');
  assert.equal(cellMismatch('dynamic', '{"b":1,"a":2}', '{"a":2,"b":1}', true), undefined);
  assert.notEqual(cellMismatch('dynamic', '[1,2]', '[2,1]', true), undefined, 'array order always counts');
  assert.notEqual(cellMismatch('dynamic', '{"1":1,"0":2}', '{"0":2,"1":1}'), undefined, 'integer-like keys keep their order');
  assert.equal(cellMismatch('dynamic', '[32.666666666666664,1]', '[32.667,1.0]'), undefined, 'a rounded display inside a dynamic value');
  assert.notEqual(cellMismatch('dynamic', '[32.67]', '[32.667]'), undefined);
  assert.notEqual(cellMismatch('dynamic', '[1.4]', '[1]'), undefined, 'a short display inside a dynamic value must be exact');
  assert.equal(cellMismatch('dynamic', '{"a":"1.5"}', '{"a": "1.5"}'), undefined, 'numbers inside strings stay strings');
  assert.notEqual(cellMismatch('dynamic', '{"a":1.5}', '{"a": "1.5"}'), undefined);
});

test('harness: tables compare names, types, row count and order', async () => {
  const r = await runDoc('datatable(a:long, b:string)[1, "x", 2, "y"]');
  const doc = parseDocTable('|a|`b`|\n|--|--|\n|1|x|\n|2|y|');
  assert.deepEqual(tableMismatches(r, doc, {}), []);
  assert.deepEqual(tableMismatches(r, doc, { types: { a: 'long' } }), []);
  assert.equal(tableMismatches(r, doc, { types: { a: 'int' } }).length, 1);
  const swapped = parseDocTable('|a|b|\n|--|--|\n|2|y|\n|1|x|');
  assert.notDeepEqual(tableMismatches(r, swapped, {}), []);
  assert.deepEqual(tableMismatches(r, swapped, { anyRowOrder: 'test' }), []);
  assert.notDeepEqual(tableMismatches(r, parseDocTable('|a|c|\n|--|--|\n|1|x|\n|2|y|'), {}), []);
  assert.notDeepEqual(tableMismatches(r, parseDocTable('|a|b|\n|--|--|\n|1|x|'), {}), []);
  assert.notDeepEqual(tableMismatches(r, parseDocTable('|a|b|\n|--|--|\n|1|x|\n|1|x|'), { anyRowOrder: 'test' }), [], 'a multiset, not a set');
});
