#include "batch_fixture.h"

using namespace stepsim::batch::test;

TEST_CASE("compute environments: create, describe, update, delete", "[batch][resources]") {
  Fixture f;
  json out =
      f.call("CreateComputeEnvironment",
             {{"computeEnvironmentName", "ce-1"}, {"type", "UNMANAGED"}, {"tags", {{"a", "b"}}}});
  CHECK(out["computeEnvironmentName"] == "ce-1");
  CHECK(out["computeEnvironmentArn"] ==
        "arn:aws:batch:us-east-1:123456789012:compute-environment/ce-1");
  json ces = f.call("DescribeComputeEnvironments", json::object())["computeEnvironments"];
  REQUIRE(ces.size() == 1);
  CHECK(ces[0]["status"] == "VALID");
  CHECK(ces[0]["state"] == "ENABLED");
  CHECK(ces[0]["statusReason"] == "ComputeEnvironment Healthy");
  CHECK(ces[0]["tags"] == json{{"a", "b"}});
  CHECK(ces[0]["ecsClusterArn"].get<std::string>().rfind(
            "arn:aws:ecs:us-east-1:123456789012:cluster/AWSBatch-ce-1-", 0) == 0);

  CHECK_THAT(f.error("CreateComputeEnvironment",
                     {{"computeEnvironmentName", "ce-1"}, {"type", "MANAGED"}}),
             Catch::Contains("computeEnvironmentName") && Catch::Contains("already exists"));
  CHECK_THAT(f.error("CreateComputeEnvironment",
                     {{"computeEnvironmentName", "bad name"}, {"type", "MANAGED"}}),
             Catch::Contains("computeEnvironmentName"));
  CHECK_THAT(f.error("CreateComputeEnvironment",
                     {{"computeEnvironmentName", std::string(129, 'a')}, {"type", "MANAGED"}}),
             Catch::Contains("computeEnvironmentName"));
  CHECK_THAT(
      f.error("CreateComputeEnvironment", {{"computeEnvironmentName", 7}, {"type", "MANAGED"}}),
      Catch::Contains("computeEnvironmentName"));
  CHECK_THAT(
      f.error("CreateComputeEnvironment", {{"computeEnvironmentName", "x"}, {"type", "BIG"}}),
      Catch::Contains("type"));

  // Delete needs DISABLED first.
  CHECK_THAT(f.error("DeleteComputeEnvironment", {{"computeEnvironment", "ce-1"}}),
             Catch::Contains("DISABLED"));
  f.call("UpdateComputeEnvironment", {{"computeEnvironment", "ce-1"}, {"state", "DISABLED"}});
  CHECK(f.call("DescribeComputeEnvironments",
               {{"computeEnvironments", {"ce-1"}}})["computeEnvironments"][0]["state"] ==
        "DISABLED");
  f.call("DeleteComputeEnvironment",
         {{"computeEnvironment", "arn:aws:batch:us-east-1:123456789012:compute-environment/ce-1"}});
  CHECK(f.call("DescribeComputeEnvironments", json::object())["computeEnvironments"].empty());
  CHECK_THAT(f.error("DeleteComputeEnvironment", {{"computeEnvironment", "ce-1"}}),
             Catch::Contains("does not exist"));
}

TEST_CASE("a compute environment used by a queue cannot be deleted", "[batch][resources]") {
  Fixture f;
  f.basics();
  f.call("UpdateComputeEnvironment", {{"computeEnvironment", "ce"}, {"state", "DISABLED"}});
  CHECK_THAT(f.error("DeleteComputeEnvironment", {{"computeEnvironment", "ce"}}),
             Catch::Contains("queue"));
}

