/**
 * Reads the wanted fields of whole runs of records straight from their bytes (WebAssembly,
 * field-scan.wat): each item is validated against the JSON grammar and only the values a scan
 * reads (field-plan.ts) are decoded to JavaScript values; no item becomes a string. The records
 * are the sparse records field-extract.ts makes from a record's text, with the same values
 * (JSON.parse's): the mapping reads them alike. Anything the scanner does not decide itself is
 * handed back to the JS splitter at that item (the scanner's status `Walk`), which then goes the
 * old way (text, extractor or JSON.parse), so problems and their messages do not change.
 */
import { randomBytes } from 'node:crypto';
import { FIELD_SCAN_WASM } from './field-scan-wasm.ts';
import { isPlainRecord, type FieldNode } from './field-plan.ts';
import type { RawRecord } from './mapping.ts';
import { uuidBytesInto } from './id-words.ts';

/** Addresses in the shared scanner memory (field-scan.wat). */
const PLAN = 131072;
const NAMES = 133120;
const NAMES_END = 139264;
const TABLE = 145408;
const TABLE_END = 147456;
const OUT = 147456;
const OUT_END = 262144;
/** The intern table (field-scan.wat: slots, node statistics, arena) ends below this. */
const INTERN_END = 2424832;
/** The scanner's data may start here (byte-scan.ts places chunks at or above it). */
export const FIELD_SCAN_END = INTERN_END;
const MAX_NODES = 64;

const enum Kind {
  Absent = 0,
  Ascii = 1,
  Utf8 = 2,
  Escaped = 3,
  Number = 4,
  True = 5,
  False = 6,
  Null = 7,
  Object = 8,
  Whole = 9,
}

/** Bit of a plan node's flags (field-scan.wat): its string values are interned. */
const INTERN = 4;

/**
 * Root fields whose values are (nearly) all distinct: never worth a lookup in the intern table.
 * Any other read field is interned while its values repeat (field-scan.wat checks each field's hit
 * rate and stops looking up one whose values rarely repeat).
 */
const UNIQUE_ROOT_FIELDS = new Set(['eventID', 'eventTime', 'requestID', 'sharedEventID']);

/** The key-table bucket of a child name of node `parent` (field-scan.wat $child computes the same). */
function bucket(parent: number, name: Buffer): number {
  return (parent * 97 + name.length * 31 + name[0]! * 7 + name[name.length - 1]! * 3) & 2047;
}

/** A field plan as the scanner reads it: its nodes in depth-first order (node 0 = the record). */
export interface FlatPlan {
  readonly nodes: readonly FieldNode[];
  /** Index of each node's parent (-1 for the record). */
  readonly parent: Int32Array;
  /** The plan's bytes for scanner memory (nodes, then names), written once per thread. */
  readonly image: Uint8Array;
  /** The sparse record of a record's node values (recordBuilder). */
  readonly build: (values: readonly unknown[], object: unknown) => RawRecord;
}

/** A node's value in record()'s list: an object whose fields are read one by one (built by FlatPlan.build). */
const OBJECT: unknown = Object.freeze({});

/**
 * A function that makes the sparse record of a plan from its nodes' values (`values[j]`: node j's
 * value, OBJECT for an object read field by field, undefined when absent) in one object literal
 * per object: every record of a plan then has the same shape, where assigning its fields one by
 * one by name went through V8's megamorphic keyed stores (~0.1 s a million records) and left the
 * mapping's loads megamorphic too. A field absent from the record is there as undefined, which
 * every reader of a sparse record treats as absent (mapping.ts reads a missing value as
 * undefined). Generated from the plan's names, which are the mapping's own constants
 * (field-plan.ts), never from a record; a name the literal cannot hold as an own field makes no
 * builder (null: the plan is read the JS way).
 */
function recordBuilder(nodes: readonly FieldNode[], parents: readonly number[]): FlatPlan['build'] | null {
  const kids: number[][] = nodes.map(() => []);
  for (let k = 1; k < nodes.length; k++) if (nodes[k]!.read) kids[parents[k]!]!.push(k);
  if (nodes.some((node) => node.name === '__proto__')) return null;
  // depth-first, children after their parent: each object's literal is made from its children's,
  // last node first (the plan is a handful of levels deep, and made from constants)
  const expr: string[] = new Array<string>(nodes.length);
  for (let k = nodes.length - 1; k >= 0; k--) {
    const fields = kids[k]!.map((c) => `${JSON.stringify(nodes[c]!.name)}: ${expr[c]}`);
    if (k === 0) expr[k] = `{ ${fields.join(', ')} }`;
    else expr[k] = fields.length === 0 ? `v[${k}]` : `(v[${k}] === o ? { ${fields.join(', ')} } : v[${k}])`;
  }
  return new Function('v', 'o', `return ${expr[0]!};`) as FlatPlan['build'];
}

