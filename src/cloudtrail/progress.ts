/**
 * A terminal progress bar for long reads, drawn on stderr with cli-progress.
 * Silent when stderr is not a terminal (pipes, CI, tests), so logs stay clean.
 */
import cliProgress from 'cli-progress';
import type { ProgressInfo } from './source.ts';

export interface ProgressBar {
  update(p: ProgressInfo): void;
  stop(): void;
}

const SILENT: ProgressBar = { update() {}, stop() {} };

export function createProgressBar(stream: NodeJS.WriteStream = process.stderr): ProgressBar {
  if (!stream.isTTY) return SILENT;
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: 'CloudTrail [{bar}] {percentage}% | {files}/{filesTotal} files | {records} rows | {mib} MiB',
      hideCursor: true,
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(p) {
      const payload = { files: p.files, filesTotal: p.filesTotal, records: p.records, mib: (p.bytes / 1048576).toFixed(1) };
      if (!started) {
        bar.start(Math.max(1, p.bytesTotal), 0, payload);
        started = true;
      }
      bar.update(Math.min(p.bytes, Math.max(1, p.bytesTotal)), payload);
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
