// Runs a shell command in tests, capturing its exit status and output.
#pragma once

#include <sys/wait.h>
#include <unistd.h>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

struct CommandResult {
  int status = -1;
  std::string out;  // stdout and stderr together
};

inline CommandResult run_command(const std::string& command) {
  const auto log = std::filesystem::temp_directory_path() /
                   ("wirekit-cmd-" + std::to_string(::getpid()) + ".log");
  const int raw = std::system((command + " > " + log.string() + " 2>&1").c_str());
  CommandResult r;
  r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  std::ifstream in(log);
  std::stringstream text;
  text << in.rdbuf();
  r.out = text.str();
  std::filesystem::remove(log);
  return r;
}

inline std::string gen_binary() { return std::string(WIREKIT_BIN_DIR) + "/wirekit-gen"; }

/// A fresh empty directory under the system temp dir.
inline std::filesystem::path fresh_dir(const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("wirekit-test-" + name + "-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}
