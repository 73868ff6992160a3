/**
 * Runs fuzz inputs in a child process (child.ts) with a watchdog and a memory ceiling:
 *  - an input that takes longer than `timeoutMs` is a `hang`: the child is killed and replaced;
 *  - a child that dies (V8's heap limit, `--max-old-space-size`, is the ceiling) is a `crash`,
 *    reported with the end of its stderr;
 *  - a child whose resident memory exceeds `maxRssBytes` after an input is a `violation`.
 * The child is kept between inputs (starting one loads the official parser, ~1-2 s).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { FuzzInput, FuzzReply } from './child.ts';
import type { Outcome } from './outcome.ts';

export interface RunnerOptions {
  /** Per-input watchdog (default 30 s: the slowest legitimate input takes a few seconds). */
  readonly timeoutMs?: number;
  /** The child's V8 heap limit in MiB (default 2048). */
  readonly heapMiB?: number;
  /** Resident memory allowed after an input (default 3 GiB). */
  readonly maxRssBytes?: number;
}

const CHILD = fileURLToPath(new URL('./child.ts', import.meta.url));

export class FuzzRunner {
  private child: ChildProcess | undefined;
  private ready: Promise<void> | undefined;
  private stderrTail = '';
  private nextId = 1;
  private readonly timeoutMs: number;
  private readonly heapMiB: number;
  private readonly maxRssBytes: number;

  constructor(options: RunnerOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.heapMiB = options.heapMiB ?? 2048;
    this.maxRssBytes = options.maxRssBytes ?? 3 * 1024 ** 3;
  }

  private start(): Promise<void> {
    this.stderrTail = '';
    const child = fork(CHILD, [], {
      execArgv: ['--import', 'tsx', `--max-old-space-size=${this.heapMiB}`],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      serialization: 'advanced',
    });
    child.stderr!.on('data', (d: Buffer) => {
      this.stderrTail = (this.stderrTail + d.toString('utf8')).slice(-4000);
    });
    this.child = child;
    return new Promise((resolve, reject) => {
      const onMessage = (m: unknown) => {
        if ((m as { ready?: boolean }).ready) {
          child.off('message', onMessage);
          child.off('exit', onExit);
          resolve();
        }
      };
      const onExit = (code: number | null) => reject(new Error(`fuzz child failed to start (exit ${code}): ${this.stderrTail}`));
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  }

  /** Runs one input; never throws for anything the input does. */
  async run(input: FuzzInput): Promise<Outcome> {
    if (!this.child || this.child.exitCode !== null || this.child.signalCode !== null) this.ready = this.start();
    await this.ready;
    const child = this.child!;
    const id = this.nextId++;
    const outcome = await new Promise<Outcome>((resolve) => {
      const timer = setTimeout(() => {
        cleanup();
        child.kill('SIGKILL');
        resolve({ kind: 'hang', message: `no answer within ${this.timeoutMs} ms` });
      }, this.timeoutMs);
      const onMessage = (m: FuzzReply) => {
        if (m.id !== id) return;
        cleanup();
        resolve(m.outcome);
      };
      const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
        cleanup();
        // Let the last of stderr arrive: it says why (e.g. "Reached heap limit").
        setTimeout(() => resolve({ kind: 'crash', message: `child exited (${signal ?? `code ${code}`}): ${this.stderrTail.trim().slice(-1500)}` }), 50);
      };
      const cleanup = () => {
        clearTimeout(timer);
        child.off('message', onMessage);
        child.off('exit', onExit);
      };
      child.on('message', onMessage);
      child.once('exit', onExit);
      child.send({ id, input });
    });
    if (outcome.kind === 'hang' || outcome.kind === 'crash') this.child = undefined;
    else if (outcome.rss !== undefined && outcome.rss > this.maxRssBytes) {
      this.stop();
      return { ...outcome, kind: 'violation', message: `resident memory ${Math.round(outcome.rss / 2 ** 20)} MiB after the input (limit ${Math.round(this.maxRssBytes / 2 ** 20)} MiB)` };
    }
    return outcome;
  }

  stop(): void {
    this.child?.kill('SIGKILL');
    this.child = undefined;
  }
}
