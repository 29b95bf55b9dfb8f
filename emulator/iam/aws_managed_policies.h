#pragma once
// The AWS-managed policies an account starts with: the ones the Job Status Poller sample, the Step
// Functions console and common deploy scripts attach (AWSLambdaRole, AWSBatchServiceRole,
// AdministratorAccess, ...), under their real ARNs and with their documents, so that attaching
// one works and a permission check reads what it allows.
#include <vector>

#include "emulator/core/time_types.h"
#include "emulator/iam/identity_store.h"

namespace stepsim::iam {

// Each one version "v1" (the default), created at `created`.
std::vector<ManagedPolicy> awsManagedPolicies(core::TimeMs created);

}  // namespace stepsim::iam
