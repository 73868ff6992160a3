// --import this file to run trailhound as on a machine where chDB is not installed: resolving
// the `chdb` package fails as Node fails for a missing package.
import { register } from 'node:module';

register('data:text/javascript,' + encodeURIComponent(`
export async function resolve(specifier, context, next) {
  if (specifier === 'chdb') {
    const e = new Error("Cannot find package 'chdb'");
    e.code = 'ERR_MODULE_NOT_FOUND';
    throw e;
  }
  return next(specifier, context);
}`));
