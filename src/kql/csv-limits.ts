/**
 * Bounds for the CSV files read whole (`--table` files, watchlists): csv-parse holds a record's
 * fields in memory until its end, so one field of a gigabyte or one line of a billion commas
 * would exhaust memory. A field past `max_record_size` characters is csv-parse's own error; a
 * record of more columns than any Log Analytics table can have (500; 10,000 leaves room) is
 * ours, from `on_record`'s column count as csv-parse reports it (csv.js.org/parse/options/).
 */
import type { Options } from 'csv-parse/sync';

export const CSV_MAX_FIELD_CHARS = 16 * 1024 * 1024;
export const CSV_MAX_COLUMNS = 10_000;

export const CSV_OPTIONS: Options = {
  relax_column_count: true,
  skip_empty_lines: true,
  // a file edited on two systems mixes line endings: csv-parse otherwise takes the first one it meets as the only one
  record_delimiter: ['\r\n', '\n', '\r'],
  max_record_size: CSV_MAX_FIELD_CHARS,
  on_record: (record: string[], context) => {
    if (record.length > CSV_MAX_COLUMNS) throw new Error(`line ${context.lines}: ${record.length} columns, over the limit of ${CSV_MAX_COLUMNS}`);
    return record;
  },
};
