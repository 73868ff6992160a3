// What the generator's background traffic is made of: AWS services, API calls, request/response
// shapes, user agents and error codes, modelled on the real samples in
// /work/shared/cloudtrail-samples/ (Invictus: 260 event names over 29 services, ~10 % errors,
// records of ~1.2 KB median with a tail of multi-KB requestParameters/responseElements).

import type { Rng } from './prng.ts';

// `undefined` members are allowed in objects (JSON.stringify leaves them out).
export type Json = null | boolean | number | string | Json[] | { [k: string]: Json | undefined };

export interface Ctx {
  rng: Rng;
  /** Resource ids already handed out in this run: workloads touch the same resources again and again. */
  pool: Map<string, string[]>;
  account: string;
  region: string;
  /** eventTime, epoch seconds. */
  t: number;
}

export interface Payload {
  requestParameters: Json;
  responseElements: Json;
  resources?: Json[];
  additionalEventData?: Json;
}

/** Request/response builders, selected by an action's `shape`. */
type Shape = (c: Ctx, name: string, source: string) => Payload;

export interface Action {
  source: string;
  name: string;
  readOnly: boolean;
  shape: Shape;
  /** Relative frequency within its service. */
  weight: number;
  /** Error codes this call typically fails with (the generic ones are added by the generator). */
  errors?: string[];
}

/** A value from a per-run pool of at most `size` values of this kind (new ones while the pool fills). */
export function pooled(c: Ctx, kind: string, size: number, make: () => string): string {
  let arr = c.pool.get(kind);
  if (!arr) c.pool.set(kind, (arr = []));
  if (arr.length < size && (arr.length === 0 || c.rng.chance(0.5))) {
    const v = make();
    arr.push(v);
    return v;
  }
  return c.rng.pick(arr);
}

const id = (c: Ctx, prefix: string, n = 17) => pooled(c, `${c.account}/${prefix}`, 60, () => `${prefix}-${c.rng.hex(n)}`);
const arn = (c: Ctx, svc: string, res: string, region = c.region) => `arn:aws:${svc}:${region}:${c.account}:${res}`;
const words = ['prod', 'staging', 'dev', 'data', 'web', 'api', 'etl', 'billing', 'audit', 'logs', 'ml', 'edge', 'core', 'batch'];
const name = (c: Ctx) => pooled(c, `${c.account}/name`, 150, () => `${c.rng.pick(words)}-${c.rng.pick(words)}-${c.rng.int(1, 40)}`);
const bucket = (c: Ctx) => pooled(c, `${c.account}/bucket`, 40, () => `${c.rng.pick(words)}-${c.rng.pick(words)}-${c.account}`);

const secretArn = (c: Ctx) => pooled(c, `${c.account}/${c.region}/secret`, 40, () => arn(c, 'secretsmanager', `secret:${name(c)}-${c.rng.alnum(6)}`));

// ---- shapes -------------------------------------------------------------------------------------

const none: Shape = () => ({ requestParameters: null, responseElements: null });

const describeEc2: Shape = (c) => {
  const r = c.rng.int(0, 3);
  const p: Record<string, Json> =
    r === 0 ? { instancesSet: { items: Array.from({ length: c.rng.int(1, 4) }, () => ({ instanceId: id(c, 'i') })) }, filterSet: {} }
    : r === 1 ? { filterSet: { items: [{ name: 'vpc-id', valueSet: { items: [{ value: id(c, 'vpc') }] } }] } }
    : r === 2 ? { maxResults: 1000, filterSet: {} }
    : { includeAllInstances: false, filterSet: {}, maxResults: 1000 };
  return { requestParameters: p, responseElements: null };
};

const s3Bucket: Shape = (c, n) => {
  const b = bucket(c);
  const key: Record<string, Json> = { bucketName: b, Host: `${b}.s3.${c.region}.amazonaws.com` };
  if (n.endsWith('Object') || n === 'HeadObject') key.key = `${c.rng.pick(words)}/${c.rng.hex(8)}/${c.rng.pick(words)}.parquet`;
  else key[n.replace(/^(Get|Put|Delete)Bucket/, '').toLowerCase() || 'acl'] = '';
  return {
    requestParameters: key,
    responseElements: null,
    resources: [
      { accountId: c.account, type: 'AWS::S3::Bucket', ARN: `arn:aws:s3:::${b}` },
      ...(key.key ? [{ type: 'AWS::S3::Object', ARN: `arn:aws:s3:::${b}/${key.key as string}` }] : []),
    ],
    additionalEventData: {
      SignatureVersion: 'SigV4', CipherSuite: 'ECDHE-RSA-AES128-GCM-SHA256', bytesTransferredIn: 0,
      AuthenticationMethod: 'AuthHeader', 'x-amz-id-2': c.rng.alnum(76), bytesTransferredOut: c.rng.int(0, 4096),
    },
  };
};

