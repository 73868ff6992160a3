// DuckDB (@duckdb/node-api, 2 threads) runs one SQL query over a Parquet file as table `t`
// (bench/ocsf-bench.ts): node --import tsx bench/baselines/duckdb-parquet.ts FILE "SELECT ..."
import { DuckDBInstance } from '@duckdb/node-api';
import { sqlString } from './common.ts';

const [file, sql] = process.argv.slice(2) as [string, string];
const db = await DuckDBInstance.create(':memory:', { threads: '2' });
const con = await db.connect();
await con.run(`CREATE VIEW t AS SELECT * FROM read_parquet(${sqlString(file)})`);
const rows = (await con.runAndReadAll(sql)).getRowObjectsJS();
console.log(JSON.stringify(rows, (_, v) => (typeof v === 'bigint' ? Number(v) : v)));
con.closeSync();
