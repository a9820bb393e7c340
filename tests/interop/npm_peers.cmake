# Interop with independent Node peers from npm: the real Rise 0.14 server (rise/) against the
# generated rise_0_14 client, and npm ws speaking the Event/Ack sync protocol (sync/) against the
# generated sync client and server. Registered only where node and npm are installed (a missing
# node is seen here, not skipped at run time) and the example servers are built (not in the
# sanitizer build); then they must pass.
find_program(WIREKIT_NODE node)
find_program(WIREKIT_NPM npm)
if(WIREKIT_NODE AND WIREKIT_NPM AND TARGET rise-server)
  # Installs the peers' npm packages from their lock files before the tests that use them.
  add_test(NAME interop.npm_install COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/install.sh)
  set_tests_properties(interop.npm_install PROPERTIES FIXTURES_SETUP npm_peers
                                                      RESOURCE_LOCK npm_ws TIMEOUT 600)
  set(WIREKIT_TEST_LIBS wirekit::runtime wirekit::rise_0_14 wirekit::sync)
  set(WIREKIT_TEST_PROPERTIES RESOURCE_LOCK npm_ws FIXTURES_REQUIRED npm_peers)
  wirekit_test(npm_peer_tests ../e2e/child_process.cpp rise_npm_test.cpp sync_npm_test.cpp)
  target_compile_definitions(npm_peer_tests PRIVATE WIREKIT_NODE="${WIREKIT_NODE}")
  # rise-server runs as a child process: build it with the tests.
  add_dependencies(npm_peer_tests rise-server)
endif()

# Differential tests (differential/differ.js): the same scripted frames to the upstream
# implementation and to the wirekit example server, compared frame by frame; for an upstream
# that cannot run here (Tetra needs Django), against the transcript its code gives.
if(WIREKIT_NODE AND WIREKIT_NPM AND TARGET rise-server AND TARGET tetra-server)
  set(differ ${CMAKE_CURRENT_SOURCE_DIR}/differential/differ.js)
  add_test(NAME differential.rise_0_14
           COMMAND ${WIREKIT_NODE} ${differ} ${CMAKE_CURRENT_SOURCE_DIR}/differential/rise-0.14.json
                   -- ${WIREKIT_NODE} ${CMAKE_CURRENT_SOURCE_DIR}/rise/server.js
                   -- $<TARGET_FILE:rise-server> --port 0)
  add_test(NAME differential.tetra_upstream
           COMMAND ${WIREKIT_NODE} ${differ}
                   ${CMAKE_CURRENT_SOURCE_DIR}/differential/tetra-upstream.json
                   -- $<TARGET_FILE:tetra-server> --port 0 --wire upstream --tick 0
                      --groups chat,room.*)
  set_tests_properties(differential.rise_0_14 differential.tetra_upstream PROPERTIES
                       FIXTURES_REQUIRED npm_peers RESOURCE_LOCK npm_ws TIMEOUT 120)
endif()
