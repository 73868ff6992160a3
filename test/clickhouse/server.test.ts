/**
 * Against a real ClickHouse server, when CLICKHOUSE_URL names one (e.g. http://default:@localhost:8123):
 * load, a re-run of the load, and the seed rule through --engine clickhouse. Skipped otherwise,
 * saying so (no server package recent enough is installable on the CI machines: chDB, the same
 * engine in-process, runs the other ClickHouse tests).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { openClickHouseUrl } from '../../src/clickhouse/connection.ts';

const URL_ = process.env.CLICKHOUSE_URL;
const MAIN = new URL('../../src/cli/bin.ts', import.meta.url).pathname;
const SEED = 'content/rules/concurrent-sessions-from-different-ips.yaml';

function trailhound(args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', MAIN, ...args], { encoding: 'utf8' });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

test('a ClickHouse server: load twice, then detect and query give the local engine\'s results', { skip: URL_ ? false : 'CLICKHOUSE_URL is not set (e.g. CLICKHOUSE_URL=http://default:@localhost:8123 npm test -- test/clickhouse/server)', timeout: 600_000 }, async () => {
  const database = `trailhound_test_${randomBytes(4).toString('hex')}`;
  try {
    for (let i = 0; i < 2; i++) {
      const r = trailhound(['load', '--logs', 'examples/session-theft', '--clickhouse', URL_!, '--database', database]);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stderr, /it holds 2902 row\(s\), one per event\n$/);
    }
    const local = trailhound(['detect', '--logs', 'examples/session-theft', '--rules', SEED, '--format', 'jsonl']);
    const server = trailhound(['detect', '--engine', 'clickhouse', '--clickhouse', URL_!, '--database', database, '--rules', SEED, '--format', 'jsonl']);
    assert.equal(server.stdout, local.stdout, server.stderr);
    const q = 'AWSCloudTrail | summarize n = count(), t = max(TimeGenerated) by EventSource | order by EventSource asc';
    const lq = trailhound(['query', '--logs', 'examples/session-theft', '--format', 'json', q]);
    const sq = trailhound(['query', '--engine', 'clickhouse', '--clickhouse', URL_!, '--database', database, '--format', 'json', q]);
    assert.equal(sq.stdout, lq.stdout, sq.stderr);
  } finally {
    const conn = await openClickHouseUrl(URL_!);
    await conn.exec(`DROP DATABASE IF EXISTS ${database}`);
    await conn.close();
  }
});
