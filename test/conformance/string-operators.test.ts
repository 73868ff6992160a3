// Conformance with the examples of Microsoft's Kusto documentation (string-operators); see harness.ts.
import { docCases } from './harness.ts';

docCases('string-operators', [
  {
    page: 'between-operator.md',
    name: "#1 In the following example, the rows are filtered by numeric values.",
    query: `range x from 1 to 100 step 1
| where x between (50 .. 55)`,
    output: `
|x|
|---|
|50|
|51|
|52|
|53|
|54|
|55|
`,
  },
  {
    page: 'not-between-operator.md',
    name: "#1 Filter numeric values",
    query: `range x from 1 to 10 step 1
| where x !between (5 .. 9)`,
    output: `
|x|
|---|
|1|
|2|
|3|
|4|
|10|
`,
  },
]);
