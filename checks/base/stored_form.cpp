#include "checks/base/stored_form.hpp"

#include <stdexcept>

namespace pacte {

void StoredFormReader::read(std::string_view bytes, std::string_view what) {
  depth_ = -1;
  problem_.clear();
  const bool ok = nlohmann::json::sax_parse(bytes.begin(), bytes.end(), this, nlohmann::json::input_format_t::msgpack);
  if (!ok || depth_ != -1) {
    throw std::runtime_error(std::string(what) + ": the stored form cannot be read (" +
                             (problem_.empty() ? std::string("it ends early") : problem_) +
                             "); rebuild pacte from a clean build folder");
  }
}

bool StoredFormReader::refuse(std::string_view what) {
  if (problem_.empty()) problem_ = std::string(what) + " where the form has none, at depth " + std::to_string(depth_);
  return false;
}

int StoredFormReader::field_of(std::string_view key, const std::string_view* fields, std::size_t count,
                               std::uint32_t& seen) {
  std::size_t i = 0;
  while (i < count && fields[i] != key) ++i;
  if (i == count || (seen & (1u << i))) return refuse("an unknown or repeated field '" + std::string(key) + "'"), -1;
  seen |= 1u << i;
  return static_cast<int>(i);
}

bool StoredFormReader::open(bool is_object) {
  if (!enter(is_object, depth_ + 1)) return refuse(is_object ? "an object" : "an array");
  ++depth_;
  return true;
}

bool StoredFormReader::close(bool is_object) {
  if (!leave(is_object, depth_)) return refuse(is_object ? "the end of an object" : "the end of an array");
  --depth_;
  return true;
}

bool StoredFormReader::parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& ex) {
  if (problem_.empty()) problem_ = "byte " + std::to_string(position) + ": " + ex.what();
  return false;
}

nlohmann::json* JsonValueBuilder::place(nlohmann::json v) {
  if (!started_) {
    started_ = true;
    root_ = std::move(v);
    return &root_;
  }
  nlohmann::json& parent = *stack_.back();
  if (parent.is_object()) return &(parent[key_] = std::move(v));
  parent.push_back(std::move(v));
  return &parent.back();
}

void JsonValueBuilder::value(nlohmann::json v) { place(std::move(v)); }

void JsonValueBuilder::start(bool is_object) {
  stack_.push_back(place(is_object ? nlohmann::json::object() : nlohmann::json::array()));
}

void JsonValueBuilder::end() { stack_.pop_back(); }

nlohmann::json JsonValueBuilder::take() {
  nlohmann::json out = std::move(root_);
  root_ = nullptr;
  stack_.clear();
  started_ = false;
  return out;
}

}  // namespace pacte
