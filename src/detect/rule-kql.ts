/**
 * A bare `.kql` file as a scheduled rule. Its schedule comes from command-line flags, else from
 * the query's own `let query_frequency = 5m;` / `let query_period = 10m;` (the convention of
 * Sentinel rule queries such as the seed rule), else Sentinel's defaults for a new scheduled rule
 * (run every 5 hours over the last 5 hours, alert when results > 0, severity Medium, one alert
 * per run: the analytics-rule wizard's defaults).
 */
import { createHash } from 'node:crypto';
import { basename, extname } from 'node:path';
import { TICKS_PER_HOUR } from '../kql/types.ts';
import { parseTimespanLiteral } from '../kql/values/timespan.ts';
import { RuleError, type Rule } from './rule.ts';

export interface KqlRuleDefaults {
  readonly queryFrequency?: bigint;
  readonly queryPeriod?: bigint;
}

export const WIZARD_DEFAULT_PERIOD = 5n * TICKS_PER_HOUR;

/**
 * The value of `let NAME = <timespan literal>;` at the top level of the query, if any. The
 * leading blanks stop at line ends: a `\s*` there would let every line start rescan all the blank
 * lines after it (quadratic on a query of many blank lines), and a `let` after blank lines is
 * still found from its own line's start.
 */
export function letTimespan(query: string, name: string): bigint | undefined {
  const m = new RegExp(`^[^\\S\\n\\r\\u2028\\u2029]*let\\s+${name}\\s*=\\s*([^;]+);`, 'm').exec(query);
  if (!m) return undefined;
  const v = parseTimespanLiteral(m[1]!.trim());
  return v === null ? undefined : v;
}

/** A GUID derived from the file name, so a bare rule keeps its id (and its alert ids) across runs. */
function stableGuid(seed: string): string {
  const h = createHash('sha256').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function parseKqlRule(query: string, file: string, defaults: KqlRuleDefaults = {}): Rule {
  if (query.trim() === '') throw new RuleError(file, undefined, 'the query is empty');
  const name = basename(file, extname(file));
  const queryFrequency = defaults.queryFrequency ?? letTimespan(query, 'query_frequency') ?? WIZARD_DEFAULT_PERIOD;
  const queryPeriod = defaults.queryPeriod ?? letTimespan(query, 'query_period') ?? (defaults.queryFrequency ?? letTimespan(query, 'query_frequency') ?? WIZARD_DEFAULT_PERIOD);
  if (queryFrequency <= 0n) throw new RuleError(file, 'query_frequency', 'must be positive');
  if (queryPeriod < queryFrequency) throw new RuleError(file, 'query_period', 'must not be shorter than the frequency (Sentinel refuses it)');
  return {
    file, id: stableGuid(`trailhound-kql:${name}`), name, description: '', severity: 'Medium', kind: 'Scheduled',
    queryFrequency, queryPeriod, triggerOperator: 'gt', triggerThreshold: 0, tactics: [], relevantTechniques: [], query,
    entityMappings: [], customDetails: new Map(), aggregationKind: 'SingleAlert', suppressionEnabled: false,
    suppressionDuration: 0n, raw: {}, format: 'kql',
  };
}
