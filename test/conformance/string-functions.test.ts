// Conformance with the examples of Microsoft's Kusto documentation (string-functions); see harness.ts.
import { docCases } from './harness.ts';

docCases('string-functions', [
  {
    page: 'base64-decode-toguid-function.md',
    name: "#1 The following example shows how to use `base64_decode_toguid()` to decode a base64 string into a GUID.",
    query: `print Quine = base64_decode_toguid("JpbpECu8dUy7Pv5gbeJXAA==")`,
    unsupported: "the function base64_decode_toguid() is not supported by trailhound",
  },
  {
    page: 'base64-decode-tostring-function.md',
    name: "#1 The following example shows how to use `base64_decode_tostring()` to decode a base64 string into a UTF-8 strin",
    query: `print Quine=base64_decode_tostring("S3VzdG8=")`,
    output: `
|Quine|
|-----|
|Kusto|
`,
  },
  {
    page: 'base64-decode-tostring-function.md',
    name: "#2 Trying to decode a base64 string that was generated from invalid UTF-8 encoding returns null:",
    query: `print Empty=base64_decode_tostring("U3RyaW5n0KHR0tGA0L7Rh9C60LA=")`,
    output: `
|Empty|
|-----|
||
`,
  },
  {
    page: 'base64-encode-fromguid-function.md',
    name: "#1 The following example shows how to use `base64_encode_fromguid()` to encode a GUID into a base64 string.",
    query: `print Quine = base64_encode_fromguid(toguid("ae3133f2-6e22-49ae-b06a-16e6a9b212eb"))`,
    unsupported: "the function base64_encode_fromguid() is not supported by trailhound",
  },
  {
    page: 'base64-encode-tostring-function.md',
    name: "#1 The following example shows how to use `base64_encode_tostring()` to encode a string into a base64 string.",
    query: `print Quine=base64_encode_tostring("Kusto")`,
    output: `
|Quine   |
|--------|
|S3VzdG8=|
`,
  },
  {
    page: 'extract-all-function.md',
    name: "#2 The following example extracts a single group capture, returning a hex-byte representation (two hex-digits) of",
    query: `print Id="82b8be2d-dfa7-4bd1-8f63-24ad26d31449"
| extend guid_bytes = extract_all(@"([\\da-f]{2})", Id)`,
    output: `
|ID|guid_bytes|
|---|---|
|82b8be2d-dfa7-4bd1-8f63-24ad26d31449|["82","b8","be","2d","df","a7","4b","d1","8f","63","24","ad","26","d3","14","49"]|
`,
    decision:
      "The query's column is `Id` (print Id=...); the page's header says `ID`. Column names are case-sensitive in Kusto. Values agree.",
    corrected: `
|Id|guid_bytes|
|---|---|
|82b8be2d-dfa7-4bd1-8f63-24ad26d31449|["82","b8","be","2d","df","a7","4b","d1","8f","63","24","ad","26","d3","14","49"]|
`,
  },
  {
    page: 'extract-all-function.md',
    name: "#3 The following example uses a regular expression with three capturing groups to split each GUID part into first",
    query: `print Id="82b8be2d-dfa7-4bd1-8f63-24ad26d31449"
| extend guid_bytes = extract_all(@"(\\w)(\\w+)(\\w)", Id)`,
    output: `
|ID|guid_bytes|
|---|---|
|82b8be2d-dfa7-4bd1-8f63-24ad26d31449|[["8","2b8be2","d"],["d","fa","7"],["4","bd","1"],["8","f6","3"],["2","4ad26d3144","9"]]|
`,
    decision:
      "The query's column is `Id` (print Id=...); the page's header says `ID`. Column names are case-sensitive in Kusto. Values agree.",
    corrected: `
|Id|guid_bytes|
|---|---|
|82b8be2d-dfa7-4bd1-8f63-24ad26d31449|[["8","2b8be2","d"],["d","fa","7"],["4","bd","1"],["8","f6","3"],["2","4ad26d3144","9"]]|
`,
  },
  {
    page: 'extract-all-function.md',
    name: "#4 The *captureGroups* parameter is used to select only the first and the last parts.",
    query: `print Id="82b8be2d-dfa7-4bd1-8f63-24ad26d31449"
| extend guid_bytes = extract_all(@"(\\w)(\\w+)(\\w)", dynamic([1,3]), Id)`,
    output: `
|ID|guid_bytes|
|---|---|
|82b8be2d-dfa7-4bd1-8f63-24ad26d31449|[["8","d"],["d","7"],["4","1"],["8","3"],["2","9"]]|
`,
    decision:
      "The query's column is `Id` (print Id=...); the page's header says `ID`. Column names are case-sensitive in Kusto. Values agree.",
    corrected: `
|Id|guid_bytes|
|---|---|
|82b8be2d-dfa7-4bd1-8f63-24ad26d31449|[["8","d"],["d","7"],["4","1"],["8","3"],["2","9"]]|
`,
  },
  {
    page: 'extract-all-function.md',
    name: "#5 The following example shows how *captureGroups* uses both capture group indexes and named capture group refere",
    query: `print Id="82b8be2d-dfa7-4bd1-8f63-24ad26d31449"
| extend guid_bytes = extract_all(@"(?P<first>\\w)(?P<middle>\\w+)(?P<last>\\w)", dynamic(['first',2,'last']), Id)`,
    output: `
|ID|guid_bytes|
|---|---|
|82b8be2d-dfa7-4bd1-8f63-24ad26d31449|[["8","2b8be2","d"],["d","fa","7"],["4","bd","1"],["8","f6","3"],["2","4ad26d3144","9"]]|
`,
    decision:
      "The query's column is `Id` (print Id=...); the page's header says `ID`. Column names are case-sensitive in Kusto. Values agree.",
    corrected: `
|Id|guid_bytes|
|---|---|
|82b8be2d-dfa7-4bd1-8f63-24ad26d31449|[["8","2b8be2","d"],["d","fa","7"],["4","bd","1"],["8","f6","3"],["2","4ad26d3144","9"]]|
`,
  },
  {
    page: 'extract-function.md',
    name: "#1 The following example extract the username, email, age from the string. The [regular expression](regex.md) are",
    query: `let _data = datatable(Text: string)
[
"User: James, Email: James@example.com, Age: 29",
"User: David, Age: 35"
];
_data |
extend UserName = extract("User: ([^,]+)", 1, Text),
       EmailId = extract(@"Email: (\\S+),", 1, Text),
       Age = extract(@"\\d+", 0, Text)`,
    output: `
| Text | \`UserName\` | \`EmailId\` | \`Age\` |
| -- | --- | --- | --- |
| User: James, Email: James@example.com, Age: 29 | James | James@example.com | 29 |
| User: David, Age: 35 | David | | 35 |
`,
  },
  {
    page: 'extract-function.md',
    name: "#2 The following example extracts the month from the string `Dates` and returns a table with the date string and ",
    query: `let Dates = datatable(DateString: string)
[
    "15-12-2024",
    "21-07-2023",
    "10-03-2022"
];
Dates
| extend Month = extract(@"-(\\d{2})-", 1, DateString, typeof(int))
| project DateString, Month`,
    output: `
| DateString | \`Month\` |
| --- | --- |
| 15-12-2024 | 12 |
| 21-07-2023 | 7 |
| 10-03-2022 | 3 |
`,
  },
  {
    page: 'extract-json-function.md',
    name: "#1 The following example extracts the name from a JSON string and returns a table with the name.",
    query: `let json = '{"name": "John", "age": 30, "city": "New York"}';
print extract_json("$.name", json, typeof(string));`,
    output: `
| print_0 |
|---|
| John |
`,
  },
  {
    page: 'format-bytes-function.md',
    name: "#1 The following example shows how to use the `format_bytes()` function to format a number as a string representi",
    query: `print 
v1 = format_bytes(564),
v2 = format_bytes(10332, 1),
v3 = format_bytes(20010332),
v4 = format_bytes(20010332, 2),
v5 = format_bytes(20010332, 0, "KB")`,
    unsupported: "the function format_bytes() is not supported by trailhound",
  },
  {
    page: 'has-any-index-function.md',
    name: "#1 The following example shows how to use `has_any_index` with a comma-separated set of scalar values.",
    query: `print
 idx1 = has_any_index("this is an example", dynamic(['this', 'example']))  // first lookup found in input string
 , idx2 = has_any_index("this is an example", dynamic(['not', 'example'])) // last lookup found in input string
 , idx3 = has_any_index("this is an example", dynamic(['not', 'found'])) // no lookup found in input string
 , idx4 = has_any_index("Example number 2", range(1, 3, 1)) // Lookup array of integers
 , idx5 = has_any_index("this is an example", dynamic([]))  // Empty lookup array`,
    output: `
|idx1|idx2|idx3|idx4|idx5|
|----|----|----|----|----|
| 0  | 1 | -1 |1 | -1 |
`,
  },
  {
    page: 'indexof-function.md',
    name: "#1 print",
    query: `print
 idx1 = indexof("abcdefg","cde")    // lookup found in input string
 , idx2 = indexof("abcdefg","cde",1,4) // lookup found in researched range 
 , idx3 = indexof("abcdefg","cde",1,2) // search starts from index 1, but stops after 2 chars, so full lookup can't be found
 , idx4 = indexof("abcdefg","cde",3,4) // search starts after occurrence of lookup
 , idx5 = indexof("abcdefg","cde",-5)  // negative start index
 , idx6 = indexof(1234567,5,1,4)       // two first parameters were forcibly casted to strings "12345" and "5"
 , idx7 = indexof("abcdefg","cde",2,-1)  // lookup found in input string
 , idx8 = indexof("abcdefgabcdefg", "cde", 1, 10, 2)   // lookup found in input range
 , idx9 = indexof("abcdefgabcdefg", "cde", 1, -1, 3)   // the third occurrence of lookup is not in researched range`,
    output: `
|idx1|idx2|idx3|idx4|idx5|idx6|idx7|idx8|idx9|
|----|----|----|----|----|----|----|----|----|
|2   |2   |-1  |-1  | 2  |4   |2   |9   |-1  |
`,
  },
  {
    page: 'indexof-regex-function.md',
    name: "#1 print",
    query: `print
    idx1 = indexof_regex("abcabc", @"a.c"), // lookup found in input string
    idx2 = indexof_regex("abcabcdefg", @"a.c", 0, 9, 2),  // lookup found in input string
    idx3 = indexof_regex("abcabc", @"a.c", 1, -1, 2),  // there's no second occurrence in the search range
    idx4 = indexof_regex("ababaa", @"a.a", 0, -1, 2), // Matches don't overlap so full lookup can't be found 
    idx5 = indexof_regex("abcabc", @"a|ab", -1)  // invalid start argument`,
    output: `
|idx1|idx2|idx3|idx4|idx5|
|----|----|----|----|----|
|0   |3   |-1  |-1  |    |
`,
  },
  {
    page: 'parse-command-line-function.md',
    name: "#1 print parse_command_line(\"echo \\\\\"hello world!\\\\\"\", \"windows\")",
    query: `print parse_command_line("echo \\"hello world!\\"", "windows")`,
    unsupported: "the function parse_command_line() is not supported by trailhound",
  },
  {
    page: 'parse-csv-function.md',
    name: "#2 Use escaping quotes",
    query: `print result=parse_csv('aa,"b,b,b",cc,"Escaping quotes: ""Title""","line1\\nline2"')`,
    unsupported: "the function parse_csv() is not supported by trailhound",
  },
  {
    page: 'parse-csv-function.md',
    name: "#3 Only the first record is taken since this function doesn't support multiple records.",
    query: `print result_multi_record=parse_csv('record1,a,b,c\\nrecord2,x,y,z')`,
    unsupported: "the function parse_csv() is not supported by trailhound",
  },
  {
    page: 'parse-path-function.md',
    name: "#1 datatable(p:string)",
    query: `datatable(p:string) 
[
    @"C:\\temp\\file.txt",
    @"temp\\file.txt",
    "file://C:/temp/file.txt:some.exe",
    @"\\\\shared\\users\\temp\\file.txt.gz",
    "/usr/lib/temp/file.txt"
]
| extend path_parts = parse_path(p)`,
    unsupported: "the function parse_path() is not supported by trailhound",
  },
  {
    page: 'parse-url-function.md',
    name: "#1 Example",
    decision:
      "Path keeps its leading '/' (the service's real output quoted in microsoft/Kusto-Query-Language#112; see parse_url in src/kql/functions/strings.ts), and the page prints the nested `Query Parameters` bag as quoted text, which is not JSON. Keys and other values agree.",
    corrected: `
|Result|
|--|
|{"Scheme":"scheme","Host":"host","Port":"1234","Path":"/this/is/a/path","Username":"username","Password":"password","Query Parameters":{"k1":"v1","k2":"v2"},"Fragment":"fragment"}|
`,
    query: `print Result=parse_url("scheme://username:password@host:1234/this/is/a/path?k1=v1&k2=v2#fragment")`,
    output: `
|Result|
|--|
|{"Scheme":"scheme", "Host":"host", "Port":"1234", "Path":"this/is/a/path", "Username":"username", "Password":"password", "Query Parameters":"{"k1":"v1", "k2":"v2"}", "Fragment":"fragment"}|
`,
  },
  {
    page: 'parse-url-query-function.md',
    name: "#1 Examples",
    decision:
      "The page prints the nested `Query Parameters` bag as quoted text (`\"{\"k1\":...}\"`), which is not JSON; the function returns a bag inside the bag (parse_urlquery page: 'an object containing the query parameters').",
    corrected: `
|Result|
|--|
|{"Query Parameters":{"k1":"v1","k2":"v2","k3":"v3"}}|
`,
    query: `print Result=parse_urlquery("k1=v1&k2=v2&k3=v3")`,
    output: `
|Result|
|--|
|{ "Query Parameters":"{"k1":"v1", "k2":"v2", "k3":"v3"}" }|
`,
  },
  {
    page: 'parse-url-query-function.md',
    name: "#2 The following example uses a function to extract specific query parameters.",
    query: `let getQueryParamValue = (querystring: string, param: string) {
    let params = parse_urlquery(querystring);
    tostring(params["Query Parameters"].[param])
};
print UrlQuery = 'view=vs-2019&preserve-view=true'
| extend view = getQueryParamValue(UrlQuery, 'view')
| extend preserve = getQueryParamValue(UrlQuery, 'preserve-view')`,
    output: `
| UrlQuery | view | preserve |
|--|--|--|
|view=vs-2019&preserve-view=true|vs-2019|true|
`,
  },
  {
    page: 'parse-version-function.md',
    name: "#1 The following query shows version strings with their parsed version numbers.",
    query: `let dt = datatable(v: string)
    [
    "0.0.0.5", "0.0.7.0", "0.0.3", "0.2", "0.1.2.0", "1.2.3.4", "1"
];
dt
| extend parsedVersion = parse_version(v)`,
    unsupported: "the function parse_version() is not supported by trailhound",
  },
  {
    page: 'parse-version-function.md',
    name: "#2 The following query identifies which labs have equipment needing updates by comparing their parsed version str",
    query: `let dt = datatable(lab: string, v: string)
[
    "Lab A", "0.0.0.5",
    "Lab B", "0.0.7.0",
    "Lab D","0.0.3",
    "Lab C", "0.2", 
    "Lab G", "0.1.2.0",
    "Lab F", "1.2.3.4",
    "Lab E", "1",
];
dt
| extend parsed_version = parse_version(v)
| extend needs_update = iff(parsed_version < parse_version("1.0.0.0"), "Yes", "No")
| project lab, v, needs_update
| sort by lab asc , v, needs_update`,
    unsupported: "the function parse_version() is not supported by trailhound",
  },
  {
    page: 'punycode-domain-from-string-function.md',
    name: "#1 datatable(encoded:string)",
    query: `datatable(encoded:string)
[
    "xn--Ge-mia.Bulg.edu", 
    "xn--Lin-8na.Celtchair.org", 
    "xn--Ry-lja8c.xn--Jng-uta63a.xn--Bng-9ka.com", 
] 
| extend domain=punycode_domain_from_string(encoded)`,
    unsupported: "the function punycode_domain_from_string() is not supported by trailhound",
  },
  {
    page: 'punycode-domain-to-string-function.md',
    name: "#1 datatable(domain:string )['Lê Lợi。Thuận Thiên。com', 'Riðill｡Skáldskaparmál｡org', \"Kaledvo…",
    query: `datatable(domain:string )['Lê Lợi。Thuận Thiên。com', 'Riðill｡Skáldskaparmál｡org', "Kaledvoulc'h.Artorījos.edu"]
| extend str=punycode_domain_to_string(domain)`,
    unsupported: "the function punycode_domain_to_string() is not supported by trailhound",
  },
  {
    page: 'punycode-from-string-function.md',
    name: "#1 print encoded = punycode_from_string('académie-française')",
    query: ` print encoded = punycode_from_string('académie-française')`,
    unsupported: "the function punycode_from_string() is not supported by trailhound",
  },
  {
    page: 'punycode-from-string-function.md',
    name: "#2 print domain='艺术.com'",
    query: ` print domain='艺术.com'
| extend domain_vec = split(domain, '.')
| extend encoded_host = punycode_from_string(tostring(domain_vec[0]))
| extend encoded_domain = strcat('xn--', encoded_host, '.', domain_vec[1])`,
    unsupported: "the function punycode_from_string() is not supported by trailhound",
  },
  {
    page: 'punycode-to-string-function.md',
    name: "#1 print decoded = punycode_to_string('acadmie-franaise-npb1a')",
    query: ` print decoded = punycode_to_string('acadmie-franaise-npb1a')`,
    unsupported: "the function punycode_to_string() is not supported by trailhound",
  },
  {
    page: 'regex-quote-function.md',
    name: "#1 print result = regex_quote('(so$me.Te^xt)')",
    query: `print result = regex_quote('(so$me.Te^xt)')`,
    output: `
| result |
|---|
| \`\\(so\\$me\\.Te\\^xt\\)\` |
`,
  },
  {
    page: 'replace-regex-function.md',
    name: "#1 range x from 1 to 5 step 1",
    query: `range x from 1 to 5 step 1
| extend str=strcat('Number is ', tostring(x))
| extend replaced=replace_regex(str, @'is (\\d+)', @'was: \\1')`,
    output: `
| x | str | replaced|
|---|---|---|
| 1    | Number is 1.000000  | Number was: 1.000000|
| 2    | Number is 2.000000  | Number was: 2.000000|
| 3    | Number is 3.000000  | Number was: 3.000000|
| 4    | Number is 4.000000  | Number was: 4.000000|
| 5    | Number is 5.000000  | Number was: 5.000000|
`,
    decision:
      "range x from 1 to 5 step 1 yields longs (range page: the type is that of the bounds), and tostring(1) is '1'; the page's '1.000000' would need x to be a real printed with six decimals, which Kusto's tostring never does (tostring page).",
    corrected: `
| x | str | replaced|
|---|---|---|
| 1    | Number is 1  | Number was: 1|
| 2    | Number is 2  | Number was: 2|
| 3    | Number is 3  | Number was: 3|
| 4    | Number is 4  | Number was: 4|
| 5    | Number is 5  | Number was: 5|
`,
  },
  {
    page: 'replace-string-function.md',
    name: "#1 The following example uses `replace_string()` to replace the word \"cat\" with the word \"hamster\" in the `Messag",
    query: `print Message="A magic trick can turn a cat into a dog"
| extend Outcome = replace_string(
        Message, "cat", "hamster")  // Lookup strings`,
    output: `
| Message | Outcome |
|--|--|
| A magic trick can turn a cat into a dog | A magic trick can turn a hamster into a dog |
`,
  },
  {
    page: 'replace-string-function.md',
    name: "#2 The following example creates a table with column `x` containing numbers from one to five, incremented by one.",
    query: `range x from 1 to 5 step 1
| extend str=strcat('Number is ', tostring(x))
| extend replaced=replace_string(str, 'is', 'was')`,
    output: `
| x    | str | replaced|
|---|---|---|
| 1    | Number is 1.000000  | Number was 1.000000|
| 2    | Number is 2.000000  | Number was 2.000000|
| 3    | Number is 3.000000  | Number was 3.000000|
| 4    | Number is 4.000000  | Number was 4.000000|
| 5    | Number is 5.000000  | Number was 5.000000|
`,
    decision:
      "range x from 1 to 5 step 1 yields longs, and tostring(1) is '1' (tostring page); the page's '1.000000' is not Kusto's text of a long or a real.",
    corrected: `
| x    | str | replaced|
|---|---|---|
| 1    | Number is 1  | Number was 1|
| 2    | Number is 2  | Number was 2|
| 3    | Number is 3  | Number was 3|
| 4    | Number is 4  | Number was 4|
| 5    | Number is 5  | Number was 5|
`,
  },
  {
    page: 'replace-strings-function.md',
    name: "#1 Simple replacement",
    query: `print Message="A magic trick can turn a cat into a dog"
| extend Outcome = replace_strings(
        Message,
        dynamic(['cat', 'dog']), // Lookup strings
        dynamic(['dog', 'pigeon']) // Replacements
        )`,
    output: `
|Message|Outcome|
|---|---|
|A magic trick can turn a cat into a dog|A magic trick can turn a dog into a pigeon|
`,
  },
  {
    page: 'replace-strings-function.md',
    name: "#2 Replacement with an empty string removes the matching string.",
    query: `print Message="A magic trick can turn a cat into a dog"
| extend Outcome = replace_strings(
        Message,
        dynamic(['turn', ' into a dog']), // Lookup strings
        dynamic(['disappear', '']) // Replacements
        )`,
    output: `
|Message|Outcome|
|---|---|
|A magic trick can turn a cat into a dog|A magic trick can disappear a cat|
`,
  },
  {
    page: 'replace-strings-function.md',
    name: "#3 Note the difference between Outcome1 and Outcome2: `This` vs `Thwas`.",
    query: ` print Message="This is an example of using replace_strings()"
| extend Outcome1 = replace_strings(
        Message,
        dynamic(['This', 'is']), // Lookup strings
        dynamic(['This', 'was']) // Replacements
        ),
        Outcome2 = replace_strings(
        Message,
        dynamic(['is', 'This']), // Lookup strings
        dynamic(['was', 'This']) // Replacements
        )`,
    output: `
|Message|Outcome1|Outcome2|
|---|---|---|
|This is an example of using replace_strings()|This was an example of using replace_strings()|Thwas was an example of using replace_strings()|
`,
  },
  {
    page: 'replace-strings-function.md',
    name: "#4 Replace elements that aren't strings aren't replaced and the original string is kept. The match is still consi",
    query: ` print Message="This is an example of using replace_strings()"
| extend Outcome = replace_strings(
        Message,
        dynamic(['This', 'is']), // Lookup strings
        dynamic([12345, 'was']) // Replacements
        )`,
    output: `
|Message|Outcome|
|---|---|
|This is an example of using replace_strings()|This was an example of using replace_strings()|
`,
  },
  {
    page: 'reverse-function.md',
    name: "#1 print str = \"ABCDEFGHIJKLMNOPQRSTUVWXYZ\"",
    query: `print str = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
| extend rstr = reverse(str)`,
    output: `
|str|rstr|
|---|---|
|ABCDEFGHIJKLMNOPQRSTUVWXYZ|ZYXWVUTSRQPONMLKJIHGFEDCBA|
`,
  },
  {
    page: 'reverse-function.md',
    name: "#2 print ['int'] = 12345, ['double'] = 123.45,",
    query: `print ['int'] = 12345, ['double'] = 123.45, 
['datetime'] = datetime(2017-10-15 12:00), ['timespan'] = 3h
| project rint = reverse(['int']), rdouble = reverse(['double']), 
rdatetime = reverse(['datetime']), rtimespan = reverse(['timespan'])`,
    output: `
|rint|rdouble|rdatetime|rtimespan|
|---|---|---|---|
|54321|54.321|Z0000000.00:00:21T51-01-7102|00:00:30|
`,
  },
  {
    page: 'split-function.md',
    name: "#1 Examples",
    decision:
      "The fifth column of print is `print_4` (print's naming rule); `print4` is a typo. Values agree.",
    corrected: `
|print_0|print_1|print_2|print_3|print_4|
|--|--|--|--|--|
|["aa","bb"] |["bbb"] |[""] |["a","","b"] |["aa","cc"]
`,
    query: `print
    split("aa_bb", "_"),           // ["aa","bb"]
    split("aaa_bbb_ccc", "_", 1),  // ["bbb"]
    split("", "_"),                // [""]
    split("a__b", "_"),            // ["a","","b"]
    split("aabbcc", "bb")          // ["aa","cc"]`,
    output: `
|print_0|print_1|print_2|print_3|print4|
|--|--|--|--|--|
|["aa","bb"] |["bbb"] |[""] |["a","","b"] |["aa","cc"]
`,
  },
  {
    page: 'strcat-delim-function.md',
    name: "#1 print st = strcat_delim('-', 1, '2', 'A', 1s)",
    query: `print st = strcat_delim('-', 1, '2', 'A', 1s)`,
    output: `
|st|
|---|
|1-2-A-00:00:01|
`,
  },
  {
    page: 'strcat-function.md',
    name: "#1 The following example uses the `strcat()` function to concatenate the strings provided to form the string, \"he",
    query: `print str = strcat("hello", " ", "world")`,
    output: `
|str|
|---|
|hello world|
`,
  },
  {
    page: 'strcat-function.md',
    name: "#2 The following example uses the `strcat()` function to create a concatenated multi-line string which is saved t",
    decision:
      "The page renders the three lines as a numbered list with the column name inside the cell; the value is the three lines joined by \\n.",
    corrected: `
|MultiLineString|
|---|
|Line 1<br>Line 2<br>Line 3|
`,
    query: `print MultiLineString = strcat("Line 1\\n", "Line 2\\n", "Line 3")`,
    output: `
|MultiLineString|
|---|
|1. "MultiLineString": Line 1<br />2. Line 2<br />3. Line 3|
`,
  },
  {
    page: 'strcmp-function.md',
    name: "#1 datatable(string1:string, string2:string) [",
    query: `datatable(string1:string, string2:string) [
    "ABC","ABC",
    "abc","ABC",
    "ABC","abc",
    "abcde","abc"
]
| extend result = strcmp(string1,string2)`,
    output: `
|string1|string2|result|
|---|---|---|
|ABC|ABC|0|
|abc|ABC|1|
|ABC|abc|-1|
|abcde|abc|1|
`,
  },
  {
    page: 'string-size-function.md',
    name: "#1 String of letters",
    query: `print size = string_size("hello")`,
    output: `
|size|
|---|
|5|
`,
  },
  {
    page: 'string-size-function.md',
    name: "#2 String of letters and symbols",
    query: `print size = string_size("⒦⒰⒮⒯⒪")`,
    output: `
|size|
|---|
|15|
`,
  },
  {
    page: 'strlen-function.md',
    name: "#1 String of letters",
    query: `print length = strlen("hello")`,
    output: `
|length|
|---|
|5|
`,
  },
  {
    page: 'strlen-function.md',
    name: "#2 String of letters and symbols",
    query: `print length = strlen("⒦⒰⒮⒯⒪")`,
    output: `
|length|
|---|
|5|
`,
  },
  {
    page: 'strlen-function.md',
    name: "#3 String with grapheme",
    decision:
      "print names the unnamed column `print_0`; the page's `length` header belongs to its other examples (`print length = ...`). The value agrees: the page's C-cedilla is C + U+0327, two code points.",
    corrected: `
|print_0|
|---|
|8|
`,
    query: `print strlen('Çedilla') // the first character is a grapheme cluster
                        // that requires 2 code points to represent`,
    output: `
|length|
|---|
|8|
`,
  },
  {
    page: 'strrep-function.md',
    name: "#1 print from_str = strrep('ABC', 2), from_int = strrep(123,3,'.'), from_time = strrep(3s,2,…",
    query: `print from_str = strrep('ABC', 2), from_int = strrep(123,3,'.'), from_time = strrep(3s,2,' ')`,
    output: `
|from_str|from_int|from_time|
|---|---|---|
|ABCABC|123.123.123|00:00:03 00:00:03|
`,
  },
  {
    page: 'trim-end-function.md',
    name: "#1 The following statement trims *substring* from the end of *string_to_trim*.",
    query: `let string_to_trim = @"bing.com";
let substring = ".com";
print string_to_trim = string_to_trim,trimmed_string = trim_end(substring,string_to_trim)`,
    output: `
|string_to_trim|trimmed_string|
|--------------|--------------|
|bing.com      |bing          |
`,
  },
  {
    page: 'trim-end-function.md',
    name: "#3 The following example trims all spaces from the end of the string.",
    query: `let string_to_trim = @"    Hello, world!    ";
let substring = @"\\s+";
print
    string_to_trim = string_to_trim,
    trimmed_end = trim_end(substring, string_to_trim)`,
    output: `
|string_to_trim|trimmed_end|
|---|---|
|    Hello, world!    	|    Hello, world!|
`,
  },
  {
    page: 'trim-function.md',
    name: "#1 The following example trims *substring* from the start and the end of the *string_to_trim*.",
    query: `let string_to_trim = @"--https://bing.com--";
let substring = "--";
print string_to_trim = string_to_trim, trimmed_string = trim(substring,string_to_trim)`,
    output: `
|string_to_trim|trimmed_string|
|---|---|
|\`--https://bing.com--\`|\`https://bing.com\`|
`,
  },
  {
    page: 'trim-function.md',
    name: "#2 The following example trims all non-word characters from start and end of the string.",
    query: `range x from 1 to 5 step 1
| project str = strcat("-  ","Te st",x,@"// $")
| extend trimmed_str = trim(@"[^\\w]+",str)`,
    output: `
|str|trimmed_str|
|---|---|
|-  Te st1// $|Te st1|
|-  Te st2// $|Te st2|
|-  Te st3// $|Te st3|
|-  Te st4// $|Te st4|
|-  Te st5// $|Te st5|
`,
  },
  {
    page: 'trim-function.md',
    name: "#3 The next statement trims all spaces from start and end of the string.",
    query: `let string_to_trim = @"    Hello, world!    ";
let substring = @"\\s+";
print
    string_to_trim = string_to_trim,
    trimmed_string = trim(substring, string_to_trim)`,
    output: `
|string_to_trim|trimmed_string|
|---|---|
|    Hello, world!    	|Hello, world!|
`,
  },
  {
    page: 'trim-start-function.md',
    name: "#1 The following example trims *substring* from the start of *string_to_trim*.",
    decision:
      "`<https://bing.com>` is the markdown autolink form of the text `https://bing.com` (the page's query value).",
    corrected: `
|string_to_trim|trimmed_string|
|---|---|
|https://bing.com|bing.com|
`,
    query: `let string_to_trim = @"https://bing.com";
let substring = "https://";
print string_to_trim = string_to_trim,trimmed_string = trim_start(substring,string_to_trim)`,
    output: `
|string_to_trim|trimmed_string|
|---|---|
|<https://bing.com>|bing.com|
`,
  },
  {
    page: 'trim-start-function.md',
    name: "#2 The following example trims all non-word characters from the beginning of the string.",
    query: `range x from 1 to 5 step 1
| project str = strcat("-  ","Te st",x,@"// $")
| extend trimmed_str = trim_start(@"[^\\w]+",str)`,
    output: `
|str|trimmed_str|
|---|---|
|-  Te st1// $|Te st1// $|
|-  Te st2// $|Te st2// $|
|-  Te st3// $|Te st3// $|
|-  Te st4// $|Te st4// $|
|-  Te st5// $|Te st5// $|
`,
  },
  {
    page: 'trim-start-function.md',
    name: "#3 The following example trims all spaces from the start of the string.",
    query: `let string_to_trim = @"    Hello, world!    ";
let substring = @"\\s+";
print
    string_to_trim = string_to_trim,
    trimmed_start = trim_start(substring, string_to_trim)`,
    output: `
|string_to_trim|trimmed_start|
|---|---|
|    Hello, world!    	|Hello, world!    |
`,
  },
  {
    page: 'unicode-codepoints-from-string-function.md',
    name: "#1 print arr = unicode_codepoints_from_string(\"⒦⒰⒮⒯⒪\")",
    query: `print arr = unicode_codepoints_from_string("⒦⒰⒮⒯⒪")`,
    output: `
|arr|
|---|
|[9382, 9392, 9390, 9391, 9386]|
`,
  },
  {
    page: 'unicode-codepoints-from-string-function.md',
    name: "#2 print arr = unicode_codepoints_from_string(\"קוסטו - Kusto\")",
    query: `print arr = unicode_codepoints_from_string("קוסטו - Kusto")`,
    output: `
|arr|
|---|
|[1511, 1493, 1505, 1496, 1493, 32, 45, 32, 75, 117, 115, 116, 111]|
`,
  },
  {
    page: 'unicode-codepoints-from-string-function.md',
    name: "#3 print str = unicode_codepoints_to_string(unicode_codepoints_from_string(\"Kusto\"))",
    query: `print str = unicode_codepoints_to_string(unicode_codepoints_from_string("Kusto"))`,
    output: `
|str|
|---|
|Kusto|
`,
  },
  {
    page: 'unicode-codepoints-to-string-function.md',
    name: "#1 print str = unicode_codepoints_to_string(75, 117, 115, 116, 111)",
    query: `print str = unicode_codepoints_to_string(75, 117, 115, 116, 111)`,
    output: `
|str|
|---|
|Kusto|
`,
  },
  {
    page: 'unicode-codepoints-to-string-function.md',
    name: "#2 print str = unicode_codepoints_to_string(dynamic([75, 117, 115, 116, 111]))",
    query: `print str = unicode_codepoints_to_string(dynamic([75, 117, 115, 116, 111]))`,
    output: `
|str|
|---|
|Kusto|
`,
  },
  {
    page: 'unicode-codepoints-to-string-function.md',
    name: "#3 print str = unicode_codepoints_to_string(dynamic([75, 117, 115]), 116, 111)",
    query: `print str = unicode_codepoints_to_string(dynamic([75, 117, 115]), 116, 111)`,
    output: `
|str|
|---|
|Kusto|
`,
  },
  {
    page: 'unicode-codepoints-to-string-function.md',
    name: "#4 print str = unicode_codepoints_to_string(75, 10, 117, 10, 115, 10, 116, 10, 111)",
    query: `print str = unicode_codepoints_to_string(75, 10, 117, 10, 115, 10, 116, 10, 111)`,
    output: `
|str|
|---|
|K<br>u<br>s<br>t<br>o|
`,
  },
  {
    page: 'unicode-codepoints-to-string-function.md',
    name: "#5 print str = unicode_codepoints_to_string(range(48,57), range(65,90), range(97,122))",
    query: `print str = unicode_codepoints_to_string(range(48,57), range(65,90), range(97,122))`,
    output: `
|str|
|---|
0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz|
`,
  },
  {
    page: 'url-decode-function.md',
    name: "#1 let url = @'https%3a%2f%2fwww.bing.com%2f';",
    query: `let url = @'https%3a%2f%2fwww.bing.com%2f';
print original = url, decoded = url_decode(url)`,
    output: `
|original|decoded|
|---|---|
|https%3a%2f%2fwww.bing.com%2f|https://www.bing.com/|
`,
  },
  {
    page: 'url-encode-component-function.md',
    name: "#1 Example",
    decision:
      "The query's URL ends with '/', which url_encode_component encodes as %2f; the page's output drops it.",
    corrected: `
|original|encoded|
|---|---|
|https://www.bing.com/hello world/|https%3a%2f%2fwww.bing.com%2fhello%20world%2f|
`,
    query: `let url = @'https://www.bing.com/hello world/';
print original = url, encoded = url_encode_component(url)`,
    output: `
|original|encoded|
|---|---|
|https://www.bing.com/hello world/|https%3a%2f%2fwww.bing.com%2fhello%20world|
`,
  },
  {
    page: 'url-encode-function.md',
    name: "#1 Examples",
    decision:
      "The query's URL has no trailing '/'; the page's `original` column adds one (its encoded column agrees with the query).",
    corrected: `
|original|encoded|
|---|---|
|https://www.bing.com/hello world|https%3a%2f%2fwww.bing.com%2fhello+world|
`,
    query: `let url = @'https://www.bing.com/hello world';
print original = url, encoded = url_encode(url)`,
    output: `
|original|encoded|
|---|---|
|https://www.bing.com/hello world/|https%3a%2f%2fwww.bing.com%2fhello+world|
`,
  },
  {
    page: 'zlib-base64-compress-function.md',
    name: "#1 Using Kusto Query Language",
    query: `print zcomp = zlib_compress_to_base64_string("1234567890qwertyuiop")`,
    unsupported: "the function zlib_compress_to_base64_string() is not supported by trailhound",
  },
  {
    page: 'zlib-base64-decompress-function.md',
    name: "#1 Valid input",
    query: `print zcomp = zlib_decompress_from_base64_string("eJwLSS0uUSguKcrMS1cwNDIGACxqBQ4=")`,
    unsupported: "the function zlib_decompress_from_base64_string() is not supported by trailhound",
  },
  {
    page: 'zlib-base64-decompress-function.md',
    name: "#2 Invalid input",
    query: `print zcomp = zlib_decompress_from_base64_string("x0x0x0")`,
    unsupported: "the function zlib_decompress_from_base64_string() is not supported by trailhound",
  },
  {
    page: 'gzip-base64-compress.md',
    name: "#1 print res = gzip_compress_to_base64_string(\"1234567890qwertyuiop\")",
    query: `print res = gzip_compress_to_base64_string("1234567890qwertyuiop")`,
    unsupported: "the function gzip_compress_to_base64_string() is not supported by trailhound",
  },
  {
    page: 'gzip-base64-decompress.md',
    name: "#1 The following example shows how to decode a base64 string and decompress it using gzip and valid input.",
    query: `print res=gzip_decompress_from_base64_string("H4sIAAAAAAAA/wEUAOv/MTIzNDU2Nzg5MHF3ZXJ0eXVpb3A6m7f2FAAAAA==")`,
    unsupported: "the function gzip_decompress_from_base64_string() is not supported by trailhound",
  },
  {
    page: 'gzip-base64-decompress.md',
    name: "#2 The following example shows how to decode a base64 string and decompress it using gzip and invalid input.",
    query: `print res=gzip_decompress_from_base64_string("x0x0x0")`,
    unsupported: "the function gzip_decompress_from_base64_string() is not supported by trailhound",
  },
  {
    page: 'isascii.md',
    name: "#1 print result=isascii(\"some string\")",
    query: `print result=isascii("some string")`,
    output: `
|result|
|--|
|true|
`,
  },
]);

// Pages that give their examples as `expression // result` lines: each line becomes a print and the
// comment its expected cell.
const COMMENT_LINE = 'the page lists `expression // result`; the expression is printed and the result is the expected print_0';
docCases('string-functions (expression // result lines)', [
  ...(
    [
      ['substring("123456", 1)', '23456'],
      ['substring("123456", 2, 2)', '34'],
      ['substring("ABCD", 0, 2)', 'AB'],
      ['substring("123456", -2, 2)', '56'],
    ] as const
  ).map(([expr, result]) => ({
    page: 'substring-function.md',
    name: expr,
    query: `print ${expr}`,
    adapted: COMMENT_LINE,
    output: `|print_0|\n|---|\n|${result}|`,
  })),
  {
    page: 'extract-all-function.md',
    name: 'extract_all(@"(\\d+)", "a set of numbers: 123, 567 and 789")',
    query: 'print extract_all(@"(\\d+)", "a set of numbers: 123, 567 and 789")',
    adapted: COMMENT_LINE + ' ("results with the dynamic array ...")',
    output: '|print_0|\n|---|\n|["123", "567", "789"]|',
  },
]);
