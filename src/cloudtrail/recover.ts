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

/** `[{`, `,{`, or `{` at the start of a line (JSON Lines read as concatenated JSON). */
const CANDIDATE = /[[,\n]\s*\{/g;

export function recoverRecords(text: string): Recovered[] {
  const out: Recovered[] = [];
  CANDIDATE.lastIndex = 0;
  for (;;) {
    const m = CANDIDATE.exec(text);
    if (m === null) break;
    const start = m.index + m[0].length - 1;
    const end = valueEnd(text, start);
    let value: unknown;
    try {
      value = JSON.parse(text.slice(start, end));
    } catch {
      continue; // not a whole object from here: try the next candidate
    }
    if (typeof value === 'object' && value !== null && !Array.isArray(value) && isCloudTrailRecord(value as Record<string, unknown>)) {
      out.push({ value: value as Record<string, unknown>, text: text.slice(start, end), at: start });
      CANDIDATE.lastIndex = end;
    }
  }
  return out;
}
