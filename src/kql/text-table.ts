/**
 * An aligned text table written as its rows come, in flat memory whatever the number of rows.
 *
 * Column widths cannot be known before every row was seen, so they are taken from the header
 * and the first `sampleRows` rows (the first screenfuls, where a person looks); those rows are
 * held back until then. A later cell wider than its column is printed whole (up to the column's
 * cap) and shifts the rest of its line: nothing is cut that the caps would not cut anyway.
 */

export interface TextTableOptions {
  /** Longest cell per column, or one cap for all; longer cells end in "…". */
  readonly maxWidth: number | readonly number[];
  /** Rows whose cells set the column widths (default 1000). */
  readonly sampleRows?: number;
  /**
   * Turns a cell's text into what is shown (the CLI renders control characters visibly). The
   * default puts a space for each tab, CR and LF, which would break the lines.
   */
  readonly cellText?: (text: string) => string;
}

const flatten = (s: string): string => s.replace(/[\r\n\t]/g, ' ');

/** `s` cut to `n` UTF-16 units, the last one an ellipsis; a surrogate pair is not split. */
export function cutText(s: string, n: number): string {
  if (s.length <= n) return s;
  let end = n - 1;
  const last = s.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${s.slice(0, end)}…`;
}

export class TextTable {
  private readonly header: string[];
  private readonly caps: number[];
  private readonly sampleRows: number;
  private readonly cellText: (text: string) => string;
  private held: string[][] | null = [];
  private widths: number[] = [];

  constructor(header: readonly string[], options: TextTableOptions) {
    this.cellText = options.cellText ?? flatten;
    this.caps = header.map((_, i) => (typeof options.maxWidth === 'number' ? options.maxWidth : (options.maxWidth[i] ?? 60)));
    this.header = header.map((h, i) => this.cell(h, i));
    this.sampleRows = options.sampleRows ?? 1000;
  }

  private cell(text: string, i: number): string {
    return cutText(this.cellText(text), this.caps[i]!);
  }

  /** Adds a row; returns the text to print now ("" while the first rows are held back). */
  add(row: readonly string[]): string {
    const cells = row.map((c, i) => this.cell(c, i));
    if (this.held === null) return this.line(cells);
    this.held.push(cells);
    return this.held.length >= this.sampleRows ? this.release() : '';
  }

  /** The text still to print after the last row: held rows, then `footer` on a line of its own. */
  end(footer: string): string {
    return `${this.held === null ? '' : this.release()}${footer}\n`;
  }

  private release(): string {
    const held = this.held!;
    this.held = null;
    this.widths = this.header.map((h) => h.length);
    for (const r of held) for (let i = 0; i < r.length; i++) if (r[i]!.length > this.widths[i]!) this.widths[i] = r[i]!.length;
    let out = `${this.line(this.header)}${this.widths.map((w) => '-'.repeat(w)).join('  ')}\n`;
    for (const r of held) out += this.line(r);
    return out;
  }

  private line(cells: readonly string[]): string {
    return `${cells.map((c, i) => c.padEnd(this.widths[i]!)).join('  ').trimEnd()}\n`;
  }
}
