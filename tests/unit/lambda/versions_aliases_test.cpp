#include "lambda_fixture.h"

using namespace stepsim::lambda::test;
using stepsim::core::encodeBase64;
using stepsim::lambda::sha256Base64;

TEST_CASE("versions: publish, republish unchanged, list, delete", "[lambda][versions]") {
  Fixture f;
  json created = f.create("fn", {{"Publish", true}});
  CHECK(created["Version"] == "1");
  CHECK(created["FunctionArn"] == std::string(kArnPrefix) + "fn:1");

  // Nothing changed: the latest version comes back, no new one.
  json again = f.call("PublishVersion", {{"FunctionName", "fn"}});
  CHECK(again["Version"] == "1");

  f.call("UpdateFunctionConfiguration", {{"FunctionName", "fn"}, {"Timeout", 10}});
  std::string sha = f.call("GetFunctionConfiguration", {{"FunctionName", "fn"}})["CodeSha256"];
  auto wrongSha = f.error("PublishVersion", {{"FunctionName", "fn"}, {"CodeSha256", "abc"}});
  CHECK(wrongSha.code == "InvalidParameterValueException");
  CHECK(f.error("PublishVersion", {{"FunctionName", "fn"}, {"RevisionId", "stale"}}).httpStatus ==
        412);
  json v2 = f.call("PublishVersion",
                   {{"FunctionName", "fn"}, {"CodeSha256", sha}, {"Description", "second"}});
  CHECK(v2["Version"] == "2");
  CHECK(v2["Timeout"] == 10);
  CHECK(v2["Description"] == "second");
  CHECK(f.call("GetFunctionConfiguration", {{"FunctionName", "fn:1"}})["Timeout"] == 3);

  json versions = f.call("ListVersionsByFunction", {{"FunctionName", "fn"}})["Versions"];
  REQUIRE(versions.size() == 3);
  CHECK(versions[0]["Version"] == "$LATEST");
  CHECK(versions[0]["FunctionArn"] == std::string(kArnPrefix) + "fn:$LATEST");
  CHECK(versions[1]["Version"] == "1");
  CHECK(versions[2]["Version"] == "2");

  json page = f.call("ListVersionsByFunction", {{"FunctionName", "fn"}, {"MaxItems", 2}});
  CHECK(page["Versions"].size() == 2);
  REQUIRE(page.contains("NextMarker"));
  json rest =
      f.call("ListVersionsByFunction", {{"FunctionName", "fn"}, {"Marker", page["NextMarker"]}});
  REQUIRE(rest["Versions"].size() == 1);
  CHECK(rest["Versions"][0]["Version"] == "2");
  CHECK_FALSE(rest.contains("NextMarker"));

  json all = f.call("ListFunctions", {{"FunctionVersion", "ALL"}})["Functions"];
  CHECK(all.size() == 3);
  CHECK(f.call("ListFunctions", json::object())["Functions"].size() == 1);

  CHECK(f.error("DeleteFunction", {{"FunctionName", "fn"}, {"Qualifier", "$LATEST"}}).code ==
        "InvalidParameterValueException");
  CHECK(f.error("DeleteFunction", {{"FunctionName", "fn"}, {"Qualifier", "9"}}).httpStatus == 404);
  f.call("CreateAlias", {{"FunctionName", "fn"}, {"Name", "live"}, {"FunctionVersion", "1"}});
  auto inUse = f.error("DeleteFunction", {{"FunctionName", "fn"}, {"Qualifier", "1"}});
  CHECK(inUse.code == "ResourceConflictException");
  CHECK(inUse.httpStatus == 409);
  CHECK_THAT(inUse.message, Catch::Contains("live"));
  f.call("DeleteFunction", {{"FunctionName", "fn:2"}});
  CHECK(f.error("GetFunction", {{"FunctionName", "fn:2"}}).httpStatus == 404);
  // Numbers are never reused.
  f.call("UpdateFunctionConfiguration", {{"FunctionName", "fn"}, {"Timeout", 11}});
  CHECK(f.call("PublishVersion", {{"FunctionName", "fn"}})["Version"] == "3");
}

