// PublishVersion and ListVersionsByFunction.
#include "emulator/lambda/errors.h"
#include "emulator/lambda/handlers.h"
#include "emulator/lambda/input.h"
#include "emulator/lambda/paging.h"
#include "emulator/lambda/view.h"

namespace stepsim::lambda {

namespace {

// What makes two versions the same function: code and the configuration that shapes a run. The
// description is not part of it (PublishVersion may override it per version).
bool sameForPublishing(const FunctionConfig& a, const FunctionConfig& b) {
  return a.codeSha256 == b.codeSha256 && a.runtime == b.runtime && a.role == b.role &&
         a.handler == b.handler && a.timeout == b.timeout && a.memorySize == b.memorySize &&
         a.environment == b.environment && a.architectures == b.architectures &&
         a.ephemeralStorage == b.ephemeralStorage && a.tracingMode == b.tracingMode;
}

}  // namespace

std::int64_t publishLatest(LambdaState& s, Function& fn,
                           const std::optional<std::string>& description) {
  if (!fn.versions.empty() && sameForPublishing(fn.versions.rbegin()->second, fn.latest))
    return fn.versions.rbegin()->first;
  std::int64_t number = fn.nextVersion++;
  FunctionConfig version = fn.latest;
  if (description) version.description = *description;
  version.lastModified = s.nowText();
  version.revisionId = s.newRevisionId();
  fn.versions.emplace(number, std::move(version));
  return number;
}

json publishVersion(LambdaState& s, const json& in) {
  Function& fn = s.unqualified(reqString(in, "FunctionName"));
  if (auto revision = optString(in, "RevisionId"); revision && *revision != fn.latest.revisionId)
    preconditionFailed(
        "The Revision Id provided does not match the latest Revision Id. Call the "
        "GetFunction/GetAlias API to retrieve the latest Revision Id");
  if (auto sha = optString(in, "CodeSha256"); sha && *sha != fn.latest.codeSha256)
    invalidParameter("CodeSHA256 (" + shown(*sha) +
                     ") is different from current CodeSHA256 in $LATEST (" + fn.latest.codeSha256 +
                     "). Please try again");
  std::int64_t number = publishLatest(s, fn, optString(in, "Description"));
  std::string v = std::to_string(number);
  return renderConfiguration(s, fn, fn.versions.at(number), v, v);
}

json listVersionsByFunction(LambdaState& s, const json& in) {
  Function& fn = s.unqualified(reqString(in, "FunctionName"));
  // $LATEST first, then the versions in order; every ARN here is qualified, as AWS shows them.
  Page page = pageOf(1 + fn.versions.size(), in);
  json versions = json::array();
  auto it = fn.versions.begin();
  if (page.begin > 0) std::advance(it, page.begin - 1);
  for (std::size_t i = page.begin; i < page.end; ++i) {
    if (i == 0) {
      versions.push_back(renderConfiguration(s, fn, fn.latest, "$LATEST", "$LATEST"));
      continue;
    }
    std::string v = std::to_string(it->first);
    versions.push_back(renderConfiguration(s, fn, it->second, v, v));
    ++it;
  }
  json out = {{"Versions", std::move(versions)}};
  if (page.nextMarker) out["NextMarker"] = *page.nextMarker;
  return out;
}

}  // namespace stepsim::lambda
