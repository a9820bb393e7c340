// The example servers as their users run them: a process with --host/--port, one "listening
// on" line on stdout, one stderr line per connection, --help, and exit status 0 on SIGTERM.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <string>
#include <vector>

#include "concierge/concierge_client.hpp"

extern char** environ;

namespace {

// A child process with its stdout and stderr read through pipes.
class Process {
 public:
  explicit Process(std::vector<std::string> args) {
    int out[2], err[2];
    REQUIRE(pipe(out) == 0);
    REQUIRE(pipe(err) == 0);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out[1], 1);
    posix_spawn_file_actions_adddup2(&actions, err[1], 2);
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    REQUIRE(posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ) == 0);
    posix_spawn_file_actions_destroy(&actions);
    close(out[1]);
    close(err[1]);
    out_ = fdopen(out[0], "r");
    err_ = fdopen(err[0], "r");
  }
  ~Process() {
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    if (out_) fclose(out_);
    if (err_) fclose(err_);
  }
  static std::string line_of(FILE* f) {
    char buffer[512];
    if (!fgets(buffer, sizeof buffer, f)) return {};
    std::string s(buffer);
    if (!s.empty() && s.back() == '\n') s.pop_back();
    return s;
  }
  std::string out_line() { return line_of(out_); }
  std::string err_line() { return line_of(err_); }
  std::string rest_of_out() {
    std::string all;
    char buffer[512];
    std::size_t n = 0;
    while ((n = fread(buffer, 1, sizeof buffer, out_)) > 0) all.append(buffer, n);
    return all;
  }
  /// Sends `sig` and returns the exit status (-1 if it did not exit normally).
  int stop(int sig) {
    kill(pid_, sig);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }
  int wait() {
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

 private:
  pid_t pid_ = -1;
  FILE* out_ = nullptr;
  FILE* err_ = nullptr;
};

std::string binary(const char* name) { return std::string(WIREKIT_BIN_DIR) + "/" + name; }

concierge::Identify identify(const std::string& name, std::optional<std::string> secret = {}) {
  concierge::Identify id;
  id.name = name;
  id.version = "0.2.0";
  id.secret = std::move(secret);
  return id;
}

std::uint16_t port_of(const std::string& listening, const std::string& path) {
  const std::string prefix = "listening on ws://127.0.0.1:";
  REQUIRE(listening.rfind(prefix, 0) == 0);
  REQUIRE(listening.size() > prefix.size() + path.size());
  CHECK(listening.substr(listening.size() - path.size()) == path);
  return static_cast<std::uint16_t>(std::stoi(listening.substr(prefix.size())));
}

}  // namespace

TEST_CASE("concierge-server: --help names its options and exits 0", "[examples]") {
  Process p({binary("concierge-server"), "--help"});
  const std::string help = p.rest_of_out();
  CHECK(p.wait() == 0);
  CHECK_THAT(help, Catch::Contains("--host") && Catch::Contains("--port") &&
                       Catch::Contains("--secret") && Catch::Contains("default 64209"));
}

TEST_CASE("concierge-server: a bad option is a usage error", "[examples]") {
  Process p({binary("concierge-server"), "--port", "lots"});
  CHECK(p.wait() == 2);
}

TEST_CASE("concierge-server: listens, logs connections, serves, stops on SIGTERM", "[examples]") {
  Process p({binary("concierge-server"), "--port", "0"});
  const std::uint16_t port = port_of(p.out_line(), "/ws");
  {
    concierge::stub::Client client;
    auto hello = client.connect("127.0.0.1", port, identify("alice"));
    REQUIRE(hello.ok());
    CHECK(hello->version == "0.2.0");
    CHECK_THAT(p.err_line(), Catch::Matches("connection [0-9]+ opened"));
    client.close(1000, "bye");
    CHECK_THAT(p.err_line(), Catch::Matches("connection [0-9]+ closed: 1000 bye"));
  }
  {
    // Started without --secret: an IDENTIFY carrying one is refused, as upstream does.
    concierge::stub::Client client;
    auto refused = client.connect("127.0.0.1", port, identify("bob", "x"));
    REQUIRE_FALSE(refused.ok());
    REQUIRE(refused.result.close.has_value());
    CHECK(refused.result.close->code == 4006);
  }
  CHECK(p.stop(SIGTERM) == 0);
}

TEST_CASE("concierge-server: --secret is required of IDENTIFY; SIGINT stops it", "[examples]") {
  Process p({binary("concierge-server"), "--port", "0", "--secret", "s3"});
  const std::uint16_t port = port_of(p.out_line(), "/ws");
  concierge::stub::Client wrong;
  auto refused = wrong.connect("127.0.0.1", port, identify("bob", "nope"));
  REQUIRE(refused.result.close.has_value());
  CHECK(refused.result.close->code == 4006);
  concierge::stub::Client right;
  CHECK(right.connect("127.0.0.1", port, identify("carol", "s3")).ok());
  right.stop();
  CHECK(p.stop(SIGINT) == 0);
}
