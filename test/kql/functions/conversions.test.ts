import { test } from 'node:test';
import assert from 'node:assert/strict';
import { call } from './helpers.ts';
import { parseDatetime } from '../../../src/kql/values/datetime.ts';
import { parseJson } from '../../../src/kql/values/dynamic.ts';
import { DynInt } from '../../../src/kql/types.ts';

test('tostring: null -> "", numbers, dynamic strings unquoted (tostring doc, kql-semantics.md §2.6)', () => {
  assert.equal(call('tostring', ['long'], 'string', [123n]), '123');
  assert.equal(call('tostring', ['long'], 'string', [null]), '');
  assert.equal(call('tostring', ['dynamic'], 'string', ['abc']), 'abc');
  assert.equal(call('tostring', ['datetime'], 'string', [parseDatetime('2020-01-01')]), '2020-01-01T00:00:00.0000000Z');
  assert.equal(call('tostring', ['dynamic'], 'string', [parseJson('{"a":123}')!]), '{"a":123}');
});

test('toint: toint("123") == 123, toint(2.3) == 2, failure -> null (toint doc)', () => {
  assert.equal(call('toint', ['string'], 'int', ['123']), 123);
  assert.equal(call('toint', ['real'], 'int', [2.3]), 2);
  assert.equal(call('toint', ['real'], 'int', [-2.7]), -2);
  assert.equal(call('toint', ['string'], 'int', ['abc']), null);
  assert.equal(call('toint', ['long'], 'int', [2n ** 40n]), null);
  assert.equal(call('toint', ['dynamic'], 'int', [new DynInt(7)]), 7);
});

test('tolong: tolong("not a number") is null; timespans give ticks (tolong doc, coalesce doc example)', () => {
  assert.equal(call('tolong', ['string'], 'long', ['not a number']), null);
  assert.equal(call('tolong', ['string'], 'long', ['42']), 42n);
  assert.equal(call('tolong', ['string'], 'long', ['9223372036854775807']), 9223372036854775807n);
  assert.equal(call('tolong', ['timespan'], 'long', [864000000000n]), 864000000000n);
  assert.equal(call('tolong', ['dynamic'], 'long', ['12']), 12n);
});

test('toreal / todouble: toreal("123.4") = 123.4, failure -> null (toreal doc)', () => {
  assert.equal(call('toreal', ['string'], 'real', ['123.4']), 123.4);
  assert.equal(call('todouble', ['long'], 'real', [5n]), 5);
  assert.equal(call('toreal', ['string'], 'real', ['x']), null);
  assert.ok(Number.isNaN(call('toreal', ['string'], 'real', ['NaN']) as number));
});

test('tobool: "true"/"false", tobool(1) and tobool(123) are true (tobool doc)', () => {
  assert.equal(call('tobool', ['string'], 'bool', ['true']), true);
  assert.equal(call('tobool', ['string'], 'bool', ['false']), false);
  assert.equal(call('tobool', ['long'], 'bool', [1n]), true);
  assert.equal(call('toboolean', ['long'], 'bool', [123n]), true);
  assert.equal(call('tobool', ['long'], 'bool', [0n]), false);
  assert.equal(call('tobool', ['string'], 'bool', ['yes']), null);
});

test('toguid and todecimal', () => {
  assert.equal(call('toguid', ['string'], 'guid', ['74BE27DE-1E4E-49D9-B579-FE0B331D3642']), '74be27de-1e4e-49d9-b579-fe0b331d3642');
  assert.equal(call('toguid', ['string'], 'guid', ['74be27de1e4e49d9b579fe0b331d3642']), '74be27de-1e4e-49d9-b579-fe0b331d3642');
  assert.equal(call('toguid', ['string'], 'guid', ['nope']), null);
  assert.equal(call('todecimal', ['string'], 'decimal', ['1.50']), '1.50');
  assert.equal(call('todecimal', ['long'], 'decimal', [3n]), '3');
  assert.equal(call('todecimal', ['string'], 'decimal', ['x']), null);
});

test('parse_json: JSON text parsed, non-JSON kept as a dynamic string, "" is null (parse-json doc, isnull doc)', () => {
  const d = call('parse_json', ['string'], 'dynamic', ['{"a":123}']) as Map<string, unknown>;
  assert.deepEqual(d.get('a'), new DynInt(123));
  assert.equal(call('todynamic', ['string'], 'dynamic', ['abc']), 'abc');
  assert.equal(call('parsejson', ['string'], 'dynamic', ['']), null);
  assert.deepEqual(call('todynamic', ['dynamic'], 'dynamic', [[1n]]), [1n]);
});

test('gettype examples (gettype doc)', () => {
  assert.equal(call('gettype', ['string'], 'string', ['a']), 'string');
  assert.equal(call('gettype', ['long'], 'string', [111n]), 'long');
  assert.equal(call('gettype', ['bool'], 'string', [true]), 'bool');
  assert.equal(call('gettype', ['timespan'], 'string', [1n]), 'timespan');
  assert.equal(call('gettype', ['real'], 'string', [123.45]), 'real');
  assert.equal(call('gettype', ['dynamic'], 'string', [call('parse_json', ['string'], 'dynamic', ['1'])]), 'int');
  assert.equal(call('gettype', ['dynamic'], 'string', [call('parse_json', ['string'], 'dynamic', [' {"abc":1} '])]), 'dictionary');
  assert.equal(call('gettype', ['dynamic'], 'string', [call('parse_json', ['string'], 'dynamic', [' [1, 2, 3] '])]), 'array');
  assert.equal(call('gettype', ['dynamic'], 'string', [call('parse_json', ['string'], 'dynamic', [''])]), 'null');
});
