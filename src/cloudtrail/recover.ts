/**
 * Salvages whole CloudTrail records from a text that failed to parse as one record: a record
 * with unbalanced brackets makes the splitter glue it to the records after it (or run to the
 * end of the file). Candidates are objects that start an array element (`[{` or `,{`) or a line
 * (JSON Lines read as concatenated JSON). A candidate is kept when the text from it to its
 * matching `}` is one valid JSON object holding a CloudTrail record; the kept candidates are the
 * first one in the text, then the first that starts after it ends, and so on.
 *
 * Linear time: the damaged text is attacker-controlled (up to the record size limit), so a cut
 * and a JSON.parse per candidate would be quadratic (`,{,{,{...` or `[{"a":[{"a":[...`: every
 * candidate's scan runs to the end of the text). Instead each candidate is validated by a JSON
 * grammar walk that candidates nested in it share: a candidate that starts where the walk of an
 * earlier one expects a value lies inside it, is decided by the same walk (the grammar's next
 * step depends only on the innermost open value) and starts no walk of its own. A walk stops at
 * the first byte that JSON.parse would reject, which rejects every candidate still open in it.
 * At most two walks cover any byte (one inside a string there, one outside: a byte that ends a
 * string for one starts a string for the other, and a backslash outside a string stops that
 * walk), so each byte is read a bounded number of times. Only the kept records are parsed.
 */
import { isCloudTrailRecord } from './items.ts';

export interface Recovered {
  readonly value: Record<string, unknown>;
  readonly text: string;
  /** Character offset of the record in the damaged text. */
  readonly at: number;
}

const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const NEWLINE = 0x0a;

/** Whitespace as /\s/ sees it (the candidate rule's blanks; wider than JSON's). */
function isJsWhitespace(c: number): boolean {
  if (c < 0x80) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

function isJsonWhitespace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/**
 * The next `{` at or after `from` that follows `[`, `,` or a line end and then only whitespace
 * (the starts `[ {`, `,{`, `\n  {`), or -1. One pass: the regex /[[,\n]\s*\{/ did the same, but
 * rescanned a run of blank lines from each line end in it (quadratic on many blank lines).
 */
function nextCandidate(text: string, from: number): number {
  let canStart = false;
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === OPEN_BRACE && canStart) return i;
    if (c === OPEN_BRACKET || c === COMMA || c === NEWLINE) canStart = true;
    else if (!isJsWhitespace(c)) canStart = false;
  }
  return -1;
}

/** Whether the `{` at `at` is a candidate (nextCandidate's rule, looking back). */
function isCandidate(text: string, at: number): boolean {
  for (let j = at - 1; j >= 0; j--) {
    const c = text.charCodeAt(j);
    if (c === OPEN_BRACKET || c === COMMA || c === NEWLINE) return true;
    if (!isJsWhitespace(c)) return false;
  }
  return false;
}

// What the innermost open value expects next.
const OBJ_FIRST = 1; // after `{`: a key or `}`
const OBJ_KEY = 2; // after `,`: a key
const OBJ_COLON = 3;
const OBJ_VALUE = 4;
const OBJ_AFTER = 5; // after a member: `,` or `}`
const ARR_FIRST = 6; // after `[`: a value or `]`
const ARR_VALUE = 7; // after `,`: a value
const ARR_AFTER = 8; // after an element: `,` or `]`

/** Index after the string whose opening quote is at `at`, or -1 where JSON.parse rejects it. */
function stringEnd(text: string, at: number): number {
  const n = text.length;
  for (let i = at + 1; i < n; ) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) return i + 1;
    if (c < 0x20) return -1;
    if (c !== BACKSLASH) {
      i++;
      continue;
    }
    const e = text.charCodeAt(i + 1);
    if (e === 0x75) {
      // \uXXXX
      for (let k = i + 2; k < i + 6; k++) if (!isHex(text.charCodeAt(k))) return -1;
      i += 6;
    } else if (e === QUOTE || e === BACKSLASH || e === 0x2f || e === 0x62 || e === 0x66 || e === 0x6e || e === 0x72 || e === 0x74) {
      i += 2;
    } else {
      return -1;
    }
  }
  return -1;
}

