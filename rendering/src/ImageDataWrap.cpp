#include "hf/rendering/ImageDataWrap.h"

#include "hf/dicomio/Volume.h"

#include <vtkFloatArray.h>
#include <vtkImageData.h>
#include <vtkMatrix4x4.h>
#include <vtkPointData.h>
#include <vtkShortArray.h>
#include <vtkSmartPointer.h>
#include <vtkUnsignedCharArray.h>
#include <vtkUnsignedIntArray.h>
#include <vtkUnsignedShortArray.h>

namespace hf {
namespace {

template <class ArrayType, class Value>
vtkSmartPointer<vtkDataArray> borrow(const Volume& volume)
{
    auto array = vtkSmartPointer<ArrayType>::New();
    array->SetNumberOfComponents(volume.components());
    // save=1: VTK never frees or writes the buffer; the Volume owns it.
    array->SetArray(reinterpret_cast<Value*>(const_cast<std::byte*>(volume.data())),
                    vtkIdType(volume.voxelCount()) * volume.components(), 1);
    return array;
}

} // namespace

vtkSmartPointer<vtkImageData> wrapVolume(const Volume& volume)
{
    const StackGeometry& g = volume.geometry();
    auto image = vtkSmartPointer<vtkImageData>::New();
    image->SetDimensions(g.columns, g.rows, g.slices);
    image->SetSpacing(g.columnSpacing, g.rowSpacing, g.sliceSpacing > 0 ? g.sliceSpacing : 1.0);
    image->SetOrigin(0, 0, 0);
    vtkSmartPointer<vtkDataArray> scalars;
    switch (volume.type()) {
    case VoxelType::Int16: scalars = borrow<vtkShortArray, short>(volume); break;
    case VoxelType::UInt16: scalars = borrow<vtkUnsignedShortArray, unsigned short>(volume); break;
    case VoxelType::Float32: scalars = borrow<vtkFloatArray, float>(volume); break;
    case VoxelType::Rgb8: scalars = borrow<vtkUnsignedCharArray, unsigned char>(volume); break;
    case VoxelType::Rgb16: scalars = borrow<vtkUnsignedShortArray, unsigned short>(volume); break;
    case VoxelType::Rgb32: scalars = borrow<vtkUnsignedIntArray, unsigned int>(volume); break;
    }
    scalars->SetName("modality");
    image->GetPointData()->SetScalars(scalars);
    return image;
}

vtkSmartPointer<vtkMatrix4x4> patientMatrix(const Volume& volume)
{
    const StackGeometry& g = volume.geometry();
    const double sliceSpacing = g.sliceSpacing > 0 ? g.sliceSpacing : 1.0;
    // Image coordinates are index * spacing; the k column undoes the slice spacing and applies
    // the true (possibly sheared) step between slices.
    const Vec3 k = g.sliceStep * (1.0 / sliceSpacing);
    auto m = vtkSmartPointer<vtkMatrix4x4>::New();
    const double values[16] = {g.rowDirection.x, g.columnDirection.x, k.x, g.origin.x,
                               g.rowDirection.y, g.columnDirection.y, k.y, g.origin.y,
                               g.rowDirection.z, g.columnDirection.z, k.z, g.origin.z,
                               0, 0, 0, 1};
    m->DeepCopy(values);
    return m;
}

} // namespace hf
