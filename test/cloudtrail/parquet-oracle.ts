/**
 * What the Parquet decoder tests compare with: hyparquet's own reading of a file, and files from an
 * independent writer, DuckDB (`COPY ... TO (FORMAT parquet, ...)`: DATA_PAGE v1, its own choice of
 * dictionary or PLAIN per column).
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { parquetRead, type AsyncBuffer, type FileMetaData } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';

/** OCSF-shaped rows with nulls at every level, lists with null elements, empty and null lists, maps with null values. */
export const OCSF_SELECT = `SELECT
  CASE WHEN i % 11 = 0 THEN NULL ELSE 6003 END::INTEGER AS class_uid,
  (1688990000000 + i * 1000)::BIGINT AS time,
  make_timestamp((1688990000000 + i * 1000)::BIGINT * 1000) AS time_dt,
  {'version': '1.1.0', 'uid': 'id-' || i, 'product': {'name': 'CloudTrail', 'version': '1.08', 'feature': {'name': CASE WHEN i % 3 = 0 THEN NULL ELSE 'Management' END}}} AS metadata,
  CASE WHEN i % 13 = 0 THEN NULL ELSE {'operation': CASE WHEN i % 5 = 0 THEN NULL ELSE ['GetObject', 'PutObject', 'ListBuckets', 'DescribeEventAggregates'][i % 4 + 1] END,
    'service': {'name': 's3.amazonaws.com'}, 'request': {'uid': 'req-' || i, 'data': '{"bucketName":"b' || (i % 17) || '"}'}} END AS api,
  {'ip': CASE WHEN i % 2 = 0 THEN '10.0.' || (i % 7) || '.' || (i % 250) ELSE NULL END, 'domain': CASE WHEN i % 2 = 1 THEN 'health.amazonaws.com' ELSE NULL END} AS src_endpoint,
  {'user': {'uid': 'arn:aws:iam::123456789012:user/u' || (i % 9), 'type': 'IAMUser', 'account': {'uid': '123456789012'}},
   'session': {'is_mfa': CASE WHEN i % 4 = 0 THEN NULL ELSE i % 3 = 0 END, 'created_time_dt': CASE WHEN i % 2 = 0 THEN NULL ELSE make_timestamp(1688990000000000) END}} AS actor,
  {'region': 'us-east-' || (i % 2 + 1), 'account': {'uid': '123456789012'}} AS cloud,
  CASE WHEN i % 6 = 0 THEN NULL WHEN i % 6 = 1 THEN [] ELSE
    [{'uid': 'arn:aws:s3:::b' || i, 'type': 'AWS::S3::Bucket', 'owner': {'account': {'uid': CASE WHEN i % 4 = 0 THEN NULL ELSE '123456789012' END}}}, NULL,
     {'uid': NULL, 'type': 'AWS::S3::Object', 'owner': NULL}] END AS resources,
  CASE WHEN i % 5 = 0 THEN NULL WHEN i % 5 = 1 THEN MAP([], []::VARCHAR[]) ELSE
    MAP(['readOnly', 'eventType', 'userIdentity.sessionContext.sessionIssuer.userName'], ['true', CASE WHEN i % 2 = 0 THEN NULL ELSE 'AwsApiCall' END, 'role' || (i % 3)]) END AS unmapped
FROM range(5000) r(i)`;

export async function duckdbParquet(out: string, options: string): Promise<void> {
  const db = await DuckDBInstance.create(':memory:', { threads: '1' });
  const con = await db.connect();
  await con.run(`COPY (${OCSF_SELECT}) TO '${out}' (FORMAT parquet, ROW_GROUP_SIZE 2048, ${options})`);
  con.closeSync();
}

/** Drops null and undefined fields and then empty structs (the OCSF mapping reads neither). */
export function normal(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'bigint') return `${v}n`;
  if (Array.isArray(v)) return v.map((x) => (x === undefined ? null : normal(x)));
  if (v && typeof v === 'object') {
    const o: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      if (x === null || x === undefined) continue;
      const n = normal(x);
      if (n && typeof n === 'object' && !Array.isArray(n) && Object.keys(n).length === 0) continue;
      o[k] = n;
    }
    return o;
  }
  return v ?? null;
}

/** hyparquet's value of leaf `path` (under no repeated field) for each row of rows start..start+n, unwrapped from its structs. */
export async function hyparquetLeafValues(file: AsyncBuffer, metadata: FileMetaData, start: number, n: number, path: string): Promise<unknown[]> {
  const want: unknown[] = new Array(n);
  await parquetRead({
    file, metadata, compressors, rowStart: start, rowEnd: start + n, columns: [path.split('.')[0]!],
    onPage: (page) => {
      if (page.pathInSchema.join('.') !== path) return;
      for (let i = 0; i < page.columnData.length; i++) {
        let v: unknown = page.columnData[i];
        while (Array.isArray(v)) v = v[0];
        const at = page.rowStart - start + i;
        if (at >= 0 && at < n) want[at] = v;
      }
    },
  });
  return want;
}
