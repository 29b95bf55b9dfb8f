#include "batch_fixture.h"

using namespace stepsim::batch::test;

namespace {
// rules[0] is good; rules[1]'s second attempt has a bad third step.
json twoRules() {
  json good = {{"steps", json::array({{{"status", "RUNNING"}}})}};
  json secondAttempt =
      json::array({{{"status", "RUNNING"}}, {{"status", "FAILED"}}, {{"status", "BAD"}}});
  json bad = {{"attempts", json::array({json::array({{{"status", "RUNNING"}}}), secondAttempt})}};
  return {{"rules", json::array({good, bad})}};
}
}  // namespace

TEST_CASE("every lifecycle rule error names the field", "[batch][rules]") {
  Fixture f;
  struct Case {
    json body;
    std::string field;
  };
  std::vector<Case> cases = {
      {json::array(), "body"},
      {json::object(), "rules"},
      {{{"rules", "x"}}, "rules"},
      {{{"rules", {1}}}, "rules[0]"},
      {{{"rules", {json::object()}}}, "rules[0]"},
      {{{"rules", {{{"steps", json::array()}}}}}, "rules[0].steps"},
      {{{"rules",
         {{{"steps", {{{"status", "RUNNING"}}}}, {"attempts", {{{{"status", "RUNNING"}}}}}}}}},
       "rules[0]"},
      {{{"rules", {{{"steps", {{{"status", "DANCING"}}}}}}}}, "rules[0].steps[0].status"},
      {{{"rules", {{{"steps", {{{"status", 5}}}}}}}}, "rules[0].steps[0].status"},
      {{{"rules", {{{"steps", {{{"seconds", 5}}}}}}}}, "rules[0].steps[0].status"},
      {{{"rules", {{{"steps", {{{"status", "RUNNING"}, {"seconds", -1}}}}}}}},
       "rules[0].steps[0].seconds"},
      {{{"rules", {{{"steps", {{{"status", "RUNNING"}, {"seconds", "10"}}}}}}}},
       "rules[0].steps[0].seconds"},
      {{{"rules",
         {{{"steps",
            {{{"status", "RUNNING"}, {"seconds", 1}},
             {{"status", "RUNNABLE"}, {"seconds", 1}}}}}}}},
       "rules[0].steps[1].status"},
      {{{"rules",
         {{{"steps", {{{"status", "SUCCEEDED"}}, {{"status", "RUNNING"}, {"seconds", 1}}}}}}}},
       "rules[0].steps[1]"},
      {{{"rules", {{{"steps", {{{"status", "FAILED"}, {"exitCode", "x"}}}}}}}},
       "rules[0].steps[0].exitCode"},
      {{{"rules", {{{"match", 3}, {"steps", {{{"status", "RUNNING"}}}}}}}}, "rules[0].match"},
      {{{"rules", {{{"match", {{"jobName", 3}}}, {"steps", {{{"status", "RUNNING"}}}}}}}},
       "rules[0].match.jobName"},
      {{{"rules", {{{"match", {{"submission", 0}}}, {"steps", {{{"status", "RUNNING"}}}}}}}},
       "rules[0].match.submission"},
      {{{"rules", {{{"match", {{"colour", "red"}}}, {"steps", {{{"status", "RUNNING"}}}}}}}},
       "rules[0].match.colour"},
      {{{"rules", {{{"attempts", json::array()}}}}}, "rules[0].attempts"},
      {{{"rules", {{{"attempts", {json::array()}}}}}}, "rules[0].attempts[0]"},
      {twoRules(), "rules[1].attempts[1][2].status"},
  };
  for (const auto& c : cases) {
    INFO(c.body.dump());
    std::string message = f.ruleError(c.body);
    CHECK(message.rfind(c.field + ":", 0) == 0);
  }
  // Nothing was installed by any of the bad bodies, even where the first rule was good.
  CHECK(f.batch.listLifecycleRules()["rules"].empty());
}

TEST_CASE("rules list as installed, normalized, and clear", "[batch][rules]") {
  Fixture f;
  f.rules({{{"match", {{"jobName", "a*"}}},
            {"steps", {{{"status", "running"}, {"seconds", 1.5}}, {{"status", "FAILED"}}}}}});
  json rules = f.batch.listLifecycleRules()["rules"];
  REQUIRE(rules.size() == 1);
  CHECK(rules[0]["match"] == json{{"jobName", "a*"}});
  CHECK(rules[0]["steps"][0] == json{{"status", "RUNNING"}, {"seconds", 1.5}});
  CHECK(rules[0]["steps"][1] == json{{"status", "FAILED"},
                                     {"exitCode", 1},
                                     {"statusReason", "Essential container in task exited"}});
  f.rules({{{"attempts", {{{{"status", "SUCCEEDED"}}}}}}});
  CHECK(f.batch.listLifecycleRules()["rules"].size() == 2);
  f.batch.clearLifecycleRules();
  CHECK(f.batch.listLifecycleRules()["rules"].empty());
}

namespace {
json failFast(int exitCode) {
  return {{{"status", "RUNNING"}, {"seconds", 10}}, {{"status", "FAILED"}, {"exitCode", exitCode}}};
}
}  // namespace

TEST_CASE("rule matching: glob, queue, definition, submission, first match wins",
          "[batch][rules]") {
  Fixture f;
  f.basics();
  f.call("RegisterJobDefinition", {{"jobDefinitionName", "other"}, {"type", "container"}});
  f.rules({
      {{"match", {{"jobName", "glob-?x*"}}}, {"steps", failFast(11)}},
      {{"match",
        {{"jobQueue", "arn:aws:batch:us-east-1:123456789012:job-queue/queue"},
         {"jobDefinition", "other"}}},
       {"steps", failFast(12)}},
      {{"match", {{"jobDefinition", "def:1"}, {"jobName", "sub"}, {"submission", 2}}},
       {"steps", failFast(13)}},
      {{"match", {{"jobName", "glob-*"}}}, {"steps", failFast(14)}},
      {{"match", json::object()}, {"steps", failFast(15)}},
  });
  auto exitOf = [&](const std::string& id) {
    f.advance(10);
    json j = f.job(id);
    REQUIRE(j["status"] == "FAILED");
    return j["container"]["exitCode"].get<int>();
  };
  CHECK(exitOf(f.submit("glob-ax-1")) == 11);
  CHECK(exitOf(f.submit("glob-a")) == 14);  // ? needs exactly one character before x
  CHECK(exitOf(f.submit("j", {{"jobDefinition", "other"}})) == 12);
  CHECK(exitOf(f.submit("sub")) == 15);
  CHECK(exitOf(f.submit("sub")) == 13);  // the second matching submission
  CHECK(exitOf(f.submit("sub")) == 15);
  CHECK(exitOf(f.submit("anything")) == 15);
}
