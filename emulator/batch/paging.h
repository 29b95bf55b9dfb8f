#pragma once
// Opaque nextToken values for Describe*/List*: the base64 of an offset into a list kept in a
// defined order. The field is omitted on the last page, as botocore's paginators expect.
#include <cstddef>
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

}  // namespace stepsim::batch
