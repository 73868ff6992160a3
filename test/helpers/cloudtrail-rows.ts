/** Builds AWSCloudTrail rows for engine tests: every column at its empty value unless given. */
import { AWS_CLOUDTRAIL_SCHEMA } from '../../src/cloudtrail/schema.ts';
import { MemoryTable } from '../../src/kql/file-table.ts';
import { nullOf, type Value } from '../../src/kql/types.ts';
import { parseDatetime } from '../../src/kql/values/datetime.ts';

export type RowSpec = Record<string, string | boolean | null>;

const DATETIME_COLUMNS = new Set(AWS_CLOUDTRAIL_SCHEMA.filter((c) => c.type === 'datetime').map((c) => c.name));

export function ticks(iso: string): bigint {
  const t = parseDatetime(iso);
  if (t === null) throw new Error(`bad datetime ${iso}`);
  return t;
}

export function cloudTrailRow(spec: RowSpec): Value[] {
  return AWS_CLOUDTRAIL_SCHEMA.map((c) => {
    if (c.name === 'Type') return 'AWSCloudTrail';
    const v = spec[c.name];
    if (v === undefined || v === null) return nullOf(c.type);
    if (DATETIME_COLUMNS.has(c.name)) return ticks(String(v));
    return v as Value;
  });
}

export function cloudTrailTable(specs: RowSpec[]): MemoryTable {
  for (const s of specs) {
    for (const k of Object.keys(s)) {
      if (!AWS_CLOUDTRAIL_SCHEMA.some((c) => c.name === k)) throw new Error(`unknown AWSCloudTrail column ${k}`);
    }
  }
  return MemoryTable.fromRows(AWS_CLOUDTRAIL_SCHEMA, specs.map(cloudTrailRow));
}
