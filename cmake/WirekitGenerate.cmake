# wirekit_generate(TARGET <name> SCHEMA <file.yaml> [OUT_DIR <dir>])
#
# Generates the C++ SDK for SCHEMA at build time (like protobuf_generate) and adds a
# static library TARGET holding it, linked to the wirekit runtime. Regenerates whenever
# the schema or the generator changes.
function(wirekit_generate)
  cmake_parse_arguments(WG "" "TARGET;SCHEMA;OUT_DIR" "" ${ARGN})
  if(NOT WG_TARGET OR NOT WG_SCHEMA)
    message(FATAL_ERROR "wirekit_generate: TARGET and SCHEMA are required")
  endif()
  get_filename_component(schema "${WG_SCHEMA}" ABSOLUTE)
  if(NOT WG_OUT_DIR)
    set(WG_OUT_DIR "${CMAKE_CURRENT_BINARY_DIR}/${WG_TARGET}_gen")
  endif()
  # The protocol name decides the file names: read it from the schema.
  file(STRINGS "${schema}" name_line REGEX "^name:[ \t]*[\"']?[a-z][a-z0-9_]*")
  if(NOT name_line)
    message(FATAL_ERROR "wirekit_generate: no top-level 'name:' in ${schema}")
  endif()
  string(REGEX REPLACE "^name:[ \t]*[\"']?([a-z][a-z0-9_]*).*" "\\1" proto "${name_line}")
  set(dir "${WG_OUT_DIR}/${proto}")
  set(outputs
    "${dir}/${proto}_types.hpp" "${dir}/${proto}_codec.hpp" "${dir}/${proto}_codec.cpp"
    "${dir}/${proto}_protocol.hpp" "${dir}/${proto}_protocol.cpp"
    "${dir}/${proto}_interactions.hpp" "${dir}/${proto}_client.hpp" "${dir}/${proto}_client.cpp"
    "${dir}/${proto}_server.hpp")
  add_custom_command(
    OUTPUT ${outputs}
    COMMAND wirekit-gen "${schema}" --out "${WG_OUT_DIR}"
    DEPENDS "${schema}" wirekit-gen
    COMMENT "wirekit-gen ${WG_SCHEMA}"
    VERBATIM)
  add_library(${WG_TARGET} STATIC ${outputs})
  target_include_directories(${WG_TARGET} PUBLIC "${WG_OUT_DIR}")
  target_link_libraries(${WG_TARGET} PUBLIC wirekit::runtime)
endfunction()
