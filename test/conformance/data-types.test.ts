// Conformance with the examples of Microsoft's Kusto documentation (data-types, pages under scalar-data-types/); see harness.ts.
import { docCases } from './harness.ts';

docCases('data-types', [
  {
    page: 'scalar-data-types/dynamic.md',
    name: "#3 The following example shows how you can define a table that holds a `dynamic` column (as well as a `datetime` ",
    query: `// dynamic is just like any other type:
.create table Logs (Timestamp:datetime, Trace:dynamic)

// Everything between the "[" and "]" is parsed as a CSV line would be:
// 1. Since the JSON string includes double-quotes and commas (two characters
//    that have a special meaning in CSV), we must CSV-quote the entire second field.
// 2. CSV-quoting means adding double-quotes (") at the immediate beginning and end
//    of the field (no spaces allowed before the first double-quote or after the second
//    double-quote!)
// 3. CSV-quoting also means doubling-up every instance of a double-quotes within
//    the contents.

.ingest inline into table Logs
  [2015-01-01,"{""EventType"":""Demo"", ""EventValue"":""Double-quote love!""}"]`,
    unsupported: "a scalar expression statement (use print) is not supported by trailhound",
  },
  {
    page: 'scalar-data-types/null-values.md',
    name: "#2 datatable(val:int)[5, int(null)]",
    query: `datatable(val:int)[5, int(null)]
| extend IsBiggerThan3 = val > 3
| extend IsBiggerThan3OrNull = val > 3 or isnull(val)
| extend IsEqualToNull = val == int(null)
| extend IsNotEqualToNull = val != int(null)`,
    output: `
|val |IsBiggerThan3|IsBiggerThan3OrNull|IsEqualToNull|IsNotEqualToNull|
|----|-------------|-------------------|-------------|----------------|
|5   |true         |true               |false        |true            |
|null|null         |true               |null         |null            |
`,
  },
  {
    page: 'scalar-data-types/null-values.md',
    name: "#3 datatable(ival:int, sval:string)[5, \"a\", int(null), \"b\"]",
    query: `datatable(ival:int, sval:string)[5, "a", int(null), "b"]
| where ival != 5`,
    output: `
|ival|sval|
|----|----|
|null|b   |
`,
  },
  {
    page: 'scalar-data-types/null-values.md',
    name: "#4 datatable(val:int)[5, int(null)]",
    query: `datatable(val:int)[5, int(null)]
| extend Add = val + 10
| extend Multiply = val * 10`,
    output: `
|val |Add |Multiply|
|----|----|--------|
|5   |15  |50      |
|null|null|null    |
`,
  },
  {
    page: 'scalar-data-types/string.md',
    name: "#1 The following example demonstrates how to use quotes within string literals encompassed by single quotes and d",
    query: `print
    s1 = 'string with "double quotes"',
    s2 = "string with 'single quotes'"`,
    output: `
|s1|s2|
|--|--|
|string with "double quotes"|string with 'single quotes'|
`,
  },
  {
    page: 'scalar-data-types/string.md',
    name: "#2 The following example creates a regular expression pattern using backslashes to escape special characters. For",
    query: `print pattern = '\\\\n.*(>|\\'|=|\\")[a-zA-Z0-9/+]{86}=='`,
    output: `
|pattern|
|--|
|\\n.*(>\\|'\\|=\\|")[a-zA-Z0-9/+]{86}==|
`,
  },
  {
    page: 'scalar-data-types/string.md',
    name: "#3 The following example shows that a backslash is needed to include a Unicode character in a string literal.",
    query: `print space = "Hello\\u00A0World"`,
    output: `
|space|
|--|
|Hello World|
`,
    decision:
      'The string holds U+00A0 (the page: a no-break space written \\u00A0); the rendered table shows it as a plain space.',
    corrected: `
|space|
|--|
|Hello\u00a0World|
`,
  },
  {
    page: 'scalar-data-types/string.md',
    name: "#4 The following example creates a path in which the backslashes are part of the path instead of escape character",
    query: `print myPath = @'C:\\Folder\\filename.txt'`,
    output: `
|myPath|
|--|
|C:\\Folder\\filename.txt|
`,
  },
  {
    page: 'scalar-data-types/string.md',
    name: "#5 The following example shows the syntax for a multi-line string literal, which uses newlines and tabs to style ",
    query: `print program = \`\`\`
  public class Program {
    public static void Main() {
      System.Console.WriteLine("Hello!");
    }
  }\`\`\``,
    output: `
|program|
|--|
|public class Program { public static void Main() { System.Console.WriteLine("Hello!"); } }|
`,
    decision:
      'A multi-line literal keeps its text verbatim, line breaks and indentation included; the page renders the cell with whitespace collapsed.',
    corrected: `
|program|
|--|
|<br>  public class Program {<br>    public static void Main() {<br>      System.Console.WriteLine("Hello!");<br>    }<br>  }|
`,
  },
  {
    page: 'scalar-data-types/string.md',
    name: "#6 The following expressions all yield a string of length 13. For more information, see [Concatenation of separat",
    query: `print 
    none = strlen("Hello"', '@"world!"),
    whitespace = strlen("Hello" ', ' @"world!"),
    whitespaceAndComment = strlen("Hello" 
        // Comment
        ', '@"world!"
    );`,
    output: `
|none|whitespace|whitespaceAndComment|
|--|--|--|
|13|13|13|
`,
  },
  {
    page: 'scalar-data-types/string.md',
    name: "#7 In the following query output, the `h` string is visible in your results. However, in tracing or telemetry, th",
    query: `print blob="https://contoso.blob.core.windows.net/container/blob.txt?"
    h'sv=2012-02-12&se=2013-04-13T0...'`,
    output: `
|blob|
|--|
|https://contoso.blob.core.windows.net/container/blob.txt?sv=2012-02-12&se=2013-04-13T0...|
`,
  },
]);