const kms: Shape = (c, n) => {
  const keyArn = pooled(c, `${c.account}/${c.region}/kms`, 12, () => arn(c, 'kms', `key/${c.rng.uuid()}`));
  const ctx: Json = c.rng.chance(0.5)
    ? { 'aws:lambda:FunctionArn': arn(c, 'lambda', `function:${name(c)}`) }
    : { SecretARN: secretArn(c), SecretVersionId: pooled(c, `${c.account}/secretVersion`, 80, () => c.rng.uuid()) };
  return {
    requestParameters: n === 'GenerateDataKey' ? { keyId: keyArn, encryptionContext: ctx, keySpec: 'AES_256' }
      : { encryptionAlgorithm: 'SYMMETRIC_DEFAULT', encryptionContext: ctx, ...(n === 'Encrypt' ? { keyId: keyArn } : {}) },
    responseElements: null,
    resources: [{ accountId: c.account, type: 'AWS::KMS::Key', ARN: keyArn }],
  };
};

const ssmParam: Shape = (c, n) => {
  const nm = `/${c.rng.pick(words)}/${c.rng.pick(words)}/${c.rng.pick(['db_password', 'api_key', 'endpoint', 'feature_flags', 'config'])}`;
  if (n === 'PutParameter') return { requestParameters: { name: nm, type: 'SecureString', overwrite: true, tier: 'Standard' }, responseElements: { version: c.rng.int(1, 30), tier: 'Standard' } };
  if (n === 'DescribeParameters') return { requestParameters: { maxResults: 50, parameterFilters: [{ key: 'Path', option: 'Recursive', values: [`/${c.rng.pick(words)}`] }] }, responseElements: null };
  return { requestParameters: { name: nm, withDecryption: true }, responseElements: null };
};

const sendCommand: Shape = (c) => ({
  // The large-parameter tail: a shell script of a few KB inside the request.
  requestParameters: {
    instanceIds: Array.from({ length: c.rng.int(1, 6) }, () => id(c, 'i')),
    documentName: 'AWS-RunShellScript',
    parameters: { commands: Array.from({ length: c.rng.int(20, 120) }, () => `sudo ${c.rng.pick(['yum', 'systemctl', 'curl -s', 'aws s3 cp', 'chmod'])} ${c.rng.pick(words)}-${c.rng.hex(12)} --${c.rng.pick(words)}=${c.rng.alnum(c.rng.int(8, 40))}`) },
    interactive: false,
  },
  responseElements: { command: { commandId: c.rng.uuid(), documentName: 'AWS-RunShellScript', status: 'Pending', targetCount: 1 } },
});

const policyDoc = (c: Ctx, statements: number) => encodeURIComponent(JSON.stringify({
  Version: '2012-10-17',
  Statement: Array.from({ length: statements }, () => ({
    Effect: c.rng.chance(0.9) ? 'Allow' : 'Deny',
    Action: Array.from({ length: c.rng.int(2, 12) }, () => `${c.rng.pick(['s3', 'ec2', 'kms', 'ssm', 'logs', 'dynamodb', 'sqs'])}:${c.rng.pick(['Get', 'Put', 'List', 'Describe', 'Delete'])}${c.rng.pick(['Object', 'Item', 'Parameter', 'Queue', 'Instances', 'LogEvents'])}`),
    Resource: Array.from({ length: c.rng.int(1, 5) }, () => arn(c, c.rng.pick(['s3', 'kms', 'sqs']), `${c.rng.pick(words)}/${c.rng.hex(10)}`)),
  })),
}));

const iam: Shape = (c, n) => {
  const role = `${c.rng.pick(words)}-${c.rng.pick(['lambda', 'ecs-task', 'ec2', 'glue', 'ci'])}-role`;
  if (n === 'PutRolePolicy' || n === 'CreatePolicyVersion' || n === 'CreatePolicy')
    return { requestParameters: { roleName: role, policyName: `${role}-inline`, policyDocument: policyDoc(c, c.rng.int(2, 30)) }, responseElements: null };
  if (n === 'GetUser' || n === 'ListAccessKeys' || n === 'ListMFADevices') return { requestParameters: c.rng.chance(0.5) ? { userName: `${c.rng.pick(['ci', 'deploy', 'svc'])}-${c.rng.pick(words)}` } : null, responseElements: null };
  if (n.startsWith('List')) return { requestParameters: { roleName: role, ...(c.rng.chance(0.3) ? { maxItems: 100 } : {}) }, responseElements: null };
  return { requestParameters: { roleName: role }, responseElements: null };
};

