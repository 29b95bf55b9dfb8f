#pragma once
// How a stack's resources come to exist: CloudFormation asks a provisioner to create, update and
// delete each one. The app's provisioner makes them in the emulated services (a state machine, a
// function, a job queue); the stack engine knows no resource type by name.
#include <stdexcept>
#include <string>

#include "emulator/core/json.h"

namespace stepsim::cfn {

struct ResourceRequest {
  std::string stackName;
  std::string stackId;
  std::string logicalId;
  std::string type;
  stepsim::Json properties;  // evaluated
};

struct ProvisionedResource {
  std::string physicalId;    // what Ref gives
  stepsim::Json attributes;  // what Fn::GetAtt gives, by attribute name (an object)
};

// A resource the provisioner could not make, update or delete; the message is the event's
// ResourceStatusReason ("Resource handler returned message: ...").
struct ProvisioningError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class ResourceProvisioner {
 public:
  virtual ~ResourceProvisioner() = default;
  // Whether stepsim can provision `type` at all (checked before a stack starts).
  virtual bool supports(const std::string& type) const = 0;
  // Each throws ProvisioningError.
  virtual ProvisionedResource create(const ResourceRequest& request) = 0;
  // Updates `current` to the request's properties, in place or by making a replacement (a new
  // physicalId: the stack deletes the old one when the update is complete).
  virtual ProvisionedResource update(const ResourceRequest& request,
                                     const ProvisionedResource& current,
                                     const stepsim::Json& previousProperties) = 0;
  virtual void remove(const ResourceRequest& request, const ProvisionedResource& current) = 0;
};

}  // namespace stepsim::cfn
