// Loader hooks of module-log.mjs (they run on Node's hooks thread).
import { appendFileSync } from 'node:fs';

let out;
export function initialize(data) {
  out = data.out;
}
export async function load(url, context, next) {
  const r = await next(url, context);
  appendFileSync(out, `${url}\n`);
  return r;
}
