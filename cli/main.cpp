#include "cli/commands.hpp"

int main(int argc, char** argv) { return pacte::cli::run(argc, argv); }
