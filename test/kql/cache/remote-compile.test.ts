/**
 * Compiling in another process (src/kql/cache/remote-compile.ts, src/cli/compile-child.ts): a real
 * child answers (answer-child.ts, what the startup snapshot runs), and what comes back is exactly
 * the in-process compile: the same plan, the same warnings, the same binder errors. Any other
 * outcome compiles in this process, which then reports its own error as before.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileAllElsewhere, compileElsewhere, type CompileChild } from '../../../src/cli/compile-child.ts';
import { encodeValue } from '../../../src/kql/cache/plan-codec.ts';
import { answerRequest, encodeBatch, encodeRequest, readAnswer, splitBatchAnswer } from '../../../src/kql/cache/remote-compile.ts';
import { compileQuery, type CatalogSchema } from '../../../src/kql/engine.ts';
import { KqlError } from '../../../src/kql/errors.ts';
import { DiagnosticsError } from '../../../src/kql/syntax/analyze.ts';

const CHILD: CompileChild = { command: process.execPath, args: ['--import', 'tsx', new URL('./answer-child.ts', import.meta.url).pathname] };

const CATALOG: CatalogSchema = {
  tables: [
    { name: 'T', schema: [{ name: 'a', type: 'long' }, { name: 's', type: 'string' }] },
    { name: 'T2', schema: [{ name: 'a', type: 'long' }, { name: 'b', type: 'datetime' }] },
  ],
  functions: [
    { name: 'Big', parameters: '(min:long)', body: '{ T | where a >= min }' },
    { name: 'Bigger', parameters: '()', body: '{ Big(5) | extend c = a * 2 }' },
  ],
  watchlistFields: ['User'],
};

/** The outcome of a compile as comparable text: the encoded plan and warnings, or the error. */
function outcome(compile: () => ReturnType<typeof compileQuery>): string {
  try {
    const c = compile();
    return encodeValue({ plan: c.plan, warnings: c.warnings, properties: c.properties, visualization: c.visualization ?? null }).toString('base64');
  } catch (e) {
    assert.ok(e instanceof KqlError, String(e));
    return `${e.constructor.name} ${e.kind} ${e.message} ${JSON.stringify(e.span)}`;
  }
}

const QUERIES = [
  'Bigger | summarize n = count() by bin(a, 2) | render columnchart',
  'union T, T2 | project a',
  'T2 | where b > ago(1d) | extend d = dynamic({"k": [1, 5m]})',
  'set query_now = datetime(2024-01-01); T | join kind=inner (T2) on a | take 3',
  // binder errors: an unknown table, a misspelt column, in a stored function's caller
  'Nope | take 1',
  'T | where aa > 1',
  'Bigger | project d',
  // a syntax error
  'T | where',
];

test('a plan or a binder error compiled in a child process is the in-process one exactly', { timeout: 120_000 }, () => {
  const elsewhere = compileElsewhere(CHILD)!;
  for (const q of QUERIES) {
    const here = outcome(() => compileQuery(q, CATALOG, { file: 'q.kql' }));
    let asked = 0;
    const there = outcome(() => compileQuery(q, CATALOG, { file: 'q.kql', elsewhere: (r) => (asked++, elsewhere(r) ?? assert.fail(`the child did not answer ${q}`)) }));
    assert.equal(asked, 1);
    assert.equal(there, here, q);
  }
});

test('an error other than the binder\'s is not carried over: this process compiles and reports it', { timeout: 120_000 }, () => {
  const elsewhere = compileElsewhere(CHILD)!;
  // errors of the lowerer: the sample operator and table() (unsupported), a wildcard union's legs
  for (const [q, error] of [['T | sample 3', /^KqlError unsupported .*sample operator is not supported/], ['union T* | project a', /^KqlError binding .*unknown table T\*/], ['table("T2")', /^KqlError unsupported .*table\(\) is not supported/]] as const) {
    assert.equal(elsewhere({ text: q, catalog: CATALOG }), undefined);
    const here = outcome(() => compileQuery(q, CATALOG));
    assert.match(here, error);
    assert.equal(outcome(() => compileQuery(q, CATALOG, { elsewhere })), here);
  }
});

test('a child that cannot start or answers nonsense means compiling here', { timeout: 60_000 }, () => {
  const request = { text: 'T | take 1', catalog: CATALOG };
  assert.equal(compileElsewhere({ command: '/nonexistent/node', args: [] })!(request), undefined);
  assert.equal(compileElsewhere({ command: process.execPath, args: ['-e', 'process.stdout.write("P garbage")'] })!(request), undefined);
  assert.equal(compileElsewhere({ command: process.execPath, args: ['-e', 'process.exit(1)'] })!(request), undefined);
  assert.equal(readAnswer(Buffer.from('D[{"severity":"error"}]'), request), undefined);
  assert.equal(readAnswer(Buffer.from('D[]'), request), undefined);
  assert.equal(readAnswer(undefined, request), undefined);
  // a request that is not one is answered "compile it yourself", never with a crash
  assert.deepEqual([...answerRequest(Buffer.from('AWSCloudTrail | take 1'), () => assert.fail('compiled'))], [0x58]);
  assert.deepEqual([...answerRequest(encodeRequest(request), () => { throw new Error('boom'); })], [0x58]);
});

