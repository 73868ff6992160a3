// Conformance with the examples of Microsoft's Kusto documentation (geo); see harness.ts.
import { docCases } from './harness.ts';

docCases('geo', [
  {
    page: 'geo-angle-function.md',
    name: "#1 The following example calculates the angle in radians.",
    query: `print angle_in_radians = geo_angle(0, 10, 0,5, 3,-10)`,
    unsupported: "the function geo_angle() is not supported by trailhound",
  },
  {
    page: 'geo-angle-function.md',
    name: "#2 The following example calculates the angle in degrees.",
    query: `let angle_in_radians = geo_angle(0, 10, 0,5, 3,-10);
print angle_in_degrees = degrees(angle_in_radians)`,
    unsupported: "the function geo_angle() is not supported by trailhound",
  },
  {
    page: 'geo-angle-function.md',
    name: "#3 The following example returns null because 1st point equals to 2nd point.",
    query: `print is_null = isnull(geo_angle(0, 10, 0, 10, 3, -10))`,
    unsupported: "the function geo_angle() is not supported by trailhound",
  },
  {
    page: 'geo-azimuth-function.md',
    name: "#1 The following example calculates azimuth in radians.",
    query: `print azimuth_in_radians = geo_azimuth(5, 10, 10, -40)`,
    unsupported: "the function geo_azimuth() is not supported by trailhound",
  },
  {
    page: 'geo-azimuth-function.md',
    name: "#2 The following example calculates azimuth in degrees.",
    query: `let azimuth_in_radians = geo_azimuth(5, 10, 10, -40);
print azimuth_in_degrees = degrees(azimuth_in_radians);`,
    unsupported: "the function geo_azimuth() is not supported by trailhound",
  },
  {
    page: 'geo-azimuth-function.md',
    name: "#4 The following example returns `true` because the first point equals the second point.",
    query: `print is_null = isnull(geo_azimuth(5, 10, 5, 10))`,
    unsupported: "the function geo_azimuth() is not supported by trailhound",
  },
  {
    page: 'geo-closest-point-on-line-function.md',
    name: "#1 The following example finds the point on a road which is the closest to North Las Vegas Airport.",
    query: `print point_on_line = geo_closest_point_on_line(-115.199625, 36.210419, dynamic({ "type":"LineString","coordinates":[[-115.115385,36.229195],[-115.136995,36.200366],[-115.140252,36.192470],[-115.143558,36.188523],[-115.144076,36.181954],[-115.154662,36.174483],[-115.166431,36.176388],[-115.183289,36.175007],[-115.192612,36.176736],[-115.202485,36.173439],[-115.225355,36.174365]]}))`,
    unsupported: "the function geo_closest_point_on_line() is not supported by trailhound",
  },
  {
    page: 'geo-closest-point-on-line-function.md',
    name: "#2 The following example returns a null result because of the invalid LineString input.",
    query: `print isnull(geo_closest_point_on_line(1,1, dynamic({ "type":"LineString"})))`,
    unsupported: "the function geo_closest_point_on_line() is not supported by trailhound",
  },
  {
    page: 'geo-closest-point-on-line-function.md',
    name: "#3 The following example returns a null result because of the invalid coordinate input.",
    query: `print result = isnull(geo_closest_point_on_line(300, 3, dynamic({ "type":"LineString","coordinates":[[1,1],[2,2]]})))`,
    unsupported: "the function geo_closest_point_on_line() is not supported by trailhound",
  },
  {
    page: 'geo-closest-point-on-polygon-function.md',
    name: "#1 The following example calculates a location in Central Park which is the closest to a given point.",
    query: `let central_park = dynamic({"type":"Polygon","coordinates":[[[-73.9495,40.7969],[-73.95807266235352,40.80068603561921],[-73.98201942443848,40.76825672305777],[-73.97317886352539,40.76455136505513],[-73.9495,40.7969]]]});
print geo_closest_point_on_polygon(-73.9839, 40.7705, central_park)`,
    unsupported: "the function geo_closest_point_on_polygon() is not supported by trailhound",
  },
  {
    page: 'geo-closest-point-on-polygon-function.md',
    name: "#2 The following example returns a null result because of the invalid coordinate input.",
    query: `print result = isnull(geo_closest_point_on_polygon(500,1,dynamic({"type": "Polygon","coordinates": [[[0,0],[10,10],[10,1],[0,0]]]})))`,
    unsupported: "the function geo_closest_point_on_polygon() is not supported by trailhound",
  },
  {
    page: 'geo-closest-point-on-polygon-function.md',
    name: "#3 The following example returns a null result because of the invalid polygon input.",
    query: `print result = isnull(geo_closest_point_on_polygon(1,1,dynamic({"type": "Polygon","coordinates": [[[0,0],[10,10],[10,10],[0,0]]]})))`,
    unsupported: "the function geo_closest_point_on_polygon() is not supported by trailhound",
  },
  {
    page: 'geo-distance-2points-function.md',
    name: "#1 The following example finds the shortest distance between Seattle and Los Angeles.",
    query: `print distance_in_meters = geo_distance_2points(-122.407628, 47.578557, -118.275287, 34.019056)`,
    unsupported: "the function geo_distance_2points() is not supported by trailhound",
  },
  {
    page: 'geo-distance-2points-function.md',
    name: "#4 The following example returns a null result because of the invalid coordinate input.",
    query: `print distance = geo_distance_2points(300,1,1,1)`,
    unsupported: "the function geo_distance_2points() is not supported by trailhound",
  },
  {
    page: 'geo-distance-point-to-line-function.md',
    name: "#1 The following example finds the shortest distance between North Las Vegas Airport and a nearby road.",
    query: `print distance_in_meters = geo_distance_point_to_line(-115.199625, 36.210419, dynamic({ "type":"LineString","coordinates":[[-115.115385,36.229195],[-115.136995,36.200366],[-115.140252,36.192470],[-115.143558,36.188523],[-115.144076,36.181954],[-115.154662,36.174483],[-115.166431,36.176388],[-115.183289,36.175007],[-115.192612,36.176736],[-115.202485,36.173439],[-115.225355,36.174365]]}))`,
    unsupported: "the function geo_distance_point_to_line() is not supported by trailhound",
  },
  {
    page: 'geo-distance-point-to-line-function.md',
    name: "#5 The following example returns a null result because of the invalid LineString input.",
    query: `print distance_in_meters = geo_distance_point_to_line(1,1, dynamic({ "type":"LineString"}))`,
    unsupported: "the function geo_distance_point_to_line() is not supported by trailhound",
  },
  {
    page: 'geo-distance-point-to-line-function.md',
    name: "#6 The following example returns a null result because of the invalid coordinate input.",
    query: `print distance_in_meters = geo_distance_point_to_line(300, 3, dynamic({ "type":"LineString","coordinates":[[1,1],[2,2]]}))`,
    unsupported: "the function geo_distance_point_to_line() is not supported by trailhound",
  },
  {
    page: 'geo-distance-point-to-polygon-function.md',
    name: "#1 The following example calculates shortest distance in meters from some location in NYC to Central Park.",
    query: `let central_park = dynamic({"type":"Polygon","coordinates":[[[-73.9495,40.7969],[-73.95807266235352,40.80068603561921],[-73.98201942443848,40.76825672305777],[-73.97317886352539,40.76455136505513],[-73.9495,40.7969]]]});
print geo_distance_point_to_polygon(-73.9839, 40.7705, central_park)`,
    unsupported: "the function geo_distance_point_to_polygon() is not supported by trailhound",
  },
  {
    page: 'geo-distance-point-to-polygon-function.md',
    name: "#2 The following example enriches the data with distance.",
    query: `let multipolygon = dynamic({"type":"MultiPolygon","coordinates":[[[[-73.991460000000131,40.731738000000206],[-73.992854491775518,40.730082566051351],[-73.996772,40.725432000000154],[-73.997634685522883,40.725786309886963],[-74.002855946639244,40.728346630056791],[-74.001413,40.731065000000207],[-73.996796995070824,40.73736378205173],[-73.991724524037934,40.735245208931886],[-73.990703782359589,40.734781896080477],[-73.991460000000131,40.731738000000206]]],[[[-73.958357552055688,40.800369095633819],[-73.98143901556422,40.768762584141953],[-73.981548752788598,40.7685590292784],[-73.981565335901905,40.768307084720796],[-73.981754418060945,40.768399727738668],[-73.982038573548124,40.768387823012056],[-73.982268248204349,40.768298621883247],[-73.982384797518051,40.768097213086911],[-73.982320919746599,40.767894461792181],[-73.982155532845766,40.767756204474757],[-73.98238873834039,40.767411004834273],[-73.993650353659021,40.772145571634361],[-73.99415893763998,40.772493009137818],[-73.993831082030937,40.772931787850908],[-73.993891252437052,40.772955194876722],[-73.993962585514595,40.772944653908901],[-73.99401262480508,40.772882846631894],[-73.994122058082397,40.77292405902601],[-73.994136652588594,40.772901870174394],[-73.994301342391154,40.772970028663913],[-73.994281535134448,40.77299380206933],[-73.994376552751078,40.77303955110149],[-73.994294029824005,40.773156243992048],[-73.995023275860802,40.773481196576356],[-73.99508939189289,40.773388475039134],[-73.995013963716758,40.773358035426909],[-73.995050284699261,40.773297153189958],[-73.996240651898916,40.773789791397689],[-73.996195837470992,40.773852356184044],[-73.996098807369748,40.773951805299085],[-73.996179459973888,40.773986954351571],[-73.996095245226442,40.774086186437756],[-73.995572265161172,40.773870731394297],[-73.994017424135961,40.77321375261053],[-73.993935876811335,40.773179512586211],[-73.993861942928888,40.773269531698837],[-73.993822393527211,40.773381758622882],[-73.993767019318497,40.773483981224835],[-73.993698463744295,40.773562141052594],[-73.993358326468751,40.773926888327956],[-73.992622663865575,40.774974056037109],[-73.992577842766124,40.774956016359418],[-73.992527743951555,40.775002110439829],[-73.992469745815342,40.775024159551755],[-73.992403837191887,40.775018140390664],[-73.99226708903538,40.775116033858794],[-73.99217809026365,40.775279293897171],[-73.992059084937338,40.775497598192516],[-73.992125372394938,40.775509075053385],[-73.992226867797001,40.775482211026116],[-73.992329346608813,40.775468900958522],[-73.992361756801131,40.775501899766638],[-73.992386042960277,40.775557180424634],[-73.992087684712729,40.775983970821372],[-73.990927174149746,40.777566878763238],[-73.99039616003671,40.777585065679204],[-73.989461267506471,40.778875124584417],[-73.989175778438053,40.779287524015778],[-73.988868617400072,40.779692922911607],[-73.988871874499793,40.779713738253008],[-73.989219022880576,40.779697895209402],[-73.98927785904425,40.779723439271038],[-73.989409054180143,40.779737706471963],[-73.989498614927044,40.779725044389757],[-73.989596493388234,40.779698146683387],[-73.989679812902509,40.779677568658038],[-73.989752702937935,40.779671244211556],[-73.989842247806507,40.779680752670664],[-73.990040102120489,40.779707677698219],[-73.990137977524839,40.779699769704784],[-73.99033584033225,40.779661794394983],[-73.990430598697046,40.779664973055503],[-73.990622199396725,40.779676064914298],[-73.990745069505479,40.779671328184051],[-73.990872114282197,40.779646007643876],[-73.990961672224358,40.779639683751753],[-73.991057472829539,40.779652352625774],[-73.991157429497036,40.779669775606465],[-73.991242817404469,40.779671367084504],[-73.991255318289745,40.779650782516491],[-73.991294887120119,40.779630209208889],[-73.991321967649895,40.779631796041372],[-73.991359455569423,40.779585883337383],[-73.991551059227476,40.779574821437407],[-73.99141982585985,40.779755280287233],[-73.988886144117032,40.779878898532999],[-73.988939656706265,40.779956178440393],[-73.988926103530844,40.780059292013632],[-73.988911680264692,40.780096037146606],[-73.988919261468567,40.780226094343945],[-73.988381050202634,40.780981074045783],[-73.988232413846987,40.781233144215555],[-73.988210420831663,40.781225482542055],[-73.988140000000143,40.781409000000224],[-73.988041288067166,40.781585961353777],[-73.98810029382463,40.781602878305286],[-73.988076449145055,40.781650935001608],[-73.988018059972219,40.781634188810422],[-73.987960792842145,40.781770987031535],[-73.985465811970457,40.785360700575431],[-73.986172704965611,40.786068452258647],[-73.986455862401996,40.785919219081421],[-73.987072345615601,40.785189638820121],[-73.98711901394276,40.785210319004058],[-73.986497781023601,40.785951202887254],[-73.986164628806279,40.786121882448327],[-73.986128422486075,40.786239001331111],[-73.986071135219746,40.786240706026611],[-73.986027274789123,40.786228964236727],[-73.986097637849426,40.78605822569795],[-73.985429321269592,40.785413942184597],[-73.985081137732209,40.785921935110366],[-73.985198833254501,40.785966552197777],[-73.985170502389906,40.78601333415817],[-73.985216218673656,40.786030501816427],[-73.98525509797993,40.785976205511588],[-73.98524273937646,40.785972572653328],[-73.98524962933017,40.785963139855845],[-73.985281779186749,40.785978620950075],[-73.985240032884533,40.786035858136792],[-73.985683885242182,40.786222123919686],[-73.985717529004575,40.786175994668795],[-73.985765660297687,40.786196274858618],[-73.985682871922691,40.786309786213067],[-73.985636270930442,40.786290150649279],[-73.985670722564691,40.786242911993817],[-73.98520511880038,40.786047669212785],[-73.985211035607492,40.786039554883686],[-73.985162639946992,40.786020999769754],[-73.985131636312062,40.786060297019972],[-73.985016964065125,40.78601423719563],[-73.984655078830457,40.786534741807841],[-73.985743787901043,40.786570082854738],[-73.98589227228328,40.786426529019593],[-73.985942854994988,40.786452847880334],[-73.985949561556794,40.78648711396653],[-73.985812373526713,40.786616865357047],[-73.985135209703174,40.78658761889551],[-73.984619428584324,40.786586016349787],[-73.981952458164173,40.790393724337193],[-73.972823037363767,40.803428052816756],[-73.971036786332192,40.805918478839672],[-73.966701,40.804169000000186],[-73.959647,40.801156000000113],[-73.958508540159471,40.800682279767472],[-73.95853274080838,40.800491362464697],[-73.958357552055688,40.800369095633819]]],[[[-73.943592454622546,40.782747908206574],[-73.943648235390199,40.782656161333449],[-73.943870759887162,40.781273026571704],[-73.94345932494096,40.780048275653243],[-73.943213862652243,40.779317588660199],[-73.943004239504688,40.779639495474292],[-73.942716005450905,40.779544169476175],[-73.942712374762181,40.779214856940001],[-73.942535563208608,40.779090956062532],[-73.942893408188027,40.778614093246276],[-73.942438481745029,40.777315235766039],[-73.942244919522594,40.777104088947254],[-73.942074188038887,40.776917846977142],[-73.942002667222781,40.776185317382648],[-73.942620205199006,40.775180871576474],[-73.94285645694552,40.774796600349191],[-73.94293043781397,40.774676268036011],[-73.945870899588215,40.771692257932997],[-73.946618690150586,40.77093339256956],[-73.948664164778933,40.768857624399587],[-73.950069793030679,40.767025088383498],[-73.954418260786071,40.762184104951245],[-73.95650786241211,40.760285256574043],[-73.958787773424007,40.758213471309809],[-73.973015157270069,40.764278692864671],[-73.955760332998182,40.787906554459667],[-73.944023,40.782960000000301],[-73.943592454622546,40.782747908206574]]]]});
let coordinates = 
    datatable(longitude:real, latitude:real, description:string)
    [
        real(-73.9741), 40.7914, 'Upper West Side',
        real(-73.9950), 40.7340, 'Greenwich Village',
        real(-73.8743), 40.7773, 'LaGuardia Airport',
    ];
coordinates
| extend distance = geo_distance_point_to_polygon(longitude, latitude, multipolygon)`,
    unsupported: "the function geo_distance_point_to_polygon() is not supported by trailhound",
  },
  {
    page: 'geo-distance-point-to-polygon-function.md',
    name: "#4 The following example will return a null result because of the invalid coordinate input.",
    query: `print distance = geo_distance_point_to_polygon(500,1,dynamic({"type": "Polygon","coordinates": [[[0,0],[10,10],[10,1],[0,0]]]}))`,
    unsupported: "the function geo_distance_point_to_polygon() is not supported by trailhound",
  },
  {
    page: 'geo-distance-point-to-polygon-function.md',
    name: "#5 The following example will return a null result because of the invalid polygon input.",
    query: `print distance = geo_distance_point_to_polygon(1,1,dynamic({"type": "Polygon","coordinates": [[[0,0],[10,10],[10,10],[0,0]]]}))`,
    unsupported: "the function geo_distance_point_to_polygon() is not supported by trailhound",
  },
  {
    page: 'geo-from-wkt-function.md',
    name: "#1 The following example converts point from WKT format to GeoJSON format.",
    query: `print point = geo_from_wkt("POINT (1 2)");`,
    unsupported: "the function geo_from_wkt() is not supported by trailhound",
  },
  {
    page: 'geo-from-wkt-function.md',
    name: "#2 The following example converts line from WKT format to GeoJSON format.",
    query: `print line = geo_from_wkt("LINESTRING (1 2, 3 4)");`,
    unsupported: "the function geo_from_wkt() is not supported by trailhound",
  },
  {
    page: 'geo-from-wkt-function.md',
    name: "#3 The following example converts polygon from WKT format to GeoJSON format",
    query: `print polygon = geo_from_wkt("POLYGON ((0 0, 2 0, 2 2, 0 0))");`,
    unsupported: "the function geo_from_wkt() is not supported by trailhound",
  },
  {
    page: 'geo-from-wkt-function.md',
    name: "#4 The following example converts multipoint from WKT format to GeoJSON format.",
    query: `print multipoint = geo_from_wkt("MULTIPOINT (1 1, 2 2, 3 3)");`,
    unsupported: "the function geo_from_wkt() is not supported by trailhound",
  },
  {
    page: 'geo-from-wkt-function.md',
    name: "#5 The following example converts multiline from WKT format to GeoJSON format.",
    query: `print multiline = geo_from_wkt("MULTILINESTRING ((1 1, 2 2, 3 3), (4 4, 5 5))");`,
    unsupported: "the function geo_from_wkt() is not supported by trailhound",
  },
  {
    page: 'geo-from-wkt-function.md',
    name: "#6 The following example converts multipolygon from WKT format to GeoJSON format.",
    query: `print multipolygon = geo_from_wkt("MULTIPOLYGON (((0 0, 2 0, 2 2, 0 0)),((10 10, 12 10, 12 12, 10 10)))");`,
    unsupported: "the function geo_from_wkt() is not supported by trailhound",
  },
  {
    page: 'geo-from-wkt-function.md',
    name: "#7 The following example converts geometry collection from WKT format to GeoJSON format.",
    query: `print geometry_collection = geo_from_wkt("GEOMETRYCOLLECTION (POINT (1 1),LINESTRING (2 2, 3 3, 4 4),POLYGON ((10 10, 12 10, 12 12, 10 10)))");`,
    unsupported: "the function geo_from_wkt() is not supported by trailhound",
  },
  {
    page: 'geo-from-wkt-function.md',
    name: "#8 The following example returns a null result because of the invalid WKT string.",
    query: `print result = isnull(geo_from_wkt("LINESTRING"))`,
    unsupported: "the function geo_from_wkt() is not supported by trailhound",
  },
  {
    page: 'geo-geohash-neighbors-function.md',
    name: "#1 The following example calculates Geohash neighbors.",
    query: `print neighbors = geo_geohash_neighbors('sunny')`,
    unsupported: "the function geo_geohash_neighbors() is not supported by trailhound",
  },
  {
    page: 'geo-geohash-neighbors-function.md',
    name: "#2 The following example calculates an array of input Geohash with its neighbors.",
    query: `let geohash = 'sunny';
print cells = array_concat(pack_array(geohash), geo_geohash_neighbors(geohash))`,
    unsupported: "the function geo_geohash_neighbors() is not supported by trailhound",
  },
  {
    page: 'geo-geohash-neighbors-function.md',
    name: "#3 The following example calculates Geohash polygons GeoJSON geometry collection.",
    query: `let geohash = 'sunny';
print cells = array_concat(pack_array(geohash), geo_geohash_neighbors(geohash))
| mv-expand cells to typeof(string)
| project polygons = geo_geohash_to_polygon(cells)
| summarize arr = make_list(polygons)
| project geojson = bag_pack("type", "Feature","geometry", bag_pack("type", "GeometryCollection", "geometries", arr), "properties", bag_pack("name", "polygons"))`,
    unsupported: "the function geo_geohash_neighbors() is not supported by trailhound",
  },
  {
    page: 'geo-geohash-neighbors-function.md',
    name: "#4 The following example calculates polygon unions that represent Geohash and its neighbors.",
    query: `let h3cell = 'sunny';
print cells = array_concat(pack_array(h3cell), geo_geohash_neighbors(h3cell))
| mv-expand cells to typeof(string)
| project polygons = geo_geohash_to_polygon(cells)
| summarize arr = make_list(polygons)
| project polygon = geo_union_polygons_array(arr)`,
    unsupported: "the function geo_geohash_neighbors() is not supported by trailhound",
  },
  {
    page: 'geo-geohash-neighbors-function.md',
    name: "#5 The following example returns true because of the invalid Geohash token input.",
    query: `print invalid = isnull(geo_geohash_neighbors('a'))`,
    unsupported: "the function geo_geohash_neighbors() is not supported by trailhound",
  },
  {
    page: 'geo-geohash-to-central-point-function.md',
    name: "#1 The following example calculates the geospatial coordinates that represent the center of a geohash rectangular",
    query: `print point = geo_geohash_to_central_point("sunny")
| extend coordinates = point.coordinates
| extend longitude = coordinates[0], latitude = coordinates[1]`,
    unsupported: "the function geo_geohash_to_central_point() is not supported by trailhound",
  },
  {
    page: 'geo-geohash-to-central-point-function.md',
    name: "#2 The following example returns a null result because of the invalid geohash input.",
    query: `print geohash = geo_geohash_to_central_point("a")`,
    unsupported: "the function geo_geohash_to_central_point() is not supported by trailhound",
  },
  {
    page: 'geo-geohash-to-central-point-function.md',
    name: "#3 You can use the geohash value to create a deep-link URL to Bing Maps by pointing to the geohash center point:",
    query: `// Use string concatenation to create Bing Map deep-link URL from a geo-point
let point_to_map_url = (_point:dynamic, _title:string) 
{
    strcat('https://www.bing.com/maps?sp=point.', _point.coordinates[1] ,'_', _point.coordinates[0], '_', url_encode(_title)) 
};
// Convert geohash to center point, and then use 'point_to_map_url' to create Bing Map deep-link
let geohash_to_map_url = (_geohash:string, _title:string)
{
    point_to_map_url(geo_geohash_to_central_point(_geohash), _title)
};
print geohash = 'sv8wzvy7'
| extend url = geohash_to_map_url(geohash, "You are here")`,
    unsupported: "the function geo_geohash_to_central_point() is not supported by trailhound",
  },
  {
    page: 'geo-geohash-to-polygon-function.md',
    name: "#1 The following example calculates the polygon that represents the geohash rectangular area.",
    query: `print GeohashPolygon = geo_geohash_to_polygon("dr5ru");`,
    unsupported: "the function geo_geohash_to_polygon() is not supported by trailhound",
  },
  {
    page: 'geo-geohash-to-polygon-function.md',
    name: "#2 The following example assembles GeoJSON geometry collection of geohash polygons.",
    query: `// Geohash GeoJSON collection
datatable(lng:real, lat:real)
[
    -73.975212, 40.789608,
    -73.916869, 40.818314,
    -73.989148, 40.743273,
]
| project geohash = geo_point_to_geohash(lng, lat, 5)
| project geohash_polygon = geo_geohash_to_polygon(geohash)
| summarize geohash_polygon_lst = make_list(geohash_polygon)
| project bag_pack(
    "type", "Feature",
    "geometry", bag_pack("type", "GeometryCollection", "geometries", geohash_polygon_lst),
    "properties", bag_pack("name", "Geohash polygons collection"))`,
    unsupported: "the function geo_point_to_geohash() is not supported by trailhound",
  },
  {
    page: 'geo-geohash-to-polygon-function.md',
    name: "#3 The following example returns a null result because of the invalid geohash input.",
    query: `print GeohashPolygon = geo_geohash_to_polygon("a");`,
    unsupported: "the function geo_geohash_to_polygon() is not supported by trailhound",
  },
  {
    page: 'geo-h3cell-children-function.md',
    name: "#1 The following example calculates the H3 cell children.",
    query: `print children = geo_h3cell_children('862a1072fffffff')`,
    unsupported: "the function geo_h3cell_children() is not supported by trailhound",
  },
  {
    page: 'geo-h3cell-children-function.md',
    name: "#2 The following example counts children 3 levels below a given cell.",
    query: `let h3_cell = '862a1072fffffff'; 
print children_count = array_length(geo_h3cell_children(h3_cell, geo_h3cell_level(h3_cell) + 3))`,
    unsupported: "the function geo_h3cell_children() is not supported by trailhound",
  },
  {
    page: 'geo-h3cell-children-function.md',
    name: "#3 The following example assembles GeoJSON geometry collection of H3 Cell children polygons.",
    query: `print children = geo_h3cell_children('862a1072fffffff')
| mv-expand children to typeof(string)
| project child = geo_h3cell_to_polygon(children)
| summarize h3_hash_polygon_lst = make_list(child)
| project geojson = bag_pack(
    "type", "Feature",
    "geometry", bag_pack("type", "GeometryCollection", "geometries", h3_hash_polygon_lst),
    "properties", bag_pack("name", "H3 polygons collection"))`,
    unsupported: "the function geo_h3cell_children() is not supported by trailhound",
  },
  {
    page: 'geo-h3cell-children-function.md',
    name: "#4 The following example returns true because of the invalid cell.",
    query: `print is_null = isnull(geo_h3cell_children('abc'))`,
    unsupported: "the function geo_h3cell_children() is not supported by trailhound",
  },
  {
    page: 'geo-h3cell-children-function.md',
    name: "#5 The following example returns true because the level difference between cell and its children is more than 5.",
    query: `print is_null = isnull(geo_h3cell_children(geo_point_to_h3cell(1, 1, 9), 15))`,
    unsupported: "the function geo_h3cell_children() is not supported by trailhound",
  },
  {
    page: 'geo-h3cell-level-function.md',
    name: "#1 The following example calculates the H3 cell resolution.",
    query: `print cell_res = geo_h3cell_level('862a1072fffffff')`,
    unsupported: "the function geo_h3cell_level() is not supported by trailhound",
  },
  {
    page: 'geo-h3cell-level-function.md',
    name: "#2 print cell_res = geo_h3cell_level(geo_point_to_h3cell(1,1,10))",
    query: `print cell_res = geo_h3cell_level(geo_point_to_h3cell(1,1,10))`,
    unsupported: "the function geo_h3cell_level() is not supported by trailhound",
  },
  {
    page: 'geo-h3cell-level-function.md',
    name: "#3 The following example returns true because of the invalid H3 Cell token input.",
    query: `print invalid_res = isnull(geo_h3cell_level('abc'))`,
    unsupported: "the function geo_h3cell_level() is not supported by trailhound",
  },
  {
    page: 'geo-h3cell-neighbors-function.md',
    name: "#1 The following example calculates H3 cell neighbors.",
    query: `print neighbors = geo_h3cell_neighbors('862a1072fffffff')`,
    unsupported: "the function geo_h3cell_neighbors() is not supported by trailhound",
  },
  {
    page: 'geo-h3cell-neighbors-function.md',
    name: "#2 The following example calculates an array of input H3 cell with its neighbors.",
    query: `let h3cell = '862a1072fffffff';
print cells = array_concat(pack_array(h3cell), geo_h3cell_neighbors(h3cell))`,
    unsupported: "the function geo_h3cell_neighbors() is not supported by trailhound",
  },
  {
    page: 'geo-h3cell-neighbors-function.md',
    name: "#3 The following example calculates H3 cells polygons GeoJSON geometry collection.",
    query: `let h3cell = '862a1072fffffff';
print cells = array_concat(pack_array(h3cell), geo_h3cell_neighbors(h3cell))
| mv-expand cells to typeof(string)
| project polygons = geo_h3cell_to_polygon(cells)
| summarize arr = make_list(polygons)
| project geojson = bag_pack("type", "Feature","geometry", bag_pack("type", "GeometryCollection", "geometries", arr), "properties", bag_pack("name", "polygons"))`,
    unsupported: "the function geo_h3cell_neighbors() is not supported by trailhound",
  },
  {
    page: 'geo-h3cell-neighbors-function.md',
    name: "#4 The following example calculates polygon unions that represent H3 cell and its neighbors.",
    query: `let h3cell = '862a1072fffffff';
print cells = array_concat(pack_array(h3cell), geo_h3cell_neighbors(h3cell))
| mv-expand cells to typeof(string)
| project polygons = geo_h3cell_to_polygon(cells)
| summarize arr = make_list(polygons)
| project polygon = geo_union_polygons_array(arr)`,
    unsupported: "the function geo_h3cell_neighbors() is not supported by trailhound",
  },
  {
    page: 'geo-h3cell-neighbors-function.md',
    name: "#5 The following example returns true because of the invalid H3 Cell token input.",
    query: `print invalid = isnull(geo_h3cell_neighbors('abc'))`,
    unsupported: "the function geo_h3cell_neighbors() is not supported by trailhound",
  },
  {
    page: 'geo-h3cell-parent-function.md',
    name: "#1 The following example calculates H3 cell parent.",
    query: `print parent_cell = geo_h3cell_parent('862a1072fffffff')`,
    unsupported: "the function geo_h3cell_parent() is not supported by trailhound",
  },
  {
    page: 'geo-h3cell-parent-function.md',
    name: "#2 The following example calculates cell parent at level 1.",
    query: `print parent_cell = geo_h3cell_parent('862a1072fffffff', 1)`,
    unsupported: "the function geo_h3cell_parent() is not supported by trailhound",
  },
  {
    page: 'geo-h3cell-parent-function.md',
    name: "#3 The following example calculates an array of input H3 cell with its parent.",
    query: `print parent_res = geo_h3cell_level(geo_h3cell_parent((geo_point_to_h3cell(1,1,10))))`,
    unsupported: "the function geo_h3cell_level() is not supported by trailhound",
  },
  {
    page: 'geo-h3cell-parent-function.md',
    name: "#4 The following example calculates H3 cell level.",
    query: `print parent_res = geo_h3cell_level(geo_h3cell_parent(geo_point_to_h3cell(1,1,10), 3))`,
    unsupported: "the function geo_h3cell_level() is not supported by trailhound",
  },
  {
    page: 'geo-h3cell-parent-function.md',
    name: "#5 The following example produces an empty result because of the invalid cell input.",
    query: `print invalid = isempty(geo_h3cell_parent('123'))`,
    unsupported: "the function geo_h3cell_parent() is not supported by trailhound",
  },
  {
    page: 'geo-h3cell-parent-function.md',
    name: "#6 The following example produces an empty result because of the invalid parent resolution.",
    query: `print invalid = isempty(geo_h3cell_parent('862a1072fffffff', 100))`,
    unsupported: "the function geo_h3cell_parent() is not supported by trailhound",
  },
  {
    page: 'geo-h3cell-parent-function.md',
    name: "#7 The following example produces an empty result because parent can't be of a higher resolution than child.",
    query: `print invalid = isempty(geo_h3cell_parent('862a1072fffffff', 15))`,
    unsupported: "the function geo_h3cell_parent() is not supported by trailhound",
  },
  {
    page: 'geo-h3cell-rings-function.md',
    name: "#1 The following example produces rings up to distance 2.",
    query: `print rings = geo_h3cell_rings('861f8894fffffff', 2)`,
    unsupported: "the function geo_h3cell_rings() is not supported by trailhound",
  },
  {
    page: 'geo-h3cell-rings-function.md',
    name: "#2 The following example produces all cells at level 1 (all neighbors).",
    query: `print neighbors = geo_h3cell_rings('861f8894fffffff', 1)[1]`,
    unsupported: "the function geo_h3cell_rings() is not supported by trailhound",
  },
  {
    page: 'geo-h3cell-rings-function.md',
    name: "#3 The following example produces list of cells from all rings.",
    query: `print rings = geo_h3cell_rings('861f8894fffffff', 1)
| mv-apply rings on 
(
  summarize cells = make_list(rings)
)`,
    unsupported: "the function geo_h3cell_rings() is not supported by trailhound",
  },
  {
    page: 'geo-h3cell-rings-function.md',
    name: "#4 The following example assembles GeoJSON geometry collection of all cells.",
    query: `print rings = geo_h3cell_rings('861f8894fffffff', 1)
| mv-apply rings on 
(
  summarize make_list(rings)
)
| mv-expand list_rings to typeof(string)
| project polygon = geo_h3cell_to_polygon(list_rings)
| summarize polygon_lst = make_list(polygon)
| project geojson = bag_pack(
    "type", "Feature",
    "geometry", bag_pack("type", "GeometryCollection", "geometries", polygon_lst),
    "properties", bag_pack("name", "H3 polygons collection"))`,
    unsupported: "the function geo_h3cell_rings() is not supported by trailhound",
  },
  {
    page: 'geo-h3cell-rings-function.md',
    name: "#5 The following example returns true because of the invalid cell.",
    query: `print is_null = isnull(geo_h3cell_rings('abc', 3))`,
    unsupported: "the function geo_h3cell_rings() is not supported by trailhound",
  },
  {
    page: 'geo-h3cell-rings-function.md',
    name: "#6 The following example returns true because of the invalid distance.",
    query: `print is_null = isnull(geo_h3cell_rings('861f8894fffffff', 150))`,
    unsupported: "the function geo_h3cell_rings() is not supported by trailhound",
  },
  {
    page: 'geo-h3cell-to-central-point-function.md',
    name: "#1 The following example produces the geospatial coordinates that represent the center of an H3 cell.",
    query: `print h3cell = geo_h3cell_to_central_point("862a1072fffffff")`,
    unsupported: "the function geo_h3cell_to_central_point() is not supported by trailhound",
  },
  {
    page: 'geo-h3cell-to-central-point-function.md',
    name: "#2 The following example returns the longitude of the H3 Cell center point:",
    query: `print longitude = geo_h3cell_to_central_point("862a1072fffffff").coordinates[0]`,
    unsupported: "the function geo_h3cell_to_central_point() is not supported by trailhound",
  },
  {
    page: 'geo-h3cell-to-central-point-function.md',
    name: "#3 The following example returns a null result because of the invalid H3 cell token input.",
    query: `print h3cell = geo_h3cell_to_central_point("1")`,
    unsupported: "the function geo_h3cell_to_central_point() is not supported by trailhound",
  },
  {
    page: 'geo-h3cell-to-polygon-function.md',
    name: "#1 The following example produces the polygon that represents the H3 Cell rectangular area.",
    query: `print geo_h3cell_to_polygon("862a1072fffffff")`,
    unsupported: "the function geo_h3cell_to_polygon() is not supported by trailhound",
  },
  {
    page: 'geo-h3cell-to-polygon-function.md',
    name: "#2 The following example assembles GeoJSON geometry collection of H3 Cell polygons.",
    query: `// H3 cell GeoJSON collection
datatable(lng:real, lat:real)
[
    -73.956683, 40.807907,
    -73.916869, 40.818314,
    -73.989148, 40.743273,
]
| project h3_hash = geo_point_to_h3cell(lng, lat, 6)
| project h3_hash_polygon = geo_h3cell_to_polygon(h3_hash)
| summarize h3_hash_polygon_lst = make_list(h3_hash_polygon)
| project bag_pack(
    "type", "Feature",
    "geometry", bag_pack("type", "GeometryCollection", "geometries", h3_hash_polygon_lst),
    "properties", bag_pack("name", "H3 polygons collection"))`,
    unsupported: "the function geo_point_to_h3cell() is not supported by trailhound",
  },
  {
    page: 'geo-h3cell-to-polygon-function.md',
    name: "#3 The following example returns a null result because of the invalid H3 Cell token input.",
    query: `print geo_h3cell_to_polygon("@")`,
    unsupported: "the function geo_h3cell_to_polygon() is not supported by trailhound",
  },
  {
    page: 'geo-info-from-ip-address-function.md',
    name: "#1 The following example retrieves geolocation information about the specified IPv4 address.",
    query: `print ip_location=geo_info_from_ip_address('20.53.203.50')`,
    unsupported: "the function geo_info_from_ip_address() is not supported by trailhound",
  },
  {
    page: 'geo-info-from-ip-address-function.md',
    name: "#2 The following example retrieves geolocation information about the specified IPv6 address.",
    query: `print ip_location=geo_info_from_ip_address('2a03:2880:f12c:83:face:b00c::25de')`,
    unsupported: "the function geo_info_from_ip_address() is not supported by trailhound",
  },
  {
    page: 'geo-intersection-2lines-function.md',
    name: "#1 The following example calculates intersection between two lines. In this case, the result is a point.",
    query: `let lineString1 = dynamic({"type":"LineString","coordinates":[[-73.978929,40.785155],[-73.980903,40.782621]]});
let lineString2 = dynamic({"type":"LineString","coordinates":[[-73.985195,40.788275],[-73.974552,40.779761]]});
print intersection = geo_intersection_2lines(lineString1, lineString2)`,
    unsupported: "the function geo_intersection_2lines() is not supported by trailhound",
  },
  {
    page: 'geo-intersection-2lines-function.md',
    name: "#2 The following example calculates intersection between two lines. In this case, the result is a line.",
    query: `let line = dynamic({"type":"LineString","coordinates":[[-73.978929,40.785155],[-73.980903,40.782621]]});
print intersection = geo_intersection_2lines(line, line)`,
    unsupported: "the function geo_intersection_2lines() is not supported by trailhound",
  },
  {
    page: 'geo-intersection-2lines-function.md',
    name: "#3 The following two lines don't intersect.",
    query: `let lineString1 = dynamic({"type":"LineString","coordinates":[[1, 1],[2, 2]]});
let lineString2 = dynamic({"type":"LineString","coordinates":[[3, 3],[4, 4]]});
print intersection = geo_intersection_2lines(lineString1, lineString2)`,
    unsupported: "the function geo_intersection_2lines() is not supported by trailhound",
  },
  {
    page: 'geo-intersection-2lines-function.md',
    name: "#4 The following example will return a null result because one of lines is invalid.",
    query: `let lineString1 = dynamic({"type":"LineString","coordinates":[[1, 1],[2, 2]]});
let lineString2 = dynamic({"type":"LineString","coordinates":[[3, 3]]});
print invalid = isnull(geo_intersection_2lines(lineString1, lineString2))`,
    unsupported: "the function geo_intersection_2lines() is not supported by trailhound",
  },
  {
    page: 'geo-intersection-2polygons-function.md',
    name: "#1 The following example calculates intersection between two polygons. In this case, the result is a polygon.",
    query: `let polygon1 = dynamic({"type":"Polygon","coordinates":[[[-73.9630937576294,40.77498840732385],[-73.963565826416,40.774383111780914],[-73.96205306053162,40.773745311181585],[-73.96160781383514,40.7743912365898],[-73.9630937576294,40.77498840732385]]]});
let polygon2 = dynamic({"type":"Polygon","coordinates":[[[-73.96213352680206,40.775045280447145],[-73.9631313085556,40.774578106920345],[-73.96207988262177,40.77416780398293],[-73.96213352680206,40.775045280447145]]]});
print intersection = geo_intersection_2polygons(polygon1, polygon2)`,
    unsupported: "the function geo_intersection_2polygons() is not supported by trailhound",
  },
  {
    page: 'geo-intersection-2polygons-function.md',
    name: "#2 The following example calculates intersection between two polygons. In this case, the result is a point.",
    query: `let polygon1 = dynamic({"type":"Polygon","coordinates":[[[2,45],[0,45],[1,44],[2,45]]]});
let polygon2 = dynamic({"type":"Polygon","coordinates":[[[3,44],[2,45],[2,43],[3,44]]]});
print intersection = geo_intersection_2polygons(polygon1, polygon2)`,
    unsupported: "the function geo_intersection_2polygons() is not supported by trailhound",
  },
  {
    page: 'geo-intersection-2polygons-function.md',
    name: "#3 The following two polygons intersection is a collection.",
    query: `let polygon1 = dynamic({"type":"Polygon","coordinates":[[[2,45],[0,45],[1,44],[2,45]]]});
let polygon2 = dynamic({"type":"MultiPolygon","coordinates":[[[[3,44],[2,45],[2,43],[3,44]]],[[[1.192,45.265],[1.005,44.943],[1.356,44.937],[1.192,45.265]]]]});
print intersection = geo_intersection_2polygons(polygon1, polygon2)`,
    unsupported: "the function geo_intersection_2polygons() is not supported by trailhound",
  },
  {
    page: 'geo-intersection-2polygons-function.md',
    name: "#4 The following two polygons don't intersect.",
    query: `let polygon1 = dynamic({"type":"Polygon","coordinates":[[[2,45],[0,45],[1,44],[2,45]]]});
let polygon2 = dynamic({"type":"Polygon","coordinates":[[[3,44],[3,45],[2,43],[3,44]]]});
print intersection = geo_intersection_2polygons(polygon1, polygon2)`,
    unsupported: "the function geo_intersection_2polygons() is not supported by trailhound",
  },
  {
    page: 'geo-intersection-2polygons-function.md',
    name: "#6 The following example will return a null result because one of the polygons is invalid.",
    query: `let central_park_polygon = dynamic({"type":"Polygon","coordinates":[[[-73.9495,40.7969],[-73.95807266235352,40.80068603561921],[-73.98201942443848,40.76825672305777],[-73.97317886352539,40.76455136505513],[-73.9495,40.7969]]]});
let invalid_polygon = dynamic({"type":"Polygon"});
print isnull(geo_intersection_2polygons(invalid_polygon, central_park_polygon))`,
    unsupported: "the function geo_intersection_2polygons() is not supported by trailhound",
  },
  {
    page: 'geo-intersection-line-with-polygon-function.md',
    name: "#1 The following example calculates intersection between line and polygon. In this case, the result is a line.",
    query: `let lineString = dynamic({"type":"LineString","coordinates":[[-73.985195,40.788275],[-73.974552,40.779761]]});
let polygon = dynamic({"type":"Polygon","coordinates":[[[-73.9712905883789,40.78580561168767],[-73.98004531860352,40.775276834803655],[-73.97000312805176,40.77852663535664],[-73.9712905883789,40.78580561168767]]]});
print intersection = geo_intersection_line_with_polygon(lineString, polygon)`,
    unsupported: "the function geo_intersection_line_with_polygon() is not supported by trailhound",
  },
  {
    page: 'geo-intersection-line-with-polygon-function.md',
    name: "#2 The following example calculates intersection between line and polygon. In this case, the result is a multilin",
    query: `let lineString = dynamic({"type":"LineString","coordinates":[[-110.522, 39.198],[-91.428, 40.880]]});
let polygon = dynamic({"type":"Polygon","coordinates":[[[-90.263,36.738],[-102.041,45.274],[-109.335,36.527],[-90.263,36.738]],[[-100.393,41.705],[-103.139,38.925],[-97.558,39.113],[-100.393,41.705]]]});
print intersection = geo_intersection_line_with_polygon(lineString, polygon)`,
    unsupported: "the function geo_intersection_line_with_polygon() is not supported by trailhound",
  },
  {
    page: 'geo-intersection-line-with-polygon-function.md',
    name: "#3 The following line and polygon don't intersect.",
    query: `let lineString = dynamic({"type":"LineString","coordinates":[[1, 1],[2, 2]]});
let polygon = dynamic({"type":"Polygon","coordinates":[[[-73.9712905883789,40.78580561168767],[-73.98004531860352,40.775276834803655],[-73.97000312805176,40.77852663535664],[-73.9712905883789,40.78580561168767]]]});
print intersection = geo_intersection_line_with_polygon(lineString, polygon)`,
    unsupported: "the function geo_intersection_line_with_polygon() is not supported by trailhound",
  },
  {
    page: 'geo-intersection-line-with-polygon-function.md',
    name: "#6 The following example will return a null result because the LineString is invalid.",
    query: `let lineString = dynamic({"type":"LineString","coordinates":[[-73.985195,40.788275]]});
let polygon = dynamic({"type":"Polygon","coordinates":[[[-73.95768642425537,40.80065354924362],[-73.9582872390747,40.80089719667298],[-73.95869493484497,40.80050736035672],[-73.9580512046814,40.80019873831593],[-73.95768642425537,40.80065354924362]]]});
print is_invalid = isnull(geo_intersection_2lines(lineString, polygon))`,
    unsupported: "the function geo_intersection_2lines() is not supported by trailhound",
  },
  {
    page: 'geo-intersection-line-with-polygon-function.md',
    name: "#7 The following example will return a null result because the polygon is invalid.",
    query: `let lineString = dynamic({"type":"LineString","coordinates":[[-73.97159099578857,40.794513338780895],[-73.96738529205322,40.792758888618756],[-73.96978855133057,40.789769718601505]]});
let polygon = dynamic({"type":"Polygon","coordinates":[]});
print is_invalid = isnull(geo_intersection_2lines(lineString, polygon))`,
    unsupported: "the function geo_intersection_2lines() is not supported by trailhound",
  },
  {
    page: 'geo-intersects-2lines-function.md',
    name: "#1 The following example checks whether some two literal lines intersects.",
    query: `let lineString1 = dynamic({"type":"LineString","coordinates":[[-73.978929,40.785155],[-73.980903,40.782621]]});
let lineString2 = dynamic({"type":"LineString","coordinates":[[-73.985195,40.788275],[-73.974552,40.779761]]});
print intersects = geo_intersects_2lines(lineString1, lineString2)`,
    unsupported: "the function geo_intersects_2lines() is not supported by trailhound",
  },
  {
    page: 'geo-intersects-2lines-function.md',
    name: "#3 The following example will return a null result because one of lines is invalid.",
    query: `let lineString1 = dynamic({"type":"LineString","coordinates":[[-73.978929,40.785155],[-73.980903,40.782621]]});
let lineString2 = dynamic({"type":"LineString","coordinates":[[-73.985195,40.788275]]});
print isnull(geo_intersects_2lines(lineString1, lineString2))`,
    unsupported: "the function geo_intersects_2lines() is not supported by trailhound",
  },
  {
    page: 'geo-intersects-2polygons-function.md',
    name: "#1 The following example checks whether some two literal polygons intersects.",
    query: `let polygon1 = dynamic({"type":"Polygon","coordinates":[[[-73.9630937576294,40.77498840732385],[-73.963565826416,40.774383111780914],[-73.96205306053162,40.773745311181585],[-73.96160781383514,40.7743912365898],[-73.9630937576294,40.77498840732385]]]});
let polygon2 = dynamic({"type":"Polygon","coordinates":[[[-73.96213352680206,40.775045280447145],[-73.9631313085556,40.774578106920345],[-73.96207988262177,40.77416780398293],[-73.96213352680206,40.775045280447145]]]});
print geo_intersects_2polygons(polygon1, polygon2)`,
    unsupported: "the function geo_intersects_2polygons() is not supported by trailhound",
  },
  {
    page: 'geo-intersects-2polygons-function.md',
    name: "#3 The following example will return a null result because one of the polygons is invalid.",
    query: `let central_park_polygon = dynamic({"type":"Polygon","coordinates":[[[-73.9495,40.7969],[-73.95807266235352,40.80068603561921],[-73.98201942443848,40.76825672305777],[-73.97317886352539,40.76455136505513],[-73.9495,40.7969]]]});
let invalid_polygon = dynamic({"type":"Polygon"});
print isnull(geo_intersects_2polygons(invalid_polygon, central_park_polygon))`,
    unsupported: "the function geo_intersects_2polygons() is not supported by trailhound",
  },
  {
    page: 'geo-intersects-line-with-polygon-function.md',
    name: "#1 The following example checks whether a literal LineString intersects with a Polygon.",
    query: `let lineString = dynamic({"type":"LineString","coordinates":[[-73.985195,40.788275],[-73.974552,40.779761]]});
let polygon = dynamic({"type":"Polygon","coordinates":[[[-73.9712905883789,40.78580561168767],[-73.98004531860352,40.775276834803655],[-73.97000312805176,40.77852663535664],[-73.9712905883789,40.78580561168767]]]});
print intersects = geo_intersects_line_with_polygon(lineString, polygon)`,
    unsupported: "the function geo_intersects_line_with_polygon() is not supported by trailhound",
  },
  {
    page: 'geo-intersects-line-with-polygon-function.md',
    name: "#4 The following example will return a null result because the LineString is invalid.",
    query: `let lineString = dynamic({"type":"LineString","coordinates":[[-73.985195,40.788275]]});
let polygon = dynamic({"type":"Polygon","coordinates":[[[-73.95768642425537,40.80065354924362],[-73.9582872390747,40.80089719667298],[-73.95869493484497,40.80050736035672],[-73.9580512046814,40.80019873831593],[-73.95768642425537,40.80065354924362]]]});
print isnull(geo_intersects_2lines(lineString, polygon))`,
    unsupported: "the function geo_intersects_2lines() is not supported by trailhound",
  },
  {
    page: 'geo-intersects-line-with-polygon-function.md',
    name: "#5 The following example will return a null result because the polygon is invalid.",
    query: `let lineString = dynamic({"type":"LineString","coordinates":[[-73.97159099578857,40.794513338780895],[-73.96738529205322,40.792758888618756],[-73.96978855133057,40.789769718601505]]});
let polygon = dynamic({"type":"Polygon","coordinates":[]});
print isnull(geo_intersects_2lines(lineString, polygon))`,
    unsupported: "the function geo_intersects_2lines() is not supported by trailhound",
  },
  {
    page: 'geo-line-buffer-function.md',
    name: "#1 The following example calculates polygon around line, with radius of 4 meters and 0.1 meter tolerance",
    query: `let line = dynamic({"type":"LineString","coordinates":[[-80.66634997047466,24.894526340592122],[-80.67373241820246,24.890808090321286]]});
print buffer = geo_line_buffer(line, 4, 0.1)`,
    unsupported: "the function geo_line_buffer() is not supported by trailhound",
  },
  {
    page: 'geo-line-buffer-function.md',
    name: "#2 The following query calculates buffer around each line and unifies result",
    query: `datatable(line:dynamic)
[
    dynamic({"type":"LineString","coordinates":[[14.429214068940496,50.10043066548272],[14.431184174126173,50.10046525983731]]}),
    dynamic({"type":"LineString","coordinates":[[14.43030222687753,50.100780677801936],[14.4303847111523,50.10020274910934]]})
]
| project buffer = geo_line_buffer(line, 2, 0.1)
| summarize polygons = make_list(buffer)
| project result = geo_union_polygons_array(polygons)`,
    unsupported: "the function geo_line_buffer() is not supported by trailhound",
  },
  {
    page: 'geo-line-buffer-function.md',
    name: "#3 The following example will return true, due to invalid line.",
    query: `print buffer = isnull(geo_line_buffer(dynamic({"type":"LineString"}), 5))`,
    unsupported: "the function geo_line_buffer() is not supported by trailhound",
  },
  {
    page: 'geo-line-buffer-function.md',
    name: "#4 The following example will return true, due to invalid radius.",
    query: `print buffer = isnull(geo_line_buffer(dynamic({"type":"LineString","coordinates":[[0,0],[1,1]]}), 0))`,
    unsupported: "the function geo_line_buffer() is not supported by trailhound",
  },
  {
    page: 'geo-line-centroid-function.md',
    name: "#1 The following example calculates line centroid.",
    query: `let line = dynamic({"type":"LineString","coordinates":[[-73.95796, 40.80042], [-73.97317, 40.764486]]});
print centroid = geo_line_centroid(line);`,
    unsupported: "the function geo_line_centroid() is not supported by trailhound",
  },
  {
    page: 'geo-line-centroid-function.md',
    name: "#2 The following example calculates line centroid longitude.",
    query: `let line = dynamic({"type":"LineString","coordinates":[[-73.95807266235352,40.800426144169315],[-73.94966125488281,40.79691751000055],[-73.97317886352539,40.764486356930334],[-73.98210525512695,40.76786669510221],[-73.96004676818848,40.7980870753293]]});
print centroid = geo_line_centroid(line)
| project lng = centroid.coordinates[0]`,
    unsupported: "the function geo_line_centroid() is not supported by trailhound",
  },
  {
    page: 'geo-line-centroid-function.md',
    name: "#4 The following example returns `true` because of the invalid line.",
    query: `print is_bad_line = isnull(geo_line_centroid(dynamic({"type":"LineString","coordinates":[[1, 1]]})))`,
    unsupported: "the function geo_line_centroid() is not supported by trailhound",
  },
  {
    page: 'geo-line-densify-function.md',
    name: "#1 The following example densifies a road in Manhattan island. The edge is short and the distance between the pla",
    query: `print densified_line = tostring(geo_line_densify(dynamic({"type":"LineString","coordinates":[[-73.949247, 40.796860],[-73.973017, 40.764323]]})))`,
    unsupported: "the function geo_line_densify() is not supported by trailhound",
  },
  {
    page: 'geo-line-densify-function.md',
    name: "#2 The following example densifies an edge of ~130-km length",
    query: `print densified_line = tostring(geo_line_densify(dynamic({"type":"LineString","coordinates":[[50, 50], [51, 51]]})))`,
    unsupported: "the function geo_line_densify() is not supported by trailhound",
  },
  {
    page: 'geo-line-densify-function.md',
    name: "#3 The following example returns a null result because of the invalid coordinate input.",
    query: `print densified_line = geo_line_densify(dynamic({"type":"LineString","coordinates":[[300,1],[1,1]]}))`,
    unsupported: "the function geo_line_densify() is not supported by trailhound",
  },
  {
    page: 'geo-line-densify-function.md',
    name: "#4 The following example returns a null result because of the invalid tolerance input.",
    query: `print densified_line = geo_line_densify(dynamic({"type":"LineString","coordinates":[[1,1],[2,2]]}), 0)`,
    unsupported: "the function geo_line_densify() is not supported by trailhound",
  },
  {
    page: 'geo-line-interpolate-point-function.md',
    name: "#1 The following example calculates a point at 25% location since line start.",
    query: `let line = dynamic({"type":"LineString","coordinates":[[-73.95796, 40.80042], [-73.97317, 40.764486]]});
print point = geo_line_interpolate_point(line, 0.25);`,
    unsupported: "the function geo_line_interpolate_point() is not supported by trailhound",
  },
  {
    page: 'geo-line-interpolate-point-function.md',
    name: "#2 The following example calculates point longitude at 90% since line start.",
    query: `let line = dynamic({"type":"LineString","coordinates":[[-73.95807266235352,40.800426144169315],[-73.94966125488281,40.79691751000055],[-73.97317886352539,40.764486356930334],[-73.98210525512695,40.76786669510221],[-73.96004676818848,40.7980870753293]]});
print point = geo_line_interpolate_point(line, 0.9)
| project lng = point.coordinates[0]`,
    unsupported: "the function geo_line_interpolate_point() is not supported by trailhound",
  },
  {
    page: 'geo-line-interpolate-point-function.md',
    name: "#4 The following example returns `true` because of the invalid line.",
    query: `print is_bad_line = isnull(geo_line_interpolate_point(dynamic({"type":"LineString","coordinates":[[1, 1]]}), 0.5))`,
    unsupported: "the function geo_line_interpolate_point() is not supported by trailhound",
  },
  {
    page: 'geo-line-length-function.md',
    name: "#1 The following example calculates the total line length, in meters.",
    query: `let line = dynamic({"type":"LineString","coordinates":[[-73.95807266235352,40.800426144169315],[-73.94966125488281,40.79691751000055],[-73.97317886352539,40.764486356930334]]});
print length = geo_line_length(line)`,
    unsupported: "the function geo_line_length() is not supported by trailhound",
  },
  {
    page: 'geo-line-length-function.md',
    name: "#2 The following example calculates total multiline length, in meters.",
    query: `let line = dynamic({"type":"MultiLineString","coordinates":[[[-73.95798683166502,40.800556090021466],[-73.98193359375,40.76819171855746]],[[-73.94940376281738,40.79691751000055],[-73.97317886352539,40.76435634049001]]]});
print length = geo_line_length(line)`,
    unsupported: "the function geo_line_length() is not supported by trailhound",
  },
  {
    page: 'geo-line-length-function.md',
    name: "#3 The following example returns True because of the invalid line.",
    query: `print is_bad_line = isnull(geo_line_length(dynamic({"type":"LineString","coordinates":[[1, 1]]})))`,
    unsupported: "the function geo_line_length() is not supported by trailhound",
  },
  {
    page: 'geo-line-locate-point-function.md',
    name: "#1 The following example calculates a fraction value.",
    query: `let line = dynamic({"type":"LineString","coordinates":[[-73.95796, 40.80042], [-73.97317, 40.764486]]});
print fraction = geo_line_locate_point(line, -73.965, 40.792);`,
    unsupported: "the function geo_line_locate_point() is not supported by trailhound",
  },
  {
    page: 'geo-line-locate-point-function.md',
    name: "#2 The following example returns `true` because of the invalid line.",
    query: `print is_bad_line = isnull(geo_line_locate_point(dynamic({"type":"LineString","coordinates":[[1, 1]]}), 1, 1))`,
    unsupported: "the function geo_line_locate_point() is not supported by trailhound",
  },
  {
    page: 'geo-line-lookup-plugin.md',
    name: "#1 The following example returns only matching rows.",
    query: `let roads = datatable(road_name:string, road:dynamic)
[
    "5th Avenue NY", dynamic({"type":"LineString","coordinates":[[-73.97291864770574,40.76428551254824],[-73.99708638113894,40.73145135821781]]}),
    "Palace Ave", dynamic({"type":"LineString","coordinates":[[-0.18756982045002246,51.50245944666557],[-0.18908519740253382,51.50544952706903]]}),
];
let locations = datatable(location_name:string, longitude:real, latitude:real)
[
    "Empire State Building", -73.98567337898565, 40.74842629977377,
    "Grand Central Terminal", -73.97713140725149, 40.752730320824895,
    "Statue of Liberty",  -74.04462223203123, 40.689195627512674,
    "Kensington Palace", -0.1885272501232862,  51.504906159672316
];
locations
| evaluate geo_line_lookup(roads, road, longitude, latitude, 100, return_lookup_key = true)`,
    unsupported: "the plugin geo_line_lookup is not supported by trailhound",
  },
  {
    page: 'geo-line-lookup-plugin.md',
    name: "#2 The following example returns both matching and nonmatching rows.",
    query: `let roads = datatable(road_name:string, road:dynamic)
[
    "5th Avenue NY", dynamic({"type":"LineString","coordinates":[[-73.97291864770574,40.76428551254824],[-73.99708638113894,40.73145135821781]]}),
    "Palace Ave", dynamic({"type":"LineString","coordinates":[[-0.18756982045002246,51.50245944666557],[-0.18908519740253382,51.50544952706903]]}),
];
let locations = datatable(location_name:string, longitude:real, latitude:real)
[
    "Empire State Building", -73.98567337898565, 40.74842629977377,
    "Grand Central Terminal", -73.97713140725149, 40.752730320824895,
    "Statue of Liberty",  -74.04462223203123, 40.689195627512674,
    "Kensington Palace", -0.1885272501232862,  51.504906159672316
];
locations
| evaluate geo_line_lookup(roads, road, longitude, latitude, 100, return_unmatched = true, return_lookup_key = true)`,
    unsupported: "the plugin geo_line_lookup is not supported by trailhound",
  },
  {
    page: 'geo-line-lookup-plugin.md',
    name: "#3 The following example returns both matching and nonmatching rows, with radius set to 350m.",
    query: `let roads = datatable(road_name:string, road:dynamic)
[
    "5th Avenue NY", dynamic({"type":"LineString","coordinates":[[-73.97291864770574,40.76428551254824],[-73.99708638113894,40.73145135821781]]}),
    "Palace Ave", dynamic({"type":"LineString","coordinates":[[-0.18756982045002246,51.50245944666557],[-0.18908519740253382,51.50544952706903]]}),
];
let locations = datatable(location_name:string, longitude:real, latitude:real)
[
    "Empire State Building", -73.98567337898565, 40.74842629977377,
    "Grand Central Terminal", -73.97713140725149, 40.752730320824895,
    "Statue of Liberty",  -74.04462223203123, 40.689195627512674,
    "Kensington Palace", -0.1885272501232862,  51.504906159672316
];
locations
| evaluate geo_line_lookup(roads, road, longitude, latitude, 350, return_unmatched = true, return_lookup_key = true)`,
    unsupported: "the plugin geo_line_lookup is not supported by trailhound",
  },
  {
    page: 'geo-line-lookup-plugin.md',
    name: "#4 The following example counts locations by proximity to road.",
    query: `let roads = datatable(road_name:string, road:dynamic)
[
    "5th Avenue NY", dynamic({"type":"LineString","coordinates":[[-73.97291864770574,40.76428551254824],[-73.99708638113894,40.73145135821781]]}),
    "Palace Ave", dynamic({"type":"LineString","coordinates":[[-0.18756982045002246,51.50245944666557],[-0.18908519740253382,51.50544952706903]]}),
];
let locations = datatable(location_name:string, longitude:real, latitude:real)
[
    "Empire State Building", -73.98567337898565, 40.74842629977377,
    "Grand Central Terminal", -73.97713140725149, 40.752730320824895,
    "Statue of Liberty",  -74.04462223203123, 40.689195627512674,
    "Kensington Palace", -0.1885272501232862,  51.504906159672316
];
locations
| evaluate geo_line_lookup(roads, road, longitude, latitude, 350)
| summarize count() by road_name`,
    unsupported: "the plugin geo_line_lookup is not supported by trailhound",
  },
  {
    page: 'geo-line-simplify-function.md',
    name: "#1 The following example simplifies the line by removing vertices that are within a 10-meter distance from each o",
    query: `let line = dynamic({"type":"LineString","coordinates":[[-73.97033169865608,40.789063020152824],[-73.97039607167244,40.78897975920816],[-73.9704617857933,40.78888837512432],[-73.97052884101868,40.7887949601531],[-73.9706052839756,40.788698498903564],[-73.97065222263336,40.78862640672032],[-73.97072866559029,40.78852791445617],[-73.97079303860664,40.788434498977836]]});
print simplified = geo_line_simplify(line, 10)`,
    unsupported: "the function geo_line_simplify() is not supported by trailhound",
  },
  {
    page: 'geo-line-simplify-function.md',
    name: "#4 The following example returns True because of the invalid line.",
    query: `print is_invalid_line = isnull(geo_line_simplify(dynamic({"type":"LineString","coordinates":[[1, 1]]})))`,
    unsupported: "the function geo_line_simplify() is not supported by trailhound",
  },
  {
    page: 'geo-line-simplify-function.md',
    name: "#5 The following example returns True because of the invalid tolerance.",
    query: `print is_invalid_line = isnull(geo_line_simplify(dynamic({"type":"LineString","coordinates":[[1, 1],[2,2]]}), -1))`,
    unsupported: "the function geo_line_simplify() is not supported by trailhound",
  },
  {
    page: 'geo-line-simplify-function.md',
    name: "#6 The following example returns True because high tolerance causes small line to disappear.",
    query: `print is_invalid_line = isnull(geo_line_simplify(dynamic({"type":"LineString","coordinates":[[1.1, 1.1],[1.2,1.2]]}), 100000))`,
    unsupported: "the function geo_line_simplify() is not supported by trailhound",
  },
  {
    page: 'geo-line-to-s2cells-function.md',
    name: "#1 The following example finds all tube stations within 500 meters of streets and aggregates tubes count by stree",
    query: `let radius = 500;
let tube_stations = datatable(tube_station_name:string, lng:real, lat: real)
[
    "St. James' Park",        -0.13451078568013486, 51.49919145858172,
     "London Bridge station", -0.08492752160134387, 51.504876316440914,
     // more points
];
let streets = datatable(street_name:string, line:dynamic)
[
    "Buckingham Palace", dynamic({"type":"LineString","coordinates":[[-0.1399656708283601,51.50190802248855],[-0.14088438832752104,51.50012082761452]]}),
    "London Bridge",    dynamic({"type":"LineString","coordinates":[[-0.087152,51.509596],[-0.088340,51.506110]]}),
    // more lines
];
let join_level = 14;
let lines = materialize(streets | extend id = new_guid());
let res = 
    lines
    | project id, covering = geo_line_to_s2cells(line, join_level, radius)
    | mv-expand covering to typeof(string)
    | join kind=inner hint.strategy=broadcast
    (
        tube_stations
        | extend covering = geo_point_to_s2cell(lng, lat, join_level)
    ) on covering;
res | lookup lines on id
| where geo_distance_point_to_line(lng, lat, line) <= radius
| summarize count = count() by name = street_name`,
    unsupported: "the function new_guid() is not supported by trailhound",
  },
  {
    page: 'geo-line-to-s2cells-function.md',
    name: "#2 In case of invalid line, a null result will be returned.",
    query: `let line = dynamic({"type":"LineString","coordinates":[[[0,0],[0,0]]]});
print isnull(geo_line_to_s2cells(line))`,
    unsupported: "the function geo_line_to_s2cells() is not supported by trailhound",
  },
  {
    page: 'geo-point-buffer-function.md',
    name: "#1 The following example calculates polygon around [-115.1745008278, 36.1497251277] coordinates, with 20km radius",
    query: `print buffer = geo_point_buffer(-115.1745008278, 36.1497251277, 20000)`,
    unsupported: "the function geo_point_buffer() is not supported by trailhound",
  },
  {
    page: 'geo-point-buffer-function.md',
    name: "#2 The following query calculates buffer around each point and unifies result",
    query: `datatable(longitude:real, latitude:real, radius:real)
[
    real(-80.3212217992616), 25.268683367546604, 5000,
    real(-80.81717403605833), 24.82658441221962, 3000
]
| project buffer = geo_point_buffer(longitude, latitude, radius)
| summarize polygons = make_list(buffer)
| project result = geo_union_polygons_array(polygons)`,
    unsupported: "the function geo_point_buffer() is not supported by trailhound",
  },
  {
    page: 'geo-point-buffer-function.md',
    name: "#3 The following example returns true, due to invalid point.",
    query: `print result = isnull(geo_point_buffer(200, 1,0.1))`,
    unsupported: "the function geo_point_buffer() is not supported by trailhound",
  },
  {
    page: 'geo-point-buffer-function.md',
    name: "#4 The following example returns true, due to invalid radius.",
    query: `print result = isnull(geo_point_buffer(10, 10, -1))`,
    unsupported: "the function geo_point_buffer() is not supported by trailhound",
  },
  {
    page: 'geo-point-in-circle-function.md',
    name: "#1 The following example finds all the places in the area defined by the following circle: Radius of 18 km, cente",
    query: `datatable(longitude:real, latitude:real, place:string)
[
    real(-122.317404), 47.609119, 'Seattle',                   // In circle 
    real(-123.497688), 47.458098, 'Olympic National Forest',   // In exterior of circle  
    real(-122.201741), 47.677084, 'Kirkland',                  // In circle
    real(-122.443663), 47.247092, 'Tacoma',                    // In exterior of circle
    real(-122.121975), 47.671345, 'Redmond',                   // In circle
]
| where geo_point_in_circle(longitude, latitude, -122.317404, 47.609119, 18000)
| project place`,
    unsupported: "the function geo_point_in_circle() is not supported by trailhound",
  },
  {
    page: 'geo-point-in-circle-function.md',
    name: "#4 The following example returns `true`.",
    query: `print in_circle = geo_point_in_circle(-122.143564, 47.535677, -122.100896, 47.527351, 3500)`,
    unsupported: "the function geo_point_in_circle() is not supported by trailhound",
  },
  {
    page: 'geo-point-in-circle-function.md',
    name: "#5 The following example returns `false`.",
    query: `print in_circle = geo_point_in_circle(-122.137575, 47.630683, -122.100896, 47.527351, 3500)`,
    unsupported: "the function geo_point_in_circle() is not supported by trailhound",
  },
  {
    page: 'geo-point-in-circle-function.md',
    name: "#6 The following example returns a null result because of the invalid coordinate input.",
    query: `print in_circle = geo_point_in_circle(200, 1, 1, 1, 1)`,
    unsupported: "the function geo_point_in_circle() is not supported by trailhound",
  },
  {
    page: 'geo-point-in-circle-function.md',
    name: "#7 The following example returns a null result because of the invalid circle radius input.",
    query: `print in_circle = geo_point_in_circle(1, 1, 1, 1, -1)`,
    unsupported: "the function geo_point_in_circle() is not supported by trailhound",
  },
  {
    page: 'geo-point-in-polygon-function.md',
    name: "#1 The following example finds locations which fall within Manhattan island, excluding the area of Central Park.",
    query: `datatable(longitude:real, latitude:real, description:string)
[
    real(-73.985654), 40.748487, 'Empire State Building',           // In Polygon 
    real(-73.963249), 40.779525, 'The Metropolitan Museum of Art',  // In exterior of polygon
    real(-73.874367), 40.777356, 'LaGuardia Airport',               // In exterior of polygon
]
| where geo_point_in_polygon(longitude, latitude, dynamic({"type":"Polygon","coordinates":[[[-73.92597198486328,40.87821814104651],[-73.94691467285156,40.85069618625578],[-73.94691467285156,40.841865966890786],[-74.01008605957031,40.7519385984599],[-74.01866912841797,40.704586878965245],[-74.01214599609375,40.699901911003046],[-73.99772644042969,40.70875101828792],[-73.97747039794922,40.71083299030839],[-73.97026062011719,40.7290474687069],[-73.97506713867186,40.734510840309376],[-73.970947265625,40.74543623770158],[-73.94210815429688,40.77586181063573],[-73.9434814453125,40.78080140115127],[-73.92974853515625,40.79691751000055],[-73.93077850341797,40.804454347291006],[-73.93489837646484,40.80965166748853],[-73.93524169921875,40.837190668541105],[-73.92288208007812,40.85770758108904],[-73.9101791381836,40.871728144624974],[-73.92597198486328,40.87821814104651]],[[-73.95824432373047,40.80071852197889],[-73.98206233978271,40.76815921628347],[-73.97309303283691,40.76422632379533],[-73.94914627075195,40.796949998204596],[-73.95824432373047,40.80071852197889]]]}))`,
    unsupported: "the function geo_point_in_polygon() is not supported by trailhound",
  },
  {
    page: 'geo-point-in-polygon-function.md',
    name: "#2 The following example searches for coordinates in a multipolygon.",
    query: `let multipolygon = dynamic({"type":"MultiPolygon","coordinates":[[[[-73.991460000000131,40.731738000000206],[-73.992854491775518,40.730082566051351],[-73.996772,40.725432000000154],[-73.997634685522883,40.725786309886963],[-74.002855946639244,40.728346630056791],[-74.001413,40.731065000000207],[-73.996796995070824,40.73736378205173],[-73.991724524037934,40.735245208931886],[-73.990703782359589,40.734781896080477],[-73.991460000000131,40.731738000000206]]],[[[-73.958357552055688,40.800369095633819],[-73.98143901556422,40.768762584141953],[-73.981548752788598,40.7685590292784],[-73.981565335901905,40.768307084720796],[-73.981754418060945,40.768399727738668],[-73.982038573548124,40.768387823012056],[-73.982268248204349,40.768298621883247],[-73.982384797518051,40.768097213086911],[-73.982320919746599,40.767894461792181],[-73.982155532845766,40.767756204474757],[-73.98238873834039,40.767411004834273],[-73.993650353659021,40.772145571634361],[-73.99415893763998,40.772493009137818],[-73.993831082030937,40.772931787850908],[-73.993891252437052,40.772955194876722],[-73.993962585514595,40.772944653908901],[-73.99401262480508,40.772882846631894],[-73.994122058082397,40.77292405902601],[-73.994136652588594,40.772901870174394],[-73.994301342391154,40.772970028663913],[-73.994281535134448,40.77299380206933],[-73.994376552751078,40.77303955110149],[-73.994294029824005,40.773156243992048],[-73.995023275860802,40.773481196576356],[-73.99508939189289,40.773388475039134],[-73.995013963716758,40.773358035426909],[-73.995050284699261,40.773297153189958],[-73.996240651898916,40.773789791397689],[-73.996195837470992,40.773852356184044],[-73.996098807369748,40.773951805299085],[-73.996179459973888,40.773986954351571],[-73.996095245226442,40.774086186437756],[-73.995572265161172,40.773870731394297],[-73.994017424135961,40.77321375261053],[-73.993935876811335,40.773179512586211],[-73.993861942928888,40.773269531698837],[-73.993822393527211,40.773381758622882],[-73.993767019318497,40.773483981224835],[-73.993698463744295,40.773562141052594],[-73.993358326468751,40.773926888327956],[-73.992622663865575,40.774974056037109],[-73.992577842766124,40.774956016359418],[-73.992527743951555,40.775002110439829],[-73.992469745815342,40.775024159551755],[-73.992403837191887,40.775018140390664],[-73.99226708903538,40.775116033858794],[-73.99217809026365,40.775279293897171],[-73.992059084937338,40.775497598192516],[-73.992125372394938,40.775509075053385],[-73.992226867797001,40.775482211026116],[-73.992329346608813,40.775468900958522],[-73.992361756801131,40.775501899766638],[-73.992386042960277,40.775557180424634],[-73.992087684712729,40.775983970821372],[-73.990927174149746,40.777566878763238],[-73.99039616003671,40.777585065679204],[-73.989461267506471,40.778875124584417],[-73.989175778438053,40.779287524015778],[-73.988868617400072,40.779692922911607],[-73.988871874499793,40.779713738253008],[-73.989219022880576,40.779697895209402],[-73.98927785904425,40.779723439271038],[-73.989409054180143,40.779737706471963],[-73.989498614927044,40.779725044389757],[-73.989596493388234,40.779698146683387],[-73.989679812902509,40.779677568658038],[-73.989752702937935,40.779671244211556],[-73.989842247806507,40.779680752670664],[-73.990040102120489,40.779707677698219],[-73.990137977524839,40.779699769704784],[-73.99033584033225,40.779661794394983],[-73.990430598697046,40.779664973055503],[-73.990622199396725,40.779676064914298],[-73.990745069505479,40.779671328184051],[-73.990872114282197,40.779646007643876],[-73.990961672224358,40.779639683751753],[-73.991057472829539,40.779652352625774],[-73.991157429497036,40.779669775606465],[-73.991242817404469,40.779671367084504],[-73.991255318289745,40.779650782516491],[-73.991294887120119,40.779630209208889],[-73.991321967649895,40.779631796041372],[-73.991359455569423,40.779585883337383],[-73.991551059227476,40.779574821437407],[-73.99141982585985,40.779755280287233],[-73.988886144117032,40.779878898532999],[-73.988939656706265,40.779956178440393],[-73.988926103530844,40.780059292013632],[-73.988911680264692,40.780096037146606],[-73.988919261468567,40.780226094343945],[-73.988381050202634,40.780981074045783],[-73.988232413846987,40.781233144215555],[-73.988210420831663,40.781225482542055],[-73.988140000000143,40.781409000000224],[-73.988041288067166,40.781585961353777],[-73.98810029382463,40.781602878305286],[-73.988076449145055,40.781650935001608],[-73.988018059972219,40.781634188810422],[-73.987960792842145,40.781770987031535],[-73.985465811970457,40.785360700575431],[-73.986172704965611,40.786068452258647],[-73.986455862401996,40.785919219081421],[-73.987072345615601,40.785189638820121],[-73.98711901394276,40.785210319004058],[-73.986497781023601,40.785951202887254],[-73.986164628806279,40.786121882448327],[-73.986128422486075,40.786239001331111],[-73.986071135219746,40.786240706026611],[-73.986027274789123,40.786228964236727],[-73.986097637849426,40.78605822569795],[-73.985429321269592,40.785413942184597],[-73.985081137732209,40.785921935110366],[-73.985198833254501,40.785966552197777],[-73.985170502389906,40.78601333415817],[-73.985216218673656,40.786030501816427],[-73.98525509797993,40.785976205511588],[-73.98524273937646,40.785972572653328],[-73.98524962933017,40.785963139855845],[-73.985281779186749,40.785978620950075],[-73.985240032884533,40.786035858136792],[-73.985683885242182,40.786222123919686],[-73.985717529004575,40.786175994668795],[-73.985765660297687,40.786196274858618],[-73.985682871922691,40.786309786213067],[-73.985636270930442,40.786290150649279],[-73.985670722564691,40.786242911993817],[-73.98520511880038,40.786047669212785],[-73.985211035607492,40.786039554883686],[-73.985162639946992,40.786020999769754],[-73.985131636312062,40.786060297019972],[-73.985016964065125,40.78601423719563],[-73.984655078830457,40.786534741807841],[-73.985743787901043,40.786570082854738],[-73.98589227228328,40.786426529019593],[-73.985942854994988,40.786452847880334],[-73.985949561556794,40.78648711396653],[-73.985812373526713,40.786616865357047],[-73.985135209703174,40.78658761889551],[-73.984619428584324,40.786586016349787],[-73.981952458164173,40.790393724337193],[-73.972823037363767,40.803428052816756],[-73.971036786332192,40.805918478839672],[-73.966701,40.804169000000186],[-73.959647,40.801156000000113],[-73.958508540159471,40.800682279767472],[-73.95853274080838,40.800491362464697],[-73.958357552055688,40.800369095633819]]],[[[-73.943592454622546,40.782747908206574],[-73.943648235390199,40.782656161333449],[-73.943870759887162,40.781273026571704],[-73.94345932494096,40.780048275653243],[-73.943213862652243,40.779317588660199],[-73.943004239504688,40.779639495474292],[-73.942716005450905,40.779544169476175],[-73.942712374762181,40.779214856940001],[-73.942535563208608,40.779090956062532],[-73.942893408188027,40.778614093246276],[-73.942438481745029,40.777315235766039],[-73.942244919522594,40.777104088947254],[-73.942074188038887,40.776917846977142],[-73.942002667222781,40.776185317382648],[-73.942620205199006,40.775180871576474],[-73.94285645694552,40.774796600349191],[-73.94293043781397,40.774676268036011],[-73.945870899588215,40.771692257932997],[-73.946618690150586,40.77093339256956],[-73.948664164778933,40.768857624399587],[-73.950069793030679,40.767025088383498],[-73.954418260786071,40.762184104951245],[-73.95650786241211,40.760285256574043],[-73.958787773424007,40.758213471309809],[-73.973015157270069,40.764278692864671],[-73.955760332998182,40.787906554459667],[-73.944023,40.782960000000301],[-73.943592454622546,40.782747908206574]]]]});
let coordinates = 
    datatable(longitude:real, latitude:real, description:string)
    [
        real(-73.9741), 40.7914, 'Upper West Side',    // In MultiPolygon
        real(-73.9950), 40.7340, 'Greenwich Village',  // In MultiPolygon
        real(-73.8743), 40.7773, 'LaGuardia Airport',  // In exterior of MultiPolygon
    ];
coordinates
| where geo_point_in_polygon(longitude, latitude, multipolygon)`,
    unsupported: "the function geo_point_in_polygon() is not supported by trailhound",
  },
  {
    page: 'geo-point-in-polygon-function.md',
    name: "#4 The following example shows how to classify coordinates to polygons using the [partition](partition-operator.m",
    query: `let Polygons = datatable(description:string, polygon:dynamic)
    [  
      "New York city area", dynamic({"type":"Polygon","coordinates":[[[-73.85009765625,40.85744791303121],[-74.16046142578125,40.84290487729676],[-74.190673828125,40.59935608796518],[-73.83087158203125,40.61812224225511],[-73.85009765625,40.85744791303121]]]}),
      "Seattle area",       dynamic({"type":"Polygon","coordinates":[[[-122.200927734375,47.68573021131587],[-122.4591064453125,47.68573021131587],[-122.4755859375,47.468949677672484],[-122.17620849609374,47.47266286861342],[-122.200927734375,47.68573021131587]]]}),
      "Las Vegas",          dynamic({"type":"Polygon","coordinates":[[[-114.9,36.36],[-115.4498291015625,36.33282808737917],[-115.4498291015625,35.84453450421662],[-114.949951171875,35.902399875143615],[-114.9,36.36]]]}),
    ];
let Locations = datatable(longitude:real, latitude:real)
    [
      real(-73.95),  real(40.75), // Somewhere in New York
      real(-122.3),  real(47.6),  // Somewhere in Seattle
      real(-115.18), real(36.16)  // Somewhere in Las Vegas
    ];
Polygons
| project polygonPartition = tostring(pack("description", description, "polygon", polygon))
| partition hint.materialized=true hint.strategy=native by polygonPartition
{   
     Locations
     | extend description = parse_json(toscalar(polygonPartition)).description
     | extend polygon = parse_json(toscalar(polygonPartition)).polygon
     | where geo_point_in_polygon(longitude, latitude, polygon)
     | project-away polygon
}`,
    unsupported: "the partition operator is not supported by trailhound",
  },
  {
    page: 'geo-point-in-polygon-function.md',
    name: "#5 The following example folds several polygons into one multipolygon and checks locations that fall within the m",
    query: `let Polygons = 
    datatable(polygon:dynamic)
    [
        dynamic({"type":"Polygon","coordinates":[[[-73.991460000000131,40.731738000000206],[-73.992854491775518,40.730082566051351],[-73.996772,40.725432000000154],[-73.997634685522883,40.725786309886963],[-74.002855946639244,40.728346630056791],[-74.001413,40.731065000000207],[-73.996796995070824,40.73736378205173],[-73.991724524037934,40.735245208931886],[-73.990703782359589,40.734781896080477],[-73.991460000000131,40.731738000000206]]]}),
        dynamic({"type":"Polygon","coordinates":[[[-73.958357552055688,40.800369095633819],[-73.98143901556422,40.768762584141953],[-73.981548752788598,40.7685590292784],[-73.981565335901905,40.768307084720796],[-73.981754418060945,40.768399727738668],[-73.982038573548124,40.768387823012056],[-73.982268248204349,40.768298621883247],[-73.982384797518051,40.768097213086911],[-73.982320919746599,40.767894461792181],[-73.982155532845766,40.767756204474757],[-73.98238873834039,40.767411004834273],[-73.993650353659021,40.772145571634361],[-73.99415893763998,40.772493009137818],[-73.993831082030937,40.772931787850908],[-73.993891252437052,40.772955194876722],[-73.993962585514595,40.772944653908901],[-73.99401262480508,40.772882846631894],[-73.994122058082397,40.77292405902601],[-73.994136652588594,40.772901870174394],[-73.994301342391154,40.772970028663913],[-73.994281535134448,40.77299380206933],[-73.994376552751078,40.77303955110149],[-73.994294029824005,40.773156243992048],[-73.995023275860802,40.773481196576356],[-73.99508939189289,40.773388475039134],[-73.995013963716758,40.773358035426909],[-73.995050284699261,40.773297153189958],[-73.996240651898916,40.773789791397689],[-73.996195837470992,40.773852356184044],[-73.996098807369748,40.773951805299085],[-73.996179459973888,40.773986954351571],[-73.996095245226442,40.774086186437756],[-73.995572265161172,40.773870731394297],[-73.994017424135961,40.77321375261053],[-73.993935876811335,40.773179512586211],[-73.993861942928888,40.773269531698837],[-73.993822393527211,40.773381758622882],[-73.993767019318497,40.773483981224835],[-73.993698463744295,40.773562141052594],[-73.993358326468751,40.773926888327956],[-73.992622663865575,40.774974056037109],[-73.992577842766124,40.774956016359418],[-73.992527743951555,40.775002110439829],[-73.992469745815342,40.775024159551755],[-73.992403837191887,40.775018140390664],[-73.99226708903538,40.775116033858794],[-73.99217809026365,40.775279293897171],[-73.992059084937338,40.775497598192516],[-73.992125372394938,40.775509075053385],[-73.992226867797001,40.775482211026116],[-73.992329346608813,40.775468900958522],[-73.992361756801131,40.775501899766638],[-73.992386042960277,40.775557180424634],[-73.992087684712729,40.775983970821372],[-73.990927174149746,40.777566878763238],[-73.99039616003671,40.777585065679204],[-73.989461267506471,40.778875124584417],[-73.989175778438053,40.779287524015778],[-73.988868617400072,40.779692922911607],[-73.988871874499793,40.779713738253008],[-73.989219022880576,40.779697895209402],[-73.98927785904425,40.779723439271038],[-73.989409054180143,40.779737706471963],[-73.989498614927044,40.779725044389757],[-73.989596493388234,40.779698146683387],[-73.989679812902509,40.779677568658038],[-73.989752702937935,40.779671244211556],[-73.989842247806507,40.779680752670664],[-73.990040102120489,40.779707677698219],[-73.990137977524839,40.779699769704784],[-73.99033584033225,40.779661794394983],[-73.990430598697046,40.779664973055503],[-73.990622199396725,40.779676064914298],[-73.990745069505479,40.779671328184051],[-73.990872114282197,40.779646007643876],[-73.990961672224358,40.779639683751753],[-73.991057472829539,40.779652352625774],[-73.991157429497036,40.779669775606465],[-73.991242817404469,40.779671367084504],[-73.991255318289745,40.779650782516491],[-73.991294887120119,40.779630209208889],[-73.991321967649895,40.779631796041372],[-73.991359455569423,40.779585883337383],[-73.991551059227476,40.779574821437407],[-73.99141982585985,40.779755280287233],[-73.988886144117032,40.779878898532999],[-73.988939656706265,40.779956178440393],[-73.988926103530844,40.780059292013632],[-73.988911680264692,40.780096037146606],[-73.988919261468567,40.780226094343945],[-73.988381050202634,40.780981074045783],[-73.988232413846987,40.781233144215555],[-73.988210420831663,40.781225482542055],[-73.988140000000143,40.781409000000224],[-73.988041288067166,40.781585961353777],[-73.98810029382463,40.781602878305286],[-73.988076449145055,40.781650935001608],[-73.988018059972219,40.781634188810422],[-73.987960792842145,40.781770987031535],[-73.985465811970457,40.785360700575431],[-73.986172704965611,40.786068452258647],[-73.986455862401996,40.785919219081421],[-73.987072345615601,40.785189638820121],[-73.98711901394276,40.785210319004058],[-73.986497781023601,40.785951202887254],[-73.986164628806279,40.786121882448327],[-73.986128422486075,40.786239001331111],[-73.986071135219746,40.786240706026611],[-73.986027274789123,40.786228964236727],[-73.986097637849426,40.78605822569795],[-73.985429321269592,40.785413942184597],[-73.985081137732209,40.785921935110366],[-73.985198833254501,40.785966552197777],[-73.985170502389906,40.78601333415817],[-73.985216218673656,40.786030501816427],[-73.98525509797993,40.785976205511588],[-73.98524273937646,40.785972572653328],[-73.98524962933017,40.785963139855845],[-73.985281779186749,40.785978620950075],[-73.985240032884533,40.786035858136792],[-73.985683885242182,40.786222123919686],[-73.985717529004575,40.786175994668795],[-73.985765660297687,40.786196274858618],[-73.985682871922691,40.786309786213067],[-73.985636270930442,40.786290150649279],[-73.985670722564691,40.786242911993817],[-73.98520511880038,40.786047669212785],[-73.985211035607492,40.786039554883686],[-73.985162639946992,40.786020999769754],[-73.985131636312062,40.786060297019972],[-73.985016964065125,40.78601423719563],[-73.984655078830457,40.786534741807841],[-73.985743787901043,40.786570082854738],[-73.98589227228328,40.786426529019593],[-73.985942854994988,40.786452847880334],[-73.985949561556794,40.78648711396653],[-73.985812373526713,40.786616865357047],[-73.985135209703174,40.78658761889551],[-73.984619428584324,40.786586016349787],[-73.981952458164173,40.790393724337193],[-73.972823037363767,40.803428052816756],[-73.971036786332192,40.805918478839672],[-73.966701,40.804169000000186],[-73.959647,40.801156000000113],[-73.958508540159471,40.800682279767472],[-73.95853274080838,40.800491362464697],[-73.958357552055688,40.800369095633819]]]}),
        dynamic({"type":"Polygon","coordinates":[[[-73.943592454622546,40.782747908206574],[-73.943648235390199,40.782656161333449],[-73.943870759887162,40.781273026571704],[-73.94345932494096,40.780048275653243],[-73.943213862652243,40.779317588660199],[-73.943004239504688,40.779639495474292],[-73.942716005450905,40.779544169476175],[-73.942712374762181,40.779214856940001],[-73.942535563208608,40.779090956062532],[-73.942893408188027,40.778614093246276],[-73.942438481745029,40.777315235766039],[-73.942244919522594,40.777104088947254],[-73.942074188038887,40.776917846977142],[-73.942002667222781,40.776185317382648],[-73.942620205199006,40.775180871576474],[-73.94285645694552,40.774796600349191],[-73.94293043781397,40.774676268036011],[-73.945870899588215,40.771692257932997],[-73.946618690150586,40.77093339256956],[-73.948664164778933,40.768857624399587],[-73.950069793030679,40.767025088383498],[-73.954418260786071,40.762184104951245],[-73.95650786241211,40.760285256574043],[-73.958787773424007,40.758213471309809],[-73.973015157270069,40.764278692864671],[-73.955760332998182,40.787906554459667],[-73.944023,40.782960000000301],[-73.943592454622546,40.782747908206574]]]}),
    ];
let Coordinates = 
    datatable(longitude:real, latitude:real, description:string)
    [
        real(-73.9741), 40.7914, 'Upper West Side',
        real(-73.9950), 40.7340, 'Greenwich Village',
        real(-73.8743), 40.7773, 'LaGuardia Airport',
    ];
let multipolygon = toscalar(
    Polygons
    | project individual_polygon = pack_array(polygon.coordinates)
    | summarize multipolygon_coordinates = make_list(individual_polygon)
    | project multipolygon = bag_pack("type","MultiPolygon", "coordinates", multipolygon_coordinates));
Coordinates
| where geo_point_in_polygon(longitude, latitude, multipolygon)`,
    unsupported: "the function geo_point_in_polygon() is not supported by trailhound",
  },
  {
    page: 'geo-point-in-polygon-function.md',
    name: "#6 The following example returns a null result because of the invalid coordinate input.",
    query: `print in_polygon = geo_point_in_polygon(200,1,dynamic({"type": "Polygon","coordinates": [[[0,0],[10,10],[10,1],[0,0]]]}))`,
    unsupported: "the function geo_point_in_polygon() is not supported by trailhound",
  },
  {
    page: 'geo-point-in-polygon-function.md',
    name: "#7 The following example returns a null result because of the invalid polygon input.",
    query: `print in_polygon = geo_point_in_polygon(1,1,dynamic({"type": "Polygon","coordinates": [[[0,0],[10,10],[10,10],[0,0]]]}))`,
    unsupported: "the function geo_point_in_polygon() is not supported by trailhound",
  },
  {
    page: 'geo-point-to-geohash-function.md',
    name: "#2 The following example calculates and returns the geohash string value.",
    query: `print geohash = geo_point_to_geohash(-80.195829, 25.802215, 8)`,
    unsupported: "the function geo_point_to_geohash() is not supported by trailhound",
  },
  {
    page: 'geo-point-to-geohash-function.md',
    name: "#3 The following example finds groups of coordinates. Every pair of coordinates in the group resides in a rectang",
    query: `datatable(location_id:string, longitude:real, latitude:real)
[
  "A", double(-122.303404), 47.570482,
  "B", double(-122.304745), 47.567052,
  "C", double(-122.278156), 47.566936,
]
| summarize count = count(),                                          // items per group count
            locations = make_list(location_id)                        // items in the group
            by geohash = geo_point_to_geohash(longitude, latitude)    // geohash of the group`,
    unsupported: "the function geo_point_to_geohash() is not supported by trailhound",
  },
  {
    page: 'geo-point-to-geohash-function.md',
    name: "#4 The following example produces an empty result because of the invalid coordinate input.",
    query: `print geohash = geo_point_to_geohash(200,1,8)`,
    unsupported: "the function geo_point_to_geohash() is not supported by trailhound",
  },
  {
    page: 'geo-point-to-geohash-function.md',
    name: "#5 The following example produces an empty result because of the invalid accuracy input.",
    query: `print geohash = geo_point_to_geohash(1,1,int(null))`,
    unsupported: "the function geo_point_to_geohash() is not supported by trailhound",
  },
  {
    page: 'geo-point-to-h3cell-function.md',
    name: "#1 The following example calculates the H3 Cell token string value of a geographic location.",
    query: `print h3cell = geo_point_to_h3cell(-74.04450446039874, 40.689250859314974, 6)`,
    unsupported: "the function geo_point_to_h3cell() is not supported by trailhound",
  },
  {
    page: 'geo-point-to-h3cell-function.md',
    name: "#2 The following example finds groups of coordinates. Every pair of coordinates in the group resides in the H3 Ce",
    query: `datatable(location_id:string, longitude:real, latitude:real)
[
    "A", -73.956683, 40.807907,
    "B", -73.916869, 40.818314,
    "C", -73.989148, 40.743273,
]
| summarize count = count(),                                         // Items per group count
            locations = make_list(location_id)                       // Items in the group
            by h3cell = geo_point_to_h3cell(longitude, latitude, 5)  // H3 Cell of the group`,
    unsupported: "the function geo_point_to_h3cell() is not supported by trailhound",
  },
  {
    page: 'geo-point-to-h3cell-function.md',
    name: "#3 The following example produces an empty result because of the invalid coordinate input.",
    query: `print h3cell = geo_point_to_h3cell(300,1,8)`,
    unsupported: "the function geo_point_to_h3cell() is not supported by trailhound",
  },
  {
    page: 'geo-point-to-h3cell-function.md',
    name: "#4 The following example produces an empty result because of the invalid level input.",
    query: `print h3cell = geo_point_to_h3cell(1,1,16)`,
    unsupported: "the function geo_point_to_h3cell() is not supported by trailhound",
  },
  {
    page: 'geo-point-to-h3cell-function.md',
    name: "#5 The following example produces an empty result because of the invalid level input.",
    query: `print h3cell = geo_point_to_h3cell(1,1,int(null))`,
    unsupported: "the function geo_point_to_h3cell() is not supported by trailhound",
  },
  {
    page: 'geo-point-to-s2cell-function.md',
    name: "#2 The following example calculates the S2 cell ID.",
    query: `print s2cell = geo_point_to_s2cell(-80.195829, 25.802215, 8)`,
    unsupported: "the function geo_point_to_s2cell() is not supported by trailhound",
  },
  {
    page: 'geo-point-to-s2cell-function.md',
    name: "#3 The following example finds groups of coordinates. Every pair of coordinates in the group resides in the S2 ce",
    query: `datatable(location_id:string, longitude:real, latitude:real)
[
  "A", 10.1234, 53,
  "B", 10.3579, 53,
  "C", 10.6842, 53,
]
| summarize count = count(),                                        // items per group count
            locations = make_list(location_id)                      // items in the group
            by s2cell = geo_point_to_s2cell(longitude, latitude, 8) // s2 cell of the group`,
    unsupported: "the function geo_point_to_s2cell() is not supported by trailhound",
  },
  {
    page: 'geo-point-to-s2cell-function.md',
    name: "#4 The following example produces an empty result because of the invalid coordinate input.",
    query: `print s2cell = geo_point_to_s2cell(300,1,8)`,
    unsupported: "the function geo_point_to_s2cell() is not supported by trailhound",
  },
  {
    page: 'geo-point-to-s2cell-function.md',
    name: "#5 The following example produces an empty result because of the invalid level input.",
    query: `print s2cell = geo_point_to_s2cell(1,1,35)`,
    unsupported: "the function geo_point_to_s2cell() is not supported by trailhound",
  },
  {
    page: 'geo-point-to-s2cell-function.md',
    name: "#6 The following example produces an empty result because of the invalid level input.",
    query: `print s2cell = geo_point_to_s2cell(1,1,int(null))`,
    unsupported: "the function geo_point_to_s2cell() is not supported by trailhound",
  },
  {
    page: 'geo-polygon-area-function.md',
    name: "#1 The following example calculates NYC Central Park area.",
    query: `let central_park = dynamic({"type":"Polygon","coordinates":[[[-73.9495,40.7969],[-73.95807266235352,40.80068603561921],[-73.98201942443848,40.76825672305777],[-73.97317886352539,40.76455136505513],[-73.9495,40.7969]]]});
print area = geo_polygon_area(central_park)`,
    unsupported: "the function geo_polygon_area() is not supported by trailhound",
  },
  {
    page: 'geo-polygon-area-function.md',
    name: "#2 The following example performs union of polygons in multipolygon and calculates area on the unified polygon.",
    query: `let polygons = dynamic({"type":"MultiPolygon","coordinates":[[[[-73.9495,40.7969],[-73.95807266235352,40.80068603561921],[-73.98201942443848,40.76825672305777],[-73.97317886352539,40.76455136505513],[-73.9495,40.7969]]],[[[-73.94262313842773,40.775991804565585],[-73.98107528686523,40.791849155467695],[-73.99600982666016,40.77092185281977],[-73.96150588989258,40.75609977566361],[-73.94262313842773,40.775991804565585]]]]});
print polygons_union_area = geo_polygon_area(polygons)`,
    unsupported: "the function geo_polygon_area() is not supported by trailhound",
  },
  {
    page: 'geo-polygon-area-function.md',
    name: "#4 The following example returns True because of the invalid polygon.",
    query: `print isnull(geo_polygon_area(dynamic({"type": "Polygon","coordinates": [[[0,0],[10,10],[10,10],[0,0]]]})))`,
    unsupported: "the function geo_polygon_area() is not supported by trailhound",
  },
  {
    page: 'geo-polygon-buffer-function.md',
    name: "#1 The following example calculates polygon around input polygon, with radius of 10km.",
    query: `let polygon = dynamic({"type":"Polygon","coordinates":[[[139.813757,35.719666],[139.72558,35.71813],[139.727471,35.653231],[139.818721,35.657264],[139.813757,35.719666]]]});
print buffer = geo_polygon_buffer(polygon, 10000)`,
    unsupported: "the function geo_polygon_buffer() is not supported by trailhound",
  },
  {
    page: 'geo-polygon-buffer-function.md',
    name: "#2 The following query calculates buffer around each polygon and unifies result",
    query: `datatable(polygon:dynamic, radius:real )
[
    dynamic({"type":"Polygon","coordinates":[[[12.451218693639277,41.906457003556625],[12.445753852969375,41.90160968881543],[12.453514425793855,41.90361551885886],[12.451218693639277,41.906457003556625]]]}), 100,
    dynamic({"type":"Polygon","coordinates":[[[12.4566086734784,41.905119850039995],[12.453913683559591,41.903652663265234],[12.455485761012113,41.90146110630562],[12.4566086734784,41.905119850039995]]]}), 20
]
| project buffer = geo_polygon_buffer(polygon, radius)
| summarize polygons = make_list(buffer)
| project result = geo_union_polygons_array(polygons)`,
    unsupported: "the function geo_polygon_buffer() is not supported by trailhound",
  },
  {
    page: 'geo-polygon-buffer-function.md',
    name: "#3 The following example will return true, due to invalid polygon.",
    query: `print buffer = isnull(geo_polygon_buffer(dynamic({"type":"p"}), 1))`,
    unsupported: "the function geo_polygon_buffer() is not supported by trailhound",
  },
  {
    page: 'geo-polygon-buffer-function.md',
    name: "#4 The following example will return true, due to invalid radius.",
    query: `print buffer = isnull(geo_polygon_buffer(dynamic({"type":"Polygon","coordinates":[[[10,10],[0,10],[0,0],[10,10]]]}), 0))`,
    unsupported: "the function geo_polygon_buffer() is not supported by trailhound",
  },
  {
    page: 'geo-polygon-centroid-function.md',
    name: "#1 The following example calculates the Central Park centroid in New York City.",
    query: `let central_park = dynamic({"type":"Polygon","coordinates":[[[-73.9495,40.7969],[-73.95807266235352,40.80068603561921],[-73.98201942443848,40.76825672305777],[-73.97317886352539,40.76455136505513],[-73.9495,40.7969]]]});
print centroid = geo_polygon_centroid(central_park)`,
    unsupported: "the function geo_polygon_centroid() is not supported by trailhound",
  },
  {
    page: 'geo-polygon-centroid-function.md',
    name: "#2 The following example calculates the Central Park centroid longitude.",
    query: `let central_park = dynamic({"type":"Polygon","coordinates":[[[-73.9495,40.7969],[-73.95807266235352,40.80068603561921],[-73.98201942443848,40.76825672305777],[-73.97317886352539,40.76455136505513],[-73.9495,40.7969]]]});
print 
centroid = geo_polygon_centroid(central_park)
| project lng = centroid.coordinates[0]`,
    unsupported: "the function geo_polygon_centroid() is not supported by trailhound",
  },
  {
    page: 'geo-polygon-centroid-function.md',
    name: "#3 The following example performs union of polygons in multipolygon and calculates the centroid of the unified po",
    query: `let polygons = dynamic({"type":"MultiPolygon","coordinates":[[[[-73.9495,40.7969],[-73.95807266235352,40.80068603561921],[-73.98201942443848,40.76825672305777],[-73.97317886352539,40.76455136505513],[-73.9495,40.7969]]],[[[-73.94262313842773,40.775991804565585],[-73.98107528686523,40.791849155467695],[-73.99600982666016,40.77092185281977],[-73.96150588989258,40.75609977566361],[-73.94262313842773,40.775991804565585]]]]});
print polygons_union_centroid = geo_polygon_centroid(polygons)`,
    unsupported: "the function geo_polygon_centroid() is not supported by trailhound",
  },
  {
    page: 'geo-polygon-centroid-function.md',
    name: "#5 The following example returns `true` because of the invalid polygon.",
    query: `print isnull(geo_polygon_centroid(dynamic({"type": "Polygon","coordinates": [[[0,0],[10,10],[10,10],[0,0]]]})))`,
    unsupported: "the function geo_polygon_centroid() is not supported by trailhound",
  },
  {
    page: 'geo-polygon-densify-function.md',
    name: "#1 The following example densifies Manhattan Central Park polygon. The edges are short and the distance between p",
    query: `print densified_polygon = tostring(geo_polygon_densify(dynamic({"type":"Polygon","coordinates":[[[-73.958244,40.800719],[-73.949146,40.79695],[-73.973093,40.764226],[-73.982062,40.768159],[-73.958244,40.800719]]]})))`,
    unsupported: "the function geo_polygon_densify() is not supported by trailhound",
  },
  {
    page: 'geo-polygon-densify-function.md',
    name: "#2 The following example densifies two edges of the polygon. Densified edges length is ~110 km",
    query: `print densified_polygon = tostring(geo_polygon_densify(dynamic({"type":"Polygon","coordinates":[[[10,10],[11,10],[11,11],[10,11],[10,10]]]})))`,
    unsupported: "the function geo_polygon_densify() is not supported by trailhound",
  },
  {
    page: 'geo-polygon-densify-function.md',
    name: "#3 The following example returns a null result because of the invalid coordinate input.",
    query: `print densified_polygon = geo_polygon_densify(dynamic({"type":"Polygon","coordinates":[[[10,900],[11,10],[11,11],[10,11],[10,10]]]}))`,
    unsupported: "the function geo_polygon_densify() is not supported by trailhound",
  },
  {
    page: 'geo-polygon-densify-function.md',
    name: "#4 The following example returns a null result because of the invalid tolerance input.",
    query: `print densified_polygon = geo_polygon_densify(dynamic({"type":"Polygon","coordinates":[[[10,10],[11,10],[11,11],[10,11],[10,10]]]}), 0)`,
    unsupported: "the function geo_polygon_densify() is not supported by trailhound",
  },
  {
    page: 'geo-polygon-lookup-plugin.md',
    name: "#1 The following example returns only matching rows.",
    query: `let polygons = datatable(polygon_name:string, polygon:dynamic)
[
    "New York", dynamic({"type":"Polygon", "coordinates":[[[-73.97375470114766,40.74300078124614],[-73.98653921014294,40.75486501361894],[-73.99910622331991,40.74112695466084],[-73.97375470114766,40.74300078124614]]]}),
    "Paris", dynamic({"type":"Polygon","coordinates":[[[2.57564669886321,48.769567764921334],[2.420098611499384,49.05163394896812],[2.1016783119165723,48.80113794475062],[2.57564669886321,48.769567764921334]]]}),
];
let locations = datatable(location_name:string, longitude:real, latitude:real)
[
    "Empire State Building", -73.98567337898565, 40.74842629977377,
    "National Museum of Mathematics", -73.98778501496217, 40.743565232771545,
    "Eiffel Tower", 2.294489426068907, 48.858263476169185,
    "London", -0.13245599272019604, 51.49879464208368,
    "Statue of Liberty",  -74.04462223203123, 40.689195627512674,
];
locations
| evaluate geo_polygon_lookup(polygons, polygon, longitude, latitude, return_lookup_key = true)`,
    unsupported: "the plugin geo_polygon_lookup is not supported by trailhound",
  },
  {
    page: 'geo-polygon-lookup-plugin.md',
    name: "#2 The following example returns both matching and nonmatching rows.",
    query: `let polygons = datatable(polygon_name:string, polygon:dynamic)
[
    "New York", dynamic({"type":"Polygon", "coordinates":[[[-73.97375470114766,40.74300078124614],[-73.98653921014294,40.75486501361894],[-73.99910622331991,40.74112695466084],[-73.97375470114766,40.74300078124614]]]}),
    "Paris", dynamic({"type":"Polygon","coordinates":[[[2.57564669886321,48.769567764921334],[2.420098611499384,49.05163394896812],[2.1016783119165723,48.80113794475062],[2.57564669886321,48.769567764921334]]]}),
];
let locations = datatable(location_name:string, longitude:real, latitude:real)
[
    "Empire State Building", -73.98567337898565, 40.74842629977377,
    "NY National Museum of Mathematics", -73.98778501496217, 40.743565232771545,
    "Eiffel Tower", 2.294489426068907, 48.858263476169185,
    "London", -0.13245599272019604, 51.49879464208368,
    "Statue of Liberty",  -74.04462223203123, 40.689195627512674,
];
locations
| evaluate geo_polygon_lookup(polygons, polygon, longitude, latitude, return_unmatched = true, return_lookup_key = true)`,
    unsupported: "the plugin geo_polygon_lookup is not supported by trailhound",
  },
  {
    page: 'geo-polygon-lookup-plugin.md',
    name: "#3 The following example returns both matching and nonmatching rows where radius is set to 7 km.",
    query: `let polygons = datatable(polygon_name:string, polygon:dynamic)
[
    "New York", dynamic({"type":"Polygon", "coordinates":[[[-73.97375470114766,40.74300078124614],[-73.98653921014294,40.75486501361894],[-73.99910622331991,40.74112695466084],[-73.97375470114766,40.74300078124614]]]}),
    "Paris", dynamic({"type":"Polygon","coordinates":[[[2.57564669886321,48.769567764921334],[2.420098611499384,49.05163394896812],[2.1016783119165723,48.80113794475062],[2.57564669886321,48.769567764921334]]]}),
];
let locations = datatable(location_name:string, longitude:real, latitude:real)
[
    "Empire State Building", -73.98567337898565, 40.74842629977377,
    "NY National Museum of Mathematics", -73.98778501496217, 40.743565232771545,
    "Eiffel Tower", 2.294489426068907, 48.858263476169185,
    "London", -0.13245599272019604, 51.49879464208368,
    "Statue of Liberty",  -74.04462223203123, 40.689195627512674,
];
locations
| evaluate geo_polygon_lookup(polygons, polygon, longitude, latitude, radius = 7000, return_unmatched = true, return_lookup_key = true)`,
    unsupported: "the plugin geo_polygon_lookup is not supported by trailhound",
  },
  {
    page: 'geo-polygon-lookup-plugin.md',
    name: "#4 The following example counts locations by polygon.",
    query: `let polygons = datatable(polygon_name:string, polygon:dynamic)
[
    "New York", dynamic({"type":"Polygon", "coordinates":[[[-73.97375470114766,40.74300078124614],[-73.98653921014294,40.75486501361894],[-73.99910622331991,40.74112695466084],[-73.97375470114766,40.74300078124614]]]}),
    "Paris", dynamic({"type":"Polygon","coordinates":[[[2.57564669886321,48.769567764921334],[2.420098611499384,49.05163394896812],[2.1016783119165723,48.80113794475062],[2.57564669886321,48.769567764921334]]]}),
];
let locations = datatable(location_name:string, longitude:real, latitude:real)
[
    "Empire State Building", -73.98567337898565, 40.74842629977377,
    "NY National Museum of Mathematics", -73.98778501496217, 40.743565232771545,
    "Eiffel Tower", 2.294489426068907, 48.858263476169185,
    "London", -0.13245599272019604, 51.49879464208368,
    "Statue of Liberty",  -74.04462223203123, 40.689195627512674,
];
locations
| evaluate geo_polygon_lookup(polygons, polygon, longitude, latitude)
| summarize count() by polygon_name`,
    unsupported: "the plugin geo_polygon_lookup is not supported by trailhound",
  },
  {
    page: 'geo-polygon-perimeter-function.md',
    name: "#1 The following example calculates the NYC Central Park perimeter, in meters.",
    query: `let central_park = dynamic({"type":"Polygon","coordinates":[[[-73.9495,40.7969],[-73.95807266235352,40.80068603561921],[-73.98201942443848,40.76825672305777],[-73.97317886352539,40.76455136505513],[-73.9495,40.7969]]]});
print perimeter = geo_polygon_perimeter(central_park)`,
    unsupported: "the function geo_polygon_perimeter() is not supported by trailhound",
  },
  {
    page: 'geo-polygon-perimeter-function.md',
    name: "#2 The following example performs union of polygons in multipolygon and calculates perimeter of the unified polyg",
    query: `let polygons = dynamic({"type":"MultiPolygon","coordinates":[[[[-73.9495,40.7969],[-73.95807266235352,40.80068603561921],[-73.98201942443848,40.76825672305777],[-73.97317886352539,40.76455136505513],[-73.9495,40.7969]]],[[[-73.94262313842773,40.775991804565585],[-73.98107528686523,40.791849155467695],[-73.99600982666016,40.77092185281977],[-73.96150588989258,40.75609977566361],[-73.94262313842773,40.775991804565585]]]]});
print perimeter = geo_polygon_perimeter(polygons)`,
    unsupported: "the function geo_polygon_perimeter() is not supported by trailhound",
  },
  {
    page: 'geo-polygon-perimeter-function.md',
    name: "#3 The following example returns True because of the invalid polygon.",
    query: `print is_invalid = isnull(geo_polygon_perimeter(dynamic({"type": "Polygon","coordinates": [[[0,0],[10,10],[10,10],[0,0]]]})))`,
    unsupported: "the function geo_polygon_perimeter() is not supported by trailhound",
  },
  {
    page: 'geo-polygon-simplify-function.md',
    name: "#1 The following example simplifies polygons by removing vertices that are within a 10-meter distance from each o",
    query: `let polygon = dynamic({"type":"Polygon","coordinates":[[[-73.94885122776031,40.79673476355657],[-73.94885927438736,40.79692258628347],[-73.94887939095497,40.79692055577034],[-73.9488673210144,40.79693476936093],[-73.94888743758202,40.79693476936093],[-73.9488834142685,40.796959135509105],[-73.94890084862709,40.79695304397289],[-73.94906312227248,40.79710736271788],[-73.94923612475395,40.7968708081794],[-73.94885122776031,40.79673476355657]]]});
print simplified = geo_polygon_simplify(polygon)`,
    unsupported: "the function geo_polygon_simplify() is not supported by trailhound",
  },
  {
    page: 'geo-polygon-simplify-function.md',
    name: "#4 The following example returns True because of the invalid polygon.",
    query: `let polygon = dynamic({"type":"Polygon","coordinates":[[[5,48],[5,48]]]});
print is_invalid_polygon = isnull(geo_polygon_simplify(polygon))`,
    unsupported: "the function geo_polygon_simplify() is not supported by trailhound",
  },
  {
    page: 'geo-polygon-simplify-function.md',
    name: "#5 The following example returns True because of the invalid tolerance.",
    query: `let polygon = dynamic({"type":"Polygon","coordinates":[[[5,48],[0,50],[0,47],[4,47],[5,48]]]});
print is_invalid_polygon = isnull(geo_polygon_simplify(polygon, -0.1))`,
    unsupported: "the function geo_polygon_simplify() is not supported by trailhound",
  },
  {
    page: 'geo-polygon-simplify-function.md',
    name: "#6 The following example returns True because high tolerance causes polygon to disappear.",
    query: `let polygon = dynamic({"type":"Polygon","coordinates":[[[5,48],[0,50],[0,47],[4,47],[5,48]]]});
print is_invalid_polygon = isnull(geo_polygon_simplify(polygon, 1000000))`,
    unsupported: "the function geo_polygon_simplify() is not supported by trailhound",
  },
  {
    page: 'geo-polygon-to-h3cells-function.md',
    name: "#1 The following example calculates H3 cells that approximate the polygon.",
    query: `let polygon = dynamic({"type":"Polygon","coordinates":[[[-3.659,40.553],[-3.913,40.409],[-3.729,40.273],[-3.524,40.440],[-3.659,40.553]]]});
print h3_cells = geo_polygon_to_h3cells(polygon)`,
    unsupported: "the function geo_polygon_to_h3cells() is not supported by trailhound",
  },
  {
    page: 'geo-polygon-to-h3cells-function.md',
    name: "#2 The following example demonstrates a multipolygon that consists of H3 cells that approximate the above polygon",
    query: `let polygon = dynamic({"type":"Polygon","coordinates":[[[-3.659,40.553],[-3.913,40.409],[-3.729,40.273],[-3.524,40.440],[-3.659,40.553]]]});
print h3_cells = geo_polygon_to_h3cells(polygon)
| mv-expand cell = h3_cells to typeof(string) // extract cell to a separate row
| project polygon_cell = geo_h3cell_to_polygon(cell) // convert each cell to a polygon
| project individual_polygon_coordinates = pack_array(polygon_cell.coordinates)
| summarize multipolygon_coordinates = make_list(individual_polygon_coordinates)
| project multipolygon = bag_pack("type","MultiPolygon", "coordinates", multipolygon_coordinates)`,
    unsupported: "the function geo_polygon_to_h3cells() is not supported by trailhound",
  },
  {
    page: 'geo-polygon-to-h3cells-function.md',
    name: "#3 The following example return null because the polygon is invalid.",
    query: `let polygon = dynamic({"type":"Polygon","coordinates":[[[0,0],[1,1]]]});
print is_null = isnull(geo_polygon_to_h3cells(polygon))`,
    unsupported: "the function geo_polygon_to_h3cells() is not supported by trailhound",
  },
  {
    page: 'geo-polygon-to-s2cells-function.md',
    name: "#1 Without this function, here's one approach we could take in order to classify coordinates into polygons contai",
    query: `let Polygons = 
    datatable(description:string, polygon:dynamic)
    [  
      "New York",  dynamic({"type":"Polygon","coordinates":[[[-73.85009765625,40.85744791303121],[-74.16046142578125,40.84290487729676],[-74.190673828125,40.59935608796518],[-73.83087158203125,40.61812224225511],[-73.85009765625,40.85744791303121]]]}),
      "Seattle",   dynamic({"type":"Polygon","coordinates":[[[-122.200927734375,47.68573021131587],[-122.4591064453125,47.68573021131587],[-122.4755859375,47.468949677672484],[-122.17620849609374,47.47266286861342],[-122.200927734375,47.68573021131587]]]}),
      "Las Vegas", dynamic({"type":"Polygon","coordinates":[[[-114.9,36.36],[-115.4498291015625,36.33282808737917],[-115.4498291015625,35.84453450421662],[-114.949951171875,35.902399875143615],[-114.9,36.36]]]}),
    ];
let Coordinates = 
    datatable(longitude:real, latitude:real)
    [
      real(-73.95),  real(40.75), // New York
      real(-122.3),  real(47.6),  // Seattle
      real(-115.18), real(36.16)  // Las Vegas
    ];
Polygons | extend dummy=1
| join kind=inner (Coordinates | extend dummy=1) on dummy
| where geo_point_in_polygon(longitude, latitude, polygon)
| project longitude, latitude, description`,
    unsupported: "the function geo_point_in_polygon() is not supported by trailhound",
  },
  {
    page: 'geo-polygon-to-s2cells-function.md',
    name: "#2 The following example classifies coordinates into polygons.",
    query: `let Polygons = 
    datatable(description:string, polygon:dynamic)
    [
        'Greenwich Village', dynamic({"type":"Polygon","coordinates":[[[-73.991460000000131,40.731738000000206],[-73.992854491775518,40.730082566051351],[-73.996772,40.725432000000154],[-73.997634685522883,40.725786309886963],[-74.002855946639244,40.728346630056791],[-74.001413,40.731065000000207],[-73.996796995070824,40.73736378205173],[-73.991724524037934,40.735245208931886],[-73.990703782359589,40.734781896080477],[-73.991460000000131,40.731738000000206]]]}),
        'Upper West Side',   dynamic({"type":"Polygon","coordinates":[[[-73.958357552055688,40.800369095633819],[-73.98143901556422,40.768762584141953],[-73.981548752788598,40.7685590292784],[-73.981565335901905,40.768307084720796],[-73.981754418060945,40.768399727738668],[-73.982038573548124,40.768387823012056],[-73.982268248204349,40.768298621883247],[-73.982384797518051,40.768097213086911],[-73.982320919746599,40.767894461792181],[-73.982155532845766,40.767756204474757],[-73.98238873834039,40.767411004834273],[-73.993650353659021,40.772145571634361],[-73.99415893763998,40.772493009137818],[-73.993831082030937,40.772931787850908],[-73.993891252437052,40.772955194876722],[-73.993962585514595,40.772944653908901],[-73.99401262480508,40.772882846631894],[-73.994122058082397,40.77292405902601],[-73.994136652588594,40.772901870174394],[-73.994301342391154,40.772970028663913],[-73.994281535134448,40.77299380206933],[-73.994376552751078,40.77303955110149],[-73.994294029824005,40.773156243992048],[-73.995023275860802,40.773481196576356],[-73.99508939189289,40.773388475039134],[-73.995013963716758,40.773358035426909],[-73.995050284699261,40.773297153189958],[-73.996240651898916,40.773789791397689],[-73.996195837470992,40.773852356184044],[-73.996098807369748,40.773951805299085],[-73.996179459973888,40.773986954351571],[-73.996095245226442,40.774086186437756],[-73.995572265161172,40.773870731394297],[-73.994017424135961,40.77321375261053],[-73.993935876811335,40.773179512586211],[-73.993861942928888,40.773269531698837],[-73.993822393527211,40.773381758622882],[-73.993767019318497,40.773483981224835],[-73.993698463744295,40.773562141052594],[-73.993358326468751,40.773926888327956],[-73.992622663865575,40.774974056037109],[-73.992577842766124,40.774956016359418],[-73.992527743951555,40.775002110439829],[-73.992469745815342,40.775024159551755],[-73.992403837191887,40.775018140390664],[-73.99226708903538,40.775116033858794],[-73.99217809026365,40.775279293897171],[-73.992059084937338,40.775497598192516],[-73.992125372394938,40.775509075053385],[-73.992226867797001,40.775482211026116],[-73.992329346608813,40.775468900958522],[-73.992361756801131,40.775501899766638],[-73.992386042960277,40.775557180424634],[-73.992087684712729,40.775983970821372],[-73.990927174149746,40.777566878763238],[-73.99039616003671,40.777585065679204],[-73.989461267506471,40.778875124584417],[-73.989175778438053,40.779287524015778],[-73.988868617400072,40.779692922911607],[-73.988871874499793,40.779713738253008],[-73.989219022880576,40.779697895209402],[-73.98927785904425,40.779723439271038],[-73.989409054180143,40.779737706471963],[-73.989498614927044,40.779725044389757],[-73.989596493388234,40.779698146683387],[-73.989679812902509,40.779677568658038],[-73.989752702937935,40.779671244211556],[-73.989842247806507,40.779680752670664],[-73.990040102120489,40.779707677698219],[-73.990137977524839,40.779699769704784],[-73.99033584033225,40.779661794394983],[-73.990430598697046,40.779664973055503],[-73.990622199396725,40.779676064914298],[-73.990745069505479,40.779671328184051],[-73.990872114282197,40.779646007643876],[-73.990961672224358,40.779639683751753],[-73.991057472829539,40.779652352625774],[-73.991157429497036,40.779669775606465],[-73.991242817404469,40.779671367084504],[-73.991255318289745,40.779650782516491],[-73.991294887120119,40.779630209208889],[-73.991321967649895,40.779631796041372],[-73.991359455569423,40.779585883337383],[-73.991551059227476,40.779574821437407],[-73.99141982585985,40.779755280287233],[-73.988886144117032,40.779878898532999],[-73.988939656706265,40.779956178440393],[-73.988926103530844,40.780059292013632],[-73.988911680264692,40.780096037146606],[-73.988919261468567,40.780226094343945],[-73.988381050202634,40.780981074045783],[-73.988232413846987,40.781233144215555],[-73.988210420831663,40.781225482542055],[-73.988140000000143,40.781409000000224],[-73.988041288067166,40.781585961353777],[-73.98810029382463,40.781602878305286],[-73.988076449145055,40.781650935001608],[-73.988018059972219,40.781634188810422],[-73.987960792842145,40.781770987031535],[-73.985465811970457,40.785360700575431],[-73.986172704965611,40.786068452258647],[-73.986455862401996,40.785919219081421],[-73.987072345615601,40.785189638820121],[-73.98711901394276,40.785210319004058],[-73.986497781023601,40.785951202887254],[-73.986164628806279,40.786121882448327],[-73.986128422486075,40.786239001331111],[-73.986071135219746,40.786240706026611],[-73.986027274789123,40.786228964236727],[-73.986097637849426,40.78605822569795],[-73.985429321269592,40.785413942184597],[-73.985081137732209,40.785921935110366],[-73.985198833254501,40.785966552197777],[-73.985170502389906,40.78601333415817],[-73.985216218673656,40.786030501816427],[-73.98525509797993,40.785976205511588],[-73.98524273937646,40.785972572653328],[-73.98524962933017,40.785963139855845],[-73.985281779186749,40.785978620950075],[-73.985240032884533,40.786035858136792],[-73.985683885242182,40.786222123919686],[-73.985717529004575,40.786175994668795],[-73.985765660297687,40.786196274858618],[-73.985682871922691,40.786309786213067],[-73.985636270930442,40.786290150649279],[-73.985670722564691,40.786242911993817],[-73.98520511880038,40.786047669212785],[-73.985211035607492,40.786039554883686],[-73.985162639946992,40.786020999769754],[-73.985131636312062,40.786060297019972],[-73.985016964065125,40.78601423719563],[-73.984655078830457,40.786534741807841],[-73.985743787901043,40.786570082854738],[-73.98589227228328,40.786426529019593],[-73.985942854994988,40.786452847880334],[-73.985949561556794,40.78648711396653],[-73.985812373526713,40.786616865357047],[-73.985135209703174,40.78658761889551],[-73.984619428584324,40.786586016349787],[-73.981952458164173,40.790393724337193],[-73.972823037363767,40.803428052816756],[-73.971036786332192,40.805918478839672],[-73.966701,40.804169000000186],[-73.959647,40.801156000000113],[-73.958508540159471,40.800682279767472],[-73.95853274080838,40.800491362464697],[-73.958357552055688,40.800369095633819]]]}),
        'Upper East Side',   dynamic({"type":"Polygon","coordinates":[[[-73.943592454622546,40.782747908206574],[-73.943648235390199,40.782656161333449],[-73.943870759887162,40.781273026571704],[-73.94345932494096,40.780048275653243],[-73.943213862652243,40.779317588660199],[-73.943004239504688,40.779639495474292],[-73.942716005450905,40.779544169476175],[-73.942712374762181,40.779214856940001],[-73.942535563208608,40.779090956062532],[-73.942893408188027,40.778614093246276],[-73.942438481745029,40.777315235766039],[-73.942244919522594,40.777104088947254],[-73.942074188038887,40.776917846977142],[-73.942002667222781,40.776185317382648],[-73.942620205199006,40.775180871576474],[-73.94285645694552,40.774796600349191],[-73.94293043781397,40.774676268036011],[-73.945870899588215,40.771692257932997],[-73.946618690150586,40.77093339256956],[-73.948664164778933,40.768857624399587],[-73.950069793030679,40.767025088383498],[-73.954418260786071,40.762184104951245],[-73.95650786241211,40.760285256574043],[-73.958787773424007,40.758213471309809],[-73.973015157270069,40.764278692864671],[-73.955760332998182,40.787906554459667],[-73.944023,40.782960000000301],[-73.943592454622546,40.782747908206574]]]}),
    ];
let Coordinates = 
    datatable(longitude:real, latitude:real)
    [
        real(-73.9741), 40.7914, // Upper West Side
        real(-73.9950), 40.7340, // Greenwich Village
        real(-73.9584), 40.7688, // Upper East Side
    ];
let Level = 16;
Polygons
| extend covering = geo_polygon_to_s2cells(polygon, Level) // cover every polygon with s2 cell token array
| mv-expand covering to typeof(string)                     // expand cells array such that every row will have one cell mapped to its polygon
| join kind=inner hint.strategy=broadcast                  // assume that Polygons count is small (In some specific case)
(
    Coordinates
    | extend covering = geo_point_to_s2cell(longitude, latitude, Level) // cover point with cell
) on covering // join on the cell, this filters out rows of point and polygons where the point definitely does not belong to the polygon
| where geo_point_in_polygon(longitude, latitude, polygon) // final filtering for exact result
| project longitude, latitude, description`,
    unsupported: "the function geo_polygon_to_s2cells() is not supported by trailhound",
  },
  {
    page: 'geo-polygon-to-s2cells-function.md',
    name: "#5 Count of cells that will be needed in order to cover some polygon with S2 cells of level 5.",
    query: `let polygon = dynamic({"type":"Polygon","coordinates":[[[0,0],[0,50],[100,50],[0,0]]]});
print s2_cell_token_count = array_length(geo_polygon_to_s2cells(polygon, 5));`,
    unsupported: "the function geo_polygon_to_s2cells() is not supported by trailhound",
  },
  {
    page: 'geo-polygon-to-s2cells-function.md',
    name: "#6 Covering a large-area polygon with small-area cells returns null.",
    query: `let polygon = dynamic({"type":"Polygon","coordinates":[[[0,0],[0,50],[100,50],[0,0]]]});
print geo_polygon_to_s2cells(polygon, 30);`,
    unsupported: "the function geo_polygon_to_s2cells() is not supported by trailhound",
  },
  {
    page: 'geo-polygon-to-s2cells-function.md',
    name: "#7 Covering a large-area polygon with small-area cells returns null.",
    query: `let polygon = dynamic({"type":"Polygon","coordinates":[[[0,0],[0,50],[100,50],[0,0]]]});
print isnull(geo_polygon_to_s2cells(polygon, 30));`,
    unsupported: "the function geo_polygon_to_s2cells() is not supported by trailhound",
  },
  {
    page: 'geo-s2cell-neighbors-function.md',
    name: "#1 The following example calculates S2 cell neighbors.",
    query: `print neighbors = geo_s2cell_neighbors('89c259')`,
    unsupported: "the function geo_s2cell_neighbors() is not supported by trailhound",
  },
  {
    page: 'geo-s2cell-neighbors-function.md',
    name: "#2 The following example calculates an array of input S2 cell with its neighbors.",
    query: `let s2cell = '89c259';
print cells = array_concat(pack_array(s2cell), geo_s2cell_neighbors(s2cell))`,
    unsupported: "the function geo_s2cell_neighbors() is not supported by trailhound",
  },
  {
    page: 'geo-s2cell-neighbors-function.md',
    name: "#3 The following example calculates S2 cells polygons GeoJSON geometry collection.",
    query: `let s2cell = '89c259';
print cells = array_concat(pack_array(s2cell), geo_s2cell_neighbors(s2cell))
| mv-expand cells to typeof(string)
| project polygons = geo_s2cell_to_polygon(cells)
| summarize arr = make_list(polygons)
| project geojson = bag_pack("type", "Feature","geometry", bag_pack("type", "GeometryCollection", "geometries", arr), "properties", bag_pack("name", "polygons"))`,
    unsupported: "the function geo_s2cell_neighbors() is not supported by trailhound",
  },
  {
    page: 'geo-s2cell-neighbors-function.md',
    name: "#4 The following example calculates polygon unions that represent S2 cell and its neighbors.",
    query: `let s2cell = '89c259';
print cells = array_concat(pack_array(s2cell), geo_s2cell_neighbors(s2cell))
| mv-expand cells to typeof(string)
| project polygons = geo_s2cell_to_polygon(cells)
| summarize arr = make_list(polygons)
| project polygon = geo_union_polygons_array(arr)`,
    unsupported: "the function geo_s2cell_neighbors() is not supported by trailhound",
  },
  {
    page: 'geo-s2cell-neighbors-function.md',
    name: "#5 The following example returns true because of the invalid S2 Cell token input.",
    query: `print invalid = isnull(geo_s2cell_neighbors('a'))`,
    unsupported: "the function geo_s2cell_neighbors() is not supported by trailhound",
  },
  {
    page: 'geo-s2cell-to-central-point-function.md',
    name: "#1 The following example calculates the geospatial coordinates that represent the center of an S2 cell.",
    query: `print point = geo_s2cell_to_central_point("1234567")
| extend coordinates = point.coordinates
| extend longitude = coordinates[0], latitude = coordinates[1]`,
    unsupported: "the function geo_s2cell_to_central_point() is not supported by trailhound",
  },
  {
    page: 'geo-s2cell-to-central-point-function.md',
    name: "#2 The following example returns a null result because of the invalid S2 cell token input.",
    query: `print point = geo_s2cell_to_central_point("a")`,
    unsupported: "the function geo_s2cell_to_central_point() is not supported by trailhound",
  },
  {
    page: 'geo-s2cell-to-polygon-function.md',
    name: "#1 The following example calculates the polygon that represents the S2 Cell rectangular area.",
    query: `print s2cellPolygon = geo_s2cell_to_polygon("89c259")`,
    unsupported: "the function geo_s2cell_to_polygon() is not supported by trailhound",
  },
  {
    page: 'geo-s2cell-to-polygon-function.md',
    name: "#2 The following example assembles GeoJSON geometry collection of S2 Cell polygons.",
    query: `datatable(lng:real, lat:real)
[
    -73.956683, 40.807907,
    -73.916869, 40.818314,
    -73.989148, 40.743273,
]
| project s2_hash = geo_point_to_s2cell(lng, lat, 10)
| project s2_hash_polygon = geo_s2cell_to_polygon(s2_hash)
| summarize s2_hash_polygon_lst = make_list(s2_hash_polygon)
| project bag_pack(
    "type", "Feature",
    "geometry", bag_pack("type", "GeometryCollection", "geometries", s2_hash_polygon_lst),
    "properties", bag_pack("name", "S2 Cell polygons collection"))`,
    unsupported: "the function geo_point_to_s2cell() is not supported by trailhound",
  },
  {
    page: 'geo-s2cell-to-polygon-function.md',
    name: "#3 The following example returns a null result because of the invalid s2cell token input.",
    query: `print s2cellPolygon = geo_s2cell_to_polygon("a")`,
    unsupported: "the function geo_s2cell_to_polygon() is not supported by trailhound",
  },
  {
    page: 'geo-simplify-polygons-array-function.md',
    name: "#2 The following example returns True because one of the polygons is invalid.",
    query: `datatable(polygons:dynamic)
[
    dynamic({"type":"Polygon","coordinates":[[[-73.9495,40.7969],[-73.95807,40.80068],[-73.98201,40.76825],[-73.97317,40.76455],[-73.9495,40.7969]]]}),
    dynamic({"type":"Polygon","coordinates":[[[-73.94622,40.79249]]]}),
    dynamic({"type":"Polygon","coordinates":[[[-73.97335,40.77274],[-73.9936,40.76630],[-73.97171,40.75655],[-73.97335,40.77274]]]})
]
| summarize arr = make_list(polygons)
| project is_invalid_polygon = isnull(geo_simplify_polygons_array(arr))`,
    unsupported: "the function geo_simplify_polygons_array() is not supported by trailhound",
  },
  {
    page: 'geo-simplify-polygons-array-function.md',
    name: "#3 The following example returns True because of the invalid tolerance.",
    query: `datatable(polygons:dynamic)
[
    dynamic({"type":"Polygon","coordinates":[[[-73.9495,40.7969],[-73.95807,40.80068],[-73.98201,40.76825],[-73.97317,40.76455],[-73.9495,40.7969]]]}),
    dynamic({"type":"Polygon","coordinates":[[[-73.94622,40.79249],[-73.96888,40.79282],[-73.9577,40.7789],[-73.94622,40.79249]]]}),
    dynamic({"type":"Polygon","coordinates":[[[-73.97335,40.77274],[-73.9936,40.76630],[-73.97171,40.75655],[-73.97335,40.77274]]]})
]
| summarize arr = make_list(polygons)
| project is_null = isnull(geo_simplify_polygons_array(arr, -1))`,
    unsupported: "the function geo_simplify_polygons_array() is not supported by trailhound",
  },
  {
    page: 'geo-simplify-polygons-array-function.md',
    name: "#4 The following example returns True because high tolerance causes polygon to disappear.",
    query: `datatable(polygons:dynamic)
[
    dynamic({"type":"Polygon","coordinates":[[[-73.9495,40.7969],[-73.95807,40.80068],[-73.98201,40.76825],[-73.97317,40.76455],[-73.9495,40.7969]]]}),
    dynamic({"type":"Polygon","coordinates":[[[-73.94622,40.79249],[-73.96888,40.79282],[-73.9577,40.7789],[-73.94622,40.79249]]]}),
    dynamic({"type":"Polygon","coordinates":[[[-73.97335,40.77274],[-73.9936,40.76630],[-73.97171,40.75655],[-73.97335,40.77274]]]})
]
| summarize arr = make_list(polygons)
| project is_null = isnull(geo_simplify_polygons_array(arr, 10000))`,
    unsupported: "the function geo_simplify_polygons_array() is not supported by trailhound",
  },
  {
    page: 'geo-union-lines-array-function.md',
    name: "#1 The following example performs geospatial union on line rows.",
    query: `datatable(lines:dynamic)
[
    dynamic({"type":"LineString","coordinates":[[-73.95683884620665,40.80502891480884],[-73.95633727312088,40.8057171711177],[-73.95489156246185,40.80510200431311]]}),
    dynamic({"type":"LineString","coordinates":[[-73.95633727312088,40.8057171711177],[-73.95489156246185,40.80510200431311],[-73.95537436008453,40.804413741624515]]}),
    dynamic({"type":"LineString","coordinates":[[-73.95633727312088,40.8057171711177],[-73.95489156246185,40.80510200431311]]})
]
| summarize lines_arr = make_list(lines)
| project lines_union = geo_union_lines_array(lines_arr)`,
    unsupported: "the function geo_union_lines_array() is not supported by trailhound",
  },
  {
    page: 'geo-union-lines-array-function.md',
    name: "#2 The following example performs geospatial union on line columns.",
    query: `datatable(line1:dynamic, line2:dynamic)
[
    dynamic({"type":"LineString","coordinates":[[-73.95683884620665,40.80502891480884],[-73.95633727312088,40.8057171711177],[-73.95489156246185,40.80510200431311]]}), dynamic({"type":"LineString","coordinates":[[-73.95633727312088,40.8057171711177],[-73.95489156246185,40.80510200431311],[-73.95537436008453,40.804413741624515]]})
]
| project lines_arr = pack_array(line1, line2)
| project lines_union = geo_union_lines_array(lines_arr)`,
    unsupported: "the function geo_union_lines_array() is not supported by trailhound",
  },
  {
    page: 'geo-union-lines-array-function.md',
    name: "#3 The following example returns True because one of the lines is invalid.",
    query: `datatable(lines:dynamic)
[
    dynamic({"type":"LineString","coordinates":[[-73.95683884620665,40.80502891480884],[-73.95633727312088,40.8057171711177],[-73.95489156246185,40.80510200431311]]}),
    dynamic({"type":"LineString","coordinates":[[1, 1]]})
]
| summarize lines_arr = make_list(lines)
| project invalid_union = isnull(geo_union_lines_array(lines_arr))`,
    unsupported: "the function geo_union_lines_array() is not supported by trailhound",
  },
  {
    page: 'geo-union-polygons-array-function.md',
    name: "#1 The following example performs geospatial union on polygon rows.",
    query: `datatable(polygons:dynamic)
[
    dynamic({"type":"Polygon","coordinates":[[[-73.9495,40.7969],[-73.95807,40.80068],[-73.98201,40.76825],[-73.97317,40.76455],[-73.9495,40.7969]]]}),
    dynamic({"type":"Polygon","coordinates":[[[-73.94622,40.79249],[-73.96888,40.79282],[-73.9577,40.7789],[-73.94622,40.79249]]]}),
    dynamic({"type":"Polygon","coordinates":[[[-73.97335,40.77274],[-73.9936,40.76630],[-73.97171,40.75655],[-73.97335,40.77274]]]})
]
| summarize polygons_arr = make_list(polygons)
| project polygons_union = geo_union_polygons_array(polygons_arr)`,
    unsupported: "the function geo_union_polygons_array() is not supported by trailhound",
  },
  {
    page: 'geo-union-polygons-array-function.md',
    name: "#2 The following example performs geospatial union on polygon columns.",
    query: `datatable(polygon1:dynamic, polygon2:dynamic)
[
    dynamic({"type":"Polygon","coordinates":[[[-73.9495,40.7969],[-73.95807,40.80068],[-73.98201,40.76825],[-73.97317,40.76455],[-73.9495,40.7969]]]}), dynamic({"type":"Polygon","coordinates":[[[-73.94622,40.79249],[-73.96888,40.79282],[-73.9577,40.7789],[-73.94622,40.79249]]]})
]
| project polygons_arr = pack_array(polygon1, polygon2)
| project polygons_union = geo_union_polygons_array(polygons_arr)`,
    unsupported: "the function geo_union_polygons_array() is not supported by trailhound",
  },
  {
    page: 'geo-union-polygons-array-function.md',
    name: "#3 The following example returns True because one of the polygons is invalid.",
    query: `datatable(polygons:dynamic)
[
    dynamic({"type":"Polygon","coordinates":[[[-73.9495,40.7969],[-73.95807,40.80068],[-73.98201,40.76825],[-73.97317,40.76455],[-73.9495,40.7969]]]}),
    dynamic({"type":"Polygon","coordinates":[[[-73.94622,40.79249]]]})
]
| summarize polygons_arr = make_list(polygons)
| project invalid_union = isnull(geo_union_polygons_array(polygons_arr))`,
    unsupported: "the function geo_union_polygons_array() is not supported by trailhound",
  },
  {
    page: 'geospatial-joins.md',
    name: "#1 The following example illustrates join on locations using [S2](geo-point-to-s2cell-function.md).",
    query: `let locations1 = datatable(name: string, longitude: real, latitude: real)
[
    "a", -0.12433080766874127, 51.51115841361647,
    "b", -0.12432651341458723, 51.511160848670585,
    "c", -0.12432466939637266, 51.51115959669167,
    "d", 1,                    1,
];
let locations2 = datatable(id: string, longitude: real, latitude: real)
[
    "1", -0.12432668105284961, 51.51115938802832
];
let s2_join_level = 22; // More about join levels: https://learn.microsoft.com/en-us/kusto/query/geo-point-to-s2cell-function?view=azure-data-explorer
locations1
| extend hash = geo_point_to_s2cell(longitude, latitude, s2_join_level)
| join kind = inner (locations2 | extend hash = geo_point_to_s2cell(longitude, latitude, s2_join_level)) on hash
| project name, id`,
    unsupported: "the function geo_point_to_s2cell() is not supported by trailhound",
  },
  {
    page: 'geospatial-joins.md',
    name: "#2 The following example illustrates join on locations using [H3](geo-point-to-h3cell-function.md) while accounti",
    query: `let locations1 = datatable(name: string, longitude: real, latitude: real)
[
    "a", -0.12433080766874127, 51.51115841361647,
    "b", -0.12432651341458723, 51.511160848670585,
    "c", -0.12432466939637266, 51.51115959669167,
    "d", 1,                    1,
];
let locations2 = datatable(id: string, longitude: real, latitude: real)
[
    "1", -0.12432668105284961, 51.51115938802832
];
let to_hash = (lng: real, lat: real)
{
    let h3_hash_level = 14; // More about join levels: https://learn.microsoft.com/en-us/kusto/query/geo-point-to-h3cell-function?view=azure-data-explorer
    let h3_hash = geo_point_to_h3cell(lng, lat, h3_hash_level);
    array_concat(pack_array(h3_hash), geo_h3cell_neighbors(h3_hash))
};
locations1
| extend hash = to_hash(longitude, latitude)
| mv-expand hash to typeof(string)
| join kind = inner (
    locations2
    | extend hash = to_hash(longitude, latitude)
    | mv-expand hash to typeof(string))
    on hash
| distinct name, id, longitude, latitude`,
    unsupported: "the function geo_point_to_h3cell() is not supported by trailhound",
  },
  {
    page: 'geospatial-joins.md',
    name: "#3 The following example illustrates join of locations from locations1 table with locations from locations2 table",
    query: `let locations1 = datatable(name: string, longitude: real, latitude: real)
[
    "O2 Entrance", 0.005889454501716321, 51.50238626916584,
    "O2 Entrance", 0.0009625704125020596,51.50385432770013,
    "Greenwich Park", 0.0009395106042404677, 51.47700456557013,
];
let locations2 = datatable(id: string, longitude: real, latitude: real)
[
    "O2 Arena", 0.003159306017352037, 51.502929224128394
]
| extend buffer = geo_point_buffer(0.003159306017352037, 51.502929224128394, 300, 0.1); // Create a radius of 300 meters from O2 center location
locations1
| evaluate geo_polygon_lookup(locations2, buffer, longitude, latitude)
| project name, id, longitude, latitude`,
    unsupported: "the function geo_point_buffer() is not supported by trailhound",
  },
]);
