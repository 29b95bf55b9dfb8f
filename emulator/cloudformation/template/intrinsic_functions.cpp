// The intrinsic functions that compute from their arguments alone (and the mappings, the
// region and other stacks' exports).
#include <array>
#include <charconv>
#include <cstdint>

#include "emulator/cloudformation/template/resolver.h"
#include "emulator/cloudformation/template/template_error.h"
#include "emulator/cloudformation/template/template_text.h"
#include "emulator/core/base64.h"
#include "emulator/core/json_text.h"

namespace stepsim::cfn {
namespace {

bool isPair(const stepsim::Json& argument) {
  return argument.is_array() && argument.size() == 2;
}

[[noreturn]] void throwJoinArguments() {
  throw TemplateError(
      "Template error: every Fn::Join object requires two parameters, (1) a string delimiter and "
      "(2) a list of strings to be joined or a function that returns a list of strings (such as "
      "Fn::GetAZs) to be joined.");
}

[[noreturn]] void throwSelectArguments() {
  throw TemplateError(
      "Template error: Fn::Select requires a list argument with two elements: an integer index "
      "and a list");
}

[[noreturn]] void throwSplitArguments() {
  throw TemplateError(
      "Template error: every Fn::Split object requires two parameters, (1) a string delimiter "
      "and (2) a string to be split or a function that returns a string to be split.");
}

[[noreturn]] void throwFindInMapArguments() {
  throw TemplateError(
      "Template error: every Fn::FindInMap object requires three parameters, the map name, map "
      "key and the attribute for return value");
}

[[noreturn]] void throwCidrArguments() {
  throw TemplateError(
      "Template error: every Fn::Cidr object requires three parameters, (1) an IPv4 address "
      "block in CIDR notation, (2) the number of subnets to generate (1 to 256) and (3) the "
      "number of subnet bits");
}

// A non-negative integer given as a number or as its text.
std::optional<std::uint64_t> wholeNumber(const stepsim::Json& value) {
  if (value.is_number_unsigned()) return value.get<std::uint64_t>();
  if (value.is_number_integer()) {
    const auto number = value.get<std::int64_t>();
    return number < 0 ? std::nullopt : std::optional<std::uint64_t>(number);
  }
  if (value.is_number_float()) {
    const double number = value.get<double>();
    if (number < 0 || number != static_cast<double>(static_cast<std::uint64_t>(number)))
      return std::nullopt;
    return static_cast<std::uint64_t>(number);
  }
  if (!value.is_string()) return std::nullopt;
  const std::string& text = value.get_ref<const std::string&>();
  std::uint64_t number = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return number;
}

struct Ipv4Block {
  std::uint32_t address;
  unsigned prefix;
};

std::optional<Ipv4Block> parseIpv4Block(std::string_view text) {
  const std::size_t slash = text.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  const auto prefix = wholeNumber(stepsim::Json(std::string(text.substr(slash + 1))));
  if (!prefix || *prefix > 32) return std::nullopt;
  const std::vector<std::string> octets = splitText(text.substr(0, slash), ".");
  if (octets.size() != 4) return std::nullopt;
  std::uint32_t address = 0;
  for (const std::string& octet : octets) {
    const auto value = wholeNumber(stepsim::Json(octet));
    if (!value || *value > 255 || octet.empty() || octet.size() > 3) return std::nullopt;
    address = (address << 8) | static_cast<std::uint32_t>(*value);
  }
  return Ipv4Block{address, static_cast<unsigned>(*prefix)};
}

std::string ipv4Text(std::uint32_t address, unsigned prefix) {
  return std::to_string(address >> 24) + "." + std::to_string((address >> 16) & 0xFF) + "." +
         std::to_string((address >> 8) & 0xFF) + "." + std::to_string(address & 0xFF) + "/" +
         std::to_string(prefix);
}

// The first `count` subnets of `block` with `subnetBits` host bits each.
stepsim::Json ipv4Subnets(const Ipv4Block& block, std::uint64_t count, std::uint64_t subnetBits) {
  const unsigned blockBits = 32 - block.prefix;
  if (subnetBits > blockBits) throwCidrArguments();
  const std::uint64_t available = std::uint64_t{1} << (blockBits - subnetBits);
  if (count > available)
    throw TemplateError("Template error: Fn::Cidr cannot fit " + std::to_string(count) +
                        " subnets of /" + std::to_string(32 - subnetBits) + " in " +
                        ipv4Text(block.address, block.prefix));
  const std::uint64_t blockMask =
      block.prefix == 0 ? 0 : (~std::uint64_t{0} << blockBits) & 0xFFFFFFFF;
  const std::uint64_t network = block.address & blockMask;
  stepsim::Json subnets = stepsim::Json::array();
  for (std::uint64_t i = 0; i < count; ++i)
    subnets.push_back(ipv4Text(static_cast<std::uint32_t>(network + (i << subnetBits)),
                               static_cast<unsigned>(32 - subnetBits)));
  return subnets;
}

}  // namespace

std::optional<stepsim::Json> Resolver::join(const stepsim::Json& argument,
                                            std::size_t depth) const {
  if (!isPair(argument)) throwJoinArguments();
  const auto delimiter = resolve(argument[0], depth);
  const auto items = list(argument[1], depth);
  if (!delimiter || !delimiter->is_string() || !items) throwJoinArguments();
  std::string joined;
  bool first = true;
  for (const stepsim::Json& item : *items) {
    const auto itemText = scalarText(item);
    if (!itemText) throwJoinArguments();
    if (!first) appendWithinBudget(joined, delimiter->get_ref<const std::string&>());
    appendWithinBudget(joined, *itemText);
    first = false;
  }
  return stepsim::Json(std::move(joined));
}

std::optional<stepsim::Json> Resolver::select(const stepsim::Json& argument,
                                              std::size_t depth) const {
  if (!isPair(argument)) throwSelectArguments();
  const auto index = resolve(argument[0], depth);
  auto items = list(argument[1], depth);
  if (!index || !items) throwSelectArguments();
  const std::optional<std::uint64_t> position = wholeNumber(*index);
  if (!position) throwSelectArguments();
  if (*position >= items->size())
    throw TemplateError("Template error: Fn::Select cannot select nonexistent value at index " +
                        std::to_string(*position));
  return std::move((*items)[*position]);
}

std::optional<stepsim::Json> Resolver::split(const stepsim::Json& argument,
                                             std::size_t depth) const {
  if (!isPair(argument)) throwSplitArguments();
  const auto delimiter = resolve(argument[0], depth);
  const auto source = text(argument[1], depth);
  if (!delimiter || !delimiter->is_string() || delimiter->get_ref<const std::string&>().empty() ||
      !source)
    throwSplitArguments();
  return stepsim::Json(splitText(*source, delimiter->get<std::string>()));
}

std::optional<stepsim::Json> Resolver::findInMap(const stepsim::Json& argument,
                                                 std::size_t depth) const {
  if (!argument.is_array() || argument.size() < 3 || argument.size() > 4) throwFindInMapArguments();
  // The fourth argument, {"DefaultValue": ...}, comes with AWS::LanguageExtensions.
  const bool hasDefault = argument.size() == 4;
  if (hasDefault && (!languageExtensions() || !argument[3].is_object() || argument[3].size() != 1 ||
                     !argument[3].contains("DefaultValue")))
    throwFindInMapArguments();
  std::array<std::string, 3> keys;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    const auto key = text(argument[i], depth);
    if (!key) throwFindInMapArguments();
    keys[i] = *key;
  }
  const stepsim::Json* found = &stackTemplate().mappings;
  for (const std::string& key : keys) {
    if (!found->is_object() || !found->contains(key)) {
      found = nullptr;
      break;
    }
    found = &(*found)[key];
  }
  if (found) return *found;
  if (hasDefault) return required(argument[3]["DefaultValue"], depth, "Fn::FindInMap");
  throw TemplateError("Template error: Unable to get mapping for " + keys[0] + "::" + keys[1] +
                      "::" + keys[2]);
}

