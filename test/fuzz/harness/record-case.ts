/**
 * A record fuzz input: real CloudTrail records (the Invictus IR sample in examples/), some of them
 * mutated the way an attacker or a broken producer could (type swaps, deep nesting, huge strings,
 * control characters and escapes, missing fields, cut files, bytes that are not UTF-8), written as
 * one delivery file beside an intact file. The case reads both through the AWSCloudTrail reader
 * and runs the seed rule and queries that open every JSON column. Properties:
 *  - nothing but a user-facing error escapes (no TypeError, no stack overflow, no `internal:`);
 *  - every record of the intact file is read (bad input never loses good data);
 *  - the JSON output of each result parses.
 * The spec is plain data so that the parent (fast-check) generates and shrinks it and the child
 * process materializes it (huge strings are built there, not sent over IPC).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { parse as parseYaml } from 'yaml';
import { openCloudTrail } from '../../../src/cloudtrail/index.ts';
import { compileQuery, type TableSource } from '../../../src/kql/engine.ts';
import { formatResult } from '../../../src/kql/result-format.ts';
import { loadWorkspace } from '../../../src/detect/workspace.ts';
import { ticks } from '../../helpers/cloudtrail-rows.ts';
import { classifyError, type Outcome } from './outcome.ts';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [k: string]: JsonValue };

/** A field of a record, found by walking `path`: each step picks a key (or element) modulo the count. */
export type FieldPath = readonly number[];

export type RecordMutation =
  | { readonly kind: 'set'; readonly path: FieldPath; readonly value: JsonValue }
  | { readonly kind: 'nest'; readonly path: FieldPath; readonly depth: number; readonly shape: 'array' | 'object' }
  | { readonly kind: 'hugeString'; readonly path: FieldPath; readonly size: number; readonly unit: string }
  | { readonly kind: 'drop'; readonly path: FieldPath }
  | { readonly kind: 'wideObject'; readonly path: FieldPath; readonly keys: number };

export type ByteMutation =
  | { readonly kind: 'none' }
  /** Cut the file at this fraction of its length. */
  | { readonly kind: 'truncate'; readonly at: number }
  /** Overwrite bytes at these fractions of the length with these values (e.g. 0xff: not UTF-8). */
  | { readonly kind: 'bytes'; readonly at: readonly number[]; readonly values: readonly number[] };

export type Container = 'json' | 'json.gz' | 'jsonl' | 'array';

export interface RecordCase {
  /** Indexes into the record pool for the mutated file (taken modulo the pool's size). */
  readonly records: readonly number[];
  readonly mutations: ReadonlyArray<{ readonly record: number; readonly mutation: RecordMutation }>;
  readonly bytes: ByteMutation;
  /** Mutate the text after gzip (a damaged archive) instead of before. */
  readonly afterGzip: boolean;
  readonly container: Container;
}

const EXAMPLES = new URL('../../../examples/invictus/AWSLogs/', import.meta.url);

let pool: { readonly records: JsonValue[]; readonly good: { name: string; text: Buffer; ids: string[] } } | undefined;

function listFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) listFiles(p, out);
    else if (name.endsWith('.json.gz')) out.push(p);
  }
  return out;
}

/** The records to mutate, and the intact file read beside them (a different real delivery file). */
function recordPool(): NonNullable<typeof pool> {
  if (pool) return pool;
  const files = listFiles(EXAMPLES.pathname);
  const records: JsonValue[] = [];
  for (const f of files.slice(1, 9)) records.push(...(JSON.parse(gunzipSync(readFileSync(f)).toString('utf8')).Records as JsonValue[]));
  const goodText = readFileSync(files[0]!);
  const goodRecords = JSON.parse(gunzipSync(goodText).toString('utf8')).Records as { eventID: string }[];
  pool = { records, good: { name: files[0]!.split('/').pop()!, text: goodText, ids: goodRecords.map((r) => r.eventID) } };
  return pool;
}

