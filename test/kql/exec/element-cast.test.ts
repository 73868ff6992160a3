/**
 * `mv-expand ... to typeof(T)` and `mv-apply ... to typeof(T)` (src/kql/exec/ops/element-cast.ts).
 * learn.microsoft.com/kusto/query/mv-expand-operator: "The operation of applying type is
 * cast-only and doesn't include parsing or type-conversion. Array elements that don't conform
 * with the declared type become null values"; the column takes the declared type.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runQuery } from '../../helpers/run-query.ts';
import { ticks } from '../../helpers/cloudtrail-rows.ts';
import { formatResult } from '../../../src/kql/result-format.ts';
import type { Value } from '../../../src/kql/types.ts';

async function expand(array: string, type: string): Promise<{ type: string; values: Value[] }> {
  const r = await runQuery(`print a=dynamic(${array}) | mv-expand a to typeof(${type})`);
  return { type: r.result.schema[0]!.type, values: r.rows.map((row) => row.a!) };
}

test('to typeof(long): numbers are cast, a string is not parsed, other kinds are null', async () => {
  const r = await expand('[1, "2", 2.5, -2.5, true, null, 9007199254740993]', 'long');
  assert.equal(r.type, 'long');
  assert.deepEqual(r.values, [1n, null, 2n, -2n, null, null, 9007199254740993n]);
});

test('to typeof(long): the column compares as a long (`where a > 1` keeps 2)', async () => {
  const r = await runQuery('print a=dynamic([1, 2]) | mv-expand a to typeof(long) | where a > 1 | extend t = gettype(a)');
  assert.deepEqual(r.rows, [{ a: 2n, t: 'long' }]);
});

test('to typeof(int): out of the 32-bit range is null', async () => {
  const r = await expand('[7, 3000000000, 1.9]', 'int');
  assert.deepEqual(r, { type: 'int', values: [7, null, 1] });
});

test('to typeof(double) / real: long counts become reals (make_list of dcount, as the S3 BEC rule does)', async () => {
  const r = await runQuery(`range x from 1 to 3 step 1 | summarize CountOfDocs = make_list(x * 2)
    | mv-expand CountOfDocs to typeof(double) | extend t = gettype(CountOfDocs)`);
  assert.equal(r.result.schema[0]!.type, 'real');
  assert.deepEqual(r.rows, [{ CountOfDocs: 2, t: 'real' }, { CountOfDocs: 4, t: 'real' }, { CountOfDocs: 6, t: 'real' }]);
  // The formatters print the column (they crashed when its values were still dynamic).
  assert.equal(formatResult(r.result, 'json'), '{"columns":[{"name":"CountOfDocs","type":"real"},{"name":"t","type":"string"}],"rows":[[2,"real"],[4,"real"],[6,"real"]]}\n');
  assert.match(formatResult(r.result, 'table'), /^CountOfDocs\s+t\n/);
  assert.deepEqual((await expand('["1.5", 1.5]', 'real')).values, [null, 1.5]);
});

test('to typeof(datetime): datetimes kept by make_list are datetimes; a string is not parsed', async () => {
  const r = await runQuery(`datatable(T: datetime)[datetime(2024-05-01 10:00), datetime(2024-05-02)]
    | summarize TimeStamp = make_list(T) | mv-expand TimeStamp to typeof(datetime) | where TimeStamp > datetime(2024-05-01 12:00)`);
  assert.equal(r.result.schema[0]!.type, 'datetime');
  assert.deepEqual(r.rows, [{ TimeStamp: ticks('2024-05-02T00:00:00Z') }]);
  assert.match(formatResult(r.result, 'table'), /2024-05-02T00:00:00.0000000Z/);
  assert.deepEqual((await expand('["2024-05-01T00:00:00Z"]', 'datetime')).values, [null]);
});

test('to typeof(string): strings as they are, other values in their text form', async () => {
  const r = await expand('["a", 1, 2.5, true, [1, "x"], null]', 'string');
  assert.deepEqual(r, { type: 'string', values: ['a', '1', '2.5', 'true', '[1,"x"]', ''] });
});

test('to typeof(bool), typeof(timespan), typeof(guid), typeof(decimal): only values of that kind (decimal: numbers)', async () => {
  assert.deepEqual((await expand('[true, "true", 1]', 'bool')).values, [true, null, null]);
  assert.deepEqual((await runQuery('print a=pack_array(5m, "00:05:00") | mv-expand a to typeof(timespan)')).rows.map((x) => x.a), [3_000_000_000n, null]);
  assert.deepEqual(
    (await runQuery('print a=pack_array(guid(74be27de-1e4e-49d9-b579-fe0b331d3642), "74be27de-1e4e-49d9-b579-fe0b331d3642") | mv-expand a to typeof(guid)')).rows.map((x) => x.a),
    ['74be27de-1e4e-49d9-b579-fe0b331d3642', null],
  );
  assert.deepEqual((await expand('[1, 2.5, "3"]', 'decimal')).values, ['1', '2.5', null]);
});

test('mv-apply ... to typeof(long) casts the same way (mv-apply-operator doc: non-conforming elements are null)', async () => {
  const r = await runQuery('print Arr=dynamic([1, "2", 3.7]) | mv-apply x=Arr to typeof(long) on (summarize s = sum(x), n = countif(isnull(x)))');
  assert.deepEqual(r.rows.map((x) => [x.s, x.n]), [[4n, 1n]]);
});
