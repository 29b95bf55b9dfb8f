#pragma once
// JSONata's value model. A Value is a small handle (32 bytes): scalars inline, everything else
// shared and immutable. Values read from the input or the bindings *borrow* the caller's JSON
// (nothing is copied per evaluation); only values the expression constructs own their data.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include <boost/container/small_vector.hpp>

#include "emulator/jsonata/jsonata.h"

namespace stepsim::jsonata {

class Regex;
class ObjectData;
struct Callable;

enum class ValueType : std::uint8_t { Undefined, Null, Boolean, Number, String, Array, Object, Function };

// "undefined", "null", "boolean", "number", "string", "array", "object", "function" ($type's names).
std::string_view typeName(ValueType type);

// Arrays and objects an expression builds nest at most this deep (U1001 beyond): converting or
// freeing a value walks its nesting, and that walk must fit the stack however the value was
// built (a $reduce can nest one level per item).
inline constexpr std::size_t kMaxValueNesting = 1000;

class Value {
 public:
  // The flags jsonata-js keeps on arrays; they travel with the handle, not the shared items.
  enum Flag : std::uint8_t {
    Sequence = 1,       // a result sequence: flattened into paths, a singleton is unwrapped
    KeepSingleton = 2,  // `[]` on a path step: a singleton sequence stays an array
    OuterWrapper = 4,   // the evaluator's wrapper around a path's input
    Constructed = 8,    // built by an array constructor `[...]`: not flattened by paths
    TupleStream = 16,   // the evaluator's internal stream of `@`/`#` binding tuples
  };

  Value() = default;  // undefined
  static Value undefined() { return Value(); }
  static Value null();
  static Value boolean(bool b);
  static Value number(double n);  // finite; the evaluator rejects non-finite results (D1001)
  static Value string(std::string s);
  static Value string(std::string_view s) { return string(std::string(s)); }
  static Value string(const char* s) { return string(std::string(s)); }
  // A view of JSON that outlives every use of the Value (the input, the bindings).
  static Value borrow(const Json& json);
  // A view of `node` inside `root`, which the Value keeps alive (e.g. JSON parsed by $eval).
  static Value fromJson(std::shared_ptr<const Json> root, const Json& node);
  static Value fromJson(Json json);  // owns a copy
  static Value array(std::vector<Value> items, std::uint8_t flags = 0);
  static Value sequence(std::vector<Value> items) { return array(std::move(items), Sequence); }
  static Value object(ObjectData members);
  // An object filled in place (no move of its members).
  static Value object(std::shared_ptr<const ObjectData> members);
  static Value function(std::shared_ptr<const Callable> callable);

  ValueType type() const;
  bool isUndefined() const { return rep_ == Rep::Undefined; }
  bool isNull() const { return rep_ == Rep::Null; }
  bool isBoolean() const { return rep_ == Rep::Boolean; }
  bool isNumber() const { return rep_ == Rep::Number; }
  bool isString() const { return rep_ == Rep::OwnedString || rep_ == Rep::JsonString; }
  bool isArray() const { return rep_ == Rep::OwnedArray || rep_ == Rep::JsonArray; }
  bool isObject() const { return rep_ == Rep::OwnedObject || rep_ == Rep::JsonObject; }
  bool isFunction() const { return rep_ == Rep::Function; }
  bool isInteger() const;  // a number without fractional part

  // Accessors: only valid for the matching type.
  bool boolean() const { return boolean_; }
  double number() const { return number_; }
  std::string_view string() const;

  // Arrays: items by index. Objects: size() is the member count.
  std::size_t size() const;
  bool empty() const { return size() == 0; }
  Value at(std::size_t index) const;
  std::vector<Value> items() const;  // an array's items (a non-array: itself, undefined: none)

  std::uint8_t flags() const { return flags_; }
  bool hasFlag(Flag flag) const { return (flags_ & flag) != 0; }
  bool isSequence() const { return isArray() && hasFlag(Sequence); }
  Value& setFlag(Flag flag, bool on = true) {
    flags_ = on ? (flags_ | flag) : (flags_ & ~flag);
    return *this;
  }
  Value withFlags(std::uint8_t flags) const {
    Value copy = *this;
    copy.flags_ = flags;
    return copy;
  }

  // Objects: the member `key` (undefined when absent), members in order ($keys order).
  Value get(std::string_view key) const;
  bool contains(std::string_view key) const;
  std::vector<std::string> keys() const;
  template <class F>  // f(std::string_view key, const Value& value)
  void forEachMember(F&& f) const;

  // Functions.
  const Callable* callable() const;
  std::shared_ptr<const Callable> callablePtr() const;
  const Regex* regex() const;  // the matcher of a regex literal, else nullptr

  // Owned data, for the rare caller that needs it (nullptr for borrowed JSON).
  const std::vector<Value>* ownedItems() const;
  const ObjectData* ownedObject() const;
  // What makes two handles the same array/object/string/function (transforms find matches by it).
  const void* identity() const { return rep_ >= Rep::OwnedString ? ptr_ : nullptr; }
  const Json* json() const;  // the borrowed JSON of a string / array / object view, else nullptr

