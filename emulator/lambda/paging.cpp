#include "emulator/lambda/paging.h"

#include <algorithm>
#include <charconv>

#include "emulator/lambda/code_package.h"
#include "emulator/lambda/errors.h"
#include "emulator/lambda/input.h"

namespace stepsim::lambda {

namespace {

constexpr std::string_view kMagic = "stepsim-lambda:";

std::size_t decodeMarker(const std::string& marker) {
  std::optional<std::string> text = marker.size() <= 128 ? decodeBase64(marker) : std::nullopt;
  if (!text || text->rfind(kMagic, 0) != 0) invalidParameter("Marker is not a valid marker");
  std::string_view digits = std::string_view(*text).substr(kMagic.size());
  std::size_t offset = 0;
  auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), offset);
  if (digits.empty() || ec != std::errc() || ptr != digits.data() + digits.size())
    invalidParameter("Marker is not a valid marker");
  return offset;
}

}  // namespace

Page pageOf(std::size_t total, const json& input) {
  std::int64_t size = kMaxPageItems;
  if (auto maxItems = optInt(input, "MaxItems")) {
    if (*maxItems < 1) invalidParameter("MaxItems must be at least 1");
    size = std::min<std::int64_t>(*maxItems, kMaxPageItems);
  }
  Page page;
  if (auto marker = optString(input, "Marker")) page.begin = std::min(decodeMarker(*marker), total);
  page.end = std::min(total, page.begin + static_cast<std::size_t>(size));
  if (page.end < total)
    page.nextMarker = encodeBase64(std::string(kMagic) + std::to_string(page.end));
  return page;
}

}  // namespace stepsim::lambda
