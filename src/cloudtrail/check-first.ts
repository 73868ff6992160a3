/**
 * Check-first reading: the field scanner (field-scan.ts) reads only the fields of a scan's exact
 * checks, and a record is read whole only when they pass.
 *
 * The field scanner reads records' bytes, but only for scans of at most MAX_EXTRACTED_COLUMNS
 * columns and no JSON column (those are re-encoded from a record's text, which it never makes).
 * Any other scan parsed every record whole unless a byte filter ruled most of them out first, and
 * some selective checks get none: `where SourceIpAddress == "198.51.100.7"` over every column
 * (an IP's needles are digits, which a JSON number re-spelled into a string column could make),
 * a list of more than 64 values (`SourceIpAddress in (TorNodes)`), a needle most records hold.
 * Such a scan over 1M records took 11–12 s on one thread, where the same rows with a few columns
 * took 1–2 s.
 */
import { JSON_COLUMNS } from './mapping.ts';
import { cachedFieldPlan, type FieldNode } from './field-plan.ts';
import { flatPlan, type FlatPlan } from './field-scan.ts';
import type { CompiledFilter } from './prefilter.ts';
import { AWS_CLOUDTRAIL_SCHEMA } from './schema.ts';
import type { FileScanConfig } from './types.ts';

type Wanted = Pick<FileScanConfig, 'wanted' | 'extractFields'>;

const wantsJson = (wanted: readonly boolean[]): boolean => wanted.some((w, i) => w && JSON_COLUMNS.has(AWS_CLOUDTRAIL_SCHEMA[i]!.name));

/**
 * The plan the field extractor (field-extract.ts) reads a scan's records' wanted fields with, or
 * null (every record parsed whole). A byte-filtered scan parses only its few candidates: there
 * the extractor's JIT warm-up costs more than it saves (access-key hunt at 300k: +10 % CPU with it).
 */
export function extractorPlan(filter: CompiledFilter, config: Wanted): FieldNode | null {
  return config.extractFields === false || filter.byteFilter !== null ? null : cachedFieldPlan(config.wanted);
}

/** The field scanner's plan for reading a scan's records whole: the extractor's, when no JSON column is wanted; else null (the JS path). */
export function wholeRecordPlan(filter: CompiledFilter, config: Wanted): FlatPlan | null {
  const plan = wantsJson(config.wanted) ? null : extractorPlan(filter, config);
  return plan === null ? null : flatPlan(plan);
}

/**
 * The plan that reads just the exact checks' fields, for a scan the field scanner cannot read
 * whole, that has no byte filter, and whose checks keep only given values (a negated `has` alone
 * keeps most records: reading them twice would cost more); else null.
 */
export function checkFirstPlan(filter: CompiledFilter, config: Wanted): FlatPlan | null {
  if (config.extractFields === false || filter.byteFilter !== null || !filter.selective) return null;
  if (wholeRecordPlan(filter, config) !== null) return null;
  const wanted = AWS_CLOUDTRAIL_SCHEMA.map((c) => filter.earlyColumns.has(c.name));
  if (wantsJson(wanted)) return null;
  const plan = cachedFieldPlan(wanted);
  return plan === null ? null : flatPlan(plan);
}
