#include "emulator/lambda/paging.h"

#include <algorithm>

#include "emulator/core/base64.h"
#include "emulator/lambda/errors.h"
#include "emulator/lambda/input.h"

namespace stepsim::lambda {

namespace {

constexpr std::string_view kMagic = "stepsim-lambda:";

std::size_t decodeMarker(const std::string& marker) {
  std::optional<std::size_t> offset = core::decodeOffsetToken(kMagic, marker);
  if (!offset) invalidParameter("Marker is not a valid marker");
  return *offset;
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
  if (page.end < total) page.nextMarker = core::encodeOffsetToken(kMagic, page.end);
  return page;
}

}  // namespace stepsim::lambda
