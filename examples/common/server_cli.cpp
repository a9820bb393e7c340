#include "server_cli.hpp"

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <iostream>

namespace example {

ServerCli::ServerCli(std::string program, std::string about, std::uint16_t default_port)
    : program_(std::move(program)), about_(std::move(about)), port_(default_port) {}

void ServerCli::add_option(std::string name, std::string value_name, std::string help,
                           std::string* value) {
  options_[std::move(name)] = Option{std::move(value_name), std::move(help), value};
}

std::string ServerCli::usage() const {
  std::string out = "usage: " + program_ + " [--host HOST] [--port PORT]";
  for (const auto& [name, o] : options_) out += " [" + name + " " + o.value_name + "]";
  out += "\n\n" + about_ + "\n\n";
  out += "  --host HOST   address to listen on (default 127.0.0.1)\n";
  out += "  --port PORT   port to listen on; 0 picks a free one (default " + std::to_string(port_) +
         ")\n";
  for (const auto& [name, o] : options_)
    out += "  " + name + " " + o.value_name + "  " + o.help + "\n";
  out +=
      "  --help        show this text\n\nPrints \"listening on ws://HOST:PORT/PATH\" once ready; "
      "SIGINT or SIGTERM stops it.\n";
  return out;
}

int ServerCli::parse(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--help" || a == "-h") {
      std::cout << usage();
      return 0;
    }
    if (i + 1 >= argc) {
      std::cerr << program_ << ": " << a << " needs a value (or is unknown)\n\n" << usage();
      return 2;
    }
    const std::string value = argv[++i];
    if (a == "--host") {
      host_ = value;
    } else if (a == "--port") {
      char* end = nullptr;
      const long port = std::strtol(value.c_str(), &end, 10);
      if (value.empty() || *end != '\0' || port < 0 || port > 65535) {
        std::cerr << program_ << ": --port needs a number from 0 to 65535\n";
        return 2;
      }
      port_ = static_cast<std::uint16_t>(port);
    } else if (auto it = options_.find(a); it != options_.end()) {
      *it->second.value = value;
    } else {
      std::cerr << program_ << ": unknown option " << a << "\n\n" << usage();
      return 2;
    }
  }
  return -1;
}

void ServerCli::block_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

void ServerCli::serve(const std::string& host, std::uint16_t port, const std::string& path) {
  std::printf("listening on ws://%s:%u%s\n", host.c_str(), static_cast<unsigned>(port),
              path.c_str());
  std::fflush(stdout);
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  int signal = 0;
  sigwait(&set, &signal);
}

}  // namespace example