const sts: Shape = (c, n) => {
  if (n === 'GetCallerIdentity') return { requestParameters: null, responseElements: null };
  const role = `${c.rng.pick(words)}-${c.rng.pick(['deploy', 'readonly', 'admin', 'ci'])}`;
  const session = `${c.rng.pick(['aws-go-sdk', 'botocore-session', 'terraform'])}-${c.rng.int(1e9, 2e9)}`;
  const akid = `ASIA${c.rng.upperAlnum(16)}`;
  return {
    requestParameters: { roleArn: `arn:aws:iam::${c.account}:role/${role}`, roleSessionName: session, durationSeconds: 3600 },
    responseElements: {
      credentials: { accessKeyId: akid, sessionToken: c.rng.alnum(c.rng.int(600, 1000)), expiration: new Date((c.t + 3600) * 1000).toUTCString() },
      assumedRoleUser: { assumedRoleId: `AROA${c.rng.upperAlnum(17)}:${session}`, arn: `arn:aws:sts::${c.account}:assumed-role/${role}/${session}` },
    },
    resources: [{ accountId: c.account, type: 'AWS::IAM::Role', ARN: `arn:aws:iam::${c.account}:role/${role}` }],
  };
};

const secrets: Shape = (c) => ({ requestParameters: { secretId: secretArn(c) }, responseElements: null });

const logs: Shape = (c, n) => ({
  requestParameters: n === 'FilterLogEvents'
    ? { logGroupName: `/aws/lambda/${name(c)}`, startTime: (c.t - 3600) * 1000, endTime: c.t * 1000, filterPattern: `"${c.rng.pick(['ERROR', 'Timeout', 'WARN'])}"`, interleaved: true }
    : { logGroupName: `/aws/${c.rng.pick(['lambda', 'ecs', 'rds'])}/${name(c)}`, ...(n === 'CreateLogStream' ? { logStreamName: `${c.rng.hex(32)}` } : {}) },
  responseElements: null,
});

const dynamo: Shape = (c) => ({ requestParameters: { tableName: name(c) }, responseElements: null, resources: [{ accountId: c.account, type: 'AWS::DynamoDB::Table', ARN: arn(c, 'dynamodb', `table/${name(c)}`) }] });

const lambdaFn: Shape = (c, n) => {
  const fn = name(c);
  if (n === 'UpdateFunctionConfiguration20150331v2') {
    const env: Record<string, Json> = {};
    for (let i = 0, k = c.rng.int(5, 40); i < k; i++) env[`${c.rng.pick(words).toUpperCase()}_${c.rng.hex(4).toUpperCase()}`] = c.rng.alnum(c.rng.int(10, 60));
    return { requestParameters: { functionName: fn, environment: { variables: env }, timeout: 30, memorySize: 512 }, responseElements: { functionName: fn, functionArn: arn(c, 'lambda', `function:${fn}`), runtime: 'nodejs20.x', codeSize: c.rng.int(1e3, 5e7), lastModified: new Date(c.t * 1000).toISOString(), state: 'Active' } };
  }
  return { requestParameters: { functionName: fn }, responseElements: null };
};

