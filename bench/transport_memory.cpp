#include "transport_memory.hpp"

#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "transport_contenders.hpp"

namespace transport_bench {
namespace {

// A copy of this program started with other arguments, its stdin and stdout piped to us.
class Child {
 public:
  explicit Child(const std::vector<std::string>& args) {
    int to_child[2];
    int from_child[2];
    if (pipe(to_child) != 0 || pipe(from_child) != 0) throw std::runtime_error("pipe failed");
    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    pid_ = fork();
    if (pid_ < 0) throw std::runtime_error("fork failed");
    if (pid_ == 0) {
      dup2(to_child[0], STDIN_FILENO);
      dup2(from_child[1], STDOUT_FILENO);
      close(to_child[1]);
      close(from_child[0]);
      execv(argv[0], argv.data());
      _exit(127);
    }
    close(to_child[0]);
    close(from_child[1]);
    in_ = fdopen(to_child[1], "w");
    out_ = fdopen(from_child[0], "r");
  }
  ~Child() {
    write_line("quit");
    std::fclose(in_);
    std::fclose(out_);
    int status = 0;
    waitpid(pid_, &status, 0);
  }
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;

  pid_t pid() const { return pid_; }
  void write_line(const std::string& line) {
    std::fprintf(in_, "%s\n", line.c_str());
    std::fflush(in_);
  }
  std::string read_line() {
    char buf[256];
    if (!std::fgets(buf, sizeof buf, out_)) throw std::runtime_error("a child process ended");
    std::string line(buf);
    while (!line.empty() && line.back() == '\n') line.pop_back();
    return line;
  }
  // Reads lines until `expected`; a line starting with "error" ends the measure.
  void expect(const std::string& expected) {
    const std::string line = read_line();
    if (line != expected) throw std::runtime_error("child process: " + line);
  }

 private:
  pid_t pid_ = -1;
  std::FILE* in_ = nullptr;
  std::FILE* out_ = nullptr;
};

// The resident set of a process, in KB.
double rss_kb(pid_t pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string key;
  while (status >> key) {
    if (key == "VmRSS:") {
      double kb = 0;
      status >> kb;
      return kb;
    }
    std::getline(status, key);
  }
  throw std::runtime_error("no VmRSS for process " + std::to_string(pid));
}

// Waits until the server counts `count` open connections (its open handlers may run a little
// after the clients see their connections open), then lets the loops settle.
void settle(Child& server, std::size_t count) {
  const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  for (;;) {
    server.write_line("count");
    if (std::stoul(server.read_line()) == count) break;
    if (std::chrono::steady_clock::now() > end)
      throw std::runtime_error("the server never saw every connection open");
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
}

std::unique_ptr<ServerSide> server_of(const std::string& contender) {
  return contender == "raw" ? make_raw_server() : make_wirekit_server();
}
std::unique_ptr<ClientSide> clients_of(const std::string& contender) {
  return contender == "raw" ? make_raw_clients() : make_wirekit_clients();
}

void say(const std::string& line) {
  std::cout << line << std::endl;  // flushes: the harness waits for it
}

}  // namespace

MemoryFigures measure_memory(const std::string& program, const std::string& contender,
                             std::size_t count) {
  Child server({program, "--serve", contender});
  const std::string port = server.read_line();
  Child clients({program, "--clients", contender, port, std::to_string(count)});
  clients.expect("ready");
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  const double server0 = rss_kb(server.pid());
  const double clients0 = rss_kb(clients.pid());

  clients.write_line("connect");
  clients.expect("idle");
  settle(server, count);
  MemoryFigures f;
  const double n = static_cast<double>(count);
  f.server_idle_kb = (rss_kb(server.pid()) - server0) / n;
  f.client_idle_kb = (rss_kb(clients.pid()) - clients0) / n;

  clients.write_line("message");
  clients.expect("after");
  settle(server, count);
  f.server_after_kb = (rss_kb(server.pid()) - server0) / n;
  f.client_after_kb = (rss_kb(clients.pid()) - clients0) / n;
  return f;
}

int serve_child(const std::string& contender) {
  auto server = server_of(contender);
  say(std::to_string(server->port()));
  std::string line;
  while (std::getline(std::cin, line) && line != "quit")
    if (line == "count") say(std::to_string(server->connections()));
  std::_Exit(0);  // no orderly close of thousands of connections: the measure is over
}

int clients_child(const std::string& contender, unsigned port, std::size_t count) {
  try {
    auto clients = clients_of(contender);
    say("ready");
    std::string line;
    while (std::getline(std::cin, line) && line != "quit") {
      if (line == "connect") {
        clients->connect(static_cast<std::uint16_t>(port), count);
        say("idle");
      } else if (line == "message") {
        clients->one_round_trip_each();
        say("after");
      }
    }
  } catch (const std::exception& e) {
    say(std::string("error: ") + e.what());
  }
  std::_Exit(0);
}

}  // namespace transport_bench
