// wirekit_bench: generated decode<T>() / encode() against the hand-written nlohmann::json
// baseline (nlohmann_baseline.hpp), for a small and a large message of each protocol.
//
// Benchmarks are named <protocol>/<small|large>/<decode|encode>/<wirekit|nlohmann>, plus
// <protocol>/<small|large>/copy/struct (copying the struct: the allocation floor of any decoder).
// After the usual Google Benchmark output a Markdown table gives CPU ns per message for both and
// the speed-up (nlohmann time / wirekit time). Run it as described in bench/README.md.
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <ostream>
#include <string>
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

namespace {

namespace nb = nlohmann_baseline;

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

// Registers the four benchmarks of one message, after checking that both sides do the same
// work: each decoder yields the message the text was encoded from, and each encoder's output
// means the same JSON as wirekit's.
template <class T, class WirekitDecode, class BaselineDecode, class WirekitEncode,
          class BaselineEncode>
void add(const std::string& protocol, const std::string& size, T message,
         WirekitDecode wirekit_decode, BaselineDecode baseline_decode, WirekitEncode wirekit_encode,
         BaselineEncode baseline_encode) {
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

  const auto bytes = static_cast<std::int64_t>(text->size());
  const std::string label = std::to_string(text->size()) + " B";
  benchmark::RegisterBenchmark((prefix + "/decode/wirekit").c_str(), [=](benchmark::State& state) {
    for (auto _ : state) {
      auto result = wirekit_decode(*text);
      benchmark::DoNotOptimize(result);
    }
    state.SetBytesProcessed(state.iterations() * bytes);
    state.SetLabel(label);
  });
  benchmark::RegisterBenchmark((prefix + "/decode/nlohmann").c_str(), [=](benchmark::State& state) {
    for (auto _ : state) {
      auto result = baseline_decode(*text);
      benchmark::DoNotOptimize(result);
    }
    state.SetBytesProcessed(state.iterations() * bytes);
    state.SetLabel(label);
  });
  // Not a contender: copying the decoded struct, i.e. the allocations and copies any decoder
  // must make to build it. A lower bound that shows how much room is left.
  benchmark::RegisterBenchmark((prefix + "/copy/struct").c_str(), [=](benchmark::State& state) {
    for (auto _ : state) {
      T copy = *msg;
      benchmark::DoNotOptimize(copy);
    }
    state.SetBytesProcessed(state.iterations() * bytes);
    state.SetLabel(label);
  });
  benchmark::RegisterBenchmark((prefix + "/encode/wirekit").c_str(), [=](benchmark::State& state) {
    for (auto _ : state) {
      auto out = wirekit_encode(*msg);
      benchmark::DoNotOptimize(out);
    }
    state.SetBytesProcessed(state.iterations() * bytes);
    state.SetLabel(label);
  });
  benchmark::RegisterBenchmark((prefix + "/encode/nlohmann").c_str(), [=](benchmark::State& state) {
    for (auto _ : state) {
      auto out = baseline_encode(*msg);
      benchmark::DoNotOptimize(out);
    }
    state.SetBytesProcessed(state.iterations() * bytes);
    state.SetLabel(label);
  });
}

void register_all() {
  // concierge
  add(
      "concierge", "small", bench::concierge_small(),
      [](const std::string& t) { return concierge::decode<concierge::Identify>(t); },
      [](const std::string& t) { return nb::concierge_::decode_identify(t); },
      [](const concierge::Identify& m) { return concierge::encode(m); },
      [](const concierge::Identify& m) { return nb::concierge_::encode(m); });
  add(
      "concierge", "large", bench::concierge_large(),
      [](const std::string& t) { return concierge::decode<concierge::ClientFetchAllResult>(t); },
      [](const std::string& t) { return nb::concierge_::decode_client_fetch_all_result(t); },
      [](const concierge::ClientFetchAllResult& m) { return concierge::encode(m); },
      [](const concierge::ClientFetchAllResult& m) { return nb::concierge_::encode(m); });

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
      [](const std::string& t) { return sync::decode<sync::Ack>(t); },
      [](const std::string& t) { return nb::sync_::decode_ack(t); },
      [](const sync::Ack& m) { return sync::encode(m); },
      [](const sync::Ack& m) { return nb::sync_::encode(m); });
  add(
      "sync", "large", bench::sync_large(),
      [](const std::string& t) { return sync::decode<sync::Event>(t); },
      [](const std::string& t) { return nb::sync_::decode_event(t); },
      [](const sync::Event& m) { return sync::encode(m); },
      [](const sync::Event& m) { return nb::sync_::encode(m); });

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
      [](const tetra::Subscribe& m) { return nb::tetra_::encode(m); });
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
           " struct copy ns |\n"
        << "|---|---|---:|---|---:|---:|---:|---|---:|\n";
    for (const auto& [prefix, bytes] : message_bytes()) {
      for (const char* op : {"decode", "encode"}) {
        const auto wk = ns_.find(prefix + "/" + op + "/wirekit");
        const auto nl = ns_.find(prefix + "/" + op + "/nlohmann");
        if (wk == ns_.end() || nl == ns_.end()) continue;
        const double ratio = nl->second.ns / wk->second.ns;
        const double aim = std::string(op) == "decode" ? kDecodeAim : kEncodeAim;
        const auto slash = prefix.find('/');
        const auto copy = ns_.find(prefix + "/copy/struct");
        std::snprintf(
            line, sizeof line, "| %s | %s | %zu | %s | %.0f | %.0f | %.1fx | %s | %s |\n",
            prefix.substr(0, slash).c_str(), prefix.substr(slash + 1).c_str(), bytes, op,
            wk->second.ns, nl->second.ns, ratio,
            ratio >= aim ? (">= " + fmt(aim) + "x met").c_str()
                         : ("**< " + fmt(aim) + "x missed**").c_str(),
            copy == ns_.end() ? "" : std::to_string(std::lround(copy->second.ns)).c_str());
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