/** The parent of the field `path` leads to, and the key or index in it (undefined: the record itself). */
function locate(root: JsonValue, path: FieldPath): { parent: JsonValue[] | { [k: string]: JsonValue }; key: string | number } | undefined {
  let parent: JsonValue = root;
  let key: string | number | undefined;
  for (const step of path) {
    const cur: JsonValue = key === undefined ? parent : (parent as Record<string, JsonValue>)[key as string]!;
    if (cur === null || typeof cur !== 'object') break;
    const keys: (string | number)[] = Array.isArray(cur) ? cur.map((_, i) => i) : Object.keys(cur);
    if (keys.length === 0) break;
    parent = cur;
    key = keys[step % keys.length]!;
  }
  if (key === undefined || parent === null || typeof parent !== 'object') return undefined;
  return { parent: parent as JsonValue[] | { [k: string]: JsonValue }, key };
}

function nested(depth: number, shape: 'array' | 'object', inner: JsonValue): JsonValue {
  let v = inner;
  for (let i = 0; i < depth; i++) v = shape === 'array' ? [v] : { a: v };
  return v;
}

function mutate(record: JsonValue, m: RecordMutation): void {
  const at = locate(record, m.path);
  if (!at) return;
  const { parent, key } = at;
  const set = (v: JsonValue): void => {
    (parent as Record<string | number, JsonValue>)[key] = v;
  };
  switch (m.kind) {
    case 'set':
      set(m.value);
      return;
    case 'nest':
      set(nested(m.depth, m.shape, (parent as Record<string | number, JsonValue>)[key] ?? null));
      return;
    case 'hugeString':
      set(m.unit.repeat(Math.max(1, Math.floor(m.size / Math.max(1, m.unit.length)))));
      return;
    case 'drop':
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key as string];
      return;
    case 'wideObject': {
      const o: Record<string, JsonValue> = {};
      for (let i = 0; i < m.keys; i++) o[`k${i}`] = i;
      set(o);
      return;
    }
  }
}

/**
 * JSON text of a value without recursion (JSON.stringify recurses, and a 100,000-level record is
 * what some cases build on purpose).
 */
export function jsonText(v: JsonValue): string {
  const out: string[] = [];
  // Either a value still to write, or text to emit as it is (brackets, commas, keys).
  const stack: ({ readonly value: JsonValue } | string)[] = [{ value: v }];
  while (stack.length > 0) {
    const top = stack.pop()!;
    if (typeof top === 'string') {
      out.push(top);
      continue;
    }
    const cur = top.value;
    if (cur === null || typeof cur !== 'object') {
      out.push(JSON.stringify(cur) ?? 'null');
    } else if (Array.isArray(cur)) {
      out.push('[');
      stack.push(']');
      for (let i = cur.length - 1; i >= 0; i--) {
        stack.push({ value: cur[i]! });
        if (i > 0) stack.push(',');
      }
    } else {
      out.push('{');
      stack.push('}');
      const keys = Object.keys(cur);
      for (let i = keys.length - 1; i >= 0; i--) {
        stack.push({ value: cur[keys[i]!]! });
        stack.push(`${i > 0 ? ',' : ''}${JSON.stringify(keys[i])}:`);
      }
    }
  }
  return out.join('');
}

function applyBytes(data: Buffer, m: ByteMutation): Buffer {
  if (m.kind === 'none' || data.length === 0) return data;
  if (m.kind === 'truncate') return data.subarray(0, Math.floor(data.length * m.at));
  const copy = Buffer.from(data);
  m.at.forEach((f, i) => {
    copy[Math.min(copy.length - 1, Math.floor(copy.length * f))] = m.values[i % m.values.length]!;
  });
  return copy;
}