const runInstances: Shape = (c) => {
  const n = c.rng.int(1, 4);
  const items = Array.from({ length: n }, () => ({
    instanceId: id(c, 'i'), imageId: id(c, 'ami'), currentInstanceBootMode: 'bios',
    instanceState: { code: 0, name: 'pending' }, privateDnsName: `ip-10-${c.rng.int(0, 255)}-${c.rng.int(0, 255)}-${c.rng.int(0, 255)}.ec2.internal`,
    amiLaunchIndex: 0, productCodes: {}, instanceType: c.rng.pick(['t3.micro', 'm6i.large', 'c7g.xlarge']),
    launchTime: c.t * 1000, placement: { availabilityZone: `${c.region}${c.rng.pick(['a', 'b', 'c'])}`, tenancy: 'default' },
    monitoring: { state: 'disabled' }, subnetId: id(c, 'subnet'), vpcId: id(c, 'vpc'), privateIpAddress: `10.${c.rng.int(0, 255)}.${c.rng.int(0, 255)}.${c.rng.int(0, 255)}`,
    stateReason: { code: 'pending', message: 'pending' }, architecture: 'x86_64', rootDeviceType: 'ebs', rootDeviceName: '/dev/xvda',
    blockDeviceMapping: {}, virtualizationType: 'hvm', hypervisor: 'xen', groupSet: { items: [{ groupId: id(c, 'sg'), groupName: name(c) }] },
    networkInterfaceSet: { items: [{ networkInterfaceId: id(c, 'eni'), subnetId: id(c, 'subnet'), vpcId: id(c, 'vpc'), ownerId: c.account, status: 'in-use', macAddress: '0a:' + c.rng.hex(2) + ':' + c.rng.hex(2) + ':' + c.rng.hex(2) + ':' + c.rng.hex(2) + ':' + c.rng.hex(2), sourceDestCheck: true, interfaceType: 'interface' }] },
    metadataOptions: { state: 'pending', httpTokens: 'required', httpPutResponseHopLimit: 2, httpEndpoint: 'enabled' },
  }));
  return {
    requestParameters: {
      instancesSet: { items: [{ imageId: items[0]!.imageId, minCount: n, maxCount: n }] }, instanceType: items[0]!.instanceType,
      userData: '<sensitiveDataRemoved>', blockDeviceMapping: { items: [{ deviceName: '/dev/xvda', ebs: { volumeSize: c.rng.int(8, 200), deleteOnTermination: true, volumeType: 'gp3' } }] },
      monitoring: { enabled: false }, disableApiTermination: false, iamInstanceProfile: { name: `${name(c)}-profile` },
      tagSpecificationSet: { items: [{ resourceType: 'instance', tags: [{ key: 'Name', value: name(c) }, { key: 'team', value: c.rng.pick(words) }] }] },
    },
    responseElements: { requestId: c.rng.uuid(), reservationId: id(c, 'r'), ownerId: c.account, groupSet: {}, instancesSet: { items } },
  };
};

const sgIngress: Shape = (c) => ({
  requestParameters: { groupId: id(c, 'sg'), ipPermissions: { items: [{ ipProtocol: 'tcp', fromPort: 443, toPort: 443, groups: {}, ipRanges: { items: [{ cidrIp: `${c.rng.int(1, 223)}.${c.rng.int(0, 255)}.0.0/16` }] }, ipv6Ranges: {}, prefixListIds: {} }] } },
  responseElements: { requestId: c.rng.uuid(), _return: true, securityGroupRuleSet: { items: [{ groupOwnerId: c.account, groupId: id(c, 'sg'), securityGroupRuleId: id(c, 'sgr'), isEgress: false, ipProtocol: 'tcp', fromPort: 443, toPort: 443 }] } },
});

const generic: Shape = (c, n) => {
  if (/^(Describe|List|Get|Head|Lookup|Search|BatchGet)/.test(n))
    return { requestParameters: c.rng.chance(0.4) ? null : { maxResults: c.rng.pick([20, 50, 100, 1000]), ...(c.rng.chance(0.3) ? { nextToken: c.rng.alnum(c.rng.int(40, 300)) } : {}) }, responseElements: null };
  return { requestParameters: { name: name(c), clientToken: c.rng.uuid() }, responseElements: { arn: arn(c, 'generic', `${n.toLowerCase()}/${c.rng.hex(12)}`), status: 'OK' } };
};

const trailAcl: Shape = (c) => ({
  requestParameters: { bucketName: `aws-cloudtrail-logs-${c.account}-${c.rng.hex(8)}`, Host: 's3.amazonaws.com', acl: '' },
  responseElements: null,
});

// ---- the catalog ---------------------------------------------------------------------------------

type Row = [name: string, readOnly: boolean, weight: number, shape?: Shape, errors?: string[]];

function svc(source: string, rows: Row[]): Action[] {
  return rows.map(([n, ro, w, shape, errors]) => ({ source, name: n, readOnly: ro, weight: w, shape: shape ?? generic, ...(errors ? { errors } : {}) }));
}

