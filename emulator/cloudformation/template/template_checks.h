#pragma once
// The checks readTemplate makes once the declarations are read (internal).
#include "emulator/cloudformation/template/stack_template.h"

namespace stepsim::cfn {

// Every Ref / Fn::GetAtt / Fn::Sub reference and condition name in the Conditions, Resources
// and Outputs sections names something declared; adds each resource's references to its
// dependsOn. Throws TemplateError otherwise.
void checkReferences(StackTemplate& stackTemplate);

// Throws "Circular dependency between resources: [...]" when resources depend on each other.
void checkNoCircularDependencies(const StackTemplate& stackTemplate);

}  // namespace stepsim::cfn