/** The file the case describes: its name and bytes. */
export function materialize(c: RecordCase): { name: string; data: Buffer } {
  const { records: all } = recordPool();
  const records = c.records.map((i) => structuredClone(all[i % all.length]!));
  for (const { record, mutation } of c.mutations) if (records.length > 0) mutate(records[record % records.length]!, mutation);
  const body =
    c.container === 'jsonl' ? records.map(jsonText).join('\n') : c.container === 'array' ? `[${records.map(jsonText).join(',')}]` : `{"Records":[${records.map(jsonText).join(',')}]}`;
  const gz = c.container === 'json.gz';
  let data: Buffer = Buffer.from(body, 'utf8');
  if (!(gz && c.afterGzip)) data = applyBytes(data, c.bytes);
  if (gz) data = gzipSync(data);
  if (gz && c.afterGzip) data = applyBytes(data, c.bytes);
  const ext = c.container === 'jsonl' ? 'jsonl' : c.container === 'json.gz' ? 'json.gz' : 'json';
  return { name: `123456789012_CloudTrail_us-east-1_20230710T1200Z_fuzz.${ext}`, data };
}

let seedRule: string | undefined;
function seedRuleQuery(): string {
  seedRule ??= (parseYaml(readFileSync(new URL('../../../content/rules/concurrent-sessions-from-different-ips.yaml', import.meta.url), 'utf8')) as { query: string }).query;
  return seedRule;
}

/** Queries every record input runs: the seed rule, and every JSON column opened and re-serialized. */
function queries(): string[] {
  return [
    seedRuleQuery(),
    `AWSCloudTrail
     | extend rp = parse_json(RequestParameters), re = parse_json(ResponseElements), ad = parse_json(AdditionalEventData), rs = parse_json(Resources), sd = parse_json(ServiceEventDetails)
     | extend k = strcat(tostring(rp), tostring(re), tostring(ad), tostring(rs), tostring(sd)), h = hash(tostring(rp))
     | summarize n = count(), ids = make_set(AwsEventId, 5), any_rp = take_any(rp) by k = substring(k, 0, 64), UserAgent, ErrorMessage
     | order by n desc, k asc
     | take 20`,
    `AWSCloudTrail | extend rp = todynamic(RequestParameters) | mv-expand rp | summarize count() by tostring(rp) | take 20`,
    `AWSCloudTrail | where UserAgent matches regex @"^([a-zA-Z0-9]+\\s?)*$" or UserAgent has "attack" | project TimeGenerated, UserAgent, SourceIpAddress | take 20`,
  ];
}

export async function runRecordCase(c: RecordCase): Promise<Outcome> {
  const { good } = recordPool();
  const dir = mkdtempSync(join(tmpdir(), 'trailhound-fuzz-'));
  try {
    const bad = materialize(c);
    writeFileSync(join(dir, bad.name), bad.data);
    writeFileSync(join(dir, good.name), good.text);
    const source = openCloudTrail([dir], { onDiagnostic: () => {} });
    const workspace = loadWorkspace({});
    const tables = new Map<string, TableSource>([['AWSCloudTrail', source]]);
    const now = ticks('2023-07-10T12:15:00Z');
    // The intact file's records must all be there.
    const ids = compileQuery('AWSCloudTrail | distinct AwsEventId', workspace.catalog(tables));
    const seen = await ids.run({ now, tables, watchlists: workspace.watchlists });
    const got = new Set(seen.columns[0] as unknown as string[]);
    const lost = good.ids.filter((id) => !got.has(id));
    if (lost.length > 0) return { kind: 'violation', message: `${lost.length} record(s) of the intact file were lost, e.g. ${lost[0]}` };
    for (const q of queries()) {
      const compiled = compileQuery(q, workspace.catalog(tables));
      const result = await compiled.run({ now, tables, watchlists: workspace.watchlists });
      JSON.parse(formatResult(result, 'json'));
      formatResult(result, 'table');
      formatResult(result, 'csv');
    }
    return { kind: 'ok' };
  } catch (e) {
    return classifyError(e);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
