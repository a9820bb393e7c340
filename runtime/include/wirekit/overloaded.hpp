// wirekit::overloaded: one visitor from several lambdas, for std::visit over a generated union
// or a request's outcome, so user code needs no helper of its own:
//   std::visit(wirekit::overloaded{[](const chat::TargetName& t) { ... },
//                                  [](const chat::TargetRoom& t) { ... }},
//              message.target);
#pragma once

namespace wirekit {

template <class... F>
struct overloaded : F... {
  using F::operator()...;
};
template <class... F>
overloaded(F...) -> overloaded<F...>;

}  // namespace wirekit
