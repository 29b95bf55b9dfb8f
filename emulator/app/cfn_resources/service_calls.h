#pragma once
// What the resource types share: calling an emulated service's operation as a client would (the
// input checked against the model, then the service's handler), with a refusal turned into the
// reason CloudFormation gives, and reading properties as CloudFormation does.
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "emulator/cloudformation/resource_provisioner.h"
#include "emulator/core/json.h"

namespace stepsim::app {
class AccountRegion;
}

namespace stepsim::app::cfn_resources {

// Runs `operation` of `service` ("batch", "iam", "lambda", "logs", "stepfunctions") with `input`
// named as in the model. Throws cfn::ProvisioningError: "Resource handler returned message:
// \"<the service's message>\" (Service: Lambda, Status Code: 400) (HandlerErrorCode:
// InvalidRequest)".
stepsim::Json callService(AccountRegion& place, std::string_view service,
                          std::string_view operation, const stepsim::Json& input);
// As callService, for a delete: a resource already gone (NotFound) is not an error.
void deleteQuietly(AccountRegion& place, std::string_view service, std::string_view operation,
                   const stepsim::Json& input);

// The name CloudFormation makes up for a resource the template does not name:
// "<stack>-<logical id>-<12 seeded characters>", shortened to `maxLength` as AWS shortens it.
std::string generatedName(AccountRegion& place, const cfn::ResourceRequest& request,
                          std::size_t maxLength = 64);

// The property `name` as a string, or `fallback` when absent.
std::string stringProperty(const cfn::ResourceRequest& request, const char* name,
                           const std::string& fallback = "");
// A required property: ProvisioningError "Properties validation failed for resource X with
// message: #: required key [Name] not found" when absent.
const stepsim::Json& requiredProperty(const cfn::ResourceRequest& request, const char* name);
// [{Key, Value}] tags as the services take them ({key: value} or [{key, value}]).
stepsim::Json tagMap(const stepsim::Json& tags);
stepsim::Json tagList(const stepsim::Json& tags, const char* keyName, const char* valueName);

// The keys of the [{Key, Value}] tags `previousTags` has and `currentTags` lacks: what an update
// untags before it tags with the current ones.
stepsim::Json removedTagKeys(const stepsim::Json& previousTags, const stepsim::Json& currentTags);
// `value` with every object key's first letter lower-cased: CloudFormation's property names
// (LoggingConfiguration.Destinations) as the JSON APIs name members (destinations). Members named
// in `verbatimMembers` (free-form maps such as Batch's Tags, Parameters or
// LogConfiguration.Options) keep their value's keys as written.
stepsim::Json camelCaseKeys(const stepsim::Json& value,
                            std::initializer_list<std::string_view> verbatimMembers);
stepsim::Json camelCaseKeys(const stepsim::Json& value);

// As callService, for reading what a remove must clear away: nullopt when the resource is
// already gone (NotFound).
std::optional<stepsim::Json> callUnlessNotFound(AccountRegion& place, std::string_view service,
                                                std::string_view operation,
                                                const stepsim::Json& input);

// Whether the property `name` differs between two sets of properties (absent is null).
bool propertyChanged(const stepsim::Json& current, const stepsim::Json& previous,
                     std::string_view name);
// The name the property `name` gives, or one generatedName makes up when it is absent.
std::string nameOrGenerated(AccountRegion& place, const cfn::ResourceRequest& request,
                            const char* name, std::size_t maxLength);

}  // namespace stepsim::app::cfn_resources
