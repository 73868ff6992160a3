// A benchmark of the trailhound CLI must run its build: when src/ or content/ is newer than dist/,
// bin/trailhound.js runs the TypeScript sources through tsx instead (slower start, tsx's loader
// thread and ~26 MB more), and the numbers would silently describe that (bin/build-current.js).
import { dirname, resolve } from 'node:path';
import { buildIsCurrent } from '../../bin/build-current.js';

/** Throws when the CLI at `bin` (a checkout's bin/trailhound.js) would run its sources instead of its build. */
export function requireCurrentBuild(bin: string): void {
  const root = resolve(dirname(bin), '..');
  if (!buildIsCurrent(root)) {
    throw new Error(`${root}: the build (dist/) is older than src/ or content/, so ${bin} would run the sources through tsx; run \`npm run build\` there first`);
  }
}
