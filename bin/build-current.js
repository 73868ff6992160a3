// Whether a checkout's build (dist/) is at least as new as its sources: bin/trailhound.js runs the
// build when it is, and the TypeScript sources through tsx when it is not (so a source checkout
// never runs stale code). The benchmarks check it too: a run from the sources is slower to start
// and carries tsx's loader thread (~26 MB more), so measuring it would measure the wrong thing.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export function buildIsCurrent(root) {
  const built = join(root, 'dist', 'src', 'cli', 'bin.js');
  const sources = join(root, 'src');
  if (!existsSync(built)) return false;
  if (!existsSync(sources)) return true;
  const builtAt = statSync(built).mtimeMs;
  const stack = [sources, join(root, 'content')];
  while (stack.length > 0) {
    const p = stack.pop();
    const st = statSync(p);
    if (st.isDirectory()) for (const name of readdirSync(p)) stack.push(join(p, name));
    else if (st.mtimeMs > builtAt) return false;
  }
  return true;
}
