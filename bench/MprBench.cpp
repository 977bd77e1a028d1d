// MPR and 3D frame times against bare VTK on the same in-memory volume, in the same process:
//  - a double-oblique MPR plane scrolled by 1 mm per frame (MprScene: reslice + window + draw)
//    against a plain vtkImageReslice (same linear interpolation, same 512x512 output) alone; and
//    MprScene's own resampling of the plane timed directly inside each frame;
//  - volume rendering: first frame (upload) and following frames of VolumeScene against a bare
//    vtkGPUVolumeRayCastMapper with the same transfer functions and view size.
// Usage: bench_mpr [--columns N] [--slices N] [--frames N] [--vr-size N] [--vr-frames N]
#include "FrameTiming.h"
#include "RendererName.h"
#include "SyntheticVolume.h"

#include "hf/rendering/ImageDataWrap.h"
#include "hf/rendering/MprScene.h"
#include "hf/rendering/VolumeScene.h"

#include <vtkCamera.h>
#include <vtkImageActor.h>
#include <vtkImageMapper3D.h>
#include <vtkPropCollection.h>
#include <vtkColorTransferFunction.h>
#include <vtkGPUVolumeRayCastMapper.h>
#include <vtkImageData.h>
#include <vtkImageReslice.h>
#include <vtkMatrix4x4.h>
#include <vtkNew.h>
#include <vtkOpenGLRenderWindow.h>
#include <vtkPiecewiseFunction.h>
#include <vtkRenderWindow.h>
#include <vtkRenderer.h>
#include <vtkVolume.h>
#include <vtkVolumeProperty.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>


