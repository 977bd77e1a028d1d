// Catch2 main for tests that need widgets: one QApplication on the xcb platform (under Xvfb).
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include "hf/dicomio/GdcmDiagnostics.h"

#include <QApplication>

int main(int argc, char** argv)
{
    hf::silenceGdcmDiagnostics();
    qputenv("QT_QPA_PLATFORM", "xcb");
    int qtArgc = 1;
    QApplication app(qtArgc, argv);
    return Catch::Session().run(argc, argv);
}
