/**
 * `query` over inputs large enough for worker threads runs outside the startup snapshot (worker
 * threads cannot start from a snapshot-started process on Node 20; bin/trailhound.js), so a new
 * query would load the official parser in this process: ~2 s of CPU and ~60 MB. Instead the
 * query is compiled by a second process started from the snapshot, where the parser is loaded and
 * warmed, and the plan comes back as the plan cache stores it (src/kql/cache/remote-compile.ts).
 * If that process cannot start or cannot answer, the query is compiled here as before.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeSync } from 'node:fs';
import { compileQuery } from '../kql/engine.ts';
import type { CachedCompile } from '../kql/cache/plan-cache.ts';
import { answerRequest, encodeBatch, encodeRequest, readAnswer, splitBatchAnswer, type CompileBatch, type CompileRequest } from '../kql/cache/remote-compile.ts';

/** The argument that makes a snapshot-started process answer one compile request (scripts/snapshot-entry.cjs). */
export const COMPILE_CHILD_ARG = '--trailhound-compile-child';

/** An answer larger than this (a plan with a huge literal table) is not waited for: compiled here. */
const MAX_ANSWER_BYTES = 256 * 1024 * 1024;

export interface CompileChild {
  /** The program and arguments that start a process answering one request on stdin/stdout. */
  readonly command: string;
  readonly args: readonly string[];
}

let child: CompileChild | undefined;

/** Set by bin/trailhound.js (through main) when the startup snapshot is usable in this folder. */
export function useCompileChild(c: CompileChild | undefined): void {
  child = c;
}

/** A child's answer to one request, or undefined when it could not start, failed or said too much. */
function ask(c: CompileChild, input: Buffer): Buffer | undefined {
  const r = spawnSync(c.command, [...c.args], { input, maxBuffer: MAX_ANSWER_BYTES, stdio: ['pipe', 'pipe', 'ignore'], windowsHide: true });
  return r.error || r.status !== 0 ? undefined : r.stdout;
}

/** The snapshot, as a compile child. */
export function snapshotChild(blob: string): CompileChild {
  return { command: process.execPath, args: ['--snapshot-blob', blob, '--', COMPILE_CHILD_ARG] };
}

/** CompileOptions.elsewhere for a command, or undefined when there is no child to ask. */
export function compileElsewhere(c: CompileChild | undefined = child): ((request: CompileRequest) => CachedCompile | undefined) | undefined {
  if (c === undefined) return undefined;
  return (request) => readAnswer(ask(c, encodeRequest(request)), request);
}

/**
 * CompileOptions.elsewhere for the queries of `batch`, all compiled by one child in one request:
 * `detect`, `watch` and `hunt` compile every rule or query before they read, and a child per
 * query would cost ~0.5 s of start-up each. A request that is not one of the batch's (another
 * text, file or catalog object) gets undefined: compiled here.
 */
export function compileAllElsewhere(batch: CompileBatch, c: CompileChild | undefined = child): ((request: CompileRequest) => CachedCompile | undefined) | undefined {
  if (c === undefined || batch.items.length === 0) return undefined;
  const answers = splitBatchAnswer(ask(c, encodeBatch(batch)), batch.items.length);
  if (answers === undefined) return undefined;
  const byQuery = new Map<string, Buffer>();
  batch.items.forEach((item, i) => byQuery.set(JSON.stringify([item.text, item.file ?? null]), answers[i]!));
  return (request) => {
    if (request.catalog !== batch.catalog) return undefined;
    return readAnswer(byQuery.get(JSON.stringify([request.text, request.file ?? null])), request);
  };
}

/** The child's side: one request (or a batch) on stdin, its answer on stdout. */
export function answerCompileRequest(): void {
  const answer = answerRequest(readFileSync(0), (r) => compileQuery(r.text, r.catalog, r.file !== undefined ? { file: r.file } : {}));
  for (let at = 0; at < answer.length; ) at += writeSync(1, answer, at);
}
