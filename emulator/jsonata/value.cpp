#include "emulator/jsonata/value.h"

#include <algorithm>
#include <cmath>

namespace stepsim::jsonata {

namespace {
// Objects up to this size are searched linearly; larger ones keep a key index.
constexpr std::size_t kIndexThreshold = 12;
}  // namespace

std::string_view typeName(ValueType type) {
  switch (type) {
    case ValueType::Undefined: return "undefined";
    case ValueType::Null: return "null";
    case ValueType::Boolean: return "boolean";
    case ValueType::Number: return "number";
    case ValueType::String: return "string";
    case ValueType::Array: return "array";
    case ValueType::Object: return "object";
    case ValueType::Function: return "function";
  }
  return "undefined";
}

Value Value::null() {
  Value v;
  v.rep_ = Rep::Null;
  return v;
}

Value Value::boolean(bool b) {
  Value v;
  v.rep_ = Rep::Boolean;
  v.boolean_ = b;
  return v;
}

Value Value::number(double n) {
  Value v;
  v.rep_ = Rep::Number;
  v.number_ = n;
  return v;
}

Value Value::owning(Rep rep, std::shared_ptr<const void> owned, const void* target) {
  Value v;
  v.rep_ = rep;
  v.ptr_ = target;
  v.owner_ = std::move(owned);
  return v;
}

Value Value::string(std::string s) {
  auto owned = std::make_shared<const std::string>(std::move(s));
  const void* target = owned.get();
  return owning(Rep::OwnedString, std::move(owned), target);
}

Value Value::jsonView(const Json& json, const std::shared_ptr<const void>& owner) {
  switch (json.type()) {
    case Json::value_t::boolean: return boolean(json.get<bool>());
    case Json::value_t::number_integer: return number(static_cast<double>(json.get<std::int64_t>()));
    case Json::value_t::number_unsigned: return number(static_cast<double>(json.get<std::uint64_t>()));
    case Json::value_t::number_float: return number(json.get<double>());
    case Json::value_t::string:
    case Json::value_t::array:
    case Json::value_t::object: {
      Value v;
      v.rep_ = json.is_string() ? Rep::JsonString : json.is_array() ? Rep::JsonArray : Rep::JsonObject;
      v.ptr_ = &json;
      v.owner_ = owner;
      return v;
    }
    default: return null();
  }
}

Value Value::borrow(const Json& json) { return jsonView(json, nullptr); }

Value Value::fromJson(std::shared_ptr<const Json> root, const Json& node) { return jsonView(node, root); }

Value Value::fromJson(Json json) {
  auto root = std::make_shared<const Json>(std::move(json));
  return jsonView(*root, root);
}

std::uint16_t Value::levelAbove(std::uint16_t deepest) {
  if (deepest >= kMaxValueNesting)
    throw Error("U1001", -1, "",
                "The value is nested too deeply: arrays and objects nest at most " +
                    std::to_string(kMaxValueNesting) + " levels");
  return static_cast<std::uint16_t>(deepest + 1);
}

Value Value::array(std::vector<Value> items, std::uint8_t flags) {
  std::uint16_t deepest = 0;
  for (const Value& item : items) deepest = std::max(deepest, item.nesting_);
  std::uint16_t nesting = levelAbove(deepest);
  auto owned = std::make_shared<const std::vector<Value>>(std::move(items));
  const void* target = owned.get();
  Value v = owning(Rep::OwnedArray, std::move(owned), target);
  v.flags_ = flags;
  v.nesting_ = nesting;
  return v;
}

Value Value::object(ObjectData members) { return object(std::make_shared<const ObjectData>(std::move(members))); }

Value Value::object(std::shared_ptr<const ObjectData> owned) {
  std::uint16_t deepest = 0;
  for (const auto& member : owned->members()) deepest = std::max(deepest, member.second.nesting_);
  const void* target = owned.get();
  std::uint16_t nesting = levelAbove(deepest);
  Value v = owning(Rep::OwnedObject, std::move(owned), target);
  v.nesting_ = nesting;
  return v;
}

void deleteWithoutRecursion(void* object, void (*destroy)(void*)) {
  thread_local bool deleting = false;
  thread_local std::vector<std::pair<void*, void (*)(void*)>> queued;
  if (deleting) {
    queued.emplace_back(object, destroy);
    return;
  }
  deleting = true;
  destroy(object);
  while (!queued.empty()) {
    auto [next, destroyNext] = queued.back();
    queued.pop_back();
    destroyNext(next);
  }
  deleting = false;
}

Value Value::function(std::shared_ptr<const Callable> callable) {
  const void* target = callable.get();
  return owning(Rep::Function, std::move(callable), target);
}

ValueType Value::type() const {
  switch (rep_) {
    case Rep::Undefined: return ValueType::Undefined;
    case Rep::Null: return ValueType::Null;
    case Rep::Boolean: return ValueType::Boolean;
    case Rep::Number: return ValueType::Number;
    case Rep::OwnedString:
    case Rep::JsonString: return ValueType::String;
    case Rep::OwnedArray:
    case Rep::JsonArray: return ValueType::Array;
    case Rep::OwnedObject:
    case Rep::JsonObject: return ValueType::Object;
    case Rep::Function: return ValueType::Function;
  }
  return ValueType::Undefined;
}

bool Value::isInteger() const { return rep_ == Rep::Number && std::isfinite(number_) && std::floor(number_) == number_; }

std::string_view Value::string() const {
  if (rep_ == Rep::OwnedString) return *static_cast<const std::string*>(ptr_);
  if (rep_ == Rep::JsonString) return static_cast<const Json*>(ptr_)->get_ref<const std::string&>();
  return {};
}

std::size_t Value::size() const {
  switch (rep_) {
    case Rep::OwnedArray: return static_cast<const std::vector<Value>*>(ptr_)->size();
    case Rep::OwnedObject: return static_cast<const ObjectData*>(ptr_)->size();
    case Rep::JsonArray:
    case Rep::JsonObject: return static_cast<const Json*>(ptr_)->size();
    default: return 0;
  }
}

Value Value::at(std::size_t index) const {
  if (rep_ == Rep::OwnedArray) {
    const auto& items = *static_cast<const std::vector<Value>*>(ptr_);
    return index < items.size() ? items[index] : Value();
  }
  if (rep_ == Rep::JsonArray) {
    const Json& json = *static_cast<const Json*>(ptr_);
    return index < json.size() ? jsonView(json[index], owner_) : Value();
  }
  return Value();
}

std::vector<Value> Value::items() const {
  if (rep_ == Rep::OwnedArray) return *static_cast<const std::vector<Value>*>(ptr_);
  if (rep_ == Rep::JsonArray) {
    std::vector<Value> out;
    const Json& json = *static_cast<const Json*>(ptr_);
    out.reserve(json.size());
    for (const Json& item : json) out.push_back(jsonView(item, owner_));
    return out;
  }
  if (rep_ == Rep::Undefined) return {};
  return {*this};
}

Value Value::get(std::string_view key) const {
  if (rep_ == Rep::OwnedObject) {
    const Value* found = static_cast<const ObjectData*>(ptr_)->find(key);
    return found ? *found : Value();
  }
  if (rep_ == Rep::JsonObject) {
    const Json& json = *static_cast<const Json*>(ptr_);
    auto it = json.find(key);
    return it == json.end() ? Value() : jsonView(*it, owner_);
  }
  return Value();
}

bool Value::contains(std::string_view key) const {
  if (rep_ == Rep::OwnedObject) return static_cast<const ObjectData*>(ptr_)->find(key) != nullptr;
  if (rep_ == Rep::JsonObject) {
    const Json& json = *static_cast<const Json*>(ptr_);
    return json.find(key) != json.end();
  }
  return false;
}

std::vector<std::string> Value::keys() const {
  std::vector<std::string> out;
  forEachMember([&](std::string_view key, const Value&) { out.emplace_back(key); });
  return out;
}

const Callable* Value::callable() const {
  return rep_ == Rep::Function ? static_cast<const Callable*>(ptr_) : nullptr;
}

std::shared_ptr<const Callable> Value::callablePtr() const {
  if (rep_ != Rep::Function) return nullptr;
  return std::shared_ptr<const Callable>(owner_, static_cast<const Callable*>(ptr_));
}

const Regex* Value::regex() const {
  const Callable* c = callable();
  if (!c || c->kind != Callable::Kind::Regex) return nullptr;
  return static_cast<const RegexMatcher*>(c)->regex.get();
}

const std::vector<Value>* Value::ownedItems() const {
  return rep_ == Rep::OwnedArray ? static_cast<const std::vector<Value>*>(ptr_) : nullptr;
}

const ObjectData* Value::ownedObject() const {
  return rep_ == Rep::OwnedObject ? static_cast<const ObjectData*>(ptr_) : nullptr;
}

const Json* Value::json() const {
  return (rep_ == Rep::JsonString || rep_ == Rep::JsonArray || rep_ == Rep::JsonObject)
             ? static_cast<const Json*>(ptr_)
             : nullptr;
}

namespace {
Json numberToJson(double n) {
  if (std::floor(n) == n && std::fabs(n) < 9.2e18) return Json(static_cast<std::int64_t>(n));
  return Json(n);
}
}  // namespace

Json Value::toJson() const {
  switch (rep_) {
    case Rep::Undefined:
    case Rep::Null:
    case Rep::Function: return Json(nullptr);
    case Rep::Boolean: return Json(boolean_);
    case Rep::Number: return numberToJson(number_);
    case Rep::OwnedString: return Json(*static_cast<const std::string*>(ptr_));
    case Rep::JsonString:
    case Rep::JsonArray:
    case Rep::JsonObject: return *static_cast<const Json*>(ptr_);
    case Rep::OwnedArray: {
      Json out = Json::array();
      const auto& items = *static_cast<const std::vector<Value>*>(ptr_);
      out.get_ref<Json::array_t&>().reserve(items.size());
      for (const Value& item : items) out.push_back(item.toJson());
      return out;
    }
    case Rep::OwnedObject: {
      Json out = Json::object();
      auto& members = out.get_ref<Json::object_t&>();
      for (const auto& [key, value] : static_cast<const ObjectData*>(ptr_)->members()) {
        if (value.isUndefined() || value.isFunction()) continue;
        members.emplace_back(key, value.toJson());  // keys are unique in ObjectData: no search
      }
      return out;
    }
  }
  return Json(nullptr);
}

void ObjectData::rebuildIndex() {
  index_.clear();
  if (members_.size() <= kIndexThreshold) return;
  index_.reserve(members_.size() * 2);
  for (std::size_t i = 0; i < members_.size(); ++i) index_.emplace(members_[i].first, i);
}

const Value* ObjectData::find(std::string_view key) const {
  if (!index_.empty()) {
    auto it = index_.find(key);
    return it == index_.end() ? nullptr : &members_[it->second].second;
  }
  for (const auto& member : members_)
    if (member.first == key) return &member.second;
  return nullptr;
}

void ObjectData::set(std::string key, Value value) {
  if (Value* existing = const_cast<Value*>(find(key))) {
    *existing = std::move(value);
    return;
  }
  append(std::move(key), std::move(value));
}

void ObjectData::append(std::string key, Value value) {
  members_.emplace_back(std::move(key), std::move(value));
  if (!index_.empty())
    index_.emplace(members_.back().first, members_.size() - 1);
  else if (members_.size() > kIndexThreshold)
    rebuildIndex();
}

bool ObjectData::erase(std::string_view key) {
  for (auto it = members_.begin(); it != members_.end(); ++it) {
    if (it->first == key) {
      members_.erase(it);
      rebuildIndex();
      return true;
    }
  }
  return false;
}

bool deepEqual(const Value& a, const Value& b) {
  ValueType type = a.type();
  if (type != b.type()) return false;
  switch (type) {
    case ValueType::Undefined:
    case ValueType::Null: return true;
    case ValueType::Boolean: return a.boolean() == b.boolean();
    case ValueType::Number: return a.number() == b.number();
    case ValueType::String: return a.string() == b.string();
    case ValueType::Function: return a.callable() == b.callable();
    case ValueType::Array: {
      if (a.size() != b.size()) return false;
      for (std::size_t i = 0; i < a.size(); ++i)
        if (!deepEqual(a.at(i), b.at(i))) return false;
      return true;
    }
    case ValueType::Object: {
      if (a.size() != b.size()) return false;
      bool equal = true;
      a.forEachMember([&](std::string_view key, const Value& value) {
        if (equal && !deepEqual(value, b.get(key))) equal = false;
      });
      return equal;
    }
  }
  return false;
}

bool isNumeric(const Value& value) { return value.isNumber() && !std::isnan(value.number()); }

bool truthy(const Value& value) {
  switch (value.type()) {
    case ValueType::Undefined:
    case ValueType::Null:
    case ValueType::Function: return false;
    case ValueType::Boolean: return value.boolean();
    case ValueType::Number: return isNumeric(value) && value.number() != 0;
    case ValueType::String: return !value.string().empty();
    case ValueType::Object: return !value.empty();
    case ValueType::Array: {
      std::size_t n = value.size();
      if (n == 1) return truthy(value.at(0));
      for (std::size_t i = 0; i < n; ++i)
        if (truthy(value.at(i))) return true;
      return false;
    }
  }
  return false;
}

}  // namespace stepsim::jsonata
