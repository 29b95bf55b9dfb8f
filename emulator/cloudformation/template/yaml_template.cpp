// YAML templates are read from yaml-cpp's parser events rather than its node tree: the events
// show which scalars were quoted, and building the JSON with an explicit stack lets aliases be
// expanded under a budget (a "billion laughs" body is refused, not expanded).
#include "emulator/cloudformation/template/yaml_template.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <limits>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <yaml-cpp/anchor.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include "emulator/cloudformation/template/template_error.h"
#include "emulator/cloudformation/template/template_text.h"

namespace stepsim::cfn {
namespace {

// What the document may grow to with its aliases expanded: each node costs kNodeWeight plus
// its text. A 1 MiB body without aliases stays well below it.
constexpr std::size_t kNodeWeight = 8;
constexpr std::size_t kMaxExpandedWeight = 16 * 1024 * 1024;

constexpr std::string_view kNonSpecificTag = "?";  // plain scalars, untagged collections
constexpr std::string_view kQuotedTag = "!";       // quoted scalars
constexpr std::string_view kCoreTagPrefix = "tag:yaml.org,2002:";
constexpr std::string_view kStringTag = "tag:yaml.org,2002:str";  // !!str

std::string positionText(const YAML::Mark& mark) {
  return "(line " + std::to_string(mark.line + 1) + ", column " + std::to_string(mark.column + 1) +
         ")";
}

[[noreturn]] void throwNotWellFormed(const YAML::Mark& mark, std::string_view why = {}) {
  std::string message = "Template format error: YAML not well-formed. ";
  if (!why.empty()) message.append(why).append(" ");
  throw TemplateError(message + positionText(mark));
}

// The long-form function a short-form tag stands for ("!Ref" -> "Ref", "!Sub" -> "Fn::Sub").
std::optional<std::string> shortFormFunction(std::string_view tag) {
  static const std::vector<std::string_view> kFnTags = {
      "Base64", "Cidr",      "And",    "Equals", "If",           "Not",
      "Or",     "FindInMap", "GetAtt", "GetAZs", "ImportValue",  "Join",
      "Length", "Select",    "Split",  "Sub",    "ToJsonString", "Transform"};
  if (tag == "!Ref") return "Ref";
  if (tag == "!Condition") return "Condition";
  if (tag.size() < 2 || tag.front() != '!') return std::nullopt;
  for (const std::string_view name : kFnTags)
    if (tag.substr(1) == name) return "Fn::" + std::string(name);
  return std::nullopt;
}

bool isCaseVariantOf(std::string_view text, std::string_view lower) {
  if (text == lower) return true;
  std::string capitalized(lower), upper(lower);
  capitalized[0] = static_cast<char>(std::toupper(capitalized[0]));
  for (char& c : upper) c = static_cast<char>(std::toupper(c));
  return text == capitalized || text == upper;
}

// An integer written without leading zeros ("007" stays text: it is usually an id, not octal).
std::optional<stepsim::Json> integerValue(std::string_view text) {
  const std::string_view digits =
      (text.front() == '-' || text.front() == '+') ? text.substr(1) : text;
  if (digits.empty() || digits.find_first_not_of("0123456789") != std::string_view::npos)
    return std::nullopt;
  if (digits.size() > 1 && digits.front() == '0') return std::nullopt;
  if (text.front() == '+') text.remove_prefix(1);
  std::int64_t value = 0;
  if (std::from_chars(text.data(), text.data() + text.size(), value).ec != std::errc())
    return std::nullopt;  // too large: kept as text rather than rounded
  return stepsim::Json(value);
}

// A number with a fraction or an exponent (integers are integerValue's), without leading zeros.
std::optional<stepsim::Json> floatValue(std::string_view text) {
  if (!isDecimalNumber(text) || text.find_first_of(".eE") == std::string_view::npos)
    return std::nullopt;
  const std::string_view digits =
      (text.front() == '-' || text.front() == '+') ? text.substr(1) : text;
  if (digits.size() > 1 && digits[0] == '0' && std::isdigit(static_cast<unsigned char>(digits[1])))
    return std::nullopt;
  const double value = decimalValue(text);
  if (std::isinf(value)) return std::nullopt;
  return stepsim::Json(value);
}

// An unquoted scalar's value: CloudFormation reads true/false and numbers as such, the rest as
// text (yes/no/on/off stay strings).
stepsim::Json plainScalar(const std::string& text) {
  if (isCaseVariantOf(text, "true")) return true;
  if (isCaseVariantOf(text, "false")) return false;
  if (text.empty()) return text;
  if (auto integer = integerValue(text)) return *integer;
  if (auto number = floatValue(text)) return *number;
  return text;
}

// A value under construction, with what the expansion budget and the depth bound need.
struct Built {
  stepsim::Json value;
  std::size_t weight = kNodeWeight;
  std::size_t height = 0;  // levels of objects and arrays
};

class JsonBuilder : public YAML::EventHandler {
 public:
  std::optional<stepsim::Json> takeResult() { return std::move(result_); }

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    if (expectingKey()) return completeKey("null", mark);
    Built null{stepsim::Json()};
    spend(null.weight, mark);
    complete(std::move(null), anchor, mark);
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    const auto found = anchored_.find(anchor);
    // An alias inside the node it names would expand forever.
    if (found == anchored_.end()) throwNotWellFormed(mark, "Recursive alias.");
    if (expectingKey()) {
      if (!found->second.value.is_string()) throwNotWellFormed(mark, "Unsupported mapping key.");
      return completeKey(found->second.value.get<std::string>(), mark);
    }
    spend(found->second.weight, mark);
    complete(Built(found->second), YAML::NullAnchor, mark);
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& text) override {
    if (expectingKey()) {
      if (tag != kNonSpecificTag && tag != kQuotedTag && tag != kStringTag)
        throwNotWellFormed(mark, "Unsupported mapping key.");
      if (anchor != YAML::NullAnchor) remember(anchor, Built{text, kNodeWeight + text.size()});
      return completeKey(text, mark);
    }
    Built built{scalarValue(tag, text, mark), kNodeWeight + text.size()};
    spend(built.weight, mark);
    complete(wrapShortForm(std::move(built), tag, mark), anchor, mark);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open(stepsim::Json::array(), tag, anchor, mark);
  }
  void OnSequenceEnd() override { close(); }

