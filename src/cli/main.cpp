// The qaframe command-line program, for systems without Python.
#include <iostream>
#include <string>
#include <vector>

#include "qaframe/cli/cli.hpp"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  try {
    return qaframe::run_cli(args, std::cout, std::cerr);
  } catch (const std::exception& e) {  // e.g. out of memory: report it rather than abort
    std::cerr << "qaframe: internal error: " << e.what() << "\n";
    return qaframe::kExitFailure;
  }
}
