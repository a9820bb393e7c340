#include "command_line.hpp"

#include <algorithm>
#include <cstdlib>
#include <iostream>

namespace example {

CommandLine::CommandLine(std::string program, std::string about, std::string epilogue)
    : program_(std::move(program)), about_(std::move(about)), epilogue_(std::move(epilogue)) {}

void CommandLine::add_option(std::string name, std::string value_name, std::string help,
                             std::string* value) {
  options_.push_back(
      Option{std::move(name), std::move(value_name), std::move(help), value, nullptr});
}

void CommandLine::add_flag(std::string name, std::string help, bool* value) {
  options_.push_back(Option{std::move(name), {}, std::move(help), nullptr, value});
}

std::string CommandLine::usage() const {
  std::string out = "usage: " + program_;
  std::size_t width = 6;  // "--help"
  const auto left = [](const Option& o) { return o.flag ? o.name : o.name + " " + o.value_name; };
  for (const auto& o : options_) {
    out += " [" + left(o) + "]";
    width = std::max(width, left(o).size());
  }
  out += "\n\n" + about_ + "\n\n";
  const auto line = [&](const std::string& left, const std::string& help) {
    out += "  " + left + std::string(width + 2 - left.size(), ' ') + help + "\n";
  };
  for (const auto& o : options_) line(left(o), o.help);
  line("--help", "show this text");
  if (!epilogue_.empty()) out += "\n" + epilogue_ + "\n";
  return out;
}

int CommandLine::parse(int argc, char** argv) const {
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--help" || a == "-h") {
      std::cout << usage();
      return 0;
    }
    const auto it = std::find_if(options_.begin(), options_.end(),
                                 [&](const Option& o) { return o.name == a; });
    if (it == options_.end()) {
      std::cerr << program_ << ": unknown option " << a << "\n\n" << usage();
      return 2;
    }
    if (it->flag) {
      *it->flag = true;
      continue;
    }
    if (i + 1 >= argc) {
      std::cerr << program_ << ": " << a << " needs a value\n\n" << usage();
      return 2;
    }
    *it->value = argv[++i];
  }
  return -1;
}

int CommandLine::usage_error(const std::string& message) const {
  std::cerr << program_ << ": " << message << "\n";
  return 2;
}

std::uint16_t default_port(const wirekit::ProtocolSpec& spec) {
  // 8080 when the schema names no port: the one place the examples choose it.
  return spec.transport.default_port ? spec.transport.default_port : 8080;
}

bool parse_port(const std::string& text, long min, std::uint16_t& port) {
  char* end = nullptr;
  const long value = std::strtol(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || value < min || value > 65535) return false;
  port = static_cast<std::uint16_t>(value);
  return true;
}

}  // namespace example