  // JSON as JSON.stringify would make it: undefined members and functions are omitted from
  // objects, undefined and functions in arrays become null; integral numbers become integers.
  // Undefined or a function at the top: null (the caller decides whether that is an error).
  Json toJson() const;

 private:
  enum class Rep : std::uint8_t {
    Undefined, Null, Boolean, Number, OwnedString, JsonString, OwnedArray, JsonArray, OwnedObject, JsonObject, Function
  };
  static Value jsonView(const Json& json, const std::shared_ptr<const void>& owner);
  // A handle of `rep` on `target`, which `owned` keeps alive.
  static Value owning(Rep rep, std::shared_ptr<const void> owned, const void* target);
  // The nesting of a container whose deepest item nests `deepest`; U1001 past kMaxValueNesting.
  static std::uint16_t levelAbove(std::uint16_t deepest);

  Rep rep_ = Rep::Undefined;
  std::uint8_t flags_ = 0;
  std::uint16_t nesting_ = 0;  // levels of constructed arrays/objects in this value (0: none)
  union {
    bool boolean_;
    double number_ = 0;
    const void* ptr_;  // std::string / std::vector<Value> / ObjectData / Json / Callable
  };
  std::shared_ptr<const void> owner_;  // keeps ptr_'s target alive; null for borrowed JSON

  friend class ObjectData;
};

// An object under construction or owned by a Value: members in insertion order, as JavaScript
// objects keep them (assigning an existing key keeps its place).
class ObjectData {
 public:
  // Most objects an expression builds are small: their members live inside the ObjectData.
  using Members = boost::container::small_vector<std::pair<std::string, Value>, 4>;

  void set(std::string key, Value value);
  // For a key known not to be there yet: skips the search.
  void append(std::string key, Value value);
  bool erase(std::string_view key);
  const Value* find(std::string_view key) const;
  std::size_t size() const { return members_.size(); }
  bool empty() const { return members_.empty(); }
  const Members& members() const { return members_; }
  void reserve(std::size_t n) { members_.reserve(n); }

 private:
  void rebuildIndex();
  Members members_;
  struct KeyHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view key) const { return std::hash<std::string_view>()(key); }
  };
  std::unordered_map<std::string, std::size_t, KeyHash, std::equal_to<>> index_;  // only for larger objects
};

// Base of function values (lambdas, builtins, partial applications, regex matchers).
struct Callable {
  enum class Kind : std::uint8_t { Lambda, Builtin, Partial, Regex, Native };
  explicit Callable(Kind k) : kind(k) {}
  virtual ~Callable() = default;
  virtual std::size_t arity() const = 0;  // declared parameters ($map & co pass this many arguments)
  const Kind kind;
};

// A regex literal `/.../flags`: a function of one string returning a match object.
struct RegexMatcher final : Callable {
  explicit RegexMatcher(std::shared_ptr<const Regex> r) : Callable(Kind::Regex), regex(std::move(r)) {}
  std::size_t arity() const override { return 1; }
  std::shared_ptr<const Regex> regex;
};

// JSONata equality (`=`, $distinct...): deep for arrays and objects, functions never equal.
bool deepEqual(const Value& a, const Value& b);

// jsonata-js isNumeric: a number that is not NaN (0/0 and 0%0 make one; it selects and counts as nothing).
bool isNumeric(const Value& value);

// JSONata truthiness ($boolean, predicates, conditions): undefined, functions and NaN are false.
bool truthy(const Value& value);

// A number as jsonata-js $string and `&` print it: rounded to 15 significant digits, then
// formatted like JavaScript's String(n) ("1e+21", "1.5e-7", "0.1", "100").
std::string formatNumber(double n);

// JSON text as jsonata-js $string makes it (JSON.stringify with its replacer): numbers as
// formatNumber, functions as "", undefined members omitted; `prettify` indents by 2 spaces.
// With `infinite`: set when a number in it is ±Infinity, which jsonata-js refuses to print (D1001).
std::string stringify(const Value& value, bool prettify = false, bool* infinite = nullptr);

// JSON string literal escaping as JSON.stringify does ("a\"b" -> "\"a\\\"b\"").
void appendJsonString(std::string& out, std::string_view s);

template <class F>
void Value::forEachMember(F&& f) const {
  if (rep_ == Rep::OwnedObject) {
    for (const auto& [key, value] : static_cast<const ObjectData*>(ptr_)->members()) f(std::string_view(key), value);
  } else if (rep_ == Rep::JsonObject) {
    const Json& object = *static_cast<const Json*>(ptr_);
    for (auto it = object.begin(); it != object.end(); ++it) f(std::string_view(it.key()), jsonView(*it, owner_));
  }
}

// Deletes what closures hold (scopes, functions) without recursing: a deletion that starts while
// another is under way (a chain of closures, each keeping the previous one alive, being released)
// is queued and run by the outermost one, so a chain of any length costs no stack.
void deleteWithoutRecursion(void* object, void (*destroy)(void*));

template <class T, class... Args>
std::shared_ptr<T> makeChainable(Args&&... args) {
  return std::shared_ptr<T>(new T(std::forward<Args>(args)...), [](T* object) {
    deleteWithoutRecursion(object, [](void* p) { delete static_cast<T*>(p); });
  });
}

}  // namespace stepsim::jsonata
