// Top-down operator precedence parsing (Pratt), as jsonata-js parses: tokens have a left binding
// power, a prefix meaning (nud) and an infix meaning (led). The tree it builds is then reshaped by
// processTree (ast_process.cpp).
#include <algorithm>

#include "emulator/jsonata/ast.h"
#include "emulator/jsonata/lexer.h"
#include "emulator/jsonata/regex.h"

namespace stepsim::jsonata {

NodePtr processTree(const NodePtr& raw);  // ast_process.cpp

namespace {

int bindingPower(const Token& token) {
  if (token.type != TokenType::Operator) return 0;
  static const std::pair<std::string_view, int> table[] = {
      {".", 75},  {"[", 80},  {"{", 70},  {"(", 80},  {"@", 80},  {"#", 80},  {"?", 20},  {"+", 50},
      {"-", 50},  {"*", 60},  {"/", 60},  {"%", 60},  {"=", 40},  {"<", 40},  {">", 40},  {"^", 40},
      {":=", 10}, {"!=", 40}, {"<=", 40}, {">=", 40}, {"~>", 40}, {"?:", 40}, {"??", 40}, {"and", 30},
      {"or", 25}, {"in", 40}, {"&", 50}};
  for (const auto& [op, power] : table)
    if (token.text == op) return power;
  return 0;
}

class Parser {
 public:
  explicit Parser(std::string_view source) : source_(source), lexer_(source) { advance(false); }

  NodePtr parseAll() {
    NodePtr tree = expression(0);
    if (token_.type != TokenType::End) fail("S0201", token_, "Syntax error: " + token_.text);
    return tree;
  }

 private:
  [[noreturn]] void fail(const char* code, const Token& at, const std::string& message) {
    throw Error(code, at.position, at.type == TokenType::End ? "(end)" : at.text, message);
  }

  bool isOperator(std::string_view op) const { return token_.type == TokenType::Operator && token_.text == op; }

  // Moves to the next token; `infix`: an operator is expected there (so `/` is not a regex).
  void advance(bool infix) {
    token_ = lexer_.next(infix);
    if (token_.type == TokenType::Operator && (token_.text == "!" || token_.text == "~"))
      fail("S0204", token_, "Unknown operator: " + token_.text);
  }

  // Checks the current token is the operator `op`, then moves past it.
  void expect(std::string_view op, bool infix) {
    if (!isOperator(op)) {
      if (token_.type == TokenType::End)
        fail("S0203", token_, "Expected " + std::string(op) + " before end of expression");
      fail("S0202", token_, "Expected " + std::string(op) + ", got " + token_.text);
    }
    advance(infix);
  }

  NodePtr make(NodeKind kind, const Token& at) {
    auto node = std::make_shared<Node>();
    node->kind = kind;
    node->position = at.position;
    node->text = at.text;
    return node;
  }

  // Records the node's nesting and refuses trees too deep to walk safely.
  NodePtr finish(NodePtr node) {
    int deepest = 0;
    forEachChild(*node, [&](const NodePtr& child) { deepest = std::max(deepest, child->depth); });
    node->depth = deepest + 1;
    if (node->depth > kMaxNesting)
      throw Error("U1001", node->position, node->text, "Expression is nested too deeply");
    return node;
  }

  NodePtr expression(int rightBindingPower) {
    if (++nesting_ > kMaxNesting) throw Error("U1001", token_.position, token_.text, "Expression is nested too deeply");
    Token token = token_;
    advance(true);
    NodePtr left = finish(nud(token));
    while (rightBindingPower < bindingPower(token_)) {
      Token op = token_;
      advance(false);
      left = finish(led(op, left));
    }
    --nesting_;
    return left;
  }

