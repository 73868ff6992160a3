/** columnSpanPlan (src/kql/plan/column-span.ts): the plan the binder makes of `T | summarize min(c), max(c)`, built without it. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compiledFromPlan, compileQuery, type CatalogSchema } from '../../../src/kql/engine.ts';
import { encodeValue } from '../../../src/kql/cache/plan-codec.ts';
import { MemoryTable } from '../../../src/kql/file-table.ts';
import { columnSpanPlan } from '../../../src/kql/plan/column-span.ts';
import type { Plan } from '../../../src/kql/plan/plan.ts';
import type { Schema } from '../../../src/kql/types.ts';

const T: Schema = [{ name: 'x', type: 'long' }, { name: 'TimeGenerated', type: 'datetime' }];
const CATALOG: CatalogSchema = { tables: [{ name: 'T', schema: T }], functions: [], watchlistFields: [] };
const withoutSpans = (p: Plan) => encodeValue(JSON.parse(JSON.stringify(p, (k, v) => (k === 'span' ? undefined : typeof v === 'bigint' ? String(v) : v)))).toString('base64');

test('the same plan as the binder\'s, and the same answer; nulls are skipped, no rows give nulls', async () => {
  const bound = compileQuery('T | summarize min(TimeGenerated), max(TimeGenerated)', CATALOG).plan;
  const built = columnSpanPlan('T', T, 'TimeGenerated')!;
  assert.equal(withoutSpans(built), withoutSpans(bound));
  const run = async (rows: unknown[][]) => {
    const r = await compiledFromPlan('', built).run({ now: 0n, tables: new Map([['T', MemoryTable.fromRows(T, rows as never)]]) });
    return r.columns.map((c) => c[0]);
  };
  assert.deepEqual(await run([[1n, 30n], [2n, null], [3n, 10n], [4n, 20n]]), [10n, 30n]);
  assert.deepEqual(await run([[1n, null]]), [null, null]);
  assert.deepEqual(await run([]), [null, null]);
});

test('a table without a datetime column of that name has no span plan', () => {
  assert.equal(columnSpanPlan('T', T, 'x'), undefined);
  assert.equal(columnSpanPlan('T', T, 'Nope'), undefined);
});
