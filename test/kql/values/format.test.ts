import { test } from 'node:test';
import assert from 'node:assert/strict';
import { valueToJsonText, valueToString } from '../../../src/kql/values/format.ts';
import { formatReal } from '../../../src/kql/values/real.ts';
import { parseJson } from '../../../src/kql/values/dynamic.ts';
import { parseDatetime } from '../../../src/kql/values/datetime.ts';

test('reals print as .NET Core double.ToString() (shortest round-trip; E notation outside [1e-5, 1e15))', () => {
  assert.equal(formatReal(1.0), '1');
  assert.equal(formatReal(1.5), '1.5');
  assert.equal(formatReal(-123.45), '-123.45');
  assert.equal(formatReal(1e20), '1E+20');
  assert.equal(formatReal(1e15), '1E+15');
  assert.equal(formatReal(123456789012345), '123456789012345');
  assert.equal(formatReal(0.0001), '0.0001');
  assert.equal(formatReal(0.00001), '1E-05');
  assert.equal(formatReal(1.2345e-7), '1.2345E-07');
  assert.equal(formatReal(0.1 + 0.2), '0.30000000000000004');
  assert.equal(formatReal(1.7976931348623157e308), '1.7976931348623157E+308');
  assert.equal(formatReal(NaN), 'NaN');
  assert.equal(formatReal(Infinity), 'Infinity');
  assert.equal(formatReal(-Infinity), '-Infinity');
});

test('tostring of each type (tostring doc; kql-semantics.md §2.6)', () => {
  assert.equal(valueToString('long', 123n), '123');
  assert.equal(valueToString('int', -5), '-5');
  assert.equal(valueToString('long', null), '');
  assert.equal(valueToString('bool', true), 'true');
  assert.equal(valueToString('real', 2.0), '2');
  assert.equal(valueToString('datetime', parseDatetime('2020-01-01')), '2020-01-01T00:00:00.0000000Z');
  assert.equal(valueToString('timespan', 20_000_000n), '00:00:02');
  assert.equal(valueToString('decimal', '1.50'), '1.50');
  assert.equal(valueToString('guid', '74be27de-1e4e-49d9-b579-fe0b331d3642'), '74be27de-1e4e-49d9-b579-fe0b331d3642');
  // tostring(dynamic("abc")) is abc, without quotes; tostring(parse_json('{"b":"x"}').b) is x.
  assert.equal(valueToString('dynamic', 'abc'), 'abc');
  assert.equal(valueToString('dynamic', parseJson('{"a":1, "b": [1, "x"]}')!), '{"a":1,"b":[1,"x"]}');
  assert.equal(valueToString('dynamic', null), '');
});

test('JSON cells: exact longs, ISO datetimes ending in Z, NaN as a string, dynamic as itself', () => {
  assert.equal(valueToJsonText('long', 9223372036854775807n), '9223372036854775807');
  assert.equal(valueToJsonText('long', null), 'null');
  assert.equal(valueToJsonText('string', 'a"b'), '"a\\"b"');
  assert.equal(valueToJsonText('datetime', parseDatetime('2016-03-14 11:45')), '"2016-03-14T11:45:00Z"');
  assert.equal(valueToJsonText('timespan', 20_000_000n), '"00:00:02"');
  assert.equal(valueToJsonText('real', NaN), '"NaN"');
  assert.equal(valueToJsonText('real', -Infinity), '"-Infinity"');
  assert.equal(valueToJsonText('real', 0.5), '0.5');
  assert.equal(valueToJsonText('dynamic', parseJson('{"a":[1]}')!), '{"a":[1]}');
  assert.equal(valueToJsonText('dynamic', 'x'), '"x"');
  assert.equal(valueToJsonText('guid', '74be27de-1e4e-49d9-b579-fe0b331d3642'), '"74be27de-1e4e-49d9-b579-fe0b331d3642"');
});
