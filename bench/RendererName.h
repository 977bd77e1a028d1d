#pragma once
// The OpenGL renderer string of a render window ("llvmpipe (LLVM 15.0.6, 256 bits)", or the
// GPU's name), so every benchmark figure names what drew it.
#include <vtkOpenGLRenderWindow.h>
#include <vtkRenderWindow.h>

#include <string>

inline std::string rendererName(vtkRenderWindow* window)
{
    auto* gl = vtkOpenGLRenderWindow::SafeDownCast(window);
    std::string card = gl ? gl->ReportCapabilities() : "";
    const auto pos = card.find("OpenGL renderer string:");
    if (pos == std::string::npos)
        return "unknown";
    card = card.substr(pos + 24, card.find('\n', pos) - pos - 24);
    card.erase(0, card.find_first_not_of(' '));
    return card;
}
