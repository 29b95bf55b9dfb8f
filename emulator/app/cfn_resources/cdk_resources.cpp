// AWS::CDK::Metadata: the CDK adds it to every stack it synthesises to count usage. On AWS it is
// a record with no effect; so it is here.
#include "emulator/app/cfn_resources/resource_families.h"
#include "emulator/app/emulator.h"

namespace stepsim::app::cfn_resources {

ProvisionedResource createCdkMetadata(Emulator& emulator, const ResourceRequest&) {
  return {emulator.simulation().ids("cfn-cdk-metadata").uuid(), stepsim::Json::object()};
}

ProvisionedResource updateCdkMetadata(Emulator&, const ResourceRequest&,
                                      const ProvisionedResource& current, const stepsim::Json&) {
  return current;
}

void removeCdkMetadata(Emulator&, const ResourceRequest&, const ProvisionedResource&) {}

}  // namespace stepsim::app::cfn_resources
