// IAM's handlers and STS's over one IdentityStore: names unique whatever their case, paging,
// tags, the managed policy lifecycle, sessions that expire on the virtual clock.
#include <catch2/catch.hpp>

#include "emulator/core/aws_error.h"
#include "emulator/iam/iam_service.h"
#include "emulator/iam/sts_service.h"

using namespace stepsim;
using json = stepsim::Json;

namespace {

const char* kTrust = R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":)"
                     R"({"AWS":"arn:aws:iam::123456789012:root"},"Action":"sts:AssumeRole"}]})";
const char* kInvoke =
    R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"lambda:InvokeFunction","Resource":"*"}]})";

core::SimulationConfig manual() {
  core::SimulationConfig config;
  config.mode = core::ClockMode::Manual;
  return config;
}

struct World {
  core::Simulation sim{manual()};
  iam::IamService iam{sim};

  json call(std::string_view op, const json& input) { return iam.handle(op, input); }
  core::AwsError error(std::string_view op, const json& input) {
    try {
      iam.handle(op, input);
    } catch (const core::AwsError& e) {
      return e;
    }
    FAIL("expected " << op << " to fail");
    throw std::logic_error("unreachable");
  }
  json role(const std::string& name, const std::string& path = "/") {
    return call("CreateRole",
                {{"RoleName", name}, {"Path", path}, {"AssumeRolePolicyDocument", kTrust}});
  }
};

}  // namespace

TEST_CASE("role names are unique whatever their case, and ids are seeded") {
  World a, b;
  json created = a.role("Poller");
  CHECK(created["Role"]["RoleId"] == b.role("Poller")["Role"]["RoleId"]);
  CHECK(
      a.error("CreateRole", {{"RoleName", "POLLER"}, {"AssumeRolePolicyDocument", kTrust}}).code ==
      "EntityAlreadyExists");
  CHECK(a.call("GetRole", {{"RoleName", "poller"}})["Role"]["RoleName"] == "Poller");
  CHECK(a.error("CreateRole",
                {{"RoleName", "x"}, {"Path", "no-slash"}, {"AssumeRolePolicyDocument", kTrust}})
            .code == "InvalidInput");
}

TEST_CASE("paging hands out Markers until the list is done, and refuses made-up ones") {
  World w;
  for (const char* name : {"d", "B", "a", "c"}) w.role(name);
  json first = w.call("ListRoles", {{"MaxItems", 3}});
  CHECK(first["IsTruncated"] == true);
  CHECK(first["Roles"].size() == 3);
  CHECK(first["Roles"][1]["RoleName"] == "B");  // IAM's order ignores case
  json rest = w.call("ListRoles", {{"Marker", first["Marker"]}});
  CHECK(rest["IsTruncated"] == false);
  CHECK(rest["Roles"][0]["RoleName"] == "d");
  CHECK_FALSE(rest.contains("Marker"));
  CHECK(w.error("ListRoles", {{"Marker", "banana"}}).code == "InvalidInput");
  CHECK(w.error("ListRoles", {{"Marker", "99"}}).code == "InvalidInput");
}

TEST_CASE("tags merge by key whatever its case, and at most fifty") {
  World w;
  w.role("r");
  w.call("TagRole", {{"RoleName", "r"}, {"Tags", {{{"Key", "Team"}, {"Value", "a"}}}}});
  w.call("TagRole", {{"RoleName", "r"}, {"Tags", {{{"Key", "team"}, {"Value", "b"}}}}});
  CHECK(w.call("ListRoleTags", {{"RoleName", "r"}})["Tags"] ==
        json{{{"Key", "team"}, {"Value", "b"}}});
  json many = json::array();
  for (int i = 0; i < 51; ++i) many.push_back({{"Key", "k" + std::to_string(i)}, {"Value", ""}});
  CHECK(w.error("TagRole", {{"RoleName", "r"}, {"Tags", many}}).code == "LimitExceeded");
  json twice = {{{"Key", "a"}, {"Value", "1"}}, {{"Key", "A"}, {"Value", "2"}}};
  CHECK(w.error("CreateRole",
                {{"RoleName", "t"}, {"AssumeRolePolicyDocument", kTrust}, {"Tags", twice}})
            .code == "InvalidInput");
}

