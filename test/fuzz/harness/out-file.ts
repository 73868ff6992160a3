/** Writes a fuzz run's finding (a failing input, the slowest one) to the run's output folder as JSON; returns the file's path. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function writeFinding(dir: string, name: string, value: unknown): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(value, null, 2));
  return file;
}
