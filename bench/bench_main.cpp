// wirekit_bench: generated decode<T>() / encode() against the hand-written nlohmann::json
// baseline (nlohmann_baseline.hpp), for a small and a large message of each protocol (and a
// medium one of concierge), and for a few of them against a hand-written simdjson On-Demand
// decoder (ondemand_baseline.hpp).
//
// Benchmarks are named <protocol>/<size>/<decode|encode>/<wirekit|nlohmann|ondemand>, plus
// <protocol>/<size>/copy/struct (copying the struct: the allocation floor of any decoder).
// After the usual Google Benchmark output a Markdown table gives CPU ns per message for each
// and the speed-up (nlohmann time / wirekit time). Run it as described in bench/README.md.
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <ostream>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include <benchmark/benchmark.h>
#include <nlohmann/json.hpp>

#include <concierge/concierge_codec.hpp>
#include <flet/flet_codec.hpp>
#include <rise/rise_codec.hpp>
#include <sync/sync_codec.hpp>
#include <tetra/tetra_codec.hpp>

#include "messages.hpp"
#include "nlohmann_baseline.hpp"
#include "ondemand_baseline.hpp"

namespace {

namespace nb = nlohmann_baseline;
namespace ob = ondemand_baseline;

constexpr double kDecodeAim = 10.0;
constexpr double kEncodeAim = 3.0;

// "<protocol>/<size>" and the message's size in bytes, in registration order, for the summary.
std::vector<std::pair<std::string, std::size_t>>& message_bytes() {
  static std::vector<std::pair<std::string, std::size_t>> bytes;
  return bytes;
}

[[noreturn]] void die(const std::string& what) {
  std::fprintf(stderr, "wirekit_bench: %s\n", what.c_str());
  std::exit(1);
}

bool same_json(const std::string& a, const std::string& b) {
  return nlohmann::json::parse(a) == nlohmann::json::parse(b);
}

// Registers one benchmark: `work()` on every iteration, its result kept alive.
template <class Work>
void register_timed(const std::string& name, std::size_t bytes, Work work) {
  const std::string label = std::to_string(bytes) + " B";
  benchmark::RegisterBenchmark(name.c_str(), [=](benchmark::State& state) {
    for (auto _ : state) {
      auto result = work();
      benchmark::DoNotOptimize(result);
    }
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(bytes));
    state.SetLabel(label);
  });
}

// No hand-written On-Demand decoder for this message.
struct NoOnDemand {};

// Registers the benchmarks of one message, after checking that every side does the same work:
// each decoder yields the message the text was encoded from, and each encoder's output means
// the same JSON as wirekit's. With an On-Demand decoder, <prefix>/decode/ondemand as well.
template <class T, class WirekitDecode, class BaselineDecode, class WirekitEncode,
          class BaselineEncode, class OnDemandDecode = NoOnDemand>
void add(const std::string& protocol, const std::string& size, T message,
         WirekitDecode wirekit_decode, BaselineDecode baseline_decode, WirekitEncode wirekit_encode,
         BaselineEncode baseline_encode, OnDemandDecode ondemand_decode = {}) {
  const std::string prefix = protocol + "/" + size;
  auto msg = std::make_shared<const T>(std::move(message));
  auto text = std::make_shared<const std::string>(wirekit_encode(*msg));
  message_bytes().emplace_back(prefix, text->size());

  auto decoded = wirekit_decode(*text);
  if (!decoded) die(prefix + ": wirekit decode failed: " + decoded.error().message);
  if (*decoded != *msg) die(prefix + ": wirekit decode does not round-trip");
  if (!same_json(wirekit_encode(baseline_decode(*text)), *text))
    die(prefix + ": nlohmann baseline decode differs from the message");
  if (!same_json(baseline_encode(*msg), *text))
    die(prefix + ": nlohmann baseline encode differs from wirekit's");

  const std::size_t bytes = text->size();
  register_timed(prefix + "/decode/wirekit", bytes, [=] { return wirekit_decode(*text); });
  register_timed(prefix + "/decode/nlohmann", bytes, [=] { return baseline_decode(*text); });
  if constexpr (!std::is_same_v<OnDemandDecode, NoOnDemand>) {
    if (ondemand_decode(*text) != *msg)
      die(prefix + ": On-Demand baseline decode differs from the message");
    register_timed(prefix + "/decode/ondemand", bytes, [=] { return ondemand_decode(*text); });
  }
  // Not a contender: copying the decoded struct, i.e. the allocations and copies any decoder
  // must make to build it. A lower bound that shows how much room is left.
  register_timed(prefix + "/copy/struct", bytes, [=] { return T(*msg); });
  register_timed(prefix + "/encode/wirekit", bytes, [=] { return wirekit_encode(*msg); });
  register_timed(prefix + "/encode/nlohmann", bytes, [=] { return baseline_encode(*msg); });
}

