/**
 * `trailhound serve` through Microsoft's Python Kusto client, as Debian packages it
 * (python3-azure-kusto-data 4.1.1, run by Debian's /usr/bin/python3): a query, Kusto's value
 * types as the client reads them, a management command, an error, behind the token. Skips, saying
 * why, where the package is not installed (`apt-get install python3-azure-kusto-data`; it brings
 * python3-azure, about 1.2 GB, so .ci/run does not install it).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { startServe, type ServeProcess } from '../helpers/serve-process.ts';

const PYTHON = '/usr/bin/python3';
const probe = spawnSync(PYTHON, ['-c', 'import azure.kusto.data'], { encoding: 'utf8' });
const missing = probe.status === 0 ? false : 'Debian\'s python3-azure-kusto-data is not installed (/usr/bin/python3 -c "import azure.kusto.data" failed)';

const SCRIPT = `
import json, sys
from azure.kusto.data import KustoClient, KustoConnectionStringBuilder
url, token = sys.argv[1], sys.argv[2]
c = KustoClient(KustoConnectionStringBuilder.with_token_provider(url, lambda: token))
out = {}
r = c.execute("trailhound", "AWSCloudTrail | summarize n = count() by EventName | top 3 by n")
out["top"] = [[row["EventName"], row["n"]] for row in r.primary_results[0]]
r = c.execute("trailhound", "print d=datetime(2024-01-01T00:00:00.1234567Z), t=time(1.02:03:04.5), g=guid(b0000000-0000-0000-0000-000000000001), x=dynamic({'a':[1,'b']}), dec=decimal(1.25), b=true, l=long(9007199254740993), s=''")
row = r.primary_results[0].rows[0]
out["types"] = [row["d"].isoformat(), row["t"].total_seconds(), str(row["g"]), row["x"], str(row["dec"]), row["b"], str(row["l"]), row["s"]]
r = c.execute_mgmt("trailhound", ".show tables")
out["tables"] = [row["TableName"] for row in r.primary_results[0]]
try:
    c.execute("trailhound", "AWSCloudTrail | nosuchop")
except Exception as e:
    out["error"] = [type(e).__name__, str(e)]
print(json.dumps(out))
`;

describe('the Python Kusto client (Debian python3-azure-kusto-data)', { skip: missing }, () => {
  const TOKEN = 'python-client-test-token';
  let serve: ServeProcess;
  before(async () => {
    serve = await startServe(['--logs', new URL('../../examples/session-theft', import.meta.url).pathname, '--token', TOKEN]);
  });
  after(async () => {
    await serve?.stop();
  });

  test('queries, value types, a management command and an error', { timeout: 120_000 }, () => {
    const r = spawnSync(PYTHON, ['-c', SCRIPT, serve.url, TOKEN], { encoding: 'utf8', timeout: 100_000 });
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(out.top, [['Decrypt', 178], ['DescribeRouteTables', 163], ['GetUser', 130]]);
    // The client's own types: datetime to the microsecond (Python's precision), timedelta,
    // the guid's text, dynamic as JSON, decimal exactly, a long beyond 2^53 exactly, "" for the empty string.
    assert.deepEqual(out.types, ['2024-01-01T00:00:00.123456+00:00', 93784.5, 'b0000000-0000-0000-0000-000000000001', { a: [1, 'b'] }, '1.25', true, '9007199254740993', '']);
    assert.ok(out.tables.includes('AWSCloudTrail'), JSON.stringify(out.tables));
    assert.equal(out.error[0], 'KustoApiError');
    assert.match(out.error[1], /Syntax error: <query>:1:17: Query operator expected/);
  });
});
