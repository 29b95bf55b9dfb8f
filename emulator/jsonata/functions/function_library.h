#pragma once
// The standard JSONata function library and the Step Functions extras, one registration function
// per group of https://docs.jsonata.org (the evaluator's own functions, which call back into it,
// are registered by the evaluator itself).
namespace stepsim::jsonata {

class FunctionRegistry;

void registerStringFunctions(FunctionRegistry& registry);
void registerNumericFunctions(FunctionRegistry& registry);
void registerAggregationFunctions(FunctionRegistry& registry);
void registerArrayFunctions(FunctionRegistry& registry);
void registerObjectFunctions(FunctionRegistry& registry);
void registerDateTimeFunctions(FunctionRegistry& registry);
void registerStepFunctionsExtras(FunctionRegistry& registry);  // $partition $range $hash $random $uuid $parse

}  // namespace stepsim::jsonata