const flats = new WeakMap<FieldNode, FlatPlan | null>();

/** The plan flattened for the scanner, or null when it does not fit (too many or too long names). */
export function flatPlan(root: FieldNode): FlatPlan | null {
  let flat = flats.get(root);
  if (flat !== undefined) return flat;
  const nodes: FieldNode[] = [];
  const parents: number[] = [];
  const stack: [FieldNode, number][] = [[root, -1]];
  while (stack.length > 0) {
    const [node, parent] = stack.pop()!;
    parents.push(parent);
    const me = nodes.push(node) - 1;
    for (let k = node.children.length - 1; k >= 0; k--) stack.push([node.children[k]!, me]);
  }
  const image = new Uint8Array(TABLE_END - PLAN);
  const view = new DataView(image.buffer);
  let at = NAMES;
  flat = null;
  const build = recordBuilder(nodes, parents);
  if (nodes.length <= MAX_NODES && build !== null) {
    flat = { nodes, parent: Int32Array.from(parents), image, build };
    for (let k = 0; k < nodes.length; k++) {
      const node = nodes[k]!;
      const name = Buffer.from(node.name, 'utf8');
      if (at + name.length > NAMES_END) {
        flat = null;
        break;
      }
      image.set(name, at - PLAN);
      const d = k * 32;
      view.setInt32(d, at, true);
      view.setInt32(d + 4, name.length, true);
      const intern = node.read && node.leaf && node.idOnly !== true && !(parents[k] === 0 && UNIQUE_ROOT_FIELDS.has(node.name));
      view.setInt32(d + 16, (node.leaf ? 1 : 0) | (node.read ? 2 : 0) | (intern ? INTERN : 0), true);
      view.setInt32(d + 20, node.bit, true);
      view.setInt32(d + 24, -1, true);
      view.setInt32(d + 28, parents[k]!, true);
      at += name.length;
      if (k === 0 || name.length === 0) continue;
      // into its key-table bucket (a chain through +24)
      const b = TABLE - PLAN + bucket(parents[k]!, name);
      const first = image[b]! - 1;
      if (first >= 0) view.setInt32(d + 24, first, true);
      image[b] = k + 1;
    }
  }
  flats.set(root, flat);
  return flat;
}

interface Exports {
  extract(from: number, end: number, nodes: number, max: number): number;
  count(): number;
  status(): number;
  seed(lo: number, hi: number): void;
  hashMask(mask: number): void;
  full(): number;
  entries(): number;
  reset(): void;
  resetStats(): void;
}

export interface FieldScanResult {
  /** Address where the run stopped. */
  stop: number;
  /** As byte-scan.ts ScanStatus: 0 other, 1 walk this item in JS, 2 output full. */
  status: number;
  count: number;
}

/** One per thread, over the byte scanner's memory (byte-scan.ts creates it). */
export class FieldScanner {
  /** Records read by field scanners of this thread so far (tests check the reader really uses them). */
  static records = 0;
  private readonly x: Exports;
  private loaded: FlatPlan | null = null;
  private bytes: Buffer;
  private ints: Int32Array;
  private readonly result: FieldScanResult = { stop: 0, status: 0, count: 0 };
  /** Node values of the record being read (record()). */
  private readonly values: unknown[] = new Array<unknown>(MAX_NODES).fill(undefined);
  /** The string of each intern id (field-scan.wat), made at the id's first read. */
  private strings: (string | undefined)[] = [];
  /** The last record()'s eventID went to its `ids` as words. */
  idRead = false;

  constructor(private readonly memory: WebAssembly.Memory) {
    const module = new WebAssembly.Module(Buffer.from(FIELD_SCAN_WASM, 'base64'));
    this.x = new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as Exports;
    this.bytes = Buffer.from(memory.buffer);
    this.ints = new Int32Array(memory.buffer);
    // a seed per scanner (crypto random): which values share a hash cannot be chosen by a record's writer
    const seed = randomBytes(8);
    this.x.seed(seed.readInt32LE(0), seed.readInt32LE(4));
    this.x.reset();
  }

  /** Entries in the intern table now (tests). */
  get interned(): number {
    return this.x.entries();
  }

  /** Tests only: keep `mask`'s bits of every value's hash (0: every value collides). */
  hashMask(mask: number): void {
    this.x.hashMask(mask);
  }

