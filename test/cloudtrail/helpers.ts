/** Shared helpers for the CloudTrail reader tests (fixture paths, collecting rows, temp dirs). */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ScanPredicate } from '../../src/kql/scan.ts';
import type { Value } from '../../src/kql/types.ts';
import { AWS_CLOUDTRAIL_SCHEMA } from '../../src/cloudtrail/schema.ts';
import type { CloudTrailSource } from '../../src/cloudtrail/index.ts';

export const FIXTURES = fileURLToPath(new URL('../fixtures/cloudtrail/', import.meta.url));
export const INVICTUS = join(FIXTURES, 'invictus');
export const INVICTUS_DAY = join(INVICTUS, 'AWSLogs/218007301253/CloudTrail/us-east-1/2023/07/10');
export const DERIVED = join(FIXTURES, 'invictus-derived/invictus-describe-event-aggregates.json');
export const STRATUS = join(FIXTURES, 'stratus');
export const SENTINEL_CSV = join(FIXTURES, 'azure-sentinel/AWS_CloudTrail_Authentication_IngestedLogs.excerpt.csv');

export type Row = Record<string, Value>;

export interface Collected {
  rows: Row[];
  ingestion: (bigint | null)[];
  batches: number;
}

export async function collect(src: CloudTrailSource, predicates: readonly ScanPredicate[] = [], columns?: ReadonlySet<string>): Promise<Collected> {
  const rows: Row[] = [];
  const ingestion: (bigint | null)[] = [];
  let batches = 0;
  for await (const b of src.scan({ predicates, ...(columns ? { columns } : {}) })) {
    batches++;
    for (let r = 0; r < b.length; r++) {
      const row: Row = {};
      AWS_CLOUDTRAIL_SCHEMA.forEach((c, i) => (row[c.name] = b.columns[i]![r]!));
      rows.push(row);
      ingestion.push(b.ingestion?.[r] ?? null);
    }
  }
  return { rows, ingestion, batches };
}

export function tempDir(t: { after(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'trailhound-ct-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export function byId(rows: Row[]): Map<string, Row> {
  return new Map(rows.map((r) => [r['AwsEventId'] as string, r]));
}

/** The raw records of the Invictus day and the Stratus scenarios, in file order (the OCSF tests' input). */
export function invictusAndStratusRecords(): Record<string, any>[] {
  const out: Record<string, any>[] = [];
  for (const f of readdirSync(INVICTUS_DAY).sort()) out.push(...JSON.parse(gunzipSync(readFileSync(join(INVICTUS_DAY, f))).toString()).Records);
  for (const f of readdirSync(STRATUS).filter((x) => x.endsWith('.json')).sort()) out.push(...JSON.parse(readFileSync(join(STRATUS, f), 'utf8')));
  return out;
}