TEST_CASE("aliases: create, get, list, update, delete", "[lambda][aliases]") {
  Fixture f;
  f.create("fn", {{"Publish", true}});
  f.call("UpdateFunctionConfiguration", {{"FunctionName", "fn"}, {"MemorySize", 256}});
  f.call("PublishVersion", {{"FunctionName", "fn"}});

  json alias =
      f.call("CreateAlias", {{"FunctionName", "fn"},
                             {"Name", "prod"},
                             {"FunctionVersion", "1"},
                             {"Description", "production"},
                             {"RoutingConfig", {{"AdditionalVersionWeights", {{"2", 0.1}}}}}});
  CHECK(alias["AliasArn"] == std::string(kArnPrefix) + "fn:prod");
  CHECK(alias["Name"] == "prod");
  CHECK(alias["FunctionVersion"] == "1");
  CHECK(alias["Description"] == "production");
  CHECK(alias["RoutingConfig"]["AdditionalVersionWeights"]["2"] == 0.1);
  CHECK(f.call("GetAlias", {{"FunctionName", "fn"}, {"Name", "prod"}}) == alias);

  // The alias resolves to its version.
  json viaAlias = f.call("GetFunctionConfiguration", {{"FunctionName", "fn:prod"}});
  CHECK(viaAlias["Version"] == "1");
  CHECK(viaAlias["MemorySize"] == 128);
  CHECK(viaAlias["FunctionArn"] == std::string(kArnPrefix) + "fn:prod");

  CHECK(f.error("CreateAlias", {{"FunctionName", "fn"}, {"Name", "prod"}, {"FunctionVersion", "1"}})
            .httpStatus == 409);
  CHECK(f.error("CreateAlias", {{"FunctionName", "fn"}, {"Name", "12"}, {"FunctionVersion", "1"}})
            .code == "InvalidParameterValueException");
  CHECK(f.error("CreateAlias", {{"FunctionName", "fn"}, {"Name", "x"}, {"FunctionVersion", "9"}})
            .httpStatus == 404);
  CHECK(f.error("CreateAlias", {{"FunctionName", "nope"}, {"Name", "x"}, {"FunctionVersion", "1"}})
            .httpStatus == 404);
  CHECK(f.error("GetAlias", {{"FunctionName", "fn"}, {"Name", "nope"}}).httpStatus == 404);

  f.call("CreateAlias", {{"FunctionName", "fn"}, {"Name", "dev"}, {"FunctionVersion", "$LATEST"}});
  json list = f.call("ListAliases", {{"FunctionName", "fn"}})["Aliases"];
  REQUIRE(list.size() == 2);
  CHECK(list[0]["Name"] == "dev");
  CHECK(list[1]["Name"] == "prod");
  CHECK(
      f.call("ListAliases", {{"FunctionName", "fn"}, {"FunctionVersion", "1"}})["Aliases"].size() ==
      1);

  CHECK(f.error("UpdateAlias", {{"FunctionName", "fn"}, {"Name", "prod"}, {"RevisionId", "x"}})
            .httpStatus == 412);
  json updated =
      f.call("UpdateAlias", {{"FunctionName", "fn"},
                             {"Name", "prod"},
                             {"FunctionVersion", "2"},
                             {"RoutingConfig", {{"AdditionalVersionWeights", json::object()}}},
                             {"RevisionId", alias["RevisionId"]}});
  CHECK(updated["FunctionVersion"] == "2");
  CHECK(updated["RevisionId"] != alias["RevisionId"]);
  CHECK(f.call("GetFunctionConfiguration",
               {{"FunctionName", "fn"}, {"Qualifier", "prod"}})["MemorySize"] == 256);

  CHECK(f.call("DeleteAlias", {{"FunctionName", "fn"}, {"Name", "prod"}}) == json::object());
  CHECK(f.error("DeleteAlias", {{"FunctionName", "fn"}, {"Name", "prod"}}).httpStatus == 404);
  CHECK(f.call("ListAliases", {{"FunctionName", "fn"}})["Aliases"].size() == 1);
  // Version 2 is free again.
  f.call("DeleteFunction", {{"FunctionName", "fn"}, {"Qualifier", "2"}});
}

