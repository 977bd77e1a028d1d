#pragma once
// Wraps a Volume's buffer as vtkImageData without copying. The image lives in "scaled index"
// space (origin 0, spacing = voxel size, no rotation); patientMatrix() maps that space to LPS,
// shear from gantry tilt included. The Volume must outlive the image: callers keep its shared_ptr.
#include <memory>

class vtkImageData;
class vtkMatrix4x4;
template <class T> class vtkSmartPointer;

namespace hf {

class Volume;

vtkSmartPointer<vtkImageData> wrapVolume(const Volume& volume);
vtkSmartPointer<vtkMatrix4x4> patientMatrix(const Volume& volume);

} // namespace hf