TEST_CASE("job queues: create, describe, update, delete", "[batch][resources]") {
  Fixture f;
  f.basics();
  json q = f.call("DescribeJobQueues", json::object())["jobQueues"];
  REQUIRE(q.size() == 1);
  CHECK(q[0]["jobQueueArn"] == "arn:aws:batch:us-east-1:123456789012:job-queue/queue");
  CHECK(q[0]["status"] == "VALID");
  CHECK(q[0]["statusReason"] == "JobQueue Healthy");
  CHECK(q[0]["state"] == "ENABLED");
  CHECK(q[0]["priority"] == 1);
  CHECK(q[0]["computeEnvironmentOrder"][0]["computeEnvironment"] ==
        "arn:aws:batch:us-east-1:123456789012:compute-environment/ce");

  CHECK_THAT(f.error("CreateJobQueue",
                     {{"jobQueueName", "queue"},
                      {"priority", 1},
                      {"computeEnvironmentOrder", {{{"order", 1}, {"computeEnvironment", "ce"}}}}}),
             Catch::Contains("already exists"));
  CHECK_THAT(f.error("CreateJobQueue", {{"jobQueueName", "q2"},
                                        {"priority", 1},
                                        {"computeEnvironmentOrder",
                                         {{{"order", 1}, {"computeEnvironment", "nope"}}}}}),
             Catch::Contains("computeEnvironmentOrder[0].computeEnvironment"));
  CHECK_THAT(f.error("CreateJobQueue",
                     {{"jobQueueName", "q2"},
                      {"priority", -1},
                      {"computeEnvironmentOrder", {{{"order", 1}, {"computeEnvironment", "ce"}}}}}),
             Catch::Contains("priority"));

  CHECK_THAT(f.error("DeleteJobQueue", {{"jobQueue", "queue"}}), Catch::Contains("DISABLED"));
  f.call("UpdateJobQueue", {{"jobQueue", "queue"}, {"state", "DISABLED"}, {"priority", 5}});
  q = f.call("DescribeJobQueues", {{"jobQueues", {"queue"}}})["jobQueues"];
  CHECK(q[0]["state"] == "DISABLED");
  CHECK(q[0]["priority"] == 5);
  CHECK_THAT(
      f.error("SubmitJob", {{"jobName", "j"}, {"jobQueue", "queue"}, {"jobDefinition", "def"}}),
      Catch::Contains("DISABLED"));
  f.call("DeleteJobQueue", {{"jobQueue", "arn:aws:batch:us-east-1:123456789012:job-queue/queue"}});
  CHECK(f.call("DescribeJobQueues", json::object())["jobQueues"].empty());
  CHECK_THAT(f.error("UpdateJobQueue", {{"jobQueue", "queue"}}), Catch::Contains("does not exist"));
}

