/**
 * The sample logs the readers' fast paths are checked on: every JSON file (plain or gzip) of the
 * repository's `examples/` and `test/fixtures/cloudtrail/`, as bytes, and the items of those that
 * parse (hostile fixtures that do not are tested through the reader elsewhere).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { FIXTURES } from './helpers.ts';

const EXAMPLES = new URL('../../examples/', import.meta.url).pathname;

/** Every JSON file under dir (plain or gzip), recursively, in name order. */
function jsonFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...jsonFiles(p));
    else if (/\.json(\.gz)?$/.test(name)) out.push(p);
  }
  return out;
}

/** Each sample file's decompressed bytes. */
export function sampleFiles(): Buffer[] {
  return [...jsonFiles(EXAMPLES), ...jsonFiles(FIXTURES)].map((f) => {
    const raw = readFileSync(f);
    return f.endsWith('.gz') ? gunzipSync(raw) : raw;
  });
}

/** The items of every sample file that parses: a Records array's, a bare array's, or the value itself. */
export function sampleRecords(): unknown[] {
  const out: unknown[] = [];
  for (const bytes of sampleFiles()) {
    let v: unknown;
    try {
      v = JSON.parse(bytes.toString('utf8'));
    } catch {
      continue;
    }
    const items = Array.isArray(v) ? v : v !== null && typeof v === 'object' && Array.isArray((v as { Records?: unknown }).Records) ? (v as { Records: unknown[] }).Records : [v];
    out.push(...items);
  }
  return out;
}
