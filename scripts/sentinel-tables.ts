/**
 * Generates content/tables/*.json, the catalogue of Log Analytics / Microsoft Sentinel tables
 * (and ASIM parser functions) that public Sentinel content reads besides AWSCloudTrail.
 * Only facts are kept: column names and types, with where they were read from.
 *
 *   node --import tsx scripts/sentinel-tables.ts \
 *     --monitor-ref <git dir of github.com/MicrosoftDocs/azure-reference-other> [--commit SHA] \
 *     --asim <folder holding Parsers/ASimWebSession/Parsers/*.yaml of github.com/Azure/Azure-Sentinel> \
 *     --asim-commit SHA [--out content/tables]
 *
 * Sources (docs/tables.md says more):
 * - the Azure Monitor Logs table reference, learn.microsoft.com/azure/azure-monitor/reference/tables/<table>,
 *   whose column tables are the markdown files azure-monitor-ref/tables/includes/<table>-include.md
 *   (AzureDiagnostics: the "Columns" section of azure-monitor-ref/tables/azurediagnostics.md) of
 *   MicrosoftDocs/azure-reference-other; the folder moved to another repository in November 2024, so
 *   the default commit is the last one before the move;
 * - ASIM parsers: Microsoft's empty-schema parser (vimWebSessionEmpty.yaml, the datatable that
 *   `_Im_WebSession` starts its union with) for the columns, and the ParserParams of the unifying
 *   parser (imWebSession.yaml) for the parameters.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';

/** The last commit of azure-reference-other that still held azure-monitor-ref/ (2024-11-20). */
const DEFAULT_COMMIT = 'bea53845fef94ad4f1887d306e6618a34efefc01';
const REFERENCE_REPO = 'https://github.com/MicrosoftDocs/azure-reference-other';
const SENTINEL_REPO = 'https://github.com/Azure/Azure-Sentinel';

/** Tables read by the public content that reads AWSCloudTrail, and the other AWS S3-connector tables. */
const TABLES = [
  'AADNonInteractiveUserSignInLogs', 'AuditLogs', 'AWSCloudWatch', 'AWSGuardDuty', 'AWSVPCFlow', 'AzureActivity',
  'AzureDiagnostics', 'CommonSecurityLog', 'DeviceNetworkEvents', 'DnsEvents', 'Event', 'IdentityInfo', 'OfficeActivity',
  'SecurityAlert', 'SecurityEvent', 'SigninLogs', 'ThreatIntelIndicators', 'ThreatIntelligenceIndicator', 'VMConnection',
  'W3CIISLog',
];

/** ASIM parser functions the content calls: function name -> [empty-schema parser, unifying parser]. */
const ASIM = { _Im_WebSession: ['vimWebSessionEmpty.yaml', 'imWebSession.yaml'] } as const;

const KQL_TYPES = new Set(['bool', 'int', 'long', 'real', 'decimal', 'string', 'datetime', 'timespan', 'guid', 'dynamic']);
/** AzureDiagnostics' page names types the .NET way. */
const DOTNET_TYPES: Record<string, string> = { String: 'string', Guid: 'guid', Double: 'real', BigInt: 'long', DateTime: 'datetime', Bool: 'bool', Int: 'int' };

interface Column { readonly name: string; readonly type: string }

function args(): Map<string, string> {
  const out = new Map<string, string>();
  const a = process.argv.slice(2);
  for (let i = 0; i < a.length; i += 2) {
    if (!a[i]!.startsWith('--') || a[i + 1] === undefined) throw new Error(`bad arguments near ${a[i]} (see the comment at the top of this script)`);
    out.set(a[i]!.slice(2), a[i + 1]!);
  }
  return out;
}

function git(dir: string, ...rest: string[]): string {
  return execFileSync('git', ['--git-dir', dir, ...rest], { encoding: 'utf8', maxBuffer: 64 << 20 });
}

/** `| Name | type | description |` rows after a `| Column | Type | ...` header. */
function markdownColumns(text: string, where: string): Column[] {
  const lines = text.split('\n').map((l) => l.trim());
  const header = lines.findIndex((l) => /^\|\s*Column\s*\|\s*Type\s*\|/i.test(l));
  if (header < 0) throw new Error(`${where}: no column table`);
  const out: Column[] = [];
  for (const line of lines.slice(header + 2)) {
    if (!line.startsWith('|')) break;
    const [name, type] = line.split('|').slice(1, 3).map((s) => s.trim());
    if (!name) throw new Error(`${where}: a row without a column name: ${line}`);
    out.push({ name, type: type ?? '' });
  }
  return out;
}

function checked(columns: Column[], where: string): Column[] {
  const seen = new Set<string>();
  const out: Column[] = [];
  for (const c of columns) {
    if (!KQL_TYPES.has(c.type)) throw new Error(`${where}: column ${c.name} has type "${c.type}"`);
    // AzureDiagnostics' page lists a few columns twice, with the same type.
    if (seen.has(c.name)) continue;
    seen.add(c.name);
    out.push(c);
  }
  return out;
}

