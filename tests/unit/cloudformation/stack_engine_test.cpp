// Stacks through the CloudFormation API over a recording provisioner: resources made in
// dependency order on the virtual clock, outputs, rollback of a failed create, updates (in place,
// by replacement, additions and removals) and their rollback, deletion with DeletionPolicy.
#include <catch2/catch.hpp>

#include "emulator/cloudformation/cloudformation_service.h"
#include "emulator/core/aws_error.h"

using namespace stepsim;
using json = stepsim::Json;

namespace {

// Makes "Test::Thing" resources ("<logical>-<n>"), fails "Test::Broken" ones, refuses to update
// a Thing to Break: true, and replaces a Thing whose Immutable property changes.
struct RecordingProvisioner : cfn::ResourceProvisioner {
  std::vector<std::string> calls;
  int made = 0;

  bool supports(const std::string& type) const override { return type.starts_with("Test::"); }
  cfn::ProvisionedResource create(const cfn::ResourceRequest& request) override {
    calls.push_back("create " + request.logicalId + " " + request.properties.dump());
    if (request.type == "Test::Broken") throw cfn::ProvisioningError("it broke");
    std::string id = request.logicalId + "-" + std::to_string(++made);
    return {id, {{"Arn", "arn:" + id}}};
  }
  cfn::ProvisionedResource update(const cfn::ResourceRequest& request,
                                  const cfn::ProvisionedResource& current,
                                  const json& previous) override {
    calls.push_back("update " + request.logicalId + " " + request.properties.dump());
    if (request.properties.value("Break", false)) throw cfn::ProvisioningError("update refused");
    if (request.properties.value("Immutable", json()) != previous.value("Immutable", json()))
      return create(request);
    return current;
  }
  void remove(const cfn::ResourceRequest& request,
              const cfn::ProvisionedResource& current) override {
    calls.push_back("remove " + request.logicalId + " " + current.physicalId);
  }
};

core::SimulationConfig manual() {
  core::SimulationConfig config;
  config.mode = core::ClockMode::Manual;
  return config;
}

struct World {
  core::Simulation sim{manual()};
  RecordingProvisioner provisioner;
  cfn::CloudFormationService cfn{sim, provisioner};
  core::TimeMs t0 = sim.now();

  json call(std::string_view op, const json& input) { return cfn.handle(op, input); }
  void settle() { sim.advanceTo(sim.now() + 3'600'000); }
  json stack(const std::string& name) {
    return call("DescribeStacks", {{"StackName", name}})["Stacks"][0];
  }
  std::vector<std::string> story(const std::string& name) {
    std::vector<std::string> out;
    json events = call("DescribeStackEvents", {{"StackName", name}})["StackEvents"];
    for (auto it = events.rbegin(); it != events.rend(); ++it)
      out.push_back((*it)["LogicalResourceId"].get<std::string>() + " " +
                    (*it)["ResourceStatus"].get<std::string>());
    return out;
  }
  std::string physicalId(const std::string& stack, const std::string& logicalId) {
    return call("DescribeStackResource",
                {{"StackName", stack},
                 {"LogicalResourceId", logicalId}})["StackResourceDetail"]["PhysicalResourceId"];
  }
};

// The reason the stack's event with `status` gives.
std::string reasonOf(World& w, const std::string& stack, const std::string& status) {
  json events = w.call("DescribeStackEvents", {{"StackName", stack}})["StackEvents"];
  for (const json& e : events)
    if (e["LogicalResourceId"] == stack && e["ResourceStatus"] == status)
      return e.value("ResourceStatusReason", "");
  return "";
}

json thing(json properties = json::object()) {
  return {{"Type", "Test::Thing"}, {"Properties", std::move(properties)}};
}

std::string body(json resources, json outputs = json()) {
  json document = {{"Resources", std::move(resources)}};
  if (!outputs.is_null()) document["Outputs"] = std::move(outputs);
  return document.dump();
}

}  // namespace

