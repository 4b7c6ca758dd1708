# pacte_embed(TARGET FILES): compiles each file into the binary as a byte array and
# generates `pacte::embedded_files()`, a table of (path relative to the source tree, contents).
function(pacte_embed target files)
  add_executable(pacte_embedgen ${CMAKE_SOURCE_DIR}/cmake/embedgen.cpp)
  set(cpp ${CMAKE_BINARY_DIR}/embedded/embedded_data.cpp)
  add_custom_command(
    OUTPUT ${cpp}
    COMMAND pacte_embedgen ${cpp} ${CMAKE_SOURCE_DIR} ${files}
    DEPENDS pacte_embedgen ${files}
    COMMENT "Embedding rule modules, rule data and schemas")
  add_library(${target} STATIC ${cpp})
  # The generated file includes checks/base/embedded.hpp (pacte_base's include root).
  target_include_directories(${target} PRIVATE ${CMAKE_BINARY_DIR}/include/pacte_base)
endfunction()
