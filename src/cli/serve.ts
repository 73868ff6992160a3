/**
 * `trailhound serve`: CloudTrail logs (and --table files) behind Azure Data Explorer's REST API,
 * so Kusto clients connect to them (src/server/, docs/serve.md).
 */
import type { Command } from 'commander';
import { compileQuery, type ExternalDataSource } from '../kql/engine.ts';
import { KqlError } from '../kql/errors.ts';
import { defaultMaxMemory } from '../kql/exec/memory.ts';
import { DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_CONCURRENT, DEFAULT_TIMEOUT_MS, MAX_DETECTION_RUNS } from '../server/limits.ts';
import { DATABASE } from '../server/management.ts';
import { RequestError, serverTimeout } from '../server/request.ts';
import { badRequest } from '../server/kusto-errors.ts';
import { addLogOptions } from './logs.ts';
import { UsageError } from './errors.ts';
import { parseNow } from './query.ts';
import { openTables } from './tables.ts';
import { addDataOptions, logsOf, workspaceOf } from './workspace-options.ts';
import { addExternalDataOption } from './external-data.ts';
import { addMaxMemoryOption, maxMemoryProperties } from './limits.ts';
import { visibleLines } from './visible.ts';
import { loadRules } from '../detect/rule-files.ts';
import { compileRule, replay, TooManyRunsError, withExternalData } from '../detect/replay.ts';
import { formatDatetimeJson } from '../kql/values/datetime.ts';
import { reproducingQuery, type DetectionsRunner } from '../server/detections.ts';

/** Addresses only this machine can reach. */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/** externaldata without --allow-externaldata: the query fails naming the URL and the option. */
const externalDataOff: ExternalDataSource = (uri) =>
  Promise.reject(new KqlError('runtime', `externaldata is off in trailhound serve (a client's query must not make this server fetch ${uri}); start it with --allow-externaldata`));

function wholeNumber(name: string, text: string, min: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`${name} must be a whole number of at least ${min}, got ${text}`);
  return n;
}

