# Compiler settings every target links, so warnings stay uniform across the tree.
add_library(runback_settings INTERFACE)
target_compile_options(runback_settings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow
  -Wnon-virtual-dtor -Wold-style-cast -Woverloaded-virtual
  # g++ 12 reports false dangling-pointer warnings from inlined yaml-cpp and libstdc++ code,
  # so that check stays off (clang, for fuzzing, has no such option).
  $<$<CXX_COMPILER_ID:GNU>:-Wno-dangling-pointer>
  $<$<BOOL:${RUNBACK_WERROR}>:-Werror>)
target_compile_definitions(runback_settings INTERFACE
  $<$<CONFIG:Debug>:_GLIBCXX_ASSERTIONS>)

# RUNBACK_SANITIZE: AddressSanitizer and UndefinedBehaviorSanitizer on every target, stopping at
# the first report (a sanitizer finding fails the test that met it). CI builds this way too.
if(RUNBACK_SANITIZE)
  target_compile_options(runback_settings INTERFACE
    -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  target_link_options(runback_settings INTERFACE -fsanitize=address,undefined)
endif()

# RUNBACK_FUZZ: coverage instrumentation for libFuzzer on everything (clang only); the targets
# in tests/fuzz add the fuzzer's main.
if(RUNBACK_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "RUNBACK_FUZZ needs clang: configure with -DCMAKE_CXX_COMPILER=clang++")
  endif()
  target_compile_options(runback_settings INTERFACE -fsanitize=fuzzer-no-link)
endif()
