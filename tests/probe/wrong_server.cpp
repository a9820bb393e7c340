// A server that breaks wrong.yaml on purpose, for wirekit-probe's tests: it answers every
// payload, whatever it is, with a Pong naming no request the client sent, and never closes
// (the schema says close 4001 on an undecodable payload).
#include <iostream>
#include <string>

#include <websocketpp/config/asio_no_tls.hpp>
#include <websocketpp/server.hpp>

using Server = websocketpp::server<websocketpp::config::asio>;

int main(int argc, char** argv) {
  Server server;
  server.clear_access_channels(websocketpp::log::alevel::all);
  server.clear_error_channels(websocketpp::log::elevel::all);
  server.init_asio();
  server.set_reuse_addr(true);
  server.set_message_handler([&](websocketpp::connection_hdl hdl, Server::message_ptr) {
    server.send(hdl, R"({"type":"pong","id":"not-your-request"})",
                websocketpp::frame::opcode::text);
  });
  const std::string port = argc > 1 ? argv[1] : "0";
  server.listen(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"),
                                        static_cast<unsigned short>(std::stoi(port))));
  server.start_accept();
  asio::error_code ec;
  std::cout << "listening on ws://127.0.0.1:" << server.get_local_endpoint(ec).port() << "/ws"
            << std::endl;
  server.run();
}
