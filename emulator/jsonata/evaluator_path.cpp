// Path evaluation (jsonata-js evaluatePath / evaluateStep / evaluateTupleStep): each step maps over
// the items of the previous one and the results are flattened into one sequence. Steps with `@` or
// `#`, and steps binding an ancestor for `%`, switch the path to a stream of tuples carrying those
// variable bindings.
#include "emulator/jsonata/evaluator.h"

namespace stepsim::jsonata {

namespace {

void bindInTuple(Tuple& tuple, std::string_view name, Value value) {
  for (auto& binding : tuple.bindings) {
    if (binding.first == name) {
      binding.second = std::move(value);
      return;
    }
  }
  tuple.bindings.emplace_back(name, std::move(value));
}

void appendFlattened(std::vector<Value>& out, const Value& value) {
  if (value.isArray()) {
    for (std::size_t i = 0; i < value.size(); ++i) appendFlattened(out, value.at(i));
  } else {
    out.push_back(value);
  }
}

}  // namespace

Value Evaluator::evaluatePath(const Node& path, const Value& input, const FramePtr& frame, std::vector<Tuple>* stream,
                              bool* streamed) {
  const auto& steps = path.items;
  bool mapsOverInput = input.isArray() && steps.front()->kind != NodeKind::Variable;
  std::vector<Value> current, next;
  std::size_t first = 0;
  if (mapsOverInput) {
    current = input.items();
  } else {
    // The common case, one item whose steps each give one value, needs no sequences.
    Value single = input;
    bool simple = !path.keepSingletonArray && !path.group;
    for (; simple && first < steps.size(); ++first) {
      const Node& step = *steps[first];
      if (step.tuple || step.consArray || step.kind == NodeKind::Sort || !step.stages.empty() || single.isArray()) break;
      // A plain field name on one object needs none of evaluate()'s sequence handling.
      bool plainName = step.kind == NodeKind::Name && step.predicates.empty() && !step.group && !step.keepArray;
      Value result;
      if (plainName) {
        countSteps(1);
        result = lookupField(single, step.text);
      } else {
        result = evaluate(step, single, frame);
      }
      if (result.isUndefined()) return result;
      if (!result.isArray()) {
        single = std::move(result);
        continue;
      }
      // An array: what evaluateStep would make of this one result, then the general way.
      if (first + 1 == steps.size() && !result.isSequence()) return result;
      if (result.hasFlag(Value::Constructed)) current.push_back(std::move(result));
      else current = result.items();
      ++first;
      break;
    }
    if (simple && first == steps.size() && current.empty()) return single;
    if (current.empty() && first < steps.size()) current.push_back(std::move(single));
  }

  Value whole;  // a last step's single array result, returned as it is
  bool tupleMode = false;
  std::vector<Tuple> tuples;
  for (std::size_t i = first; i < steps.size(); ++i) {
    const Node& step = *steps[i];
    bool last = i + 1 == steps.size();
    if (i == 0 && step.consArray) {
      // An array constructor first is evaluated once, not per item.
      Value inputSequence = mapsOverInput ? input : Value::sequence({input});
      whole = evaluate(step, inputSequence, frame);
      current = whole.items();
      if (!last) whole = Value();
      if (step.tuple) {
        tupleMode = true;
        for (const Value& item : current) tuples.push_back(Tuple{item, {}});
      }
    } else if (step.tuple || tupleMode) {
      evaluateTupleStep(step, tuples, !tupleMode, current, frame);
      tupleMode = true;
    } else {
      whole = evaluateStep(step, current, last, frame, next);
      std::swap(current, next);
    }
    if (!tupleMode && current.empty() && whole.isUndefined()) break;
  }

  Value result;
  if (tupleMode) {
    if (path.group) return groupTuples(*path.group, tuples, frame);
    if (stream && path.tuple) {
      // The enclosing path reads ancestors bound here: it takes the tuples, not just the items.
      *stream = std::move(tuples);
      *streamed = true;
      return Value();
    }
    std::vector<Value> items;
    items.reserve(tuples.size());
    for (Tuple& tuple : tuples) items.push_back(std::move(tuple.context));
    result = Value::sequence(std::move(items));
  } else if (!whole.isUndefined()) {
    result = whole;
  } else if (current.size() == 1 && !path.keepSingletonArray && !path.group) {
    return current.front();
  } else {
    result = Value::sequence(std::move(current));
  }
  if (path.keepSingletonArray) {
    if (result.isArray() && result.hasFlag(Value::Constructed) && !result.isSequence())
      result = Value::sequence({result});
    if (result.isArray()) result.setFlag(Value::KeepSingleton);
  }
  if (path.group) result = group(*path.group, result, frame);
  return result;
}

Value Evaluator::evaluateStep(const Node& step, std::span<const Value> inputs, bool lastStep, const FramePtr& frame,
                              std::vector<Value>& out) {
  out.clear();
  if (step.kind == NodeKind::Sort) {
    Value sorted = sortValues(step, Value::sequence(std::vector<Value>(inputs.begin(), inputs.end())), frame);
    for (const Stage& stage : step.stages)
      if (stage.filter) sorted = filter(*stage.filter, sorted, frame);
    out = sorted.items();
    return Value();
  }
  Value firstResult;
  std::size_t defined = 0;
  for (const Value& item : inputs) {
    Value result = evaluate(step, item, frame);
    for (const Stage& stage : step.stages)
      if (stage.filter) result = filter(*stage.filter, result, frame);
    if (result.isUndefined()) continue;
    if (++defined == 1) firstResult = result;
    if (!result.isArray() || result.hasFlag(Value::Constructed)) {
      out.push_back(std::move(result));
    } else {
      for (std::size_t k = 0; k < result.size(); ++k) out.push_back(result.at(k));
    }
  }
  if (lastStep && defined == 1 && firstResult.isArray() && !firstResult.isSequence()) {
    out.clear();
    return firstResult;
  }
  return Value();
}

bool Evaluator::evaluateStream(const Node& node, const Value& input, const FramePtr& frame, std::vector<Tuple>& stream,
                               Value& value) {
  bool carries = node.tuple && (node.kind == NodeKind::Path || node.kind == NodeKind::Block);
  if (!carries) {
    value = evaluate(node, input, frame);
    return false;
  }
  enter(node);
  bool streamed = false;
  if (node.kind == NodeKind::Path) {
    value = evaluatePath(node, input, frame, &stream, &streamed);
  } else if (!node.items.empty()) {
    // A block: its last expression is what gives the stream.
    FramePtr scope = newFrame(frame);
    for (std::size_t i = 0; i + 1 < node.items.size(); ++i) evaluate(*node.items[i], input, scope);
    streamed = evaluateStream(*node.items.back(), input, scope, stream, value);
  }
  if (!streamed) {
    value = finish(node, std::move(value), frame);
    return false;
  }
  for (const NodePtr& predicate : node.predicates) filterTuples(*predicate, stream, frame);
  if (node.group && node.kind != NodeKind::Path) {
    value = groupTuples(*node.group, stream, frame);
    return false;
  }
  return true;
}

void Evaluator::evaluateTupleStep(const Node& step, std::vector<Tuple>& stream, bool first,
                                  std::span<const Value> inputs, const FramePtr& frame) {
  if (step.kind == NodeKind::Sort) {
    if (!first) {
      sortTuples(step, stream, frame);
    } else {
      Value sorted = sortValues(step, Value::sequence(std::vector<Value>(inputs.begin(), inputs.end())), frame);
      stream.clear();
      for (std::size_t i = 0; i < sorted.size(); ++i) {
        Tuple tuple{sorted.at(i), {}};
        if (!step.indexVar.empty()) bindInTuple(tuple, step.indexVar, Value::number(static_cast<double>(i)));
        stream.push_back(std::move(tuple));
      }
    }
    applyTupleStages(step, stream, frame);
    return;
  }
  if (first) {
    stream.clear();
    for (const Value& item : inputs) stream.push_back(Tuple{item, {}});
  }
  std::vector<Tuple> result;
  std::vector<Tuple> inner;
  for (const Tuple& tuple : stream) {
    Value value;
    if (evaluateStream(step, tuple.context, tupleFrame(tuple, frame), inner, value)) {
      // A bracketed path's tuples: their items, with the ancestors they bound added.
      for (Tuple& made : inner) {
        Tuple out = tuple;
        out.context = std::move(made.context);
        for (auto& binding : made.bindings) bindInTuple(out, binding.first, std::move(binding.second));
        result.push_back(std::move(out));
      }
      inner.clear();
      continue;
    }
    if (value.isUndefined()) continue;
    std::vector<Value> items = value.isArray() ? value.items() : std::vector<Value>{value};
    for (std::size_t i = 0; i < items.size(); ++i) {
      Tuple out = tuple;
      if (!step.focus.empty()) bindInTuple(out, step.focus, items[i]);
      else out.context = items[i];
      if (!step.indexVar.empty()) bindInTuple(out, step.indexVar, Value::number(static_cast<double>(i)));
      if (step.ancestor) bindInTuple(out, step.ancestor->label, tuple.context);
      result.push_back(std::move(out));
    }
  }
  stream = std::move(result);
  applyTupleStages(step, stream, frame);
}

void Evaluator::applyTupleStages(const Node& step, std::vector<Tuple>& stream, const FramePtr& frame) {
  for (const Stage& stage : step.stages) {
    if (stage.filter) {
      filterTuples(*stage.filter, stream, frame);
    } else {
      for (std::size_t i = 0; i < stream.size(); ++i)
        bindInTuple(stream[i], stage.indexVar, Value::number(static_cast<double>(i)));
    }
  }
}

Value Evaluator::wildcard(const Value& input) {
  Value target = input.isArray() && input.hasFlag(Value::OuterWrapper) && !input.empty() ? input.at(0) : input;
  std::vector<Value> results;
  if (target.isObject()) {
    target.forEachMember([&](std::string_view, const Value& value) { appendFlattened(results, value); });
  } else if (target.isArray()) {
    for (std::size_t i = 0; i < target.size(); ++i) appendFlattened(results, target.at(i));
  }
  return Value::sequence(std::move(results));
}

Value Evaluator::descendants(const Value& input) {
  if (input.isUndefined()) return Value();
  std::vector<Value> results;
  // An explicit stack: documents may nest deeper than recursion could safely follow.
  std::vector<Value> pending{input};
  while (!pending.empty()) {
    Value value = std::move(pending.back());
    pending.pop_back();
    countSteps(1);
    if (value.isArray()) {
      for (std::size_t i = value.size(); i-- > 0;) pending.push_back(value.at(i));
      continue;
    }
    results.push_back(value);
    if (value.isObject()) {
      std::vector<Value> members;
      value.forEachMember([&](std::string_view, const Value& member) { members.push_back(member); });
      for (auto it = members.rbegin(); it != members.rend(); ++it) pending.push_back(std::move(*it));
    }
  }
  if (results.size() == 1) return results.front();
  return Value::sequence(std::move(results));
}

}  // namespace stepsim::jsonata
