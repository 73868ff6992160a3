/**
 * `trailhound query --max-memory` and result truncation end to end: a real process per case. The
 * queries that grew without bound (a join of two 100,000-row tables on one key, repeat("a", 1e9),
 * a make_list of large values, mv-expand into a sort, strcat of strcat...) stop with Kusto's
 * runaway-query error (learn.microsoft.com/kusto/concepts/query-limits): exit 2, one line, no
 * stack, and the process's peak memory stays within a few times the budget (measured by the
 * process itself at exit, test/helpers/report-rss.mjs; no timing).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const MAIN = new URL('../../src/cli/bin.ts', import.meta.url).pathname;
const REPORT_RSS = new URL('../helpers/report-rss.mjs', import.meta.url).href;
const MIB = 1024 * 1024;
const BUDGET_MIB = 256;

function trailhound(args: string[]): { code: number | null; stdout: string; stderr: string; peakRss: number | undefined } {
  const rssFile = join(mkdtempSync(join(tmpdir(), 'th-rss-')), 'rss');
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--import', REPORT_RSS, MAIN, ...args], {
    encoding: 'utf8',
    maxBuffer: 256 * MIB,
    env: { ...process.env, TH_RSS_FILE: rssFile },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, peakRss: existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8')) : undefined };
}

function assertRunaway(query: string, what: string): void {
  const r = trailhound(['query', '--max-memory', String(BUDGET_MIB), query]);
  assert.equal(r.code, 2, `${query}\n${r.stderr}`);
  assert.equal(
    r.stderr,
    `trailhound: The ${what} has exceeded the memory budget during evaluation. Results might be incorrect or incomplete (E_RUNAWAY_QUERY). ` +
      `Budget: max_memory_consumption_per_query_per_node = ${BUDGET_MIB * MIB} bytes (${BUDGET_MIB} MiB)\n`,
  );
  assert.equal(r.stdout, '');
  assert.ok(r.peakRss !== undefined, 'the process exited normally and reported its memory');
  assert.ok(r.peakRss < 3 * BUDGET_MIB * MIB, `peak RSS ${(r.peakRss / MIB).toFixed(0)} MiB for a ${BUDGET_MIB} MiB budget`);
}

test('a join of two 100,000-row tables on one key (10^10 pairs) stops at the budget', { timeout: 300_000 }, () => {
  assertRunaway('range x from 1 to 100000 step 1 | extend k = 1 | join kind=inner (range y from 1 to 100000 step 1 | extend k = 1) on k | count', 'HashJoin operator');
});

test('repeat("a", 1000000000) is refused before it is made (it crashed Node with a fatal out-of-memory)', { timeout: 300_000 }, () => {
  assertRunaway('print repeat("a", 1000000000)', 'repeat() function');
});

test('make_list of large values, and strcat of strcat, stop at the budget', { timeout: 300_000 }, () => {
  assertRunaway('range x from 1 to 1000000 step 1 | summarize make_list(strrep("abcdefgh", 200))', 'Summarize operator');
  assertRunaway(
    'let s = strrep("x", 1000); print a = strcat(s, s, s, s, s, s, s, s) | extend b = strcat(a, a, a, a, a, a, a, a) | extend c = strcat(b, b, b, b, b, b, b, b) | extend d = strcat(c, c, c, c, c, c, c, c) | extend e = strcat(d, d, d, d, d, d, d, d) | extend f = strcat(e, e, e, e, e, e, e, e)',
    'strcat() function',
  );
});

test('mv-expand streams its rows; what holds them (here a sort) stops at the budget', { timeout: 300_000 }, () => {
  assertRunaway('range x from 1 to 100000 step 1 | extend a = repeat(x, 200) | mv-expand a | sort by tolong(a)', 'Sort operator');
  // Expanding 20,000,000 rows that nothing holds runs in bounded memory.
  const r = trailhound(['query', '--max-memory', String(BUDGET_MIB), '--format', 'csv', 'range x from 1 to 100000 step 1 | extend a = repeat(x, 200) | mv-expand a | count']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'Count\n20000000\n');
  assert.ok(r.peakRss! < 3 * BUDGET_MIB * MIB, `peak RSS ${(r.peakRss! / MIB).toFixed(0)} MiB`);
});

test('--max-memory must be a positive number of MiB the V8 heap can hold', () => {
  const bad = trailhound(['query', '--max-memory', 'lots', 'print 1']);
  assert.equal(bad.code, 2);
  assert.equal(bad.stderr, 'trailhound: --max-memory: not a positive number of MiB: lots\n');
  const big = trailhound(['query', '--max-memory', '100000000', 'print 1']);
  assert.equal(big.code, 2);
  assert.match(big.stderr, /^trailhound: --max-memory 100000000: more than this Node\.js heap can hold \(\d+ MiB\); raise the heap limit first, e\.g\. NODE_OPTIONS=--max-old-space-size=200000000\n$/);
});

test("query truncates results past 500,000 records with Kusto's partial query failure on stderr; set changes it", { timeout: 300_000 }, () => {
  const r = trailhound(['query', '--format', 'csv', 'range x from 1 to 600000 step 1']);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trimEnd().split('\n');
  assert.equal(lines.length, 1 + 500000);
  assert.equal(lines[500000], '500000');
  assert.equal(
    r.stderr,
    'trailhound: warning: Query result set has exceeded the internal record count limit 500000 (E_QUERY_RESULT_SET_TOO_LARGE). ' +
      'The result holds its first 500000 records (set notruncation; or set truncationmaxrecords/truncationmaxsize to change the limits).\n',
  );
  const all = trailhound(['query', '--format', 'csv', 'set notruncation; range x from 1 to 600000 step 1']);
  assert.equal(all.stderr, '');
  assert.equal(all.stdout.trimEnd().split('\n').length, 1 + 600000);
  const few = trailhound(['query', '--format', 'json', 'set truncationmaxrecords = 2; range x from 1 to 10 step 1']);
  // stdout stays exactly {"columns","rows"}: the warning is on stderr.
  assert.equal(few.stdout, '{"columns":[{"name":"x","type":"long"}],"rows":[[1],[2]]}\n');
  assert.match(few.stderr, /Query result set has exceeded the internal record count limit 2 \(E_QUERY_RESULT_SET_TOO_LARGE\)/);
  const small = trailhound(['query', '--format', 'csv', 'set truncationmaxsize = 80; range x from 1 to 10 step 1']);
  assert.equal(small.stdout, 'x\n1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n');
  assert.equal(small.stderr, '');
  const smaller = trailhound(['query', '--format', 'csv', 'set truncationmaxsize = 79; range x from 1 to 10 step 1']);
  assert.equal(smaller.stdout.trimEnd().split('\n').length, 1 + 9);
  assert.match(smaller.stderr, /internal data size limit 79 \(E_QUERY_RESULT_SET_TOO_LARGE\)/);
});
