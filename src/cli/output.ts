/**
 * Standard output and error for the commands: text written chunk by chunk with backpressure (a
 * chunk waits until the stream took the previous ones), so output memory stays flat whatever the
 * number of rows; and a closed pipe (`trailhound query ... | head -1`) ends the process quietly.
 *
 * A closed pipe exits with status 141 (128 + SIGPIPE), what a shell reports for `cat big | head`:
 * the output was cut short, which a script with `set -o pipefail` sees, and nothing is printed.
 */
import type { Writable } from 'node:stream';

/** 128 + SIGPIPE (13): the status of a command whose reader went away. */
export const CLOSED_PIPE_EXIT = 141;

let installed = false;

/** Makes EPIPE on stdout or stderr end the process quietly (exit 141) instead of crashing. */
export function endQuietlyOnClosedPipe(): void {
  if (installed) return;
  installed = true;
  const onError = (e: NodeJS.ErrnoException): void => {
    if (e.code === 'EPIPE' || e.code === 'ERR_STREAM_DESTROYED') process.exit(CLOSED_PIPE_EXIT);
    throw e;
  };
  process.stdout.on('error', onError);
  process.stderr.on('error', onError);
}

/**
 * Writes one chunk; waits for 'drain' when the stream's buffer is full. A stream that failed
 * (a full disk under --out) rejects instead of leaving the wait hanging.
 */
export async function writeChunk(stream: NodeJS.WritableStream, text: string): Promise<void> {
  if (text === '') return;
  const w = stream as NodeJS.WritableStream & Partial<Writable>;
  if (w.destroyed) throw w.errored ?? new Error('output closed before everything was written');
  if (stream.write(text)) return;
  await new Promise<void>((resolve, reject) => {
    const settle = (e?: Error | null): void => {
      stream.off('drain', onDrain);
      stream.off('error', settle);
      stream.off('close', onClose);
      if (e) reject(e);
      else resolve();
    };
    const onDrain = (): void => settle();
    const onClose = (): void => settle(w.errored ?? new Error('output closed before everything was written'));
    stream.on('drain', onDrain);
    stream.on('error', settle);
    stream.on('close', onClose);
  });
}

/** Writes every chunk in turn, with backpressure. */
export async function writeChunks(stream: NodeJS.WritableStream, chunks: Iterable<string> | AsyncIterable<string>): Promise<void> {
  for await (const c of chunks) await writeChunk(stream, c);
}
