/**
 * Salvages whole CloudTrail records from a text that failed to parse as one record: a record
 * with unbalanced brackets makes the splitter glue it to the records after it (or run to the
 * end of the file). Candidates are objects that start an array element (`[{` or `,{`) or a line; each is
 * cut by bracket matching and kept when it parses as a CloudTrail record.
 */
import { valueEnd } from './json-text.ts';
import { isCloudTrailRecord } from './items.ts';

export interface Recovered {
  readonly value: Record<string, unknown>;
  readonly text: string;
  /** Character offset of the record in the damaged text. */
  readonly at: number;
}

const WHITESPACE = /\s/;

/**
 * The next `{` at or after `from` that follows `[`, `,` or a line end and then only whitespace
 * (the starts `[ {`, `,{`, `\n  {`: JSON Lines read as concatenated JSON), or -1. One pass: the
 * regex /[[,\n]\s*\{/ did the same, but rescanned a run of blank lines from each line end in it
 * (quadratic on a file of many blank lines).
 */
function nextCandidate(text: string, from: number): number {
  let canStart = false;
  for (let i = from; i < text.length; i++) {
    const c = text[i]!;
    if (c === '{' && canStart) return i;
    if (c === '[' || c === ',' || c === '\n') canStart = true;
    else if (!WHITESPACE.test(c)) canStart = false;
  }
  return -1;
}

export function recoverRecords(text: string): Recovered[] {
  const out: Recovered[] = [];
  for (let at = 0; ; ) {
    const start = nextCandidate(text, at);
    if (start < 0) break;
    at = start + 1;
    const end = valueEnd(text, start);
    let value: unknown;
    try {
      value = JSON.parse(text.slice(start, end));
    } catch {
      continue; // not a whole object from here: try the next candidate
    }
    if (typeof value === 'object' && value !== null && !Array.isArray(value) && isCloudTrailRecord(value as Record<string, unknown>)) {
      out.push({ value: value as Record<string, unknown>, text: text.slice(start, end), at: start });
      at = end;
    }
  }
  return out;
}