function tableFile(refDir: string, commit: string, table: string): object {
  const lower = table.toLowerCase();
  const path = table === 'AzureDiagnostics' ? `azure-monitor-ref/tables/${lower}.md` : `azure-monitor-ref/tables/includes/${lower}-include.md`;
  let text = git(refDir, 'show', `${commit}:${path}`);
  const updated = git(refDir, 'log', '-1', '--format=%cs', commit, '--', path).trim();
  let columns: Column[];
  const notes: string[] = [];
  if (table === 'AzureDiagnostics') {
    text = text.slice(text.indexOf('\n## Columns'));
    columns = markdownColumns(text, path).map((c) => ({
      name: c.name,
      // "the excess data is added to a dynamic property bag column called AdditionalFields" (same page).
      type: c.type === '' && c.name === 'AdditionalFields' ? 'dynamic' : (DOTNET_TYPES[c.type] ?? c.type),
    }));
    // The page's list stops before the standard columns every table has
    // (learn.microsoft.com/azure/azure-monitor/logs/log-standard-columns).
    for (const std of [{ name: 'TenantId', type: 'string' }, { name: 'TimeGenerated', type: 'datetime' }, { name: 'Type', type: 'string' }]) {
      if (!columns.some((c) => c.name === std.name)) {
        columns.push(std);
        notes.push(`${std.name} (${std.type}) added: a standard column of every table (learn.microsoft.com/azure/azure-monitor/logs/log-standard-columns), missing from the page's list`);
      }
    }
    notes.push('Columns are added to this table as resource logs bring new ones (the page, "AdditionalFields column"): a --table file may add columns, typed by their suffix');
  } else {
    columns = markdownColumns(text, path);
  }
  return {
    name: table,
    kind: 'table',
    source: {
      documentation: `https://learn.microsoft.com/azure/azure-monitor/reference/tables/${lower}`,
      from: `${REFERENCE_REPO}/blob/${commit}/${path}`,
      updated,
      ...(notes.length > 0 ? { notes } : {}),
    },
    columns: checked(columns, path),
  };
}

/** `datatable(a:string, b:long, ...)` in an ASIM empty-schema parser. */
function datatableColumns(query: string, where: string): Column[] {
  const m = /datatable\s*\(([\s\S]*?)\)\s*\[/.exec(query);
  if (!m) throw new Error(`${where}: no datatable(...)`);
  return m[1]!
    .split('\n')
    .map((l) => l.replace(/\/\/.*$/, '').trim().replace(/^,|,$/g, '').trim())
    .filter((l) => l !== '')
    .map((l) => {
      const [name, type] = l.split(':').map((s) => s.trim());
      return { name: name!, type: type! };
    });
}

function asimFile(dir: string, commit: string, name: string, files: readonly [string, string]): object {
  const folder = 'Parsers/ASimWebSession/Parsers';
  const empty = parseYaml(readFileSync(join(dir, folder, files[0]), 'utf8')) as { ParserQuery: string; EquivalentBuiltInParser: string };
  const unifying = parseYaml(readFileSync(join(dir, folder, files[1]), 'utf8')) as {
    EquivalentBuiltInParser: string;
    ParserParams: { Name: string; Type: string; Default: string | boolean }[];
  };
  if (unifying.EquivalentBuiltInParser !== name) throw new Error(`${files[1]} is the parser of ${unifying.EquivalentBuiltInParser}, not ${name}`);
  const parameters = unifying.ParserParams.map((p) => ({ name: p.Name, type: p.Type.trim(), default: String(p.Default) }));
  for (const p of parameters) if (!KQL_TYPES.has(p.type)) throw new Error(`${files[1]}: parameter ${p.name} has type "${p.type}"`);
  return {
    name,
    kind: 'asim-parser',
    source: {
      documentation: 'https://learn.microsoft.com/azure/sentinel/normalization-schema-web',
      from: `${SENTINEL_REPO}/blob/${commit}/${folder}/${files[0]}`,
      parameters: `${SENTINEL_REPO}/blob/${commit}/${folder}/${files[1]}`,
    },
    parameters,
    columns: checked(datatableColumns(empty.ParserQuery, files[0]), files[0]),
  };
}

function write(outDir: string, doc: { name: string; columns: Column[]; parameters?: object[] } & Record<string, unknown>): void {
  const { columns, parameters, ...head } = doc;
  // One column (parameter) per line: diffs of a regenerated catalogue show what changed.
  const list = (items: readonly object[]) => items.map((c) => `    ${JSON.stringify(c)}`).join(',\n');
  const lists = [...(parameters ? [`  "parameters": [\n${list(parameters)}\n  ]`] : []), `  "columns": [\n${list(columns)}\n  ]`];
  const text = JSON.stringify(head, null, 2).replace(/\n}$/, `,\n${lists.join(',\n')}\n}\n`);
  JSON.parse(text);
  writeFileSync(join(outDir, `${doc.name}.json`), text);
}

function main(): void {
  const a = args();
  const refDir = a.get('monitor-ref');
  const asimDir = a.get('asim');
  const asimCommit = a.get('asim-commit');
  if (!refDir || !asimDir || !asimCommit) throw new Error('give --monitor-ref DIR, --asim DIR and --asim-commit SHA');
  const commit = a.get('commit') ?? DEFAULT_COMMIT;
  const outDir = a.get('out') ?? 'content/tables';
  mkdirSync(outDir, { recursive: true });
  for (const t of TABLES) write(outDir, tableFile(refDir, commit, t) as never);
  for (const [name, files] of Object.entries(ASIM)) write(outDir, asimFile(asimDir, asimCommit, name, files) as never);
  process.stdout.write(`${TABLES.length} tables and ${Object.keys(ASIM).length} ASIM parser(s) written to ${outDir}\n`);
}

main();
