/** Arguments of user-defined and stored functions. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileQuery } from '../../../src/kql/engine.ts';

const run = async (text: string, functions: { name: string; parameters: string; body: string }[] = []) => {
  const q = compileQuery(text, { tables: [], functions, watchlistFields: [] });
  const r = await q.run({ now: 0n, tables: new Map() });
  return r.columns.map((c) => c[0]);
};

test('a named argument binds to the parameter of that name, whatever its position (user-defined functions doc: "invoking a function", named arguments)', async () => {
  assert.deepEqual(await run('let f = (a:long = 1, b:long = 2) { print a, b }; f(b = 5)'), [1n, 5n]);
  assert.deepEqual(await run('let f = (a:long = 1, b:long = 2, c:long = 3) { print a, b, c }; f(7, c = 9)'), [7n, 2n, 9n]);
});

test('defaults of a stored function are typed by their declared parameter type', async () => {
  const f = { name: 'F', parameters: "(t:datetime = datetime(null), s:string = '*', d:dynamic = dynamic([]), n:long = 4)", body: '{ print isnull(t), s, array_length(d), n }' };
  assert.deepEqual(await run('F()', [f]), [true, '*', 0n, 4n]);
  assert.deepEqual(await run('F(n = 8, s = "x")', [f]), [true, 'x', 0n, 8n]);
});