export const SERVICES: Record<string, { weight: number; global?: boolean; actions: Action[] }> = {
  ec2: { weight: 24, actions: svc('ec2.amazonaws.com', [
    ['DescribeInstances', true, 20, describeEc2], ['DescribeRouteTables', true, 8, describeEc2], ['DescribeVpcs', true, 6, describeEc2],
    ['DescribeSubnets', true, 6, describeEc2], ['DescribeSecurityGroups', true, 8, describeEc2], ['DescribeNetworkInterfaces', true, 5, describeEc2],
    ['DescribeVolumes', true, 4, describeEc2], ['DescribeImages', true, 3, describeEc2], ['DescribeAvailabilityZones', true, 3, describeEc2],
    ['DescribeNatGateways', true, 3, describeEc2], ['DescribeAddresses', true, 2, describeEc2], ['DescribeInstanceStatus', true, 4, describeEc2],
    ['DescribeTags', true, 3, describeEc2], ['DescribeLaunchTemplates', true, 1, describeEc2], ['DescribeSnapshots', true, 2, describeEc2],
    ['RunInstances', false, 0.6, runInstances, ['Client.InsufficientInstanceCapacity', 'Client.VcpuLimitExceeded']],
    ['TerminateInstances', false, 0.4, describeEc2], ['CreateTags', false, 2, generic], ['AuthorizeSecurityGroupIngress', false, 0.3, sgIngress, ['Client.InvalidPermission.Duplicate']],
    ['CreateSnapshot', false, 0.5], ['GetPasswordData', true, 0.1, describeEc2, ['Client.UnauthorizedOperation']],
  ]) },
  s3: { weight: 14, actions: svc('s3.amazonaws.com', [
    ['GetBucketAcl', true, 8, s3Bucket], ['GetBucketPolicy', true, 3, s3Bucket, ['NoSuchBucketPolicy']], ['GetBucketLocation', true, 6, s3Bucket],
    ['ListObjects', true, 6, s3Bucket], ['GetBucketVersioning', true, 2, s3Bucket], ['GetBucketEncryption', true, 2, s3Bucket, ['ServerSideEncryptionConfigurationNotFoundError']],
    ['GetBucketPublicAccessBlock', true, 2, s3Bucket, ['NoSuchPublicAccessBlockConfiguration']], ['GetBucketLifecycle', true, 1, s3Bucket, ['NoSuchLifecycleConfiguration']],
    ['GetBucketCors', true, 1, s3Bucket, ['NoSuchCORSConfiguration']], ['GetBucketTagging', true, 1, s3Bucket, ['NoSuchTagSet']],
    ['ListBuckets', true, 3, none], ['PutBucketPolicy', false, 0.3, s3Bucket], ['PutBucketTagging', false, 0.3, s3Bucket], ['DeleteBucket', false, 0.05, s3Bucket, ['BucketNotEmpty']],
  ]) },
  kms: { weight: 10, actions: svc('kms.amazonaws.com', [['Decrypt', true, 12, kms], ['Encrypt', true, 3, kms], ['GenerateDataKey', true, 5, kms], ['DescribeKey', true, 2, kms], ['ListAliases', true, 1]]) },
  ssm: { weight: 8, actions: svc('ssm.amazonaws.com', [
    ['GetParameter', true, 8, ssmParam, ['ParameterNotFound']], ['GetParameters', true, 4, ssmParam], ['DescribeParameters', true, 3, ssmParam], ['PutParameter', false, 1, ssmParam],
    ['DeleteParameter', false, 0.3, ssmParam, ['ParameterNotFound']], ['DescribeInstanceInformation', true, 4], ['UpdateInstanceInformation', false, 6], ['ListCommands', true, 1],
    ['SendCommand', false, 1, sendCommand, ['InvalidInstanceId']], ['GetCommandInvocation', true, 1, generic, ['InvocationDoesNotExist']],
  ]) },
  sts: { weight: 4, global: true, actions: svc('sts.amazonaws.com', [['AssumeRole', true, 8, sts, ['AccessDenied']], ['GetCallerIdentity', true, 6, sts]]) },
  iam: { weight: 6, global: true, actions: svc('iam.amazonaws.com', [
    ['GetUser', true, 4, iam, ['NoSuchEntityException']], ['GetRole', true, 4, iam, ['NoSuchEntityException']], ['ListAttachedRolePolicies', true, 3, iam], ['ListRolePolicies', true, 3, iam],
    ['GetRolePolicy', true, 2, iam], ['ListRoles', true, 1, iam], ['ListUsers', true, 1, none], ['ListAccessKeys', true, 1, iam], ['ListMFADevices', true, 1, iam],
    ['GetAccountAuthorizationDetails', true, 0.1, none], ['PutRolePolicy', false, 0.6, iam], ['CreatePolicyVersion', false, 0.1, iam, ['LimitExceededException']],
    ['CreateAccessKey', false, 0.05, iam, ['LimitExceededException']], ['AttachRolePolicy', false, 0.1, iam], ['CreateRole', false, 0.1, iam, ['EntityAlreadyExistsException']],
  ]) },
  secretsmanager: { weight: 5, actions: svc('secretsmanager.amazonaws.com', [['GetSecretValue', true, 8, secrets, ['ResourceNotFoundException']], ['DescribeSecret', true, 3, secrets], ['ListSecrets', true, 1], ['PutSecretValue', false, 0.3, secrets], ['GetResourcePolicy', true, 1, secrets], ['RotateSecret', false, 0.1, secrets]]) },
  logs: { weight: 6, actions: svc('logs.amazonaws.com', [['CreateLogStream', false, 4, logs, ['ResourceAlreadyExistsException']], ['DescribeLogGroups', true, 2, logs], ['DescribeLogStreams', true, 2, logs], ['FilterLogEvents', true, 1, logs], ['GetLogEvents', true, 1, logs], ['PutRetentionPolicy', false, 0.1, logs]]) },
  dynamodb: { weight: 4, actions: svc('dynamodb.amazonaws.com', [['DescribeTable', true, 6, dynamo], ['ListTables', true, 2], ['DescribeTimeToLive', true, 1, dynamo], ['DescribeContinuousBackups', true, 1, dynamo], ['UpdateTable', false, 0.2, dynamo]]) },
  lambda: { weight: 4, actions: svc('lambda.amazonaws.com', [['GetFunction', true, 4, lambdaFn, ['ResourceNotFoundException']], ['ListFunctions20150331', true, 2], ['GetFunctionConfiguration', true, 2, lambdaFn], ['UpdateFunctionConfiguration20150331v2', false, 0.3, lambdaFn], ['ListTags', true, 1, lambdaFn]]) },
  rds: { weight: 3, actions: svc('rds.amazonaws.com', [['DescribeDBInstances', true, 5], ['DescribeDBClusters', true, 3], ['DescribeDBSnapshots', true, 1], ['DescribeDBEngineVersions', true, 1], ['DescribeOrderableDBInstanceOptions', true, 1], ['CreateDBSnapshot', false, 0.1, generic, ['InvalidDBInstanceStateFault']]]) },
  cloudtrail: { weight: 1.5, actions: svc('cloudtrail.amazonaws.com', [['DescribeTrails', true, 3], ['GetTrailStatus', true, 2, generic, ['TrailNotFoundException']], ['LookupEvents', true, 2], ['GetEventSelectors', true, 1], ['ListTrails', true, 1]]) },
  monitoring: { weight: 3, actions: svc('monitoring.amazonaws.com', [['DescribeAlarms', true, 3], ['GetMetricData', true, 4], ['PutMetricAlarm', false, 0.3], ['ListMetrics', true, 2]]) },
  ecs: { weight: 3, actions: svc('ecs.amazonaws.com', [['DescribeServices', true, 3], ['ListTasks', true, 3], ['DescribeTasks', true, 3], ['DescribeClusters', true, 1], ['UpdateService', false, 0.2], ['SubmitTaskStateChange', false, 2]]) },
  elb: { weight: 2, actions: svc('elasticloadbalancing.amazonaws.com', [['DescribeLoadBalancers', true, 3], ['DescribeTargetGroups', true, 2], ['DescribeTargetHealth', true, 3], ['RegisterTargets', false, 0.3]]) },
  autoscaling: { weight: 1, actions: svc('autoscaling.amazonaws.com', [['DescribeAutoScalingGroups', true, 3], ['DescribeScalingActivities', true, 1], ['SetDesiredCapacity', false, 0.2]]) },
  sqs: { weight: 2, actions: svc('sqs.amazonaws.com', [['GetQueueAttributes', true, 3], ['ListQueues', true, 1], ['SetQueueAttributes', false, 0.2]]) },
  sns: { weight: 1, actions: svc('sns.amazonaws.com', [['ListTopics', true, 2], ['GetTopicAttributes', true, 2], ['Publish', false, 1]]) },
  ecr: { weight: 2, actions: svc('ecr.amazonaws.com', [['GetAuthorizationToken', true, 3], ['BatchGetImage', true, 2], ['DescribeRepositories', true, 1], ['DescribeImages', true, 1]]) },
  route53: { weight: 0.8, global: true, actions: svc('route53.amazonaws.com', [['ListHostedZones', true, 2], ['ListResourceRecordSets', true, 2], ['ChangeResourceRecordSets', false, 0.3], ['GetChange', true, 0.5]]) },
  cloudformation: { weight: 1.5, actions: svc('cloudformation.amazonaws.com', [['DescribeStacks', true, 4], ['DescribeStackEvents', true, 2], ['ListStacks', true, 1], ['GetTemplate', true, 1], ['UpdateStack', false, 0.1]]) },
  config: { weight: 1, actions: svc('config.amazonaws.com', [['PutEvaluations', false, 2], ['DescribeConfigRules', true, 1], ['GetComplianceDetailsByConfigRule', true, 1]]) },
  guardduty: { weight: 0.5, actions: svc('guardduty.amazonaws.com', [['ListDetectors', true, 2], ['GetFindings', true, 1], ['ListFindings', true, 1]]) },
  securityhub: { weight: 0.5, actions: svc('securityhub.amazonaws.com', [['GetFindings', true, 2], ['BatchImportFindings', false, 1], ['DescribeHub', true, 0.5]]) },
  organizations: { weight: 0.4, global: true, actions: svc('organizations.amazonaws.com', [['DescribeOrganization', true, 2], ['ListAccounts', true, 1], ['DescribeAccount', true, 1]]) },
  glue: { weight: 1, actions: svc('glue.amazonaws.com', [['GetTable', true, 2], ['GetDatabases', true, 1], ['GetPartitions', true, 2], ['StartJobRun', false, 0.2]]) },
  athena: { weight: 0.8, actions: svc('athena.amazonaws.com', [['StartQueryExecution', false, 1], ['GetQueryExecution', true, 3], ['GetQueryResults', true, 1]]) },
  kinesis: { weight: 0.7, actions: svc('kinesis.amazonaws.com', [['DescribeStream', true, 2], ['ListShards', true, 1]]) },
  elasticache: { weight: 0.4, actions: svc('elasticache.amazonaws.com', [['DescribeCacheClusters', true, 2], ['DescribeReplicationGroups', true, 1]]) },
  rolesanywhere: { weight: 0.1, actions: svc('rolesanywhere.amazonaws.com', [['ListTrustAnchors', true, 1], ['ListProfiles', true, 1]]) },
  'resource-explorer-2': { weight: 0.2, actions: svc('resource-explorer-2.amazonaws.com', [['ListIndexes', true, 1], ['Search', true, 1]]) },
  ce: { weight: 0.2, global: true, actions: svc('ce.amazonaws.com', [['GetCostAndUsage', true, 2], ['GetCostForecast', true, 1]]) },
};

