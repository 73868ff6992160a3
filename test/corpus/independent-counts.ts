/**
 * What Microsoft's rules should return on the `examples` sample, worked out independently of
 * trailhound: a plain script over the raw CloudTrail JSON records (gunzip + JSON.parse, no
 * reader, no KQL), following each rule's query by hand. Each expectation gives, for every row the
 * rule's query must return, the value of one column; the corpus test compares those values (as a
 * multiset) with the rows trailhound returned.
 *
 * Raw field -> column, as the Sentinel AWS S3 connector maps them (docs/cloudtrail.md):
 * eventName EventName, eventType EventTypeName, userIdentity.{type, principalId, arn, accountId,
 * userName} UserIdentity*, sessionContext.attributes.mfaAuthenticated SessionMfaAuthenticated,
 * sourceIPAddress SourceIpAddress, awsRegion AWSRegion, eventSource EventSource, userAgent
 * UserAgent, recipientAccountId RecipientAccountId, requestParameters/responseElements/
 * additionalEventData as JSON text, errorCode/errorMessage ErrorCode/ErrorMessage.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Raw = Record<string, any>;

/** Every record under the folders: `.json` / `.json.gz` files holding `{"Records": [...]}`. */
export function rawRecords(paths: readonly string[]): Raw[] {
  const out: Raw[] = [];
  const visit = (p: string): void => {
    if (statSync(p).isDirectory()) {
      for (const f of readdirSync(p).sort()) visit(join(p, f));
      return;
    }
    if (!/\.json(\.gz)?$/.test(p)) return;
    const bytes = readFileSync(p);
    const text = (p.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
    out.push(...(JSON.parse(text) as { Records: Raw[] }).Records);
  };
  for (const p of paths) visit(p);
  return out;
}

/** A string column's value: missing and null are the empty string; objects are JSON text. */
const text = (v: unknown): string => (v === undefined || v === null ? '' : typeof v === 'string' ? v : JSON.stringify(v));
const ui = (r: Raw): Raw => r.userIdentity ?? {};
const mfa = (r: Raw): string => text(ui(r).sessionContext?.attributes?.mfaAuthenticated);
const ok = (r: Raw): boolean => !r.errorCode && !r.errorMessage;
const named = (r: Raw, names: readonly string[]): boolean => names.some((n) => n.toLowerCase() === String(r.eventName).toLowerCase());

/** The rules' AccountName / AccountUPNSuffix: the user name, else the ARN's last part; split at @. */
function account(r: Raw): [string, string] {
  const arn = text(ui(r).arn) || text(r.resources?.[0]?.ARN);
  const fromArn = arn.split('/').pop() ?? '';
  const name = ui(r).principalId === 'Anonymous' ? 'Anonymous' : text(ui(r).userName) === '' ? fromArn : text(ui(r).userName);
  return name.includes('@') ? [name.split('@')[0]!, name.split('@')[1]!] : [name, ''];
}

/** One value per distinct key (a summarize by those columns), as the value of `column` of the group. */
function groups(records: readonly Raw[], key: (r: Raw) => unknown[], value: (r: Raw) => string): string[] {
  const seen = new Map<string, string>();
  for (const r of records) {
    const k = JSON.stringify(key(r).map(text));
    if (!seen.has(k)) seen.set(k, value(r));
  }
  return [...seen.values()];
}

/** A policy document's statements: policies are logged as JSON text or as objects. */
function statements(policy: unknown): Raw[] {
  const doc = typeof policy === 'string' ? (JSON.parse(policy) as Raw) : (policy as Raw | undefined);
  const s = doc?.Statement;
  return s === undefined ? [] : Array.isArray(s) ? s : [s];
}

/** A dynamic value as tostring() writes it: strings as they are, anything else as JSON. */
const tostring = (v: unknown): string => text(v);

const grantsOf = (r: Raw): Raw[] => {
  const g = r.requestParameters?.AccessControlPolicy?.AccessControlList?.Grant;
  if (g === undefined) return [];
  // mv-expand of a single grant (a bag) makes one row per property; the samples have lists only.
  if (!Array.isArray(g)) throw new Error(`${r.eventID}: a single S3 grant is not modelled here`);
  return g;
};
const publicGrant = (g: Raw): boolean => g.Grantee?.['xsi:type'] === 'Group' && /(AllUsers|AuthenticatedUsers)$/.test(String(g.Grantee?.URI ?? ''));

const common = (r: Raw): unknown[] => [ui(r).accountId, ui(r).principalId, r.userAgent, ui(r).userName, mfa(r), r.sourceIPAddress, r.awsRegion, r.eventSource];

export interface Expectation {
  /** The rule's file name ends with this. */
  readonly file: string;
  /** The column whose values are compared. */
  readonly column: string;
  /** For each row the rule's query must return, that column's value. */
  readonly rows: (records: readonly Raw[]) => string[];
}

const TRAIL = ['UpdateTrail', 'DeleteTrail', 'StopLogging', 'DeleteFlowLogs', 'DeleteEventBus'];
const SECURITY_GROUP = ['AuthorizeSecurityGroupEgress', 'AuthorizeSecurityGroupIngress', 'RevokeSecurityGroupEgress', 'RevokeSecurityGroupIngress'];

export const EXPECTATIONS: readonly Expectation[] = [
  {
    file: 'AWS_ChangeToRDSDatabase.yaml',
    column: 'EventName',
    rows: (rs) => groups(rs.filter((r) => named(r, ['AuthorizeDBSecurityGroupIngress', 'CreateDBSecurityGroup', 'DeleteDBSecurityGroup', 'RevokeDBSecurityGroupIngress'])),
      (r) => [r.eventName, r.eventType, ...common(r), r.additionalEventData, r.responseElements], (r) => r.eventName),
  },
  {
    file: 'AWS_ChangeToVPC.yaml',
    column: 'EventName',
    rows: (rs) => groups(rs.filter((r) => named(r, ['CreateNetworkAclEntry', 'CreateRoute', 'CreateRouteTable', 'CreateInternetGateway', 'CreateNatGateway'])),
      (r) => [r.eventName, r.eventType, r.recipientAccountId, ...account(r), ...common(r), r.additionalEventData, r.responseElements], (r) => r.eventName),
  },
  {
    file: 'AWS_ClearStopChangeTrailLogs.yaml',
    column: 'EventName',
    rows: (rs) => groups(rs.filter((r) => named(r, TRAIL)), (r) => [r.eventName, r.eventType, ...common(r)], (r) => r.eventName),
  },
  {
    file: 'AWS_ConfigServiceResourceDeletion.yaml',
    column: 'EventName',
    rows: (rs) => groups(rs.filter((r) => named(r, TRAIL)), (r) => [r.eventName, r.eventType, r.recipientAccountId, ...account(r), ...common(r)], (r) => r.eventName),
  },
  {
    file: 'AWS_LogTampering.yaml',
    column: 'EventName',
    rows: (rs) =>
      groups(
        rs.filter((r) => ok(r) && (named(r, [...TRAIL, 'DeleteLogGroup']) || (r.eventName === 'UpdateTrail' && (r.requestParameters?.enableLogFileValidation === false || r.requestParameters?.isMultiRegionTrail === false)))),
        (r) => [r.eventName, r.eventType, r.recipientAccountId, ...account(r), ...common(r)],
        (r) => r.eventName,
      ),
  },
  ...['__AWS_ConsoleLogonWithoutMFA.yaml', 'NRT_AWS_ConsoleLogonWithoutMFA.yaml'].map((file) => ({
    file,
    column: 'SourceIpAddress',
    rows: (rs: readonly Raw[]) =>
      groups(
        rs.filter((r) => named(r, ['ConsoleLogin']) && text(r.additionalEventData?.MFAUsed).toLowerCase() !== 'yes' && text(r.responseElements?.ConsoleLogin).toLowerCase() !== 'failure' && !text(ui(r).sessionContext?.sessionIssuer?.userName).toLowerCase().includes('awsreservedsso')),
        (r) => [r.eventName, r.eventType, r.responseElements?.ConsoleLogin, r.additionalEventData?.MFAUsed, r.recipientAccountId, ...account(r), ...common(r).slice(0, 7), ...(file.startsWith('NRT') ? [] : [text(ui(r).principalId).indexOf(':')])],
        (r) => r.sourceIPAddress,
      ),
  })),
  {
    file: 'AWS_CredentialHijack.yaml',
    column: 'SourceIpAddress',
    rows: (rs) => groups(rs.filter((r) => named(r, ['GetCallerIdentity']) && text(ui(r).type).toLowerCase() === 'assumedrole'),
      (r) => [r.sourceIPAddress, r.eventName, r.eventType, ui(r).type, ...common(r), r.additionalEventData, r.responseElements], (r) => r.sourceIPAddress),
  },
  {
    file: 'AWS_IngressEgressSecurityGroupChange.yaml',
    column: 'EventName',
    rows: (rs) => groups(rs.filter((r) => named(r, SECURITY_GROUP)),
      (r) => [r.eventSource, r.eventName, ui(r).type, r.recipientAccountId, ...account(r), r.sourceIPAddress, r.userAgent, mfa(r), r.awsRegion, r.additionalEventData, ui(r).accountId, ui(r).principalId, r.responseElements], (r) => r.eventName),
  },
  {
    file: 'AWS_LoadBalancerSecGroupChange.yaml',
    column: 'EventName',
    rows: (rs) => groups(rs.filter((r) => named(r, ['ApplySecurityGroupsToLoadBalancer', 'SetSecurityGroups'])),
      (r) => [r.eventSource, r.eventName, ui(r).type, r.sourceIPAddress, r.userAgent, mfa(r), r.awsRegion, r.additionalEventData, r.recipientAccountId, ...account(r), ui(r).accountId, ui(r).principalId, r.responseElements], (r) => r.eventName),
  },
  {
    file: 'AWS_CreationofEncryptKeysWithoutMFA.yaml',
    column: 'EventName',
    rows: (rs) => rs.filter((r) => ['CreateKey', 'PutKeyPolicy'].includes(r.eventName) && ok(r) &&
      statements(r.requestParameters?.policy).some((s) => Array.isArray(s.Action) && ['kms:Encrypt', 'kms:*'].includes(s.Action[0]) && s.Effect === 'Allow' && tostring(s.Principal).includes('*'))).map((r) => r.eventName),
  },
  {
    file: 'AWS_OverlyPermessiveKMS.yaml',
    column: 'EventName',
    rows: (rs) => rs.filter((r) => ['CreateKey', 'PutKeyPolicy'].includes(r.eventName) && ok(r)).flatMap((r) =>
      statements(r.requestParameters?.policy)
        .filter((s) => String(s.Effect).toLowerCase() === 'allow' && ['kms:Encrypt', 'kms:*'].includes(tostring(s.Action)) && (tostring(s.Principal?.AWS) || tostring(s.Principal)) === '*')
        .map(() => r.eventName)),
  },
  {
    file: 'AWS_EC2StartupShellScriptChanged.yaml',
    column: 'EventName',
    rows: (rs) => rs.filter((r) => named(r, ['ModifyInstanceAttribute', 'CreateLaunchTemplate']) && tostring(r.requestParameters?.userData) !== '').map((r) => r.eventName),
  },
  {
    file: 'AWS_ECRImageScanningDisabled.yaml',
    column: 'EventName',
    rows: (rs) => groups(rs.filter((r) => r.eventName === 'PutImageScanningConfiguration' && ok(r) && r.requestParameters?.imageScanningConfiguration?.scanOnPush === false),
      (r) => [r.eventTime, r.eventName, r.sourceIPAddress, ui(r).arn, ui(r).userName], (r) => r.eventName),
  },
  {
    file: 'AWS_GuardDutyDisabled.yaml',
    column: 'EventName',
    rows: (rs) => rs.filter((r) => ok(r) && (r.eventName === 'DeleteDetector' || (r.eventName === 'UpdateDetector' && tostring(r.requestParameters?.enable) === 'false'))).map((r) => r.eventName),
  },
  {
    file: 'AWS_NetworkACLOpenToAllPorts.yaml',
    column: 'EventName',
    rows: (rs) => rs.filter((r) => {
      const p = r.requestParameters ?? {};
      const ports = p.portRange === undefined ? undefined : Number(p.portRange.to) - Number(p.portRange.from);
      return ['CreateNetworkAclEntry', 'ReplaceNetworkAclEntry'].includes(r.eventName) && ok(r) && ports !== undefined && p.ruleAction === 'allow' && p.egress === false && p.aclProtocol === '-1' && ports > 1024;
    }).map((r) => r.eventName),
  },
  {
    file: 'AWS_PrivilegeEscalationAdministratorAccessManagedPolicy.yaml',
    column: 'EventName',
    rows: (rs) => rs.filter((r) => ['AttachUserPolicy', 'AttachRolePolicy', 'AttachGroupPolicy'].includes(r.eventName) && ok(r) && text(r.requestParameters?.policyArn).startsWith('arn:aws:iam::aws:policy/AdministratorAccess')).map((r) => r.eventName),
  },
  {
    file: 'AWS_RDSInstancePubliclyExposed.yaml',
    column: 'EventName',
    rows: (rs) => rs.filter((r) => r.eventName === 'ModifyDBInstance' && ok(r) && tostring(r.requestParameters?.publiclyAccessible) === 'true').map((r) => r.eventName),
  },
  {
    file: 'AWS_S3BucketAccessPointExposed.yaml',
    column: 'EventName',
    rows: (rs) => groups(rs.filter((r) => r.eventName === 'PutAccessPointPolicy' && ok(r) &&
      statements(r.requestParameters?.PutAccessPointPolicyRequest?.Policy).some((s) => String(s.Effect).toLowerCase() === 'allow' && (tostring(s.Principal?.AWS) === '*' || tostring(s.Principal) === '*') && tostring(s.Condition) === '')),
      (r) => [r.eventTime, r.eventName, r.sourceIPAddress, r.recipientAccountId, ...account(r), ui(r).arn, ui(r).userName], (r) => r.eventName),
  },
  {
    file: 'AWS_S3BucketExposedviaPolicy.yaml',
    column: 'EventName',
    rows: (rs) => groups(rs.filter((r) => r.eventName === 'PutBucketPolicy' && ok(r) &&
      statements(r.requestParameters?.bucketPolicy).some((s) => String(s.Effect).toLowerCase() === 'allow' && (tostring(s.Principal?.AWS) === '*' || tostring(s.Principal) === '*') && tostring(s.Condition) === '')),
      (r) => [r.eventTime, r.eventName, r.sourceIPAddress, ui(r).arn, ui(r).userName], (r) => r.eventName),
  },
  ...[['AWS_S3BucketExposedviaACL.yaml', 'PutBucketAcl'], ['AWS_S3ObjectPubliclyExposed.yaml', 'PutObjectAcl']].map(([file, name]) => ({
    file: file!,
    column: 'EventName',
    rows: (rs: readonly Raw[]) => rs.filter((r) => r.eventName === name && ok(r)).flatMap((r) => grantsOf(r).filter(publicGrant).map(() => r.eventName)),
  })),
  ...[['AWS_SAMLUpdateIdentity.yaml', 'UpdateSAMLProvider'], ['AWS_SetDefaulyPolicyVersion.yaml', 'SetDefaultPolicyVersion']].map(([file, name]) => ({
    file: file!,
    column: 'EventName',
    rows: (rs: readonly Raw[]) => rs.filter((r) => r.eventName === name && ok(r)).map((r) => r.eventName),
  })),
  {
    file: 'AWS_UnauthorizedInstanceSetUpAttempt.yaml',
    column: 'SourceIpAddress',
    rows: (rs) => rs.filter((r) => r.eventName === 'RunInstances' && r.errorCode === 'Client.UnauthorizedOperation').map((r) => r.sourceIPAddress),
  },
  {
    file: 'AWS_UserAccessKeyCreated.yaml',
    column: 'SourceIpAddress',
    rows: (rs) => rs.filter((r) => r.eventName === 'CreateAccessKey').map((r) => r.sourceIPAddress),
  },
  {
    // Full-admin policies created (Allow, Action *, Resource *), each with the attach groups of a
    // policy of that name (a left outer join: no attach still gives the policy's row).
    file: 'AWS_FullAdminPolicyAttachedToRolesUsersGroups.yaml',
    column: 'PolicyName',
    rows: (rs) => {
      const created = rs.filter((r) => ['CreatePolicy', 'CreatePolicyVersion'].includes(r.eventName) &&
        statements(r.requestParameters?.policyDocument).some((s) => String(s.Effect).toLowerCase() === 'allow' && [s.Action].flat().some((a) => tostring(a) === '*') && tostring(s.Resource) === '*'));
      const attachName = (r: Raw): string => text(r.requestParameters?.policyArn).split('/')[1] ?? '';
      const attaches = rs.filter((r) => ['AttachUserPolicy', 'AttachRolePolicy', 'AttachGroupPolicy'].includes(r.eventName));
      const policies = groups(created, (r) => [r.eventTime, r.eventName, r.requestParameters?.policyName, r.sourceIPAddress, ui(r).arn, ui(r).userName, r.recipientAccountId, ...account(r)], (r) => text(r.requestParameters?.policyName));
      return policies.flatMap((p) => {
        const n = groups(attaches.filter((a) => attachName(a) === p), (a) => [a.eventSource, a.eventName, ui(a).type, ui(a).arn, a.sourceIPAddress, a.recipientAccountId, ...account(a), attachName(a)], () => p).length;
        return Array(Math.max(1, n)).fill(p) as string[];
      });
    },
  },
];
