/**
 * The per-query memory budget (docs/kql.md, "Limits"; learn.microsoft.com/kusto/concepts/query-limits):
 * every structure that grows with the data is charged, and past the budget the run stops with
 * Kusto's runaway-query error, naming what needed the memory, instead of growing until the
 * process dies. Each case is one that grew without bound before (a quadratic join, a huge
 * repeat(), ...), run at a budget of a few MiB.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileQuery, type RequestProperties } from '../../../src/kql/engine.ts';
import { RunawayQueryError } from '../../../src/kql/errors.ts';
import { BATCH_SIZE } from '../../../src/kql/exec/batches.ts';
import type { Batch } from '../../../src/kql/types.ts';
import { loadWorkspace } from '../../../src/detect/workspace.ts';

const MIB = 1024 * 1024;
const workspace = loadWorkspace({ noBuiltins: true });
const catalog = workspace.catalog(new Map());
const NOW = 638_000_000_000_000_000n;

function compiled(text: string) {
  return compileQuery(text, catalog);
}

async function run(text: string, properties: RequestProperties = { max_memory_consumption_per_query_per_node: 4 * MIB }): Promise<Batch> {
  return compiled(text).run({ now: NOW, tables: new Map(), properties });
}

/** The run fails with E_RUNAWAY_QUERY, naming `what`. */
async function runaway(text: string, what: string, properties?: RequestProperties): Promise<RunawayQueryError> {
  let error: unknown;
  await run(text, properties).then(
    () => assert.fail(`expected E_RUNAWAY_QUERY from: ${text}`),
    (e) => (error = e),
  );
  assert.ok(error instanceof RunawayQueryError, `${text}: ${String(error)}`);
  assert.equal(error.what, what, text);
  return error;
}

test("the error is Kusto's runaway-query message, with the budget that was exceeded (query-limits doc)", async () => {
  const e = await runaway('range x from 1 to 1000 step 1 | extend k = 1 | join kind=inner (range y from 1 to 1000 step 1 | extend k = 1) on k', 'HashJoin operator');
  assert.equal(
    e.message,
    'The HashJoin operator has exceeded the memory budget during evaluation. Results might be incorrect or incomplete (E_RUNAWAY_QUERY). ' +
      'Budget: max_memory_consumption_per_query_per_node = 4194304 bytes (4 MiB)',
  );
  assert.equal(e.kind, 'runtime');
});

test('a join whose keys all match (quadratic output) stops at the budget; a small one runs', async () => {
  await runaway('range x from 1 to 1000 step 1 | extend k = 1 | join kind=inner (range y from 1 to 1000 step 1 | extend k = 1) on k | count', 'HashJoin operator');
  await runaway('range x from 1 to 1000 step 1 | extend k = 1 | lookup (range y from 1 to 1000 step 1 | extend k = 1) on k | count', 'HashJoin operator');
  const ok = await run('range x from 1 to 100 step 1 | extend k = 1 | join kind=inner (range y from 1 to 100 step 1 | extend k = 1) on k | count');
  assert.equal(ok.columns[0]![0], 10000n);
});

test('summarize: its groups, and lists, sets, bags, distinct counts and percentiles that grow, are charged', async () => {
  await runaway('range x from 1 to 200000 step 1 | summarize count() by x', 'Summarize operator');
  await runaway('range x from 1 to 200000 step 1 | summarize make_list(x)', 'Summarize operator');
  await runaway('range x from 1 to 200000 step 1 | summarize make_list_if(strcat("k", x), x > 0)', 'Summarize operator');
  await runaway('range x from 1 to 200000 step 1 | summarize make_set(x)', 'Summarize operator');
  await runaway('range x from 1 to 200000 step 1 | summarize make_bag(bag_pack(tostring(x), x))', 'Summarize operator');
  await runaway('range x from 1 to 200000 step 1 | summarize dcount(x)', 'Summarize operator');
  await runaway('range x from 1 to 200000 step 1 | summarize percentile(x, 50)', 'Summarize operator');
  await runaway('range x from 1 to 200000 step 1 | summarize arg_max(x, *) by k = x % 100000', 'Summarize operator');
  await runaway('range x from 1 to 200000 step 1 | distinct x', 'Summarize operator');
  // A list of values that are themselves large (repeat() arrays): each element at its full size.
  await runaway('range x from 1 to 40000 step 1 | summarize make_list(repeat(x, 20))', 'Summarize operator');
  const ok = await run('range x from 1 to 1000 step 1 | summarize n = count(), l = make_list(x) by k = x % 10 | count');
  assert.equal(ok.columns[0]![0], 10n);
});

test('sort, top, top-nested and make-series hold their input: charged', async () => {
  await runaway('range x from 1 to 200000 step 1 | sort by x', 'Sort operator');
  await runaway('range x from 1 to 200000 step 1 | top 150000 by x', 'Top operator');
  await runaway('range x from 1 to 200000 step 1 | top-nested of x by count()', 'TopNested operator');
  await runaway('range x from 1 to 200000 step 1 | make-series c = count() on x step 1', 'MakeSeries operator');
  // top keeps only its N rows (and up to 65,536 buffered ones): a small N over a large input runs.
  const top = await run('range x from 1 to 300000 step 1 | top 3 by x', { max_memory_consumption_per_query_per_node: 16 * MIB });
  assert.deepEqual(top.columns[0], [300000n, 299999n, 299998n]);
});

