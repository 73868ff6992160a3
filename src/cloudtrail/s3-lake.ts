/**
 * Logs straight from a bucket: `--logs s3://bucket/aws/CLOUD_TRAIL_MGMT/2.0/`. The prefix is
 * walked folder by folder (ListObjectsV2 with the `/` delimiter), so a folder that cannot hold a
 * row the scan asks for is never listed, and none of its objects fetched:
 *  - Security Lake partitions (`region=`, `accountId=`, `eventDay=`, `eventHour=`) outside the
 *    scan's pushed-down time range, region or account (lake-partitions.ts);
 *  - Security Lake sources that are not CloudTrail (`aws/VPC_FLOW/…`: lake.ts), unless a format is forced;
 *  - an Iceberg table's `metadata/` folder: its current snapshot is read (iceberg.ts, the few
 *    metadata files it needs copied into the cache) and a data file it does not list is not fetched.
 * Digest and Insights objects are left out by key, as in folder walks (discover.ts). The objects
 * kept are copied into a cache folder under their key (mtime = LastModified, as `watch --s3`
 * does) and read from there like any local file.
 */
import { GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { CLOUDTRAIL_LAKE_SOURCES, lakeSource } from './lake.ts';
import { currentMetadataName, icebergLiveFiles } from './iceberg.ts';
import { partitionMayHold, type PartitionFilter } from './lake-partitions.ts';
import { DATA_FILE, pathKind } from './discover.ts';
import { s3Error } from './s3-client.ts';
import type { Diagnostic, InputFormat } from './types.ts';
import { TICKS_PER_MILLISECOND, UNIX_EPOCH_TICKS } from '../kql/types.ts';

export interface S3Object {
  readonly key: string;
  readonly size: number;
  readonly modified?: Date;
}

export interface S3Listing {
  /** Data objects to read, in key order. */
  readonly objects: S3Object[];
  /** Objects (or whole source folders) not read on purpose: counted as skipped files. */
  readonly skipped: Diagnostic[];
  /** Folders left out by partition pruning, Iceberg tables found: reported, not counted. */
  readonly notes: Diagnostic[];
  /** Partition folders left out (never listed). */
  readonly pruned: number;
}

export class S3Lake {
  /** Counts of S3 calls (tests check that pruned folders are never listed or fetched). */
  readonly calls = { list: 0, get: 0 };
  private readonly cached = new Map<string, Promise<string>>();

  constructor(
    readonly client: S3Client,
    readonly bucket: string,
    readonly prefix: string,
    readonly cacheDir: string,
    readonly endpoint?: string,
  ) {}

  url(key: string): string {
    return `s3://${this.bucket}/${key}`;
  }

  /** Where an object is (or will be) copied. */
  localPath(key: string): string {
    return join(this.cacheDir, ...key.split('/'));
  }

  async list(filter: PartitionFilter, format: InputFormat): Promise<S3Listing> {
    const found: S3Object[] = [];
    const skipped: Diagnostic[] = [];
    const notes: Diagnostic[] = [];
    /** Iceberg tables (folders holding `metadata/*.metadata.json`) and their metadata files' names */
    const tables = new Map<string, string[]>();
    const skippedSources = new Set<string>();
    let pruned = 0;
    let after: string | undefined;
    // Keys in order, with no delimiter (the one listing every S3-compatible store answers alike);
    // a folder that is left out is stepped over with StartAfter, never listed.
    for (;;) {
      this.calls.list++;
      const r = await this.send(() => this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: this.prefix, ...(after !== undefined ? { StartAfter: after } : {}) })), `list ${this.prefix || 'the bucket'}`);
      const keys = r.Contents ?? [];
      let jump: string | undefined;
      for (const o of keys) {
        const key = o.Key;
        if (key === undefined || key.endsWith('/')) continue;
        after = key;
        const skip = this.leftOut(key, filter, format);
        if (skip !== null) {
          if (skip.why === 'partition') pruned++;
          else if (skip.why !== null && !skippedSources.has(skip.folder)) {
            skippedSources.add(skip.folder);
            skipped.push({ severity: 'info', file: this.url(skip.folder), message: skip.why });
          }
          // progress is kept whatever the store's order: StartAfter never goes back
          jump = byteOrder(skip.next, key) > 0 ? skip.next : key;
          break;
        }
        const name = key.slice(key.lastIndexOf('/') + 1);
        const meta = /^(.*\/)?metadata\/[^/]+$/.exec(key);
        if (meta) {
          const table = meta[1] ?? '';
          tables.set(table, [...(tables.get(table) ?? []), name]);
          continue;
        }
        if (!DATA_FILE.test(name)) continue;
        const kind = pathKind(key);
        if (kind !== 'data') {
          skipped.push({ severity: 'info', file: this.url(key), message: kind === 'digest' ? 'CloudTrail digest file: skipped' : 'CloudTrail Insights file: kept out of AWSCloudTrail' });
          continue;
        }
        found.push({ key, size: o.Size ?? 0, ...(o.LastModified ? { modified: o.LastModified } : {}) });
      }
      if (jump !== undefined) {
        after = jump;
        continue;
      }
      if (!r.IsTruncated || keys.length === 0) break;
    }
    // Iceberg tables: a data file the current snapshot does not list is not fetched
    const live = new Map<string, ReadonlySet<string> | null>();
    for (const [t, names] of [...tables].sort()) {
      if (names.some((n) => n.endsWith('.metadata.json'))) live.set(t, await this.icebergTable(t, names, notes));
    }
    const objects: S3Object[] = [];
    for (const o of found) {
      const table = tableOf(live, o.key);
      const set = table === undefined ? null : live.get(table);
      if (set && !set.has(this.localPath(o.key))) {
        skipped.push({ severity: 'info', file: this.url(o.key), message: `not in the current snapshot of the Iceberg table ${this.url(table!)} (removed by a later snapshot): not read` });
        continue;
      }
      objects.push(o);
    }
    if (pruned > 0) {
      notes.push({ severity: 'info', file: this.url(this.prefix), message: `${pruned} Security Lake partition folders cannot hold a row in the query's time range, region or account: not listed, not read` });
    }
    return { objects, skipped, notes, pruned };
  }

  /**
   * Whether a key lies in a folder that is not read: a partition the filter rules out, or a lake
   * source that is not CloudTrail. Then `next` is a StartAfter past that folder (past every
   * earlier day too, for a day before the range: the days of a folder sort as their dates).
   */
  private leftOut(key: string, filter: PartitionFilter, format: InputFormat): { folder: string; next: string; why: string | null | 'partition' } | null {
    const parts = key.slice(this.prefix.length).split('/');
    let folder = this.prefix;
    for (let i = 0; i < parts.length - 1; i++) {
      const part = parts[i]!;
      const parent = folder;
      folder += `${part}/`;
      const source = format === 'auto' ? lakeSource(`${folder}_`) : null;
      if (source !== null && !CLOUDTRAIL_LAKE_SOURCES.has(source) && lakeSource(`${parent}_`) === null) {
        return { folder, next: `${folder}${LAST}`, why: `Security Lake ${source} data is not CloudTrail: not listed (--input-format reads it)` };
      }
      if (!partitionMayHold(part, filter)) {
        const m = /^(eventDay|eventHour)=(\d+)$/.exec(part);
        const from = m && filter.from !== undefined ? stamp(m[1]!, filter.from) : null;
        const to = m && filter.to !== undefined ? stamp(m[1]!, filter.to) : null;
        if (from !== null && m![2]! < from) return { folder, next: `${parent}${m![1]}=${from}`, why: 'partition' };
        if (to !== null && m![2]! > to) {
          return { folder, next: `${parent}${m![1]}=${LAST}`, why: 'partition' };
        }
        return { folder, next: `${folder}${LAST}`, why: 'partition' };
      }
    }
    return null;
  }

  /** The current snapshot's data files (local cache paths), or null (every file is read, with a note why). */
  private async icebergTable(folder: string, names: readonly string[], notes: Diagnostic[]): Promise<ReadonlySet<string> | null> {
    const metaFolder = `${folder}metadata/`;
    notes.push({ severity: 'info', file: this.url(folder), message: `Apache Iceberg table: its metadata (${names.filter((n) => n.endsWith('.metadata.json')).length} metadata files) is not read as logs` });
    try {
      let hint: string | undefined;
      if (names.includes('version-hint.text')) {
        hint = readFileSync(await this.fetch(`${metaFolder}version-hint.text`), 'utf8');
      }
      const current = currentMetadataName(names, hint);
      if (current === null) return null;
      await this.fetch(`${metaFolder}${current}`);
      const files = await icebergLiveFiles(this.localPath(folder), async (local) => {
        const rel = relative(this.cacheDir, local);
        if (rel.startsWith('..')) throw new Error(`${local} lies outside the bucket's copy`);
        await this.fetch(rel.split(sep).join('/'));
      });
      if (files && files.deleteFiles > 0) {
        notes.push({ severity: 'warning', file: this.url(`${metaFolder}${current}`), message: `${files.deleteFiles} row-level delete files in the current snapshot are not applied: rows they delete are read` });
      }
      return files?.live ?? null;
    } catch (e) {
      notes.push({ severity: 'warning', file: this.url(folder), message: `Iceberg metadata unreadable (${(e as Error).message}): every data file in the table is read, including files a later snapshot removed` });
      return null;
    }
  }

  /** Copies the object into the cache (once per process) and returns its local path. */
  fetch(key: string, modified?: Date): Promise<string> {
    let p = this.cached.get(key);
    if (!p) {
      p = this.download(key, modified);
      this.cached.set(key, p);
      p.catch(() => this.cached.delete(key));
    }
    return p;
  }

  private async download(key: string, modified?: Date): Promise<string> {
    this.calls.get++;
    const bytes = await this.send(async () => {
      const r = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      return r.Body!.transformToByteArray();
    }, `read ${key}`);
    const local = this.localPath(key);
    if (relative(this.cacheDir, local).startsWith('..')) throw new Error(`object key ${key} leads outside the cache folder`);
    mkdirSync(dirname(local), { recursive: true });
    // Not atomic on purpose: a torn copy left by a crash is downloaded again (nothing points at it yet).
    writeFileSync(local, bytes);
    if (modified) utimesSync(local, modified, modified);
    return local;
  }

  private async send<T>(call: () => Promise<T>, what: string): Promise<T> {
    try {
      return await call();
    } catch (e) {
      throw s3Error(`s3://${this.bucket}/${this.prefix}`, this.endpoint, what, e);
    }
  }
}

/** Sorts after any character a key folder's name goes on with (S3 keys are UTF-8; U+FFFE/FFFF are not XML). */
const LAST = '\ufffd';

/** UTF-8 byte order, S3's order of keys. */
function byteOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

/** The `eventDay` (YYYYMMDD) or `eventHour` (YYYYMMDDHH) value of an instant (UTC). */
function stamp(key: string, ticks: bigint): string | null {
  const ms = Number((ticks - UNIX_EPOCH_TICKS) / TICKS_PER_MILLISECOND);
  // years 1000..9999 only: their ISO text has the fixed width the folder names have
  if (!(ms >= -30610224000000 && ms < 253402300800000)) return null;
  const iso = new Date(ms).toISOString();
  const day = iso.slice(0, 4) + iso.slice(5, 7) + iso.slice(8, 10);
  return key === 'eventHour' ? day + iso.slice(11, 13) : day;
}

/** The Iceberg table folder (a key prefix ending in `/`) a key lies in, the innermost one. */
function tableOf(tables: ReadonlyMap<string, unknown>, key: string): string | undefined {
  let best: string | undefined;
  for (const t of tables.keys()) if (key.startsWith(t) && (best === undefined || t.length > best.length)) best = t;
  return best;
}
