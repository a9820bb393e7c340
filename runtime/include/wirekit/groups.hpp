// Named groups: which sessions and streams a server code put in a group by name, so that one
// typed send reaches all of a group's members (ServerStub::send_to_group). The server leaves a
// member from its groups by itself when its connection closes or, for a stream, when the stream
// ends, is cancelled or fails.
//
// Membership is kept behind GroupStore, a small interface the runtime holds one of per
// wirekit::Server (ServerOptions::groups; by default a LocalGroupStore, this process only).
// A cluster backplane (issue 22: groups that span nodes over Redis) implements or wraps this
// interface: it keeps the local members as this store does (a node delivers a group send to the
// members connected to it, through their own session or stream), and adds what crosses nodes,
// announcing joins and leaves and carrying the encoded group send to the nodes with members.
// Nothing above the store (the stub's send_to_group, the automatic leaves) assumes one node.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "wirekit/incoming.hpp"

namespace wirekit {

using ConnectionId = std::uint64_t;

/// One member of a group: a session, or one stream a client opened on it.
struct GroupMember {
  ConnectionId connection = 0;
  StreamId stream = 0;  ///< 0: the session itself (stream ids start at 1)

  bool is_session() const noexcept { return stream == 0; }
  friend bool operator==(const GroupMember& a, const GroupMember& b) noexcept {
    return a.connection == b.connection && a.stream == b.stream;
  }
  friend bool operator!=(const GroupMember& a, const GroupMember& b) noexcept { return !(a == b); }
  friend bool operator<(const GroupMember& a, const GroupMember& b) noexcept {
    return std::tie(a.connection, a.stream) < std::tie(b.connection, b.stream);
  }
};

/// Where group membership is kept. Every call may come from any thread. See the file comment
/// for how a cluster backplane takes this place.
class GroupStore {
 public:
  virtual ~GroupStore() = default;
  /// Adds `member` to `group`; false when it was in it already.
  virtual bool join(const std::string& group, const GroupMember& member) = 0;
  /// Removes `member` from `group`; false when it was not in it.
  virtual bool leave(const std::string& group, const GroupMember& member) = 0;
  /// Removes `member` from every group it is in (a stream that ended).
  virtual void leave_all(const GroupMember& member) = 0;
  /// Removes the connection's session and every one of its streams from every group (the
  /// connection closed).
  virtual void leave_connection(ConnectionId connection) = 0;
  /// The members of `group`, in the order they joined; empty for an unknown group.
  virtual std::vector<GroupMember> members(const std::string& group) const = 0;
  /// The groups `member` is in, by name.
  virtual std::vector<std::string> groups_of(const GroupMember& member) const = 0;
};

/// The default GroupStore: the groups of this process, behind one mutex. A group exists while
/// it has members.
class LocalGroupStore final : public GroupStore {
 public:
  bool join(const std::string& group, const GroupMember& member) override;
  bool leave(const std::string& group, const GroupMember& member) override;
  void leave_all(const GroupMember& member) override;
  void leave_connection(ConnectionId connection) override;
  std::vector<GroupMember> members(const std::string& group) const override;
  std::vector<std::string> groups_of(const GroupMember& member) const override;
  /// How many groups have members.
  std::size_t group_count() const;

 private:
  struct Group {
    std::uint64_t next = 0;                      ///< the order of the next join
    std::map<std::uint64_t, GroupMember> order;  ///< join order -> member
    std::map<GroupMember, std::uint64_t> index;  ///< member -> join order
  };
  bool erase(const std::string& group, const GroupMember& member);  // with mutex_ held

  mutable std::mutex mutex_;
  std::map<std::string, Group> groups_;
  /// Every member's groups: what a close or a stream's end leaves.
  std::map<GroupMember, std::set<std::string>> of_member_;
};

}  // namespace wirekit
