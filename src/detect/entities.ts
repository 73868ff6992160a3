/**
 * Sentinel entity types and their identifiers, and which identifier combinations make an entity
 * strong enough to be mapped (Azure-Sentinel schema validation, `EntityMappingIdentifiers.cs` and
 * `ValidEntityMappingsAttribute.cs`, summarised in kql-semantics.md §9.5; identifier lists from
 * learn.microsoft.com/azure/sentinel/entities-reference).
 */
export const ENTITY_IDENTIFIERS: ReadonlyMap<string, readonly string[]> = new Map([
  ['Account', ['Name', 'FullName', 'NTDomain', 'DnsDomain', 'UPNSuffix', 'Sid', 'AadTenantId', 'AadUserId', 'PUID', 'IsDomainJoined', 'DisplayName', 'ObjectGuid', 'CloudAppAccountId']],
  ['Host', ['DnsDomain', 'NTDomain', 'HostName', 'FullName', 'NetBiosName', 'AzureID', 'OMSAgentID', 'OSFamily', 'OSVersion', 'IsDomainJoined']],
  ['IP', ['Address']],
  ['Malware', ['Name', 'Category']],
  ['File', ['Directory', 'Name']],
  ['Process', ['ProcessId', 'CommandLine', 'ElevationToken', 'CreationTimeUtc']],
  ['CloudApplication', ['AppId', 'Name', 'InstanceName']],
  ['DNS', ['DomainName']],
  ['AzureResource', ['ResourceId']],
  ['FileHash', ['Algorithm', 'Value']],
  ['RegistryKey', ['Hive', 'Key']],
  ['RegistryValue', ['Name', 'Value', 'ValueType']],
  ['SecurityGroup', ['DistinguishedName', 'SID', 'ObjectGuid']],
  ['URL', ['Url']],
  ['IoTDevice', ['IoTHub', 'DeviceId', 'DeviceName', 'IoTSecurityAgentId', 'DeviceType', 'Source', 'SourceRef', 'Manufacturer', 'Model', 'OperatingSystem', 'IpAddress', 'MacAddress', 'Protocols', 'SerialNumber']],
  ['Mailbox', ['MailboxPrimaryAddress', 'DisplayName', 'Upn', 'ExternalDirectoryObjectId', 'RiskLevel']],
  ['MailCluster', ['NetworkMessageIds', 'CountByDeliveryStatus', 'CountByThreatType', 'CountByProtectionStatus', 'Threats', 'Query', 'QueryTime', 'MailCount', 'IsVolumeAnomaly', 'Source', 'ClusterSourceIdentifier', 'ClusterSourceType', 'ClusterQueryStartTime', 'ClusterQueryEndTime', 'ClusterGroup']],
  ['MailMessage', ['Recipient', 'Urls', 'Threats', 'Sender', 'P1Sender', 'P1SenderDisplayName', 'P1SenderDomain', 'SenderIP', 'P2Sender', 'P2SenderDisplayName', 'P2SenderDomain', 'ReceivedDate', 'NetworkMessageId', 'InternetMessageId', 'Subject', 'AntispamDirection', 'DeliveryAction', 'DeliveryLocation', 'Language', 'ThreatDetectionMethods']],
  ['SubmissionMail', ['SubmissionId', 'SubmissionDate', 'Submitter', 'NetworkMessageId', 'Timestamp', 'Recipient', 'Sender', 'SenderIp', 'Subject', 'ReportType']],
]);

/** For the types the schema checks: one of these sets must be fully mapped (§9.5). */
export const REQUIRED_IDENTIFIERS: ReadonlyMap<string, readonly (readonly string[])[]> = new Map([
  ['Account', [['FullName'], ['Sid'], ['Name'], ['AadUserId'], ['PUID'], ['ObjectGuid']]],
  ['IP', [['Address']]],
  ['Host', [['FullName'], ['HostName'], ['NetBiosName'], ['AzureID'], ['OMSAgentID']]],
  ['URL', [['Url']]],
  ['CloudApplication', [['AppId'], ['Name']]],
  ['FileHash', [['Algorithm', 'Value']]],
]);

/** The 16 tactics the schema accepts (AttackTactic.cs). */
export const TACTICS: readonly string[] = [
  'InitialAccess', 'Execution', 'Persistence', 'PrivilegeEscalation', 'DefenseEvasion', 'CredentialAccess', 'Discovery',
  'LateralMovement', 'Collection', 'Exfiltration', 'CommandAndControl', 'Impact', 'Reconnaissance', 'ResourceDevelopment',
  'ImpairProcessControl', 'InhibitResponseFunction',
];
