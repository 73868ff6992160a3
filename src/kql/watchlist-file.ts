/** Sentinel watchlists from their upload format: a CSV file, header row then items. */
import { parse } from 'csv-parse/sync';
import { KqlError } from './errors.ts';
import { CSV_OPTIONS } from './csv-limits.ts';
import type { Watchlist } from './exec/context.ts';

export function parseWatchlistCsv(alias: string, text: string, source: string, searchKey?: string): Watchlist {
  let records: string[][];
  try {
    records = parse(text.replace(/^\uFEFF/, ''), CSV_OPTIONS) as string[][];
  } catch (e) {
    throw new KqlError('runtime', `${source}: not a valid CSV watchlist: ${(e as Error).message}`, undefined, source);
  }
  if (records.length === 0) throw new KqlError('runtime', `${source}: a watchlist needs a header row`, undefined, source);
  const fields = records[0]!.map((f) => f.trim());
  if (searchKey !== undefined && !fields.includes(searchKey)) {
    throw new KqlError('runtime', `${source}: search key ${searchKey} is not a column (${fields.join(', ')})`, undefined, source);
  }
  return { alias, fields, rows: records.slice(1), searchKey };
}
