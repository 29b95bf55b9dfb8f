#include "emulator/app/cloudformation_binding.h"

#include "emulator/app/cfn_resources/resource_types.h"
#include "emulator/app/service_protocols.h"
#include "emulator/app/service_state.h"
#include "emulator/app/wire_protocols.h"
#include "emulator/cloudformation/cloudformation_service.h"

namespace stepsim::app {

namespace {

// The service and the provisioner it makes resources with, which lives as long as it does.
struct CloudFormationState {
  explicit CloudFormationState(AccountRegion& place)
      : provisioner(place), service(place.simulation(), provisioner) {}

  stepsim::Json handle(std::string_view operation, const stepsim::Json& input) {
    return service.handle(operation, input);
  }
  bool implements(std::string_view operation) const { return service.implements(operation); }

  cfn_resources::ServiceProvisioner provisioner;
  cfn::CloudFormationService service;
};

}  // namespace

namespace cloudformation_binding {

const WireProtocol& wire() {
  static const AwsQueryWire wire(cloudFormationProtocol());
  return wire;
}

void serve(AccountRegion& place, ServiceCall call, Answer answer) {
  serveFromState<CloudFormationState>(place, kCloudFormationBinding, wire(), call, answer);
}

std::unique_ptr<ServiceState> createState(AccountRegion& place) {
  return makeServiceState<CloudFormationState>(place);
}

}  // namespace cloudformation_binding

cfn::CloudFormationService& cloudFormation(AccountRegion& place) {
  return stateOf<CloudFormationState>(place, kCloudFormationBinding).service;
}

}  // namespace stepsim::app
