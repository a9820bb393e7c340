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
#include "rise/rise_client.hpp"
#include "rise_0_14/rise_0_14_client.hpp"
#include "stub_support.hpp"

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

TEST_CASE("rise-server: 0.14 form by default: sub, up on change, evt with and without error",
          "[examples]") {
  using wirekit::stub_test::get;
  Process p({binary("rise-server"), "--port", "0"});
  const std::uint16_t port = port_of(p.out_line(), "/");
  rise_0_14::stub::Client client;
  REQUIRE(client.connect("127.0.0.1", port).ok());
  wirekit::stub_test::Inbox<std::string> ups;
  rise_0_14::Sub sub;
  sub.keys = {"counter", "list"};
  auto handle =
      client.sub(sub, [&](const rise_0_14::Up& up) { ups.push(up.key + "=" + up.val.text); });
  CHECK(ups.wait_for(2) == std::vector<std::string>{"counter=0", "list=[]"});

  rise_0_14::Evt evt;
  evt.target.component = "increment";
  auto res = get(client.evt(evt));
  REQUIRE(res.ok());
  CHECK_FALSE(res.reply()->error.has_value());
  CHECK(res.reply()->payload->text == "1");
  CHECK(ups.wait_for(3).back() == "counter=1");

  evt.target.component = "append";
  evt.payload = {wirekit::Json("\"milk\"")};
  res = get(client.evt(evt));
  CHECK(res.reply()->payload->text == "[\"milk\"]");
  CHECK(ups.wait_for(4).back() == "list=[\"milk\"]");

  evt.target.component = "fail";
  res = get(client.evt(evt));
  REQUIRE(res.ok());
  CHECK(res.reply()->error == true);
  handle.cancel();
  client.stop();
  CHECK(p.stop(SIGTERM) == 0);
}

TEST_CASE("rise-server --wire document speaks the document's form", "[examples]") {
  using wirekit::stub_test::get;
  Process p({binary("rise-server"), "--port", "0", "--wire", "document"});
  const std::uint16_t port = port_of(p.out_line(), "/");
  rise::stub::Client client;
  REQUIRE(client.connect("127.0.0.1", port).ok());
  rise::Evt evt;
  evt.event.target.component = "increment";
  auto res = get(client.evt(evt));
  REQUIRE(res.ok());
  CHECK(res.reply()->res.payload->text == "1");
  evt.event.target.component = "fail";
  res = get(client.evt(evt));
  CHECK(res.reply()->res.error == true);
  client.stop();
  CHECK(p.stop(SIGINT) == 0);
}
