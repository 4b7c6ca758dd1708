// Build-time tool: writes a C++ source holding the given files as byte arrays, so that
// pacte needs no data files at run time. Usage: pacte_embedgen OUT.cpp ROOT FILE...
#include <cstdio>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: pacte_embedgen OUT.cpp ROOT FILE...\n");
    return 2;
  }
  std::string root = argv[2];
  if (!root.empty() && root.back() != '/') root += '/';
  std::ostringstream out;
  out << "#include \"checks/base/embedded.hpp\"\nnamespace pacte {\nnamespace {\n";
  std::ostringstream table;
  for (int i = 3; i < argc; ++i) {
    std::ifstream in(argv[i], std::ios::binary);
    if (!in) {
      std::fprintf(stderr, "pacte_embedgen: cannot read %s\n", argv[i]);
      return 1;
    }
    std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    out << "const unsigned char d" << i << "[] = {";
    for (size_t k = 0; k < data.size(); ++k) {
      if (k % 24 == 0) out << "\n";
      out << static_cast<unsigned>(static_cast<unsigned char>(data[k])) << ",";
    }
    out << "0};\n";
    std::string rel = argv[i];
    if (rel.rfind(root, 0) == 0) rel = rel.substr(root.size());
    table << "    {\"" << rel << "\", std::string_view(reinterpret_cast<const char*>(d" << i
          << "), " << data.size() << ")},\n";
  }
  out << "}  // namespace\n\nconst std::vector<EmbeddedFile>& embedded_files() {\n"
      << "  static const std::vector<EmbeddedFile> files = {\n" << table.str() << "  };\n"
      << "  return files;\n}\n}  // namespace pacte\n";
  std::string tmp = std::string(argv[1]) + ".tmp";
  {
    std::ofstream o(tmp, std::ios::binary);
    o << out.str();
    if (!o) return 1;
  }
  return std::rename(tmp.c_str(), argv[1]) == 0 ? 0 : 1;
}
