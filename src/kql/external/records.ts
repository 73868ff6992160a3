/**
 * The records of one text file in an ingestion format (ingestion-supported-formats doc):
 *   csv, tsv, psv, scsv, sohsv  RFC 4180 records with that delimiter (`,` tab `|` `;` U+0001);
 *                               quoted fields may hold delimiters, quotes ("") and line breaks
 *   txt                         "A text file with lines delimited by \n. Empty lines are skipped."
 *   raw                         "A text file whose entire contents are a single string value."
 *   json                        "A text file with JSON objects delimited by \n or \r\n" (JSON Lines)
 *   multijson                   "A text file with a JSON array of property bags (each representing a
 *                               record), or any number of property bags delimited by whitespace"
 * Delimited and text records are lists of fields; JSON records are dynamic values. Our choices
 * where the doc is silent: empty lines of delimited files are skipped (as txt's are); a JSON line
 * that is not JSON is an error naming its line, not a silently lost record.
 */
import { parse } from 'csv-parse/sync';
import type { Dyn } from '../types.ts';
import { parseJson, parseJsonValues } from '../values/dynamic.ts';
import { ExternalFileError } from './files.ts';
import type { ExternalFormat } from './spec.ts';

export type Records = { readonly kind: 'fields'; readonly rows: string[][] } | { readonly kind: 'json'; readonly rows: Dyn[] };

const DELIMITERS: Partial<Record<ExternalFormat, string>> = { csv: ',', tsv: '\t', psv: '|', scsv: ';', sohsv: '\u0001' };

/** 1-based line of an offset. */
function lineAt(text: string, offset: number): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

export function readRecords(text: string, format: ExternalFormat): Records {
  const delimiter = DELIMITERS[format];
  if (delimiter !== undefined) {
    try {
      return { kind: 'fields', rows: parse(text, { delimiter, record_delimiter: ['\r\n', '\n'], relax_column_count: true, skip_empty_lines: true, bom: true }) as string[][] };
    } catch (e) {
      throw new ExternalFileError(`is not valid ${format.toUpperCase()}: ${(e as Error).message}`);
    }
  }
  switch (format) {
    case 'txt':
      return { kind: 'fields', rows: text.split(/\r?\n/).filter((l) => l !== '').map((l) => [l]) };
    case 'raw':
      return { kind: 'fields', rows: [[text]] };
    case 'json': {
      const rows: Dyn[] = [];
      const lines = text.split('\n');
      for (let i = 0; i < lines.length; i++) {
        const line = lines[i]!.replace(/\r$/, '');
        if (line.trim() === '') continue;
        const v = parseJson(line);
        if (v === undefined) throw new ExternalFileError(`line ${i + 1} is not JSON (format json is one JSON object per line; multijson allows records over several lines)`);
        rows.push(v);
      }
      return { kind: 'json', rows };
    }
    case 'multijson': {
      let bad = 0;
      const values = parseJsonValues(text, (at) => (bad = at));
      if (values === undefined) throw new ExternalFileError(`is not MultiJSON: not JSON at line ${lineAt(text, bad)}`);
      // "a JSON array of property bags (each representing a record)".
      return { kind: 'json', rows: values.flatMap((v) => (Array.isArray(v) ? v : [v])) };
    }
  }
  throw new ExternalFileError(`format ${format} cannot be read`);
}
