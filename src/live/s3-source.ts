/**
 * `--s3 s3://bucket/prefix`: lists only the date folders (`.../CloudTrail/<region>/YYYY/MM/DD/`)
 * that can still receive files, i.e. the days from the floor (last poll minus the lateness bound)
 * to today, never the whole bucket. New objects are copied into the state folder's cache (name
 * kept, so the delivery time read from the name is the same as replay's; mtime = LastModified).
 */
import { GetObjectCommand, ListObjectsV2Command, type S3Client, type ListObjectsV2CommandInput, type ListObjectsV2CommandOutput } from '@aws-sdk/client-s3';
import { mkdirSync, utimesSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { deliveryTicksFromName, msToTicks } from '../cloudtrail/time.ts';
import { pathKind } from '../cloudtrail/discover.ts';
import { lakeSource } from '../cloudtrail/lake.ts';
import { makeS3Client, parseS3Url, s3Error, S3SourceError } from '../cloudtrail/s3-client.ts';
import { S3Lake } from '../cloudtrail/s3-lake.ts';
import { TICKS_PER_DAY, UNIX_EPOCH_TICKS } from '../kql/types.ts';
import type { FoundObject, LogSource } from './sources.ts';

export { parseS3Url, S3SourceError };

export interface S3SourceOptions {
  readonly url: string;
  readonly cacheDir: string;
  /** S3-compatible endpoint (path-style addressing is then used). */
  readonly endpoint?: string;
  readonly region?: string;
  /** For tests against a local server; otherwise the SDK's standard credential chain. */
  readonly credentials?: { accessKeyId: string; secretAccessKey: string };
}

export class S3Source implements LogSource {
  readonly description: string;
  readonly client: S3Client;
  readonly bucket: string;
  readonly prefix: string;
  /** Counts of S3 calls (operability, and tests check that listing stays narrow). */
  readonly calls = { list: 0, get: 0 };

  constructor(readonly options: S3SourceOptions) {
    const { bucket, prefix } = parseS3Url(options.url);
    this.bucket = bucket;
    this.prefix = prefix;
    this.description = `s3://${bucket}/${prefix}`;
    this.client = makeS3Client(options);
  }

  /** Set once the bucket's first object under the prefix told which layout it has. */
  private lake: S3Lake | null | undefined;

  async list(floor: bigint, now: bigint, eventsFrom: bigint = floor): Promise<FoundObject[]> {
    const lake = await this.lakeLayout();
    if (lake) return this.listLake(lake, floor, now, eventsFrom);
    const roots = await this.dateRoots();
    const out: FoundObject[] = [];
    for (const root of roots) {
      for (let day = dayOf(floor); day <= dayOf(now); day += TICKS_PER_DAY) {
        for (const o of await this.listAll(root + datePath(day))) {
          if (!o.Key || pathKind(o.Key) !== 'data' || o.Key.endsWith('/')) continue;
          const name = o.Key.slice(o.Key.lastIndexOf('/') + 1);
          const modified = o.LastModified ? msToTicks(o.LastModified.getTime()) : now;
          const delivered = deliveryTicksFromName(name) ?? modified;
          if (delivered < floor) continue;
          const key = o.Key;
          out.push({ key, delivered, fetch: () => this.download(key, o.LastModified) });
        }
      }
    }
    return out;
  }

  /**
   * A Security Lake bucket (`aws/CLOUD_TRAIL_MGMT/2.0/region=…/accountId=…/eventDay=…/`): the
   * prefix, or the first key under it, lies in a lake source's folder.
   */
  private async lakeLayout(): Promise<S3Lake | null> {
    if (this.lake !== undefined) return this.lake;
    let isLake = lakeSource(`${this.prefix}_`) !== null;
    if (!isLake) {
      this.calls.list++;
      const first = (await this.listObjects({ Bucket: this.bucket, Prefix: this.prefix, MaxKeys: 1 })).Contents?.[0]?.Key;
      if (first === undefined) return null; // an empty bucket: asked again at the next poll
      isLake = lakeSource(first) !== null;
    }
    this.lake = isLake ? new S3Lake(this.client, this.bucket, this.prefix, this.options.cacheDir, this.options.endpoint) : null;
    return this.lake;
  }

  /**
   * A lake's partitions are by event time, not delivery: only the `eventDay=` (and `eventHour=`)
   * folders from the earliest event a run may still need (`eventsFrom`) to now are listed; of
   * their objects, those stamped (LastModified) at or after the floor are new.
   */
  private async listLake(lake: S3Lake, floor: bigint, now: bigint, eventsFrom: bigint): Promise<FoundObject[]> {
    const before = { ...lake.calls };
    try {
      const listing = await lake.list({ from: eventsFrom < floor ? eventsFrom : floor, to: now, sets: new Map() }, 'auto');
      const out: FoundObject[] = [];
      for (const o of listing.objects) {
        const delivered = o.modified ? msToTicks(o.modified.getTime()) : now;
        if (delivered < floor) continue;
        out.push({
          key: o.key,
          delivered,
          fetch: async () => {
            const gets = lake.calls.get;
            try {
              return { local: await lake.fetch(o.key, o.modified), cached: true };
            } finally {
              this.calls.get += lake.calls.get - gets;
            }
          },
        });
      }
      return out;
    } finally {
      this.calls.list += lake.calls.list - before.list;
      this.calls.get += lake.calls.get - before.get;
    }
  }

  /**
   * The folders whose children are years (`.../CloudTrail/<region>/`), found without listing the
   * bucket and without delimiters: ask for the first key after the last root found (StartAfter =
   * root + "~", above the digits of every date key, skips the whole root), so the cost is one call per root.
   */
  private async dateRoots(): Promise<string[]> {
    const roots: string[] = [];
    let after: string | undefined;
    for (let i = 0; i < 1000; i++) {
      this.calls.list++;
      const r = await this.listObjects({ Bucket: this.bucket, Prefix: this.prefix, MaxKeys: 1, StartAfter: after });
      const key = r.Contents?.[0]?.Key;
      if (key === undefined) break;
      const m = /^(.*?\/)\d{4}\/\d{2}\/\d{2}\//.exec(key);
      if (m === null) {
        after = key; // not CloudTrail's layout: step over this one key
        continue;
      }
      if (pathKind(m[1]!) === 'data') roots.push(m[1]!);
      after = `${m[1]!}~`;
    }
    return roots;
  }

  private async listObjects(input: ListObjectsV2CommandInput): Promise<ListObjectsV2CommandOutput> {
    try {
      return await this.client.send(new ListObjectsV2Command(input));
    } catch (e) {
      throw sourceError(this, 'list objects', e);
    }
  }

  private async listAll(prefix: string): Promise<Array<{ Key?: string; LastModified?: Date }>> {
    const out: Array<{ Key?: string; LastModified?: Date }> = [];
    let token: string | undefined;
    do {
      this.calls.list++;
      const r = await this.listObjects({ Bucket: this.bucket, Prefix: prefix, ContinuationToken: token });
      out.push(...(r.Contents ?? []));
      token = r.IsTruncated ? r.NextContinuationToken : undefined;
    } while (token);
    return out;
  }

  private async download(key: string, modified: Date | undefined): Promise<{ local: string; cached: boolean }> {
    this.calls.get++;
    let bytes: Uint8Array;
    try {
      const r = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      bytes = await r.Body!.transformToByteArray();
    } catch (e) {
      throw sourceError(this, `read ${key}`, e);
    }
    const local = join(this.options.cacheDir, key);
    mkdirSync(dirname(local), { recursive: true });
    // Not atomic on purpose: the state only points at it after this returns; a torn copy left
    // by a crash is simply downloaded again (the object is not in state.objects yet).
    writeFileSync(local, bytes);
    if (modified) utimesSync(local, modified, modified);
    return { local, cached: true };
  }
}

function sourceError(source: S3Source, what: string, e: unknown): S3SourceError {
  return s3Error(source.description, source.options.endpoint, what, e);
}

function dayOf(t: bigint): bigint {
  return t - (((t % TICKS_PER_DAY) + TICKS_PER_DAY) % TICKS_PER_DAY);
}

function datePath(day: bigint): string {
  const d = new Date(Number((day - UNIX_EPOCH_TICKS) / 10_000n));
  return `${d.getUTCFullYear()}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${String(d.getUTCDate()).padStart(2, '0')}/`;
}

