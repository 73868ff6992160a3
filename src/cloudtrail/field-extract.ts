/**
 * Reads only the fields a scan needs (field-plan.ts) from one record's JSON text, without
 * JSON.parse of the whole record and without an object per nested value: the result is a sparse
 * record holding just those fields, with exactly the values JSON.parse would give them, so the
 * mapping (mapping.ts) reads it as it reads a parsed record.
 *
 * Exactness rests on three rules:
 *  - the whole text is validated against the JSON grammar (RFC 8259, what JSON.parse accepts:
 *    four whitespace characters, no leading zeros, no trailing commas, no raw control characters
 *    in strings, only the nine escapes); anything it would reject gives null, and the caller
 *    parses the record whole as before, so errors and their messages are unchanged;
 *  - a duplicate key replaces the earlier value at every level (JSON.parse keeps the last one:
 *    ECMA-262 InternalizeJSONProperty / CreateDataProperty on the same key);
 *  - values are produced by the engine itself wherever there is anything to decode: a string
 *    with an escape is given to JSON.parse alone (surrogates, lone ones included, as it decodes
 *    them), a number to Number() (the same StringToNumber on a JSON number's text: 1e400 is
 *    Infinity, -0 is -0), an object or array a column reads whole to JSON.parse of its slice.
 * Keys are compared after the same decoding ("event\u004eame" is eventName).
 *
 * Linear and without recursion: one pass over the text with an explicit stack of open containers
 * (a typed array that grows), each character looked at a bounded number of times; only a value a
 * column reads whole is read twice (its slice, by JSON.parse).
 */
import type { RawRecord } from './mapping.ts';
import { ownedCopy } from './json-text.ts';
import { isPlainRecord, type FieldNode } from './field-plan.ts';

/** Any control character: JSON allows four of them, and only between tokens. */
const CONTROL = /[\x00-\x1f]/;
const OBJECT = 1;
const ARRAY = 2;

/** A hex digit (either case). */
function hex(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);
}

export class FieldExtractor {
  /** Records read by extractors of this thread so far (tests check the reader really uses them). */
  static records = 0;
  private stack = new Uint8Array(64);
  /** Per depth: the node whose fields are read in the object open at that depth (a built one). */
  private readonly nodes: (FieldNode | null)[] = [];
  private readonly objects: (RawRecord | null)[] = [];

  constructor(private readonly root: FieldNode) {}

