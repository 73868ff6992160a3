/**
 * The fuzz child process: runs the inputs the parent sends over IPC, one at a time, and answers
 * each with its outcome. It runs apart from the parent so that a hang (the parent's watchdog kills
 * it) or a crash (out of memory under --max-old-space-size) is seen and reported, not suffered.
 */
import { runKqlCase, type CaseFormat } from './kql-case.ts';
import { runRecordCase, type RecordCase } from './record-case.ts';
import type { Outcome } from './outcome.ts';

export type FuzzInput =
  | { readonly kind: 'kql'; readonly text: string; readonly formats?: readonly CaseFormat[] }
  | { readonly kind: 'records'; readonly spec: RecordCase };

export interface FuzzRequest {
  readonly id: number;
  readonly input: FuzzInput;
}

export interface FuzzReply {
  readonly id: number;
  readonly outcome: Outcome;
}

process.on('message', (msg: FuzzRequest) => {
  void (async () => {
    const started = performance.now();
    const outcome = msg.input.kind === 'kql' ? await runKqlCase(msg.input.text, msg.input.formats) : await runRecordCase(msg.input.spec);
    const reply: FuzzReply = { id: msg.id, outcome: { ...outcome, ms: performance.now() - started, rss: process.memoryUsage.rss() } };
    process.send!(reply);
  })();
});
// Warm up before saying ready: the first query loads the official parser (seconds on a busy
// machine), which the watchdog must not count against the first input.
await runKqlCase('print 1');
process.send!({ ready: true });