TEST_CASE("job definitions: revisions, describe filters, deregister", "[batch][resources]") {
  Fixture f;
  for (int i = 1; i <= 3; ++i) {
    json out =
        f.call("RegisterJobDefinition", {{"jobDefinitionName", "def"}, {"type", "container"}});
    CHECK(out["revision"] == i);
    CHECK(out["jobDefinitionArn"] ==
          "arn:aws:batch:us-east-1:123456789012:job-definition/def:" + std::to_string(i));
  }
  f.call("RegisterJobDefinition", {{"jobDefinitionName", "other"}, {"type", "container"}});
  CHECK(f.call("DescribeJobDefinitions", json::object())["jobDefinitions"].size() == 4);
  CHECK(f.call("DescribeJobDefinitions", {{"jobDefinitionName", "def"}})["jobDefinitions"].size() ==
        3);
  json one = f.call("DescribeJobDefinitions", {{"jobDefinitions", {"def:2"}}})["jobDefinitions"];
  REQUIRE(one.size() == 1);
  CHECK(one[0]["revision"] == 2);
  CHECK(one[0]["status"] == "ACTIVE");
  CHECK(f.call("DescribeJobDefinitions",
               {{"jobDefinitions",
                 {"arn:aws:batch:us-east-1:123456789012:job-definition/def:3"}}})["jobDefinitions"]
                                                                                 [0]["revision"] ==
        3);

  f.call("DeregisterJobDefinition", {{"jobDefinition", "def:2"}});
  json inactive = f.call("DescribeJobDefinitions", {{"status", "INACTIVE"}})["jobDefinitions"];
  REQUIRE(inactive.size() == 1);
  CHECK(inactive[0]["jobDefinitionArn"] ==
        "arn:aws:batch:us-east-1:123456789012:job-definition/def:2");
  CHECK(f.call("DescribeJobDefinitions",
               {{"jobDefinitionName", "def"}, {"status", "ACTIVE"}})["jobDefinitions"]
            .size() == 2);

  CHECK_THAT(
      f.error("DescribeJobDefinitions", {{"jobDefinitions", {"def:1"}}, {"status", "ACTIVE"}}),
      Catch::Contains("jobDefinitions"));
  CHECK_THAT(f.error("DeregisterJobDefinition", {{"jobDefinition", "def:9"}}),
             Catch::Contains("does not exist"));
  CHECK_THAT(f.error("RegisterJobDefinition", {{"jobDefinitionName", "d"},
                                               {"type", "container"},
                                               {"retryStrategy", {{"attempts", 11}}}}),
             Catch::Contains("retryStrategy.attempts"));
  CHECK_THAT(f.error("RegisterJobDefinition", {{"jobDefinitionName", "d"},
                                               {"type", "container"},
                                               {"retryStrategy", {{"attempts", 0}}}}),
             Catch::Contains("retryStrategy.attempts"));
  CHECK_THAT(f.error("RegisterJobDefinition", {{"jobDefinitionName", "d"},
                                               {"type", "container"},
                                               {"timeout", {{"attemptDurationSeconds", 59}}}}),
             Catch::Contains("timeout.attemptDurationSeconds"));
  json six = json::array();
  for (int i = 0; i < 6; ++i) six.push_back({{"action", "RETRY"}});
  CHECK_THAT(f.error("RegisterJobDefinition", {{"jobDefinitionName", "d"},
                                               {"type", "container"},
                                               {"retryStrategy", {{"evaluateOnExit", six}}}}),
             Catch::Contains("retryStrategy.evaluateOnExit"));
  CHECK_THAT(f.error("RegisterJobDefinition",
                     {{"jobDefinitionName", "d"},
                      {"type", "container"},
                      {"retryStrategy", {{"evaluateOnExit", {{{"action", "MAYBE"}}}}}}}),
             Catch::Contains("retryStrategy.evaluateOnExit[0].action"));
  // Action is case-insensitive and normalized.
  f.call("RegisterJobDefinition",
         {{"jobDefinitionName", "d"},
          {"type", "container"},
          {"retryStrategy",
           {{"attempts", 2}, {"evaluateOnExit", {{{"action", "exit"}, {"onExitCode", "3"}}}}}}});
  CHECK(f.call("DescribeJobDefinitions",
               {{"jobDefinitionName",
                 "d"}})["jobDefinitions"][0]["retryStrategy"]["evaluateOnExit"][0]["action"] ==
        "EXIT");
}

TEST_CASE("paging uses opaque tokens and omits nextToken on the last page", "[batch][paging]") {
  Fixture f;
  for (int i = 0; i < 5; ++i)
    f.call("RegisterJobDefinition",
           {{"jobDefinitionName", "d" + std::to_string(i)}, {"type", "container"}});
  std::vector<std::string> names;
  json in = {{"maxResults", 2}};
  int pages = 0;
  for (;;) {
    json out = f.call("DescribeJobDefinitions", in);
    ++pages;
    for (const auto& d : out["jobDefinitions"]) names.push_back(d["jobDefinitionName"]);
    if (!out.contains("nextToken")) break;
    CHECK(out["nextToken"] != in.value("nextToken", ""));
    in["nextToken"] = out["nextToken"];
  }
  CHECK(pages == 3);
  CHECK(names == std::vector<std::string>{"d0", "d1", "d2", "d3", "d4"});
  CHECK_THAT(f.error("DescribeJobDefinitions", {{"nextToken", "garbage!"}}),
             Catch::Contains("nextToken"));
  CHECK_THAT(f.error("DescribeJobDefinitions", {{"nextToken", "MTIz"}}),
             Catch::Contains("nextToken"));
  CHECK_THAT(f.error("DescribeJobDefinitions", {{"maxResults", 0}}), Catch::Contains("maxResults"));
  CHECK_THAT(f.error("DescribeJobQueues", {{"maxResults", 101}}), Catch::Contains("maxResults"));
  CHECK_THAT(f.error("DescribeComputeEnvironments", {{"maxResults", "x"}}),
             Catch::Contains("maxResults"));
}