TEST_CASE("a stack makes its resources in dependency order, one provisioning time each") {
  World w;
  w.cfn.engine().setProvisioningTime("Test::Thing", 2000);
  std::string template_ =
      body({{"B", thing({{"Upstream", {{"Fn::GetAtt", {"A", "Arn"}}}}})}, {"A", thing()}},
           {{"BId", {{"Value", {{"Ref", "B"}}}}}});
  json created = w.call("CreateStack", {{"StackName", "s"}, {"TemplateBody", template_}});
  CHECK(created["StackId"].get<std::string>().starts_with(
      "arn:aws:cloudformation:us-east-1:123456789012:stack/s/"));
  CHECK(w.stack("s")["StackStatus"] == "CREATE_IN_PROGRESS");
  w.sim.advanceTo(w.t0 + 2000);
  CHECK(w.stack("s")["StackStatus"] == "CREATE_IN_PROGRESS");  // A done, B under way
  w.sim.advanceTo(w.t0 + 4000);
  json stack = w.stack("s");
  CHECK(stack["StackStatus"] == "CREATE_COMPLETE");
  CHECK(stack["Outputs"] == json::array({{{"OutputKey", "BId"}, {"OutputValue", "B-2"}}}));
  CHECK(w.provisioner.calls ==
        std::vector<std::string>{"create A {}", "create B {\"Upstream\":\"arn:A-1\"}"});
  CHECK(w.story("s") == std::vector<std::string>{"s CREATE_IN_PROGRESS", "A CREATE_IN_PROGRESS",
                                                 "A CREATE_IN_PROGRESS", "A CREATE_COMPLETE",
                                                 "B CREATE_IN_PROGRESS", "B CREATE_IN_PROGRESS",
                                                 "B CREATE_COMPLETE", "s CREATE_COMPLETE"});
}

TEST_CASE("a failed create deletes what it made, newest first, and says which resource failed") {
  World w;
  std::string template_ = body({{"A", thing()},
                                {"B", thing({{"After", {{"Ref", "A"}}}})},
                                {"C", {{"Type", "Test::Broken"}, {"DependsOn", "B"}}}});
  w.call("CreateStack", {{"StackName", "s"}, {"TemplateBody", template_}});
  w.settle();
  CHECK(w.stack("s")["StackStatus"] == "ROLLBACK_COMPLETE");
  CHECK(reasonOf(w, "s", "ROLLBACK_IN_PROGRESS") ==
        "The following resource(s) failed to create: [C]. Rollback requested by user.");
  CHECK(w.provisioner.calls.back() == "remove A A-1");
  CHECK(w.provisioner.calls[w.provisioner.calls.size() - 2] == "remove B B-2");
  json events = w.call("DescribeStackEvents", {{"StackName", "s"}})["StackEvents"];
  auto failed = std::find_if(events.begin(), events.end(),
                             [](const json& e) { return e["ResourceStatus"] == "CREATE_FAILED"; });
  REQUIRE(failed != events.end());
  CHECK((*failed)["ResourceStatusReason"] == "it broke");
}

TEST_CASE("an unsupported type fails its resource with a reason naming it") {
  World w;
  w.call("CreateStack", {{"StackName", "s"},
                         {"TemplateBody", body({{"Q", {{"Type", "AWS::SQS::Queue"}}}})},
                         {"OnFailure", "DO_NOTHING"}});
  w.settle();
  CHECK(w.stack("s")["StackStatus"] == "CREATE_FAILED");
  json resource = w.call("DescribeStackResources", {{"StackName", "s"}})["StackResources"][0];
  CHECK(resource["ResourceStatus"] == "CREATE_FAILED");
  CHECK(resource["ResourceStatusReason"] ==
        "Resource type AWS::SQS::Queue is not supported by stepsim");
}

TEST_CASE("an update changes what changed, adds, replaces and removes, then cleans up") {
  World w;
  w.call("CreateStack", {{"StackName", "s"},
                         {"TemplateBody", body({{"Keep", thing()},
                                                {"Edit", thing({{"Size", 1}})},
                                                {"Swap", thing({{"Immutable", "a"}})},
                                                {"Drop", thing()}})}});
  w.settle();
  w.provisioner.calls.clear();
  w.call("UpdateStack", {{"StackName", "s"},
                         {"TemplateBody", body({{"Keep", thing()},
                                                {"Edit", thing({{"Size", 2}})},
                                                {"Swap", thing({{"Immutable", "b"}})},
                                                {"New", thing()}})}});
  CHECK(w.stack("s")["StackStatus"] == "UPDATE_IN_PROGRESS");
  w.settle();
  CHECK(w.stack("s")["StackStatus"] == "UPDATE_COMPLETE");
  CHECK(w.provisioner.calls ==
        std::vector<std::string>{"update Edit {\"Size\":2}", "update Swap {\"Immutable\":\"b\"}",
                                 "create Swap {\"Immutable\":\"b\"}", "create New {}",
                                 "remove Drop Drop-4", "remove Swap Swap-3"});
  CHECK(w.physicalId("s", "Swap") == "Swap-5");
  json resources = w.call("ListStackResources", {{"StackName", "s"}})["StackResourceSummaries"];
  std::vector<std::string> names;
  for (const json& r : resources) names.push_back(r["LogicalResourceId"]);
  CHECK(names == std::vector<std::string>{"Edit", "Keep", "New", "Swap"});
  CHECK_THROWS_WITH(w.call("UpdateStack", {{"StackName", "s"}, {"UsePreviousTemplate", true}}),
                    "No updates are to be performed.");
}

