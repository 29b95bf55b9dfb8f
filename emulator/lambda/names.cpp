#include "emulator/lambda/names.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <vector>

#include "emulator/lambda/errors.h"

namespace stepsim::lambda {

namespace {

std::vector<std::string_view> split(std::string_view text, char sep) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    std::size_t pos = text.find(sep, start);
    parts.push_back(text.substr(start, pos == std::string_view::npos ? pos : pos - start));
    if (pos == std::string_view::npos) return parts;
    start = pos + 1;
  }
}

bool isAccount(std::string_view s) {
  return s.size() == 12 &&
         std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool isQualifier(std::string_view q) {
  return !q.empty() && q.size() <= 128 && std::all_of(q.begin(), q.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '$' ||
           c == '.';
  });
}

}  // namespace

bool isVersionNumber(std::string_view text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::optional<std::int64_t> versionNumber(std::string_view text) {
  if (!isVersionNumber(text) || (text.size() > 1 && text[0] == '0')) return std::nullopt;
  std::int64_t number = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return number;
}

bool isValidFunctionName(std::string_view name) {
  return !name.empty() && name.size() <= 64 && std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
  });
}

Arns::Arns(std::string region, std::string account)
    : region_(std::move(region)), account_(std::move(account)) {}

std::string Arns::function(std::string_view name, std::string_view qualifier) const {
  std::string arn = "arn:aws:lambda:" + region_ + ":" + account_ + ":function:" + std::string(name);
  if (!qualifier.empty()) arn += ":" + std::string(qualifier);
  return arn;
}

std::string Arns::function(const FunctionRef& ref, std::string_view qualifier) const {
  std::string arn = "arn:aws:lambda:" + ref.region + ":" + ref.account + ":function:" + ref.name;
  if (!qualifier.empty()) arn += ":" + std::string(qualifier);
  return arn;
}

FunctionRef Arns::parse(std::string_view text, std::string_view field) const {
  auto bad = [&]() {
    invalidParameter("1 validation error detected: Value '" + shown(text) + "' at '" +
                     std::string(field) +
                     "' failed to satisfy constraint: Member must be a function name, a partial "
                     "ARN (ACCOUNT:function:NAME) or a function ARN, with an optional :qualifier");
  };
  std::vector<std::string_view> parts = split(text, ':');
  FunctionRef ref;
  ref.region = region_;
  ref.account = account_;
  std::size_t nameAt = 0;
  if (parts[0] == "arn") {
    // arn:PARTITION:lambda:REGION:ACCOUNT:function:NAME[:Q]
    if (parts.size() < 7 || parts.size() > 8 || parts[1].rfind("aws", 0) != 0 ||
        parts[2] != "lambda" || !isAccount(parts[4]) || parts[5] != "function")
      bad();
    ref.region = std::string(parts[3]);
    ref.account = std::string(parts[4]);
    nameAt = 6;
  } else if (parts.size() >= 3 && parts[1] == "function") {
    // ACCOUNT:function:NAME[:Q]
    if (!isAccount(parts[0]) || parts.size() > 4) bad();
    ref.account = std::string(parts[0]);
    nameAt = 2;
  } else if (parts.size() >= 4 && parts[2] == "function") {
    // REGION:ACCOUNT:function:NAME[:Q]
    if (!isAccount(parts[1]) || parts.size() > 5) bad();
    ref.region = std::string(parts[0]);
    ref.account = std::string(parts[1]);
    nameAt = 3;
  } else if (parts.size() > 2) {
    bad();
  }
  ref.foreign = ref.region != region_ || ref.account != account_;
  ref.name = std::string(parts[nameAt]);
  if (!isValidFunctionName(ref.name)) bad();
  if (parts.size() > nameAt + 1) {
    if (!isQualifier(parts[nameAt + 1])) bad();
    ref.qualifier = std::string(parts[nameAt + 1]);
  }
  return ref;
}

FunctionRef Arns::parseQualified(std::string_view text,
                                 const std::optional<std::string>& qualifier) const {
  FunctionRef ref = parse(text);
  if (qualifier) {
    if (ref.qualifier && *ref.qualifier != *qualifier)
      invalidParameter(
          "The derived qualifier from the function name does not match the specified "
          "qualifier.");
    if (!isQualifier(*qualifier))
      invalidParameter("Qualifier '" + shown(*qualifier) + "' is not a valid qualifier");
    ref.qualifier = *qualifier;
  }
  return ref;
}

}  // namespace stepsim::lambda