  void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    open(stepsim::Json::object(), tag, anchor, mark);
  }
  void OnMapEnd() override { close(); }

 private:
  struct Frame {
    Built built;
    std::string tag;
    YAML::anchor_t anchor;
    YAML::Mark mark;
    std::optional<std::string> key;  // in a mapping: the key whose value comes next
  };

  bool expectingKey() const {
    return !open_.empty() && open_.back().built.value.is_object() && !open_.back().key;
  }

  void completeKey(std::string key, const YAML::Mark& mark) {
    Frame& frame = open_.back();
    if (frame.built.value.contains(key)) throwNotWellFormed(mark, "Duplicate key '" + key + "'.");
    spend(kNodeWeight + key.size(), mark);
    frame.key = std::move(key);
  }

  void open(stepsim::Json container, const std::string& tag, YAML::anchor_t anchor,
            const YAML::Mark& mark) {
    if (expectingKey()) throwNotWellFormed(mark, "Unsupported mapping key.");
    if (open_.size() >= kMaxTemplateDepth) throwTooDeep(mark);
    checkCollectionTag(tag, mark);
    spend(kNodeWeight, mark);
    open_.push_back(Frame{Built{std::move(container)}, tag, anchor, mark, std::nullopt});
  }

  void close() {
    Frame frame = std::move(open_.back());
    open_.pop_back();
    frame.built.height += 1;
    complete(wrapShortForm(std::move(frame.built), frame.tag, frame.mark), frame.anchor,
             frame.mark);
  }

