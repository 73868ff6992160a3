/**
 * The S3 client and its errors, shared by `--logs s3://…` (s3-lake.ts) and `watch --s3`
 * (src/live/s3-source.ts). The AWS SDK takes longer to load than the rest of the CLI: this module
 * is only imported when an s3:// address is given.
 */
import { S3Client } from '@aws-sdk/client-s3';

export interface S3Access {
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

export function parseS3Url(url: string, option = '--s3'): { bucket: string; prefix: string } {
  const m = /^s3:\/\/([^/]+)\/?(.*)$/i.exec(url);
  if (!m) throw new S3SourceError(`${option} must look like s3://bucket/prefix, got "${url}"`);
  const prefix = m[2]!;
  return { bucket: m[1]!, prefix: prefix === '' || prefix.endsWith('/') ? prefix : `${prefix}/` };
}

export function makeS3Client(access: S3Access): S3Client {
  if (access.endpoint !== undefined && !/^https?:$/.test(protocolOf(access.endpoint))) {
    throw new S3SourceError(`--endpoint must be an http:// or https:// URL, got "${access.endpoint}"`);
  }
  return new S3Client({
    region: access.region ?? process.env.AWS_REGION ?? 'us-east-1',
    ...(access.endpoint ? { endpoint: access.endpoint, forcePathStyle: true } : {}),
    ...(access.credentials ? { credentials: access.credentials } : {}),
  });
}

function protocolOf(url: string): string {
  try {
    return new URL(url).protocol;
  } catch {
    return '';
  }
}

/** An SDK error as one line that names the bucket (and the endpoint, when one was given). */
export function s3Error(where: string, endpoint: string | undefined, what: string, e: unknown): S3SourceError {
  const err = e as Error & { $metadata?: { httpStatusCode?: number } };
  const at = `${where}${endpoint ? ` at ${endpoint}` : ''}`;
  const why =
    err?.name === 'CredentialsProviderError'
      ? 'no AWS credentials (set AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or run where an instance role is available)'
      : `${err?.message || err?.name || String(e)}${err?.$metadata?.httpStatusCode ? ` (HTTP ${err.$metadata.httpStatusCode})` : ''}`;
  return new S3SourceError(`${at}: cannot ${what}: ${why}`);
}
