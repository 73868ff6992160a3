// --import this file to run trailhound as on a machine where chDB is not installed: resolving
// the `chdb` package fails as Node fails for a missing package, by require() (how
// src/clickhouse/connection.ts loads it) and by import().
import { Module, register } from 'node:module';

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (request === 'chdb') {
    const e = new Error("Cannot find module 'chdb'");
    e.code = 'MODULE_NOT_FOUND';
    throw e;
  }
  return resolveFilename.call(this, request, ...rest);
};

register('data:text/javascript,' + encodeURIComponent(`
export async function resolve(specifier, context, next) {
  if (specifier === 'chdb') {
    const e = new Error("Cannot find package 'chdb'");
    e.code = 'ERR_MODULE_NOT_FOUND';
    throw e;
  }
  return next(specifier, context);
}`));
