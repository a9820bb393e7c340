#include "server_cli.hpp"

#include <cstdio>

namespace example {

ServerCli::ServerCli(std::string program, std::string about, const wirekit::ProtocolSpec& spec)
    : cli_(std::move(program), std::move(about),
           "Prints \"listening on ws://HOST:PORT/PATH\" once ready; SIGINT or SIGTERM stops it."),
      port_text_(std::to_string(default_port(spec))) {
  cli_.add_option("--host", "HOST", "address to listen on (default 127.0.0.1)", &host_);
  cli_.add_option("--port", "PORT",
                  "port to listen on; 0 picks a free one (default " + port_text_ + ")",
                  &port_text_);
}

void ServerCli::add_option(std::string name, std::string value_name, std::string help,
                           std::string* value) {
  cli_.add_option(std::move(name), std::move(value_name), std::move(help), value);
}

int ServerCli::parse(int argc, char** argv) {
  if (const int status = cli_.parse(argc, argv); status >= 0) return status;
  if (!parse_port(port_text_, 0, port_))
    return usage_error("--port needs a number from 0 to 65535");
  return -1;
}

void ServerCli::say_listening(std::uint16_t port, std::string_view path) const {
  std::printf("listening on ws://%s:%u%.*s\n", host_.c_str(), static_cast<unsigned>(port),
              static_cast<int>(path.size()), path.data());
  std::fflush(stdout);
}

}  // namespace example
