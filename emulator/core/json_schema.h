#pragma once
// A JSON Schema (draft 2020-12) checker for the subset stepsim's own file formats use, so the schema
// that documents a format is also what enforces it: type, enum, const, properties, required,
// additionalProperties, minProperties/maxProperties, items, minItems/maxItems, minimum, maximum,
// exclusiveMinimum, minLength/maxLength, pattern, oneOf, anyOf and local $ref ("#/$defs/NAME").
// Other keywords are ignored. Problems name the JSON pointer of the offending value.
#include <string>
#include <vector>

#include "emulator/core/json.h"

namespace stepsim::core {

struct SchemaProblem {
  std::string pointer;  // RFC 6901, "" for the document itself
  std::string message;
};

class JsonSchema {
 public:
  explicit JsonSchema(stepsim::Json schema) : root_(std::move(schema)) {}

  // Every problem found (at most `limit`), in document order; empty when `value` conforms.
  std::vector<SchemaProblem> check(const stepsim::Json& value, std::size_t limit = 20) const;

 private:
  stepsim::Json root_;
};

}  // namespace stepsim::core
