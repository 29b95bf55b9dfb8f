#pragma once
// The emulated IAM API: roles, users, instance profiles and managed policies with their versions,
// inline and attached policies and tags, over the account's IdentityStore. Errors carry the Query
// protocol's codes from the model (NoSuchEntity, EntityAlreadyExists, MalformedPolicyDocument,
// DeleteConflict, LimitExceeded, InvalidInput).
#include <string_view>

#include "emulator/core/json.h"
#include "emulator/core/simulation.h"
#include "emulator/iam/identity_store.h"

namespace stepsim::iam {

class IamService {
 public:
  explicit IamService(core::Simulation& simulation) : store_(simulation) {}

  // Runs one operation named as in the model; `input` is already checked against its shape.
  // Returns the output object; throws core::AwsError.
  stepsim::Json handle(std::string_view operation, const stepsim::Json& input);
  bool implements(std::string_view operation) const;

  IdentityStore& store() { return store_; }
  const IdentityStore& store() const { return store_; }

 private:
  IdentityStore store_;
};

}  // namespace stepsim::iam
