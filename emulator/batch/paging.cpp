#include "emulator/batch/paging.h"

#include "emulator/batch/input.h"
#include "emulator/core/base64.h"

namespace stepsim::batch {

namespace {

constexpr std::string_view kMagic = "stepsim-batch:";

}  // namespace

std::string encodePageToken(std::size_t offset) {
  return core::encodeOffsetToken(kMagic, offset);
}

std::size_t decodePageToken(const std::string& token) {
  std::optional<std::size_t> offset = core::decodeOffsetToken(kMagic, token);
  if (!offset) clientError("nextToken is not a valid token");
  return *offset;
}

Page pageOf(std::size_t total, const json& input, int pageSize) {
  Page page;
  if (auto token = optString(input, "nextToken")) page.begin = decodePageToken(*token);
  if (page.begin > total) page.begin = total;
  page.end = std::min(total, page.begin + static_cast<std::size_t>(pageSize));
  if (page.end < total) page.nextToken = encodePageToken(page.end);
  return page;
}

}  // namespace stepsim::batch
