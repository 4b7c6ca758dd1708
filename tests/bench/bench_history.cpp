// The history analysis, timed on a repository, for tests/bench/bench_history.sh. Not a test:
// it is never run by CTest.
//   bench_history REPO     analyses HEAD of REPO once, prints one "PACTE_BENCH" line
#include <git2.h>

#include <chrono>
#include <iostream>
#include <string>

#include "checks/base/git.hpp"
#include "checks/base/text.hpp"
#include "checks/history/history.hpp"

using namespace pacte;

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: bench_history REPO\n";
    return 2;
  }
  git_libgit2_init();
  git_repository* repo = nullptr;
  git_object* head = nullptr;
  if (git_repository_open(&repo, argv[1]) != 0 || git_revparse_single(&head, repo, "HEAD") != 0) {
    std::cerr << "bench_history: " << argv[1] << ": " << git_message() << "\n";
    return 1;
  }
  git_oid id = *git_object_id(head);
  git_object_free(head);
  std::string error;
  auto t0 = std::chrono::steady_clock::now();
  auto facts = analyze_history(repo, id, audit_now(), &error);
  auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  git_repository_free(repo);
  git_libgit2_shutdown();
  if (!facts) {
    std::cerr << "bench_history: " << error << "\n";
    return 1;
  }
  std::cout << "PACTE_BENCH commits=" << facts->commits_total << " contributors=" << facts->contributors.size()
            << " ms=" << ms << "\n";
  return 0;
}
