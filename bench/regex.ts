/**
 * Regex engine benchmark (issue #13, item 1): the linear-time engine trailhound uses for Kusto
 * regexes (src/kql/regex/: our dialect parser, then re2js, or our Pike VM for Unicode word
 * boundaries) against the baseline, the translation to V8's backtracking RegExp that trailhound
 * used before (bench/lib/v8-regex.ts), in one process; and, when the native `re2` binding is
 * installed (it is not a dependency: `npm install --no-save re2` builds it from source with
 * node-gyp, ~15 min here), the same RE2 patterns on it.
 *   node --import tsx bench/regex.ts [--repeat R] [--only TEXT]
 * Prints per case the best of R runs (process CPU time per call) and the ratio to the baseline (lower is better
 * for us); compile times; and the hostile patterns at growing text sizes, where the baseline is
 * not run (it takes hours) and time per character must stay flat.
 */
import { createRequire } from 'node:module';
import { RE2JS } from 're2js';
import { compileKustoRegex as compileV8 } from './lib/v8-regex.ts';
import { KustoRegex } from '../src/kql/regex/kusto-regex.ts';
import { parseKustoRegex } from '../src/kql/regex/syntax.ts';
import { toRe2 } from '../src/kql/regex/emit-re2.ts';

function arg(name: string, dflt: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
}
const R = arg('--repeat', 5);
const ONLY = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;

interface NativeRe2 {
  exec(s: string): RegExpExecArray | null;
  test(s: string): boolean;
}
let NativeRE2: (new (p: string, f: string) => NativeRe2) | undefined;
try {
  NativeRE2 = createRequire(import.meta.url)('re2');
} catch {
  NativeRE2 = undefined;
}

// Realistic CloudTrail field values (shapes from examples/ and bench/generate.ts).
const USER_AGENTS = [
  'aws-cli/2.15.30 Python/3.11.8 Linux/6.5.0-1016-aws exe/x86_64.ubuntu.22 prompt/off command/sts.get-caller-identity',
  'Boto3/1.34.69 md/Botocore#1.34.69 ua/2.0 os/linux#5.10.210-201.852.amzn2.x86_64 md/arch#x86_64 lang/python#3.12.2 md/pyimpl#CPython cfg/retry-mode#legacy Botocore/1.34.69',
  'APN/1.0 HashiCorp/1.0 Terraform/1.7.5 (+https://www.terraform.io) terraform-provider-aws/5.41.0 (+https://registry.terraform.io/providers/hashicorp/aws) aws-sdk-go-v2/1.25.3 os/linux lang/go#1.22.1 md/GOOS#linux md/GOARCH#amd64 api/sts#1.28.4',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/123.0.0.0 Safari/537.36',
  'AWS Internal',
  'console.amazonaws.com',
];
const ARNS = [
  'arn:aws:iam::111122223333:user/ci-deployer',
  'arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_AdministratorAccess_0123456789abcdef/alice@example.com',
  'arn:aws:sts::444455556666:assumed-role/lambda-orders-processor-role/orders-processor',
  'AROAJQABLZS4A3QDU576Q:i-0123456789abcdef0',
  'AIDAJQABLZS4A3QDU576Q',
];
const PARAMS = [
  '{"roleArn":"arn:aws:iam::111122223333:role/OrganizationAccountAccessRole","roleSessionName":"alice-0123456789abcdef0","durationSeconds":3600}',
  `{"policyDocument":"${'{\\"Version\\":\\"2012-10-17\\",\\"Statement\\":[{\\"Effect\\":\\"Allow\\",\\"Action\\":\\"s3:GetObject\\",\\"Resource\\":\\"arn:aws:s3:::bucket/*\\"}]}'.repeat(20)}"}`,
];

interface Case {
  readonly name: string;
  readonly pattern: string;
  readonly texts: readonly string[];
  readonly op: 'test' | 'exec';
}

