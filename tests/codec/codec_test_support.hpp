// Helpers shared by the codec tests: reading the example files under tests/data/.
#pragma once

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

#include <catch2/catch.hpp>

#include <wirekit/decode_error.hpp>
#include <wirekit/result.hpp>

namespace Catch {
/// Error kinds print by name in failure messages.
template <>
struct StringMaker<wirekit::DecodeError::Kind> {
  static std::string convert(wirekit::DecodeError::Kind kind) {
    return std::string(wirekit::to_string(kind));
  }
};
}  // namespace Catch

namespace codec_test {

/// The repository's tests/data/ directory.
inline std::filesystem::path data_dir() {
  return std::filesystem::path(WIREKIT_SOURCE_DIR) / "tests" / "data";
}

/// The text of tests/data/<relative>, exactly as stored. Throws when it cannot be read, so a
/// missing file fails the test that needs it.
inline std::string read_data(const std::string& relative) {
  const auto path = data_dir() / relative;
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

/// The names of the *.json files directly in tests/data/<relative_dir>, sorted.
inline std::vector<std::string> json_files_in(const std::string& relative_dir) {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(data_dir() / relative_dir)) {
    if (entry.is_regular_file() && entry.path().extension() == ".json")
      names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

/// The alternative T held by a successfully decoded variant; fails the test (showing the
/// decode error) otherwise. `r` must outlive the returned reference.
template <class T, class Variant>
const T& expect_alternative(const wirekit::Result<Variant>& r) {
  if (!r.ok()) FAIL("decode failed: " << r.error().to_string());
  REQUIRE(std::holds_alternative<T>(r.value()));
  return std::get<T>(r.value());
}

/// The value of a successful decode; fails the test (showing the decode error) otherwise.
template <class T>
const T& expect_ok(const wirekit::Result<T>& r) {
  if (!r.ok()) FAIL("decode failed: " << r.error().to_string());
  return r.value();
}

}  // namespace codec_test