/** Calls that AWS services make with their own identity (userIdentity.type AWSService). */
export const SERVICE_CALLS: { invokedBy: string; source: string; name: string; readOnly: boolean; shape: Shape }[] = [
  { invokedBy: 'cloudtrail.amazonaws.com', source: 's3.amazonaws.com', name: 'GetBucketAcl', readOnly: true, shape: trailAcl },
  { invokedBy: 'lambda.amazonaws.com', source: 'sts.amazonaws.com', name: 'AssumeRole', readOnly: true, shape: sts },
  { invokedBy: 'ecs-tasks.amazonaws.com', source: 'sts.amazonaws.com', name: 'AssumeRole', readOnly: true, shape: sts },
  { invokedBy: 'ec2.amazonaws.com', source: 'sts.amazonaws.com', name: 'AssumeRole', readOnly: true, shape: sts },
  { invokedBy: 'config.amazonaws.com', source: 'sts.amazonaws.com', name: 'AssumeRole', readOnly: true, shape: sts },
  { invokedBy: 'inspector2.amazonaws.com', source: 'sts.amazonaws.com', name: 'AssumeRole', readOnly: true, shape: sts },
  { invokedBy: 'secretsmanager.amazonaws.com', source: 'kms.amazonaws.com', name: 'Decrypt', readOnly: true, shape: kms },
  { invokedBy: 'rds.amazonaws.com', source: 'kms.amazonaws.com', name: 'GenerateDataKey', readOnly: true, shape: kms },
  { invokedBy: 'logs.amazonaws.com', source: 'kms.amazonaws.com', name: 'Encrypt', readOnly: true, shape: kms },
  { invokedBy: 'autoscaling.amazonaws.com', source: 'ec2.amazonaws.com', name: 'DescribeInstances', readOnly: true, shape: describeEc2 },
];