const CASES: Case[] = [
  { name: 'seed: extract \\:([^\\:]+$) on ARNs', pattern: String.raw`\:([^\:]+$)`, texts: ARNS, op: 'exec' },
  { name: 'seed: matches ^[A-Z0-9]{21}\\:[^\\:]+$', pattern: String.raw`^[A-Z0-9]{21}\:[^\:]+$`, texts: ARNS, op: 'test' },
  { name: 'seed: extract \\:assumed-role\\/([^\\/]+)\\/', pattern: String.raw`\:assumed-role\/([^\/]+)\/`, texts: ARNS, op: 'exec' },
  { name: 'seed: extract (.+)\\-[a-f0-9]{17}$', pattern: String.raw`(.+)\-[a-f0-9]{17}$`, texts: ['alice-0123456789abcdef0', 'i-0123456789abcdef0'], op: 'exec' },
  { name: 'seed: matches ^AssumeRole', pattern: '^AssumeRole', texts: ['AssumeRole', 'AssumeRoleWithSAML', 'GetCallerIdentity', 'DescribeInstances'], op: 'test' },
  { name: 'seed: extract AssumeRole\\w* on resource\\: \\S+\\/([^\\/]+)$', pattern: String.raw`AssumeRole\w* on resource\: \S+\/([^\/]+)$`, texts: ['User: arn:aws:iam::1:user/x is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::1:role/Admin'], op: 'exec' },
  { name: 'user agent: (?i)(aws-cli|boto3|terraform)/([\\d.]+)', pattern: String.raw`(?i)(aws-cli|boto3|terraform)/([\d.]+)`, texts: USER_AGENTS, op: 'exec' },
  { name: 'user agent: matches \\bpython\\b (Pike VM on non-ASCII texts)', pattern: String.raw`\bPython\b`, texts: USER_AGENTS, op: 'test' },
  { name: 'request parameters: "roleSessionName":"([^"]+)"', pattern: String.raw`"roleSessionName":"([^"]+)"`, texts: PARAMS, op: 'exec' },
  { name: 'request parameters: matches s3:\\w+Object', pattern: String.raw`s3:\w+Object`, texts: PARAMS, op: 'test' },
  { name: 'short: matches ^a on "abc" (per-call overhead)', pattern: '^a', texts: ['abc'], op: 'test' },
  { name: 'short: extract (\\d+) on "x=42" (per-call overhead)', pattern: String.raw`(\d+)`, texts: ['x=42'], op: 'exec' },
];

type Runner = (text: string) => unknown;

/** Process CPU time in ns (steadier than wall clock on a shared machine: docs/performance.md). */
function cpuNs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) * 1000;
}

/** Best of R runs, CPU ns per call, each run ~100 ms of CPU over the case's texts. */
function measure(run: Runner, texts: readonly string[]): number {
  let calls = 0;
  const t0 = cpuNs();
  while (cpuNs() - t0 < 20e6) for (const t of texts) (run(t), calls++);
  const per = Math.max(1, Math.round((calls / 20) * 100 / texts.length));
  let best = Infinity;
  for (let r = 0; r < R; r++) {
    const s = cpuNs();
    for (let k = 0; k < per; k++) for (const t of texts) run(t);
    const ns = (cpuNs() - s) / (per * texts.length);
    if (ns < best) best = ns;
  }
  return best;
}

function fmt(ns: number): string {
  return ns >= 1e6 ? `${(ns / 1e6).toFixed(2)} ms` : ns >= 1e3 ? `${(ns / 1e3).toFixed(2)} µs` : `${ns.toFixed(0)} ns`;
}

function row(cols: string[], widths: number[]): string {
  return cols.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
}

