/**
 * Functions that read a JSON or XML document held in a string: extract_json / extractjson
 * (learn.microsoft.com/kusto/query/extract-json-function) and parse_xml
 * (learn.microsoft.com/kusto/query/parse-xml-function).
 */
import { KqlError, UnsupportedError } from '../errors.ts';
import type { Dyn, Value } from '../types.ts';
import { parseJson } from '../values/dynamic.ts';
import { evalJsonPath, parseJsonPath, type JsonPathStep } from '../values/json-path.ts';
import { parseXml } from '../values/xml.ts';
import type { RowFn, ScalarFunction } from './contract.ts';
import { converter } from './convert-to.ts';

/** The steps of a constant path, or a per-row parser (the last path parsed is kept). */
function pathReader(name: string, constant: Value | undefined): (v: Value) => JsonPathStep[] {
  const parse = (v: Value): JsonPathStep[] => {
    const steps = parseJsonPath(String(v ?? ''));
    // jsonpath doc: "Wildcards, recursion, union, slices, and current object are not supported."
    if (!steps) throw new UnsupportedError(`${name}() with the JSONPath ${JSON.stringify(String(v ?? ''))} (Kusto's subset: $, .name, ['name'], [n])`);
    return steps;
  };
  if (constant !== undefined) {
    const steps = parse(constant);
    return () => steps;
  }
  let last: Value | undefined;
  let lastSteps: JsonPathStep[] = [];
  return (v) => {
    if (v !== last) {
      lastSteps = parse(v);
      last = v;
    }
    return lastSteps;
  };
}

/**
 * extract_json(jsonPath, dataSource [, type]): the element at the path of the JSON text, as a
 * string, or converted to `type` ("typeof(long) will convert the extracted value to a long").
 * A string element is its text, other elements their JSON text (tostring of the element); a
 * path that is not there, or text that is not JSON, gives the type's null ("" for string).
 */
function extractJson(name: string): ScalarFunction {
  return {
    name,
    doc: 'learn.microsoft.com/kusto/query/extract-json-function',
    bind(args, result) {
      if (args.length < 2 || args.length > 3) throw new KqlError('binding', `${name}() takes 2 or 3 arguments, got ${args.length}`);
      const steps = pathReader(name, args[0]!.constant ? args[0]!.value : undefined);
      const convert = converter('dynamic', result);
      const sourceType = args[1]!.type;
      const fn: RowFn = ([path, source]) => {
        const path1 = steps(path!);
        const doc: Dyn | undefined = sourceType === 'dynamic' ? (source as Dyn) : sourceType === 'string' ? parseJson(source as string) : undefined;
        if (sourceType !== 'dynamic' && sourceType !== 'string') throw new UnsupportedError(`${name}() over a ${sourceType} value`);
        const found = doc === undefined ? undefined : evalJsonPath(doc, path1);
        if (found === undefined || found === null) return result === 'string' ? '' : null;
        return convert(found);
      };
      return fn;
    },
  };
}

const parseXmlFn: ScalarFunction = {
  name: 'parse_xml',
  doc: 'learn.microsoft.com/kusto/query/parse-xml-function',
  bind(args) {
    if (args.length !== 1) throw new KqlError('binding', `parse_xml() takes 1 argument, got ${args.length}`);
    if (args[0]!.type !== 'string') throw new UnsupportedError(`parse_xml() over a ${args[0]!.type} value`);
    return ([s]) => parseXml(s as string);
  },
};

export const functions: ScalarFunction[] = [extractJson('extract_json'), extractJson('extractjson'), parseXmlFn];
