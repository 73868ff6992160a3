/**
 * Where alerts go: a JSON Lines file (appended and fsynced), standard output, an HTTP webhook.
 * Each sink is fed from its own outbox folder, so one that is down delays only itself.
 */
import { closeSync, existsSync, fstatSync, fsyncSync, ftruncateSync, openSync, readSync, writeSync } from 'node:fs';
import type { Alert } from './alerts.ts';

export interface Sink {
  /** Folder name in the outbox (stable across restarts). */
  readonly name: string;
  send(alert: Alert, line: string): Promise<void>;
  close?(): void;
}

/** How much of the end of the file is checked for alerts already written before a crash. */
const TAIL_BYTES = 4 * 1024 * 1024;

/**
 * `--out FILE`. Exactly once: a crash between the append and the outbox removal would write the
 * alert again on restart, so the ids in the file's tail are read at start and skipped; a line torn
 * by a crash mid-append is cut off first.
 */
export class FileSink implements Sink {
  readonly name = 'file';
  private fd: number;
  private written = new Set<string>();

  constructor(readonly path: string) {
    this.fd = openSync(path, existsSync(path) ? 'r+' : 'w+');
    const size = fstatSync(this.fd).size;
    const from = Math.max(0, size - TAIL_BYTES);
    const buf = Buffer.alloc(size - from);
    readSync(this.fd, buf, 0, buf.length, from);
    const text = buf.toString('utf8');
    const lastNl = text.lastIndexOf('\n');
    if (lastNl !== text.length - 1) {
      ftruncateSync(this.fd, from + Buffer.byteLength(text.slice(0, lastNl + 1)));
      fsyncSync(this.fd);
    }
    for (const m of text.slice(0, lastNl + 1).matchAll(/^\{"id":"([^"]+)"/gm)) this.written.add(m[1]!);
  }

  async send(alert: Alert, line: string): Promise<void> {
    if (this.written.has(alert.id)) return;
    const size = fstatSync(this.fd).size;
    writeSync(this.fd, line, size);
    fsyncSync(this.fd);
    this.written.add(alert.id);
  }

  close(): void {
    closeSync(this.fd);
  }
}

/** Standard output: at least once (a crash right after printing prints that alert again). */
export class StdoutSink implements Sink {
  readonly name = 'stdout';
  send(_alert: Alert, line: string): Promise<void> {
    return new Promise((resolve, reject) => process.stdout.write(line, (e) => (e ? reject(e) : resolve())));
  }
}

/**
 * `--webhook URL`: one POST per alert, JSON body, the alert id as `Idempotency-Key` so that the
 * receiver can drop the rare repeat (a crash between its 2xx and our outbox removal).
 */
export class WebhookSink implements Sink {
  readonly name = 'webhook';
  constructor(
    readonly url: string,
    readonly timeoutMs = 10_000,
  ) {}

  async send(alert: Alert, line: string): Promise<void> {
    const res = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': alert.id },
      body: line,
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    await res.arrayBuffer().catch(() => undefined);
    if (!res.ok) throw new Error(`webhook answered ${res.status}`);
  }
}