export function registerServeCommand(program: Command): void {
  const command = program
    .command('serve')
    .description("Answer Azure Data Explorer's REST API over CloudTrail logs, so Kusto clients (Kusto Explorer, the ADX web UI, Kqlmagic, Grafana, the SDKs) query them.");
  addDataOptions(command)
    .option('-r, --rules <path>', "rule files or folders for the explorer's detections page (.yaml Sentinel rules, .kql queries; repeatable; default: the built-in rules)", (v: string, prev: string[] = []) => [...prev, v], [])
    .option('--now <datetime>', 'the instant now() and ago() use in every query (default: the time of each request; a client sets its own with the query_now request property)')
    .option('-p, --port <port>', 'TCP port (0: any free port, printed at start)', '8080')
    .option('--bind <address>', 'address to listen on; anything but loopback needs --token', '127.0.0.1')
    .option('--token <token>', 'bearer token every request must carry (Authorization: Bearer <token>); also read from TRAILHOUND_SERVE_TOKEN')
    .option('--allow-externaldata', "let clients' queries use externaldata (off by default: a query could make this server fetch any URL)")
    .option('--ip-db <file>', "a MaxMind DB file (.mmdb: GeoLite2-ASN/-Country/-City, DB-IP Lite ASN/Country/City) the explorer's address labels take the ASN or the country from, instead of the bundled data (repeatable)", (v: string, prev: string[] = []) => [...prev, v], [])
    .option('--max-concurrent <n>', `queries running at once; more are refused with HTTP 429, Kusto's throttling error (default ${DEFAULT_MAX_CONCURRENT})`)
    .option('--timeout <timespan>', "servertimeout of a query whose client sets none, e.g. 00:04:00 or 30s (default 4 minutes, as Kusto); clients may set up to 1 hour");
  addMaxMemoryOption(addExternalDataOption(addLogOptions(command)))
    .addHelpText(
      'after',
      `
The database is named ${DATABASE}; the tables are AWSCloudTrail (--logs), the --table files and the
catalogued Sentinel tables (empty unless given). Read-only: management commands that change
anything are refused. Each query has the limits of Kusto's: servertimeout (default 4 minutes),
the memory budget (--max-memory, split between --max-concurrent queries by default), result
truncation at 500,000 records or 64 MB (clients lift it with notruncation or change it with
truncationmaxrecords/truncationmaxsize). Request bodies are capped at 1 MiB (HTTP 413).
No --engine yet: serve answers from the files it reads (a ClickHouse table: trailhound query,
detect, hunt or watch with --engine chdb|clickhouse, docs/clickhouse.md).

Connecting (docs/serve.md):
  connection string   Data Source=http://127.0.0.1:8080;Initial Catalog=${DATABASE}
  with --token        the client's "application token" / access-token authentication with the token,
                      e.g. Kusto SDKs: KustoConnectionStringBuilder.withAccessToken(url, token);
                      Kqlmagic: %kql azureDataExplorer://code;cluster='http://127.0.0.1:8080';database='${DATABASE}' ...
                      or any HTTP client: Authorization: Bearer <token>
  curl                curl -s localhost:8080/v2/rest/query -H 'Content-Type: application/json' \\
                        -d '{"db":"${DATABASE}","csl":"AWSCloudTrail | count"}'

Safe by default: it listens on 127.0.0.1; --bind with any other address requires --token (and
then every request must carry it, compared in constant time). No CORS headers are sent.

Exit status: 0 stopped with Ctrl-C (SIGINT) or SIGTERM; 2 it could not start (usage, a missing
--logs path, --bind without --token, the port in use); 3 a bug in trailhound.

Examples:
  trailhound serve --logs examples/session-theft
  trailhound serve --logs ./AWSLogs --table SigninLogs=signins.jsonl --port 9000
  TRAILHOUND_SERVE_TOKEN=s3cret trailhound serve --logs ./AWSLogs --bind 0.0.0.0
`,
    )
    .action(async (opts) => {
      const token: string | undefined = opts.token ?? (process.env.TRAILHOUND_SERVE_TOKEN || undefined);
      const host = opts.bind as string;
      if (!isLoopback(host) && !token) throw new UsageError(`--bind ${host} makes the server reachable from other machines: give it --token <token> (or TRAILHOUND_SERVE_TOKEN)`);
      if (token !== undefined && token.length < 8) throw new UsageError('--token must have at least 8 characters');
      const port = wholeNumber('--port', opts.port, 0);
      if (port > 65535) throw new UsageError(`--port must be at most 65535, got ${opts.port}`);
      // The user's address databases: opened (metadata only) now, so a wrong file stops the start.
      const { openIpDb, IpDbError } = await import('../server/ip-mmdb.ts');
      const ipDbs = (opts.ipDb as string[]).map((file) => {
        try {
          return openIpDb(file);
        } catch (e) {
          throw e instanceof IpDbError ? new UsageError(e.message) : e;
        }
      });
      const maxConcurrent = opts.maxConcurrent === undefined ? DEFAULT_MAX_CONCURRENT : wholeNumber('--max-concurrent', opts.maxConcurrent, 1);
      let defaultTimeoutMs = DEFAULT_TIMEOUT_MS;
      if (opts.timeout !== undefined) {
        try {
          defaultTimeoutMs = serverTimeout(opts.timeout);
        } catch {
          throw new UsageError(`--timeout must be a timespan such as 00:04:00 or 30s, got ${opts.timeout}`);
        }
      }
      // Every running query may use its budget at once: by default they share the one budget.
      const maxMemoryBytes = maxMemoryProperties(opts.maxMemory).max_memory_consumption_per_query_per_node ?? Math.floor(defaultMaxMemory() / maxConcurrent);
      const fixedNow = opts.now === undefined ? undefined : parseNow(opts.now);
      const workspace = workspaceOf(opts, { noBuiltins: opts.builtins === false, planCache: undefined });
      const tables = openTables(opts.table as string[], workspace, (line) => process.stderr.write(`${line}\n`));
      const logs = await logsOf(opts);
      if (logs) tables.set(logs.name, logs.source);
      const catalog = workspace.catalog(tables);
      const runTables = workspace.runTables(tables);
      // The official parser's one-time start-up, before the first client waits for it.
      compileQuery('print 1', catalog);
      const externalData = opts.allowExternaldata ? workspace.externalData : externalDataOff;
      // The rules are the operator's, as with `detect`: compiled once, so a broken rule stops the start.
      const rules = loadRules(opts.rules as string[]);
      const compiledRules = await Promise.all(rules.map((r) => withExternalData(compileRule(r, workspace, tables), workspace)));
      for (const w of compiledRules.flatMap((c) => c.warnings)) process.stderr.write(`warning: ${visibleLines(w)}\n`);
      const detections: DetectionsRunner = async (range, signal) => {
        const result = await replay(compiledRules, runTables, workspace.watchlists, { from: range.from, to: range.to, properties: maxMemoryProperties(opts.maxMemory), signal, maxRuns: MAX_DETECTION_RUNS }).catch((e: unknown) => {
          throw e instanceof TooManyRunsError ? new RequestError(badRequest(e.message)) : e;
        });
        const byId = new Map(compiledRules.map((c) => [c.rule.id, c.rule]));
        return {
          rules: compiledRules.map(({ rule }) => ({ id: rule.id, name: rule.name, severity: rule.severity, query: rule.query })),
          alerts: result.alerts.map((a) => ({ ...a, query: reproducingQuery(a, byId.get(a.ruleId)?.query ?? '') })),
          runs: result.runs.length,
          triggered: result.runs.filter((r) => r.triggered).length,
          failedRuns: result.failedRuns.map((f) => ({ ruleId: f.rule.id, now: formatDatetimeJson(f.window.now), message: f.message })),
        };
      };
      // Loaded here: the CLI's V8 startup snapshot cannot hold node:http (scripts/build.mjs).
      const { startServer } = await import('../server/http-server.ts');
      const { createIpLabeller } = await import('../server/ip-info.ts');
      const server = await startServer({
        host,
        port,
        token,
        limits: { maxConcurrent, maxBodyBytes: DEFAULT_MAX_BODY_BYTES, defaultTimeoutMs, maxMemoryBytes },
        catalog: () => catalog,
        run: {
          compile: (text) => compileQuery(text, catalog),
          input: () => ({ now: fixedNow ?? parseNow(undefined), tables: runTables, watchlists: workspace.watchlists, externalData }),
        },
        detections,
        ipLabeller: createIpLabeller(ipDbs),
        log: (line) => process.stderr.write(`${visibleLines(line)}\n`),
      });
      process.stderr.write(
        `trailhound serve: listening on ${server.url} (database ${DATABASE}${token ? ', token required' : ''})\n` +
          `  connection string: Data Source=${server.url};Initial Catalog=${DATABASE}\n`,
      );
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await server.close();
      process.stderr.write('trailhound serve: stopped\n');
    });
}
