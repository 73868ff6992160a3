/**
 * Compiling a query in another process, and answering such a request. A process that cannot start
 * from the startup snapshot (worker threads, Node 20) would pay the official parser's start-up
 * (~2 s of CPU, ~60 MB); a process started from the snapshot has it loaded and warmed and compiles
 * in milliseconds after ~0.5 s of deserialization (docs/performance.md, "Compiling in a snapshot").
 *
 * The answer travels as the plan cache stores it (plan-codec.ts), so a plan compiled elsewhere is
 * exactly a plan-cache hit. Only two outcomes cross: the plan, or the binder's diagnostics (the
 * error a user most often gets, rebuilt from the same diagnostics here). Anything else (another
 * error, a plan the codec cannot store, a failed or foreign answer) makes the caller compile in
 * its own process, which then reports that error itself, the same way as before.
 */
import { DiagnosticsError, type Diagnostic } from '../syntax/analyze.ts';
import type { CatalogSchema } from '../syntax/catalog.ts';
import type { CachedCompile } from './plan-cache.ts';
import { decodeValue, encodeValue } from './plan-codec.ts';

/** What the compiling process is asked. */
export interface CompileRequest {
  readonly text: string;
  readonly catalog: CatalogSchema;
  readonly file?: string;
}

/** Many queries against one catalog, asked at once: one process start answers all of them. */
export interface CompileBatch {
  readonly catalog: CatalogSchema;
  readonly items: readonly { readonly text: string; readonly file?: string }[];
}

const MAGIC = 'THCOMPILE1';
const PLAN = 0x50; // 'P'
const DIAGNOSTICS = 0x44; // 'D'
const OTHER = 0x58; // 'X'
const BATCH = 0x42; // 'B': a count, then each item's answer after its length (uint32 LE)

export function encodeRequest(request: CompileRequest): Buffer {
  return Buffer.from(JSON.stringify({ magic: MAGIC, ...request }), 'utf8');
}

export function encodeBatch(batch: CompileBatch): Buffer {
  return Buffer.from(JSON.stringify({ magic: MAGIC, catalog: batch.catalog, items: batch.items }), 'utf8');
}

/**
 * The answering side: compiles the request with `compile` (compileQuery without a cache) and
 * encodes the outcome. Never throws: an outcome it cannot send is answered OTHER.
 */
export function answerRequest(bytes: Buffer, compile: (request: CompileRequest) => CachedCompile): Buffer {
  try {
    const request = JSON.parse(bytes.toString('utf8')) as Partial<CompileRequest & CompileBatch> & { magic?: unknown };
    if (request.magic !== MAGIC) return Buffer.from([OTHER]);
    if (Array.isArray(request.items)) {
      const catalog = request.catalog!;
      const answers = request.items.map((item: unknown) => {
        const { text, file } = (item ?? {}) as { text?: unknown; file?: unknown };
        if (typeof text !== 'string' || (file !== undefined && typeof file !== 'string')) return Buffer.from([OTHER]);
        return answerOne({ text, catalog, ...(file !== undefined ? { file } : {}) }, compile);
      });
      const head = Buffer.alloc(5);
      head[0] = BATCH;
      head.writeUInt32LE(answers.length, 1);
      return Buffer.concat([head, ...answers.flatMap((a) => [lengthOf(a), a])]);
    }
    if (typeof request.text !== 'string') return Buffer.from([OTHER]);
    return answerOne(request as CompileRequest, compile);
  } catch {
    return Buffer.from([OTHER]);
  }
}

function lengthOf(answer: Buffer): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(answer.length);
  return b;
}

function answerOne(request: CompileRequest, compile: (request: CompileRequest) => CachedCompile): Buffer {
  try {
    const c = compile(request);
    const entry: CachedCompile = { plan: c.plan, warnings: c.warnings, properties: c.properties ?? {}, ...(c.visualization ? { visualization: c.visualization } : {}) };
    return Buffer.concat([Buffer.from([PLAN]), encodeValue(entry)]);
  } catch (e) {
    if (e instanceof DiagnosticsError) return Buffer.concat([Buffer.from([DIAGNOSTICS]), Buffer.from(JSON.stringify(e.diagnostics), 'utf8')]);
    return Buffer.from([OTHER]);
  }
}

/**
 * A batch's answer cut into the items' answers (each read with readAnswer), in the batch's order;
 * undefined when it is not the answer to a batch of `count` items.
 */
export function splitBatchAnswer(answer: Buffer | undefined, count: number): Buffer[] | undefined {
  if (answer === undefined || answer.length < 5 || answer[0] !== BATCH || answer.readUInt32LE(1) !== count) return undefined;
  const out: Buffer[] = [];
  let at = 5;
  for (let i = 0; i < count; i++) {
    if (at + 4 > answer.length) return undefined;
    const n = answer.readUInt32LE(at);
    at += 4;
    if (at + n > answer.length) return undefined;
    out.push(answer.subarray(at, at + n));
    at += n;
  }
  return at === answer.length ? out : undefined;
}

function isDiagnostic(d: unknown): d is Diagnostic {
  const x = d as Diagnostic;
  return typeof x === 'object' && x !== null && (x.severity === 'error' || x.severity === 'warning') && typeof x.message === 'string' && Number.isInteger(x.start) && Number.isInteger(x.length);
}

/**
 * The asking side: the compile in `answer`, undefined when this process must compile itself;
 * throws the DiagnosticsError the compile threw there.
 */
export function readAnswer(answer: Buffer | undefined, request: CompileRequest): CachedCompile | undefined {
  if (answer === undefined || answer.length === 0) return undefined;
  const body = answer.subarray(1);
  if (answer[0] === DIAGNOSTICS) {
    let diagnostics: unknown;
    try {
      diagnostics = JSON.parse(body.toString('utf8'));
    } catch {
      return undefined;
    }
    if (!Array.isArray(diagnostics) || diagnostics.length === 0 || !diagnostics.every(isDiagnostic)) return undefined;
    throw new DiagnosticsError(diagnostics, request.text, request.file);
  }
  if (answer[0] !== PLAN) return undefined;
  try {
    const entry = decodeValue(body) as CachedCompile;
    if (!entry || typeof entry !== 'object' || !entry.plan || typeof entry.plan !== 'object' || !Array.isArray(entry.warnings)) return undefined;
    return entry;
  } catch {
    return undefined;
  }
}
