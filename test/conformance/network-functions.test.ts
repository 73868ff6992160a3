// Conformance with the examples of Microsoft's Kusto documentation (network-functions); see harness.ts.
import { docCases } from './harness.ts';

docCases('network-functions', [
  {
    page: 'format-ipv4-function.md',
    name: "#1 The following example shows how to use the `format_ipv4()` function to parse the input with a netmask and retu",
    query: `datatable(address:string, mask:long)
[
 '192.168.1.1', 24,          
 '192.168.1.1', 32,          
 '192.168.1.1/24', 32,       
 '192.168.1.1/24', long(-1), 
]
| extend result = format_ipv4(address, mask), 
         result_mask = format_ipv4_mask(address, mask)`,
    output: `
|address|mask|result|result_mask|
|---|---|---|---|
|192.168.1.1|24|192.168.1.0|192.168.1.0/24|
|192.168.1.1|32|192.168.1.1|192.168.1.1/32|
|192.168.1.1/24|32|192.168.1.0|192.168.1.0/24|
|192.168.1.1/24|-1|||
`,
  },
  {
    page: 'format-ipv4-mask-function.md',
    name: "#1 datatable(address:string, mask:long)",
    query: `datatable(address:string, mask:long)
[
 '192.168.1.1', 24,          
 '192.168.1.1', 32,          
 '192.168.1.1/24', 32,       
 '192.168.1.1/24', long(-1), 
]
| extend result = format_ipv4(address, mask), 
         result_mask = format_ipv4_mask(address, mask)`,
    output: `
|address|mask|result|result_mask|
|---|---|---|---|
|192.168.1.1|24|192.168.1.0|192.168.1.0/24|
|192.168.1.1|32|192.168.1.1|192.168.1.1/32|
|192.168.1.1/24|32|192.168.1.0|192.168.1.0/24|
|192.168.1.1/24|-1|||
`,
  },
  {
    page: 'has-any-ipv4-function.md',
    name: "#1 The following example demonstrates using `has_any_ipv4` with multiple scalar values, where each IP address is ",
    query: `print result=has_any_ipv4('05:04:54 127.0.0.1 GET /favicon.ico 404', '127.0.0.1', '127.0.0.2')`,
    output: `
|result|
|--|
|true|
`,
  },
  {
    page: 'has-any-ipv4-function.md',
    name: "#2 The following example demonstrates using `has_any_ipv4` with a dynamic array of IP addresses. The IP addresses",
    query: `print result=has_any_ipv4('05:04:54 127.0.0.1 GET /favicon.ico 404', dynamic(['127.0.0.1', '127.0.0.2']))`,
    output: `
|result|
|--|
|true|
`,
  },
  {
    page: 'has-any-ipv4-function.md',
    name: "#3 The following example demonstrates using `has_any_ipv4` with an invalid IPv4 address. The IP addresses in the ",
    query: `print result=has_any_ipv4('05:04:54 127.0.0.256 GET /favicon.ico 404', dynamic(["127.0.0.256", "192.168.1.1"]))`,
    output: `
|result|
|--|
|false|
`,
  },
  {
    page: 'has-any-ipv4-function.md',
    name: "#4 The following example demonstrates using `has_any_ipv4` with an improperly delimited IP address. The IP addres",
    query: `print result=has_any_ipv4('05:04:54127.0.0.1 GET /favicon.ico 404', '127.0.0.1', '192.168.1.1') // false, improperly delimited IP address`,
    output: `
|result|
|--|
|false|
`,
  },
  {
    page: 'has-any-ipv4-prefix-function.md',
    name: "#1 The following example demonstrates using `has_any_ipv4_prefix` with multiple scalar values, where each IP addr",
    query: `print result=has_any_ipv4_prefix('05:04:54 127.0.0.1 GET /favicon.ico 404', '127.0.', '192.168.') // true`,
    output: `
|result|
|--|
|true|
`,
  },
  {
    page: 'has-any-ipv4-prefix-function.md',
    name: "#2 The following example demonstrates using `has_any_ipv4_prefix` with a dynamic array of IP addresses. The IP ad",
    query: `print result=has_any_ipv4_prefix('05:04:54 127.0.0.1 GET /favicon.ico 404', dynamic(["127.0.", "192.168."]))`,
    output: `
|result|
|--|
|true|
`,
  },
  {
    page: 'has-any-ipv4-prefix-function.md',
    name: "#3 The following example demonstrates using `has_any_ipv4_prefix` with an invalid IPv4 address. The IP addresses ",
    query: `print result=has_any_ipv4_prefix('05:04:54 127.0.0.1 GET /favicon.ico 404', '127.0')`,
    output: `
|result|
|--|
|false|
`,
  },
  {
    page: 'has-any-ipv4-prefix-function.md',
    name: "#4 The following example demonstrates using `has_any_ipv4_prefix` with an improperly delimited IP address. The IP",
    query: `print result=has_any_ipv4_prefix('05:04:54127.0.0.1 GET /favicon.ico 404', '127.0.', '192.')`,
    output: `
|result|
|--|
|false|
`,
  },
  {
    page: 'has-ipv4-function.md',
    name: "#1 The following example demonstrates using `has_ipv4` with multiple scalar values, where each IP address is prov",
    query: `print result=has_ipv4('05:04:54 127.0.0.1 GET /favicon.ico 404', '127.0.0.1')`,
    output: `
|result|
|--|
|true|
`,
  },
  {
    page: 'has-ipv4-function.md',
    name: "#2 The following example demonstrates using `has_ipv4` with an invalid IP address. The IP address in the text is ",
    query: `print result=has_ipv4('05:04:54 127.0.0.256 GET /favicon.ico 404', '127.0.0.256')`,
    output: `
|result|
|--|
|false|
`,
  },
  {
    page: 'has-ipv4-function.md',
    name: "#3 The following example demonstrates using `has_ipv4` with an improperly delimited IP address. The IP address in",
    query: `print result=has_ipv4('05:04:54127.0.0.1 GET /favicon.ico 404', '127.0.0.1')`,
    output: `
|result|
|--|
|false|
`,
  },
  {
    page: 'has-ipv4-prefix-function.md',
    name: "#1 The following example shows how to use the `has_ipv4_prefix` function to search for a specific IPv4 address pr",
    query: `print result=has_ipv4_prefix('05:04:54 127.0.0.1 GET /favicon.ico 404', '127.0.')`,
    output: `
|result|
|--|
|true|
`,
  },
  {
    page: 'has-ipv4-prefix-function.md',
    name: "#2 The following example demonstrates using `has_ipv4_prefix` with an invalid IP address prefix. The IP address i",
    query: `print result=has_ipv4_prefix('05:04:54 127.0.0.1 GET /favicon.ico 404', '127.0')`,
    output: `
|result|
|--|
|false|
`,
  },
  {
    page: 'has-ipv4-prefix-function.md',
    name: "#3 The following example demonstrates using `has_ipv4_prefix` with an invalid IP address. The IP address in the t",
    query: `print result=has_ipv4_prefix('05:04:54 127.0.0.256 GET /favicon.ico 404', '127.0.')`,
    output: `
|result|
|--|
|false|
`,
  },
  {
    page: 'has-ipv4-prefix-function.md',
    name: "#4 The following example demonstrates using `has_ipv4_prefix` with an improperly delimited IP address. The IP add",
    query: `print result=has_ipv4_prefix('05:04:54127.0.0.1 GET /favicon.ico 404', '127.0.')`,
    output: `
|result|
|--|
|false|
`,
  },
  {
    page: 'ipv4-compare-function.md',
    name: "#1 Compare IPs using the IP-prefix notation specified inside the IPv4 strings",
    query: `datatable(ip1_string:string, ip2_string:string)
[
 '192.168.1.0',    '192.168.1.0',       // Equal IPs
 '192.168.1.1/24', '192.168.1.255',     // 24 bit IP-prefix is used for comparison
 '192.168.1.1',    '192.168.1.255/24',  // 24 bit IP-prefix is used for comparison
 '192.168.1.1/30', '192.168.1.255/24',  // 24 bit IP-prefix is used for comparison
]
| extend result = ipv4_compare(ip1_string, ip2_string)`,
    output: `
|ip1_string|ip2_string|result|
|---|---|---|
|192.168.1.0|192.168.1.0|0|
|192.168.1.1/24|192.168.1.255|0|
|192.168.1.1|192.168.1.255/24|0|
|192.168.1.1/30|192.168.1.255/24|0|
`,
  },
  {
    page: 'ipv4-compare-function.md',
    name: "#2 Compare IPs using IP-prefix notation specified inside the IPv4 strings and as additional argument of the `ipv4",
    query: `datatable(ip1_string:string, ip2_string:string, prefix:long)
[
 '192.168.1.1',    '192.168.1.0',   31, // 31 bit IP-prefix is used for comparison
 '192.168.1.1/24', '192.168.1.255', 31, // 24 bit IP-prefix is used for comparison
 '192.168.1.1',    '192.168.1.255', 24, // 24 bit IP-prefix is used for comparison
]
| extend result = ipv4_compare(ip1_string, ip2_string, prefix)`,
    output: `
|ip1_string|ip2_string|prefix|result|
|---|---|---|---|
|192.168.1.1|192.168.1.0|31|0|
|192.168.1.1/24|192.168.1.255|31|0|
|192.168.1.1|192.168.1.255|24|0|
`,
  },
  {
    page: 'ipv4-is-in-any-range-function.md',
    name: "#1 Syntax using list of strings",
    query: `print Result=ipv4_is_in_any_range('192.168.1.6', '192.168.1.1/24', '10.0.0.1/8', '127.1.0.1/16')`,
    output: `
|Result|
|--|
|true|
`,
  },
  {
    page: 'ipv4-is-in-any-range-function.md',
    name: "#2 Syntax using dynamic array",
    query: `print Result=ipv4_is_in_any_range("127.0.0.1", dynamic(["127.0.0.1", "192.168.1.1"]))`,
    output: `
|Result|
|--|
|true|
`,
  },
  {
    page: 'ipv4-is-in-any-range-function.md',
    name: "#3 Extend table with IPv4 range check",
    query: `let LocalNetworks=dynamic([
    "192.168.1.1/16",
    "127.0.0.1/8",
    "10.0.0.1/8"
]);
let IPs=datatable(IP:string) [
    "10.1.2.3",
    "192.168.1.5",
    "123.1.11.21",
    "1.1.1.1"
];
IPs
| extend IsLocal=ipv4_is_in_any_range(IP, LocalNetworks)`,
    output: `
|IP|IsLocal|
|---|---|
|10.1.2.3|true|
|192.168.1.5|true|
|123.1.11.21|false|
|1.1.1.1|false|
`,
  },
  {
    page: 'ipv4-is-in-range-function.md',
    name: "#1 datatable(ip_address:string, ip_range:string)",
    query: `datatable(ip_address:string, ip_range:string)
[
 '192.168.1.1',    '192.168.1.1',       // Equal IPs
 '192.168.1.1',    '192.168.1.255/24',  // 24 bit IP-prefix is used for comparison
]
| extend result = ipv4_is_in_range(ip_address, ip_range)`,
    output: `
|ip_address|ip_range|result|
|---|---|---|
|192.168.1.1|192.168.1.1|true|
|192.168.1.1|192.168.1.255/24|true|
`,
  },
  {
    page: 'ipv4-is-match-function.md',
    name: "#1 Simple example",
    query: `print ipv4_is_match('192.168.1.1/24', '192.168.1.255')`,
    output: `
|print_0|
|---|
|true |
`,
  },
  {
    page: 'ipv4-is-match-function.md',
    name: "#2 IPv4 comparison equality - IP-prefix notation specified inside the IPv4 strings",
    query: `datatable(ip1_string:string, ip2_string:string)
[
 '192.168.1.0',    '192.168.1.0',       // Equal IPs
 '192.168.1.1/24', '192.168.1.255',     // 24 bit IP-prefix is used for comparison
 '192.168.1.1',    '192.168.1.255/24',  // 24 bit IP-prefix is used for comparison
 '192.168.1.1/30', '192.168.1.255/24',  // 24 bit IP-prefix is used for comparison
]
| extend result = ipv4_is_match(ip1_string, ip2_string)`,
    output: `
|ip1_string|ip2_string|result|
|---|---|---|
|192.168.1.0|192.168.1.0|true|
|192.168.1.1/24|192.168.1.255|true|
|192.168.1.1|192.168.1.255/24|true|
|192.168.1.1/30|192.168.1.255/24|true|
`,
  },
  {
    page: 'ipv4-is-match-function.md',
    name: "#3 IPv4 comparison equality - IP-prefix notation specified inside the IPv4 strings and an additional argument of ",
    query: `datatable(ip1_string:string, ip2_string:string, prefix:long)
[
 '192.168.1.1',    '192.168.1.0',   31, // 31 bit IP-prefix is used for comparison
 '192.168.1.1/24', '192.168.1.255', 31, // 24 bit IP-prefix is used for comparison
 '192.168.1.1',    '192.168.1.255', 24, // 24 bit IP-prefix is used for comparison
]
| extend result = ipv4_is_match(ip1_string, ip2_string, prefix)`,
    output: `
|ip1_string|ip2_string|prefix|result|
|---|---|---|---|
|192.168.1.1|192.168.1.0|31|true|
|192.168.1.1/24|192.168.1.255|31|true|
|192.168.1.1|192.168.1.255|24|true|
`,
  },
  {
    page: 'ipv4-is-private-function.md',
    name: "#2 Example: Check if IPv4 belongs to a private network",
    query: `datatable(ip_string:string)
[
 '10.1.2.3',
 '192.168.1.1/24',
 '127.0.0.1',
]
| extend result = ipv4_is_private(ip_string)`,
    output: `
|ip_string|result|
|---|---|
|10.1.2.3|true|
|192.168.1.1/24|true|
|127.0.0.1|false|
`,
  },
  {
    page: 'ipv4-netmask-suffix-function.md',
    name: "#1 Example: Resolve IPv4 mask suffix",
    query: `datatable(ip_string:string)
[
 '10.1.2.3',
 '192.168.1.1/24',
 '127.0.0.1/16',
]
| extend cidr_suffix = ipv4_netmask_suffix(ip_string)`,
    output: `
|ip_string|cidr_suffix|
|---|---|
|10.1.2.3|32|
|192.168.1.1/24|24|
|127.0.0.1/16|16|
`,
  },
  {
    page: 'ipv4-range-to-cidr-list-function.md',
    name: "#1 print start_IP=\"1.1.128.0\", end_IP=\"1.1.140.255\"",
    query: `print start_IP="1.1.128.0", end_IP="1.1.140.255"
 | project ipv4_range_list = ipv4_range_to_cidr_list(start_IP, end_IP)`,
    unsupported: "the function ipv4_range_to_cidr_list() is not supported by trailhound",
  },
  {
    page: 'ipv6-compare-function.md',
    name: "#1 Compare IPs using the IP-prefix notation specified inside the IPv6/IPv4 strings",
    query: `datatable(ip1_string:string, ip2_string:string)
[
 // IPv4 are compared as IPv6 addresses
 '192.168.1.1',    '192.168.1.1',       // Equal IPs
 '192.168.1.1/24', '192.168.1.255',     // 24 bit IP4-prefix is used for comparison
 '192.168.1.1',    '192.168.1.255/24',  // 24 bit IP4-prefix is used for comparison
 '192.168.1.1/30', '192.168.1.255/24',  // 24 bit IP4-prefix is used for comparison
  // IPv6 cases
 'fe80::85d:e82c:9446:7994', 'fe80::85d:e82c:9446:7994',         // Equal IPs
 'fe80::85d:e82c:9446:7994/120', 'fe80::85d:e82c:9446:7998',     // 120 bit IP6-prefix is used for comparison
 'fe80::85d:e82c:9446:7994', 'fe80::85d:e82c:9446:7998/120',     // 120 bit IP6-prefix is used for comparison
 'fe80::85d:e82c:9446:7994/120', 'fe80::85d:e82c:9446:7998/120', // 120 bit IP6-prefix is used for comparison
 // Mixed case of IPv4 and IPv6
 '192.168.1.1',      '::ffff:c0a8:0101', // Equal IPs
 '192.168.1.1/24',   '::ffff:c0a8:01ff', // 24 bit IP-prefix is used for comparison
 '::ffff:c0a8:0101', '192.168.1.255/24', // 24 bit IP-prefix is used for comparison
 '::192.168.1.1/30', '192.168.1.255/24', // 24 bit IP-prefix is used for comparison
]
| extend result = ipv6_compare(ip1_string, ip2_string)`,
    output: `
|ip1_string|ip2_string|result|
|---|---|---|
|192.168.1.1|192.168.1.1|0|
|192.168.1.1/24|192.168.1.255|0|
|192.168.1.1|192.168.1.255/24|0|
|192.168.1.1/30|192.168.1.255/24|0|
|fe80::85d:e82c:9446:7994|fe80::85d:e82c:9446:7994|0|
|fe80::85d:e82c:9446:7994/120|fe80::85d:e82c:9446:7998|0|
|fe80::85d:e82c:9446:7994|fe80::85d:e82c:9446:7998/120|0|
|fe80::85d:e82c:9446:7994/120|fe80::85d:e82c:9446:7998/120|0|
|192.168.1.1|::ffff:c0a8:0101|0|
|192.168.1.1/24|::ffff:c0a8:01ff|0|
|::ffff:c0a8:0101|192.168.1.255/24|0|
|::192.168.1.1/30|192.168.1.255/24|0|
`,
  },
  {
    page: 'ipv6-compare-function.md',
    name: "#2 Compare IPs using IP-prefix notation specified inside the IPv6/IPv4 strings and as additional argument of the ",
    query: `datatable(ip1_string:string, ip2_string:string, prefix:long)
[
 // IPv4 are compared as IPv6 addresses 
 '192.168.1.1',    '192.168.1.0',   31, // 31 bit IP4-prefix is used for comparison
 '192.168.1.1/24', '192.168.1.255', 31, // 24 bit IP4-prefix is used for comparison
 '192.168.1.1',    '192.168.1.255', 24, // 24 bit IP4-prefix is used for comparison
   // IPv6 cases
 'fe80::85d:e82c:9446:7994', 'fe80::85d:e82c:9446:7995',     127, // 127 bit IP6-prefix is used for comparison
 'fe80::85d:e82c:9446:7994/127', 'fe80::85d:e82c:9446:7998', 120, // 120 bit IP6-prefix is used for comparison
 'fe80::85d:e82c:9446:7994/120', 'fe80::85d:e82c:9446:7998', 127, // 120 bit IP6-prefix is used for comparison
 // Mixed case of IPv4 and IPv6
 '192.168.1.1/24',   '::ffff:c0a8:01ff', 127, // 127 bit IP6-prefix is used for comparison
 '::ffff:c0a8:0101', '192.168.1.255',    120, // 120 bit IP6-prefix is used for comparison
 '::192.168.1.1/30', '192.168.1.255/24', 127, // 120 bit IP6-prefix is used for comparison
]
| extend result = ipv6_compare(ip1_string, ip2_string, prefix)`,
    output: `
|ip1_string|ip2_string|prefix|result|
|---|---|---|---|
|192.168.1.1|192.168.1.0|31|0|
|192.168.1.1/24|192.168.1.255|31|0|
|192.168.1.1|192.168.1.255|24|0|
|fe80::85d:e82c:9446:7994|fe80::85d:e82c:9446:7995|127|0|
|fe80::85d:e82c:9446:7994/127|fe80::85d:e82c:9446:7998|120|0|
|fe80::85d:e82c:9446:7994/120|fe80::85d:e82c:9446:7998|127|0|
|192.168.1.1/24|::ffff:c0a8:01ff|127|0|
|::ffff:c0a8:0101|192.168.1.255|120|0|
|::192.168.1.1/30|192.168.1.255/24|127|0|
`,
  },
  {
    page: 'ipv6-is-in-any-range-function.md',
    name: "#1 let LocalNetworks=dynamic([",
    query: `let LocalNetworks=dynamic([
    "a5e:f127:8a9d:146d:e102:b5d3:c755:f6cd/112",
    "0:0:0:0:0:ffff:c0a8:ac/60"
]);
let IPs=datatable(IP:string) [
    "a5e:f127:8a9d:146d:e102:b5d3:c755:abcd",
    "a5e:f127:8a9d:146d:e102:b5d3:c755:abce",
    "a5e:f127:8a9d:146d:e102:b5d3:c755:abcf",
    "a5e:f127:8a9d:146d:e102:b5d3:c756:abd1",
];
IPs
| extend IsLocal=ipv6_is_in_any_range(IP, LocalNetworks)`,
    output: `
|IP|IsLocal|
|---|---|
|a5e:f127:8a9d:146d:e102:b5d3:c755:abcd|	True|
|a5e:f127:8a9d:146d:e102:b5d3:c755:abce|	True|
|a5e:f127:8a9d:146d:e102:b5d3:c755:abcf|	True|
|a5e:f127:8a9d:146d:e102:b5d3:c756:abd1|	False|
`,
  },
  {
    page: 'ipv6-is-in-range-function.md',
    name: "#1 datatable(ip_address:string, ip_range:string)",
    query: `datatable(ip_address:string, ip_range:string)
[
 'a5e:f127:8a9d:146d:e102:b5d3:c755:abcd',    'a5e:f127:8a9d:146d:e102:b5d3:c755:0000/112',
 'a5e:f127:8a9d:146d:e102:b5d3:c755:abcd',    'a5e:f127:8a9d:146d:e102:b5d3:c755:abcd',
 'a5e:f127:8a9d:146d:e102:b5d3:c755:abcd',    '0:0:0:0:0:ffff:c0a8:ac/60',
]
| extend result = ipv6_is_in_range(ip_address, ip_range)`,
    output: `
|ip_address|ip_range|result|
|---|---|---|
|a5e:f127:8a9d:146d:e102:b5d3:c755:abcd|a5e:f127:8a9d:146d:e102:b5d3:c755:0000/112|True|
|a5e:f127:8a9d:146d:e102:b5d3:c755:abcd|a5e:f127:8a9d:146d:e102:b5d3:c755:abcd|True|
|a5e:f127:8a9d:146d:e102:b5d3:c755:abcd|0:0:0:0:0:ffff:c0a8:ac/60|False|
`,
  },
  {
    page: 'ipv6-is-match-function.md',
    name: "#1 IPv6/IPv4 comparison equality case - IP-prefix notation specified inside the IPv6/IPv4 strings",
    query: `datatable(ip1_string:string, ip2_string:string)
[
 // IPv4 are compared as IPv6 addresses
 '192.168.1.1',    '192.168.1.1',       // Equal IPs
 '192.168.1.1/24', '192.168.1.255',     // 24 bit IP4-prefix is used for comparison
 '192.168.1.1',    '192.168.1.255/24',  // 24 bit IP4-prefix is used for comparison
 '192.168.1.1/30', '192.168.1.255/24',  // 24 bit IP4-prefix is used for comparison
  // IPv6 cases
 'fe80::85d:e82c:9446:7994', 'fe80::85d:e82c:9446:7994',         // Equal IPs
 'fe80::85d:e82c:9446:7994/120', 'fe80::85d:e82c:9446:7998',     // 120 bit IP6-prefix is used for comparison
 'fe80::85d:e82c:9446:7994', 'fe80::85d:e82c:9446:7998/120',     // 120 bit IP6-prefix is used for comparison
 'fe80::85d:e82c:9446:7994/120', 'fe80::85d:e82c:9446:7998/120', // 120 bit IP6-prefix is used for comparison
 // Mixed case of IPv4 and IPv6
 '192.168.1.1',      '::ffff:c0a8:0101', // Equal IPs
 '192.168.1.1/24',   '::ffff:c0a8:01ff', // 24 bit IP-prefix is used for comparison
 '::ffff:c0a8:0101', '192.168.1.255/24', // 24 bit IP-prefix is used for comparison
 '::192.168.1.1/30', '192.168.1.255/24', // 24 bit IP-prefix is used for comparison
]
| extend result = ipv6_is_match(ip1_string, ip2_string)`,
    output: `
|ip1_string|ip2_string|result|
|---|---|---|
|192.168.1.1|192.168.1.1|1|
|192.168.1.1/24|192.168.1.255|1|
|192.168.1.1|192.168.1.255/24|1|
|192.168.1.1/30|192.168.1.255/24|1|
|fe80::85d:e82c:9446:7994|fe80::85d:e82c:9446:7994|1|
|fe80::85d:e82c:9446:7994/120|fe80::85d:e82c:9446:7998|1|
|fe80::85d:e82c:9446:7994|fe80::85d:e82c:9446:7998/120|1|
|fe80::85d:e82c:9446:7994/120|fe80::85d:e82c:9446:7998/120|1|
|192.168.1.1|::ffff:c0a8:0101|1|
|192.168.1.1/24|::ffff:c0a8:01ff|1|
|::ffff:c0a8:0101|192.168.1.255/24|1|
|::192.168.1.1/30|192.168.1.255/24|1|
`,
  },
  {
    page: 'ipv6-is-match-function.md',
    name: "#2 IPv6/IPv4 comparison equality case- IP-prefix notation specified inside the IPv6/IPv4 strings and as additiona",
    query: `datatable(ip1_string:string, ip2_string:string, prefix:long)
[
 // IPv4 are compared as IPv6 addresses 
 '192.168.1.1',    '192.168.1.0',   31, // 31 bit IP4-prefix is used for comparison
 '192.168.1.1/24', '192.168.1.255', 31, // 24 bit IP4-prefix is used for comparison
 '192.168.1.1',    '192.168.1.255', 24, // 24 bit IP4-prefix is used for comparison
   // IPv6 cases
 'fe80::85d:e82c:9446:7994', 'fe80::85d:e82c:9446:7995',     127, // 127 bit IP6-prefix is used for comparison
 'fe80::85d:e82c:9446:7994/127', 'fe80::85d:e82c:9446:7998', 120, // 120 bit IP6-prefix is used for comparison
 'fe80::85d:e82c:9446:7994/120', 'fe80::85d:e82c:9446:7998', 127, // 120 bit IP6-prefix is used for comparison
 // Mixed case of IPv4 and IPv6
 '192.168.1.1/24',   '::ffff:c0a8:01ff', 127, // 127 bit IP6-prefix is used for comparison
 '::ffff:c0a8:0101', '192.168.1.255',    120, // 120 bit IP6-prefix is used for comparison
 '::192.168.1.1/30', '192.168.1.255/24', 127, // 120 bit IP6-prefix is used for comparison
]
| extend result = ipv6_is_match(ip1_string, ip2_string, prefix)`,
    output: `
|ip1_string|ip2_string|prefix|result|
|---|---|---|---|
|192.168.1.1|192.168.1.0|31|1|
|192.168.1.1/24|192.168.1.255|31|1|
|192.168.1.1|192.168.1.255|24|1|
|fe80::85d:e82c:9446:7994|fe80::85d:e82c:9446:7995|127|1|
|fe80::85d:e82c:9446:7994/127|fe80::85d:e82c:9446:7998|120|1|
|fe80::85d:e82c:9446:7994/120|fe80::85d:e82c:9446:7998|127|1|
|192.168.1.1/24|::ffff:c0a8:01ff|127|1|
|::ffff:c0a8:0101|192.168.1.255|120|1|
|::192.168.1.1/30|192.168.1.255/24|127|1|
`,
  },
  {
    page: 'parse-ipv4-function.md',
    name: "#1 datatable(ip_string: string)",
    query: `datatable(ip_string: string)
[
    '192.168.1.1', '192.168.1.1/24', '255.255.255.255/31'
]
| extend ip_long = parse_ipv4(ip_string)`,
    output: `
|ip_string|ip_long|
|---|---|
|192.168.1.1|3232235777|
|192.168.1.1/24|3232235776|
|255.255.255.255/31|4294967294|
`,
  },
  {
    page: 'parse-ipv6-function.md',
    name: "#1 datatable(ipv4: string)",
    query: `datatable(ipv4: string)
[
    '192.168.255.255', '192.168.255.255/24', '255.255.255.255'
]
| extend ipv6 = parse_ipv6(ipv4)`,
    output: `
| ipv4               | ipv6                                    |
|--------------------|-----------------------------------------|
| 192.168.255.255    | 0000:0000:0000:0000:0000:ffff:c0a8:ffff |
| 192.168.255.255/24 | 0000:0000:0000:0000:0000:ffff:c0a8:ff00 |
| 255.255.255.255    | 0000:0000:0000:0000:0000:ffff:ffff:ffff |
`,
  },
  {
    page: 'parse-ipv6-mask-function.md',
    name: "#1 datatable(ip_string: string, netmask: long)",
    query: `datatable(ip_string: string, netmask: long)
[
    // IPv4 addresses
    '192.168.255.255', 120,  // 120-bit netmask is used
    '192.168.255.255/24', 124,  // 120-bit netmask is used, as IPv4 address doesn't use upper 8 bits
    '255.255.255.255', 128,  // 128-bit netmask is used
    // IPv6 addresses
    'fe80::85d:e82c:9446:7994', 128,     // 128-bit netmask is used
    'fe80::85d:e82c:9446:7994/120', 124, // 120-bit netmask is used
    // IPv6 with IPv4 notation
    '::192.168.255.255', 128,  // 128-bit netmask is used
    '::192.168.255.255/24', 128,  // 120-bit netmask is used, as IPv4 address doesn't use upper 8 bits
]
| extend ip6_canonical = parse_ipv6_mask(ip_string, netmask)`,
    output: `
|ip_string|netmask|ip6_canonical|
|---|---|---|
|192.168.255.255|120|0000:0000:0000:0000:0000:ffff:c0a8:ff00|
|192.168.255.255/24|124|0000:0000:0000:0000:0000:ffff:c0a8:ff00|
|255.255.255.255|128|0000:0000:0000:0000:0000:ffff:ffff:ffff|
|fe80::85d:e82c:9446:7994|128|fe80:0000:0000:0000:085d:e82c:9446:7994|
|fe80::85d:e82c:9446:7994/120|124|fe80:0000:0000:0000:085d:e82c:9446:7900|
|::192.168.255.255|128|0000:0000:0000:0000:0000:ffff:c0a8:ffff|
|::192.168.255.255/24|128|0000:0000:0000:0000:0000:ffff:c0a8:ff00|
`,
  },
]);