test('binder diagnostics rebuild the same DiagnosticsError', () => {
  const request = { text: 'T\n| where aa > 1', catalog: CATALOG, file: 'x.kql' };
  const answer = answerRequest(encodeRequest(request), (r) => compileQuery(r.text, r.catalog, { file: r.file! }));
  assert.equal(answer[0], 0x44);
  assert.throws(() => readAnswer(answer, request), (e: unknown) => e instanceof DiagnosticsError && /^x\.kql:2:9: .*'aa'/.test(e.message));
});

test('a batch compiled by one child gives every query its in-process outcome', { timeout: 120_000 }, () => {
  const lowererErrors = ['T | sample 3', 'table("T2")'];
  const texts = [...QUERIES, ...lowererErrors];
  const batch = { catalog: CATALOG, items: texts.map((text) => ({ text, file: 'q.kql' })) };
  const elsewhere = compileAllElsewhere(batch, CHILD)!;
  assert.ok(elsewhere, 'the child answered the batch');
  for (const q of QUERIES) {
    const here = outcome(() => compileQuery(q, CATALOG, { file: 'q.kql' }));
    const answered: typeof elsewhere = (r) => elsewhere(r) ?? assert.fail(`the batch has no answer for ${q}`);
    assert.equal(outcome(() => compileQuery(q, CATALOG, { file: 'q.kql', elsewhere: answered })), here, q);
  }
  // The lowerer's errors are not carried: this process compiles and reports them.
  for (const q of lowererErrors) {
    assert.equal(elsewhere({ text: q, catalog: CATALOG, file: 'q.kql' }), undefined);
    assert.equal(outcome(() => compileQuery(q, CATALOG, { file: 'q.kql', elsewhere })), outcome(() => compileQuery(q, CATALOG, { file: 'q.kql' })));
  }
  // A request the batch did not ask is compiled here: another text, file or catalog.
  assert.equal(elsewhere({ text: 'T | take 2', catalog: CATALOG, file: 'q.kql' }), undefined);
  assert.equal(elsewhere({ text: QUERIES[1]!, catalog: CATALOG, file: 'other.kql' }), undefined);
  assert.equal(elsewhere({ text: QUERIES[1]!, catalog: { ...CATALOG }, file: 'q.kql' }), undefined);
  assert.ok(elsewhere({ text: QUERIES[1]!, catalog: CATALOG, file: 'q.kql' }));
});

test('a batch answer that is cut, padded or counts otherwise is not read; a bad item is answered alone', () => {
  const batch = { catalog: CATALOG, items: [{ text: 'T | take 1' }, { text: 'T2 | count', file: 'b.kql' }] };
  const compile = (r: { text: string; catalog: CatalogSchema; file?: string }) => compileQuery(r.text, r.catalog, r.file !== undefined ? { file: r.file } : {});
  const answer = answerRequest(encodeBatch(batch), compile);
  const parts = splitBatchAnswer(answer, 2)!;
  assert.equal(parts.length, 2);
  assert.ok(readAnswer(parts[0], { text: 'T | take 1', catalog: CATALOG }));
  assert.ok(readAnswer(parts[1], { text: 'T2 | count', catalog: CATALOG, file: 'b.kql' }));
  assert.equal(splitBatchAnswer(answer, 3), undefined);
  assert.equal(splitBatchAnswer(answer.subarray(0, answer.length - 1), 2), undefined);
  assert.equal(splitBatchAnswer(Buffer.concat([answer, Buffer.from([0])]), 2), undefined);
  assert.equal(splitBatchAnswer(Buffer.from('X'), 2), undefined);
  assert.equal(splitBatchAnswer(undefined, 2), undefined);
  // an item without a text is answered "compile it yourself"; the others still are answered
  const odd = answerRequest(Buffer.from(JSON.stringify({ magic: 'THCOMPILE1', catalog: CATALOG, items: [{ text: 7 }, null, { text: 'T | take 1' }] })), compile);
  const oddParts = splitBatchAnswer(odd, 3)!;
  assert.deepEqual([...oddParts[0]!], [0x58]);
  assert.deepEqual([...oddParts[1]!], [0x58]);
  assert.ok(readAnswer(oddParts[2], { text: 'T | take 1', catalog: CATALOG }));
  // a child that cannot answer leaves every query to this process
  assert.equal(compileAllElsewhere(batch, { command: process.execPath, args: ['-e', 'process.stdout.write("B")'] }), undefined);
  assert.equal(compileAllElsewhere({ catalog: CATALOG, items: [] }, CHILD), undefined);
});
