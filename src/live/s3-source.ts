/**
 * `--s3 s3://bucket/prefix`: lists only the date folders (`.../CloudTrail/<region>/YYYY/MM/DD/`)
 * that can still receive files, i.e. the days from the floor (last poll minus the lateness bound)
 * to today, never the whole bucket. New objects are copied into the state folder's cache (name
 * kept, so the delivery time read from the name is the same as replay's; mtime = LastModified).
 */
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { mkdirSync, utimesSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { deliveryTicksFromName, msToTicks } from '../cloudtrail/time.ts';
import { pathKind } from '../cloudtrail/discover.ts';
import { TICKS_PER_DAY, UNIX_EPOCH_TICKS } from '../kql/types.ts';
import type { FoundObject, LogSource } from './sources.ts';

export interface S3SourceOptions {
  readonly url: string;
  readonly cacheDir: string;
  /** S3-compatible endpoint (path-style addressing is then used). */
  readonly endpoint?: string;
  readonly region?: string;
  /** For tests against a local server; otherwise the SDK's standard credential chain. */
  readonly credentials?: { accessKeyId: string; secretAccessKey: string };
}

export function parseS3Url(url: string): { bucket: string; prefix: string } {
  const m = /^s3:\/\/([^/]+)\/?(.*)$/.exec(url);
  if (!m) throw new Error(`--s3 must look like s3://bucket/prefix, got "${url}"`);
  const prefix = m[2]!;
  return { bucket: m[1]!, prefix: prefix === '' || prefix.endsWith('/') ? prefix : `${prefix}/` };
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
    this.client = new S3Client({
      region: options.region ?? process.env.AWS_REGION ?? 'us-east-1',
      ...(options.endpoint ? { endpoint: options.endpoint, forcePathStyle: true } : {}),
      ...(options.credentials ? { credentials: options.credentials } : {}),
    });
  }

  async list(floor: bigint, now: bigint): Promise<FoundObject[]> {
    const roots = await this.dateRoots(this.prefix, 0);
    const out: FoundObject[] = [];
    for (const root of roots) {
      for (let day = dayOf(floor); day <= dayOf(now); day += TICKS_PER_DAY) {
        for (const o of await this.listAll(root + datePath(day), undefined)) {
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

  /** The folders whose children are years: walk common prefixes down from the given prefix. */
  private async dateRoots(prefix: string, depth: number): Promise<string[]> {
    const parts = prefix.split('/').filter((p) => p !== '');
    // The user may point at a region folder already, or even inside a year.
    if (parts.length > 0 && /^\d{4}$/.test(parts[parts.length - 1]!)) return [prefix.slice(0, prefix.length - parts[parts.length - 1]!.length - 1)];
    if (depth > 6) return [];
    const children = await this.listAll(prefix, '/', true);
    const dirs = children.map((c) => c.Prefix!).filter((p) => p !== undefined);
    if (dirs.some((d) => /\/\d{4}\/$/.test(d) || /^\d{4}\/$/.test(d))) return [prefix];
    const out: string[] = [];
    for (const d of dirs) {
      if (/CloudTrail-(Digest|Insight)\/$/.test(d)) continue;
      out.push(...(await this.dateRoots(d, depth + 1)));
    }
    return out;
  }

  private async listAll(prefix: string, delimiter: string | undefined, prefixes = false): Promise<Array<{ Key?: string; LastModified?: Date; Prefix?: string }>> {
    const out: Array<{ Key?: string; LastModified?: Date; Prefix?: string }> = [];
    let token: string | undefined;
    do {
      this.calls.list++;
      const r = await this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, Delimiter: delimiter, ContinuationToken: token }));
      if (prefixes) out.push(...(r.CommonPrefixes ?? []));
      else out.push(...(r.Contents ?? []));
      token = r.IsTruncated ? r.NextContinuationToken : undefined;
    } while (token);
    return out;
  }

  private async download(key: string, modified: Date | undefined): Promise<{ local: string; cached: boolean }> {
    this.calls.get++;
    const r = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
    const bytes = await r.Body!.transformToByteArray();
    const local = join(this.options.cacheDir, key);
    mkdirSync(dirname(local), { recursive: true });
    // Not atomic on purpose: the state only points at it after this returns; a torn copy left
    // by a crash is simply downloaded again (the object is not in state.objects yet).
    writeFileSync(local, bytes);
    if (modified) utimesSync(local, modified, modified);
    return { local, cached: true };
  }
}

function dayOf(t: bigint): bigint {
  return t - (((t % TICKS_PER_DAY) + TICKS_PER_DAY) % TICKS_PER_DAY);
}

function datePath(day: bigint): string {
  const d = new Date(Number((day - UNIX_EPOCH_TICKS) / 10_000n));
  return `${d.getUTCFullYear()}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${String(d.getUTCDate()).padStart(2, '0')}/`;
}