void register_all() {
  // concierge
  add(
      "concierge", "small", bench::concierge_small(),
      [](const std::string& t) { return concierge::decode<concierge::Identify>(t); },
      [](const std::string& t) { return nb::concierge_::decode_identify(t); },
      [](const concierge::Identify& m) { return concierge::encode(m); },
      [](const concierge::Identify& m) { return nb::concierge_::encode(m); },
      [](const std::string& t) { return ob::concierge_::decode_identify(t); });
  add(
      "concierge", "medium", bench::concierge_medium(),
      [](const std::string& t) { return concierge::decode<concierge::ClientFetchAllResult>(t); },
      [](const std::string& t) { return nb::concierge_::decode_client_fetch_all_result(t); },
      [](const concierge::ClientFetchAllResult& m) { return concierge::encode(m); },
      [](const concierge::ClientFetchAllResult& m) { return nb::concierge_::encode(m); },
      [](const std::string& t) { return ob::concierge_::decode_client_fetch_all_result(t); });
  add(
      "concierge", "large", bench::concierge_large(),
      [](const std::string& t) { return concierge::decode<concierge::ClientFetchAllResult>(t); },
      [](const std::string& t) { return nb::concierge_::decode_client_fetch_all_result(t); },
      [](const concierge::ClientFetchAllResult& m) { return concierge::encode(m); },
      [](const concierge::ClientFetchAllResult& m) { return nb::concierge_::encode(m); },
      [](const std::string& t) { return ob::concierge_::decode_client_fetch_all_result(t); });

  // flet
  add(
      "flet", "small", bench::flet_small(),
      [](const std::string& t) { return flet::decode<flet::RegisterHostClient>(t); },
      [](const std::string& t) { return nb::flet_::decode_register_host_client(t); },
      [](const flet::RegisterHostClient& m) { return flet::encode(m); },
      [](const flet::RegisterHostClient& m) { return nb::flet_::encode(m); });
  add(
      "flet", "large", bench::flet_large(),
      [](const std::string& t) { return flet::decode<flet::PageCommandsBatchFromHost>(t); },
      [](const std::string& t) { return nb::flet_::decode_page_commands_batch(t); },
      [](const flet::PageCommandsBatchFromHost& m) { return flet::encode(m); },
      [](const flet::PageCommandsBatchFromHost& m) { return nb::flet_::encode(m); });

  // sync
  add(
      "sync", "small", bench::sync_small(),
      [](const std::string& t) { return event_sync::decode<event_sync::Ack>(t); },
      [](const std::string& t) { return nb::sync_::decode_ack(t); },
      [](const event_sync::Ack& m) { return event_sync::encode(m); },
      [](const event_sync::Ack& m) { return nb::sync_::encode(m); });
  add(
      "sync", "large", bench::sync_large(),
      [](const std::string& t) { return event_sync::decode<event_sync::Event>(t); },
      [](const std::string& t) { return nb::sync_::decode_event(t); },
      [](const event_sync::Event& m) { return event_sync::encode(m); },
      [](const event_sync::Event& m) { return nb::sync_::encode(m); });

  // rise
  add(
      "rise", "small", bench::rise_small(),
      [](const std::string& t) { return rise::decode<rise::EvtRes>(t); },
      [](const std::string& t) { return nb::rise_::decode_evt_res(t); },
      [](const rise::EvtRes& m) { return rise::encode(m); },
      [](const rise::EvtRes& m) { return nb::rise_::encode(m); });
  add(
      "rise", "large", bench::rise_large(),
      [](const std::string& t) { return rise::decode<rise::Up>(t); },
      [](const std::string& t) { return nb::rise_::decode_up(t); },
      [](const rise::Up& m) { return rise::encode(m); },
      [](const rise::Up& m) { return nb::rise_::encode(m); });

  // tetra
  add(
      "tetra", "small", bench::tetra_small(),
      [](const std::string& t) { return tetra::decode<tetra::Subscribe>(t); },
      [](const std::string& t) { return nb::tetra_::decode_subscribe(t); },
      [](const tetra::Subscribe& m) { return tetra::encode(m); },
      [](const tetra::Subscribe& m) { return nb::tetra_::encode(m); },
      [](const std::string& t) { return ob::tetra_::decode_subscribe(t); });
  add(
      "tetra", "large", bench::tetra_large(),
      [](const std::string& t) { return tetra::decode<tetra::CallResponse>(t); },
      [](const std::string& t) { return nb::tetra_::decode_call_response(t); },
      [](const tetra::CallResponse& m) { return tetra::encode(m); },
      [](const tetra::CallResponse& m) { return nb::tetra_::encode(m); });
}