std::optional<stepsim::Json> Resolver::getAZs(const stepsim::Json& argument,
                                              std::size_t depth) const {
  const auto resolved = resolve(argument, depth);
  if (resolved && !resolved->is_null() && !resolved->is_string())
    throw TemplateError("Template error: Fn::GetAZs requires a region name as a string");
  std::string region = resolved && resolved->is_string() ? resolved->get<std::string>() : "";
  // "" (and the Ref to AWS::Region) means the stack's own region.
  if (region.empty()) region = context_.pseudo.region;
  return stepsim::Json::array({region + "a", region + "b", region + "c"});
}

std::optional<stepsim::Json> Resolver::base64(const stepsim::Json& argument,
                                              std::size_t depth) const {
  const auto bytes = text(argument, depth);
  if (!bytes) throw TemplateError("Template error: Fn::Base64 requires a string argument");
  return stepsim::Json(core::encodeBase64(*bytes));
}

std::optional<stepsim::Json> Resolver::importValue(const stepsim::Json& argument,
                                                   std::size_t depth) const {
  const auto exportName = text(argument, depth);
  if (!exportName)
    throw TemplateError("Template error: Fn::ImportValue requires a string argument");
  const auto value = context_.importValue ? context_.importValue(*exportName) : std::nullopt;
  if (!value) throw TemplateError("No export named " + *exportName + " found");
  return stepsim::Json(*value);
}

std::optional<stepsim::Json> Resolver::cidr(const stepsim::Json& argument,
                                            std::size_t depth) const {
  if (!argument.is_array() || argument.size() != 3) throwCidrArguments();
  const auto blockText = text(argument[0], depth);
  const auto count = wholeNumber(required(argument[1], depth, "Fn::Cidr"));
  const auto subnetBits = wholeNumber(required(argument[2], depth, "Fn::Cidr"));
  const auto block = blockText ? parseIpv4Block(*blockText) : std::nullopt;
  if (!block || !count || *count < 1 || *count > 256 || !subnetBits || *subnetBits > 32)
    throwCidrArguments();
  return ipv4Subnets(*block, *count, *subnetBits);
}

std::optional<stepsim::Json> Resolver::length(const stepsim::Json& argument,
                                              std::size_t depth) const {
  const auto items = list(argument, depth);
  if (!items) throw TemplateError("Template error: Fn::Length requires a list argument");
  return stepsim::Json(items->size());
}

std::optional<stepsim::Json> Resolver::toJsonString(const stepsim::Json& argument,
                                                    std::size_t depth) const {
  const stepsim::Json value = required(argument, depth, "Fn::ToJsonString");
  if (!value.is_object() && !value.is_array())
    throw TemplateError("Template error: Fn::ToJsonString requires an object or a list argument");
  return stepsim::Json(core::serializeJson(value));
}

}  // namespace stepsim::cfn
