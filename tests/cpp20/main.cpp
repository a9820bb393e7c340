// Catch2's main for the C++20 tests (the shared one is compiled as C++17).
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
