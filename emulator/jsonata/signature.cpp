#include "emulator/jsonata/signature.h"

#include <optional>

namespace stepsim::jsonata {

namespace {

// The closing bracket matching the one at `start`, or npos.
std::size_t closingBracket(std::string_view text, std::size_t start, char open, char close) {
  int depth = 0;
  for (std::size_t i = start; i < text.size(); ++i) {
    if (text[i] == open) ++depth;
    if (text[i] == close && --depth == 0) return i;
  }
  return std::string_view::npos;
}

bool accepts(const Signature::Param& param, char symbol) { return param.symbols.find(symbol) != std::string::npos; }

using Lengths = boost::container::small_vector<std::size_t, 8>;

// Matches the argument symbols against the parameters from `param` on, as the regular expression
// jsonata-js builds would (each parameter greedy, backtracking). `lengths` receives how many
// symbols each parameter took. With `anchored`, the whole of `symbols` must be consumed.
bool matchParams(const std::vector<Signature::Param>& params, std::size_t param, std::string_view symbols,
                 std::size_t at, bool anchored, std::size_t last, Lengths& lengths,
                 std::size_t& consumed) {
  if (param > last || param == params.size()) {
    if (anchored && at != symbols.size()) return false;
    consumed = at;
    return true;
  }
  const auto& p = params[param];
  std::size_t available = 0;
  while (at + available < symbols.size() && accepts(p, symbols[at + available])) ++available;
  std::size_t most = p.quantifier == '+' ? available : std::min<std::size_t>(available, 1);
  std::size_t least = (p.quantifier == '?' || p.context) ? 0 : 1;
  for (std::size_t take = most + 1; take-- > least;) {
    lengths[param] = take;
    if (matchParams(params, param + 1, symbols, at + take, anchored, last, lengths, consumed)) return true;
    if (take == 0) break;
  }
  return false;
}

[[noreturn]] void fail(const char* code, std::size_t index, std::string_view functionName, int position,
                       const std::string& detail) {
  std::string message = std::string(code) == "T0411"
                            ? "Context value is not a compatible type with argument " + std::to_string(index) +
                                  " of function " + std::string(functionName)
                            : "Argument " + std::to_string(index) + " of function " + std::string(functionName) + detail;
  throw Error(code, position, std::string(functionName), message);
}

}  // namespace

char typeSymbol(const Value& value) {
  switch (value.type()) {
    case ValueType::Undefined: return 'm';
    case ValueType::Null: return 'l';
    case ValueType::Boolean: return 'b';
    case ValueType::Number: return 'n';
    case ValueType::String: return 's';
    case ValueType::Array: return 'a';
    case ValueType::Object: return 'o';
    case ValueType::Function: return 'f';
  }
  return 'm';
}

Signature Signature::parse(std::string_view text, int position) {
  Signature signature;
  signature.text_ = std::string(text);
  auto badSignature = [&](const char* code, const std::string& message) {
    throw Error(code, position, std::string(text), message);
  };
  for (std::size_t i = 1; i < text.size(); ++i) {
    char symbol = text[i];
    if (symbol == ':') break;  // the return type is not checked (as in jsonata-js)
    Param param;
    switch (symbol) {
      case 's': case 'n': case 'b': case 'l': case 'o':
        param.symbols = std::string(1, symbol) + "m";
        break;
      case 'a': case 'x': param.symbols = "asnblfom"; break;
      case 'f': param.symbols = "f"; break;
      case 'j': param.symbols = "asnblom"; break;
      case '(': {
        std::size_t end = closingBracket(text, i, '(', ')');
        if (end == std::string_view::npos) badSignature("S0401", "Type parameter can only be applied to functions and arrays");
        std::string_view choice = text.substr(i + 1, end - i - 1);
        if (choice.find('<') != std::string_view::npos)
          badSignature("S0402", "Choice groups containing parameterized types are not supported");
        param.symbols = std::string(choice) + "m";
        i = end;
        break;
      }
      case '-':
      case '?':
      case '+': {
        if (signature.params_.empty()) continue;
        Param& previous = signature.params_.back();
        if (symbol == '-') previous.context = true;
        else previous.quantifier = symbol;
        continue;
      }
      case '<': {
        if (signature.params_.empty() || (signature.params_.back().type != 'a' && signature.params_.back().type != 'f'))
          badSignature("S0401", "Type parameter can only be applied to functions and arrays");
        std::size_t end = closingBracket(text, i, '<', '>');
        if (end == std::string_view::npos) badSignature("S0401", "Type parameter can only be applied to functions and arrays");
        signature.params_.back().subtype = std::string(text.substr(i + 1, end - i - 1));
        i = end;
        continue;
      }
      default: continue;  // the closing '>' and anything jsonata-js also ignores
    }
    param.type = symbol;
    signature.params_.push_back(std::move(param));
  }
  return signature;
}

std::size_t Signature::requiredCount() const {
  std::size_t count = 0;
  for (const Param& param : params_)
    if (param.quantifier != '?') ++count;
  return count;
}

ArgumentList Signature::validate(std::span<const Value> args, const Value& context, std::string_view functionName,
                                       int position) const {
  std::string symbols;
  symbols.reserve(args.size());
  for (const Value& arg : args) symbols.push_back(typeSymbol(arg));

  Lengths lengths(params_.size(), 0);
  std::size_t consumed = 0;
  if (!matchParams(params_, 0, symbols, 0, true, params_.size(), lengths, consumed)) {
    // Find the first argument that breaks the match, as jsonata-js reports it.
    std::size_t goodTo = 0;
    for (std::size_t last = 0; last < params_.size(); ++last) {
      Lengths partial(params_.size(), 0);
      if (!matchParams(params_, 0, symbols, 0, false, last, partial, consumed)) break;
      goodTo = consumed;
    }
    fail("T0410", goodTo + 1, functionName, position, " does not match function signature");
  }

  ArgumentList validated;
  validated.reserve(params_.size());
  std::size_t argIndex = 0, at = 0;
  for (std::size_t i = 0; i < params_.size(); ++i) {
    const Param& param = params_[i];
    std::size_t length = lengths[i];
    if (length == 0) {
      if (param.context) {
        if (!accepts(param, typeSymbol(context))) fail("T0411", argIndex + 1, functionName, position, "");
        validated.push_back(context);
      } else {
        validated.push_back(argIndex < args.size() ? args[argIndex] : Value());
        ++argIndex;
      }
      continue;
    }
    std::string_view match = std::string_view(symbols).substr(at, length);
    at += length;
    for (char single : match) {
      Value arg = argIndex < args.size() ? args[argIndex] : Value();
      if (param.type == 'a' && single != 'm') {
        bool itemsOk = true;
        if (!param.subtype.empty()) {
          if (single != 'a') {
            itemsOk = match == param.subtype;
          } else if (arg.size() > 0) {
            char itemType = typeSymbol(arg.at(0));
            itemsOk = itemType == param.subtype[0];
            for (std::size_t k = 1; itemsOk && k < arg.size(); ++k) itemsOk = typeSymbol(arg.at(k)) == itemType;
          }
        }
        if (!itemsOk) {
          static const std::string_view names[][2] = {{"a", "arrays"},   {"b", "booleans"}, {"f", "functions"},
                                                      {"n", "numbers"},  {"o", "objects"},  {"s", "strings"}};
          std::string typeName = param.subtype;
          for (const auto& name : names)
            if (param.subtype == name[0]) typeName = std::string(name[1]);
          fail("T0412", argIndex + 1, functionName, position, " must be an array of " + typeName);
        }
        if (single != 'a') arg = Value::array({arg});
      } else if (param.type == 'a') {
        arg = Value();
      }
      validated.push_back(std::move(arg));
      ++argIndex;
    }
  }
  return validated;
}

}  // namespace stepsim::jsonata
