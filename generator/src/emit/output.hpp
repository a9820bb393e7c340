// Writing generated files, and comparing a directory with a fresh generation.
#pragma once

#include <string>
#include <vector>

#include "emit/emitters.hpp"

namespace wirekit::gen {

/// Writes every file under `out_dir`, each through a temporary file renamed into place,
/// only after all have been rendered: an error never leaves a half-written SDK.
/// Unchanged files are not touched. Throws std::runtime_error on I/O failure.
void write_files(const std::string& out_dir, const std::vector<GeneratedFile>& files);

/// The relative paths of files in `out_dir` that are missing or differ from `files`.
std::vector<std::string> stale_files(const std::string& out_dir,
                                     const std::vector<GeneratedFile>& files);

}  // namespace wirekit::gen
