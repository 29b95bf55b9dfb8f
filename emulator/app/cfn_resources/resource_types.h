#pragma once
// The resource types a stack can hold, one row each, and how each is made in the emulated
// services. Adding a type: its functions in the family's file (stepfunctions_resources.cpp,
// lambda_resources.cpp, ...), declared in resource_families.h, and one row in resource_types.cpp.
#include <string_view>

#include "emulator/cloudformation/resource_provisioner.h"
#include "emulator/core/json.h"

namespace stepsim::app {
class AccountRegion;
}

namespace stepsim::app::cfn_resources {

using Create = cfn::ProvisionedResource (*)(AccountRegion&, const cfn::ResourceRequest&);
// Updates in place, or makes a replacement (a new physical id: the stack removes the old one
// afterwards) when a property that cannot change in place did.
using Update = cfn::ProvisionedResource (*)(AccountRegion&, const cfn::ResourceRequest&,
                                            const cfn::ProvisionedResource& current,
                                            const stepsim::Json& previousProperties);
using Remove = void (*)(AccountRegion&, const cfn::ResourceRequest&,
                        const cfn::ProvisionedResource&);

struct ResourceType {
  std::string_view name;  // "AWS::Lambda::Function"
  Create create;
  Update update;
  Remove remove;
};

// The row of `name`, or nullptr when stepsim cannot provision it.
const ResourceType* findResourceType(std::string_view name);

// The provisioner stacks use: each resource made through the service handlers, as a client's
// request would be (checked against the model first).
class ServiceProvisioner : public cfn::ResourceProvisioner {
 public:
  explicit ServiceProvisioner(AccountRegion& place) : place_(place) {}
  bool supports(const std::string& type) const override;
  cfn::ProvisionedResource create(const cfn::ResourceRequest& request) override;
  cfn::ProvisionedResource update(const cfn::ResourceRequest& request,
                                  const cfn::ProvisionedResource& current,
                                  const stepsim::Json& previousProperties) override;
  void remove(const cfn::ResourceRequest& request,
              const cfn::ProvisionedResource& current) override;

 private:
  AccountRegion& place_;
};

}  // namespace stepsim::app::cfn_resources
