#pragma once
// The functions of each resource type, by the service that holds them. See resource_types.h.
#include "emulator/app/cfn_resources/resource_types.h"

namespace stepsim::app::cfn_resources {

using cfn::ProvisionedResource;
using cfn::ResourceRequest;

#define STEPSIM_CFN_RESOURCE(name)                                                    \
  ProvisionedResource create##name(AccountRegion&, const ResourceRequest&);           \
  ProvisionedResource update##name(AccountRegion&, const ResourceRequest&,            \
                                   const ProvisionedResource&, const stepsim::Json&); \
  void remove##name(AccountRegion&, const ResourceRequest&, const ProvisionedResource&);

// cdk_resources.cpp
STEPSIM_CFN_RESOURCE(CdkMetadata)
// stepfunctions_resources.cpp
STEPSIM_CFN_RESOURCE(StateMachine)
STEPSIM_CFN_RESOURCE(Activity)
// lambda_resources.cpp
STEPSIM_CFN_RESOURCE(Function)
STEPSIM_CFN_RESOURCE(Permission)
STEPSIM_CFN_RESOURCE(FunctionVersion)
STEPSIM_CFN_RESOURCE(FunctionAlias)
// batch_resources.cpp
STEPSIM_CFN_RESOURCE(ComputeEnvironment)
STEPSIM_CFN_RESOURCE(JobQueue)
STEPSIM_CFN_RESOURCE(JobDefinition)
// iam_resources.cpp
STEPSIM_CFN_RESOURCE(Role)
STEPSIM_CFN_RESOURCE(Policy)
STEPSIM_CFN_RESOURCE(ManagedPolicy)
STEPSIM_CFN_RESOURCE(InstanceProfile)
// logs_resources.cpp
STEPSIM_CFN_RESOURCE(LogGroup)
// network_resources.cpp: the VPC pieces a Batch stack needs, recorded with AWS-shaped ids and
// attributes; they do nothing.
STEPSIM_CFN_RESOURCE(NetworkResource)

#undef STEPSIM_CFN_RESOURCE

}  // namespace stepsim::app::cfn_resources