test('a shared result (as, materialize, a let table used twice) and a subquery are held for the run: charged', async () => {
  await runaway('range x from 1 to 200000 step 1 | as T | count', 'ExecuteAndCache operator');
  await runaway('let T = materialize(range x from 1 to 200000 step 1); T | count', 'ExecuteAndCache operator');
  await runaway('let T = range x from 1 to 200000 step 1; union T, T | count', 'ExecuteAndCache operator');
  await runaway('print x = 1 | where x in ((range y from 1 to 200000 step 1))', 'ExecuteAndCache operator');
});

test('the result itself is charged (no truncation in run())', async () => {
  await runaway('range x from 1 to 200000 step 1', 'query result set');
});

test('mv-expand streams in batches of at most BATCH_SIZE rows; what holds its rows is charged', async () => {
  const q = compiled('print a = repeat(1, 20000) | mv-expand a');
  let rows = 0;
  for await (const b of q.stream({ now: NOW, tables: new Map(), properties: { max_memory_consumption_per_query_per_node: 4 * MIB } })) {
    assert.ok(b.length <= BATCH_SIZE, `a batch of ${b.length} rows`);
    rows += b.length;
  }
  assert.equal(rows, 20000);
  await runaway('print a = repeat(1, 100000) | mv-expand a | sort by tolong(a)', 'Sort operator');
  // Expanding a bag makes a new bag per property, before any row is emitted.
  await runaway('print b = 1 | extend b = bag_merge(bag_pack("k", 1), bag_pack("j", 2)) | mv-expand b', 'MvExpand operator', { max_memory_consumption_per_query_per_node: 100 });
  // mv-apply holds a row's table and its subquery's result (here a sort of the row's 100,000 values).
  await runaway('print x = 1 | mv-apply a = repeat(x, 100000) to typeof(long) on (sort by a)', 'MvApply operator');
});

test('bag_unpack without a schema holds its input and one column per property', async () => {
  await runaway('range x from 1 to 2000 step 1 | extend b = bag_pack(strcat("k", x), x) | evaluate bag_unpack(b)', 'BagUnpack operator');
});

test('activity_counts_metrics holds a window per group and time step', async () => {
  await runaway(
    'range x from 1 to 100000 step 1 | extend t = datetime(2024-01-01) + x * 1s, id = x, d = x | evaluate activity_counts_metrics(id, t, datetime(2024-01-01), datetime(2024-02-01), 1s, d)',
    'ActivityCountsMetrics operator',
  );
});

test('a function whose result is many times its arguments reserves it before making it', async () => {
  // repeat("a", 1e9) would be 8 GB of slots: refused at once, not attempted.
  await runaway('print repeat("a", 1000000000)', 'repeat() function');
  await runaway('print strrep(strrep("abcdefgh", 1000), 1000)', 'strrep() function');
  await runaway(
    'let s = strrep("x", 1000); print a = strcat(s, s, s, s, s, s, s, s) | extend b = strcat(a, a, a, a, a, a, a, a) | extend c = strcat(b, b, b, b, b, b, b, b) | extend d = strcat(c, c, c, c, c, c, c, c)',
    'strcat() function',
  );
  await runaway('let s = strrep("x", 1000); print strcat_delim(s, s, s, s, s, s, s, s, s, s, s, s, s, s, s, s, s, s, s, s)', 'strcat_delim() function', { max_memory_consumption_per_query_per_node: 32 * 1024 });
  const oneMiB = { max_memory_consumption_per_query_per_node: MIB };
  await runaway('print replace_string(strrep("a", 1000), "a", strrep("b", 1000))', 'replace_string() function', oneMiB);
  await runaway('print replace_strings(strrep("a", 1000), dynamic(["a"]), pack_array(strrep("b", 1000)))', 'replace_strings() function', oneMiB);
  // repeat() of a string charges each copy at its full size (Kusto's values do not share).
  await runaway('print strcat_array(repeat(strrep("x", 1000), 1000), "")', 'repeat() function', oneMiB);
  await runaway('print strcat_array(repeat(strrep("x", 1000), 400), "")', 'strcat_array() function', oneMiB);
  // Nesting the same value: its full size (as Kusto holds it) is what is charged, not the pointers.
  await runaway(
    'print a = repeat(1, 1000) | extend b = pack_array(a, a, a, a, a, a, a, a) | extend c = pack_array(b, b, b, b, b, b, b, b) | extend d = pack_array(c, c, c, c, c, c, c, c)',
    'pack_array() function',
  );
  await runaway('print a = repeat(1, 1000) | extend b = array_concat(a, a, a, a, a, a, a, a) | extend c = array_concat(b, b, b, b, b, b, b, b) | extend d = array_concat(c, c, c, c, c, c, c, c)', 'array_concat() function');
  await runaway('print a = repeat(1, 100000) | extend z = zip(a, a, a, a)', 'zip() function');
  // Small values are not charged, and fit.
  const ok = await run('print s = strcat("a", "b"), r = array_length(repeat(1, 10)), p = strrep("ab", 3)');
  assert.deepEqual([ok.columns[0]![0], ok.columns[1]![0], ok.columns[2]![0]], ['ab', 10n, 'ababab']);
});

