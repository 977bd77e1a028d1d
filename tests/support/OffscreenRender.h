#pragma once
// Renders a vtkRenderer off screen and reads the pixels back, top row first (needs an X
// display: ctest runs these tests under xvfb-run).
#include <vtkImageData.h>
#include <vtkNew.h>
#include <vtkRenderWindow.h>
#include <vtkRenderer.h>
#include <vtkSmartPointer.h>
#include <vtkWindowToImageFilter.h>

#include <algorithm>
#include <vector>

namespace hf::test {

struct Picture {
    int width = 0, height = 0;
    std::vector<unsigned char> rgb;  // top row first
    int gray(int x, int yFromTop) const
    {
        const size_t p = (size_t(yFromTop) * size_t(width) + size_t(x)) * 3;
        return (rgb[p] + rgb[p + 1] + rgb[p + 2]) / 3;
    }
};

// A renderer kept in an off-screen window, so the scene knows its size between renders. One
// window serves the whole test run: every VTK X window opens its own X connection, and opening
// dozens of them made Xvfb refuse connections now and then ("bad X server connection").
class OffscreenView {
public:
    OffscreenView(vtkRenderer* renderer, int width, int height)
        : m_renderer(renderer)
        , m_window(sharedWindow())
    {
        m_window->SetSize(width, height);
        m_window->AddRenderer(renderer);
    }
    ~OffscreenView() { m_window->RemoveRenderer(m_renderer); }
    OffscreenView(const OffscreenView&) = delete;
    OffscreenView& operator=(const OffscreenView&) = delete;

    Picture capture()
    {
        m_window->Render();
        vtkNew<vtkWindowToImageFilter> grab;
        grab->SetInput(m_window);
        grab->SetInputBufferTypeToRGB();
        grab->ReadFrontBufferOff();
        grab->Update();
        vtkImageData* image = grab->GetOutput();
        int* size = m_window->GetSize();
        Picture p;
        p.width = size[0];
        p.height = size[1];
        p.rgb.resize(size_t(p.width) * size_t(p.height) * 3);
        auto* src = static_cast<unsigned char*>(image->GetScalarPointer());
        for (int y = 0; y < p.height; ++y)  // VTK rows go bottom-up
            std::copy_n(src + size_t(p.height - 1 - y) * size_t(p.width) * 3, size_t(p.width) * 3,
                        p.rgb.begin() + size_t(y) * size_t(p.width) * 3);
        return p;
    }
    vtkRenderWindow* window() const { return m_window; }

private:
    static vtkRenderWindow* sharedWindow()
    {
        static vtkSmartPointer<vtkRenderWindow> window = [] {
            auto w = vtkSmartPointer<vtkRenderWindow>::New();
            w->SetOffScreenRendering(1);
            return w;
        }();
        return window;
    }

    vtkRenderer* m_renderer;
    vtkRenderWindow* m_window;
};

inline Picture render(vtkRenderer* renderer, int width, int height)
{
    return OffscreenView(renderer, width, height).capture();
}

} // namespace hf::test