TEST_CASE("tags on every kind of resource", "[batch][tags]") {
  Fixture f;
  f.basics();
  std::string id = f.submit("job");
  std::string prefix = "arn:aws:batch:us-east-1:123456789012:";
  for (std::string arn : {prefix + "job/" + id, prefix + "job-definition/def:1",
                          prefix + "job-queue/queue", prefix + "compute-environment/ce"}) {
    f.call("TagResource", {{"resourceArn", arn}, {"tags", {{"b", "2"}, {"a", "1"}}}});
    CHECK(f.call("ListTagsForResource", {{"resourceArn", arn}})["tags"] ==
          json{{"a", "1"}, {"b", "2"}});
    f.call("UntagResource", {{"resourceArn", arn}, {"tagKeys", {"a"}}});
    CHECK(f.call("ListTagsForResource", {{"resourceArn", arn}})["tags"] == json{{"b", "2"}});
  }
  CHECK(f.job(id)["tags"] == json{{"b", "2"}});
  CHECK_THAT(f.error("ListTagsForResource", {{"resourceArn", prefix + "job/nope"}}),
             Catch::Contains("resourceArn"));
  CHECK_THAT(f.error("TagResource",
                     {{"resourceArn", prefix + "job-queue/queue"}, {"tags", json::object()}}),
             Catch::Contains("tags"));
  CHECK_THAT(f.error("TagResource", {{"resourceArn", prefix + "job-queue/queue"},
                                     {"tags", {{std::string(129, 'k'), "v"}}}}),
             Catch::Contains("tags"));
  CHECK_THAT(f.error("TagResource", {{"resourceArn", prefix + "job-queue/queue"},
                                     {"tags", {{"k", std::string(257, 'v')}}}}),
             Catch::Contains("tags"));
  json many = json::object();
  for (int i = 0; i < 51; ++i) many["k" + std::to_string(i)] = "v";
  CHECK_THAT(f.error("TagResource", {{"resourceArn", prefix + "job-queue/queue"}, {"tags", many}}),
             Catch::Contains("tags"));
}

TEST_CASE("unknown operations and non-object input are client errors", "[batch][errors]") {
  Fixture f;
  CHECK_FALSE(f.batch.implements("CreateSchedulingPolicy"));
  CHECK(f.batch.implements("SubmitJob"));
  f.error("CreateSchedulingPolicy", json::object());
  f.error("SubmitJob", json::array());
  f.error("SubmitJob", json::object());
  f.error("DescribeJobs", {{"jobs", "not-a-list"}});
  f.error("DescribeJobs", {{"jobs", {1, 2}}});
  CHECK(f.call("DescribeJobs", {{"jobs", json::array()}})["jobs"].empty());
}

TEST_CASE("error messages stay valid UTF-8 when huge values are cut short", "[batch][errors]") {
  Fixture f;
  f.basics();
  std::string huge;
  for (int i = 0; i < 1000; ++i) huge += "\xC3\xA9";  // é
  huge = "x" + huge;  // odd offset: a naive cut would split a character
  std::string message =
      f.error("SubmitJob", {{"jobName", "j"}, {"jobQueue", huge}, {"jobDefinition", "def"}});
  CHECK(message.size() < 300);
  CHECK_NOTHROW(json(message).dump());
  // Tag limits count characters, not bytes.
  std::string key;
  for (int i = 0; i < 128; ++i) key += "\xC3\xA9";
  f.call("TagResource", {{"resourceArn", "arn:aws:batch:us-east-1:123456789012:job-queue/queue"},
                         {"tags", {{key, "v"}}}});
}
