import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { openCloudTrail, type ProgressInfo } from '../../src/cloudtrail/index.ts';
// Not re-exported by index.ts: cli-progress loads only when a bar is drawn.
import { createProgressBar } from '../../src/cloudtrail/progress.ts';
import { collect, INVICTUS } from './helpers.ts';

test('onProgress reports files, records, bytes and elapsed, ending with a final complete report', async () => {
  const seen: ProgressInfo[] = [];
  const src = openCloudTrail([INVICTUS], { onProgress: (p) => seen.push(p) });
  const { rows } = await collect(src);
  const last = seen.at(-1)!;
  assert.equal(last.done, true);
  assert.equal(last.files, 55);
  assert.equal(last.filesTotal, 55);
  assert.equal(last.records, rows.length);
  assert.equal(last.bytes, last.bytesTotal);
  assert.ok(last.bytesTotal > 100_000);
  assert.ok(last.elapsedMs >= 0);
  for (let i = 1; i < seen.length; i++) assert.ok(seen[i]!.bytes >= seen[i - 1]!.bytes, 'bytes only grow');
});

class Sink extends Writable {
  text = '';
  isTTY: boolean;
  columns = 100;
  constructor(tty: boolean) {
    super();
    this.isTTY = tty;
  }
  override _write(chunk: Buffer, _enc: BufferEncoding, cb: () => void): void {
    this.text += chunk.toString();
    cb();
  }
  cursorTo(_x: number, _y?: number, cb?: () => void): boolean { cb?.(); return true; }
  clearLine(_d: number, cb?: () => void): boolean { cb?.(); return true; }
  moveCursor(_dx: number, _dy: number, cb?: () => void): boolean { cb?.(); return true; }
  clearScreenDown(cb?: () => void): boolean { cb?.(); return true; }
}

const P: ProgressInfo = { files: 1, filesTotal: 2, records: 10, bytes: 50, bytesTotal: 100, elapsedMs: 5, done: false };

test('the terminal progress bar is silent when the stream is not a TTY', () => {
  const s = new Sink(false);
  const bar = createProgressBar(s as unknown as NodeJS.WriteStream);
  bar.update(P);
  bar.stop();
  assert.equal(s.text, '');
});

test('the terminal progress bar draws files, rows and MiB on a TTY', () => {
  const s = new Sink(true);
  const bar = createProgressBar(s as unknown as NodeJS.WriteStream);
  bar.update(P);
  bar.stop();
  assert.match(s.text, /1\/2 files \| 10 rows \| 0\.0 MiB/);
});