/** AwsServiceEvent records: userIdentity is `{accountId, invokedBy}` with no `type`. */
export const SERVICE_EVENTS: { invokedBy: string; source: string; name: string; details: (c: Ctx) => Json }[] = [
  { invokedBy: 'ec2.amazonaws.com', source: 'ec2.amazonaws.com', name: 'SharedSnapshotVolumeCreated', details: (c) => ({ snapshotId: id(c, 'snap') }) },
  { invokedBy: 'kms.amazonaws.com', source: 'kms.amazonaws.com', name: 'RotateKey', details: (c) => ({ keyId: c.rng.uuid() }) },
  { invokedBy: 'secretsmanager.amazonaws.com', source: 'secretsmanager.amazonaws.com', name: 'RotationSucceeded', details: (c) => ({ versionId: c.rng.uuid() }) },
  { invokedBy: 'autoscaling.amazonaws.com', source: 'autoscaling.amazonaws.com', name: 'AutoScalingGroupCapacityChange', details: (c) => ({ desired: c.rng.int(1, 20) }) },
  { invokedBy: 'sso.amazonaws.com', source: 'sso.amazonaws.com', name: 'Federate', details: (c) => ({ role_name: `AWSReservedSSO_ReadOnly_${c.rng.hex(16)}`, account_id: c.account }) },
];

