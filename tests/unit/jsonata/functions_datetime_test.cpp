// Date/time pictures: ISO 8601 both ways, fn:format-dateTime formatting and parsing.
#include <catch2/catch.hpp>

#include <string>

#include "emulator/jsonata/functions/calendar.h"
#include "emulator/jsonata/functions/datetime_format.h"

using namespace stepsim::jsonata;

namespace {

std::string format(std::int64_t millis, std::optional<std::string_view> picture = std::nullopt,
                   std::optional<std::string_view> timezone = std::nullopt) {
  numbers::FormatError error;
  auto text = datetime::format(millis, picture, timezone, error);
  return text ? *text : "error " + error.code;
}

constexpr std::int64_t kNow = 1700000000000;  // 2023-11-14T22:13:20.000Z

std::string parse(std::string_view text, std::string_view picture) {
  datetime::Parsed parsed = datetime::parse(text, picture, kNow, Limits{}, 0);
  if (!parsed.ok) return "error " + parsed.error.code;
  return parsed.millis ? std::to_string(*parsed.millis) : "undefined";
}

}  // namespace

TEST_CASE("calendar arithmetic", "[jsonata][functions][datetime]") {
  CHECK(calendar::toMillis(1970, 0, 1) == 0);
  CHECK(calendar::toMillis(2017, 10, 7, 15, 7, 54, 972) == 1510067274972);
  CHECK(calendar::toMillis(2018, 12, 1) == calendar::toMillis(2019, 0, 1));  // month rolls over
  auto t = calendar::fromMillis(-1);
  CHECK(t.year == 1969);
  CHECK(t.month == 12);
  CHECK(t.day == 31);
  CHECK(t.millisecond == 999);
  CHECK(calendar::dayOfWeek(0) == 4);  // Thursday
  CHECK(calendar::dayOfYear(calendar::toMillis(2020, 11, 31)) == 366);
}

TEST_CASE("ISO 8601 both ways", "[jsonata][functions][datetime]") {
  CHECK(format(1510067274972) == "2017-11-07T15:07:54.972Z");
  CHECK(format(0) == "1970-01-01T00:00:00.000Z");
  CHECK(format(1510067274972, std::nullopt, "+0100") == "2017-11-07T16:07:54.972+01:00");
  CHECK(format(1510067274972, std::nullopt, "-0530") == "2017-11-07T09:37:54.972-05:30");
  CHECK(datetime::parseIso("2017-11-07T15:07:54.972Z") == 1510067274972);
  CHECK(datetime::parseIso("2017-11-07T16:07:54.972+01:00") == 1510067274972);
  CHECK(datetime::parseIso("2017-11-07T16:07:54.972+0100") == 1510067274972);
  CHECK(datetime::parseIso("2017-11-07") == 1510012800000);
  CHECK(datetime::parseIso("2017") == 1483228800000);
  CHECK(datetime::parseIso("2017-11-07T15:07:54Z") == 1510067274000);
  CHECK_FALSE(datetime::parseIso("foo").has_value());
  CHECK_FALSE(datetime::parseIso("2017-13-01").has_value());
  CHECK_FALSE(datetime::parseIso("2017-11-07 15:07").has_value());
}

TEST_CASE("fromMillis pictures", "[jsonata][functions][datetime]") {
  const std::int64_t t = 1521801216617;  // 2018-03-23T10:33:36.617Z, a Friday
  CHECK(format(t, "[Y0001]-[M01]-[D01]") == "2018-03-23");
  CHECK(format(t, "[M]/[D]/[Y]") == "3/23/2018");
  CHECK(format(t, "[D01]/[M01]/[Y0001] [h#1]:[m01][P]") == "23/03/2018 10:33am");
  CHECK(format(t, "[FNn], [D1o] [MNn] [Y]") == "Friday, 23rd March 2018");
  CHECK(format(t, "[Dwo] [MNn] [Y]") == "twenty-third March 2018");
  CHECK(format(t, "[FNn,*-3], [DWwo] [MNn] [Y]") == "Fri, Twenty-Third March 2018");
  CHECK(format(t, "[MN,3-3] [Y,2]") == "MAR 18");
  CHECK(format(t, "[Y01]") == "18");
  CHECK(format(t, "[YI]") == "MMXVIII");
  CHECK(format(t, "[h]:[m01][P] [z]", "-0500") == "5:33am GMT-05:00");
  CHECK(format(t, "[H01]:[m01]:[s01].[f001] [Z]", "+0530") == "16:03:36.617 +05:30");
  CHECK(format(t, "[H]:[m] [Z0101]", "-0800") == "2:33 -0800");
  CHECK(format(t, "[H] [Z01]", "+0100") == "11 +01");
  CHECK(format(t, "[Y]-[M]-[D] [Z01:01t]") == "2018-3-23 Z");
  CHECK(format(t, "[F1] [FNn,3-3]") == "5 Fri");
  CHECK(format(t, "[d] [F] [W] [w] [X] [x] [C] [E]") == "82 friday 12 4 2018 3 ISO ISO");
  CHECK(format(t, "[[[Y]]]") == "[2018]");
  CHECK(format(t, "[ Y 0001 ]") == "2018");
  CHECK(format(calendar::toMillis(2005, 0, 1), "[W] [X] [w] [x]") == "53 2004 5 12");
  CHECK(format(calendar::toMillis(2018, 0, 1, 12), "[h][P] [hN]") == "error D3133");
  CHECK(format(t, "[Q]") == "error D3132");
  CHECK(format(t, "[Y") == "error D3135");
  CHECK(format(t, "[Z00001]") == "error D3134");
}

TEST_CASE("toMillis pictures", "[jsonata][functions][datetime]") {
  CHECK(parse("13/09/2018", "[D]/[M]/[Y]") == "1536796800000");
  CHECK(parse("Wednesday, 14th November 2018", "[FNn], [D1o] [MNn] [Y]") == "1542153600000");
  CHECK(parse("Mon, Twelfth November 2018", "[FNn,*-3], [DWwo] [MNn] [Y]") == "1541980800000");
  CHECK(parse("2018-11-12T10:00:00.123+01:00", "[Y]-[M]-[D]T[H]:[m]:[s].[f][Z01:01]") == "1542013200123");
  CHECK(parse("3:30pm", "[h]:[m][P]") == std::to_string(calendar::toMillis(2023, 10, 14, 15, 30)));
  CHECK(parse("2018", "[Y]") == "1514764800000");
  CHECK(parse("032 2018", "[d] [Y]") == std::to_string(calendar::toMillis(2018, 1, 1)));
  CHECK(parse("MMXVIII", "[YI]") == "1514764800000");
  CHECK(parse("not a date", "[Y]") == "undefined");
  CHECK(parse("20181112", "[Y0001][M01][D01]") == "1541980800000");  // adjacent numbers: by width
  CHECK(parse("2018-11-12 10:00:00.5", "[Y]-[M]-[D] [H]:[m]:[s].[f]") == "1542016800500");  // .5 s
  CHECK(parse("2018-11-12 10:00:00.123456", "[Y]-[M]-[D] [H]:[m]:[s].[f]") == "1542016800123");
  CHECK(parse("2018-11-12 10:00 -0530", "[Y]-[M]-[D] [H]:[m] [Z0101]") == "1542036600000");
  CHECK(parse("2018-mar-4", "[Y]-[MNn,3-3]-[D]") == "1520121600000");  // names in any case
  CHECK(parse("2018 10", "[Y] [m]") == "error D3136");
  CHECK(parse("5 2018", "[W] [X]") == "error D3136");
}
