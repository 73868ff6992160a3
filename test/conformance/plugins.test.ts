// Conformance with the examples of Microsoft's Kusto documentation (plugins); see harness.ts.
import { docCases } from './harness.ts';

docCases('plugins', [
  {
    page: 'active-users-count-plugin.md',
    name: "#1 Calculate weekly number of distinct users that appeared in at least three different days over a period of prio",
    query: `let Start = datetime(2018-07-01);
let End = datetime(2018-07-31);
let LookbackWindow = 8d;
let Period = 1d;
let ActivePeriods = 3;
let Bin = 7d;
let T =  datatable(User:string, Timestamp:datetime)
[
    "B",      datetime(2018-06-29),
    "B",      datetime(2018-06-30),
    "A",      datetime(2018-07-02),
    "B",      datetime(2018-07-04),
    "B",      datetime(2018-07-08),
    "A",      datetime(2018-07-10),
    "A",      datetime(2018-07-14),
    "A",      datetime(2018-07-17),
    "A",      datetime(2018-07-20),
    "B",      datetime(2018-07-24)
];
T | evaluate active_users_count(User, Timestamp, Start, End, LookbackWindow, Period, ActivePeriods, Bin)`,
    unsupported: "the plugin active_users_count is not supported by trailhound",
  },
  {
    page: 'activity-counts-metrics-plugin.md',
    name: "#1 The next query calculates daily activity counts for the provided input table.",
    query: `let start=datetime(2017-08-01);
let end=datetime(2017-08-04);
let window=1d;
let T = datatable(UserId:string, Timestamp:datetime)
[
'A', datetime(2017-08-01),
'D', datetime(2017-08-01),
'J', datetime(2017-08-01),
'B', datetime(2017-08-01),
'C', datetime(2017-08-02),
'T', datetime(2017-08-02),
'J', datetime(2017-08-02),
'H', datetime(2017-08-03),
'T', datetime(2017-08-03),
'T', datetime(2017-08-03),
'J', datetime(2017-08-03),
'B', datetime(2017-08-03),
'S', datetime(2017-08-03),
'S', datetime(2017-08-04),
];
 T
 | evaluate activity_counts_metrics(UserId, Timestamp, start, end, window)`,
    output: `
|\`Timestamp\`|\`count\`|\`dcount\`|\`new_dcount\`|\`aggregated_dcount\`|
|---|---|---|---|---|
|2017-08-01 00:00:00.0000000|4|4|4|4|
|2017-08-02 00:00:00.0000000|3|3|2|6|
|2017-08-03 00:00:00.0000000|6|5|2|8|
|2017-08-04 00:00:00.0000000|1|1|0|8|
`,
  },
  {
    page: 'activity-metrics-plugin.md',
    name: "#1 The following example calculates retention and churn rate for week-over-week window.",
    query: `// Generate random data of user activities
let _start = datetime(2017-01-02);
let _end = datetime(2017-05-31);
range _day from _start to _end  step 1d
| extend d = tolong((_day - _start)/1d)
| extend r = rand()+1
| extend _users=range(tolong(d*50*r), tolong(d*50*r+200*r-1), 1)
| mv-expand id=_users to typeof(long) limit 1000000
//
| evaluate activity_metrics(['id'], _day, _start, _end, 7d)
| project _day, retention_rate, churn_rate
| render timechart`,
    unsupported: "the function rand() is not supported by trailhound",
  },
  {
    page: 'activity-metrics-plugin.md',
    name: "#2 The following example calculates distinct values and 'new' values (IDs that didn't appear in previous time win",
    query: `// Generate random data of user activities
let _start = datetime(2017-01-02);
let _end = datetime(2017-05-31);
range _day from _start to _end  step 1d
| extend d = tolong((_day - _start)/1d)
| extend r = rand()+1
| extend _users=range(tolong(d*50*r), tolong(d*50*r+200*r-1), 1)
| mv-expand id=_users to typeof(long) limit 1000000
//
| evaluate activity_metrics(['id'], _day, _start, _end, 7d)
| project _day, dcount_values, dcount_newvalues
| render timechart`,
    unsupported: "the function rand() is not supported by trailhound",
  },
  {
    page: 'ai-chat-completion-prompt-plugin.md',
    name: "#3 <!-- csl -->",
    query: `let prompt = 'Provide a summary of AI capabilities';
let connectionString = 'https://myaccount.openai.azure.com/openai/deployments/gpt4o/chat/completions?api-version=2024-06-01;impersonate';
evaluate ai_chat_completion_prompt(prompt, connectionString)`,
    unsupported: "the tabular expression Evaluate is not supported by trailhound",
  },
  {
    page: 'azure-digital-twins-query-request-plugin.md',
    name: "#2 The following example returns the result from the plugin as separate columns, and then performs additional ope",
    query: `evaluate azure_digital_twins_query_request(
  'https://contoso.api.wcus.digitaltwins.azure.net',
  'SELECT T.Temperature, T.Humidity FROM DIGITALTWINS T WHERE IS_PRIMITIVE(T.Temperature) AND IS_PRIMITIVE(T.Humidity)')
| where Temperature > 20
| project TemperatureInC = Temperature, Humidity`,
    unsupported: "the tabular expression Evaluate is not supported by trailhound",
  },
  {
    page: 'bag-unpack-plugin.md',
    name: "#1 The examples in this section show how to use the syntax to help you get started.",
    query: `datatable(d:dynamic)
[
    dynamic({"Name": "John", "Age":20}),
    dynamic({"Name": "Dave", "Age":40}),
    dynamic({"Name": "Jasmine", "Age":30}),
]
| evaluate bag_unpack(d)`,
    output: `
|\`Age\`|\`Name\`|
|---|-------|
|20 |John   |
|40 |Dave   |
|30 |Jasmine|
`,
  },
  {
    page: 'bag-unpack-plugin.md',
    name: "#2 datatable(d:dynamic)",
    query: `datatable(d:dynamic)
[
    dynamic({"Name": "John", "Age":20}),
    dynamic({"Name": "Dave", "Age":40}),
    dynamic({"Name": "Jasmine", "Age":30}),
]
| evaluate bag_unpack(d, 'Property_')`,
    output: `
|\`Property_Age\`|\`Property_Name\`|
|------------|-------------|
|20          |John         |
|40          |Dave         |
|30          |Jasmine      |
`,
  },
  {
    page: 'bag-unpack-plugin.md',
    name: "#3 datatable(Name:string, d:dynamic)",
    query: `datatable(Name:string, d:dynamic)
[
    'James', dynamic({"Name": "John", "Age":20}),
    'David', dynamic({ "Age":40}),
    'Emily', dynamic({"Name": "Jasmine", "Age":30}),
]
| evaluate bag_unpack(d, columnsConflict='replace_source') // Replace old column Name by new column`,
    unsupported: "bag_unpack with arguments other than (Column [, OutputColumnPrefix]) is not supported by trailhound",
  },
  {
    page: 'bag-unpack-plugin.md',
    name: "#4 datatable(Name:string, d:dynamic)",
    query: `datatable(Name:string, d:dynamic)
[
    'James', dynamic({"Name": "John", "Age":20}),
    'David', dynamic({"Name": "Dave", "Age":40}),
    'Emily', dynamic({"Name": "Jasmine", "Age":30}),
]
| evaluate bag_unpack(d, columnsConflict='keep_source') // Keep old column Name`,
    unsupported: "bag_unpack with arguments other than (Column [, OutputColumnPrefix]) is not supported by trailhound",
  },
  {
    page: 'bag-unpack-plugin.md',
    name: "#5 datatable(d:dynamic)",
    query: `datatable(d:dynamic)
[
    dynamic({"Name": "John", "Age":20, "Address": "Address-1" }),
    dynamic({"Name": "Dave", "Age":40, "Address": "Address-2"}),
    dynamic({"Name": "Jasmine", "Age":30, "Address": "Address-3"}),
]
// Ignore 'Age' and 'Address' properties
| evaluate bag_unpack(d, ignoredProperties=dynamic(['Address', 'Age']))`,
    unsupported: "A value of type string expected.",
  },
  {
    page: 'bag-unpack-plugin.md',
    name: "#6 datatable(d:dynamic)",
    query: `datatable(d:dynamic)
[
    dynamic({"Name": "John", "Age":20}),
    dynamic({ "Name": "Dave", "Height": 170, "Age":40}),
    dynamic({"Name": "Jasmine", "Age":30}),
]
| evaluate bag_unpack(d)`,
    output: `
|\`Age\` |\`Height\` |\`Name\` |
|--|--|--|
| 20 | | John |
| 40 | 170 | Dave |
| 30 | | Jasmine |
`,
  },
  {
    page: 'bag-unpack-plugin.md',
    name: "#7 This query returns the original slot *Description* and the columns defined in the *OutputSchema*.",
    query: `datatable(d:dynamic, Description: string)
[
    dynamic({"Name": "John", "Age":20, "height":180}), "Student",
    dynamic({"Name": "Dave", "Age":40, "height":160}), "Teacher",
    dynamic({"Name": "Jasmine", "Age":30, "height":172}), "Student",
]
| evaluate bag_unpack(d) : (*, Name:string, Age:long)`,
    output: `
|Description|\`Name\`|\`Age\`|
|---|---|---|
|Student|John|20|
|Teacher|Dave|40|
|Student|Jasmine|30|
`,
  },
  {
    page: 'dcount-intersect-plugin.md',
    name: "#1 range x from 1 to 100 step 1",
    query: `// Generate numbers from 1 to 100
range x from 1 to 100 step 1
| extend isEven = (x % 2 == 0), isMod3 = (x % 3 == 0), isMod5 = (x % 5 == 0)
// Calculate conditional HLL values (note that '0' is included in each of them as additional value, so we will subtract it later)
| summarize hll_even = hll(iif(isEven, x, 0), 2),
            hll_mod3 = hll(iif(isMod3, x, 0), 2),
            hll_mod5 = hll(iif(isMod5, x, 0), 2) 
// Invoke the plugin that calculates dcount intersections         
| evaluate dcount_intersect(hll_even, hll_mod3, hll_mod5)
| project evenNumbers = s0 - 1,             //                             100 / 2 = 50
          even_and_mod3 = s1 - 1,           // gcd(2,3) = 6, therefor:     100 / 6 = 16
          even_and_mod3_and_mod5 = s2 - 1   // gcd(2,3,5) is 30, therefore: 100 / 30 = 3`,
    unsupported: "the aggregate hll() is not supported by trailhound",
  },
  {
    page: 'http-request-plugin.md',
    name: "#1 <!-- csl -->",
    query: `let Uri = "https://prices.azure.com/api/retail/prices?$filter=serviceName eq 'Azure Purview' and location eq 'EU West'";
evaluate http_request(Uri)
| project ResponseBody.Items
| mv-expand ResponseBody_Items
| evaluate bag_unpack(ResponseBody_Items)`,
    unsupported: "the tabular expression Evaluate is not supported by trailhound",
  },
  {
    page: 'infer-storage-schema-plugin.md',
    name: "#1 let options = dynamic({",
    query: `let options = dynamic({
  'StorageContainers': [
    h@'https://storageaccount.blob.core.windows.net/MobileEvents;secretKey'
  ],
  'FileExtension': '.parquet',
  'FileNamePrefix': 'part-',
  'DataFormat': 'parquet'
});
evaluate infer_storage_schema(options)`,
    unsupported: "the tabular expression Evaluate is not supported by trailhound",
  },
  {
    page: 'ipv4-lookup-plugin.md',
    name: "#1 IPv4 lookup - matching rows only",
    query: `// IP lookup table: IP_Data
// Partial data from: https://raw.githubusercontent.com/datasets/geoip2-ipv4/master/data/geoip2-ipv4.csv
let IP_Data = datatable(network:string, continent_code:string ,continent_name:string, country_iso_code:string, country_name:string)
[
  "111.68.128.0/17","AS","Asia","JP","Japan",
  "5.8.0.0/19","EU","Europe","RU","Russia",
  "223.255.254.0/24","AS","Asia","SG","Singapore",
  "46.36.200.51/32","OC","Oceania","CK","Cook Islands",
  "2.20.183.0/24","EU","Europe","GB","United Kingdom",
];
let IPs = datatable(ip:string)
[
  '2.20.183.12',   // United Kingdom
  '5.8.1.2',       // Russia
  '192.165.12.17', // Unknown
];
IPs
| evaluate ipv4_lookup(IP_Data, ip, network)`,
    unsupported: "the plugin ipv4_lookup is not supported by trailhound",
  },
  {
    page: 'ipv4-lookup-plugin.md',
    name: "#2 IPv4 lookup - return both matching and nonmatching rows",
    query: `// IP lookup table: IP_Data
// Partial data from: 
// https://raw.githubusercontent.com/datasets/geoip2-ipv4/master/data/geoip2-ipv4.csv
let IP_Data = datatable(network:string,continent_code:string ,continent_name:string ,country_iso_code:string ,country_name:string )
[
    "111.68.128.0/17","AS","Asia","JP","Japan",
    "5.8.0.0/19","EU","Europe","RU","Russia",
    "223.255.254.0/24","AS","Asia","SG","Singapore",
    "46.36.200.51/32","OC","Oceania","CK","Cook Islands",
    "2.20.183.0/24","EU","Europe","GB","United Kingdom",
];
let IPs = datatable(ip:string)
[
    '2.20.183.12',   // United Kingdom
    '5.8.1.2',       // Russia
    '192.165.12.17', // Unknown
];
IPs
| evaluate ipv4_lookup(IP_Data, ip, network, return_unmatched = true)`,
    unsupported: "the plugin ipv4_lookup is not supported by trailhound",
  },
  {
    page: 'ipv4-lookup-plugin.md',
    name: "#3 IPv4 lookup - using source in external_data()",
    query: `let IP_Data = external_data(network:string,geoname_id:long,continent_code:string,continent_name:string ,country_iso_code:string,country_name:string,is_anonymous_proxy:bool,is_satellite_provider:bool)
    ['https://raw.githubusercontent.com/datasets/geoip2-ipv4/master/data/geoip2-ipv4.csv'];
let IPs = datatable(ip:string)
[
    '2.20.183.12',   // United Kingdom
    '5.8.1.2',       // Russia
    '192.165.12.17', // Sweden
];
IPs
| evaluate ipv4_lookup(IP_Data, ip, network, return_unmatched = true)`,
    unsupported: "the plugin ipv4_lookup is not supported by trailhound",
  },
  {
    page: 'ipv4-lookup-plugin.md',
    name: "#4 IPv4 lookup - using extra columns for matching",
    query: `let IP_Data = external_data(network:string,geoname_id:long,continent_code:string,continent_name:string ,country_iso_code:string,country_name:string,is_anonymous_proxy:bool,is_satellite_provider:bool)
    ['https://raw.githubusercontent.com/datasets/geoip2-ipv4/master/data/geoip2-ipv4.csv'];
let IPs = datatable(ip:string, continent_name:string, country_iso_code:string)
[
    '2.20.183.12',   'Europe', 'GB', // United Kingdom
    '5.8.1.2',       'Europe', 'RU', // Russia
    '192.165.12.17', 'Europe', '',   // Sweden is 'SE' - so it won't be matched
];
IPs
| evaluate ipv4_lookup(IP_Data, ip, network, continent_name, country_iso_code)`,
    unsupported: "the plugin ipv4_lookup is not supported by trailhound",
  },
  {
    page: 'ipv6-lookup-plugin.md',
    name: "#1 IPv6 lookup - matching rows only",
    query: `// IP lookup table: IP_Data (the data is generated by ChatGPT).
let IP_Data = datatable(network:string, continent_code:string ,continent_name:string, country_iso_code:string, country_name:string)
[
  "2001:0db8:85a3::/48","NA","North America","US","United States",
  "2404:6800:4001::/48","AS","Asia","JP","Japan",
  "2a00:1450:4001::/48","EU","Europe","DE","Germany",
  "2800:3f0:4001::/48","SA","South America","BR","Brazil",
  "2c0f:fb50:4001::/48","AF","Africa","ZA","South Africa",
  "2607:f8b0:4001::/48","NA","North America","CA","Canada",
  "2a02:26f0:4001::/48","EU","Europe","FR","France",
  "2400:cb00:4001::/48","AS","Asia","IN","India",
  "2801:0db8:85a3::/48","SA","South America","AR","Argentina",
  "2a03:2880:4001::/48","EU","Europe","GB","United Kingdom"
];
let IPs = datatable(ip:string)
[
  "2001:0db8:85a3:0000:0000:8a2e:0370:7334", // United States
  "2404:6800:4001:0001:0000:8a2e:0370:7334", // Japan
  "2a02:26f0:4001:0006:0000:8a2e:0370:7334", // France
  "a5e:f127:8a9d:146d:e102:b5d3:c755:abcd",  // N/A
  "a5e:f127:8a9d:146d:e102:b5d3:c755:abce"   // N/A
];
IPs
| evaluate ipv6_lookup(IP_Data, ip, network)`,
    unsupported: "the plugin ipv6_lookup is not supported by trailhound",
  },
  {
    page: 'ipv6-lookup-plugin.md',
    name: "#2 IPv6 lookup - return both matching and nonmatching rows",
    query: `// IP lookup table: IP_Data (the data is generated by ChatGPT).
let IP_Data = datatable(network:string, continent_code:string ,continent_name:string, country_iso_code:string, country_name:string)
[
  "2001:0db8:85a3::/48","NA","North America","US","United States",
  "2404:6800:4001::/48","AS","Asia","JP","Japan",
  "2a00:1450:4001::/48","EU","Europe","DE","Germany",
  "2800:3f0:4001::/48","SA","South America","BR","Brazil",
  "2c0f:fb50:4001::/48","AF","Africa","ZA","South Africa",
  "2607:f8b0:4001::/48","NA","North America","CA","Canada",
  "2a02:26f0:4001::/48","EU","Europe","FR","France",
  "2400:cb00:4001::/48","AS","Asia","IN","India",
  "2801:0db8:85a3::/48","SA","South America","AR","Argentina",
  "2a03:2880:4001::/48","EU","Europe","GB","United Kingdom"
];
let IPs = datatable(ip:string)
[
  "2001:0db8:85a3:0000:0000:8a2e:0370:7334", // United States
  "2404:6800:4001:0001:0000:8a2e:0370:7334", // Japan
  "2a02:26f0:4001:0006:0000:8a2e:0370:7334", // France
  "a5e:f127:8a9d:146d:e102:b5d3:c755:abcd",  // N/A
  "a5e:f127:8a9d:146d:e102:b5d3:c755:abce"   // N/A
];
IPs
| evaluate ipv6_lookup(IP_Data, ip, network, true)`,
    unsupported: "the plugin ipv6_lookup is not supported by trailhound",
  },
  {
    page: 'new-activity-metrics-plugin.md',
    name: "#3 The next query calculates a retention and churn rate for week-over-week window for `New Users` cohort (users t",
    query: `// Generate random data of user activities
let _start = datetime(2017-05-01);
let _end = datetime(2017-05-31);
range Day from _start to _end step 1d
| extend d = tolong((Day - _start) / 1d)
| extend r = rand() + 1
| extend _users=range(tolong(d * 50 * r), tolong(d * 50 * r + 200 * r - 1), 1) 
| mv-expand id=_users to typeof(long) limit 1000000
// Take only the first week cohort (last parameter)
| evaluate new_activity_metrics(['id'], Day, _start, _end, 7d, _start)
| project from_Day, to_Day, retention_rate, churn_rate`,
    unsupported: "the function rand() is not supported by trailhound",
  },
  {
    page: 'new-activity-metrics-plugin.md',
    name: "#4 The next query calculates retention and churn rate for week-over-week window for `New Users` cohort. If the pr",
    query: `// Generate random data of user activities
let _start = datetime(2017-05-01);
let _end = datetime(2017-05-31);
range Day from _start to _end step 1d
| extend d = tolong((Day - _start) / 1d)
| extend r = rand() + 1
| extend _users=range(tolong(d * 50 * r), tolong(d * 50 * r + 200 * r - 1), 1) 
| mv-expand id=_users to typeof(long) limit 1000000
// Last parameter is omitted - 
| evaluate new_activity_metrics(['id'], Day, _start, _end, 7d)
| project from_Day, to_Day, retention_rate, churn_rate`,
    unsupported: "the function rand() is not supported by trailhound",
  },
  {
    page: 'new-activity-metrics-plugin.md',
    name: "#5 query examines the retention behavior of the `New Users` during the analysis period.",
    query: `// Generate random data of user activities
let _lookback = datetime(2017-02-01);
let _start = datetime(2017-05-01);
let _end = datetime(2017-05-31);
let _data = range Day from _lookback to _end step 1d
    | extend d = tolong((Day - _lookback) / 1d)
    | extend r = rand() + 1
    | extend _users=range(tolong(d * 50 * r), tolong(d * 50 * r + 200 * r - 1), 1) 
    | mv-expand id=_users to typeof(long) limit 1000000;
//
let lookback_data = _data | where Day < _start | project Day, id;
_data
| evaluate new_activity_metrics(id, Day, _start, _end, 7d, _start, lookback_data)
| project from_Day, to_Day, retention_rate`,
    unsupported: "the function rand() is not supported by trailhound",
  },
  {
    page: 'r-plugin.md',
    name: "#4 * For example, to enable access to a blob located in `https://artifactswestus.blob.core.windows.net/r`, run th",
    query: `        .alter-merge cluster policy callout @'[ { "CalloutType": "sandbox_artifacts", "CalloutUriRegex": "artifactswestus\\\\.blob\\\\.core\\\\.windows\\\\.net/r/","CanCall": true } ]'`,
    unsupported: "the tabular expression CustomCommand is not supported by trailhound",
  },
  {
    page: 'rolling-percentile-plugin.md',
    name: "#1 The next query calculates a 3-day median value in daily granularity. Each row in the output represents the med",
    query: `let T = 
    range idx from 0 to 24 * 10 - 1 step 1
    | project Timestamp = datetime(2018-01-01) + 1h * idx, val=idx + 1
    | extend EvenOrOdd = iff(val % 2 == 0, "Even", "Odd");
T  
| evaluate rolling_percentile(val, 50, Timestamp, 1d, 3)`,
    unsupported: "the plugin rolling_percentile is not supported by trailhound",
  },
  {
    page: 'rolling-percentile-plugin.md',
    name: "#2 Same example from above, but now also calculates the rolling window partitioned for each value of the dimensio",
    query: `let T = 
    range idx from 0 to 24 * 10 - 1 step 1
    | project Timestamp = datetime(2018-01-01) + 1h * idx, val=idx + 1
    | extend EvenOrOdd = iff(val % 2 == 0, "Even", "Odd");
T  
| evaluate rolling_percentile(val, 50, Timestamp, 1d, 3, EvenOrOdd)`,
    unsupported: "the plugin rolling_percentile is not supported by trailhound",
  },
  {
    page: 'rows-near-plugin.md',
    name: "#1 Find rows with an `\"Error\"` *State*, and returns `2` rows before and after the `\"Error\"` record.",
    query: `datatable (Timestamp:datetime, Value:long, State:string )
[
    datetime(2021-06-01), 1, "Success",
    datetime(2021-06-02), 4, "Success",
    datetime(2021-06-03), 3, "Success",
    datetime(2021-06-04), 11, "Success",
    datetime(2021-06-05), 15, "Success",
    datetime(2021-06-06), 2, "Success",
    datetime(2021-06-07), 19, "Error",
    datetime(2021-06-08), 12, "Success",
    datetime(2021-06-09), 7, "Success",
    datetime(2021-06-10), 9, "Success",
    datetime(2021-06-11), 4, "Success",
    datetime(2021-06-12), 1, "Success",
]
| sort by Timestamp asc 
| evaluate rows_near(State == "Error", 2)`,
    unsupported: "the plugin rows_near is not supported by trailhound",
  },
  {
    page: 'schema-merge-plugin.md',
    name: "#1 Merge with a schema that has a new column appended.",
    query: `let schema1 = datatable(Uri:string, HttpStatus:int)[] | getschema;
let schema2 = datatable(Uri:string, HttpStatus:int, Referrer:string)[] | getschema;
union schema1, schema2 | evaluate schema_merge()`,
    unsupported: "The plug-in function 'schema_merge' is not defined.",
  },
  {
    page: 'schema-merge-plugin.md',
    name: "#2 Merge with a schema that has different column ordering (`HttpStatus` ordinal changes from `1` to `2` in the ne",
    query: `let schema1 = datatable(Uri:string, HttpStatus:int)[] | getschema;
let schema2 = datatable(Uri:string, Referrer:string, HttpStatus:int)[] | getschema;
union schema1, schema2 | evaluate schema_merge()`,
    unsupported: "The plug-in function 'schema_merge' is not defined.",
  },
  {
    page: 'schema-merge-plugin.md',
    name: "#3 Merge with a schema that has different column ordering, but with `PreserveOrder` set to `false`.",
    query: `let schema1 = datatable(Uri:string, HttpStatus:int)[] | getschema;
let schema2 = datatable(Uri:string, Referrer:string, HttpStatus:int)[] | getschema;
union schema1, schema2 | evaluate schema_merge(PreserveOrder = false)`,
    unsupported: "The plug-in function 'schema_merge' is not defined.",
  },
  {
    page: 'session-count-plugin.md',
    name: "#1 Here are 20 lines of the data:",
    query: `let _data = range Timeline from 1 to 10000 step 1
    | extend __key = 1
    | join kind=inner (range Id from 1 to 50 step 1 | extend __key=1) on __key
    | where Timeline % Id == 0
    | project Timeline, Id;
// Look on few lines of the data
_data
| order by Timeline asc, Id asc
| take 20`,
    output: `
|Timeline|Id|
|---|---|
|1|1|
|2|1|
|2|2|
|3|1|
|3|3|
|4|1|
|4|2|
|4|4|
|5|1|
|5|5|
|6|1|
|6|2|
|6|3|
|6|6|
|7|1|
|7|7|
|8|1|
|8|2|
|8|4|
|8|8|
`,
  },
  {
    page: 'sliding-window-counts-plugin.md',
    name: "#1 Calculate counts and `dcounts` for users in past week, for each day in the analysis period.",
    query: `let start = datetime(2017 - 08 - 01);
let end = datetime(2017 - 08 - 07); 
let lookbackWindow = 3d;  
let bin = 1d;
let T = datatable(UserId: string, Timestamp: datetime)
    [
    'Bob', datetime(2017 - 08 - 01), 
    'David', datetime(2017 - 08 - 01), 
    'David', datetime(2017 - 08 - 01), 
    'John', datetime(2017 - 08 - 01), 
    'Bob', datetime(2017 - 08 - 01), 
    'Ananda', datetime(2017 - 08 - 02),  
    'Atul', datetime(2017 - 08 - 02), 
    'John', datetime(2017 - 08 - 02), 
    'Ananda', datetime(2017 - 08 - 03), 
    'Atul', datetime(2017 - 08 - 03), 
    'Atul', datetime(2017 - 08 - 03), 
    'John', datetime(2017 - 08 - 03), 
    'Bob', datetime(2017 - 08 - 03), 
    'Betsy', datetime(2017 - 08 - 04), 
    'Bob', datetime(2017 - 08 - 05), 
];
T
| evaluate sliding_window_counts(UserId, Timestamp, start, end, lookbackWindow, bin)`,
    unsupported: "invalid datetime literal: datetime(2017 - 08 - 01)",
  },
]);
