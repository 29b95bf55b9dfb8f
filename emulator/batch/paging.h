#pragma once
// Opaque nextToken values for Describe*/List*: the base64 of an offset into a list kept in a
// defined order. The field is omitted on the last page, as botocore's paginators expect.
#include <algorithm>
#include <cstddef>
#include <memory>
#include <vector>
#include <optional>
#include <string>

#include "emulator/batch/model.h"

namespace stepsim::batch {

struct Page {
  std::size_t begin = 0, end = 0;
  std::optional<std::string> nextToken;
};

std::string encodePageToken(std::size_t offset);
// Throws ClientException naming nextToken when the token was not made by encodePageToken.
std::size_t decodePageToken(const std::string& token);
// The slice of `total` items the request's nextToken and `pageSize` select.
Page pageOf(std::size_t total, const json& input, int pageSize);

// The output of a Describe*/List* call: the selected page of `items`, each rendered by `render`,
// under `listKey`, and nextToken when more remain.
template <typename Item, typename Render>
json renderPage(const std::vector<Item>& items, const json& input, int pageSize,
                const char* listKey, Render&& render) {
  Page page = pageOf(items.size(), input, pageSize);
  json list = json::array();
  for (std::size_t i = page.begin; i < page.end; ++i) list.push_back(render(*items[i]));
  json out = {{listKey, std::move(list)}};
  if (page.nextToken) out["nextToken"] = *page.nextToken;
  return out;
}

// The resources `refs` name (by name or ARN) in their defined order, or all of them without refs.
template <typename Resource>
std::vector<const Resource*> selectByNameOrArn(
    const std::vector<std::unique_ptr<Resource>>& resources,
    const std::optional<std::vector<std::string>>& refs) {
  std::vector<const Resource*> selected;
  for (const auto& resource : resources) {
    bool named = !refs || std::any_of(refs->begin(), refs->end(), [&](const std::string& ref) {
                   return ref == resource->name || ref == resource->arn;
                 });
    if (named) selected.push_back(resource.get());
  }
  return selected;
}

}  // namespace stepsim::batch
