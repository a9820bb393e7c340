// Internal: a client's pending requests, keyed by what their replies carry (echo: the id the
// runtime made; sequence: the request's number). One lookup per reply; map nodes are reused,
// so a steady stream of requests allocates nothing here.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <unordered_map>
#include <utility>
#include <vector>

#include "wirekit/codegen/codec_hooks.hpp"
#include "wirekit/session_error.hpp"

namespace wirekit::detail {

class RequestTable {
 public:
  struct Pending {
    std::uint64_t id = 0;          ///< the RequestId handed to the caller
    MessageIndex request = -1;     ///< the request's message (kNoMessage: unknown)
    std::uint32_t timeout_ms = 0;  ///< its timeout, for the error message
    std::function<void(ReplyView&&)> done;
  };

  /// Registers `p` under `key`; returns the request that was under it (superseded), if any.
  std::optional<Pending> insert(std::uint64_t key, Pending p);
  /// Removes and returns the request under `key`.
  std::optional<Pending> take(std::uint64_t key);
  /// The request under `key`, left in place.
  const Pending* find(std::uint64_t key) const;
  /// Removes and returns the request with this id (a linear search: cancel is rare).
  std::optional<Pending> take_id(std::uint64_t id);
  /// Removes and returns every request, in no particular order.
  std::vector<Pending> take_all();
  std::size_t size() const noexcept { return by_key_.size(); }

 private:
  using Map = std::unordered_map<std::uint64_t, Pending>;
  Map by_key_;
  std::vector<Map::node_type> spare_;  ///< nodes of completed requests, for reuse
};

}  // namespace wirekit::detail
