#include "emit/output.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace wirekit::gen {
namespace fs = std::filesystem;
namespace {

bool read_file(const fs::path& path, std::string& text) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::stringstream buffer;
  buffer << in.rdbuf();
  text = buffer.str();
  return true;
}

}  // namespace

void write_files(const std::string& out_dir, const std::vector<GeneratedFile>& files) {
  std::vector<std::pair<fs::path, fs::path>> renames;
  for (const auto& f : files) {
    const fs::path target = fs::path(out_dir) / f.path;
    std::string existing;
    if (read_file(target, existing) && existing == f.content) continue;
    std::error_code ec;
    fs::create_directories(target.parent_path(), ec);
    if (ec)
      throw std::runtime_error("cannot create " + target.parent_path().string() + ": " +
                               ec.message());
    fs::path temp = target;
    temp += ".wirekit-tmp";
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out << f.content;
    out.close();
    if (!out) throw std::runtime_error("cannot write " + temp.string());
    renames.emplace_back(temp, target);
  }
  for (const auto& [temp, target] : renames) {
    std::error_code ec;
    fs::rename(temp, target, ec);
    if (ec) throw std::runtime_error("cannot write " + target.string() + ": " + ec.message());
  }
}

std::vector<std::string> stale_files(const std::string& out_dir,
                                     const std::vector<GeneratedFile>& files) {
  std::vector<std::string> stale;
  for (const auto& f : files) {
    std::string existing;
    if (!read_file(fs::path(out_dir) / f.path, existing) || existing != f.content)
      stale.push_back(f.path);
  }
  return stale;
}

}  // namespace wirekit::gen
