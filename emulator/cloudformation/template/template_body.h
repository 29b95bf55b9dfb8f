#pragma once
// A template body as CloudFormation reads it: JSON, or YAML with the short-form intrinsic tags.
#include <string_view>

#include "emulator/core/json.h"

namespace stepsim::cfn {

// Parses `body` (JSON when its first non-blank character is '{', YAML otherwise) into JSON.
// YAML short forms become the long form CloudFormation documents: `!Ref X` -> {"Ref": "X"},
// `!GetAtt A.B` (or a [A, B] sequence) -> {"Fn::GetAtt": ["A", "B"]}, `!Sub`, `!Join`, `!If`,
// `!Select`, `!Split`, `!Equals`, `!And`, `!Or`, `!Not`, `!FindInMap`, `!GetAZs`, `!Base64`,
// `!ImportValue`, `!Cidr`, `!ToJsonString`, `!Condition` -> {"Condition": ...}. YAML scalars keep
// YAML 1.1 types as CloudFormation does (unquoted true/false/numbers become JSON booleans/numbers,
// quoted ones stay strings; null/~ become null). Keys keep their document order.
// Throws TemplateError ("Template format error: YAML not well-formed. (line 3, column 5)", or
// "Template format error: JSON not well-formed. ..."). Input is bounded: nesting deeper than 256
// levels and bodies over 1 MiB are refused with TemplateError, never a crash.
stepsim::Json parseTemplateBody(std::string_view body);

}  // namespace stepsim::cfn
