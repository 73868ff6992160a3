/**
 * Renders a result as text, batch by batch, in chunks, so that output memory stays flat whatever
 * the number of rows: `json` is exactly {"columns":[{"name","type"}],"rows":[[...]]} with Kusto's
 * value formats; `jsonl` one object per row; `csv`; `table` aligned text for people (text-table.ts).
 * The exact formats (json, jsonl, csv) carry every value as it is; `table` is for reading.
 */
import type { Batch, Schema } from './types.ts';
import { valueToJsonText, valueToString } from './values/format.ts';
import { TextTable } from './text-table.ts';

export type ResultFormat = 'table' | 'json' | 'jsonl' | 'csv';
export const RESULT_FORMATS: readonly ResultFormat[] = ['table', 'json', 'jsonl', 'csv'];

export interface ResultTextOptions {
  /** `table`: how a cell's text is shown (the CLI makes control characters visible). */
  readonly cellText?: (text: string) => string;
  /** `table`: rows that set the column widths (default 1000). */
  readonly sampleRows?: number;
  /** `table`: the longest cell (default 60). */
  readonly maxWidth?: number;
}

/** Chunks are cut at about this many UTF-16 units (a row is never split). */
const CHUNK = 64 * 1024;

function csvCell(s: string): string {
  return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One result's text, built as its batches come: begin(), rows(batch) for each batch, end(). */
export class ResultText {
  private table: TextTable | undefined;
  private rowCount = 0;

  constructor(
    private readonly schema: Schema,
    private readonly format: ResultFormat,
    private readonly options: ResultTextOptions = {},
  ) {}

  begin(): string {
    const s = this.schema;
    switch (this.format) {
      case 'json':
        return `{"columns":[${s.map((c) => `{"name":${JSON.stringify(c.name)},"type":${JSON.stringify(c.type)}}`).join(',')}],"rows":[`;
      case 'csv':
        return `${s.map((c) => csvCell(c.name)).join(',')}\n`;
      case 'table':
        this.table = new TextTable(
          s.map((c) => c.name),
          { maxWidth: this.options.maxWidth ?? 60, sampleRows: this.options.sampleRows, cellText: this.options.cellText },
        );
        return '';
      case 'jsonl':
        return '';
    }
  }

  /** The text of a batch's rows, in chunks of about 64 KiB. */
  *rows(t: Batch): Generator<string> {
    const types = this.schema.map((c) => c.type);
    const names = this.schema.map((c) => `${JSON.stringify(c.name)}:`);
    const n = types.length;
    let out = '';
    for (let i = 0; i < t.length; i++) {
      switch (this.format) {
        case 'json': {
          out += this.rowCount++ === 0 ? '[' : ',[';
          for (let j = 0; j < n; j++) out += (j === 0 ? '' : ',') + valueToJsonText(types[j]!, t.columns[j]![i]!);
          out += ']';
          break;
        }
        case 'jsonl': {
          out += '{';
          for (let j = 0; j < n; j++) out += (j === 0 ? '' : ',') + names[j]! + valueToJsonText(types[j]!, t.columns[j]![i]!);
          out += '}\n';
          break;
        }
        case 'csv': {
          for (let j = 0; j < n; j++) out += (j === 0 ? '' : ',') + csvCell(valueToString(types[j]!, t.columns[j]![i]!));
          out += '\n';
          break;
        }
        case 'table': {
          this.rowCount++;
          const cells = new Array<string>(n);
          for (let j = 0; j < n; j++) cells[j] = valueToString(types[j]!, t.columns[j]![i]!);
          out += this.table!.add(cells);
          break;
        }
      }
      if (out.length >= CHUNK) {
        yield out;
        out = '';
      }
    }
    if (out !== '') yield out;
  }

  end(): string {
    switch (this.format) {
      case 'json':
        return ']}\n';
      case 'table':
        return this.table!.end(`(${this.rowCount} row${this.rowCount === 1 ? '' : 's'})`);
      default:
        return '';
    }
  }
}

/**
 * A result stream as text chunks. The columns are those of the first batch (a `bag_unpack`
 * learns its columns from the data), else `schemaAfter()`, asked once the stream has ended.
 */
export async function* resultChunks(batches: AsyncIterable<Batch>, format: ResultFormat, schemaAfter: () => Schema, options: ResultTextOptions = {}): AsyncGenerator<string> {
  let text: ResultText | undefined;
  for await (const b of batches) {
    if (text === undefined) {
      text = new ResultText(b.schema, format, options);
      yield text.begin();
    }
    yield* text.rows(b);
  }
  if (text === undefined) {
    text = new ResultText(schemaAfter(), format, options);
    yield text.begin();
  }
  yield text.end();
}

/** A whole result as one string (small results, tests). */
export function formatResult(t: Batch, format: ResultFormat, options: ResultTextOptions = {}): string {
  const text = new ResultText(t.schema, format, options);
  let out = text.begin();
  for (const c of text.rows(t)) out += c;
  return out + text.end();
}
