// Frame time of scrolling a loaded 512x512 stack: Hounsfield's SliceScene (window/level, overlay
// text and letters updated per slice, as the viewport does) against a bare VTK pipeline
// (vtkImageReslice -> vtkImageMapToWindowLevelColors -> vtkImageActor) on the same volume, in
// the same process and window size. Each frame: move to the next slice, render, wait for the GPU.
// Usage: bench_scroll [--size WxH] [--slices N] [--columns N] [--rounds N]
#include "RendererName.h"
#include "SyntheticVolume.h"

#include "hf/dicomio/Volume.h"
#include "hf/rendering/ImageDataWrap.h"
#include "hf/rendering/SliceScene.h"

#include <vtkCamera.h>
#include <vtkImageActor.h>
#include <vtkImageData.h>
#include <vtkImageMapToWindowLevelColors.h>
#include <vtkImageMapper3D.h>
#include <vtkImageReslice.h>
#include <vtkMatrix4x4.h>
#include <vtkNew.h>
#include <vtkOpenGLRenderWindow.h>
#include <vtkRenderWindow.h>
#include <vtkRenderer.h>
#include <vtkSmartPointer.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <functional>
#include <memory>
#include <random>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

struct Percentiles {
    double p50 = 0, p95 = 0, p99 = 0, mean = 0, max = 0;
};

Percentiles summarise(std::vector<double> ms)
{
    std::sort(ms.begin(), ms.end());
    auto at = [&](double q) { return ms[std::min(ms.size() - 1, size_t(q * double(ms.size())))]; };
    Percentiles p;
    p.p50 = at(0.50);
    p.p95 = at(0.95);
    p.p99 = at(0.99);
    p.max = ms.back();
    for (double v : ms)
        p.mean += v / double(ms.size());
    return p;
}

// Renders `frames` slices through `step(k)` and returns each frame's milliseconds.
std::vector<double> scroll(vtkRenderWindow* window, int slices, const std::function<void(int)>& step)
{
    std::vector<double> ms;
    for (int n = 0; n < slices; ++n) {
        const auto start = Clock::now();
        step(n);
        window->Render();
        window->WaitForCompletion();
        ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    }
    return ms;
}

} // namespace

int main(int argc, char** argv)
{
    int width = 512, height = 512, slices = 500, columns = 512, rounds = 2;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string a = argv[i], v = argv[i + 1];
        if (a == "--size")
            std::sscanf(v.c_str(), "%dx%d", &width, &height);
        else if (a == "--slices")
            slices = std::stoi(v);
        else if (a == "--columns")
            columns = std::stoi(v);
        else if (a == "--rounds")
            rounds = std::stoi(v);
    }
    const auto volume = makeSyntheticVolume(columns, slices);

    // Ours: the scene the 2D viewport draws, corner text changing every slice.
    hf::SliceScene scene;
    scene.setVolume(volume);
    scene.overlay().setCornerLines(hf::SliceOverlay::TopLeft, {"PATIENT^BENCH", "ID 12345", "045Y F"});
    vtkNew<vtkRenderWindow> oursWindow;
    oursWindow->SetOffScreenRendering(1);
    oursWindow->SetSize(width, height);
    oursWindow->AddRenderer(scene.renderer());
    auto ours = [&](int k) {
        scene.setSlice(k);
        scene.overlay().setCornerLines(hf::SliceOverlay::BottomLeft,
                                       {"Im " + std::to_string(k + 1) + "/" + std::to_string(slices), "Loc " + std::to_string(k) + ".0 mm"});
        scene.relayoutOverlay();
    };

    // Bare VTK: reslice one axial plane, window/level to RGBA, an image actor.
    vtkSmartPointer<vtkImageData> image = hf::wrapVolume(*volume);
    vtkNew<vtkImageReslice> reslice;
    reslice->SetInputData(image);
    reslice->SetOutputDimensionality(2);
    reslice->SetInterpolationModeToLinear();
    vtkNew<vtkMatrix4x4> axes;
    reslice->SetResliceAxes(axes);
    vtkNew<vtkImageMapToWindowLevelColors> colours;
    colours->SetInputConnection(reslice->GetOutputPort());
    colours->SetWindow(400);
    colours->SetLevel(40);
    vtkNew<vtkImageActor> actor;
    actor->GetMapper()->SetInputConnection(colours->GetOutputPort());
    vtkNew<vtkRenderer> bareRenderer;
    bareRenderer->AddActor(actor);
    vtkNew<vtkRenderWindow> bareWindow;
    bareWindow->SetOffScreenRendering(1);
    bareWindow->SetSize(width, height);
    bareWindow->AddRenderer(bareRenderer);
    auto bare = [&](int k) {
        axes->SetElement(2, 3, k * 1.0);
        axes->Modified();
    };
    bare(0);
    bareWindow->Render();
    bareRenderer->ResetCamera();
    bareRenderer->GetActiveCamera()->ParallelProjectionOn();
    bareRenderer->ResetCamera();

    // Warm up both (shader compilation, texture allocation), then alternate rounds.
    scroll(oursWindow, 20, ours);
    scroll(bareWindow, 20, bare);
    std::vector<double> oursMs, bareMs;
    for (int r = 0; r < rounds; ++r) {
        auto a = scroll(oursWindow, slices, ours);
        auto b = scroll(bareWindow, slices, bare);
        oursMs.insert(oursMs.end(), a.begin(), a.end());
        bareMs.insert(bareMs.end(), b.begin(), b.end());
    }
    const Percentiles o = summarise(oursMs), b = summarise(bareMs);
    const std::string card = rendererName(oursWindow);
    std::printf("{\"renderer\": \"%s\", \"view\": \"%dx%d\", \"volume\": \"%dx%dx%d int16\", \"frames\": %zu,\n"
                " \"hounsfield_ms\": {\"p50\": %.2f, \"p95\": %.2f, \"p99\": %.2f, \"mean\": %.2f, \"max\": %.2f},\n"
                " \"bare_vtk_reslice_ms\": {\"p50\": %.2f, \"p95\": %.2f, \"p99\": %.2f, \"mean\": %.2f, \"max\": %.2f},\n"
                " \"ratio_p50\": %.3f, \"ratio_p95\": %.3f}\n",
                card.c_str(), width, height, columns, columns, slices, oursMs.size(), o.p50, o.p95, o.p99, o.mean, o.max,
                b.p50, b.p95, b.p99, b.mean, b.max, o.p50 / b.p50, o.p95 / b.p95);
    oursWindow->RemoveRenderer(scene.renderer());
    return 0;
}