  NodePtr nud(const Token& token) {
    switch (token.type) {
      case TokenType::End: return make(NodeKind::End, token);  // reported by whoever expected more
      case TokenType::Name: return make(NodeKind::Name, token);
      case TokenType::Variable: return make(NodeKind::Variable, token);
      case TokenType::String: {
        NodePtr node = make(NodeKind::Literal, token);
        node->literal = Value::string(token.text);
        node->isStringLiteral = true;
        return node;
      }
      case TokenType::Number: {
        NodePtr node = make(NodeKind::Literal, token);
        node->literal = Value::number(token.number);
        return node;
      }
      case TokenType::Value: {
        NodePtr node = make(NodeKind::Literal, token);
        node->literal = token.text == "null" ? Value::null() : Value::boolean(token.text == "true");
        return node;
      }
      case TokenType::Regex: {
        NodePtr node = make(NodeKind::Regex, token);
        node->literal = Value::function(
            std::make_shared<const RegexMatcher>(Regex::compile(token.text, token.flags, token.position)));
        return node;
      }
      case TokenType::Operator: return prefixOperator(token);
    }
    fail("S0211", token, "The symbol " + token.text + " cannot be used as a unary operator");
  }

  NodePtr prefixOperator(const Token& token) {
    const std::string& op = token.text;
    if (op == "and" || op == "or" || op == "in") return make(NodeKind::KeywordName, token);
    if (op == "*") return make(NodeKind::Wildcard, token);
    if (op == "**") return make(NodeKind::Descendant, token);
    if (op == "%") {
      NodePtr node = make(NodeKind::Parent, token);
      node->slot = std::make_shared<AncestorSlot>(AncestorSlot{"!" + std::to_string(parents_++)});
      return node;
    }
    if (op == "-") {
      NodePtr node = make(NodeKind::Negate, token);
      node->lhs = expression(70);
      return node;
    }
    if (op == "(") {
      NodePtr node = make(NodeKind::Block, token);
      while (!isOperator(")")) {
        node->items.push_back(expression(0));
        if (!isOperator(";")) break;
        advance(false);
      }
      expect(")", true);
      return node;
    }
    if (op == "[") {
      NodePtr node = make(NodeKind::ArrayConstructor, token);
      if (!isOperator("]")) {
        for (;;) {
          NodePtr item = expression(0);
          if (isOperator("..")) {
            NodePtr range = make(NodeKind::Binary, token_);
            advance(false);
            range->lhs = item;
            range->rhs = expression(0);
            item = finish(range);
          }
          node->items.push_back(item);
          if (!isOperator(",")) break;
          advance(false);
        }
      }
      expect("]", true);
      return node;
    }
    if (op == "{") {
      NodePtr node = make(NodeKind::ObjectConstructor, token);
      node->pairs = objectPairs();
      return node;
    }
    if (op == "|") {
      NodePtr node = make(NodeKind::Transform, token);
      node->pattern = expression(0);
      expect("|", false);
      node->update = expression(0);
      if (isOperator(",")) {
        advance(false);
        node->remove = expression(0);
      }
      expect("|", true);
      return node;
    }
    fail("S0211", token, "The symbol " + op + " cannot be used as a unary operator");
  }

  std::vector<std::pair<NodePtr, NodePtr>> objectPairs() {
    std::vector<std::pair<NodePtr, NodePtr>> pairs;
    if (!isOperator("}")) {
      for (;;) {
        NodePtr key = expression(0);
        expect(":", false);
        NodePtr value = expression(0);
        pairs.emplace_back(std::move(key), std::move(value));
        if (!isOperator(",")) break;
        advance(false);
      }
    }
    expect("}", true);
    return pairs;
  }

  NodePtr led(const Token& token, const NodePtr& left) {
    const std::string& op = token.text;
    if (op == ".") return binary(NodeKind::Dot, token, left, 75);
    if (op == "[") {
      if (isOperator("]")) {
        // `[]`: keep singleton arrays; it marks the innermost step.
        Node* step = left.get();
        while (step->kind == NodeKind::Predicate) step = step->lhs.get();
        step->keepArray = true;
        advance(true);
        return left;
      }
      NodePtr node = make(NodeKind::Predicate, token);
      node->lhs = left;
      node->rhs = expression(0);
      expect("]", true);
      return node;
    }
    if (op == "{") {
      NodePtr node = make(NodeKind::GroupBy, token);
      node->lhs = left;
      node->pairs = objectPairs();
      return node;
    }
    if (op == "(") return call(token, left);
    if (op == "^") return orderBy(token, left);
    if (op == ":=") {
      if (left->kind != NodeKind::Variable)
        throw Error("S0212", left->position, left->text, "The left side of := must be a variable name (start with $)");
      NodePtr node = make(NodeKind::Bind, token);
      node->lhs = left;
      node->rhs = expression(9);  // right associative
      return node;
    }
    if (op == "@" || op == "#") {
      NodePtr node = make(op == "@" ? NodeKind::Focus : NodeKind::IndexBind, token);
      node->lhs = left;
      node->rhs = expression(80);
      if (node->rhs->kind != NodeKind::Variable)
        throw Error("S0214", node->rhs->position, op, "The right side of " + op + " must be a variable name (start with $)");
      return node;
    }
    if (op == "?") {
      NodePtr node = make(NodeKind::Condition, token);
      node->condition = left;
      node->then = expression(0);
      if (isOperator(":")) {
        advance(false);
        node->otherwise = expression(0);
      }
      return node;
    }
    if (op == "??" || op == "?:") {
      NodePtr node = make(op == "??" ? NodeKind::Coalesce : NodeKind::Elvis, token);
      node->condition = left;
      node->otherwise = expression(0);
      return node;
    }
    if (op == "~>") return binary(NodeKind::Apply, token, left, 40);
    return binary(NodeKind::Binary, token, left, bindingPower(token));
  }

