#include "emulator/batch/names.h"

#include <charconv>

namespace stepsim::batch {

Arns::Arns(const std::string& region, const std::string& account)
    : prefix_("arn:aws:batch:" + region + ":" + account + ":"),
      region_(region),
      account_(account) {}

std::string Arns::ecsCluster(std::string_view name) const {
  return "arn:aws:ecs:" + region_ + ":" + account_ + ":cluster/" + std::string(name);
}

std::string Arns::ecsTask(std::string_view cluster, std::string_view taskId) const {
  return "arn:aws:ecs:" + region_ + ":" + account_ + ":task/" + std::string(cluster) + "/" +
         std::string(taskId);
}

std::optional<std::string_view> Arns::resourcePart(std::string_view arn,
                                                   std::string_view kind) const {
  if (arn.size() <= prefix_.size() + kind.size() + 1) return std::nullopt;
  if (arn.substr(0, prefix_.size()) != prefix_) return std::nullopt;
  arn.remove_prefix(prefix_.size());
  if (arn.substr(0, kind.size()) != kind || arn[kind.size()] != '/') return std::nullopt;
  return arn.substr(kind.size() + 1);
}

std::string_view Arns::nameOf(std::string_view ref, std::string_view kind) const {
  if (auto rest = resourcePart(ref, kind)) return *rest;
  return ref;
}

std::string Arns::arnOf(std::string_view ref, std::string_view kind) const {
  if (ref.starts_with("arn:")) return std::string(ref);
  return prefix_ + std::string(kind) + "/" + std::string(ref);
}

std::optional<DefinitionRef> parseDefinitionRef(std::string_view ref, const Arns& arns) {
  if (ref.substr(0, 4) == "arn:") {
    auto rest = arns.resourcePart(ref, "job-definition");
    if (!rest) return std::nullopt;
    ref = *rest;
  }
  DefinitionRef out;
  auto colon = ref.find(':');
  out.name = std::string(ref.substr(0, colon));
  if (colon != std::string_view::npos) {
    std::string_view digits = ref.substr(colon + 1);
    int revision = 0;
    auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), revision);
    if (digits.empty() || ec != std::errc() || ptr != digits.data() + digits.size() || revision < 1)
      return std::nullopt;
    out.revision = revision;
  }
  if (out.name.empty()) return std::nullopt;
  return out;
}

}  // namespace stepsim::batch