TEST_CASE("a failed update puts back what it changed and what it had") {
  World w;
  w.call("CreateStack",
         {{"StackName", "s"},
          {"TemplateBody", body({{"Edit", thing({{"Size", 1}})}, {"Bad", thing({{"Size", 0}})}})}});
  w.settle();
  w.provisioner.calls.clear();
  w.call("UpdateStack", {{"StackName", "s"},
                         {"TemplateBody", body({{"Edit", thing({{"Size", 2}})},
                                                {"Bad", thing({{"Break", true}})},
                                                {"Added", thing()}})}});
  w.settle();
  json stack = w.stack("s");
  CHECK(stack["StackStatus"] == "UPDATE_ROLLBACK_COMPLETE");
  CHECK(reasonOf(w, "s", "UPDATE_ROLLBACK_IN_PROGRESS") ==
        "The following resource(s) failed to update: [Bad]. ");
  CHECK(w.provisioner.calls ==
        std::vector<std::string>{"update Edit {\"Size\":2}", "update Bad {\"Break\":true}",
                                 "update Bad {\"Size\":0}", "update Edit {\"Size\":1}"});
  json tmpl =
      json::parse(w.call("GetTemplate", {{"StackName", "s"}})["TemplateBody"].get<std::string>());
  CHECK(tmpl["Resources"]["Edit"]["Properties"]["Size"] == 1);
  CHECK_FALSE(tmpl["Resources"].contains("Added"));
  CHECK(w.story("s").back() == "s UPDATE_ROLLBACK_COMPLETE");
}

TEST_CASE("deleting a stack removes its resources, dependents first, and keeps Retain ones") {
  World w;
  json kept = thing();
  kept["DeletionPolicy"] = "Retain";
  w.call("CreateStack",
         {{"StackName", "s"},
          {"TemplateBody", body({{"Base", kept}, {"Top", thing({{"On", {{"Ref", "Base"}}}})}})}});
  w.settle();
  std::string id = w.stack("s")["StackId"];
  w.provisioner.calls.clear();
  w.call("DeleteStack", {{"StackName", "s"}});
  w.settle();
  CHECK(w.provisioner.calls == std::vector<std::string>{"remove Top Top-2"});
  json stack = w.call("DescribeStacks", {{"StackName", id}})["Stacks"][0];
  CHECK(stack["StackStatus"] == "DELETE_COMPLETE");
  std::vector<std::string> story = w.story(id);
  CHECK(story.back() == "s DELETE_COMPLETE");
  CHECK(std::count(story.begin(), story.end(), "Base DELETE_SKIPPED") == 1);
  try {
    w.call("DescribeStacks", {{"StackName", "s"}});
    FAIL("a deleted stack is not found by name");
  } catch (const core::AwsError& e) {
    CHECK(e.code == "ValidationError");
    CHECK(e.message == "Stack with id s does not exist");
  }
  // The name is free again.
  w.call("CreateStack", {{"StackName", "s"}, {"TemplateBody", body({{"A", thing()}})}});
  CHECK(w.call("ListStacks", json::object())["StackSummaries"].size() == 2);
}

TEST_CASE("a change set lists its changes and an executed CREATE change set makes the stack") {
  World w;
  json made = w.call("CreateChangeSet", {{"StackName", "s"},
                                         {"ChangeSetName", "first"},
                                         {"ChangeSetType", "CREATE"},
                                         {"TemplateBody", body({{"A", thing()}})}});
  CHECK(w.stack("s")["StackStatus"] == "REVIEW_IN_PROGRESS");
  json described = w.call("DescribeChangeSet", {{"ChangeSetName", made["Id"]}});
  CHECK(described["Status"] == "CREATE_COMPLETE");
  CHECK(described["Changes"][0]["ResourceChange"]["Action"] == "Add");
  w.call("ExecuteChangeSet", {{"ChangeSetName", "first"}, {"StackName", "s"}});
  w.settle();
  json stack = w.stack("s");
  CHECK(stack["StackStatus"] == "CREATE_COMPLETE");
  CHECK(stack["ChangeSetId"] == made["Id"]);
  try {
    w.call("ExecuteChangeSet", {{"ChangeSetName", made["Id"]}});
    FAIL("an executed change set cannot run again");
  } catch (const core::AwsError& e) {
    CHECK(e.code == "InvalidChangeSetStatus");
  }
}
