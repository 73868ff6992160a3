// Conformance with the examples of Microsoft's Kusto documentation (mv-expand); see harness.ts.
import { docCases } from './harness.ts';

docCases('mv-expand', [
  {
    page: 'mv-apply-operator.md',
    name: "#2 The query helps in understanding the mv-expand done internally by mv-apply",
    query: `let data = datatable (index: int, Arr: dynamic)
[
    0, dynamic([7]),
    1, dynamic([6, 11, 7])
];
data
| mv-apply Arr2=Arr to typeof(long) on 
    (
       take 100
    )`,
    output: `
| index | Arr | \`Arr2\` |
|--|--|--|
| 0 | [7] | 7 |
| 1 | [6, 11, 7] | 6 |
| 1 | [6, 11, 7] | 11|
| 1 | [6, 11, 7] | 7 |
`,
  },
  {
    page: 'mv-apply-operator.md',
    name: "#3 The query creates a new column having the largest element of an array.",
    query: `let data = datatable (index: int, Arr: dynamic)
[
    0, dynamic([1, 5, 3]),
    1, dynamic([10, 2, 5, 7])
];
data
| mv-apply topElem=Arr to typeof(long) on 
    (
    top 1 by topElem
    )`,
    output: `
| index | Arr | \`topElem\` |
|--|--|--|
| 0 | [1, 5, 3] | 5 |
| 1 | [10, 2, 5, 7] | 10 |
`,
  },
  {
    page: 'mv-apply-operator.md',
    name: "#4 The query saves the top two elements of an array in a new array column Top2.",
    query: `let data = datatable (index: int, Arr: dynamic)
[
    0, dynamic([5, 1, 3]),
    1, dynamic([4, 10, 8, 7])
];
data
| mv-apply Arr2=Arr to typeof(long) on 
    (
    top 2 by Arr2
    | summarize Top2=make_list(Arr2)
    )`,
    output: `
| index | Arr | \`Top2\` |
|--|--|--|
| 0 | [5, 1, 3] | [5, 3] |
| 1 | [4, 10, 8, 7] | [10, 8] |
`,
  },
  {
    page: 'mv-apply-operator.md',
    name: "#5 The query identifies the top two elements from each dynamic array based on the Arr2 values and summarizes them",
    query: `datatable (Val:int, Arr1:dynamic, Arr2:dynamic)
[ 1, dynamic(['A1', 'A2', 'A3']),       dynamic([10, 30, 7]), 
  7, dynamic(['B1', 'B2', 'B5']),       dynamic([15, 11, 50]),
  3, dynamic(['C1', 'C2', 'C3', 'C4']), dynamic([6, 40, 20, 8])
] 
| mv-apply NewArr1=Arr1, NewArr2=Arr2 to typeof(long) on (
 top 2 by NewArr2
 | summarize NewArr1=make_list(NewArr1), NewArr2=make_list(NewArr2)
)`,
    output: `
| Val1 | Arr1 | Arr2 | \`NewArr1\` | \`NewArr2\` |
|--|--|--|--|--|
| 1 | \`["A1","A2","A3"]\` | \`[10,30,7]\` | \`["A2',"A1"]\` | \`[30,10]\` |
| 7 | \`["B1","B2","B5"]\` | \`[15,11,50]\` | \`["B5","B1"]\` | \`[50,15]\` |
| 3 | \`["C1","C2","C3","C4"]\` | \`[6,40,20,8]\` | \`["C2","C3"]\` | \`[40,20]\` |
`,
    decision:
      "The input column is `Val` (the query's datatable); the page's `Val1` header is a typo, and its first NewArr1 cell `[\"A2',\"A1\"]` mixes quotes. Values agree otherwise.",
    corrected: `
| Val | Arr1 | Arr2 | \`NewArr1\` | \`NewArr2\` |
|--|--|--|--|--|
| 1 | \`["A1","A2","A3"]\` | \`[10,30,7]\` | \`["A2","A1"]\` | \`[30,10]\` |
| 7 | \`["B1","B2","B5"]\` | \`[15,11,50]\` | \`["B5","B1"]\` | \`[50,15]\` |
| 3 | \`["C1","C2","C3","C4"]\` | \`[6,40,20,8]\` | \`["C2","C3"]\` | \`[40,20]\` |
`,
  },
  {
    page: 'mv-apply-operator.md',
    name: "#6 The query results in a table with rows where the index is 2 or greater, including the index and element values",
    query: `let data = datatable (row: int, Arr: dynamic)
[
    0, dynamic([5, 1, 3]),
    1, dynamic([4, 10, 8, 7])
];
data
| mv-apply with_itemindex=index value=Arr to typeof(long) on 
  (
    // here you have 'index' column
    where index >= 2
  )`,
    output: `
| row | Arr | \`value\` | \`index\` |
|--|--|--|--|
| 0 | [5, 1, 3] | 3 | 2 |
| 1 | [4, 10, 8, 7] | 8 | 2 |
| 1 | [4, 10, 8, 7] | 7 | 3 |
`,
  },
  {
    page: 'mv-apply-operator.md',
    name: "#7 The query combines elements from two dynamic arrays into a new concatenated format and then summarizes them in",
    query: `datatable (Val: int, Arr1: dynamic, Arr2: dynamic)
[
    1, dynamic(['A1', 'A2']), dynamic(['B1', 'B2', 'B3']), 
    5, dynamic(['C1', 'C2']), dynamic(['D1'])
] 
| mv-apply T1=Arr1, T2=Arr2 on (
    extend Out = strcat(T1, "_", T2)
    | summarize Out= make_list(Out)
  )`,
    output: `
| Val | Arr1 | Arr2 | \`Out\` |
|--|--|--|--|
| 1 | ["A1","A2"] | ["B1","B2","B3"] | ["A1_B1","A2_B2","_B3"] |
| 5 | ["C1","C2"] | ["D1"] | ["C1_D1","C2_"] |
`,
  },
  {
    page: 'mv-apply-operator.md',
    name: "#8 This query dynamically removes properties from the packed values object based on the criteria that their value",
    query: `datatable(Source: string, Target: string, Count: long)
[
    '555-1234', '555-1212', 46,
    '555-2424', '', int(null)
]
| extend Pack = pack_all()
| mv-apply removeProperties = Pack on 
    (
    mv-expand kind = array Pack
    | where Pack[1] !startswith "555"
    | summarize propsToRemove = make_set(Pack[0])
    )
| extend values = bag_remove_keys(Pack, propsToRemove)
| project-away propsToRemove`,
    unsupported: "the function pack_all() is not supported by trailhound",
  },
  {
    page: 'mv-expand-operator.md',
    name: "#1 Single column - array expansion",
    query: `datatable (a: int, b: dynamic)
[
    1, dynamic([10, 20]),
    2, dynamic(['a', 'b'])
]
| mv-expand b`,
    output: `
| a | b |
|--|--|
| 1 | 10 |
| 1 | 20 |
| 2 | a |
| 2 | b |
`,
  },
  {
    page: 'mv-expand-operator.md',
    name: "#2 A simple expansion of a single column:",
    query: `datatable (a: int, b: dynamic)
[
    1, dynamic({"prop1": "a1", "prop2": "b1"}),
    2, dynamic({"prop1": "a2", "prop2": "b2"})
]
| mv-expand b`,
    output: `
| a | b |
|--|--|
| 1 | {"prop1": "a1"} |
| 1 | {"prop2": "b1"} |
| 2 | {"prop1": "a2"} |
| 2 | {"prop2": "b2"} |
`,
  },
  {
    page: 'mv-expand-operator.md',
    name: "#3 A simple bag expansion to key-value pairs:",
    query: `datatable (a: int, b: dynamic)
[
    1, dynamic({"prop1": "a1", "prop2": "b1"}),
    2, dynamic({"prop1": "a2", "prop2": "b2"})
]
| mv-expand kind=array b 
| extend key = b[0], val=b[1]`,
    output: `
| a | b | key | val |
|--|--|--|--|
| 1 | \`["prop1","a1"]\` | prop1 | a1 |
| 1 | \`["prop2","b1"]\` | prop2 | b1 |
| 2 | \`["prop1","a2"]\` | prop1 | a2 |
| 2 | \`["prop2","b2"]\` | prop2 | b2 |
`,
  },
  {
    page: 'mv-expand-operator.md',
    name: "#4 Expanding two columns first 'zip' the applicable columns and then expand them:",
    query: `datatable (a: int, b: dynamic, c: dynamic)[
    1, dynamic({"prop1": "a", "prop2": "b"}), dynamic([5, 4, 3])
]
| mv-expand b, c`,
    output: `
| a | b | c |
|--|--|--|
| 1 | {"prop1":"a"} | 5 |
| 1 | {"prop2":"b"} | 4 |
| 1 |  | 3 |
`,
  },
  {
    page: 'mv-expand-operator.md',
    name: "#5 If you want to get a Cartesian product of expanding two columns, expand one after the other:",
    query: `datatable (a: int, b: dynamic, c: dynamic)
[
    1, dynamic({"prop1": "a", "prop2": "b"}), dynamic([5, 6])
]
| mv-expand b
| mv-expand c`,
    output: `
| a | b | c |
|--|--|--|
| 1 | {  "prop1": "a"} | 5 |
| 1 | {  "prop1": "a"} | 6 |
| 1 | {  "prop2": "b"} | 5 |
| 1 | {  "prop2": "b"} | 6 |
`,
  },
  {
    page: 'mv-expand-operator.md',
    name: "#6 To force the output of an mv-expand to a certain type (default is dynamic), use `to typeof`:",
    decision:
      "getschema's third column is `DataType` (getschema page); the page's `DateType` is a typo. Rows agree.",
    corrected: `
| ColumnName | ColumnOrdinal | DataType | ColumnType |
|--|--|--|--|
| a | 0 | \`System.String\` | \`string\` |
| b | 1 | \`System.Object\` | \`dynamic\` |
| c | 2 | \`System.Int32\` | \`int\` |
`,
    query: `datatable (a: string, b: dynamic, c: dynamic)[
    "Constant", dynamic([1, 2, 3, 4]), dynamic([6, 7, 8, 9])
]
| mv-expand b, c to typeof(int)
| getschema`,
    output: `
| ColumnName | ColumnOrdinal | DateType | ColumnType |
|--|--|--|--|
| a | 0 | \`System.String\` | \`string\` |
| b | 1 | \`System.Object\` | \`dynamic\` |
| c | 2 | \`System.Int32\` | \`int\` |
`,
  },
  {
    page: 'mv-expand-operator.md',
    name: "#7 Expansion of an array with `with_itemindex`:",
    query: `range x from 1 to 4 step 1
| summarize x = make_list(x)
| mv-expand with_itemindex=Index x`,
    output: `
| x | Index |
|--|--|
| 1 | 0 |
| 2 | 1 |
| 3 | 2 |
| 4 | 3 |
`,
  },
]);