TEST_CASE("attachments count, and the policies of a role are its inline and default versions") {
  World w;
  w.role("r");
  std::string arn =
      w.call("CreatePolicy", {{"PolicyName", "p"}, {"PolicyDocument", kInvoke}})["Policy"]["Arn"];
  w.call("AttachRolePolicy", {{"RoleName", "r"}, {"PolicyArn", arn}});
  w.call("AttachRolePolicy", {{"RoleName", "r"}, {"PolicyArn", arn}});  // again: no change
  CHECK(w.call("GetPolicy", {{"PolicyArn", arn}})["Policy"]["AttachmentCount"] == 1);
  w.call("PutRolePolicy", {{"RoleName", "r"}, {"PolicyName", "i"}, {"PolicyDocument", kInvoke}});
  const iam::Role* role = w.iam.store().roleByArn("arn:aws:iam::123456789012:role/r");
  REQUIRE(role);
  CHECK(w.iam.store().identityPolicies(role->policies).size() == 2);
  CHECK(w.error("DetachRolePolicy", {{"RoleName", "r"}, {"PolicyArn", arn + "x"}}).code ==
        "NoSuchEntity");
  for (int i = 0; i < 9; ++i) {
    std::string other = w.call("CreatePolicy", {{"PolicyName", "q" + std::to_string(i)},
                                                {"PolicyDocument", kInvoke}})["Policy"]["Arn"];
    w.call("AttachRolePolicy", {{"RoleName", "r"}, {"PolicyArn", other}});
  }
  CHECK(w.error("AttachRolePolicy",
                {{"RoleName", "r"}, {"PolicyArn", "arn:aws:iam::aws:policy/AdministratorAccess"}})
            .code == "LimitExceeded");
}

TEST_CASE("the role ARN lookup needs the role's own path") {
  World w;
  w.role("r", "/team/");
  CHECK(w.iam.store().roleByArn("arn:aws:iam::123456789012:role/team/r") != nullptr);
  CHECK(w.iam.store().roleByArn("arn:aws:iam::123456789012:role/r") == nullptr);
  CHECK(w.iam.store().roleByArn("arn:aws:iam::999999999999:role/team/r") == nullptr);
}

TEST_CASE("STS sessions identify their role and expire on the virtual clock") {
  World w;
  std::string arn = w.role("Deployer")["Role"]["Arn"];
  iam::StsService sts(w.iam.store(), iam::PermissionMode::Enforce);
  iam::CallerIdentity root = w.iam.store().identify("AKIAWHATEVER");
  CHECK(root.arn == "arn:aws:iam::123456789012:root");
  json assumed = sts.handle(
      "AssumeRole", {{"RoleArn", arn}, {"RoleSessionName", "ci"}, {"DurationSeconds", 900}}, root);
  std::string key = assumed["Credentials"]["AccessKeyId"];
  iam::CallerIdentity session = w.iam.store().identify(key);
  CHECK(session.arn == "arn:aws:sts::123456789012:assumed-role/Deployer/ci");
  CHECK(session.roleArn == arn);
  CHECK_FALSE(session.expired);
  w.sim.advanceTo(w.sim.now() + 899'999);
  CHECK_FALSE(w.iam.store().identify(key).expired);
  w.sim.advanceTo(w.sim.now() + 1);
  CHECK(w.iam.store().identify(key).expired);
  // A session cannot ask for a session token; the root can.
  CHECK_THROWS_AS(sts.handle("GetSessionToken", json::object(), session), core::AwsError);
  CHECK(
      sts.handle("GetSessionToken", json::object(), root)["Credentials"].contains("SessionToken"));
}

TEST_CASE("with checks on, AssumeRole needs the trust policy to name the caller") {
  World w;
  std::string arn = w.call(
      "CreateRole", {{"RoleName", "StatesOnly"},
                     {"AssumeRolePolicyDocument",
                      R"({"Statement":[{"Effect":"Allow","Principal":{"Service":)"
                      R"("states.amazonaws.com"},"Action":"sts:AssumeRole"}]})"}})["Role"]["Arn"];
  iam::CallerIdentity root = w.iam.store().identify("");
  json input = {{"RoleArn", arn}, {"RoleSessionName", "me"}};
  iam::StsService enforcing(w.iam.store(), iam::PermissionMode::Enforce);
  CHECK_THROWS_AS(enforcing.handle("AssumeRole", input, root), core::AwsError);
  iam::StsService off(w.iam.store(), iam::PermissionMode::Off);
  CHECK(off.handle("AssumeRole", input, root).contains("Credentials"));
}
