// Fused MPR against unfused MPR, same process, same CT and the same three 512x512 planes: each
// frame moves the crosshair 1 mm along the axial normal and renders axial, coronal and sagittal;
// the fused frame also resamples a PET volume (4 mm voxels, float, 3x coarser than the CT, its own
// grid) onto every plane in a colour table and puts it over the plane, as the MPR does on screen.
// Usage: bench_fusion [--columns N] [--slices N] [--frames N]
#include "FrameTiming.h"
#include "RendererName.h"
#include "SyntheticVolume.h"

#include "hf/rendering/ColourTable.h"
#include "hf/rendering/FusionLayer.h"
#include "hf/rendering/MprScene.h"

#include <vtkNew.h>
#include <vtkRenderWindow.h>
#include <vtkRenderer.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

namespace {

// A PET-like float volume over the same extent as the CT: 4 mm voxels, background 5000 Bq/mL and
// hot spheres of 40000.
std::shared_ptr<hf::Volume> makePet(const hf::Volume& ct)
{
    const hf::StackGeometry& c = ct.geometry();
    hf::StackGeometry g;
    g.columnSpacing = g.rowSpacing = g.sliceSpacing = 4.0;
    g.columns = g.rows = int(c.columns * c.columnSpacing / 4.0);
    g.slices = int(c.slices * c.sliceSpacing / 4.0);
    g.sliceStep = {0, 0, 4.0};
    g.origin = c.origin + hf::Vec3{1.5, 1.5, 1.5};  // not the CT's voxel centres
    auto pet = std::make_shared<hf::Volume>(g, hf::VoxelType::Float32, hf::Volume::Memory::Private);
    pet->modality = "PT";
    pet->frameOfReferenceUid = ct.frameOfReferenceUid;
    pet->petValues = true;
    pet->suv.ok = true;
    pet->suv.factor = 2.76e-4;
    pet->suv.kind = "SUVbw";
    auto* v = reinterpret_cast<float*>(pet->data());
    for (int k = 0; k < g.slices; ++k)
        for (int j = 0; j < g.rows; ++j)
            for (int i = 0; i < g.columns; ++i) {
                const double dx = i - g.columns * 0.3, dy = j - g.rows * 0.5, dz = k - g.slices * 0.5;
                *v++ = dx * dx + dy * dy + dz * dz < 36 ? 40000.0f : 5000.0f;
            }
    return pet;
}

} // namespace

int main(int argc, char** argv)
{
    int columns = 512, slices = 300, count = 40;
    if (!readIntOptions(argc, argv, {{"--columns", &columns}, {"--slices", &slices}, {"--frames", &count}}))
        return 2;
    auto ct = makeSyntheticVolume(columns, slices);
    ct->frameOfReferenceUid = "1.2.3";
    const auto pet = makePet(*ct);
    const hf::ColourTable hotIron("Hot iron", {{0.0, 0, 0, 0}, {0.25, 128, 0, 0}, {0.5, 255, 64, 0}, {0.75, 255, 192, 0}, {1.0, 255, 255, 255}});
    hf::FusionLook look = hf::defaultFusionLook(*pet, hotIron);

    hf::MprScene mpr;
    mpr.setVolume(ct);
    vtkNew<vtkRenderWindow> window;
    window->SetOffScreenRendering(1);
    window->SetSize(3 * 512, 512);
    const hf::MprPlane planes[3] = {hf::MprPlane::Axial, hf::MprPlane::Coronal, hf::MprPlane::Sagittal};
    for (int p = 0; p < 3; ++p) {
        mpr.renderer(planes[p])->SetViewport(p / 3.0, 0, (p + 1) / 3.0, 1);
        window->AddRenderer(mpr.renderer(planes[p]));
    }
    window->Render();
    for (hf::MprPlane p : planes)
        mpr.viewResized(p);
    const hf::Vec3 start = mpr.crosshair() - hf::Vec3{0, 0, count / 2.0};
    std::vector<double> fusedMs, plainMs, layerMs;
    const auto frame = [&](int i, bool fused) {
        const auto t0 = Clock::now();
        mpr.setCrosshair(start + hf::Vec3{0, 0, double(i)});
        if (fused) {
            const auto l0 = Clock::now();
            for (hf::MprPlane p : planes)
                mpr.setLabelLayer(p, -1, hf::fusionLayer(*pet, mpr.screenPlane(p), look));
            layerMs.push_back(std::chrono::duration<double, std::milli>(Clock::now() - l0).count());
        }
        window->Render();
        window->WaitForCompletion();
        (fused ? fusedMs : plainMs).push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    };
    for (int i = 0; i < 5; ++i)  // warm up both
        frame(i, true), frame(i, false);
    fusedMs.clear(), plainMs.clear(), layerMs.clear();
    for (int round = 0; round < 2; ++round)
        for (bool fused : {false, true}) {
            if (!fused)
                for (hf::MprPlane p : planes)
                    mpr.setLabelLayer(p, -1, {});
            for (int i = 0; i < count; ++i)
                frame(i, fused);
        }
    const double f = median(fusedMs), u = median(plainMs);
    std::printf("{\"renderer\": \"%s\", \"ct\": \"%dx%dx%d int16\", \"pet\": \"%dx%dx%d float\", \"planes\": \"3 x 512x512\",\n"
                " \"frames\": %zu, \"unfused_ms\": %.1f, \"fused_ms\": %.1f, \"fusion_layers_ms\": %.1f, \"ratio\": %.2f}\n",
                rendererName(window).c_str(), columns, columns, slices, pet->geometry().columns, pet->geometry().rows,
                pet->geometry().slices, fusedMs.size(), u, f, median(layerMs), u > 0 ? f / u : 0);
    return 0;
}
