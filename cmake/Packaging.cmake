# `cmake --install` and a Debian package (`cpack -G DEB` → hounsfield_<version>_amd64.deb):
# the two programs, the presets and hanging protocols (built in too; installed as examples to
# copy), a desktop entry with its icon, the MIME association for DICOM files and DICOMDIR, and
# both programs' man pages, a Debian changelog. The package's dependencies come from the libraries the programs link
# (dpkg-shlibdeps), plus the Qt plugins and GL drivers loaded at run time.
include(GNUInstallDirs)
install(TARGETS hounsfield hounsfield-cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
# hounsfield-cli's export, register, annotate. Not right in lib/hounsfield: CPack would call ldconfig for it.
install(TARGETS hf_cli_full hf_cli_network hf_cli_imaging LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}/hounsfield/modules)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/resources/presets ${PROJECT_SOURCE_DIR}/resources/protocols
        DESTINATION ${CMAKE_INSTALL_DATADIR}/hounsfield)
install(FILES ${PROJECT_SOURCE_DIR}/resources/hounsfield.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${PROJECT_SOURCE_DIR}/resources/hounsfield.svg DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
install(FILES ${PROJECT_SOURCE_DIR}/resources/hounsfield-mime.xml DESTINATION ${CMAKE_INSTALL_DATADIR}/mime/packages
        RENAME hounsfield.xml)
install(FILES ${PROJECT_SOURCE_DIR}/resources/copyright DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/hounsfield)
# Man pages and the Debian changelog are shipped compressed (gzip -n: reproducible).
set(HF_COMPRESSED_DOCS)
foreach(doc hounsfield.1 hounsfield-cli.1 changelog)
  set(compressed ${CMAKE_CURRENT_BINARY_DIR}/${doc}.gz)
  add_custom_command(OUTPUT ${compressed}
                     COMMAND gzip -9 -n -c ${PROJECT_SOURCE_DIR}/resources/${doc} > ${compressed}
                     DEPENDS ${PROJECT_SOURCE_DIR}/resources/${doc})
  list(APPEND HF_COMPRESSED_DOCS ${compressed})
endforeach()
add_custom_target(hounsfield-compressed-docs ALL DEPENDS ${HF_COMPRESSED_DOCS})
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/hounsfield.1.gz ${CMAKE_CURRENT_BINARY_DIR}/hounsfield-cli.1.gz
        DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/changelog.gz DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/hounsfield)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME hounsfield)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "The Hounsfield developers")
set(CPACK_PACKAGE_CONTACT "Hounsfield developers <hounsfield@example.org>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Radiology diagnostic workstation (DICOM viewer, MPR/3D, PACS client)")
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "Radiology diagnostic workstation\n Reads whole studies, measures on any plane, hangs protocols, registers\n priors, fuses PET/CT, talks to PACS (DIMSE and DICOMweb, over TLS) and\n keeps an audit trail.")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "qt6-qpa-plugins, qt6-image-formats-plugins, libgl1-mesa-dri, shared-mime-info, desktop-file-utils")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "dcmtk, fonts-noto-cjk")
set(CPACK_STRIP_FILES ON)
include(CPack)
