/**
 * Runs Microsoft's public Sentinel content that reads AWSCloudTrail (110 analytic rules and
 * hunting queries, read at run time from the shared content folder, never copied into the repo)
 * over the bundled sample logs, the way trailhound's commands run them:
 *   - every analytic rule's query as `trailhound query` runs a query (compile, then run with now()
 *     pinned after the sample's last event), and the rule itself as `trailhound detect` replays it;
 *   - every hunting query as `trailhound hunt` runs it (the sample's span as the time range).
 * Queries that read `externaldata` go through the real CLI instead (`hunt` and `detect` with
 * `--externaldata URL=FILE`, the test's small fixture files), since there is no internet.
 *
 * Used by the corpus test (test/corpus/) and by scripts/content-coverage.ts (docs/content-coverage.md).
 * A construct another part of trailhound has not landed yet (PENDING) makes a query "pending"
 * rather than failed, but only while a probe shows the build lacks it: once it is there, the
 * query must run.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openCloudTrail } from '../src/cloudtrail/index.ts';
import { AWS_CLOUDTRAIL_TABLE } from '../src/cloudtrail/schema.ts';
import { buildProgram } from '../src/cli/main.ts';
import { compileRule, replay, type CompiledRule } from '../src/detect/replay.ts';
import { runHuntingQuery, type HuntRange } from '../src/detect/hunt.ts';
import { loadHuntingQuery, type HuntingQuery } from '../src/detect/hunting-query.ts';
import { loadRule } from '../src/detect/rule-files.ts';
import type { Rule } from '../src/detect/rule.ts';
import type { Alert } from '../src/detect/alerts.ts';
import { loadWorkspace, type Workspace } from '../src/detect/workspace.ts';
import { collect } from '../src/kql/exec/batches.ts';
import { compileQuery, type TableSource } from '../src/kql/engine.ts';
import { MemoryTable } from '../src/kql/file-table.ts';
import { formatResult } from '../src/kql/result-format.ts';
import type { Batch } from '../src/kql/types.ts';
import { TICKS_PER_HOUR } from '../src/kql/types.ts';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * The content folder: $TRAILHOUND_SENTINEL_CONTENT, else `../shared/sentinel-content/aws-cloudtrail`
 * beside the checkout (or two levels up, for a git worktree in a sub-folder).
 */
export function contentDir(): string | undefined {
  const candidates = [
    process.env.TRAILHOUND_SENTINEL_CONTENT,
    join(ROOT, '..', 'shared', 'sentinel-content', 'aws-cloudtrail'),
    join(ROOT, '..', '..', 'shared', 'sentinel-content', 'aws-cloudtrail'),
  ];
  return candidates.find((c): c is string => c !== undefined && existsSync(c));
}

/** The samples: the bundled example tree with the corpus scenario, and each Stratus Red Team log. */
export const SAMPLE_SETS: ReadonlyArray<{ readonly name: string; readonly paths: readonly string[] }> = [
  { name: 'examples', paths: ['examples/session-theft', 'test/fixtures/corpus/scenario'] },
  ...readdirSync(join(ROOT, 'test/fixtures/cloudtrail/stratus'))
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({ name: `stratus ${f.replace(/^aws\./, '').replace(/\.json$/, '')}`, paths: [`test/fixtures/cloudtrail/stratus/${f}`] })),
];

/** The files the test serves for the corpus's externaldata URLs (test/fixtures/corpus/README.md). */
export const EXTERNAL_DATA: Readonly<Record<string, string>> = {
  'https://firewalliplists.gypthecat.com/lists/kusto/kusto-tor-exit.csv.zip': 'test/fixtures/corpus/externaldata/kusto-tor-exit.csv.zip',
  'https://raw.githubusercontent.com/RhinoSecurityLabs/pacu/master/pacu/modules/iam__enum_roles/default-word-list.txt': 'test/fixtures/corpus/externaldata/default-word-list.txt',
  'https://aka.ms/awspublicipaddresse/aws-public-ip-addresses/ip-ranges.json': 'test/fixtures/corpus/externaldata/ip-ranges.json',
  'https://raw.githubusercontent.com/Azure/Azure-Sentinel/master/Sample%20Data/Feeds/Log4j_IOC_List.csv': 'test/fixtures/corpus/externaldata/Log4j_IOC_List.csv',
};

interface Pending {
  readonly feature: string;
  /** Whether a query uses the construct. */
  readonly uses: (query: string) => boolean;
  /** Whether this build has it. */
  readonly available: () => boolean;
}

