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
  # The file names come from wirekit-gen itself (--list-outputs) when it already exists at
  # configure time (an installed wirekit, or WIREKIT_GEN_EXECUTABLE set). Inside wirekit's own
  # build the generator is built later: the names are <name>/<name>_<part>, <name> read from
  # the schema's top-level `name:` and the parts from the generator's own list
  # (generator/src/emit/output_files.hpp), so they are written down once.
  set(gen_exe "${WIREKIT_GEN_EXECUTABLE}")
  if(NOT gen_exe AND TARGET wirekit::wirekit-gen)
    get_target_property(gen_exe wirekit::wirekit-gen LOCATION)
  endif()
  set(outputs "")
  if(gen_exe AND EXISTS "${gen_exe}")
    execute_process(COMMAND "${gen_exe}" "${schema}" --list-outputs
                    OUTPUT_VARIABLE listed ERROR_VARIABLE errors RESULT_VARIABLE status)
    if(NOT status EQUAL 0)
      message(FATAL_ERROR "wirekit_generate: ${errors}")
    endif()
    string(REPLACE "\n" ";" listed "${listed}")
    foreach(file IN LISTS listed)
      if(file)
        list(APPEND outputs "${WG_OUT_DIR}/${file}")
      endif()
    endforeach()
    set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${schema}")
  else()
    file(STRINGS "${schema}" name_line REGEX "^name:[ \t]*[\"']?[a-z][a-z0-9_]*")
    if(NOT name_line)
      message(FATAL_ERROR "wirekit_generate: no top-level 'name:' in ${schema}")
    endif()
    string(REGEX REPLACE "^name:[ \t]*[\"']?([a-z][a-z0-9_]*).*" "\\1" proto "${name_line}")
    set(parts_file "${wirekit_SOURCE_DIR}/generator/src/emit/output_files.hpp")
    if(NOT DEFINED wirekit_SOURCE_DIR OR NOT EXISTS "${parts_file}")
      message(FATAL_ERROR "wirekit_generate: no wirekit-gen to run (set WIREKIT_GEN_EXECUTABLE)")
    endif()
    file(STRINGS "${parts_file}" part_lines REGEX "^    \"[a-z_]+\\.(hpp|cpp)\",$")
    if(NOT part_lines)
      message(FATAL_ERROR "wirekit_generate: no output parts in ${parts_file}")
    endif()
    foreach(line IN LISTS part_lines)
      string(REGEX REPLACE "^    \"([a-z_]+\\.(hpp|cpp))\",$" "\\1" part "${line}")
      list(APPEND outputs "${WG_OUT_DIR}/${proto}/${proto}_${part}")
    endforeach()
    set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${parts_file}")
  endif()
  if(gen_exe AND EXISTS "${gen_exe}")
    set(gen_command "${gen_exe}")
    set(gen_depends "${schema}")
  else()
    set(gen_command wirekit-gen)
    set(gen_depends "${schema}" wirekit-gen)
  endif()
  add_custom_command(
    OUTPUT ${outputs}
    COMMAND ${gen_command} "${schema}" --out "${WG_OUT_DIR}"
    DEPENDS ${gen_depends}
    COMMENT "wirekit-gen ${WG_SCHEMA}"
    VERBATIM)
  add_library(${WG_TARGET} STATIC ${outputs})
  target_include_directories(${WG_TARGET} PUBLIC "${WG_OUT_DIR}")
  target_link_libraries(${WG_TARGET} PUBLIC wirekit::runtime)
endfunction()
