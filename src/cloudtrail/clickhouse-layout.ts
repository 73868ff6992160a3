/**
 * How the AWSCloudTrail table is laid out in ClickHouse (docs/clickhouse.md): one partition per
 * day of TimeGenerated (rules look back minutes to days: a run reads the partitions of its
 * lookback), sorted by EventName then TimeGenerated (rules and hunts filter on the API called and
 * the time), one row per eventID.
 */
import type { TableLayout } from '../clickhouse/table.ts';
import { AWS_CLOUDTRAIL_SCHEMA, AWS_CLOUDTRAIL_TABLE } from './schema.ts';

export const AWS_CLOUDTRAIL_LAYOUT: TableLayout = {
  name: AWS_CLOUDTRAIL_TABLE,
  schema: AWS_CLOUDTRAIL_SCHEMA,
  partitionDay: 'TimeGenerated',
  orderBy: ['EventName', 'TimeGenerated'],
  idColumn: 'AwsEventId',
};
