// Curved reformat frame times (issue 22): a 300 mm path through a 512x512x500 in-memory volume,
// straightened 80 mm wide at the volume's finest spacing and turned 5 degrees a frame (what the
// reader does with Ctrl+wheel), drawn in a 512x512 off-screen window (reformat + upload + draw).
// Peer in the same process: a plain vtkImageReslice of an oblique plane with as many output
// samples (same linear interpolation, same int16 input), compute only. Also the stretched
// reformat and a cross-section.
// Usage: bench_cpr [--columns N] [--slices N] [--frames N]
#include "FrameTiming.h"
#include "SyntheticVolume.h"

#include "hf/dicomio/CurvedReformat.h"
#include "hf/dicomio/VolumeSampling.h"
#include "hf/rendering/ImageDataWrap.h"
#include "hf/rendering/ReformatScene.h"

#include <vtkImageData.h>
#include <vtkImageReslice.h>
#include <vtkMatrix4x4.h>
#include <vtkNew.h>
#include <vtkRenderWindow.h>
#include <vtkRenderer.h>

#include <cmath>
#include <cstdio>

int main(int argc, char** argv)
{
    int columns = 512, slices = 500, count = 30;
    if (!readIntOptions(argc, argv, {{"--columns", &columns}, {"--slices", &slices}, {"--frames", &count}}))
        return 2;
    const auto volume = makeSyntheticVolume(columns, slices);
    const hf::StackGeometry& g = volume->geometry();
    // A helix about the volume's middle, 50 mm across, rising so that it is 300 mm long (less on
    // a smaller volume: it stays inside).
    const hf::Vec3 middle = g.toPatient((g.columns - 1) / 2.0, (g.rows - 1) / 2.0, (g.slices - 1) / 2.0);
    const double turn = 2.5, radius = std::min(50.0, 0.3 * g.columns * g.columnSpacing);
    const double zSpan = std::min(0.8 * g.slices * g.sliceSpacing, turn * std::sqrt(std::max(0.0, 120.0 * 120.0 - radius * radius)));
    std::vector<hf::Vec3> points;
    for (int n = 0; n <= 30; ++n) {
        const double t = turn * n / 30;
        points.push_back(middle + hf::Vec3{radius * std::cos(t), radius * std::sin(t), -zSpan / 2 + zSpan * n / 30});
    }
    const hf::CurvedPath path(points);
    const double width = 80;

    hf::ReformatScene scene;
    vtkNew<vtkRenderWindow> window;
    window->SetOffScreenRendering(1);
    window->SetSize(512, 512);
    window->AddRenderer(scene.renderer());
    scene.setWindow(40, 400);
    int rows = 0, cols = 0;
    auto frame = [&](int i) {
        const hf::ReformatImage image = hf::straightenedReformat(*volume, path, width, 5.0 * i);
        rows = image.height;
        cols = image.width;
        scene.setImage(image);
        window->Render();
        window->WaitForCompletion();
    };
    auto computeOnly = [&](int i) { hf::straightenedReformat(*volume, path, width, 5.0 * i); };
    // The peer: an oblique plane with the same number of samples (cols x rows), linear.
    vtkSmartPointer<vtkImageData> wrapped = hf::wrapVolume(*volume);
    vtkNew<vtkImageReslice> reslice;
    reslice->SetInputData(wrapped);
    reslice->SetInterpolationModeToLinear();
    reslice->SetOutputDimensionality(2);
    const double s = hf::smallestSpacing(*volume);
    reslice->SetOutputSpacing(s, s, 1);
    vtkNew<vtkMatrix4x4> axes;
    auto plain = [&](int i) {
        const double a = 0.3 + 0.01 * i, c = std::cos(a), d = std::sin(a);
        // Rows along a tilted direction, columns across: the same count as the reformat.
        const double m[16] = {c, 0, d, middle.x, d * 0.5, 0.866, -c * 0.5, middle.y, -d * 0.866, 0.5, c * 0.866, middle.z, 0, 0, 0, 1};
        axes->DeepCopy(m);
        reslice->SetResliceAxes(axes);
        reslice->SetOutputExtent(-cols / 2, cols - cols / 2 - 1, -rows / 2, rows - rows / 2 - 1, 0, 0);
        reslice->Update();
    };
    frames(3, frame);
    frames(3, plain);
    std::vector<double> frameMs, computeMs, plainMs;
    for (int round = 0; round < 2; ++round) {
        auto a = frames(count, frame), b = frames(count, computeOnly), c = frames(count, plain);
        frameMs.insert(frameMs.end(), a.begin(), a.end());
        computeMs.insert(computeMs.end(), b.begin(), b.end());
        plainMs.insert(plainMs.end(), c.begin(), c.end());
    }
    const auto stretchedMs = frames(count, [&](int i) { hf::stretchedReformat(*volume, path, width, 5.0 * i); });
    const auto sectionMs = frames(count, [&](int i) { hf::pathCrossSection(*volume, path, path.length() * i / count, 60, 0); });
    std::printf("{\n  \"volume\": [%d, %d, %d],\n  \"path_mm\": %.1f,\n  \"straightened_pixels\": [%d, %d],\n", g.columns, g.rows, g.slices,
                path.length(), cols, rows);
    std::printf("  \"straightened_frame_ms_median\": %.2f,\n  \"straightened_compute_ms_median\": %.2f,\n", median(frameMs), median(computeMs));
    std::printf("  \"plain_reslice_same_samples_ms_median\": %.2f,\n  \"compute_ratio\": %.2f,\n", median(plainMs),
                median(computeMs) / std::max(1e-9, median(plainMs)));
    std::printf("  \"stretched_compute_ms_median\": %.2f,\n  \"cross_section_60mm_ms_median\": %.2f\n}\n", median(stretchedMs), median(sectionMs));
    return 0;
}