  /** Empties the intern table (tests; between runs only, as run() does when it is full). */
  clearInterned(): void {
    this.x.reset();
    this.x.resetStats();
    this.strings = [];
  }

  /** Items from address `from` (a `{` between items) up to `end` (zero bytes must follow it). */
  run(plan: FlatPlan, from: number, end: number): FieldScanResult {
    if (this.bytes.buffer !== this.memory.buffer) {
      this.bytes = Buffer.from(this.memory.buffer);
      this.ints = new Int32Array(this.memory.buffer);
    }
    if (this.loaded !== plan) {
      this.bytes.set(plan.image, PLAN);
      this.x.resetStats();
      this.loaded = plan;
    }
    if (this.x.full() !== 0) {
      // between runs: no output of the last run is read after this
      this.x.reset();
      this.strings = [];
    }
    const n = plan.nodes.length;
    const max = Math.min(8192, Math.floor((OUT_END - OUT) / (12 * n)));
    const r = this.result;
    r.stop = this.x.extract(from, end, n, max);
    r.status = this.x.status();
    r.count = this.x.count();
    return r;
  }

  /** Item k of the last run: its start and end addresses. */
  start(plan: FlatPlan, k: number): number {
    return this.ints[(OUT + k * 12 * plan.nodes.length) >> 2]!;
  }

  end(plan: FlatPlan, k: number): number {
    return this.ints[((OUT + k * 12 * plan.nodes.length) >> 2) + 1]!;
  }

  /**
   * Item k of the last run as field-extract.ts would give it: the sparse record, or null when it
   * is not a plain CloudTrail record or a value needs the text (the caller then goes the JS way).
   * An eventID that only the duplicate filter reads (FieldNode.idOnly) and that is a canonical
   * UUID is written as its four words to ids[idAt..idAt+3] instead of into the record, and
   * idRead says so: no string is made for it.
   */
  record(plan: FlatPlan, k: number, ids: Int32Array, idAt: number): RawRecord | null {
    this.idRead = false;
    const nodes = plan.nodes;
    const n = nodes.length;
    const ints = this.ints;
    const bytes = this.bytes;
    const base = (OUT + k * 12 * n) >> 2;
    const values = this.values;
    const parent = plan.parent;
    values[0] = OBJECT;
    for (let j = 1; j < n; j++) {
      values[j] = undefined;
      const at = base + 3 * j;
      const word = ints[at + 2]!;
      const kind = (word & 15) as Kind;
      if (kind === Kind.Absent) continue;
      if (values[parent[j]!] !== OBJECT) continue; // under a value that is not an object read field by field
      const s = ints[at]!;
      const e = ints[at + 1]!;
      const node = nodes[j]!;
      if (node.idOnly === true && kind === Kind.Ascii && e - s === 38 && uuidBytesInto(bytes, s + 1, ids, idAt)) {
        this.idRead = true;
        continue;
      }
      if (word > 15) {
        // interned: the string of these exact bytes, made once (field-scan.wat compared them)
        const id = (word >>> 4) - 1;
        values[j] = this.strings[id] ??= kind === Kind.Ascii ? bytes.latin1Slice(s + 1, e - 1) : bytes.utf8Slice(s + 1, e - 1);
        continue;
      }
      switch (kind) {
        case Kind.Ascii:
          values[j] = bytes.latin1Slice(s + 1, e - 1);
          break;
        case Kind.Utf8:
          values[j] = bytes.utf8Slice(s + 1, e - 1);
          break;
        case Kind.Number:
          values[j] = Number(bytes.latin1Slice(s, e));
          break;
        case Kind.True:
          values[j] = true;
          break;
        case Kind.False:
          values[j] = false;
          break;
        case Kind.Null:
          values[j] = null;
          break;
        case Kind.Object:
          values[j] = OBJECT;
          break;
        default:
          // escapes (lone surrogates included) and values read whole: the engine's own decoding
          try {
            values[j] = JSON.parse(bytes.utf8Slice(s, e));
          } catch {
            return null; // e.g. nested past the engine's limit: the whole parse reports it
          }
      }
    }
    const rec = plan.build(values, OBJECT);
    const seen = ints[base + 2]!;
    if (!isPlainRecord(rec, seen)) return null;
    FieldScanner.records++;
    return rec;
  }
}

declare module 'node:buffer' {
  interface Buffer {
    /** Node's own decoders behind toString('latin1' | 'utf8', start, end), without its argument checks. */
    latin1Slice(start: number, end: number): string;
    utf8Slice(start: number, end: number): string;
    /** Node's encoder behind write(string, offset, length, 'latin1'): each character's low byte. */
    latin1Write(text: string, offset: number, length: number): number;
  }
}
