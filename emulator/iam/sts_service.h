#pragma once
// The emulated STS API: who is calling (GetCallerIdentity, GetAccessKeyInfo) and temporary
// credentials (AssumeRole of a role IAM has, GetSessionToken) that expire on the virtual clock.
#include <string_view>

#include "emulator/core/json.h"
#include "emulator/iam/identity_store.h"
#include "emulator/iam/permission_mode.h"

namespace stepsim::iam {

class StsService {
 public:
  StsService(IdentityStore& store, PermissionMode mode) : store_(store), mode_(mode) {}

  // Runs one operation named as in the model for `caller`; `input` is already checked against its
  // shape. Throws core::AwsError with the Query protocol's codes.
  stepsim::Json handle(std::string_view operation, const stepsim::Json& input,
                       const CallerIdentity& caller);
  bool implements(std::string_view operation) const;

 private:
  IdentityStore& store_;
  PermissionMode mode_;
};

}  // namespace stepsim::iam
