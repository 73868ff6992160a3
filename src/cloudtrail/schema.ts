/**
 * The columns of Microsoft Sentinel's `AWSCloudTrail` table, in Sentinel's own order
 * (research/cloudtrail-schema.md §1.1: the order of Microsoft's exported sample CSV).
 */
import type { ColumnSchema, Schema, ScalarType } from '../kql/types.ts';

const COLUMNS: ReadonlyArray<readonly [string, ScalarType]> = [
  ['TimeGenerated', 'datetime'],
  ['AwsEventId', 'string'],
  ['EventVersion', 'string'],
  ['EventSource', 'string'],
  ['EventTypeName', 'string'],
  ['EventName', 'string'],
  ['UserIdentityType', 'string'],
  ['UserIdentityPrincipalid', 'string'],
  ['UserIdentityArn', 'string'],
  ['UserIdentityAccountId', 'string'],
  ['UserIdentityInvokedBy', 'string'],
  ['UserIdentityAccessKeyId', 'string'],
  ['UserIdentityUserName', 'string'],
  ['SessionMfaAuthenticated', 'bool'],
  ['SessionCreationDate', 'datetime'],
  ['SessionIssuerType', 'string'],
  ['SessionIssuerPrincipalId', 'string'],
  ['SessionIssuerArn', 'string'],
  ['SessionIssuerAccountId', 'string'],
  ['SessionIssuerUserName', 'string'],
  ['AWSRegion', 'string'],
  ['SourceIpAddress', 'string'],
  ['UserAgent', 'string'],
  ['ErrorCode', 'string'],
  ['ErrorMessage', 'string'],
  ['RequestParameters', 'string'],
  ['ResponseElements', 'string'],
  ['AdditionalEventData', 'string'],
  ['AwsRequestId', 'string'],
  ['AwsRequestId_', 'string'],
  ['Resources', 'string'],
  ['APIVersion', 'string'],
  ['ReadOnly', 'bool'],
  ['RecipientAccountId', 'string'],
  ['ServiceEventDetails', 'string'],
  ['SharedEventId', 'string'],
  ['VpcEndpointId', 'string'],
  ['ManagementEvent', 'bool'],
  ['TenantId', 'string'],
  ['SourceSystem', 'string'],
  ['OperationName', 'string'],
  ['Category', 'string'],
  ['EC2RoleDelivery', 'string'],
  ['TlsVersion', 'string'],
  ['CipherSuite', 'string'],
  ['ClientProvidedHostHeader', 'string'],
  ['IpProtocol', 'string'],
  ['SourcePort', 'string'],
  ['DestinationPort', 'string'],
  ['CidrIp', 'string'],
  ['UserIdentityUserId', 'string'],
  ['UserIdentityStoreArn', 'string'],
  ['Type', 'string'],
];

export const AWS_CLOUDTRAIL_SCHEMA: Schema = COLUMNS.map(
  ([name, type]): ColumnSchema => Object.freeze({ name, type }),
);

export const AWS_CLOUDTRAIL_TABLE = 'AWSCloudTrail';

/** Column name -> position, for mappers and filters. */
export const COLUMN_INDEX: ReadonlyMap<string, number> = new Map(
  AWS_CLOUDTRAIL_SCHEMA.map((c, i) => [c.name, i]),
);

export function columnIndex(name: string): number {
  const i = COLUMN_INDEX.get(name);
  if (i === undefined) throw new Error(`AWSCloudTrail has no column ${name}`);
  return i;
}