console.log(`regex benchmark: best of ${R}; node ${process.version}; native re2 ${NativeRE2 ? 'installed' : 'not installed'}`);
const W = [66, 12, 12, 8, 12, 8];
console.log(row(['match (per call)', 'V8 baseline', 'trailhound', 'ratio', 'native re2', 'ratio'], W));
for (const c of CASES) {
  if (ONLY && !c.name.includes(ONLY)) continue;
  const v8 = compileV8(c.pattern);
  const ours = new KustoRegex(c.pattern);
  const base = measure(c.op === 'test' ? (t) => v8.test(t) : (t) => v8.exec(t), c.texts);
  const mine = measure(c.op === 'test' ? (t) => ours.test(t) : (t) => ours.exec(t), c.texts);
  // Same answers, or the comparison means nothing.
  for (const t of c.texts) {
    const a = c.op === 'test' ? v8.test(t) : v8.exec(t)?.slice(0) ?? null;
    const b = c.op === 'test' ? ours.test(t) : ours.exec(t)?.slice(0) ?? null;
    if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error(`${c.name}: different answers on ${t}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
  }
  let native = '-';
  let nativeRatio = '-';
  const re2Source = toRe2(parseKustoRegex(c.pattern).root);
  if (NativeRE2 && re2Source !== undefined) {
    const n = new NativeRE2(re2Source, 'u');
    const ns = measure(c.op === 'test' ? (t) => n.test(t) : (t) => n.exec(t), c.texts);
    native = fmt(ns);
    nativeRatio = `${(ns / base).toFixed(2)}x`;
  }
  console.log(row([c.name, fmt(base), fmt(mine), `${(mine / base).toFixed(2)}x`, native, nativeRatio], W));
}

console.log('');
console.log(row(['compile (first use, uncached)', 'V8 baseline', 'trailhound', 'ratio', 're2js alone', 'native re2'], [66, 12, 12, 8, 12, 12]));
for (const c of CASES) {
  if (ONLY && !c.name.includes(ONLY)) continue;
  const time = (f: () => unknown): number => {
    let best = Infinity;
    for (let r = 0; r < R; r++) {
      const s = cpuNs();
      for (let k = 0; k < 200; k++) f();
      best = Math.min(best, (cpuNs() - s) / 200);
    }
    return best;
  };
  const src = toRe2(parseKustoRegex(c.pattern).root);
  // The baseline caches by pattern: a fresh pattern text each time (a trailing empty group changes nothing).
  let k = 0;
  const base = time(() => compileV8(`${c.pattern}${'(?:)'.repeat(++k % 50)}`));
  const mine = time(() => new KustoRegex(c.pattern));
  const re2jsOnly = src === undefined ? NaN : time(() => RE2JS.compile(src));
  const native = NativeRE2 && src !== undefined ? fmt(time(() => new NativeRE2!(src, 'u'))) : '-';
  console.log(row([c.name, fmt(base), fmt(mine), `${(mine / base).toFixed(2)}x`, Number.isNaN(re2jsOnly) ? '-' : fmt(re2jsOnly), native], [66, 12, 12, 8, 12, 12]));
}

console.log('');
console.log('hostile patterns (V8 baseline not run: hours; per character must stay flat)');
const HOSTILE: [string, (n: number) => string][] = [
  ['(a+)+$ on a…ab', (n) => `${'a'.repeat(n)}b`],
  [String.raw`^([a-z0-9]+\s?)*$ on a…a!`, (n) => `${'a'.repeat(n)}!`],
  [String.raw`\<(a|aa)+$ on a…ab (Pike VM)`, (n) => `${'a'.repeat(n)}b`],
];
console.log(row(['pattern', 'n=1,000', 'n=10,000', 'n=100,000', 'per char'], [44, 12, 12, 12, 12]));
for (const [label, text] of HOSTILE) {
  const pattern = label.slice(0, label.indexOf(' on '));
  const re = new KustoRegex(pattern);
  const times = [1_000, 10_000, 100_000].map((n) => {
    const t = text(n);
    let best = Infinity;
    for (let r = 0; r < Math.min(R, 3); r++) {
      const s = cpuNs();
      if (re.test(t)) throw new Error(`${pattern} matched`);
      best = Math.min(best, cpuNs() - s);
    }
    return best;
  });
  console.log(row([label, ...times.map(fmt), fmt(times[2]! / 100_000)], [44, 12, 12, 12, 12]));
}
