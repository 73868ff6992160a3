// Conformance with the examples of Microsoft's Kusto documentation (conversion-functions); see harness.ts.
import { docCases } from './harness.ts';

docCases('conversion-functions', [
  {
    page: 'todecimal-function.md',
    name: "#1 The following example checks if the result of converting the input `\"123.45678\"` is equal to the decimal 123.4",
    query: `print todecimal("123.45678") == decimal(123.45678)`,
    output: `
|print_0|
|--|
|true|
`,
  },
  {
    page: 'toguid-function.md',
    name: "#1 The following example converts strings in a datatable that fit the conversion structure requirements, to `guid",
    decision:
      "Row 2 of the page converts '0123456789ab-cdef-0123-456789abcdef' (hyphens after 12, 16, 20 digits), which none of the GUID text forms accepts (.NET Guid formats N, D, B, P, X; the page's own prose requires 'the conversion structure requirements'), so toguid gives null; unverified against the service. Row 3's text was edited on the page ('isn't') but not in its query ('is not').",
    corrected: `
|str|guid|
|---|---|
|0123456789abcdef0123456789abcdef|01234567-89ab-cdef-0123-456789abcdef|
|0123456789ab-cdef-0123-456789abcdef||
|a string that is not a guid||
`,
    query: `datatable(str: string)
[
    "0123456789abcdef0123456789abcdef",
    "0123456789ab-cdef-0123-456789abcdef",
    "a string that is not a guid"
]
| extend guid = toguid(str)`,
    output: `
|str|guid|
|---|---|
|0123456789abcdef0123456789abcdef|01234567-89ab-cdef-0123-456789abcdef|
|0123456789ab-cdef-0123-456789abcdef|01234567-89ab-cdef-0123-456789abcdef|
|a string that isn't a guid||
`,
  },
  {
    page: 'tohex-function.md',
    name: "#1 The following example checks whether the `tohex()` integer conversion results in the expected hexadecimal valu",
    query: `print
    tohex(256) == '100',
    tohex(-256) == 'ffffffffffffff00', // 64-bit 2's complement of -256
    tohex(toint(-256), 8) == 'ffffff00', // 32-bit 2's complement of -256
    tohex(256, 8) == '00000100',
    tohex(256, 2) == '100' // Exceeds min length of 2, so min length is ignored.`,
    unsupported: "the function tohex() is not supported by trailhound",
  },
  {
    page: 'toint-function.md',
    name: "#1 The following example converts a string to an integer and checks if the converted value is equal to a specific",
    query: `print toint("123") == 123
|project Integer = print_0`,
    output: `
|Integer|
|--|
|true|
`,
  },
  {
    page: 'toint-function.md',
    name: "#2 The following example inputs a decimal value and returns a truncated integer.",
    query: `print toint(2.3)
|project Integer = print_0`,
    output: `
|Integer|
|--|
|2|
`,
  },
  {
    page: 'toscalar-function.md',
    name: "#2 This failure can be mitigated by using the `join` operator, as in the following example:",
    query: `let _dataset1 = datatable(x: long)[1, 2, 3, 4, 5];
let _dataset2 = datatable(x: long, y: long) [1, 2, 3, 4, 5, 6];
_dataset1
| join (_dataset2) on x 
| project x, y`,
    output: `
|x|y|
|---|---|
|1|2|
|3|4|
|5|6|
`,
  },
  {
    page: 'toscalar-function.md',
    name: "#8 Evaluate `Start`, `End`, and `Step` as scalar constants, and use the result for `range` evaluation.",
    query: `let Start = toscalar(print x=1);
let End = toscalar(range x from 1 to 9 step 1 | count);
let Step = toscalar(2);
range z from Start to End step Step | extend start=Start, end=End, step=Step`,
    output: `
|z|start|end|step|
|---|---|---|---|
|1|1|9|2|
|3|1|9|2|
|5|1|9|2|
|7|1|9|2|
|9|1|9|2|
`,
  },
  {
    page: 'toscalar-function.md',
    name: "#9 The following example shows how `toscalar()` can be used to generate a fixed `guid`, calculated precisely once",
    query: `let g1 = toscalar(new_guid());
let g2 = new_guid();
range x from 1 to 2 step 1
| extend x=g1, y=g2`,
    unsupported: "the function new_guid() is not supported by trailhound",
  },
]);
