# Run by ctest (tests/package): installs WIREKIT_BUILD_DIR to WORK_DIR/prefix, then configures,
# builds and tests APP_SOURCE_DIR against that prefix. Any failing step fails the test.
foreach(var WIREKIT_BUILD_DIR WIREKIT_SOURCE_DIR APP_SOURCE_DIR WORK_DIR APP_GENERATOR)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "build_new_app.cmake: ${var} is not set")
  endif()
endforeach()

function(step what)
  message(STATUS "== ${what}: ${ARGN}")
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "${what} failed (${status})")
  endif()
endfunction()

set(prefix ${WORK_DIR}/prefix)
set(app_build ${WORK_DIR}/build)
file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR})

step("install wirekit" ${CMAKE_COMMAND} --install ${WIREKIT_BUILD_DIR} --prefix ${prefix})

# What the package consists of.
# The codegen/ headers are there too: the generated SDKs include them.
foreach(file bin/wirekit-gen include/wirekit/client_stub.hpp include/wirekit/server_stub.hpp
             include/wirekit/codegen/codec_hooks.hpp include/wirekit/codegen/make_outgoing.hpp
             lib/cmake/wirekit/wirekitConfig.cmake lib/cmake/wirekit/WirekitGenerate.cmake
             lib/pkgconfig/wirekit.pc)
  if(NOT EXISTS ${prefix}/${file})
    message(FATAL_ERROR "the install has no ${file}")
  endif()
endforeach()
# Nothing installed may point back into the source or build tree: the package must work when
# both are gone.
file(GLOB_RECURSE cmake_files ${prefix}/lib/cmake/* ${prefix}/lib/pkgconfig/*)
foreach(file ${cmake_files})
  file(READ ${file} text)
  foreach(tree ${WIREKIT_SOURCE_DIR} ${WIREKIT_BUILD_DIR})
    string(FIND "${text}" "${tree}" at)
    if(NOT at EQUAL -1)
      message(FATAL_ERROR "${file} refers to ${tree}")
    endif()
  endforeach()
endforeach()

set(configure ${CMAKE_COMMAND} -S ${APP_SOURCE_DIR} -B ${app_build} -G ${APP_GENERATOR}
  -DCMAKE_PREFIX_PATH=${prefix}
  # Only the prefix: a wirekit registered in the user package registry must not be used.
  -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF)
if(APP_BUILD_TYPE)
  list(APPEND configure -DCMAKE_BUILD_TYPE=${APP_BUILD_TYPE})
endif()
if(APP_CXX_COMPILER)
  list(APPEND configure -DCMAKE_CXX_COMPILER=${APP_CXX_COMPILER})
endif()
if(APP_CXX_FLAGS)
  list(APPEND configure "-DCMAKE_CXX_FLAGS=${APP_CXX_FLAGS}"
    "-DCMAKE_EXE_LINKER_FLAGS=${APP_LINK_FLAGS}")
endif()
step("configure new-app" ${configure})
step("build new-app" ${CMAKE_COMMAND} --build ${app_build} --parallel 2)
step("test new-app" ${CMAKE_CTEST_COMMAND} --test-dir ${app_build} --output-on-failure)

# Without CMake: the same application generated with the installed wirekit-gen and compiled
# by hand with nothing but `pkg-config --cflags --libs wirekit`, then run by its demo.
find_program(PKG_CONFIG pkg-config REQUIRED)
set(ENV{PKG_CONFIG_PATH} ${prefix}/lib/pkgconfig)
execute_process(COMMAND ${PKG_CONFIG} --cflags --libs wirekit
                OUTPUT_VARIABLE pc_flags OUTPUT_STRIP_TRAILING_WHITESPACE RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "pkg-config --cflags --libs wirekit failed (${status})")
endif()
separate_arguments(pc_flags UNIX_COMMAND "${pc_flags}")
separate_arguments(extra_flags UNIX_COMMAND "${APP_CXX_FLAGS} ${APP_LINK_FLAGS}")
set(pc_dir ${WORK_DIR}/pkg-config)
step("generate kv with the installed wirekit-gen" ${prefix}/bin/wirekit-gen
     ${APP_SOURCE_DIR}/kv.yaml --out ${pc_dir}/gen)
file(GLOB sdk ${pc_dir}/gen/kv/*.cpp)
set(compiler ${APP_CXX_COMPILER})
if(NOT compiler)
  set(compiler c++)
endif()
step("compile kv-server with pkg-config" ${compiler} -std=c++17 ${extra_flags}
     -I${pc_dir}/gen -I${APP_SOURCE_DIR} ${APP_SOURCE_DIR}/server_main.cpp
     ${APP_SOURCE_DIR}/store.cpp ${sdk} -o ${pc_dir}/kv-server ${pc_flags})
step("compile kv-client with pkg-config" ${compiler} -std=c++17 ${extra_flags}
     -I${pc_dir}/gen ${APP_SOURCE_DIR}/client_main.cpp ${sdk} -o ${pc_dir}/kv-client ${pc_flags})
step("run the pkg-config build's demo" sh ${APP_SOURCE_DIR}/demo_test.sh ${pc_dir})
