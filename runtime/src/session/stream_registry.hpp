// Internal: the streams open on one connection (ProtocolSpec::streams) and which of them a
// message belongs to. A stream message (item, end, failure) carries one key and belongs to
// every open stream of its interaction whose keys contain it: several streams may hold the
// same key (two subscriptions to one group). A cancel message names keys; a stream whose keys
// are all cancelled is cancelled. Guarded by its own mutex: stubs ask whether a stream is
// open from any thread.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "wirekit/codegen/codec_hooks.hpp"
#include "wirekit/incoming.hpp"
#include "wirekit/protocol_spec.hpp"

namespace wirekit::detail {

class StreamRegistry {
 public:
  struct Match {
    StreamId stream = 0;
    StreamRole role = StreamRole::item;
  };

  /// Opens stream `id` (never 0) of `spec` with `keys`.
  void open(StreamId id, const StreamSpec& spec, std::vector<std::string> keys);
  /// Whether an open stream of `spec` holds one of `keys`.
  bool holds(const StreamSpec& spec, const KeyList& keys) const;
  /// Every open stream `message` (with key(s) `keys` and conditions `conditions`) belongs to,
  /// in the order they were opened, into `out` (cleared first); false when none. An end or
  /// failure closes the streams it matches.
  bool match(MessageIndex message, std::uint32_t conditions, const KeyList& keys,
             std::vector<Match>& out);
  /// A cancel message: drops its keys from the streams it cancels; returns the streams left
  /// with no key, which are closed.
  std::vector<StreamId> cancel(MessageIndex cancel_message, const KeyList& keys);
  /// Closes one stream; false when it was not open. `released`, if given, receives its keys
  /// that no other open stream of the same spec still holds.
  bool close(StreamId stream, std::vector<std::string>* released = nullptr);
  bool is_open(StreamId stream) const;
  /// Whether stream `stream` is open and, when both have keys, one of `item_keys` is still
  /// among its keys (a cancel may drop some of them).
  bool takes(StreamId stream, const std::vector<std::string>& item_keys) const;
  /// The key of an open stream whose spec has a generated key; empty otherwise.
  std::string generated_key(StreamId stream) const;
  /// What `message` (with `conditions`) is to stream `stream` when the stream takes
  /// `item_keys` (as takes()); none otherwise.
  StreamRole role_of(StreamId stream, MessageIndex message, std::uint32_t conditions,
                     const std::vector<std::string>& item_keys) const;
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
