#include "hf/dicomio/registration/RigidRegistration.h"

#include "hf/dicomio/SliceResampling.h"
#include "hf/dicomio/Volume.h"
#include "ItkThreads.h"

#include <itkCenteredTransformInitializer.h>
#include <itkCommand.h>
#include <itkImage.h>
#include <itkImageRegistrationMethodv4.h>
#include <itkMattesMutualInformationImageToImageMetricv4.h>
#include <itkRegistrationParameterScalesFromPhysicalShift.h>
#include <itkRegularStepGradientDescentOptimizerv4.h>
#include <itkVersorRigid3DTransform.h>

#include <algorithm>
#include <cstdint>
#include <vector>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace hf {
namespace {

using Image = itk::Image<float, 3>;
using Transform = itk::VersorRigid3DTransform<double>;
using Optimizer = itk::RegularStepGradientDescentOptimizerv4<double>;
using Metric = itk::MattesMutualInformationImageToImageMetricv4<Image, Image>;
using Registration = itk::ImageRegistrationMethodv4<Image, Image, Transform>;

// The volume averaged down in blocks to about `mm` per voxel (never finer than it is): a grid
// of the stack's own axes, its slice step included (sheared when the gantry was tilted).
struct CoarseGrid {
    int n[3] = {1, 1, 1};
    Vec3 origin, step[3];  // the first block's centre; one block along each axis
    std::vector<float> values;
};

CoarseGrid blockAverage(const Volume& volume, double mm)
{
    const StackGeometry& g = volume.geometry();
    const double stepMm = g.sliceStep.norm() > 1e-6 ? g.sliceStep.norm() : 1.0;
    const int f[3] = {std::max(1, int(std::lround(mm / g.columnSpacing))), std::max(1, int(std::lround(mm / g.rowSpacing))),
                      std::max(1, int(std::lround(mm / stepMm)))};
    CoarseGrid c;
    c.n[0] = std::max(1, g.columns / f[0]);
    c.n[1] = std::max(1, g.rows / f[1]);
    c.n[2] = std::max(1, g.slices / f[2]);
    c.origin = g.toPatient((f[0] - 1) / 2.0, (f[1] - 1) / 2.0, (f[2] - 1) / 2.0);
    c.step[0] = g.rowDirection * (g.columnSpacing * f[0]);
    c.step[1] = g.columnDirection * (g.rowSpacing * f[1]);
    c.step[2] = g.sliceStep * double(f[2]);
    c.values.resize(size_t(c.n[0]) * size_t(c.n[1]) * size_t(c.n[2]));
    float* out = c.values.data();
    const double count = double(f[0]) * f[1] * f[2];
    const auto average = [&](const auto* voxels) {
        const size_t row = size_t(g.columns), slice = row * size_t(g.rows);
        std::vector<double> sums(static_cast<size_t>(c.n[0]));
        for (int k = 0; k < c.n[2]; ++k)
            for (int j = 0; j < c.n[1]; ++j) {
                std::fill(sums.begin(), sums.end(), 0.0);
                for (int z = 0; z < f[2]; ++z)
                    for (int b = 0; b < f[1]; ++b) {
                        const auto* line = voxels + size_t(k * f[2] + z) * slice + size_t(j * f[1] + b) * row;
                        for (int i = 0; i < c.n[0]; ++i)
                            for (int a = 0; a < f[0]; ++a)
                                sums[size_t(i)] += double(line[i * f[0] + a]);
                    }
                for (int i = 0; i < c.n[0]; ++i)
                    *out++ = float(sums[size_t(i)] / count);
            }
    };
    switch (volume.type()) {
    case VoxelType::Int16: average(reinterpret_cast<const std::int16_t*>(volume.data())); break;
    case VoxelType::UInt16: average(reinterpret_cast<const std::uint16_t*>(volume.data())); break;
    case VoxelType::Float32: average(reinterpret_cast<const float*>(volume.data())); break;
    case VoxelType::Rgb8:
    case VoxelType::Rgb16:
    case VoxelType::Rgb32: break;  // refused before
    }
    return c;
}

// The coarse grid as an ITK image placed in patient space, on orthogonal axes: ITK's filters and
// metrics misplace a sheared direction matrix (measured: 4 mm off on the tilted GE head CT), so
// a tilted stack's slices are each moved back over the normal (bilinear in the slice's plane,
// the grid widened to keep every voxel; the lowest value fills what no slice covers).
Image::Pointer orthogonalImage(const CoarseGrid& c)
{
    const double spacing[3] = {c.step[0].norm(), c.step[1].norm(), 0};
    const Vec3 row = c.step[0] * (1.0 / spacing[0]), column = c.step[1] * (1.0 / spacing[1]);
    const Vec3 axes[3] = {row, column, row.cross(column).normalized()};
    const double along = c.step[2].dot(axes[2]);
    // Each slice's in-plane offset from the one before, in voxels of the grid.
    // (Below a thousandth of a voxel over the stack it is no shear: rounding only.)
    const auto shift = [&](const Vec3& axis, double size) {
        const double d = c.step[2].dot(axis) / size;
        return std::abs(d * (c.n[2] - 1)) < 1e-3 ? 0.0 : d;
    };
    const double dx = shift(axes[0], spacing[0]), dy = shift(axes[1], spacing[1]);
    const double spanX = dx * (c.n[2] - 1), spanY = dy * (c.n[2] - 1);
    const double ox = std::min(0.0, std::floor(spanX)), oy = std::min(0.0, std::floor(spanY));
    const int n[3] = {c.n[0] + int(std::ceil(std::abs(spanX))), c.n[1] + int(std::ceil(std::abs(spanY))), c.n[2]};
    auto image = Image::New();
    Image::RegionType region;
    region.SetSize({{itk::SizeValueType(n[0]), itk::SizeValueType(n[1]), itk::SizeValueType(n[2])}});
    image->SetRegions(region);
    const double itkSpacing[3] = {spacing[0], spacing[1], std::abs(along) > 1e-6 ? std::abs(along) : 1.0};
    image->SetSpacing(itkSpacing);
    const Vec3 origin = c.origin + axes[0] * (ox * spacing[0]) + axes[1] * (oy * spacing[1]);
    const double o[3] = {origin.x, origin.y, origin.z};
    image->SetOrigin(o);
    const Vec3 third = along < 0 ? axes[2] * -1.0 : axes[2];
    Image::DirectionType direction;
    const Vec3 columns[3] = {axes[0], axes[1], third};
    for (int a = 0; a < 3; ++a) {
        direction[0][a] = columns[a].x;
        direction[1][a] = columns[a].y;
        direction[2][a] = columns[a].z;
    }
    image->SetDirection(direction);
    image->Allocate();
    const float lowest = c.values.empty() ? 0.f : *std::min_element(c.values.begin(), c.values.end());
    const auto at = [&](int i, int j, int k) { return c.values[(size_t(k) * size_t(c.n[1]) + size_t(j)) * size_t(c.n[0]) + size_t(i)]; };
    float* out = image->GetBufferPointer();
    for (int k = 0; k < n[2]; ++k)
        for (int J = 0; J < n[1]; ++J)
            for (int I = 0; I < n[0]; ++I) {
                const double x = I + ox - dx * k, y = J + oy - dy * k;
                const int i = int(std::floor(x)), j = int(std::floor(y));
                if (i < 0 || j < 0 || i >= c.n[0] || j >= c.n[1]) {
                    *out++ = lowest;
                    continue;
                }
                // At the last row or column the neighbour is the voxel itself.
                const int i1 = std::min(i + 1, c.n[0] - 1), j1 = std::min(j + 1, c.n[1] - 1);
                const float fx = float(x - i), fy = float(y - j);
                *out++ = (1 - fy) * ((1 - fx) * at(i, j, k) + fx * at(i1, j, k)) + fy * ((1 - fx) * at(i, j1, k) + fx * at(i1, j1, k));
            }
    return image;
}

Image::Pointer downsampled(const Volume& volume, double mm)
{
    return orthogonalImage(blockAverage(volume, mm));
}

// How one level runs: its first step and the step at which it is done, both in mm.
struct LevelSteps {
    double learningRate, minimumStep;
};

// Reports each iteration and stops the whole registration when asked to.
class Watcher : public itk::Command {
public:
    using Self = Watcher;
    using Superclass = itk::Command;
    using Pointer = itk::SmartPointer<Self>;
    itkNewMacro(Self);
    const RegistrationOptions* options = nullptr;
    Optimizer* optimizer = nullptr;
    int level = 0;
    int iterations = 0;
    void Execute(itk::Object* caller, const itk::EventObject& event) override { Execute(static_cast<const itk::Object*>(caller), event); }
    void Execute(const itk::Object*, const itk::EventObject& event) override
    {
        if (!itk::IterationEvent().CheckEvent(&event))
            return;
        ++iterations;
        if (options->cancel && options->cancel->load())
            throw std::runtime_error("cancelled");
        if (options->progress)
            options->progress(level, int(optimizer->GetCurrentIteration()), optimizer->GetValue());
    }
};

// One level: the transform moved from where it is to the best fit of the two images (ITK's
// single-level v4 method; the images were averaged down to the level's size beforehand, which
// is far cheaper than ITK's own pyramid of shrinking and smoothing the finest images).
void registerLevel(const Image::Pointer& fixedImage, const Image::Pointer& movingImage, Transform* transform, const RegistrationOptions& options,
                   int level, const LevelSteps& steps, Watcher& watcher, double& metricValue)
{
    auto metric = Metric::New();
    metric->SetNumberOfHistogramBins(options.histogramBins);
    // Gradients where the samples are, not a gradient image of the whole volume first: at 2 mm
    // a torso's gradient image costs more than the iterations save (measured: 2.7 s -> 2.3 s).
    metric->SetUseMovingImageGradientFilter(false);
    metric->SetUseFixedImageGradientFilter(false);
    auto optimizer = Optimizer::New();
    optimizer->SetLearningRate(steps.learningRate);
    optimizer->SetMinimumStepLength(steps.minimumStep);
    optimizer->SetRelaxationFactor(0.8);
    optimizer->SetGradientMagnitudeTolerance(1e-8);
    // Done once the metric has stopped improving over the last 10 iterations.
    optimizer->SetMinimumConvergenceValue(1e-6);
    optimizer->SetConvergenceWindowSize(10);
    optimizer->SetNumberOfIterations(itk::SizeValueType(options.iterationsPerLevel));
    optimizer->SetReturnBestParametersAndValue(true);
    auto scales = itk::RegistrationParameterScalesFromPhysicalShift<Metric>::New();
    scales->SetMetric(metric);
    optimizer->SetScalesEstimator(scales);

    auto registration = Registration::New();
    registration->SetFixedImage(fixedImage);
    registration->SetMovingImage(movingImage);
    registration->SetMetric(metric);
    registration->SetOptimizer(optimizer);
    registration->SetInitialTransform(transform);
    registration->InPlaceOn();
    registration->SetNumberOfLevels(1);
    Registration::ShrinkFactorsArrayType shrink(1);
    shrink[0] = 1;
    Registration::SmoothingSigmasArrayType sigmas(1);
    sigmas[0] = 0;
    registration->SetShrinkFactorsPerLevel(shrink);
    registration->SetSmoothingSigmasPerLevel(sigmas);
    registration->SetMetricSamplingStrategy(Registration::MetricSamplingStrategyEnum::RANDOM);
    // The same number of samples whatever the volume's size: the cost of an iteration stays put
    // (a whole-body CT registers about as fast as a head).
    const double voxels = double(fixedImage->GetLargestPossibleRegion().GetNumberOfPixels());
    Registration::MetricSamplingPercentageArrayType percentage(1);
    const double wanted = double(options.samplesPerIteration);
    percentage[0] = std::clamp(wanted / voxels, 0.001, 1.0);
    registration->SetMetricSamplingPercentagePerLevel(percentage);
    registration->MetricSamplingReinitializeSeed(76926294);  // the same answer every time

    watcher.optimizer = optimizer;
    watcher.level = level;
    optimizer->AddObserver(itk::IterationEvent(), &watcher);
    registration->Update();
    metricValue = optimizer->GetValue();
}

} // namespace

