// Reading the MessagePack the build stored (PrecompiledData) event by event, straight into the
// structures that use it. nlohmann's DOM reader first builds a tree of maps and strings, then
// the caller copies every value out of it and frees it: for the built-in signatures that was
// 4.5 ms of every start, against 0.6 ms for reading the same bytes as events.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace pacte {

/// A reader of one stored form: nlohmann's MessagePack reader sends its events (values, keys,
/// starts and ends of objects and arrays) to the handlers of a subclass. Each handler here
/// refuses its event (the form is not what the subclass reads); a subclass overrides those
/// its form has. depth() is the nesting of the event: 0 for the outer array itself, 1 inside
/// it, and so on.
class StoredFormReader : public nlohmann::json_sax<nlohmann::json> {
 public:
  /// Reads `bytes`. Throws std::runtime_error naming `what` when they are not MessagePack,
  /// end early, or hold an event the subclass refused (the build stored another form).
  void read(std::string_view bytes, std::string_view what);

  bool null() override { return refuse("a null"); }
  bool boolean(bool) override { return refuse("a boolean"); }
  bool number_integer(number_integer_t) override { return refuse("a number"); }
  bool number_unsigned(number_unsigned_t) override { return refuse("a number"); }
  bool number_float(number_float_t, const string_t&) override { return refuse("a number"); }
  bool string(string_t&) override { return refuse("a string"); }
  bool binary(binary_t&) override { return refuse("binary data"); }
  bool start_object(std::size_t) override { return open(true); }
  bool key(string_t&) override { return refuse("a key"); }
  bool end_object() override { return close(true); }
  bool start_array(std::size_t) override { return open(false); }
  bool end_array() override { return close(false); }
  bool parse_error(std::size_t position, const std::string& last_token, const nlohmann::detail::exception& ex) override;

 protected:
  int depth() const { return depth_; }
  /// Records why the form is not the expected one; returns false, which stops the reader.
  bool refuse(std::string_view what);
  /// The position of `key` among an object's field names (at most 32), marked in `seen`; -1,
  /// the event refused, when `key` is none of them or was seen already in this object.
  template <std::size_t N>
  int field_of(std::string_view key, const std::string_view (&fields)[N], std::uint32_t& seen) {
    static_assert(N <= 32);
    return field_of(key, fields, N, seen);
  }
  /// True when each of the N fields was seen; else refuses: "a `what` without every field".
  template <std::size_t N>
  bool has_every_field(std::uint32_t seen, const std::string_view (&)[N], std::string_view what) {
    return seen == (N == 32 ? ~0u : (1u << N) - 1) || refuse("a " + std::string(what) + " without every field");
  }
  /// Called by start_object/start_array at the depth of the new container (before it is
  /// entered) and by end_object/end_array at the depth of its content (before it is left).
  /// Return false to refuse.
  virtual bool enter(bool is_object, int at_depth) = 0;
  virtual bool leave(bool is_object, int at_depth) = 0;

 private:
  int field_of(std::string_view key, const std::string_view* fields, std::size_t count, std::uint32_t& seen);
  bool open(bool is_object);
  bool close(bool is_object);
  int depth_ = -1;  // -1 before the outer value
  std::string problem_;
};

/// Builds an arbitrary JSON value from reader events, for the parts of a stored form that are
/// JSON themselves (a check's parameters): feed it every event from the value's start to its
/// end; done() is true once the value is whole.
class JsonValueBuilder {
 public:
  void value(nlohmann::json v);
  void start(bool is_object);
  void key(std::string k) { key_ = std::move(k); }
  void end();
  bool done() const { return started_ && stack_.empty(); }
  nlohmann::json take();

 private:
  nlohmann::json* place(nlohmann::json v);
  nlohmann::json root_;
  std::vector<nlohmann::json*> stack_;
  std::string key_;
  bool started_ = false;
};

}  // namespace pacte
