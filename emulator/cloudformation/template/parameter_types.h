#pragma once
// Parameter types CloudFormation knows (internal).
#include <string_view>

namespace stepsim::cfn {

// String, Number, List<Number>, CommaDelimitedList, the AWS-specific types (AWS::EC2::...,
// AWS::Route53::HostedZone::Id, List<...> of them) and the SSM parameter types.
bool isKnownParameterType(std::string_view type);

// Whether a value of this type is a list (a JSON array of strings).
bool isListParameterType(std::string_view type);

// Whether the value (or, for lists, each element) must be a number.
bool isNumericParameterType(std::string_view type);

}  // namespace stepsim::cfn