  NodePtr binary(NodeKind kind, const Token& token, const NodePtr& left, int power) {
    NodePtr node = make(kind, token);
    node->lhs = left;
    node->rhs = expression(power);
    return node;
  }

  NodePtr call(const Token& token, const NodePtr& left) {
    NodePtr node = make(NodeKind::FunctionCall, token);
    node->procedure = left;
    if (!isOperator(")")) {
      for (;;) {
        if (isOperator("?")) {
          node->kind = NodeKind::PartialCall;
          node->items.push_back(make(NodeKind::Placeholder, token_));
          advance(true);
        } else {
          node->items.push_back(expression(0));
        }
        if (!isOperator(",")) break;
        advance(false);
      }
    }
    expect(")", true);
    if (left->kind == NodeKind::Name && (left->text == "function" || left->text == "\xCE\xBB")) return lambda(node);
    return node;
  }

  NodePtr lambda(const NodePtr& node) {
    node->kind = NodeKind::Lambda;
    for (std::size_t i = 0; i < node->items.size(); ++i) {
      const NodePtr& param = node->items[i];
      if (param->kind != NodeKind::Variable)
        throw Error("S0208", param->position, param->text,
                    "Parameter " + std::to_string(i + 1) + " of function definition must be a variable name (start with $)");
      node->params.push_back(param->text);
    }
    node->items.clear();
    node->procedure.reset();
    if (isOperator("<")) {
      // The signature is read from the text: `<` is already behind us.
      std::size_t start = static_cast<std::size_t>(token_.position) - 1, end = start;
      int depth = 0;
      for (; end < source_.size(); ++end) {
        if (source_[end] == '<') ++depth;
        if (source_[end] == '>' && --depth == 0) break;
        if (source_[end] == '{') break;
      }
      if (end >= source_.size() || source_[end] != '>') {
        Token at = token_;
        at.position = static_cast<int>(std::min(end, source_.size()));
        fail("S0202", at, "Expected > in function signature");
      }
      node->signature =
          std::make_shared<const Signature>(Signature::parse(source_.substr(start, end - start + 1), token_.position));
      lexer_.seek(end + 1);
      advance(false);
    }
    expect("{", false);
    node->body = expression(0);
    expect("}", true);
    return node;
  }

  NodePtr orderBy(const Token& token, const NodePtr& left) {
    NodePtr node = make(NodeKind::OrderBy, token);
    node->lhs = left;
    expect("(", false);
    for (;;) {
      SortTerm term;
      if (isOperator("<")) {
        advance(false);
      } else if (isOperator(">")) {
        term.descending = true;
        advance(false);
      }
      term.expression = expression(0);
      node->terms.push_back(std::move(term));
      if (!isOperator(",")) break;
      advance(false);
    }
    expect(")", true);
    return node;
  }

  std::string_view source_;
  Lexer lexer_;
  Token token_;
  int nesting_ = 0;
  int parents_ = 0;  // `%` seen so far: each gets its own ancestor label
};

}  // namespace

NodePtr parseExpression(std::string_view source) {
  Parser parser(source);
  return processTree(parser.parseAll());
}

}  // namespace stepsim::jsonata
