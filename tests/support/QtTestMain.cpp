// Catch2 main for tests that need widgets: one QApplication on the xcb platform (under Xvfb).
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include "TestProcessWatch.h"

#include <QApplication>

#include <string>

#include <unistd.h>

int main(int argc, char** argv)
{
    // The environment is changed first, while this is the only thread (setenv() races getenv()).
    qputenv("QT_QPA_PLATFORM", "xcb");
    // Settings the tests write (PACS nodes) stay in the build tree, not in the user's, and in a
    // folder of this process's own: ctest runs two test executables at once, and one's settings
    // (a disk reserve larger than any disk) once reached the other's windows.
    qputenv("XDG_CONFIG_HOME", (HF_SCRATCH_DIR "/config/" + std::to_string(getpid())).c_str());
    const hf::test::TestProcessWatch watch(argv[0]);
    int qtArgc = 1;
    QApplication app(qtArgc, argv);
    return Catch::Session().run(argc, argv);
}
