/**
 * The explorer grid's sort (src/server/explorer/sort-order.js) gives the order of trailhound's
 * own `sort by` (src/kql/exec/ops/sort.ts): for each type, the same values are sorted by the
 * engine and, as the v2 response carries them (src/server/kusto-values.ts), by the grid's code;
 * the orders must be equal, ascending and descending, nulls, NaN, empty strings and ties
 * included. Null placement and NaN: the sort-operator doc (learn.microsoft.com/kusto/query/sort-operator,
 * "null, NaN, -inf, -5, 0, 5, +inf"); strings ordinal by UTF-16 code unit (docs/kql.md).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { runQuery } from '../helpers/run-query.ts';
import { v2Cell } from '../../src/server/kusto-values.ts';
import type { ScalarType, Value } from '../../src/kql/types.ts';
import { compareValues } from '../../src/kql/values/compare.ts';
// @ts-expect-error: a plain browser ES module without types
import { sortPositions } from '../../src/server/explorer/sort-order.js';

const CASES: Array<[ScalarType, string[]]> = [
  // '😀' is a surrogate pair (U+D83D ...), so it sorts before U+FB00 'ﬀ' by code unit but after it by code point.
  ['string', ['"b"', '""', '"B"', '"a"', '"ä"', '"😀"', '"ﬀ"', '"a "', '"10"', '"9"', '""', '"a"']],
  ['real', ['real(null)', '5.0', 'real(nan)', '-5.0', 'real(+inf)', '0.0', 'real(-inf)', '2.5', 'real(null)', 'real(nan)', '-0.0', '5.0']],
  ['int', ['int(null)', 'int(3)', 'int(-3)', 'int(0)', 'int(null)', 'int(3)']],
  ['long', ['long(null)', '123456789012', '-1', '0', 'long(null)', '-123456789012', '0']],
  ['decimal', ['decimal(null)', 'decimal(1.10)', 'decimal(1.1)', 'decimal(-0.5)', 'decimal(12345678901234567890.123)', 'decimal(12345678901234567890.124)', 'decimal(0)', 'decimal(-12.25)']],
  ['datetime', ['datetime(null)', 'datetime(2024-01-01T00:00:00.0000002Z)', 'datetime(2024-01-01T00:00:00.0000001Z)', 'datetime(0001-01-01)', 'datetime(9999-12-31T23:59:59.9999999Z)', 'datetime(2024-01-01)', 'datetime(null)', 'datetime(1970-01-01)']],
  ['timespan', ['time(null)', '1d', '-1s', 'time(00:00:00.0000002)', 'time(00:00:00.0000001)', 'time(10675199.02:48:05.4775807)', '0s', '-1d', 'time(null)']],
  ['bool', ['bool(null)', 'true', 'false', 'true', 'bool(null)', 'false']],
  ['guid', ['guid(null)', 'guid(b0000000-0000-0000-0000-000000000000)', 'guid(0000000a-0000-0000-0000-000000000000)', 'guid(a0000000-0000-0000-0000-000000000001)', 'guid(a0000000-0000-0000-0000-000000000000)']],
];

/** `sort by` refuses dynamic ("not allowed in this context", as Kusto's parser says); the grid orders it as the engine compares dynamic values. */
const DYNAMIC: Array<[ScalarType, string[]]> = [
  ['dynamic', ['dynamic(null)', 'dynamic(2)', 'dynamic("b")', 'dynamic(1.5)', 'dynamic("")', 'dynamic([2,1])', 'dynamic({"b":1,"a":[true]})', 'dynamic(true)', 'dynamic([1,2])', 'dynamic(-1)', 'dynamic(null)', 'dynamic({"a":"x"})', 'dynamic("A")']],
];

describe('the grid sorts as the server sorts', () => {
  for (const [type, values] of CASES) {
    test(type, { timeout: 60_000 }, async () => {
      const table = `datatable(i:long, c:${type}) [${values.map((v, i) => `${i}, ${v}`).join(', ')}]`;
      const input = await runQuery(table);
      const wire = input.rows.map((r) => JSON.parse(v2Cell(type, r.c!)));
      for (const direction of ['asc', 'desc'] as const) {
        const engine = (await runQuery(`${table} | sort by c ${direction}`)).rows.map((r) => Number(r.i));
        const grid = sortPositions(wire.map((_, i) => i), wire, type, direction === 'desc');
        assert.deepEqual(grid, engine, `${type} ${direction}: ${JSON.stringify(wire)}`);
      }
    });
  }

  test('dynamic: as the engine compares dynamic values (compareValues), nulls as sort places them', { timeout: 60_000 }, async () => {
    const [[type, values]] = DYNAMIC as [[ScalarType, string[]]];
    const table = `datatable(i:long, c:${type}) [${values.map((v, i) => `${i}, ${v}`).join(', ')}]`;
    const input = await runQuery(table);
    await assert.rejects(runQuery(`${table} | sort by c`), /dynamic' is not allowed/);
    const cmp = compareValues('dynamic');
    const cells = input.rows.map((r) => r.c as Value);
    const wire = cells.map((v) => JSON.parse(v2Cell(type, v)));
    for (const descending of [false, true]) {
      const expected = cells.map((_, i) => i).sort((a, b) => {
        const [x, y] = [cells[a]!, cells[b]!];
        if (x === null || y === null) return x === y ? 0 : (x === null) === !descending ? -1 : 1;
        return descending ? -cmp(x, y) : cmp(x, y);
      });
      assert.deepEqual(sortPositions(wire.map((_, i) => i), wire, type, descending), expected, `descending ${descending}`);
    }
  });

  test('a deeply nested dynamic value is ordered without recursion', { timeout: 60_000 }, () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const values = [deep, [0], 'x', 2];
    assert.deepEqual(sortPositions([0, 1, 2, 3], values, 'dynamic', false), [3, 2, 1, 0]);
  });
});
