// Conformance with the examples of Microsoft's Kusto documentation (conditional-functions); see harness.ts.
import { docCases } from './harness.ts';

docCases('conditional-functions', [
  {
    page: 'case-function.md',
    name: "#1 range Size from 1 to 15 step 2",
    query: `range Size from 1 to 15 step 2
| extend bucket = case(Size <= 3, "Small", 
                       Size <= 10, "Medium", 
                       "Large")`,
    output: `
|Size|bucket|
|---|---|
|1|Small|
|3|Small|
|5|Medium|
|7|Medium|
|9|Medium|
|11|Large|
|13|Large|
|15|Large|
`,
  },
  {
    page: 'coalesce-function.md',
    name: "#1 print result=coalesce(tolong(\"not a number\"), tolong(\"42\"), 33)",
    query: `print result=coalesce(tolong("not a number"), tolong("42"), 33)`,
    output: `
|result|
|---|
|42|
`,
  },
  {
    page: 'isfinite-function.md',
    name: "#1 range x from -1 to 1 step 1",
    query: `range x from -1 to 1 step 1
| extend y = 0.0
| extend div = 1.0*x/y
| extend isfinite=isfinite(div)`,
    output: `
|x|y|div|isfinite|
|---|---|---|---|
|-1|0|-∞|0|
|0|0|NaN|0|
|1|0|∞|0|
`,
  },
  {
    page: 'isinf-function.md',
    name: "#1 range x from -1 to 1 step 1",
    query: `range x from -1 to 1 step 1
| extend y = 0.0
| extend div = 1.0*x/y
| extend isinf=isinf(div)`,
    output: `
|x|y|div|isinf|
|---|---|---|---|
|-1|0|-∞|true|
|0|0|NaN|false|
|1|0|∞|true|
`,
  },
  {
    page: 'isnan-function.md',
    name: "#1 range x from -1 to 1 step 1",
    query: `range x from -1 to 1 step 1
| extend y = (-1*x) 
| extend div = 1.0*x/y
| extend isnan=isnan(div)`,
    output: `
|x|y|div|isnan|
|---|---|---|---|
|-1|1|-1|false|
|0|0|NaN|true|
|1|-1|-1|false|
`,
  },
  {
    page: 'max-of-function.md',
    name: "#1 This query returns the maximum value of the numbers in the string.",
    query: `print result = max_of(10, 1, -3, 17)`,
    output: `
|result|
|---|
|17|
`,
  },
  {
    page: 'max-of-function.md',
    name: "#2 This query returns the highest value from columns A and B. Notice that non-null values take precedence over nu",
    decision:
      "`project max_of(A, B)` names nothing, so the column is `Column1` (the binder's naming rule for an unnamed non-column expression); the page's `result` header does not come from this query. Values agree.",
    corrected: `
|Column1|
|---|
|6|
|8|
|2|
|1|
|(null)|
`,
    query: `datatable (A: int, B: int)
[
    1, 6,
    8, 1,
    int(null), 2,
    1, int(null),
    int(null), int(null)
]
| project max_of(A, B)`,
    output: `
|result|
|---|
|6|
|8|
|2|
|1|
|(null)|
`,
  },
  {
    page: 'max-of-function.md',
    name: "#3 This query returns the later of the two datetime values from columns A and B.",
    query: `datatable (A: datetime, B: datetime)
[
    datetime(2024-12-15 07:15:22), datetime(2024-12-15 07:15:24),
    datetime(2024-12-15 08:00:00), datetime(2024-12-15 09:30:00),
    datetime(2024-12-15 10:45:00), datetime(2024-12-14 10:45:00)
]
| project maxDate = max_of(A, B)`,
    output: `
| maxDate |
| --- |
| 2024-12-15 07:15:24 |
| 2024-12-15 09:30:00 |
| 2024-12-15 10:45:00 |
`,
  },
  {
    page: 'min-of-function.md',
    name: "#1 Find the maximum value in an array:",
    query: `print result=min_of(10, 1, -3, 17)`,
    output: `
|result|
|---|
|-3|
`,
  },
  {
    page: 'min-of-function.md',
    name: "#2 Find the minimum value in a data-table. Non-null values take precedence over null values:",
    query: `datatable (A: int, B: int)
[
    5, 2,
    10, 1,
    int(null), 3,
    1, int(null),
    int(null), int(null)
]
| project min_of(A, B)`,
    output: `
|result|
|---|
|2|
|1|
|3|
|1|
|(null)|
`,
    decision:
      "`project min_of(A, B)` names nothing, so the column is `Column1` (the binder's naming rule); the page's `result` header does not come from this query. Values agree.",
    corrected: `
|Column1|
|---|
|2|
|1|
|3|
|1|
|(null)|
`,
  },
]);
