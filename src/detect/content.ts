/** Where trailhound's built-in content (functions, rules, hunting queries, watchlists) lives: <package>/content. */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'content'))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error('trailhound: cannot find the package root (content/ folder)');
    dir = up;
  }
}

export const CONTENT_DIR = join(packageRoot(), 'content');
export const BUILTIN_FUNCTIONS_DIR = join(CONTENT_DIR, 'functions');
export const BUILTIN_RULES_DIR = join(CONTENT_DIR, 'rules');
export const BUILTIN_WATCHLISTS_DIR = join(CONTENT_DIR, 'watchlists');
export const BUILTIN_HUNTING_DIR = join(CONTENT_DIR, 'hunting');
