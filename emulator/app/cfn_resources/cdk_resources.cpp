// AWS::CDK::Metadata: the CDK adds it to every stack it synthesises to count usage. On AWS it is
// a record with no effect; so it is here.
#include "emulator/app/account_region.h"
#include "emulator/app/cfn_resources/resource_families.h"

namespace stepsim::app::cfn_resources {

ProvisionedResource createCdkMetadata(AccountRegion& place, const ResourceRequest&) {
  return {place.simulation().ids("cfn-cdk-metadata").uuid(), stepsim::Json::object()};
}

ProvisionedResource updateCdkMetadata(AccountRegion&, const ResourceRequest&,
                                      const ProvisionedResource& current, const stepsim::Json&) {
  return current;
}

void removeCdkMetadata(AccountRegion&, const ResourceRequest&, const ProvisionedResource&) {}

}  // namespace stepsim::app::cfn_resources