function compiles(text: string): boolean {
  try {
    compileQuery(text, loadWorkspace({}).catalog(new Map()));
    return true;
  } catch {
    return false;
  }
}

function cliHasOption(command: string, option: string): boolean {
  return buildProgram().commands.find((c) => c.name() === command)?.options.some((o) => o.long === option) ?? false;
}

/** Constructs other parts of issue #14 add; each probe turns true once its work is merged. */
export const PENDING: readonly Pending[] = [
  // Probed on detect: once the option exists there, hunt must take it too, or the corpus fails.
  { feature: 'externaldata with --externaldata URL=FILE', uses: (q) => /externaldata/i.test(q), available: () => cliHasOption('detect', '--externaldata') },
  { feature: 'union isfuzzy=true', uses: (q) => /isfuzzy\s*=\s*true/i.test(q), available: () => compiles('union isfuzzy=true (print a = 1), (print a = 2)') },
  {
    feature: 'extend (a, b, c) = series_decompose_anomalies(...)',
    uses: (q) => /extend\s*\(\s*\w+\s*,/.test(q),
    available: () => compiles("print x = dynamic([1, 2, 3, 4]) | extend (a, b, c) = series_decompose_anomalies(x, 2.5, -1, 'linefit')"),
  },
];

export interface SampleResult {
  /** Rows of the query (a rule's query as `query` runs it; a hunting query as `hunt` runs it). */
  readonly rows?: number;
  /** Alerts `detect` raised (rules only). */
  readonly alerts?: number;
}

export interface CorpusEntry {
  /** File name in the content folder (the original path with `/` as `__`). */
  readonly file: string;
  readonly path: string;
  readonly kind: 'rule' | 'hunting';
  readonly solution: string;
  readonly name: string;
  /**
   * Catalogued Sentinel tables and ASIM parsers the query reads besides AWSCloudTrail (from the
   * compiled plan; from the text when it did not compile).
   */
  otherTables: readonly string[];
  /** externaldata URLs the query reads. */
  readonly externalData: readonly string[];
  /** Load warnings (limits Sentinel documents but does not enforce). */
  readonly warnings: readonly string[];
  /** Per sample set (SAMPLE_SETS names; `examples` only for queries run through the CLI). */
  readonly samples: Map<string, SampleResult>;
  /** Why it could not run. */
  error?: string;
  /** The construct this build lacks that it needs (set instead of error while PENDING says so). */
  pending?: string;
  readonly rule?: Rule;
  readonly hunting?: HuntingQuery;
  /** detect's alerts on the examples set, for checks of entities and evidence. */
  exampleAlerts?: Alert[];
  /** The query's result rows on the examples set (Kusto JSON values), for the independent counts. */
  exampleRows?: Record<string, unknown>[];
}

export interface LoadedSample {
  readonly name: string;
  readonly tables: Map<string, TableSource>;
  /** The first and last TimeGenerated. */
  readonly span: HuntRange;
  /** now() for rules' queries run as `query`: the hour after the last event. */
  readonly now: bigint;
}

export async function loadSample(set: (typeof SAMPLE_SETS)[number]): Promise<LoadedSample> {
  const source = openCloudTrail(set.paths.map((p) => join(ROOT, p)), { workers: 1 });
  const batch = await collect(source.schema, source.scan({ predicates: [] }));
  const tg = source.schema.findIndex((c) => c.name === 'TimeGenerated');
  const times = (batch.columns[tg] as (bigint | null)[]).filter((t): t is bigint => t !== null);
  const from = times.reduce((a, b) => (b < a ? b : a));
  const to = times.reduce((a, b) => (b > a ? b : a));
  const now = (to / TICKS_PER_HOUR + 1n) * TICKS_PER_HOUR;
  return { name: set.name, tables: new Map([[AWS_CLOUDTRAIL_TABLE, new MemoryTable(source.schema, batch)]]), span: { from, to }, now };
}

function solutionOf(file: string): string {
  return file.split('__')[1] ?? '';
}

function entryOf(dir: string, file: string, workspace: Workspace): CorpusEntry {
  const path = join(dir, file);
  const kind = file.includes('__Hunting Queries__') ? 'hunting' : 'rule';
  const base = { file, path, kind, solution: solutionOf(file), samples: new Map<string, SampleResult>() } as const;
  let rule: Rule | undefined;
  let hunting: HuntingQuery | undefined;
  try {
    if (kind === 'rule') rule = loadRule(path);
    else hunting = loadHuntingQuery(path);
  } catch (e) {
    return { ...base, name: file, otherTables: [], externalData: [], warnings: [], error: (e as Error).message };
  }
  const query = (rule ?? hunting)!.query;
  const otherTables = catalogueNames(workspace).filter((n) => new RegExp(`(^|[^\\w])${n}([^\\w]|$)`).test(query));
  const externalData = Object.keys(EXTERNAL_DATA).filter((u) => query.includes(u));
  const unknownUrls = [...query.matchAll(/externaldata[\s\S]*?\[\s*h?@?["']([^"']+)["']/gi)].map((m) => m[1]!).filter((u) => !(u in EXTERNAL_DATA));
  return {
    ...base,
    name: (rule ?? hunting)!.name,
    otherTables,
    externalData: [...externalData, ...unknownUrls],
    warnings: rule?.warnings ?? [],
    rule,
    hunting,
    ...(unknownUrls.length > 0 ? { error: `externaldata URL(s) with no test fixture: ${unknownUrls.join(', ')}` } : {}),
  };
}

/** The catalogued tables (by the names queries use) among the tables a plan scans. */
function readTables(scanned: Iterable<string>, workspace: Workspace): string[] {
  const bySource = new Map(catalogueNames(workspace).map((n) => [workspace.sentinelTable(n)!.source, n]));
  return [...new Set([...scanned].flatMap((t) => (bySource.has(t) ? [bySource.get(t)!] : [])))].sort();
}

function plainRows(b: Batch): Record<string, unknown>[] {
  return formatResult(b, 'jsonl').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Record<string, unknown>);
}

function catalogueNames(workspace: Workspace): string[] {
  const all = workspace.catalog(new Map()).tables.map((t) => t.name);
  return [...new Set([...all, '_Im_WebSession'])].filter((n) => workspace.sentinelTable(n) !== undefined).sort();
}

/** An error's message on one line. */
function message(e: unknown): string {
  return e instanceof Error ? e.message.replace(/\s+/g, ' ').trim() : String(e);
}

export interface CorpusReport {
  readonly dir: string;
  readonly entries: CorpusEntry[];
  readonly samples: readonly LoadedSample[];
  /** The CLI commands run for externaldata queries (for the test to show on failure). */
  readonly cli: Array<{ args: string[]; code: number | null; stderr: string }>;
}

/** Runs the whole corpus. Throws only when trailhound itself fails (an internal error). */
export async function runCorpus(dir: string): Promise<CorpusReport> {
  const workspace = loadWorkspace({});
  const files = readdirSync(dir).filter((f) => /\.ya?ml$/i.test(f)).sort();
  const entries = files.map((f) => entryOf(dir, f, workspace));
  const samples: LoadedSample[] = [];
  for (const set of SAMPLE_SETS) samples.push(await loadSample(set));
  const schemaTables = samples[0]!.tables;
  const external = PENDING[0]!;
  const viaCli = (e: CorpusEntry): boolean => e.externalData.length > 0;

  // Rules: their query as `query` runs it, then `detect`'s replay.
  for (const e of entries.filter((x) => x.rule && !x.error && !viaCli(x))) {
    let cr: CompiledRule;
    try {
      cr = compileRule(e.rule!, workspace, schemaTables);
    } catch (err) {
      e.error = message(err);
      continue;
    }
    (e as { warnings: readonly string[] }).warnings = cr.warnings;
    e.otherTables = readTables(cr.compiled.tableFilters().keys(), workspace);
    for (const s of samples) {
      try {
        const rows = await cr.compiled.run({ now: s.now, tables: workspace.runTables(s.tables), watchlists: workspace.watchlists });
        const result = await replay([cr], workspace.runTables(s.tables), workspace.watchlists);
        e.samples.set(s.name, { rows: rows.length, alerts: result.alerts.length });
        if (s.name === 'examples') {
          e.exampleAlerts = result.alerts;
          e.exampleRows = plainRows(rows);
        }
      } catch (err) {
        e.error = `${s.name}: ${message(err)}`;
        break;
      }
    }
  }
  // Hunting queries as `hunt` runs them, over each sample's span.
  for (const e of entries.filter((x) => x.hunting && !x.error && !viaCli(x))) {
    for (const s of samples) {
      const batches: Batch[] = [];
      const outcome = await runHuntingQuery(
        e.hunting!,
        s.span,
        { workspace, tables: s.tables, watchlists: workspace.watchlists, onCompiled: (c) => (e.otherTables = readTables(c.tableFilters().keys(), workspace)) },
        { onBatch: (b) => batches.push(b) },
      );
      if (outcome.error !== undefined) {
        e.error = `${s.name}: ${message(outcome.error)}`;
        break;
      }
      e.samples.set(s.name, { rows: outcome.count });
      if (s.name === 'examples') e.exampleRows = batches.flatMap(plainRows);
    }
  }
  const cli: CorpusReport['cli'] = [];
  const needCli = entries.filter((x) => !x.error && viaCli(x));
  if (needCli.length > 0 && external.available()) await runThroughCli(needCli, cli);

  for (const e of entries) {
    const text = (e.rule ?? e.hunting)?.query ?? '';
    const missing = PENDING.find((p) => p.uses(text) && !p.available());
    if (missing && (e.error !== undefined || viaCli(e))) {
      e.pending = missing.feature;
      e.error = undefined;
      e.samples.clear();
    }
  }
  return { dir, entries, samples, cli };
}

/**
 * Queries that read externaldata, through the CLI with the fixture files: `hunt` runs the hunting
 * queries and the rules' queries (as .kql files, which hunt runs as written) over the examples,
 * and `detect` replays the rules.
 */
async function runThroughCli(entries: CorpusEntry[], cli: CorpusReport['cli']): Promise<void> {
  const tmp = mkdtempSync(join(tmpdir(), 'th-corpus-'));
  try {
    const ext = Object.entries(EXTERNAL_DATA).flatMap(([url, file]) => ['--externaldata', `${url}=${join(ROOT, file)}`]);
    const logs = SAMPLE_SETS[0]!.paths.flatMap((p) => ['--logs', join(ROOT, p)]);
    const run = (args: string[]) => {
      const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/bin.ts'), ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
      cli.push({ args, code: r.status, stderr: r.stderr });
      return r;
    };
    const queryFiles = new Map<string, CorpusEntry>();
    for (const e of entries) {
      let file = e.path;
      if (e.rule) {
        file = join(tmp, `${basename(e.file).replace(/\.ya?ml$/i, '')}.kql`);
        writeFileSync(file, e.rule.query);
      }
      queryFiles.set(file, e);
    }
    const hunt = run(['hunt', ...logs, ...[...queryFiles.keys()].flatMap((q) => ['--queries', q]), ...ext, '--format', 'jsonl', '--no-fail', '--no-cache']);
    for (const line of hunt.stdout.split('\n').filter((l) => l.trim() !== '')) {
      const o = JSON.parse(line) as { file: string; results: number | null; error: string | null };
      const e = queryFiles.get(o.file);
      if (!e) continue;
      if (o.error !== null) e.error = `examples: ${o.error}`;
      else e.samples.set('examples', { rows: o.results ?? undefined });
    }
    if (hunt.status !== 0 && hunt.status !== 2) for (const e of entries) e.error ??= `hunt exited ${hunt.status}: ${hunt.stderr.trim().split('\n').pop()}`;
    const rules = entries.filter((e) => e.rule && e.error === undefined);
    if (rules.length > 0) {
      const detect = run(['detect', ...logs, ...rules.flatMap((e) => ['--rules', e.path]), ...ext, '--format', 'jsonl', '--no-fail', '--no-cache']);
      if (detect.status !== 0) for (const e of rules) e.error = `detect exited ${detect.status}: ${detect.stderr.trim().split('\n').pop()}`;
      else {
        const alerts = detect.stdout.split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as Alert);
        for (const e of rules) {
          const mine = alerts.filter((a) => a.ruleId === e.rule!.id);
          const prev = e.samples.get('examples') ?? {};
          e.samples.set('examples', { ...prev, alerts: mine.length });
          e.exampleAlerts = mine;
        }
      }
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** "rows 23, alerts 1 (examples); rows 1 (stratus ...)" */
export function describeSamples(e: CorpusEntry): string {
  const parts: string[] = [];
  for (const [name, r] of e.samples) {
    if ((r.rows ?? 0) === 0 && (r.alerts ?? 0) === 0) continue;
    const what = [r.rows !== undefined ? `rows ${r.rows}` : '', r.alerts !== undefined ? `alerts ${r.alerts}` : ''].filter(Boolean).join(', ');
    parts.push(`${what} (${name})`);
  }
  return parts.length > 0 ? parts.join('; ') : 'no rows';
}