int main(int argc, char** argv)
{
    int columns = 512, slices = 500, count = 60, vrSize = 1024, vrFrames = 3;
    if (!readIntOptions(argc, argv, {{"--columns", &columns}, {"--slices", &slices}, {"--frames", &count}, {"--vr-size", &vrSize}, {"--vr-frames", &vrFrames}}))
        return 2;
    const auto volume = makeSyntheticVolume(columns, slices);

    // MPR: the sagittal plane turned 30 degrees about the axial normal and 20 about the coronal.
    hf::MprScene mpr;
    mpr.setVolume(volume);
    mpr.rotate(hf::MprPlane::Axial, 30);
    mpr.rotate(hf::MprPlane::Coronal, 20);
    vtkNew<vtkRenderWindow> mprWindow;
    mprWindow->SetOffScreenRendering(1);
    mprWindow->SetSize(512, 512);
    mprWindow->AddRenderer(mpr.renderer(hf::MprPlane::Sagittal));
    const hf::Vec3 start = mpr.crosshair() - mpr.normal(hf::MprPlane::Sagittal) * (count / 2.0);
    auto ours = [&](int i) {
        mpr.setCrosshair(start + mpr.normal(hf::MprPlane::Sagittal) * double(i));
        mprWindow->Render();
        mprWindow->WaitForCompletion();
    };
    // Plain VTK: the same plane as reslice axes in the image's own space, 512x512 output.
    vtkSmartPointer<vtkImageData> image = hf::wrapVolume(*volume);
    vtkNew<vtkImageReslice> reslice;
    reslice->SetInputData(image);
    reslice->SetInterpolationModeToLinear();
    reslice->SetOutputDimensionality(2);
    const hf::Vec3 r = mpr.right(hf::MprPlane::Sagittal), u = mpr.up(hf::MprPlane::Sagittal), n = mpr.normal(hf::MprPlane::Sagittal);
    vtkNew<vtkMatrix4x4> axes;
    // The same samples as the scene's plane: its millimetres per pixel, 512x512 about its centre.
    mprWindow->Render();
    const double spacing = mpr.millimetresPerPixel(hf::MprPlane::Sagittal);
    reslice->SetOutputSpacing(spacing, spacing, 1);
    reslice->SetOutputOrigin(-255.5 * spacing, -255.5 * spacing, 0);
    reslice->SetOutputExtent(0, 511, 0, 511, 0, 0);
    auto plain = [&](int i) {
        // Identity patient matrix here (axial synthetic volume, origin 0): image space = LPS.
        const hf::Vec3 c = start + n * double(i);
        const double m[16] = {r.x, u.x, n.x, c.x, r.y, u.y, n.y, c.y, r.z, u.z, n.z, c.z, 0, 0, 0, 1};
        axes->DeepCopy(m);
        reslice->SetResliceAxes(axes);
        reslice->Update();
    };
    frames(5, ours);
    frames(5, plain);
    // Our resampling of the plane itself, timed inside our frames (not a difference of medians).
    // Frame by frame in turn with the plain reslice, so that the machine's load drifts over
    // both alike.
    std::vector<double> oursMs, plainMs, resliceMs;
    for (int i = 0; i < 2 * count; ++i) {
        const int at = i % count;
        oursMs.push_back(frames(1, [&](int) { ours(at); }).front());
        resliceMs.push_back(mpr.lastResampleMilliseconds(hf::MprPlane::Sagittal));
        plainMs.push_back(frames(1, [&](int) { plain(at); }).front());
    }
    // The same plane drawn again without moving: what our frame spends drawing (texture and
    // lines through OpenGL), which a compute-only vtkImageReslice does not do.
    const auto drawOnly = frames(count, [&](int) {
        mprWindow->Render();
        mprWindow->WaitForCompletion();
    });
    mprWindow->RemoveRenderer(mpr.renderer(hf::MprPlane::Sagittal));

    // Volume rendering at vrSize x vrSize.
    hf::VolumeScene scene;
    vtkNew<vtkRenderWindow> vrWindow;
    vrWindow->SetOffScreenRendering(1);
    vrWindow->SetSize(vrSize, vrSize);
    vrWindow->AddRenderer(scene.renderer());
    auto firstOurs = Clock::now();
    scene.setVolume(volume);
    scene.resetCamera();
    vrWindow->Render();
    vrWindow->WaitForCompletion();
    const double oursFirst = ms(firstOurs);
    vtkNew<vtkCamera> ourFirstCamera;
    ourFirstCamera->DeepCopy(scene.renderer()->GetActiveCamera());
    auto vrOurs = frames(vrFrames, [&](int) {
        scene.renderer()->GetActiveCamera()->Azimuth(5);
        vrWindow->Render();
        vrWindow->WaitForCompletion();
    });
    vrWindow->RemoveRenderer(scene.renderer());

    vtkNew<vtkRenderer> bareRenderer;
    vtkNew<vtkGPUVolumeRayCastMapper> mapper;
    vtkNew<vtkVolume> prop;
    vtkNew<vtkVolumeProperty> property;
    vtkNew<vtkColorTransferFunction> colours;
    vtkNew<vtkPiecewiseFunction> opacity;
    const auto preset = hf::VolumeRenderingPreset::ctBone();
    for (const auto& c : preset.colors)
        colours->AddRGBPoint(c.value, c.r, c.g, c.b);
    for (const auto& o : preset.opacities)
        opacity->AddPoint(o.value, o.opacity);
    property->SetColor(colours);
    property->SetScalarOpacity(opacity);
    property->SetInterpolationTypeToLinear();
    property->SetShade(preset.shade);
    property->SetAmbient(preset.ambient);
    property->SetDiffuse(preset.diffuse);
    property->SetSpecular(preset.specular);
    prop->SetMapper(mapper);
    prop->SetProperty(property);
    bareRenderer->AddVolume(prop);
    vtkNew<vtkRenderWindow> bareWindow;
    bareWindow->SetOffScreenRendering(1);
    bareWindow->SetSize(vrSize, vrSize);
    bareWindow->AddRenderer(bareRenderer);
    auto firstBare = Clock::now();
    mapper->SetInputData(image);
    // The same view as the scene's first frame, so both cast the same rays.
    bareRenderer->GetActiveCamera()->DeepCopy(ourFirstCamera);
    bareWindow->Render();
    bareWindow->WaitForCompletion();
    const double bareFirst = ms(firstBare);
    auto vrBare = frames(vrFrames, [&](int) {
        bareRenderer->GetActiveCamera()->Azimuth(5);
        bareWindow->Render();
        bareWindow->WaitForCompletion();
    });

    const std::string card = rendererName(bareWindow);
    std::printf("{\"renderer\": \"%s\", \"volume\": \"%dx%dx%d int16\",\n"
                " \"oblique_mpr_ms_median\": %.2f, \"plain_vtkImageReslice_ms_median\": %.2f, \"mpr_ratio\": %.3f, \"mpr_frames\": %zu,\n"
                " \"mpr_draw_only_ms_median\": %.2f, \"mpr_reslice_part_ratio\": %.3f,\n"
                " \"mpr_reslice_ms_median\": %.2f, \"mpr_reslices\": %zu, \"mpr_reslice_ratio\": %.3f,\n"
                " \"vr_view\": %d, \"vr_first_frame_ms\": %.0f, \"bare_vr_first_frame_ms\": %.0f,\n"
                " \"vr_frame_ms_median\": %.0f, \"bare_vr_frame_ms_median\": %.0f, \"vr_ratio\": %.3f}\n",
                card.c_str(), columns, columns, slices, median(oursMs), median(plainMs), median(oursMs) / median(plainMs), oursMs.size(),
                median(drawOnly), (median(oursMs) - median(drawOnly)) / median(plainMs), median(resliceMs), resliceMs.size(),
                median(resliceMs) / median(plainMs),
                vrSize, oursFirst, bareFirst, median(vrOurs), median(vrBare), median(vrOurs) / median(vrBare));
    bareWindow->RemoveRenderer(bareRenderer);
    return 0;
}
