/**
 * Run by plan-cache.test.ts in a fresh process: compiles argv[2]'s query against its catalog
 * with the plan cache (TRAILHOUND_CACHE_DIR), runs it over table T, and prints what happened.
 */
import { PlanCache } from '../../../src/kql/cache/plan-cache.ts';
import { compileQuery, type CatalogSchema } from '../../../src/kql/engine.ts';
import { MemoryTable } from '../../../src/kql/file-table.ts';
import { valueToJsonText } from '../../../src/kql/values/format.ts';

const { query, catalog, rows } = JSON.parse(process.argv[2]!) as { query: string; catalog: CatalogSchema; rows: unknown[][] };
const cache = new PlanCache();
const compiled = compileQuery(query, catalog, { cache });
const kusto = (globalThis as { Kusto?: unknown }).Kusto !== undefined;
const schema = catalog.tables.find((t) => t.name === 'T')!.schema;
const table = MemoryTable.fromRows(schema, rows.map((r) => r.map((v, i) => (schema[i]!.type === 'long' ? BigInt(v as number) : v)) as never));
const result = await compiled.run({ now: 638_500_000_000_000_000n, tables: new Map([['T', table]]) });
const text = Array.from({ length: result.length }, (_, r) => result.schema.map((c, j) => valueToJsonText(c.type, result.columns[j]![r]!)).join(','));
process.stdout.write(JSON.stringify({ stats: cache.stats, kusto, rows: text, warnings: compiled.warnings.length, key: cache.keyOf(query, catalog) }));
