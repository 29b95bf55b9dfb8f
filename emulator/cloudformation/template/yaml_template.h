#pragma once
// The YAML half of parseTemplateBody (internal).
#include <string_view>

#include "emulator/core/json.h"

namespace stepsim::cfn {

// `body` read as one YAML document, short-form tags expanded; null for an empty document.
// Throws TemplateError as parseTemplateBody documents.
stepsim::Json parseYamlTemplate(std::string_view body);

}  // namespace stepsim::cfn