// A version is named the way Lambda writes it: "1", never "01". The handlers used to read a
// version qualifier as a number in some places ("01" found version 1) and compare it as text in
// others, so an alias created for FunctionVersion "01" was not seen as a user of version 1:
// DeleteFunction removed version 1 under it, and every later GetFunction or Invoke through the
// alias answered a 500 (std::out_of_range from map::at). Now "01" names no version, everywhere.
TEST_CASE("versions: a number written with leading zeros names no version", "[lambda][versions]") {
  Fixture f;
  f.create("fn", {{"Publish", true}});
  std::string missing = std::string(kArnPrefix) + "fn:01";

  auto alias = f.error("CreateAlias",
                       {{"FunctionName", "fn"}, {"Name", "padded"}, {"FunctionVersion", "01"}});
  CHECK(alias.code == "ResourceNotFoundException");
  CHECK(alias.httpStatus == 404);
  CHECK_THAT(alias.message, Catch::Contains(missing));
  f.call("CreateAlias", {{"FunctionName", "fn"}, {"Name", "live"}, {"FunctionVersion", "1"}});
  CHECK(
      f.error("UpdateAlias", {{"FunctionName", "fn"}, {"Name", "live"}, {"FunctionVersion", "01"}})
          .httpStatus == 404);
  CHECK(f.error("UpdateAlias", {{"FunctionName", "fn"},
                                {"Name", "live"},
                                {"RoutingConfig", {{"AdditionalVersionWeights", {{"001", 0.5}}}}}})
            .httpStatus == 404);
  for (const char* name : {"fn:01", "fn:001", "fn:00"}) {
    CHECK(f.error("GetFunction", {{"FunctionName", name}}).httpStatus == 404);
    CHECK(f.error("GetFunctionConfiguration", {{"FunctionName", name}}).httpStatus == 404);
  }
  CHECK(f.error("GetFunction", {{"FunctionName", "fn"}, {"Qualifier", "01"}}).httpStatus == 404);
  auto deleted = f.error("DeleteFunction", {{"FunctionName", "fn"}, {"Qualifier", "01"}});
  CHECK(deleted.httpStatus == 404);
  CHECK_THAT(deleted.message, Catch::Contains(missing));

  // Version 1 is still there, still protected by the alias that names it, still reachable.
  CHECK(f.error("DeleteFunction", {{"FunctionName", "fn"}, {"Qualifier", "1"}}).httpStatus == 409);
  CHECK(f.call("GetFunction", {{"FunctionName", "fn:live"}})["Configuration"]["Version"] == "1");
  CHECK(f.call("GetFunctionConfiguration", {{"FunctionName", "fn:1"}})["Version"] == "1");
  // Past what a 64-bit number holds, digits still name a version, one that does not exist (they
  // were looked up as an alias), and never an alias.
  std::string huge(19, '9');
  CHECK(f.error("GetFunction", {{"FunctionName", "fn:" + huge}}).httpStatus == 404);
  CHECK(f.error("CreateAlias", {{"FunctionName", "fn"}, {"Name", huge}, {"FunctionVersion", "1"}})
            .code == "InvalidParameterValueException");
}

