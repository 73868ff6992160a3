/**
 * `--s3 s3://bucket/prefix`: lists only the date folders (`.../CloudTrail/<region>/YYYY/MM/DD/`)
 * that can still receive files, i.e. the days from the floor (last poll minus the lateness bound)
 * to today, never the whole bucket. New objects are copied into the state folder's cache (name
 * kept, so the delivery time read from the name is the same as replay's; mtime = LastModified).
 */
import { GetObjectCommand, ListObjectsV2Command, S3Client, type ListObjectsV2CommandInput, type ListObjectsV2CommandOutput } from '@aws-sdk/client-s3';
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

/**
 * The bucket or its address is wrong or cannot be reached (reported as one line, exit 2; a
 * long-running watch logs it and tries again at the next poll).
 */
export class S3SourceError extends Error {
  override name = 'UsageError';
}

export function parseS3Url(url: string): { bucket: string; prefix: string } {
  const m = /^s3:\/\/([^/]+)\/?(.*)$/.exec(url);
  if (!m) throw new S3SourceError(`--s3 must look like s3://bucket/prefix, got "${url}"`);
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
    if (options.endpoint !== undefined && !/^https?:$/.test(protocolOf(options.endpoint))) {
      throw new S3SourceError(`--endpoint must be an http:// or https:// URL, got "${options.endpoint}"`);
    }
    this.client = new S3Client({
      region: options.region ?? process.env.AWS_REGION ?? 'us-east-1',
      ...(options.endpoint ? { endpoint: options.endpoint, forcePathStyle: true } : {}),
      ...(options.credentials ? { credentials: options.credentials } : {}),
    });
  }

  async list(floor: bigint, now: bigint): Promise<FoundObject[]> {
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

function protocolOf(url: string): string {
  try {
    return new URL(url).protocol;
  } catch {
    return '';
  }
}

/** An SDK error as one line that names the bucket (and the endpoint, when one was given). */
function sourceError(source: S3Source, what: string, e: unknown): S3SourceError {
  const err = e as Error & { $metadata?: { httpStatusCode?: number } };
  const where = `${source.description}${source.options.endpoint ? ` at ${source.options.endpoint}` : ''}`;
  const why =
    err?.name === 'CredentialsProviderError'
      ? 'no AWS credentials (set AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or run where an instance role is available)'
      : `${err?.message || err?.name || String(e)}${err?.$metadata?.httpStatusCode ? ` (HTTP ${err.$metadata.httpStatusCode})` : ''}`;
  return new S3SourceError(`${where}: cannot ${what}: ${why}`);
}

function dayOf(t: bigint): bigint {
  return t - (((t % TICKS_PER_DAY) + TICKS_PER_DAY) % TICKS_PER_DAY);
}

function datePath(day: bigint): string {
  const d = new Date(Number((day - UNIX_EPOCH_TICKS) / 10_000n));
  return `${d.getUTCFullYear()}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${String(d.getUTCDate()).padStart(2, '0')}/`;
}

