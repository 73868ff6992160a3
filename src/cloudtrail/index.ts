/**
 * CloudTrail readers: every CloudTrail delivery format -> rows of Sentinel's AWSCloudTrail.
 * See docs/cloudtrail.md.
 */
import { CloudTrailSource, type CloudTrailOptions } from './source.ts';

export { CloudTrailSource, formatDiagnostic, isS3Url } from './source.ts';
export type { CloudTrailOptions, CloudTrailSummary, ProgressInfo } from './source.ts';
export type { Diagnostic, FileStats, InputFormat } from './types.ts';
export { AWS_CLOUDTRAIL_SCHEMA, AWS_CLOUDTRAIL_TABLE } from './schema.ts';
export { RecordMapper } from './mapping.ts';

/** The AWSCloudTrail table over files and folders (S3 trees, exports, Parquet, CSV...). */
export function openCloudTrail(paths: readonly string[], options: CloudTrailOptions = {}): CloudTrailSource {
  return new CloudTrailSource(paths, options);
}
