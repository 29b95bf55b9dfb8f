#include "lambda_fixture.h"

using namespace stepsim::lambda::test;
using stepsim::core::encodeBase64;
using stepsim::lambda::sha256Base64;

TEST_CASE("CodeSha256 is the base64 SHA-256 of the package bytes", "[lambda][code]") {
  // SHA-256("abc") from FIPS 180-2, in base64.
  CHECK(sha256Base64("abc") == "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=");
  CHECK(sha256Base64("") == "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
  CHECK(stepsim::core::decodeBase64("YWJj") == "abc");
  CHECK(stepsim::core::decodeBase64("YQ==") == "a");
  CHECK_FALSE(stepsim::core::decodeBase64("YQ=a"));
  CHECK_FALSE(stepsim::core::decodeBase64("Y!=="));
}

TEST_CASE("create, get, list and delete a function", "[lambda][functions]") {
  Fixture f;
  std::string zip = handlerZip();
  json created = f.create("fn", {{"Environment", {{"Variables", {{"A", "1"}}}}}}, zip);
  CHECK(created["FunctionName"] == "fn");
  CHECK(created["FunctionArn"] == std::string(kArnPrefix) + "fn");
  CHECK(created["Runtime"] == "python3.12");
  CHECK(created["Role"] == kRole);
  CHECK(created["Handler"] == "app.handler");
  CHECK(created["CodeSize"] == zip.size());
  CHECK(created["CodeSha256"] == sha256Base64(zip));
  CHECK(created["Timeout"] == 3);
  CHECK(created["MemorySize"] == 128);
  CHECK(created["Version"] == "$LATEST");
  CHECK(created["LastModified"] == "2026-01-01T00:00:00.000+0000");
  CHECK(created["State"] == "Active");
  CHECK(created["LastUpdateStatus"] == "Successful");
  CHECK(created["PackageType"] == "Zip");
  CHECK(created["Architectures"] == json{"x86_64"});
  CHECK(created["EphemeralStorage"] == json{{"Size", 512}});
  CHECK(created["TracingConfig"] == json{{"Mode", "PassThrough"}});
  CHECK(created["LoggingConfig"] == json{{"LogFormat", "Text"}, {"LogGroup", "/aws/lambda/fn"}});
  CHECK(created["Environment"] == json{{"Variables", {{"A", "1"}}}});
  CHECK(created["RevisionId"].get<std::string>().size() == 36);

  json got = f.call("GetFunction", {{"FunctionName", "fn"}});
  CHECK(got["Configuration"] == created);
  CHECK(got["Code"]["RepositoryType"] == "S3");
  CHECK(got["Code"]["Location"].is_string());
  CHECK_FALSE(got.contains("Tags"));
  CHECK(f.call("GetFunctionConfiguration", {{"FunctionName", "fn"}}) == created);

  // No environment: no Environment member.
  CHECK_FALSE(f.create("other").contains("Environment"));
  json list = f.call("ListFunctions", json::object());
  REQUIRE(list["Functions"].size() == 2);
  CHECK(list["Functions"][0]["FunctionName"] == "fn");
  CHECK(list["Functions"][1]["FunctionName"] == "other");
  CHECK_FALSE(list.contains("NextMarker"));

  CHECK(f.call("DeleteFunction", {{"FunctionName", "fn"}}) == json::object());
  auto e = f.error("GetFunction", {{"FunctionName", "fn"}});
  CHECK(e.code == "ResourceNotFoundException");
  CHECK(e.httpStatus == 404);
  CHECK(e.message == std::string("Function not found: ") + kArnPrefix + "fn");
  CHECK(f.error("DeleteFunction", {{"FunctionName", "fn"}}).httpStatus == 404);
}

TEST_CASE("a second CreateFunction of the same name is a conflict", "[lambda][functions]") {
  Fixture f;
  f.create("fn");
  auto e = f.error("CreateFunction", {{"FunctionName", "fn"},
                                      {"Runtime", "python3.12"},
                                      {"Role", kRole},
                                      {"Handler", "app.handler"},
                                      {"Code", {{"ZipFile", encodeBase64(handlerZip())}}}});
  CHECK(e.code == "ResourceConflictException");
  CHECK(e.httpStatus == 409);
  CHECK(e.message == "Function already exist: fn");
}

TEST_CASE("CreateFunction rejects bad packages and parameters", "[lambda][functions][code]") {
  Fixture f;
  auto invalid = [&](json extras, const std::string& zip, const std::string& needle) {
    json in = {{"FunctionName", "fn"},
               {"Runtime", "python3.12"},
               {"Role", kRole},
               {"Handler", "app.handler"},
               {"Code", {{"ZipFile", encodeBase64(zip)}}}};
    if (extras.is_object()) in.update(extras);
    auto e = f.error("CreateFunction", in);
    CHECK(e.code == "InvalidParameterValueException");
    CHECK(e.httpStatus == 400);
    CHECK_THAT(e.message, Catch::Contains(needle));
  };
  invalid({}, "not a zip at all", "Could not unzip uploaded file");
  invalid({}, makeZip({{"../evil", "x"}}), "../evil");
  invalid({}, makeZip({{"ok/../../evil", "x"}}), "Could not unzip");
  invalid({}, makeZip({{"/etc/passwd", "x"}}), "/etc/passwd");
  invalid({{"Code", {{"ZipFile", "***"}}}}, "", "base64");
  invalid({{"Code", {{"S3Bucket", "b"}, {"S3Key", "k"}}}}, "", "no S3");
  invalid({{"Code", {{"ImageUri", "x.dkr.ecr/img:1"}}}}, "", "no ECR");
  invalid({{"Code", json::object()}}, "", "ZipFile");
  invalid({{"Runtime", nullptr}}, handlerZip(), "Runtime");
  invalid({{"Handler", nullptr}}, handlerZip(), "Handler");
  invalid({{"Handler", "has space"}}, handlerZip(), "Handler");
  invalid({{"Timeout", 0}}, handlerZip(), "Timeout");
  invalid({{"Timeout", 901}}, handlerZip(), "Timeout");
  invalid({{"MemorySize", 64}}, handlerZip(), "MemorySize");
  invalid({{"MemorySize", 10241}}, handlerZip(), "MemorySize");
  invalid({{"FunctionName", "bad name"}}, handlerZip(), "FunctionName");
  invalid({{"FunctionName", "fn:1"}}, handlerZip(), "qualifier");
  invalid({{"Environment", {{"Variables", {{"AWS_REGION", "x"}}}}}}, handlerZip(), "AWS_REGION");
  CHECK(f.call("ListFunctions", json::object())["Functions"].empty());

  // Fakes are accepted whatever the runtime; files in subfolders are fine.
  json fake = f.create("fake", {{"Handler", "fake:echo"}, {"Runtime", "nodejs20.x"}},
                       makeZip({{"lib/a.js", "x"}, {"index.js", "y"}}));
  CHECK(fake["Handler"] == "fake:echo");
}

TEST_CASE("a ZipFile over 50 MB is RequestTooLargeException", "[lambda][code]") {
  Fixture f;
  std::string huge((stepsim::lambda::kMaxZipFileBytes / 3 + 10) * 4, 'A');
  auto e = f.error("CreateFunction", {{"FunctionName", "fn"},
                                      {"Runtime", "python3.12"},
                                      {"Role", kRole},
                                      {"Handler", "app.handler"},
                                      {"Code", {{"ZipFile", huge}}}});
  CHECK(e.code == "RequestTooLargeException");
  CHECK(e.httpStatus == 413);
}

TEST_CASE("function names resolve the same way everywhere", "[lambda][names]") {
  Fixture f;
  f.create("fn", {{"Publish", true}});
  for (std::string name :
       std::vector<std::string>{"fn", "123456789012:function:fn", std::string(kArnPrefix) + "fn",
                                "us-east-1:123456789012:function:fn"}) {
    INFO(name);
    CHECK(f.call("GetFunctionConfiguration", {{"FunctionName", name}})["Version"] == "$LATEST");
    CHECK(f.call("GetFunctionConfiguration", {{"FunctionName", name + ":1"}})["Version"] == "1");
    CHECK(f.call("GetFunctionConfiguration",
                 {{"FunctionName", name}, {"Qualifier", "1"}})["FunctionArn"] ==
          std::string(kArnPrefix) + "fn:1");
    CHECK(f.call("GetFunctionConfiguration",
                 {{"FunctionName", name + ":1"}, {"Qualifier", "1"}})["Version"] == "1");
  }
  auto mismatch = f.error("GetFunction", {{"FunctionName", "fn:1"}, {"Qualifier", "$LATEST"}});
  CHECK(mismatch.code == "InvalidParameterValueException");
  CHECK_THAT(mismatch.message, Catch::Contains("qualifier"));
  CHECK(f.error("GetFunction", {{"FunctionName", "fn:7"}}).message ==
        std::string("Function not found: ") + kArnPrefix + "fn:7");
  CHECK(f.error("GetFunction", {{"FunctionName", "fn:nosuchalias"}}).code ==
        "ResourceNotFoundException");
  // Another account's or region's function is never here: the refusal names the function as asked
  // for, and another region in Lambda's own words.
  auto otherAccount = f.error("GetFunction", {{"FunctionName", "999999999999:function:fn"}});
  CHECK(otherAccount.httpStatus == 404);
  CHECK(otherAccount.message ==
        "Function not found: arn:aws:lambda:us-east-1:999999999999:function:fn");
  auto otherRegion = f.error(
      "GetFunction", {{"FunctionName", "arn:aws:lambda:eu-west-1:123456789012:function:fn"}});
  CHECK(otherRegion.code == "ResourceNotFoundException");
  CHECK(otherRegion.httpStatus == 404);
  CHECK(otherRegion.message ==
        "Functions from 'eu-west-1' are not reachable in this region ('us-east-1')");
  CHECK(
      f.error("GetFunctionConfiguration", {{"FunctionName", "eu-west-1:123456789012:function:fn"}})
          .message == "Functions from 'eu-west-1' are not reachable in this region ('us-east-1')");
  CHECK(f.error("GetFunction", {{"FunctionName", "a:b:c:d:e:f"}}).code ==
        "InvalidParameterValueException");
  // Operations on the function itself refuse a version qualifier.
  CHECK(f.error("UpdateFunctionConfiguration", {{"FunctionName", "fn:1"}, {"Timeout", 5}}).code ==
        "InvalidParameterValueException");
}

TEST_CASE("updates change code, configuration and RevisionId", "[lambda][functions]") {
  Fixture f;
  json created = f.create("fn");
  f.sim.advanceTo(f.sim.now() + 61000);
  std::string zip2 = handlerZip("def handler(e, c):\n  return 2\n");
  json updated = f.call("UpdateFunctionCode", {{"FunctionName", "fn"},
                                               {"ZipFile", encodeBase64(zip2)},
                                               {"RevisionId", created["RevisionId"]}});
  CHECK(updated["CodeSha256"] == sha256Base64(zip2));
  CHECK(updated["CodeSize"] == zip2.size());
  CHECK(updated["RevisionId"] != created["RevisionId"]);
  CHECK(updated["LastModified"] == "2026-01-01T00:01:01.000+0000");

  auto stale = f.error("UpdateFunctionCode", {{"FunctionName", "fn"},
                                              {"ZipFile", encodeBase64(zip2)},
                                              {"RevisionId", created["RevisionId"]}});
  CHECK(stale.code == "PreconditionFailedException");
  CHECK(stale.httpStatus == 412);
  CHECK(f.error("UpdateFunctionConfiguration",
                {{"FunctionName", "fn"}, {"Timeout", 9}, {"RevisionId", "nope"}})
            .httpStatus == 412);
  CHECK(f.error("UpdateFunctionCode", {{"FunctionName", "fn"}, {"S3Bucket", "b"}, {"S3Key", "k"}})
            .code == "InvalidParameterValueException");
  CHECK(f.error("UpdateFunctionCode",
                {{"FunctionName", "fn"}, {"ZipFile", encodeBase64(makeZip({{"../x", ""}}))}})
            .code == "InvalidParameterValueException");

  json config =
      f.call("UpdateFunctionConfiguration", {{"FunctionName", "fn"},
                                             {"Timeout", 30},
                                             {"MemorySize", 512},
                                             {"Handler", "fake:echo"},
                                             {"Runtime", "python3.11"},
                                             {"Description", "d"},
                                             {"Role", "arn:aws:iam::123456789012:role/other"},
                                             {"Environment", {{"Variables", {{"K", "v"}}}}},
                                             {"RevisionId", updated["RevisionId"]}});
  CHECK(config["Timeout"] == 30);
  CHECK(config["MemorySize"] == 512);
  CHECK(config["Handler"] == "fake:echo");
  CHECK(config["Runtime"] == "python3.11");
  CHECK(config["Description"] == "d");
  CHECK(config["Role"] == "arn:aws:iam::123456789012:role/other");
  CHECK(config["Environment"]["Variables"] == json{{"K", "v"}});
  CHECK(config["CodeSha256"] == sha256Base64(zip2));
  CHECK(config["RevisionId"] != updated["RevisionId"]);
  CHECK(f.call("GetFunctionConfiguration", {{"FunctionName", "fn"}}) == config);

  // Clearing the variables drops Environment.
  json cleared = f.call("UpdateFunctionConfiguration",
                        {{"FunctionName", "fn"}, {"Environment", {{"Variables", json::object()}}}});
  CHECK_FALSE(cleared.contains("Environment"));

  // DryRun changes nothing.
  json dry =
      f.call("UpdateFunctionCode",
             {{"FunctionName", "fn"}, {"ZipFile", encodeBase64(handlerZip())}, {"DryRun", true}});
  CHECK(dry["CodeSha256"] == sha256Base64(handlerZip()));
  CHECK(f.call("GetFunctionConfiguration", {{"FunctionName", "fn"}})["CodeSha256"] ==
        sha256Base64(zip2));
}

TEST_CASE("the same calls with the same seed give the same answers", "[lambda][determinism]") {
  auto run = [](std::uint64_t seed) {
    Fixture f(seed);
    json out = json::array();
    out.push_back(f.create("a", {{"Publish", true}}));
    out.push_back(f.call("UpdateFunctionConfiguration", {{"FunctionName", "a"}, {"Timeout", 4}}));
    out.push_back(f.call("PublishVersion", {{"FunctionName", "a"}}));
    out.push_back(
        f.call("CreateAlias", {{"FunctionName", "a"}, {"Name", "live"}, {"FunctionVersion", "2"}}));
    out.push_back(f.call("ListFunctions", {{"FunctionVersion", "ALL"}}));
    return out.dump();
  };
  CHECK(run(42) == run(42));
  CHECK(run(42) != run(7));
}