function isHex(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** Index after the number at `at` (RFC 8259 grammar), or -1. */
function numberEnd(text: string, at: number): number {
  let i = at;
  if (text.charCodeAt(i) === 0x2d) i++;
  const first = text.charCodeAt(i);
  if (first === 0x30) i++;
  else if (isDigit(first)) while (isDigit(text.charCodeAt(i))) i++;
  else return -1;
  if (text.charCodeAt(i) === 0x2e) {
    i++;
    if (!isDigit(text.charCodeAt(i))) return -1;
    while (isDigit(text.charCodeAt(i))) i++;
  }
  const e = text.charCodeAt(i);
  if (e === 0x65 || e === 0x45) {
    i++;
    const s = text.charCodeAt(i);
    if (s === 0x2b || s === 0x2d) i++;
    if (!isDigit(text.charCodeAt(i))) return -1;
    while (isDigit(text.charCodeAt(i))) i++;
  }
  return i;
}

// Top-level keys that make an object a CloudTrail record (isCloudTrailRecord).
const EVENT_VERSION = 1;
const EVENT_ID = 2;
const EVENT_TIME = 4;
const EVENT_NAME_OR_SOURCE = 8;
const KEY_FLAGS = new Map([
  ['eventVersion', EVENT_VERSION],
  ['eventID', EVENT_ID],
  ['eventTime', EVENT_TIME],
  ['eventName', EVENT_NAME_OR_SOURCE],
  ['eventSource', EVENT_NAME_OR_SOURCE],
]);
/** Longest raw spelling of those keys (every character as a \uXXXX escape). */
const MAX_KEY_RAW = 6 * 12;

function keyFlag(text: string, from: number, to: number): number {
  if (to - from > MAX_KEY_RAW + 2) return 0;
  const first = text.charCodeAt(from + 1);
  if (first !== 0x65 && first !== BACKSLASH) return 0; // not `e` nor an escape: most keys stop here
  const raw = text.slice(from, to);
  const key = raw.indexOf('\\') < 0 ? raw.slice(1, -1) : (JSON.parse(raw) as string);
  return KEY_FLAGS.get(key) ?? 0;
}

function isRecordFlags(f: number): boolean {
  return (f & (EVENT_VERSION | EVENT_ID)) !== 0 || ((f & EVENT_TIME) !== 0 && (f & EVENT_NAME_OR_SOURCE) !== 0);
}

/**
 * One grammar walk from the candidate at `start` until its outermost value closes or the text
 * stops being JSON. Candidates it meets where it expects a value are marked in `claimed` (they
 * are decided here); those whose object closes as a CloudTrail record go to `records` as
 * start, end pairs.
 */
function walk(text: string, start: number, claimed: Uint8Array, records: number[]): void {
  const n = text.length;
  let frames = new Uint8Array(64); // what each open value expects next, outermost first
  let depth = 0;
  // the open candidates: their depth (1-based), start and key flags
  const candDepth: number[] = [];
  const candStart: number[] = [];
  const candFlags: number[] = [];
  const push = (state: number) => {
    if (depth === frames.length) {
      const grown = new Uint8Array(frames.length * 2);
      grown.set(frames);
      frames = grown;
    }
    frames[depth++] = state;
  };
  const openObject = (at: number) => {
    push(OBJ_FIRST);
    if (at === start || isCandidate(text, at)) {
      if (at !== start) claimed[at >> 3]! |= 1 << (at & 7);
      candDepth.push(depth);
      candStart.push(at);
      candFlags.push(0);
    }
  };
  /** Closes the innermost value (its closing bracket at `at`); false when the walk is over. */
  const close = (at: number): boolean => {
    const c = candDepth.length - 1;
    if (c >= 0 && candDepth[c] === depth) {
      if (isRecordFlags(candFlags[c]!)) records.push(candStart[c]!, at + 1);
      candDepth.pop();
      candStart.pop();
      candFlags.pop();
    }
    return --depth > 0;
  };
  openObject(start);
  let i = start + 1;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isJsonWhitespace(c)) {
      i++;
      continue;
    }
    const state = frames[depth - 1]!;
    switch (state) {
      case OBJ_FIRST:
      case OBJ_KEY: {
        if (c === CLOSE_BRACE && state === OBJ_FIRST) {
          if (!close(i)) return;
          i++;
          break;
        }
        if (c !== QUOTE) return;
        const end = stringEnd(text, i);
        if (end < 0) return;
        const top = candDepth.length - 1;
        if (top >= 0 && candDepth[top] === depth) candFlags[top]! |= keyFlag(text, i, end);
        frames[depth - 1] = OBJ_COLON;
        i = end;
        break;
      }
      case OBJ_COLON:
        if (c !== COLON) return;
        frames[depth - 1] = OBJ_VALUE;
        i++;
        break;
      case OBJ_AFTER:
      case ARR_AFTER:
        if (c === COMMA) {
          frames[depth - 1] = state === OBJ_AFTER ? OBJ_KEY : ARR_VALUE;
          i++;
        } else if (c === (state === OBJ_AFTER ? CLOSE_BRACE : CLOSE_BRACKET)) {
          if (!close(i)) return;
          i++;
        } else {
          return;
        }
        break;
      default: {
        // a value (OBJ_VALUE, ARR_FIRST, ARR_VALUE), or the end of an empty array
        if (c === CLOSE_BRACKET && state === ARR_FIRST) {
          if (!close(i)) return;
          i++;
          break;
        }
        frames[depth - 1] = state === OBJ_VALUE ? OBJ_AFTER : ARR_AFTER;
        if (c === OPEN_BRACE) {
          openObject(i);
          i++;
        } else if (c === OPEN_BRACKET) {
          push(ARR_FIRST);
          i++;
        } else if (c === QUOTE) {
          i = stringEnd(text, i);
          if (i < 0) return;
        } else if (c === 0x2d || isDigit(c)) {
          i = numberEnd(text, i);
          if (i < 0) return;
        } else if (text.startsWith('true', i) || text.startsWith('null', i)) {
          i += 4;
        } else if (text.startsWith('false', i)) {
          i += 5;
        } else {
          return;
        }
      }
    }
  }
}

export function recoverRecords(text: string): Recovered[] {
  const claimed = new Uint8Array((text.length >> 3) + 1);
  const records: number[] = [];
  for (let at = 0; ; ) {
    const start = nextCandidate(text, at);
    if (start < 0) break;
    at = start + 1;
    if ((claimed[start >> 3]! & (1 << (start & 7))) === 0) walk(text, start, claimed, records);
  }
  const order: number[] = [];
  for (let k = 0; k < records.length; k += 2) order.push(k);
  order.sort((a, b) => records[a]! - records[b]!);
  const out: Recovered[] = [];
  let lastEnd = 0;
  for (const k of order) {
    const start = records[k]!;
    const end = records[k + 1]!;
    if (start < lastEnd) continue; // inside the record kept before it
    const recordText = text.slice(start, end);
    const value = JSON.parse(recordText) as Record<string, unknown>;
    if (!isCloudTrailRecord(value)) continue; // cannot happen: the walk read its keys
    out.push({ value, text: recordText, at: start });
    lastEnd = end;
  }
  return out;
}