  /**
   * The record's wanted fields, or null: the text is not one valid JSON object, or not a plain
   * CloudTrail record (an envelope, an Insights event, something else) — the caller then parses
   * it whole and classifies it as before. `plainStrings`: the splitter saw no control character in
   * the record's strings (splitter.ts SplitItem), so they are not searched for again.
   */
  extract(text: string, plainStrings = false): RawRecord | null {
    const n = text.length;
    const nodes = this.nodes;
    const objects = this.objects;
    let stack = this.stack;
    let i = 0;
    let c = text.charCodeAt(i);
    while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = text.charCodeAt(++i);
    if (c !== 0x7b) return null;
    this.backslash = -1;
    this.controls = !plainStrings && CONTROL.test(text);
    const rec: RawRecord = {};
    let seen = 0;
    let depth = 0;
    /** Containers at depths 1..built are objects whose wanted fields are being read. */
    let built = 0;
    /** The field the next value goes to (null: the value is only validated), and its object. */
    let target: FieldNode | null = null;
    let targetObj: RawRecord | null = null;
    /** A container read whole: where it starts, its depth, and where it goes. */
    let wholeAt = -1;
    let wholeDepth = 0;
    let wholeNode: FieldNode | null = null;
    let wholeObj: RawRecord | null = null;

    for (;;) {
      // ---- a value starts at i (c = its first character, whitespace skipped)
      let closed = false;
      /** An object was opened and its first key starts at i. */
      let member = false;
      if (c === 0x7b || c === 0x5b) {
        const isObj = c === 0x7b;
        if (depth + 1 >= stack.length) {
          const grown = new Uint8Array(stack.length * 2);
          grown.set(stack);
          this.stack = stack = grown;
        }
        stack[++depth] = isObj ? OBJECT : ARRAY;
        if (depth === 1) {
          built = 1;
          nodes[1] = this.root;
          objects[1] = rec;
        } else if (target !== null) {
          if (!target.leaf && isObj) {
            const o: RawRecord = {};
            targetObj![target.name] = o;
            built = depth;
            nodes[depth] = target;
            objects[depth] = o;
          } else {
            wholeAt = i;
            wholeDepth = depth;
            wholeNode = target;
            wholeObj = targetObj;
          }
          target = null;
        }
        c = text.charCodeAt(++i);
        while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = text.charCodeAt(++i);
        if (isObj) {
          if (c === 0x7d) closed = true;
          else if (c === 0x22) member = true; // its first key, read below as after a comma
          else return null;
        } else if (c === 0x5d) {
          closed = true;
        } else {
          continue; // an array's first element
        }
      } else if (c === 0x22) {
        const start = i;
        i = this.stringEnd(text, i);
        if (i < 0) return null;
        if (target !== null) {
          targetObj![target.name] = this.escaped ? (JSON.parse(text.slice(start, i)) as string) : ownedCopy(text.slice(start + 1, i - 1));
          target = null;
        }
      } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
        const start = i;
        if (c === 0x2d) c = text.charCodeAt(++i);
        if (c === 0x30) c = text.charCodeAt(++i);
        else if (c >= 0x31 && c <= 0x39) {
          do c = text.charCodeAt(++i);
          while (c >= 0x30 && c <= 0x39);
        } else return null;
        if (c === 0x2e) {
          c = text.charCodeAt(++i);
          if (!(c >= 0x30 && c <= 0x39)) return null;
          do c = text.charCodeAt(++i);
          while (c >= 0x30 && c <= 0x39);
        }
        if (c === 0x65 || c === 0x45) {
          c = text.charCodeAt(++i);
          if (c === 0x2b || c === 0x2d) c = text.charCodeAt(++i);
          if (!(c >= 0x30 && c <= 0x39)) return null;
          do c = text.charCodeAt(++i);
          while (c >= 0x30 && c <= 0x39);
        }
        if (target !== null) {
          targetObj![target.name] = Number(text.slice(start, i));
          target = null;
        }
      } else {
        let v: boolean | null;
        if (c === 0x74 && text.startsWith('true', i)) {
          v = true;
          i += 4;
        } else if (c === 0x66 && text.startsWith('false', i)) {
          v = false;
          i += 5;
        } else if (c === 0x6e && text.startsWith('null', i)) {
          v = null;
          i += 4;
        } else return null;
        if (target !== null) {
          targetObj![target.name] = v;
          target = null;
        }
      }

      // ---- after a value (or at a container's close when `closed`): commas and closing brackets
      for (;;) {
        if (closed) {
          closed = false;
          // text[i] closes the container at `depth`
          if (depth === wholeDepth && wholeAt >= 0) {
            try {
              wholeObj![wholeNode!.name] = JSON.parse(text.slice(wholeAt, i + 1));
            } catch {
              return null; // e.g. nested past the engine's limit: the whole parse reports it as before
            }
            wholeAt = -1;
            wholeDepth = 0;
          }
          if (built === depth) built--;
          depth--;
          i++;
        }
        c = text.charCodeAt(i);
        while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = text.charCodeAt(++i);
        if (depth === 0) {
          if (i < n) return null;
          return this.finish(rec, seen);
        }
        if (stack[depth] === OBJECT) {
          if (!member) {
            if (c === 0x7d) {
              closed = true;
              continue;
            }
            if (c !== 0x2c) return null;
            c = text.charCodeAt(++i);
            while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = text.charCodeAt(++i);
            if (c !== 0x22) return null;
          }
          member = false;
          const k = this.key(text, i, depth === built ? nodes[depth]! : null);
          if (k < 0) return null;
          i = k;
          if (this.matched !== null) {
            if (depth === 1) seen |= this.matched.bit;
            if (this.matched.read) {
              target = this.matched;
              targetObj = objects[depth]!;
            }
          }
          c = text.charCodeAt(i);
          while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = text.charCodeAt(++i);
          if (c !== 0x3a) return null;
          c = text.charCodeAt(++i);
          while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = text.charCodeAt(++i);
          break;
        }
        if (c === 0x5d) {
          closed = true;
          continue;
        }
        if (c !== 0x2c) return null;
        c = text.charCodeAt(++i);
        while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = text.charCodeAt(++i);
        break;
      }
    }
  }

  /** The last string read by stringEnd() had an escape. */
  private escaped = false;
  /** Position of the next backslash at or after the last string start (2^32 - 1: none). */
  private backslash = -1;
  /** The text holds a control character (raw whitespace, or one JSON forbids): strings are checked character by character. */
  private controls = false;

  /**
   * The position after the string starting at text[i] (a quote), or -1 when it is not a valid
   * JSON string. Most strings have no escape and the text no control character: the closing quote
   * is found natively (indexOf) and the string needs no other look. Each call scans only past
   * its own string (the next backslash is searched again only once the scan has passed it), so a
   * record is scanned in linear time.
   */
  private stringEnd(text: string, i: number): number {
    const from = i + 1;
    if (!this.controls) {
      const q = text.indexOf('"', from);
      if (q < 0) return -1;
      let b = this.backslash;
      if (b < from) this.backslash = b = text.indexOf('\\', from) >>> 0; // -1 -> 2^32-1: none
      if (b > q) {
        this.escaped = false;
        return q + 1;
      }
    }
    let escaped = false;
    const n = text.length;
    i = from;
    for (;;) {
      if (i >= n) return -1;
      const d = text.charCodeAt(i);
      if (d === 0x22) break;
      if (d === 0x5c) {
        const e = text.charCodeAt(i + 1);
        if (e === 0x75) {
          if (!hex(text.charCodeAt(i + 2)) || !hex(text.charCodeAt(i + 3)) || !hex(text.charCodeAt(i + 4)) || !hex(text.charCodeAt(i + 5))) return -1;
          i += 6;
        } else if (e === 0x22 || e === 0x5c || e === 0x2f || e === 0x62 || e === 0x66 || e === 0x6e || e === 0x72 || e === 0x74) {
          i += 2;
        } else {
          return -1;
        }
        escaped = true;
        continue;
      }
      if (d < 0x20) return -1;
      i++;
    }
    this.escaped = escaped;
    return i + 1;
  }

  /** The field of the last key read by key() (null: not one the scan reads). */
  private matched: FieldNode | null = null;

  /**
   * Reads the key string at text[i] (a quote); sets `matched` to the child of `node` it names.
   * Returns the position after its closing quote, or -1 when it is not a valid string.
   */
  private key(text: string, i: number, node: FieldNode | null): number {
    const start = i + 1;
    i = this.stringEnd(text, i) - 1;
    if (i < 0) return -1;
    const escaped = this.escaped;
    this.matched = null;
    if (node !== null) {
      const children = node.children;
      const len = i - start;
      if (!escaped) {
        for (let k = 0; k < children.length; k++) {
          const ch = children[k]!;
          if (ch.name.length === len && text.startsWith(ch.name, start)) {
            this.matched = ch;
            break;
          }
        }
      } else {
        const name = JSON.parse(text.slice(start - 1, i + 1)) as string;
        for (let k = 0; k < children.length; k++) {
          if (children[k]!.name === name) {
            this.matched = children[k]!;
            break;
          }
        }
      }
    }
    return i + 1;
  }

  /** The sparse record when the text is a plain CloudTrail record (items.ts classify's first case), else null. */
  private finish(rec: RawRecord, seen: number): RawRecord | null {
    if (!isPlainRecord(rec, seen)) return null;
    FieldExtractor.records++;
    return rec;
  }
}
