/**
 * Renders a result table: `json` is exactly {"columns":[{"name","type"}],"rows":[[...]]} with
 * Kusto's value formats; `jsonl` one object per row; `csv`; `table` aligned text for terminals.
 */
import type { Batch, Value } from './types.ts';
import { valueToJsonText, valueToString } from './values/format.ts';

export type ResultFormat = 'table' | 'json' | 'jsonl' | 'csv';
export const RESULT_FORMATS: readonly ResultFormat[] = ['table', 'json', 'jsonl', 'csv'];

export function formatJson(t: Batch): string {
  const columns = t.schema.map((c) => `{"name":${JSON.stringify(c.name)},"type":${JSON.stringify(c.type)}}`).join(',');
  const rows: string[] = [];
  for (let i = 0; i < t.length; i++) {
    rows.push(`[${t.schema.map((c, j) => valueToJsonText(c.type, t.columns[j]![i]!)).join(',')}]`);
  }
  return `{"columns":[${columns}],"rows":[${rows.join(',')}]}\n`;
}

export function formatJsonLines(t: Batch): string {
  let out = '';
  for (let i = 0; i < t.length; i++) {
    out += `{${t.schema.map((c, j) => `${JSON.stringify(c.name)}:${valueToJsonText(c.type, t.columns[j]![i]!)}`).join(',')}}\n`;
  }
  return out;
}

function csvCell(s: string): string {
  return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function formatCsv(t: Batch): string {
  let out = `${t.schema.map((c) => csvCell(c.name)).join(',')}\n`;
  for (let i = 0; i < t.length; i++) {
    out += `${t.schema.map((c, j) => csvCell(valueToString(c.type, t.columns[j]![i]!))).join(',')}\n`;
  }
  return out;
}

/** Aligned columns; long cells are cut to `maxWidth` with an ellipsis. */
export function formatTable(t: Batch, maxWidth = 60): string {
  const cell = (type: Batch['schema'][number]['type'], v: Value): string => {
    const s = v === null ? '' : valueToString(type, v).replace(/[\r\n\t]/g, ' ');
    return s.length > maxWidth ? `${s.slice(0, maxWidth - 1)}…` : s;
  };
  const header = t.schema.map((c) => c.name);
  const rows: string[][] = [];
  for (let i = 0; i < t.length; i++) rows.push(t.schema.map((c, j) => cell(c.type, t.columns[j]![i]!)));
  const widths = header.map((h, j) => Math.max(h.length, ...rows.map((r) => r[j]!.length)));
  const line = (r: string[]): string => r.map((s, j) => s.padEnd(widths[j]!)).join('  ').trimEnd();
  const sep = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(header), sep, ...rows.map(line), `(${t.length} row${t.length === 1 ? '' : 's'})`].join('\n') + '\n';
}

export function formatResult(t: Batch, format: ResultFormat): string {
  switch (format) {
    case 'json':
      return formatJson(t);
    case 'jsonl':
      return formatJsonLines(t);
    case 'csv':
      return formatCsv(t);
    case 'table':
      return formatTable(t);
  }
}
