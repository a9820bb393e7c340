// The models rise-server serves, the same as the real Rise 0.14 server's in the differential
// test (tests/interop/rise/server.js), with the semantics of npm @rise-tools/server 0.14:
//   counter        a state model, 0 at start
//   list           a state model, [] at start
//   greeting/NAME  a lookup model: "hello NAME" ("greeting" alone: "hello ")
//   loaded         a query model: undefined until its first subscription loads it, then "loaded"
//   events         a function model holding the event handlers, found by an evt's target.path
//                  ["events", NAME]: increment, append, reset, navigate, fail
// Independent of the wire form; not thread-safe (rise-server guards it).
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace rise_example {

/// A model's value as JSON text; `defined` false while it holds undefined (a query that has
/// not loaded), which the 0.14 server sends as an `up` without `val`.
struct ModelValue {
  bool defined = true;
  std::string json;
};

/// What an event handler answered, as the 0.14 server writes it into `evt-res`.
struct EventResult {
  bool error = false;
  std::optional<std::string> payload;  ///< absent when the handler's value is falsy (0, "", ...)
  std::optional<std::vector<std::string>> actions;
};

class Models {
 public:
  /// The value of the model at `key` (a path such as "greeting/bob"); nullopt when no model
  /// has that path (the 0.14 server then sends nothing).
  std::optional<ModelValue> value(const std::string& key) const;

  /// Runs the handler that `path` (JSON values: the store, then the lookup path) names with
  /// `args` (JSON values). The keys whose value changed are appended to `changed`, in order.
  /// A path that names no handler, or a handler that throws, answers `error: true` with the
  /// thrown Error as JSON.stringify writes it: {}.
  EventResult handle(const std::vector<std::string>& path, const std::vector<std::string>& args,
                     std::vector<std::string>& changed);

  /// A subscription to `key` begins: true when it starts loading a query model, which
  /// finish_loading() completes once the subscription's other keys are answered (the 0.14
  /// server loads on its next tick).
  bool starts_loading(const std::string& key);
  void finish_loading() { loaded_ = true; }

 private:
  long counter_ = 0;
  std::vector<std::string> list_;  ///< JSON values
  bool loading_ = false;
  bool loaded_ = false;
};

}  // namespace rise_example
