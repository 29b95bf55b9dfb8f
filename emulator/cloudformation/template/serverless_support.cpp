// Helpers the SAM expansions share: tags, resource attributes, local paths and ignored events.
#include <array>
#include <filesystem>

#include "emulator/cloudformation/template/serverless_resources.h"

namespace stepsim::cfn::sam {
namespace {

// The attributes SAM copies from a SAM resource onto the resources it generates.
constexpr std::array<std::string_view, 3> kPassthroughAttributes = {"Condition", "DeletionPolicy",
                                                                    "UpdateReplacePolicy"};

bool isFalsy(const stepsim::Json& value) {
  return value.is_null() || value == false || value == 0 || value == "" ||
         (value.is_structured() && value.empty());
}

}  // namespace

const stepsim::Json* member(const stepsim::Json& object, std::string_view key) {
  if (!object.is_object()) return nullptr;
  const auto found = object.find(key);
  return found == object.end() ? nullptr : &*found;
}

bool isIntrinsic(const stepsim::Json& value) {
  if (!value.is_object() || value.size() != 1) return false;
  const std::string& key = value.begin().key();
  return key == "Ref" || key == "Condition" || key.starts_with("Fn::");
}

stepsim::Json tagList(std::string_view samKey, const stepsim::Json* tags) {
  stepsim::Json list = stepsim::Json::array();
  list.push_back({{"Key", samKey}, {"Value", "SAM"}});
  if (!tags || tags->is_null()) return list;
  if (!tags->is_object() || isIntrinsic(*tags)) invalid("Type of property 'Tags' is invalid.");
  for (const auto& [key, value] : tags->items())
    list.push_back({{"Key", key}, {"Value", isFalsy(value) ? stepsim::Json("") : value}});
  return list;
}

stepsim::Json passthroughAttributes(const SamResource& resource) {
  stepsim::Json attributes = stepsim::Json::object();
  for (std::string_view name : kPassthroughAttributes)
    if (const stepsim::Json* value = member(resource.declaration, name))
      attributes[std::string(name)] = *value;
  return attributes;
}

stepsim::Json mainResource(const SamResource& resource, std::string_view type) {
  stepsim::Json generated = {{"Type", type}, {"Properties", stepsim::Json::object()}};
  for (const auto& [attribute, value] : resource.declaration.items())
    if (attribute != "Type" && attribute != "Properties" && attribute != "IgnoreGlobals")
      generated[attribute] = value;
  return generated;
}

std::string localPath(const std::string& path, std::string_view property,
                      const ServerlessContext& context) {
  if (path.empty()) invalid("'" + std::string(property) + "' must not be empty.");
  std::filesystem::path resolved(path);
  if (resolved.is_relative()) {
    const std::filesystem::path base(context.baseDirectory);
    if (base.empty() || base.is_relative())
      invalid("'" + std::string(property) + "' is the relative path '" + path +
              "', and stepsim knows no template directory to resolve it against: give an "
              "absolute path");
    resolved = base / resolved;
  }
  std::string normal = resolved.lexically_normal().string();
  if (normal.size() > 1 && normal.back() == '/') normal.pop_back();
  return normal;
}

std::vector<IgnoredEvent> ignoredEvents(const SamResource& resource) {
  const stepsim::Json* events = member(resource.properties, "Events");
  if (!events || events->is_null()) return {};
  if (!events->is_object()) invalid("Type of property 'Events' is invalid.");
  std::vector<IgnoredEvent> ignored;
  for (const auto& [name, event] : events->items()) {
    const stepsim::Json* type = member(event, "Type");
    ignored.push_back({resource.logicalId, name,
                       type && type->is_string() ? type->get<std::string>() : std::string()});
  }
  return ignored;
}

}  // namespace stepsim::cfn::sam