RegistrationResult registerRigid(const Volume& fixed, const Volume& moving, const RegistrationOptions& options)
{
    useItkThreadsWithoutPool();
    const auto start = std::chrono::steady_clock::now();
    RegistrationResult result;
    if (!fixed.hasPatientGeometry || !moving.hasPatientGeometry) {
        result.error = "a series has no patient geometry (Image Position/Orientation): nothing to register in space";
        return result;
    }
    if (isColour(fixed.type()) || isColour(moving.type()) || fixed.voxelCount() == 0 || moving.voxelCount() == 0) {
        result.error = "registration needs two greyscale volumes";
        return result;
    }
    try {
        // Uneven slices (two spacing regimes, a gap) are put on a regular grid first.
        const std::shared_ptr<const Volume> evenFixed = resampleUnevenSlices(fixed);
        const std::shared_ptr<const Volume> evenMoving = resampleUnevenSlices(moving);
        const Volume& fixedVolume = evenFixed ? *evenFixed : fixed;
        const Volume& movingVolume = evenMoving ? *evenMoving : moving;

        auto transform = Transform::New();
        auto watcher = Watcher::New();
        watcher->options = &options;
        // Coarse, then fine: each level's images averaged down from the volumes themselves. The
        // coarse level finds the turn and shift (steps from 4 mm); the fine one only polishes
        // (steps from 1 mm), so it needs few of its costlier iterations.
        const std::vector<std::pair<double, LevelSteps>> levels =
            options.coarsestMm > options.finestMm ? std::vector<std::pair<double, LevelSteps>>{{options.coarsestMm, {4.0, 0.01}}, {options.finestMm, {1.0, 0.01}}}
                                                  : std::vector<std::pair<double, LevelSteps>>{{options.finestMm, {4.0, 0.01}}};
        for (size_t level = 0; level < levels.size(); ++level) {
            const Image::Pointer fixedImage = downsampled(fixedVolume, levels[level].first);
            const Image::Pointer movingImage = downsampled(movingVolume, levels[level].first);
            if (level == 0) {
                // Turning about the fixed volume's centre; no first guess of a shift (the same
                // patient, usually in the same place on the table).
                auto initializer = itk::CenteredTransformInitializer<Transform, Image, Image>::New();
                initializer->SetTransform(transform);
                initializer->SetFixedImage(fixedImage);
                initializer->SetMovingImage(movingImage);
                initializer->GeometryOn();
                initializer->InitializeTransform();
                transform->SetTranslation(Transform::OutputVectorType(0.0));
            }
            registerLevel(fixedImage, movingImage, transform, options, int(level), levels[level].second, *watcher, result.metricValue);
        }

        const auto matrix = transform->GetMatrix();
        const auto offset = transform->GetOffset();
        for (int r = 0; r < 3; ++r)
            for (int c = 0; c < 3; ++c)
                result.transform.rotation[size_t(r * 3 + c)] = matrix[r][c];
        result.transform.translation = {offset[0], offset[1], offset[2]};
        result.iterations = watcher->iterations;
        result.ok = true;
    } catch (const std::exception& e) {
        result.error = options.cancel && options.cancel->load() ? std::string("cancelled") : std::string("registration failed: ") + e.what();
    }
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return result;
}

std::string describeRegistration(const RegistrationResult& result)
{
    char how[96];
    std::snprintf(how, sizeof how, "registered (%s), %.1f deg, %.1f mm", result.metric.c_str(), result.transform.angleDegrees(),
                  result.transform.translation.norm());
    return how;
}

} // namespace hf