test('values made by functions for a batch are freed with it: a long stream of them runs', async () => {
  // 200,000 strings of 5,000 characters: 2 GB in all, 40 MB a batch at a time.
  const r = await run('range x from 1 to 200000 step 1 | extend s = strrep("abcde", 1000) | where strlen(s) == 5000 | count', { max_memory_consumption_per_query_per_node: 64 * MIB });
  assert.equal(r.columns[0]![0], 200000n);
});

test('a string longer than V8 can hold is refused, not attempted', async () => {
  await assert.rejects(
    run('print strrep(strrep(strrep("abcdefgh", 1024), 1024), 100)', { max_memory_consumption_per_query_per_node: 1e15 }),
    /strrep\(\): the result would have 838860800 characters, more than a string can hold/,
  );
});

test('per-operator limit: maxmemoryconsumptionperiterator (query-limits doc), named in the error', async () => {
  const e = await runaway('set maxmemoryconsumptionperiterator = 1000000; range x from 1 to 100000 step 1 | summarize make_list(x)', 'Summarize operator', {});
  assert.match(e.message, /Budget: maxmemoryconsumptionperiterator = 1000000 bytes/);
});

test('max_memory_consumption_per_query_per_node set by the query and by the client: the lower applies (query-limits doc)', async () => {
  const q = 'set max_memory_consumption_per_query_per_node = 1048576; range x from 1 to 100000 step 1 | summarize make_list(x)';
  const e = await runaway(q, 'Summarize operator', { max_memory_consumption_per_query_per_node: 64 * MIB });
  assert.match(e.message, /= 1048576 bytes/);
  // A query cannot raise the client's budget.
  const f = await runaway('set max_memory_consumption_per_query_per_node = 1073741824; range x from 1 to 200000 step 1 | summarize make_list(x)', 'Summarize operator');
  assert.match(f.message, /= 4194304 bytes/);
});

test('without a budget anywhere, a run gets the default: half of the smaller of the V8 heap limit and the memory', async () => {
  const { defaultMaxMemory } = await import('../../../src/kql/exec/memory.ts');
  const { getHeapStatistics } = await import('node:v8');
  const { totalmem } = await import('node:os');
  assert.ok(defaultMaxMemory() <= getHeapStatistics().heap_size_limit / 2);
  assert.ok(defaultMaxMemory() <= totalmem() / 2);
  const e = await runaway('print repeat(1, 2000000000)', 'repeat() function', {});
  assert.match(e.message, new RegExp(`= ${defaultMaxMemory()} bytes`));
});

test('found by fuzzing: a large join result goes on in batches, so a per-row expression after it runs a batch at a time and take stops it early', async () => {
  // 80,000 pairs, each with a 3,000-character url_encode: 480 MB of strings if evaluated at once.
  const q = 'range n from 1 to 20000 step 1 | extend k = 1 | join kind=inner (range a from 1 to 4 step 1 | extend k = 1) on k | extend x = url_encode(strrep("\\\\", 1000)) | take 10 | summarize count(), l = max(strlen(x))';
  const r = await run(q, { max_memory_consumption_per_query_per_node: 64 * MIB });
  assert.deepEqual([r.columns[0]![0], r.columns[1]![0]], [10n, 3000n]);
});

test('found by fuzzing: parse_json of a 10,000-deep array on every row is charged at its real size and stops at the budget', async () => {
  const deep = `${'['.repeat(10_000)}1${']'.repeat(10_000)}`;
  await runaway(`range n from 1 to 2000 step 1 | extend y = parse_json("${deep}") | summarize make_list(y)`, 'parse_json() function', { max_memory_consumption_per_query_per_node: 64 * MIB });
});

test('range() arrays are charged: many rows of them stop at the budget (an out-of-memory abort before; fuzz seed 705348777), one fits', async () => {
  // range-function doc: at most 1,048,576 elements a call, but a call a row has no bound
  const e = await runaway('range n from 1 to 1000 step 1 | extend x = range(1, 9223372036854775807) | count', 'range() function');
  assert.match(e.message, /^The range\(\) function has exceeded the memory budget/);
  await runaway('range n from 1 to 1000 step 1 | extend x = range(datetime(2020-01-01), datetime(2120-01-01), 1h) | count', 'range() function');
  await runaway('range n from 1 to 1000 step 1 | extend x = range(0.5, 1e300, 1.0) | count', 'range() function');
  const ok = await run('print x = range(1, 1000)', { max_memory_consumption_per_query_per_node: 4 * MIB });
  assert.equal((ok.columns[0]![0] as unknown[]).length, 1000);
});
