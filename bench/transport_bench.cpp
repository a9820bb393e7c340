// wirekit_transport_bench: the wirekit runtime (generated ping-pong client and server, see
// pingpong.yaml) against a raw websocketpp echo of frames of the same size, built from the same
// websocketpp and Asio in this one binary. Measures, each run interleaving the contenders:
//   - round trips per second on one connection: window 64 with callbacks, window 1 with the next
//     request sent from the callback, window 1 from a thread blocking on each reply (waiting on
//     the future while the client's own thread runs its loop, and running the loop itself);
//   - memory per connection (server and client processes, 10,000 connections): idle, and after
//     one round trip on each;
//   - broadcast latency to 1,000 clients (p50 and p99, from the broadcast call to each client's
//     handler).
// Prints every run's figures to stderr and, at the end, a Markdown table of the medians and the
// median of the per-run ratios to raw websocketpp. Not a test: nothing gates on it. See
// bench/README.md for how to run it and bench/RESULTS.md for the figures.
#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <iostream>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <sys/resource.h>

#include "transport_contenders.hpp"
#include "transport_memory.hpp"

namespace tb = transport_bench;

namespace {

struct Settings {
  int runs = 5;
  std::size_t messages = 100000;     // window 64
  std::size_t messages_one = 20000;  // window 1
  int memory_runs = 3;
  std::size_t connections = 10000;
  int broadcast_runs = 3;
  std::size_t broadcast_clients = 1000;
  int rounds = 100;
  std::string only;  // comma-separated: throughput, memory, broadcast; empty: all
  bool wants(const std::string& part) const {
    return only.empty() || ("," + only + ",").find("," + part + ",") != std::string::npos;
  }
};

double median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

double percentile(std::vector<double>& sorted, double p) {
  if (sorted.empty()) return 0;
  const auto i = static_cast<std::size_t>(p * static_cast<double>(sorted.size() - 1) + 0.5);
  return sorted[std::min(i, sorted.size() - 1)];
}

// One row of the table: each run's figure for both contenders.
struct Row {
  std::string measure;
  std::string unit;
  std::string aim;                   // e.g. ">= 0.9x" or "<= 1.3x"; "" when the issue sets none
  std::function<bool(double)> met;   // of the ratio wirekit / raw
  std::vector<double> wirekit, raw;  // per run

  void add(double w, double r) {
    wirekit.push_back(w);
    raw.push_back(r);
    std::fprintf(stderr, "  %-52s wirekit %12.1f  raw %12.1f  %s  ratio %.2fx\n", measure.c_str(),
                 w, r, unit.c_str(), r != 0 ? w / r : 0.0);
  }
  double ratio() const {
    std::vector<double> ratios;
    for (std::size_t i = 0; i < wirekit.size(); ++i)
      if (raw[i] != 0) ratios.push_back(wirekit[i] / raw[i]);
    return median(ratios);
  }
};

Row row(std::string measure, std::string unit, std::string aim = {},
        std::function<bool(double)> met = {}) {
  Row r;
  r.measure = std::move(measure);
  r.unit = std::move(unit);
  r.aim = std::move(aim);
  r.met = std::move(met);
  return r;
}

// Context switches of the whole process so far (voluntary and not): each thread hand-off
// (a loop woken by a post, a caller woken by its reply) is one.
double context_switches() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_nvcsw + u.ru_nivcsw);
}

// Both contenders, connected with one client each, for the round-trip measures.
struct Pair {
  std::unique_ptr<tb::ServerSide> server;
  std::unique_ptr<tb::ClientSide> clients;
  Pair(std::unique_ptr<tb::ServerSide> s, std::unique_ptr<tb::ClientSide> c)
      : server(std::move(s)), clients(std::move(c)) {
    clients->connect(server->port(), 1);
  }
  double switches_per_round_trip = 0;  ///< of the last rate() measured
  // Round trips per second, after a warm-up.
  double rate(std::size_t window, std::size_t total, tb::Pacing pacing) {
    clients->round_trips(window, std::max<std::size_t>(total / 10, window), pacing);
    const double before = context_switches();
    const double seconds = clients->round_trips(window, total, pacing);
    switches_per_round_trip = (context_switches() - before) / static_cast<double>(total);
    return static_cast<double>(total) / seconds;
  }
};

