# The Debian package: cpack -G DEB in the build folder writes runback_VERSION_ARCH.deb with what
# cmake --install puts under /usr. Its library dependencies are worked out by dpkg-shlibdeps
# (package dpkg-dev) from the program and its PDF module; the font the PDF sheets are set in is
# named by hand, since no library links it.
set(CPACK_PACKAGE_NAME runback)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "runback")
# Whoever publishes the package names themselves: -DRUNBACK_MAINTAINER="Name <address>".
set(RUNBACK_MAINTAINER "runback developers <runback@localhost>" CACHE STRING "The Debian package's Maintainer")
set(CPACK_PACKAGE_CONTACT "${RUNBACK_MAINTAINER}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "triage for runners with back pain after running")
# The extended description (CPack puts the summary above it), in lines under 80 characters.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "runback asks a runner about their back pain (warning signs first, then the
pain, running volume, surface, shoes, posture and habits) and answers with an
urgency level, likely causes, what to do and what to avoid, as text, JSON or a
printable advice sheet. It also assesses survey exports of many respondents at
once (CSV or JSONL). It names likely causes; it does not diagnose.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_GENERATOR DEB)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "fonts-dejavu-core")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "bash-completion, man-db")

# A native package's changelog.gz is read as a Debian changelog: one entry for this version,
# pointing at CHANGELOG.md, dated by RUNBACK_RELEASE_DATE.
execute_process(COMMAND date -R -u -d "${RUNBACK_RELEASE_DATE} 12:00:00"
                OUTPUT_VARIABLE runback_release_rfc2822 OUTPUT_STRIP_TRAILING_WHITESPACE)
file(WRITE ${PROJECT_BINARY_DIR}/generated/changelog.Debian
"runback (${PROJECT_VERSION}) unstable; urgency=medium

  * Release ${PROJECT_VERSION}; what changed is in /usr/share/doc/runback/CHANGELOG.md.

 -- ${RUNBACK_MAINTAINER}  ${runback_release_rfc2822}
")

include(CPack)
