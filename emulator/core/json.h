#pragma once
// The object type behind stepsim::Json (see json_fwd.h): members in insertion order, like
// nlohmann::ordered_map, which it extends with a hash index so that a large object (a service
// model's shapes, a client's 40,000-key document) is not searched member by member on every
// lookup or insert. Small objects, the common case, are still searched linearly: comparing a
// dozen short keys is faster than hashing one. A copy takes the index along (same positions).
//
// Two JSON objects are equal when they hold the same members, in any order (JSON's meaning, and
// what nlohmann::json's sorted objects gave). Order shows only where text is written.
//
// A lookup may build the index, so even reading one large object from two threads at once is a
// data race: a Json value belongs to one thread at a time (the simulation's).
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "emulator/core/json_fwd.h"

namespace stepsim::core {

template <class Key, class T, class IgnoredLess, class Allocator>
struct InsertionOrderedMap : nlohmann::ordered_map<Key, T, IgnoredLess, Allocator> {
  using Base = nlohmann::ordered_map<Key, T, IgnoredLess, Allocator>;
  using Container = typename Base::Container;
  using typename Base::const_iterator;
  using typename Base::iterator;
  using typename Base::key_compare;
  using typename Base::key_type;
  using typename Base::mapped_type;
  using typename Base::size_type;
  using typename Base::value_type;

  InsertionOrderedMap() = default;
  explicit InsertionOrderedMap(const Allocator& alloc) : Base(alloc) {}
  template <class It>
  InsertionOrderedMap(It first, It last, const Allocator& alloc = Allocator()) : Base(first, last, alloc) {}
  InsertionOrderedMap(std::initializer_list<value_type> init, const Allocator& alloc = Allocator())
      : Base(init, alloc) {}
  InsertionOrderedMap(const InsertionOrderedMap& other)
      : Base(other), index_(other.index_ ? std::make_unique<Index>(*other.index_) : nullptr) {}
  InsertionOrderedMap(InsertionOrderedMap&& other) noexcept
      : Base(std::move(other)), index_(std::move(other.index_)) {}
  InsertionOrderedMap& operator=(InsertionOrderedMap&& other) noexcept {
    Container::operator=(std::move(other));
    index_ = std::move(other.index_);
    return *this;
  }

  iterator find(std::string_view key) { return this->begin() + positionOf(key); }
  const_iterator find(std::string_view key) const { return this->begin() + positionOf(key); }
  size_type count(std::string_view key) const { return positionOf(key) < this->size() ? 1 : 0; }

  T& at(std::string_view key) { return this->data()[presentPositionOf(key)].second; }
  const T& at(std::string_view key) const { return this->data()[presentPositionOf(key)].second; }

  template <class K>
  std::pair<iterator, bool> emplace(K&& key, T&& value) {
    const std::size_t found = positionOf(std::string_view(key));
    if (found < this->size()) return {this->begin() + found, false};
    Container::emplace_back(std::forward<K>(key), std::move(value));
    return {std::prev(this->end()), true};
  }
  template <class K>
  T& operator[](K&& key) {
    return emplace(std::forward<K>(key), T{}).first->second;
  }
  const T& operator[](std::string_view key) const { return at(key); }
  // An existing member keeps its place; a new one goes last.
  template <class K>
  std::pair<iterator, bool> insert_or_assign(K&& key, T&& value) {
    auto [it, inserted] = emplace(std::forward<K>(key), std::move(value));
    if (!inserted) it->second = std::move(value);
    return {it, inserted};
  }

  std::pair<iterator, bool> insert(value_type&& member) { return emplace(member.first, std::move(member.second)); }
  std::pair<iterator, bool> insert(const value_type& member) {
    const std::size_t found = positionOf(member.first);
    if (found < this->size()) return {this->begin() + found, false};
    Container::push_back(member);
    return {std::prev(this->end()), true};
  }
  template <class InputIt, class = typename Base::template require_input_iter<InputIt>>
  void insert(InputIt first, InputIt last) {
    for (; first != last; ++first) insert(*first);
  }

  // Removing a member moves the ones after it: the index starts again.
  size_type erase(std::string_view key) {
    index_.reset();
    return Base::erase(key);
  }
  iterator erase(iterator pos) {
    index_.reset();
    return Base::erase(pos);
  }
  iterator erase(iterator first, iterator last) {
    index_.reset();
    return Base::erase(first, last);
  }
  void clear() noexcept {
    index_.reset();
    Container::clear();
  }

  friend bool operator==(const InsertionOrderedMap& a, const InsertionOrderedMap& b) {
    if (a.size() != b.size()) return false;
    for (const auto& [key, value] : a) {
      const auto other = b.find(key);
      if (other == b.end() || !(other->second == value)) return false;
    }
    return true;
  }

 private:
  static constexpr std::size_t kLinearSearchLimit = 16;

  // Open addressing over member positions (position + 1; 0 is an empty slot). Members appended
  // since the index was built are added on the next lookup, so inserting never pays for it.
  struct Index {
    std::vector<std::uint32_t> slots;
    std::size_t indexed = 0;  // members [0, indexed) are in the table
  };

  std::size_t presentPositionOf(std::string_view key) const {
    const std::size_t found = positionOf(key);
    if (found == this->size()) throw std::out_of_range("key not found");
    return found;
  }

  // The position of `key`, or size() when absent.
  std::size_t positionOf(std::string_view key) const {
    const std::size_t size = this->size();
    if (size <= kLinearSearchLimit) {
      for (std::size_t i = 0; i < size; ++i)
        if (std::string_view(this->data()[i].first) == key) return i;
      return size;
    }
    const Index& index = caughtUpIndex();
    const std::size_t mask = index.slots.size() - 1;
    for (std::size_t slot = hash(key) & mask; index.slots[slot] != 0; slot = (slot + 1) & mask) {
      const std::size_t position = index.slots[slot] - 1;
      if (std::string_view(this->data()[position].first) == key) return position;
    }
    return size;
  }

  const Index& caughtUpIndex() const {
    const std::size_t size = this->size();
    if (!index_ || index_->slots.size() < 2 * size) {
      auto grown = std::make_unique<Index>();
      std::size_t capacity = 64;
      while (capacity < 4 * size) capacity *= 2;
      grown->slots.assign(capacity, 0);
      index_ = std::move(grown);
    }
    Index& index = *index_;
    const std::size_t mask = index.slots.size() - 1;
    for (; index.indexed < size; ++index.indexed) {
      std::size_t slot = hash(this->data()[index.indexed].first) & mask;
      while (index.slots[slot] != 0) slot = (slot + 1) & mask;
      index.slots[slot] = static_cast<std::uint32_t>(index.indexed + 1);
    }
    return index;
  }

  static std::size_t hash(std::string_view key) { return std::hash<std::string_view>{}(key); }

  mutable std::unique_ptr<Index> index_;
};

}  // namespace stepsim::core