void round_trip_runs(const Settings& s, std::vector<Row>& rows) {
  const auto at_least = [](double aim) { return [aim](double r) { return r >= aim; }; };
  Row w64 = row("window 64, callback API", "round trips/s", ">= 0.9x", at_least(0.9));
  Row w1_future = row("window 1, request_future().get() (raw: callback)", "round trips/s",
                      ">= 0.85x", at_least(0.85));
  Row w1_callback = row("window 1, next request sent from the callback", "round trips/s",
                        ">= 0.95x", at_least(0.95));
  Row w1_blocking =
      row("window 1, blocking caller on both sides", "round trips/s", "(for reference)");
  Row w1_switches = row("window 1, blocking caller: context switches per round trip", "switches",
                        "(for reference)");
  Row w1_driving = row("window 1, request_future() on the caller's own loop (raw: callback)",
                       "round trips/s", ">= 0.85x", at_least(0.85));
  Row w1_driving_switches =
      row("window 1, caller's own loop: context switches per round trip (raw: callback)",
          "switches", "(for reference)");
  for (int run = 0; run < s.runs; ++run) {
    std::fprintf(stderr, "round trips, run %d of %d\n", run + 1, s.runs);
    Pair wirekit(tb::make_wirekit_server(), tb::make_wirekit_clients());
    Pair raw(tb::make_raw_server(), tb::make_raw_clients());
    // Alternate which contender goes first, so neither always runs on a warmer machine.
    const bool raw_first = run % 2 == 0;
    auto both = [&](Row& r, std::size_t window, std::size_t total, tb::Pacing wirekit_pacing,
                    tb::Pacing raw_pacing) {
      double w = 0;
      double x = 0;
      if (raw_first) x = raw.rate(window, total, raw_pacing);
      w = wirekit.rate(window, total, wirekit_pacing);
      if (!raw_first) x = raw.rate(window, total, raw_pacing);
      r.add(w, x);
    };
    both(w64, 64, s.messages, tb::Pacing::callback, tb::Pacing::callback);
    both(w1_future, 1, s.messages_one, tb::Pacing::blocking, tb::Pacing::callback);
    both(w1_callback, 1, s.messages_one, tb::Pacing::callback, tb::Pacing::callback);
    both(w1_blocking, 1, s.messages_one, tb::Pacing::blocking, tb::Pacing::blocking);
    w1_switches.add(wirekit.switches_per_round_trip, raw.switches_per_round_trip);
    both(w1_driving, 1, s.messages_one, tb::Pacing::driving, tb::Pacing::callback);
    w1_driving_switches.add(wirekit.switches_per_round_trip, raw.switches_per_round_trip);
  }
  for (Row* r : {&w64, &w1_future, &w1_callback, &w1_blocking, &w1_switches, &w1_driving,
                 &w1_driving_switches})
    rows.push_back(std::move(*r));
}

void memory_runs(const Settings& s, const std::string& program, std::vector<Row>& rows) {
  const auto at_most = [](double aim) { return [aim](double r) { return r <= aim; }; };
  const std::string n = std::to_string(s.connections);
  Row server_idle =
      row("server memory per connection, " + n + " idle", "KB", "<= 1.3x", at_most(1.3));
  Row server_after =
      row("server memory per connection, after one message each", "KB", "<= 1.3x", at_most(1.3));
  Row client_idle = row("client memory per connection, " + n + " idle", "KB");
  Row client_after = row("client memory per connection, after one message each", "KB");
  for (int run = 0; run < s.memory_runs; ++run) {
    std::fprintf(stderr, "memory, run %d of %d\n", run + 1, s.memory_runs);
    tb::MemoryFigures w;
    tb::MemoryFigures r;
    if (run % 2 == 0) r = tb::measure_memory(program, "raw", s.connections);
    w = tb::measure_memory(program, "wirekit", s.connections);
    if (run % 2 != 0) r = tb::measure_memory(program, "raw", s.connections);
    server_idle.add(w.server_idle_kb, r.server_idle_kb);
    server_after.add(w.server_after_kb, r.server_after_kb);
    client_idle.add(w.client_idle_kb, r.client_idle_kb);
    client_after.add(w.client_after_kb, r.client_after_kb);
  }
  for (Row* r : {&server_idle, &server_after, &client_idle, &client_after})
    rows.push_back(std::move(*r));
}