  // A finished node (its weight already spent): remembered under its anchor, then placed in
  // its parent.
  void complete(Built built, YAML::anchor_t anchor, const YAML::Mark& mark) {
    if (built.height > kMaxTemplateDepth) throwTooDeep(mark);
    if (anchor != YAML::NullAnchor) remember(anchor, built);
    if (open_.empty()) {
      result_ = std::move(built.value);
      return;
    }
    Frame& parent = open_.back();
    parent.built.weight += built.weight;
    parent.built.height = std::max(parent.built.height, built.height);
    if (parent.built.value.is_array()) {
      parent.built.value.push_back(std::move(built.value));
    } else {
      parent.built.value[*parent.key] = std::move(built.value);
      parent.key.reset();
    }
  }

  void remember(YAML::anchor_t anchor, const Built& built) { anchored_[anchor] = built; }

  void spend(std::size_t weight, const YAML::Mark& mark) {
    expandedWeight_ += weight;
    if (expandedWeight_ > kMaxExpandedWeight)
      throw TemplateError(
          "Template format error: The template expands beyond the maximum template size through "
          "YAML aliases " +
          positionText(mark));
  }

  [[noreturn]] static void throwTooDeep(const YAML::Mark& mark) {
    throwNotWellFormed(
        mark, "The template nests deeper than " + std::to_string(kMaxTemplateDepth) + " levels.");
  }

  static void checkCollectionTag(const std::string& tag, const YAML::Mark& mark) {
    if (tag == kNonSpecificTag || tag == kQuotedTag || tag.rfind(kCoreTagPrefix, 0) == 0 ||
        shortFormFunction(tag))
      return;
    throwUnsupportedTag(tag, mark);
  }

  [[noreturn]] static void throwUnsupportedTag(const std::string& tag, const YAML::Mark& mark) {
    throw TemplateError("Template format error: Unsupported YAML tag " + tag + " " +
                        positionText(mark));
  }

  static stepsim::Json scalarValue(const std::string& tag, const std::string& text,
                                   const YAML::Mark& mark) {
    if (tag == kNonSpecificTag) return plainScalar(text);
    if (tag == kQuotedTag || shortFormFunction(tag)) return text;
    if (tag.rfind(kCoreTagPrefix, 0) == 0)
      return tag == kStringTag ? stepsim::Json(text) : plainScalar(text);
    throwUnsupportedTag(tag, mark);
  }

  // `!Ref X` -> {"Ref": "X"}; `!GetAtt A.B.C` -> {"Fn::GetAtt": ["A", "B.C"]}.
  static Built wrapShortForm(Built built, const std::string& tag, const YAML::Mark&) {
    const std::optional<std::string> function = shortFormFunction(tag);
    if (!function) return built;
    if (*function == "Fn::GetAtt" && built.value.is_string()) {
      const std::string target = built.value.get<std::string>();
      const std::size_t dot = target.find('.');
      if (dot != std::string::npos) {
        built.value = stepsim::Json::array({target.substr(0, dot), target.substr(dot + 1)});
        built.height += 1;
      }
    }
    built.value = stepsim::Json::object({{*function, std::move(built.value)}});
    built.height += 1;
    return built;
  }

  std::vector<Frame> open_;
  std::map<YAML::anchor_t, Built> anchored_;
  std::size_t expandedWeight_ = 0;
  std::optional<stepsim::Json> result_;
};

}  // namespace

stepsim::Json parseYamlTemplate(std::string_view body) {
  std::istringstream stream{std::string(body)};
  JsonBuilder builder;
  try {
    YAML::Parser parser(stream);
    parser.HandleNextDocument(builder);
  } catch (const YAML::Exception& error) {
    throwNotWellFormed(error.mark);
  }
  return builder.takeResult().value_or(stepsim::Json());
}

}  // namespace stepsim::cfn
