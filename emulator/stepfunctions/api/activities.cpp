// CreateActivity, DescribeActivity, ListActivities, DeleteActivity and GetActivityTask's checks.
#include "emulator/stepfunctions/api/errors.h"
#include "emulator/stepfunctions/api/handlers.h"
#include "emulator/stepfunctions/api/paging.h"

namespace stepsim::sfn {

namespace {

constexpr std::string_view kActivityPageMagic = "sfn-activities:";

json defaultEncryption() {
  return {{"type", "AWS_OWNED_KEY"}};
}

json encryptionOf(const json& in) {
  if (!in.contains("encryptionConfiguration")) return defaultEncryption();
  const json& config = in["encryptionConfiguration"];
  if (config.value("type", "") == "CUSTOMER_MANAGED_KMS_KEY" && !config.contains("kmsKeyId"))
    sfnError("InvalidEncryptionConfiguration",
             "Invalid Encryption Configuration: kmsKeyId is required when type is "
             "CUSTOMER_MANAGED_KMS_KEY");
  return config;
}

}  // namespace

json createActivity(SfnState& s, const json& in) {
  std::string name = in.at("name").get<std::string>();
  checkName(name);
  json encryption = encryptionOf(in);
  std::string arn = s.activityArn(name);
  if (const Activity* existing = s.activities.find(arn)) {
    // Idempotent on the name; differing tags are ignored, a different encryption is a conflict.
    if (in.contains("encryptionConfiguration") && encryption != existing->encryptionConfiguration)
      sfnError("ActivityAlreadyExists", "Activity Already Exists: '" + arn + "'");
    return {{"activityArn", arn}, {"creationDate", epochSeconds(existing->creationDate)}};
  }
  Activity activity;
  activity.name = name;
  activity.arn = arn;
  activity.creationDate = s.sim.now();
  activity.encryptionConfiguration = std::move(encryption);
  if (in.contains("tags")) addTags(activity.tags, in["tags"], arn);
  const Activity& added = s.activities.add(std::move(activity));
  return {{"activityArn", added.arn}, {"creationDate", epochSeconds(added.creationDate)}};
}

json describeActivity(SfnState& s, const json& in) {
  const Activity& a = s.activity(in.at("activityArn").get<std::string>());
  return {{"activityArn", a.arn},
          {"name", a.name},
          {"creationDate", epochSeconds(a.creationDate)},
          {"encryptionConfiguration", a.encryptionConfiguration}};
}

json listActivities(SfnState& s, const json& in) {
  Page page = readPage(in, kActivityPageMagic);
  std::vector<const Activity*> all = s.activities.list();
  return page.listed("activities", all.size(), [&](std::size_t i) -> json {
    return {{"activityArn", all[i]->arn},
            {"name", all[i]->name},
            {"creationDate", epochSeconds(all[i]->creationDate)}};
  });
}

json deleteActivity(SfnState& s, const json& in) {
  std::string arn = in.at("activityArn").get<std::string>();
  s.checkActivityArn(arn);
  // An unknown activity is not an error (the model lists only InvalidArn).
  s.activities.remove(arn);
  return json::object();
}

void checkActivityTaskRequest(SfnState& s, const json& in) {
  s.activity(in.at("activityArn").get<std::string>());  // InvalidArn / ActivityDoesNotExist
}

}  // namespace stepsim::sfn
