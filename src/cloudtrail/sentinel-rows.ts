/**
 * Rows that are already in the AWSCloudTrail shape (exported from Sentinel as JSON, JSON
 * Lines or CSV) are loaded as they are: column by column, by name, converting only the text
 * forms of bool and datetime. The portal's CSV export names time columns
 * `TimeGenerated [UTC]` and writes `dd/MM/yyyy, HH:mm:ss.fff`; both are understood.
 */
import type { Value } from '../kql/types.ts';
import { AWS_CLOUDTRAIL_SCHEMA } from './schema.ts';
import { isoToTicks, msToTicks } from './time.ts';
import { encodeValue } from './json-text.ts';
import { preview } from './mapping.ts';

type Obj = Record<string, unknown>;

export function isSentinelRow(o: Obj): boolean {
  return 'AwsEventId' in o || ('TimeGenerated' in o && 'EventName' in o) || 'TimeGenerated [UTC]' in o || o['Type'] === 'AWSCloudTrail';
}

const PORTAL_TIME = /^(\d{2})\/(\d{2})\/(\d{4}),? (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,7}))?$/;

export function sentinelTime(v: unknown): bigint | null {
  if (v === undefined || v === null || v === '') return null;
  if (typeof v === 'number') return msToTicks(v);
  if (typeof v === 'bigint') return v;
  const s = String(v).trim();
  const m = PORTAL_TIME.exec(s);
  if (m) return isoToTicks(`${m[3]}-${m[2]}-${m[1]}T${m[4]}:${m[5]}:${m[6]}${m[7] ? '.' + m[7] : ''}Z`);
  return isoToTicks(s);
}

function sentinelBool(v: unknown): boolean | null {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') {
    const t = v.trim().toLowerCase();
    if (t === 'true') return true;
    if (t === 'false') return false;
  }
  return null;
}

function lookup(o: Obj, name: string): unknown {
  if (name in o) return o[name];
  const utc = `${name} [UTC]`;
  if (utc in o) return o[utc];
  return undefined;
}

/** Appends one Sentinel-shaped row; returns problems found (values that did not convert). */
export function sentinelRowInto(columns: Value[][], o: Obj, wanted: readonly boolean[]): string[] {
  const issues: string[] = [];
  AWS_CLOUDTRAIL_SCHEMA.forEach((c, i) => {
    const col = columns[i]!;
    if (!wanted[i]) return; // filled with the null value when the batch is complete
    const v = lookup(o, c.name);
    if (c.type === 'string') {
      if (v === undefined || v === null) col.push(c.name === 'Type' ? 'AWSCloudTrail' : '');
      else if (typeof v === 'string') col.push(v);
      else col.push(typeof v === 'object' ? encodeValue(v, 'sentinel') : String(v));
    } else if (c.type === 'bool') {
      const b = sentinelBool(v);
      if (b === null && v !== undefined && v !== null && v !== '') issues.push(`${c.name} ${preview(v)} is not a bool`);
      col.push(b);
    } else {
      const t = sentinelTime(v);
      if (t === null && v !== undefined && v !== null && v !== '') issues.push(`${c.name} ${preview(v)} is not a time`);
      col.push(t);
    }
  });
  return issues;
}