export const ERRORS_GENERIC = ['AccessDenied', 'ThrottlingException', 'Client.UnauthorizedOperation', 'ValidationException', 'ResourceNotFoundException'];

export const ERROR_MESSAGES: Record<string, string> = {
  AccessDenied: 'User: {arn} is not authorized to perform: {action} on resource: {resource} because no identity-based policy allows the {action} action',
  'Client.UnauthorizedOperation': 'You are not authorized to perform this operation. Encoded authorization failure message: {blob}',
  ThrottlingException: 'Rate exceeded',
};

export const BROWSER_UAS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Safari/605.1.15',
  'Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 Edg/130.0.0.0',
];

export const SDK_UAS = [
  'APN/1.0 HashiCorp/1.0 Terraform/1.9.8 (+https://www.terraform.io) terraform-provider-aws/5.80.0 (+https://registry.terraform.io/providers/hashicorp/aws) aws-sdk-go-v2/1.32.6 ua/2.1 os/linux lang/go#1.23.3 md/GOOS#linux md/GOARCH#amd64 api/ec2#1.196.0',
  'aws-cli/2.22.10 md/awscrt#0.22.0 ua/2.0 os/linux#6.8.0-1019-aws md/arch#x86_64 lang/python#3.12.6 md/pyimpl#CPython cfg/retry-mode#standard md/installer#exe md/distrib#ubuntu.24 md/prompt#off md/command#ec2.describe-instances',
  'Boto3/1.35.76 md/Botocore#1.35.76 ua/2.0 os/linux#5.10.228-219.884.amzn2.x86_64 md/arch#x86_64 lang/python#3.12.7 md/pyimpl#CPython exec-env/AWS_Lambda_python3.12 cfg/retry-mode#legacy Botocore/1.35.76',
  'aws-sdk-js/3.705.0 ua/2.1 os/linux#5.10.228-219.884.amzn2.x86_64 lang/js md/nodejs#20.18.0 api/dynamodb#3.705.0 exec-env/AWS_Lambda_nodejs20.x',
  'aws-sdk-java/2.29.29 Linux/5.10.228-219.884.amzn2.x86_64 OpenJDK_64-Bit_Server_VM/17.0.13+11-LTS Java/17.0.13 vendor/Amazon.com_Inc. exec-env/AWS_ECS_FARGATE io/sync http/Apache cfg/retry-mode/adaptive',
  'Amazon SSM Agent/3.3.1142.0 (linux; amd64)',
  '[S3Console/0.4, aws-internal/3 aws-sdk-java/1.12.750 Linux/5.10.227-198.884.amzn2int.x86_64 OpenJDK_64-Bit_Server_VM/25.432-b08 java/1.8.0_432 vendor/Oracle_Corporation cfg/retry-mode/standard]',
];

export const TLS = [
  { tlsVersion: 'TLSv1.3', cipherSuite: 'TLS_AES_128_GCM_SHA256' },
  { tlsVersion: 'TLSv1.2', cipherSuite: 'ECDHE-RSA-AES128-GCM-SHA256' },
];

export const HUMANS = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi', 'ivan', 'judy', 'mallory', 'niaj', 'olivia', 'peggy', 'rupert', 'sybil', 'trent', 'victor', 'walter', 'yasmin', 'zoe', 'benjamin', 'chen', 'fatima', 'kenji', 'lena', 'marco', 'noor', 'priya', 'tomas'];
export const PERMISSION_SETS = ['AdministratorAccess', 'ReadOnlyAccess', 'PowerUserAccess', 'Billing', 'SecurityAudit'];