TEST_CASE("tags on CreateFunction, TagResource, UntagResource, ListTags", "[lambda][tags]") {
  Fixture f;
  std::string arn = std::string(kArnPrefix) + "fn";
  f.create("fn", {{"Tags", {{"team", "a"}}}});
  CHECK(f.call("ListTags", {{"Resource", arn}})["Tags"] == json{{"team", "a"}});
  f.call("TagResource", {{"Resource", arn}, {"Tags", {{"env", "dev"}, {"team", "b"}}}});
  CHECK(f.call("ListTags", {{"Resource", arn}})["Tags"] == json{{"env", "dev"}, {"team", "b"}});
  CHECK(f.call("GetFunction", {{"FunctionName", "fn"}})["Tags"] ==
        json{{"env", "dev"}, {"team", "b"}});
  f.call("UntagResource", {{"Resource", arn}, {"TagKeys", {"team", "absent"}}});
  CHECK(f.call("ListTags", {{"Resource", arn}})["Tags"] == json{{"env", "dev"}});
  CHECK(f.error("ListTags", {{"Resource", std::string(kArnPrefix) + "nope"}}).httpStatus == 404);
  CHECK(f.error("ListTags", {{"Resource", arn + ":1"}}).code == "InvalidParameterValueException");
  CHECK(f.error("ListTags", {{"Resource", "fn"}}).code == "InvalidParameterValueException");
}

TEST_CASE("ListFunctions pages of at most 50 with opaque markers", "[lambda][paging]") {
  Fixture f;
  std::string zip = handlerZip();
  for (int i = 0; i < 120; ++i) {
    char name[16];
    std::snprintf(name, sizeof name, "fn-%03d", i);
    f.create(name, json::object(), zip);
  }
  std::vector<std::string> seen;
  json in = json::object();
  int pages = 0;
  while (true) {
    json page = f.call("ListFunctions", in);
    CHECK(page["Functions"].size() <= 50);
    for (const json& fn : page["Functions"]) seen.push_back(fn["FunctionName"]);
    ++pages;
    if (!page.contains("NextMarker")) break;
    in["Marker"] = page["NextMarker"];
  }
  CHECK(pages == 3);
  REQUIRE(seen.size() == 120);
  CHECK(seen.front() == "fn-000");
  CHECK(seen.back() == "fn-119");
  CHECK(f.call("ListFunctions", {{"MaxItems", 1000}})["Functions"].size() == 50);
  json seven = f.call("ListFunctions", {{"MaxItems", 7}});
  CHECK(seven["Functions"].size() == 7);
  CHECK(f.call("ListFunctions",
               {{"MaxItems", 7},
                {"Marker", seven["NextMarker"]}})["Functions"][0]["FunctionName"] == "fn-007");
  CHECK(f.error("ListFunctions", {{"Marker", "garbage"}}).code == "InvalidParameterValueException");
  CHECK(f.error("ListFunctions", {{"MaxItems", 0}}).code == "InvalidParameterValueException");
}

TEST_CASE("GetAccountSettings counts functions and stored code", "[lambda][account]") {
  Fixture f;
  json empty = f.call("GetAccountSettings", json::object());
  CHECK(empty["AccountUsage"] == json{{"FunctionCount", 0}, {"TotalCodeSize", 0}});
  CHECK(empty["AccountLimit"]["CodeSizeZipped"] == 52428800);
  std::string zip = handlerZip();
  f.create("a", {{"Publish", true}}, zip);
  f.create("b", json::object(), zip);
  json usage = f.call("GetAccountSettings", json::object())["AccountUsage"];
  CHECK(usage["FunctionCount"] == 2);
  CHECK(usage["TotalCodeSize"] == 3 * zip.size());
  f.call("DeleteFunction", {{"FunctionName", "a"}});
  CHECK(f.call("GetAccountSettings", json::object())["AccountUsage"]["TotalCodeSize"] ==
        zip.size());
}

TEST_CASE("operations not emulated yet are not implemented", "[lambda]") {
  Fixture f;
  CHECK(f.lambda.implements("CreateFunction"));
  CHECK(f.lambda.implements("Invoke"));
  CHECK_FALSE(f.lambda.implements("ListLayers"));
}