// The console output as usual, then a Markdown summary: CPU ns per message for wirekit and
// the baseline, and the speed-up. With --benchmark_repetitions the median is used, otherwise
// the single run.
class SummaryReporter : public benchmark::ConsoleReporter {
 public:
  SummaryReporter() : benchmark::ConsoleReporter(OO_Tabular) {}

  void ReportRuns(const std::vector<Run>& runs) override {
    for (const auto& run : runs) {
      if (run.error_occurred) continue;
      const bool median = run.run_type == Run::RT_Aggregate && run.aggregate_name == "median";
      if (run.run_type == Run::RT_Aggregate && !median) continue;
      const double ns =
          run.GetAdjustedCPUTime() * 1e9 / benchmark::GetTimeUnitMultiplier(run.time_unit);
      // run_name.str() drops the aggregate suffix ("_median").
      auto& slot = ns_[run.run_name.str()];
      if (median || !slot.median) slot = {ns, median};
    }
    ConsoleReporter::ReportRuns(runs);
  }

  void Finalize() override {
    ConsoleReporter::Finalize();
    auto& out = GetOutputStream();
    char line[256];
    out << "\n| protocol | message | bytes | op | wirekit ns/op | nlohmann ns/op | speed-up | aim |"
           " struct copy ns | On-Demand ns/op | wirekit / On-Demand |\n"
        << "|---|---|---:|---|---:|---:|---:|---|---:|---:|---:|\n";
    for (const auto& [prefix, bytes] : message_bytes()) {
      for (const char* op : {"decode", "encode"}) {
        const auto wk = ns_.find(prefix + "/" + op + "/wirekit");
        const auto nl = ns_.find(prefix + "/" + op + "/nlohmann");
        if (wk == ns_.end() || nl == ns_.end()) continue;
        const double ratio = nl->second.ns / wk->second.ns;
        const double aim = std::string(op) == "decode" ? kDecodeAim : kEncodeAim;
        const auto slash = prefix.find('/');
        const auto copy = ns_.find(prefix + "/copy/struct");
        const auto od = ns_.find(prefix + "/" + op + "/ondemand");
        const std::string od_ns = od == ns_.end() ? "" : std::to_string(std::lround(od->second.ns));
        char od_ratio[32] = "";
        if (od != ns_.end())
          std::snprintf(od_ratio, sizeof od_ratio, "%.2fx", wk->second.ns / od->second.ns);
        std::snprintf(line, sizeof line,
                      "| %s | %s | %zu | %s | %.0f | %.0f | %.1fx | %s | %s | %s | %s |\n",
                      prefix.substr(0, slash).c_str(), prefix.substr(slash + 1).c_str(), bytes, op,
                      wk->second.ns, nl->second.ns, ratio,
                      ratio >= aim ? (">= " + fmt(aim) + "x met").c_str()
                                   : ("**< " + fmt(aim) + "x missed**").c_str(),
                      copy == ns_.end() ? "" : std::to_string(std::lround(copy->second.ns)).c_str(),
                      od_ns.c_str(), od_ratio);
        out << line;
      }
    }
    out.flush();
  }

 private:
  static std::string fmt(double aim) { return std::to_string(static_cast<int>(aim)); }

  struct Time {
    double ns = 0;
    bool median = false;
  };
  std::map<std::string, Time> ns_;
};

}  // namespace

int main(int argc, char** argv) {
  register_all();
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  SummaryReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();
  return 0;
}
