#include "emulator/app/cfn_resources/resource_types.h"

#include <algorithm>
#include <array>

#include "emulator/app/cfn_resources/resource_families.h"

namespace stepsim::app::cfn_resources {

namespace {

#define STEPSIM_ROW(type, name) \
  { type, create##name, update##name, remove##name }

// Sorted by name for binary search.
constexpr std::array kResourceTypes{
    ResourceType STEPSIM_ROW("AWS::Batch::ComputeEnvironment", ComputeEnvironment),
    ResourceType STEPSIM_ROW("AWS::Batch::JobDefinition", JobDefinition),
    ResourceType STEPSIM_ROW("AWS::Batch::JobQueue", JobQueue),
    ResourceType STEPSIM_ROW("AWS::CDK::Metadata", CdkMetadata),
    ResourceType STEPSIM_ROW("AWS::EC2::InternetGateway", NetworkResource),
    ResourceType STEPSIM_ROW("AWS::EC2::Route", NetworkResource),
    ResourceType STEPSIM_ROW("AWS::EC2::RouteTable", NetworkResource),
    ResourceType STEPSIM_ROW("AWS::EC2::SecurityGroup", NetworkResource),
    ResourceType STEPSIM_ROW("AWS::EC2::Subnet", NetworkResource),
    ResourceType STEPSIM_ROW("AWS::EC2::SubnetRouteTableAssociation", NetworkResource),
    ResourceType STEPSIM_ROW("AWS::EC2::VPC", NetworkResource),
    ResourceType STEPSIM_ROW("AWS::EC2::VPCGatewayAttachment", NetworkResource),
    ResourceType STEPSIM_ROW("AWS::IAM::InstanceProfile", InstanceProfile),
    ResourceType STEPSIM_ROW("AWS::IAM::ManagedPolicy", ManagedPolicy),
    ResourceType STEPSIM_ROW("AWS::IAM::Policy", Policy),
    ResourceType STEPSIM_ROW("AWS::IAM::Role", Role),
    ResourceType STEPSIM_ROW("AWS::Lambda::Alias", FunctionAlias),
    ResourceType STEPSIM_ROW("AWS::Lambda::Function", Function),
    ResourceType STEPSIM_ROW("AWS::Lambda::Permission", Permission),
    ResourceType STEPSIM_ROW("AWS::Lambda::Version", FunctionVersion),
    ResourceType STEPSIM_ROW("AWS::Logs::LogGroup", LogGroup),
    ResourceType STEPSIM_ROW("AWS::StepFunctions::Activity", Activity),
    ResourceType STEPSIM_ROW("AWS::StepFunctions::StateMachine", StateMachine),
};

#undef STEPSIM_ROW

static_assert(std::is_sorted(kResourceTypes.begin(), kResourceTypes.end(),
                             [](const ResourceType& a, const ResourceType& b) {
                               return a.name < b.name;
                             }));

const ResourceType& requireType(std::string_view name) {
  const ResourceType* type = findResourceType(name);
  if (!type)
    throw cfn::ProvisioningError("Resource type " + std::string(name) +
                                 " is not supported by stepsim");
  return *type;
}

}  // namespace

const ResourceType* findResourceType(std::string_view name) {
  auto it = std::lower_bound(
      kResourceTypes.begin(), kResourceTypes.end(), name,
      [](const ResourceType& type, std::string_view wanted) { return type.name < wanted; });
  return it != kResourceTypes.end() && it->name == name ? &*it : nullptr;
}

bool ServiceProvisioner::supports(const std::string& type) const {
  return findResourceType(type) != nullptr;
}

cfn::ProvisionedResource ServiceProvisioner::create(const cfn::ResourceRequest& request) {
  return requireType(request.type).create(place_, request);
}

cfn::ProvisionedResource ServiceProvisioner::update(const cfn::ResourceRequest& request,
                                                    const cfn::ProvisionedResource& current,
                                                    const stepsim::Json& previousProperties) {
  return requireType(request.type).update(place_, request, current, previousProperties);
}

void ServiceProvisioner::remove(const cfn::ResourceRequest& request,
                                const cfn::ProvisionedResource& current) {
  requireType(request.type).remove(place_, request, current);
}

}  // namespace stepsim::app::cfn_resources
