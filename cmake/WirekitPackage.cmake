# `cmake --install <build> --prefix P` installs wirekit-gen, the runtime library and its
# headers, and the CMake package that find_package(wirekit CONFIG) reads: wirekit::runtime,
# wirekit::wirekit-gen and wirekit_generate(). Nothing installed refers to the build tree.
include(CMakePackageConfigHelpers)

set(WIREKIT_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/wirekit)

install(TARGETS wirekit_runtime wirekit-gen
  EXPORT wirekitTargets
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR})
# The headers, codegen/ (what only generated code includes) with them: the generated SDKs
# compile against the installed runtime alone.
install(DIRECTORY ${PROJECT_SOURCE_DIR}/runtime/include/wirekit
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(EXPORT wirekitTargets
  NAMESPACE wirekit::
  DESTINATION ${WIREKIT_CMAKE_DIR})

configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/wirekitConfig.cmake.in
  ${CMAKE_CURRENT_BINARY_DIR}/wirekitConfig.cmake
  INSTALL_DESTINATION ${WIREKIT_CMAKE_DIR})
# 0.x: a minor version may change the generated API.
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/wirekitConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES
  ${CMAKE_CURRENT_BINARY_DIR}/wirekitConfig.cmake
  ${CMAKE_CURRENT_BINARY_DIR}/wirekitConfigVersion.cmake
  ${CMAKE_CURRENT_LIST_DIR}/WirekitGenerate.cmake
  DESTINATION ${WIREKIT_CMAKE_DIR})

# wirekit.pc for users who do not build with CMake, with the runtime's whole link line.
file(RELATIVE_PATH WIREKIT_PC_TO_PREFIX "/prefix/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/prefix")
configure_file(${CMAKE_CURRENT_LIST_DIR}/wirekit.pc.in ${CMAKE_CURRENT_BINARY_DIR}/wirekit.pc @ONLY)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/wirekit.pc
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
