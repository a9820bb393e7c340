// Internal: the streams open on one connection (ProtocolSpec::streams) and which of them a
// message belongs to: a stream message (item, end, failure) carries one key, and belongs to
// the open stream of its interaction whose keys contain it. A cancel message names keys; a
// stream whose keys are all cancelled is cancelled. Guarded by its own mutex: stubs ask
// whether a stream is open from any thread.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "wirekit/codec_hooks.hpp"
#include "wirekit/incoming.hpp"
#include "wirekit/protocol_spec.hpp"

namespace wirekit::detail {

class StreamRegistry {
 public:
  enum class Role { item, end, failure };
  struct Match {
    StreamId stream = 0;
    Role role = Role::item;
  };

  /// Opens stream `id` (never 0) of `spec` with `keys`.
  void open(StreamId id, const StreamSpec& spec, std::vector<std::string> keys);
  /// The open stream `message` (with key(s) `keys`) belongs to; stream 0 when none. An end
  /// or failure closes the stream it matches.
  Match match(MessageIndex message, const KeyList& keys);
  /// A cancel message: drops its keys from the streams it cancels; returns the streams left
  /// with no key, which are closed.
  std::vector<StreamId> cancel(MessageIndex cancel_message, const KeyList& keys);
  /// Closes one stream; false when it was not open.
  bool close(StreamId stream);
  bool is_open(StreamId stream) const;
  /// Whether stream `stream` is open and, when both have keys, one of `item_keys` is still
  /// among its keys (a cancel may drop some of them).
  bool takes(StreamId stream, const std::vector<std::string>& item_keys) const;
  /// Closes every stream; returns their ids.
  std::vector<StreamId> close_all();

 private:
  struct Entry {
    StreamId id;
    const StreamSpec* spec;
    std::vector<std::string> keys;
  };
  mutable std::mutex mutex_;
  std::vector<Entry> open_;
};

}  // namespace wirekit::detail
