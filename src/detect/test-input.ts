/**
 * Input rows of a rule test case: raw CloudTrail records (mapped by the real reader's
 * RecordMapper, exactly as from log files) or AWSCloudTrail rows written column: value.
 * A `_delivered` key on either gives the row's delivery (ingestion) time.
 */
import { AWS_CLOUDTRAIL_SCHEMA } from '../cloudtrail/schema.ts';
import { RecordMapper } from '../cloudtrail/mapping.ts';
import { batchFromRows } from '../kql/exec/batches.ts';
import { nullOf, type Batch, type Value } from '../kql/types.ts';
import { parseDatetime } from '../kql/values/datetime.ts';
import { didYouMean } from './rule-tests-schema.ts';

export class InputError extends Error {}

function datetime(v: unknown, where: string): bigint {
  const t = typeof v === 'string' ? parseDatetime(v) : v instanceof Date ? parseDatetime(v.toISOString()) : null;
  if (t === null) throw new InputError(`${where}: ${JSON.stringify(v)} is not a datetime`);
  return t;
}

/** One AWSCloudTrail row from `{Column: value}`; columns not given take their empty value. */
export function rowFromSpec(spec: Record<string, unknown>, where: string): Value[] {
  for (const k of Object.keys(spec)) {
    if (k !== '_delivered' && !AWS_CLOUDTRAIL_SCHEMA.some((c) => c.name === k)) {
      const hint = didYouMean(k, AWS_CLOUDTRAIL_SCHEMA.map((c) => c.name));
      throw new InputError(`${where}: AWSCloudTrail has no column ${JSON.stringify(k)}${hint ? ` (did you mean \`${hint}\`?)` : ''}`);
    }
  }
  return AWS_CLOUDTRAIL_SCHEMA.map((c) => {
    if (c.name === 'Type') return 'AWSCloudTrail';
    const v = spec[c.name];
    if (v === undefined || v === null) return nullOf(c.type);
    switch (c.type) {
      case 'datetime':
        return datetime(v, `${where}.${c.name}`);
      case 'bool':
        if (typeof v !== 'boolean') throw new InputError(`${where}.${c.name}: must be true or false`);
        return v;
      default:
        return typeof v === 'object' ? JSON.stringify(v) : String(v);
    }
  });
}

export function inputBatch(events: readonly unknown[], rows: readonly unknown[], where: string): Batch {
  const mapper = new RecordMapper();
  const values: Value[][] = [];
  const ingestion: (bigint | null)[] = [];
  events.forEach((e, i) => {
    if (typeof e !== 'object' || e === null || Array.isArray(e)) throw new InputError(`${where}.events[${i}]: a CloudTrail record must be a mapping`);
    const { _delivered, ...rec } = e as Record<string, unknown>;
    values.push(mapper.mapRow(rec));
    ingestion.push(_delivered === undefined ? null : datetime(_delivered, `${where}.events[${i}]._delivered`));
  });
  rows.forEach((r, i) => {
    if (typeof r !== 'object' || r === null || Array.isArray(r)) throw new InputError(`${where}.rows[${i}]: a row must be a mapping`);
    const spec = r as Record<string, unknown>;
    values.push(rowFromSpec(spec, `${where}.rows[${i}]`));
    ingestion.push(spec._delivered === undefined ? null : datetime(spec._delivered, `${where}.rows[${i}]._delivered`));
  });
  return { ...batchFromRows(AWS_CLOUDTRAIL_SCHEMA, values), ingestion };
}
