# Turns annotations/schema/NNN-*.sql into a header of C++ raw strings, in version order, so the
# binary carries its migrations (the .sql files stay the one source).
file(GLOB files "${SCHEMA_DIR}/[0-9][0-9][0-9]-*.sql")
list(SORT files)
set(body "// Generated from annotations/schema/*.sql by EmbedSchema.cmake. Do not edit.\n#pragma once\n#include <array>\n\nnamespace hf::schema {\n\ninline const char* const kMigrations[] = {\n")
foreach(f IN LISTS files)
  file(READ "${f}" sql)
  string(APPEND body "    R\"hfsql(${sql})hfsql\",\n")
endforeach()
string(APPEND body "};\n\n} // namespace hf::schema\n")
file(WRITE "${OUTPUT}.tmp" "${body}")
execute_process(COMMAND ${CMAKE_COMMAND} -E copy_if_different "${OUTPUT}.tmp" "${OUTPUT}")
