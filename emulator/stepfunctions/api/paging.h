#pragma once
// The offset pages every Step Functions list operation shares: maxResults (0 or absent: 100) and
// an opaque nextToken encoding the offset, tagged per list so another list's token is refused.
#include <algorithm>
#include <string_view>

#include "emulator/core/base64.h"
#include "emulator/stepfunctions/api/errors.h"
#include "emulator/stepfunctions/api/sfn_state.h"

namespace stepsim::sfn {

struct Page {
  std::string_view magic;
  std::size_t offset = 0, limit = 100;

  // One past the last index of this page among `total` items.
  std::size_t end(std::size_t total) const { return std::min(total, offset + limit); }
  // Sets out["nextToken"] when items remain after this page; absent on the last page.
  void addNextToken(json& out, std::size_t total) const {
    if (offset + limit < total) out["nextToken"] = core::encodeOffsetToken(magic, offset + limit);
  }
  // The answer of a list operation: {key: [item(i) for this page's indexes among `total`]}, with
  // nextToken when items remain.
  template <typename Item>
  json listed(const char* key, std::size_t total, Item item) const {
    json list = json::array();
    for (std::size_t i = offset; i < end(total); ++i) list.push_back(item(i));
    json out = {{key, std::move(list)}};
    addNextToken(out, total);
    return out;
  }
};

// The page `in` asks for; InvalidToken when its nextToken is not one of this list's.
inline Page readPage(const json& in, std::string_view magic) {
  Page page{magic};
  if (auto limit = static_cast<std::size_t>(in.value("maxResults", 0)); limit != 0)
    page.limit = limit;
  if (in.contains("nextToken")) {
    auto offset = core::decodeOffsetToken(magic, in["nextToken"].get<std::string>());
    // AWS's words for any token it did not hand out.
    if (!offset) sfnError("InvalidToken", "Invalid Token: 'Invalid token'");
    page.offset = *offset;
  }
  return page;
}

}  // namespace stepsim::sfn