// Latencies (microseconds) of `rounds` broadcasts to `count` clients, one after the other.
std::vector<double> broadcast_latencies(tb::ServerSide& server, tb::ClientSide& clients,
                                        std::size_t count, int rounds) {
  using Clock = std::chrono::steady_clock;
  std::mutex m;
  std::condition_variable cv;
  Clock::time_point start;
  std::size_t received = 0;
  std::size_t target = 0;
  std::vector<double> latencies;
  latencies.reserve(count * static_cast<std::size_t>(rounds));
  clients.on_push([&] {
    const auto now = Clock::now();
    std::lock_guard<std::mutex> lock(m);
    latencies.push_back(std::chrono::duration<double, std::micro>(now - start).count());
    if (++received == target) cv.notify_one();
  });
  clients.connect(server.port(), count);
  while (server.connections() < count) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  for (int round = 0; round < rounds; ++round) {
    {
      std::lock_guard<std::mutex> lock(m);
      target += count;
      start = Clock::now();
    }
    server.broadcast(round);
    std::unique_lock<std::mutex> lock(m);
    if (!cv.wait_for(lock, std::chrono::seconds(10), [&] { return received == target; }))
      throw std::runtime_error("a broadcast did not reach every client");
  }
  clients.on_push(nullptr);
  return latencies;
}

void broadcast_runs(const Settings& s, std::vector<Row>& rows) {
  const std::string n = std::to_string(s.broadcast_clients);
  Row p50 = row("broadcast to " + n + " clients, p50 latency", "us");
  Row p99 = row("broadcast to " + n + " clients, p99 latency", "us");
  for (int run = 0; run < s.broadcast_runs; ++run) {
    std::fprintf(stderr, "broadcast, run %d of %d\n", run + 1, s.broadcast_runs);
    auto measure = [&](std::unique_ptr<tb::ServerSide> server,
                       std::unique_ptr<tb::ClientSide> clients) {
      auto l = broadcast_latencies(*server, *clients, s.broadcast_clients, s.rounds);
      clients.reset();  // clients close before their server
      std::sort(l.begin(), l.end());
      return std::make_pair(percentile(l, 0.5), percentile(l, 0.99));
    };
    std::pair<double, double> w;
    std::pair<double, double> r;
    if (run % 2 == 0) r = measure(tb::make_raw_server(), tb::make_raw_clients());
    w = measure(tb::make_wirekit_server(), tb::make_wirekit_clients());
    if (run % 2 != 0) r = measure(tb::make_raw_server(), tb::make_raw_clients());
    p50.add(w.first, r.first);
    p99.add(w.second, r.second);
  }
  rows.push_back(std::move(p50));
  rows.push_back(std::move(p99));
}

void print_table(const std::vector<Row>& rows) {
  std::printf(
      "\n| measure | unit | wirekit | raw websocketpp | wirekit / raw | aim | |\n"
      "|---|---|---:|---:|---:|---|---|\n");
  for (const Row& r : rows) {
    const double ratio = r.ratio();
    const char* verdict = !r.met ? "" : r.met(ratio) ? "met" : "**missed**";
    std::printf("| %s | %s | %.1f | %.1f | %.2fx | %s | %s |\n", r.measure.c_str(), r.unit.c_str(),
                median(r.wirekit), median(r.raw), ratio, r.aim.c_str(), verdict);
  }
}

[[noreturn]] void usage() {
  std::fprintf(stderr,
               "usage: wirekit_transport_bench [--runs N] [--messages N] [--messages-one N]\n"
               "         [--memory-runs N] [--connections N] [--broadcast-runs N]\n"
               "         [--broadcast-clients N] [--rounds N]\n"
               "         [--only throughput,memory,broadcast]\n");
  std::exit(2);
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  if (args.size() == 2 && args[0] == "--serve") return tb::serve_child(args[1]);
  if (args.size() == 4 && args[0] == "--clients")
    return tb::clients_child(args[1], static_cast<unsigned>(std::stoul(args[2])),
                             std::stoul(args[3]));

  Settings s;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (i + 1 >= args.size()) usage();
    const std::string& key = args[i];
    const std::string& value = args[++i];
    if (key == "--only") {
      s.only = value;
      continue;
    }
    const auto number = std::stoul(value);
    if (key == "--runs")
      s.runs = static_cast<int>(number);
    else if (key == "--messages")
      s.messages = number;
    else if (key == "--messages-one")
      s.messages_one = number;
    else if (key == "--memory-runs")
      s.memory_runs = static_cast<int>(number);
    else if (key == "--connections")
      s.connections = number;
    else if (key == "--broadcast-runs")
      s.broadcast_runs = static_cast<int>(number);
    else if (key == "--broadcast-clients")
      s.broadcast_clients = number;
    else if (key == "--rounds")
      s.rounds = static_cast<int>(number);
    else
      usage();
  }

  try {
    std::vector<Row> rows;
    if (s.wants("throughput")) round_trip_runs(s, rows);
    if (s.wants("memory")) memory_runs(s, "/proc/self/exe", rows);
    if (s.wants("broadcast")) broadcast_runs(s, rows);
    print_table(rows);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "wirekit_transport_bench: %s\n", e.what());
    return 1;
  }
  return 0;
}
