#pragma once
// ITK's parallel work on threads made for each call (its "Platform" threader), never on ITK's
// thread pool: the pool hooks fork() (PrepareForFork joins every pool thread, then starts them
// again), which is not safe when two threads fork at once, and this program forks its file
// readers all the time (ChildProcessPool). Called before any ITK filter is made. Private to the
// libraries that use ITK.
#include <itkMultiThreaderBase.h>

namespace hf {

inline void useItkThreadsWithoutPool()
{
    itk::MultiThreaderBase::SetGlobalDefaultThreader(itk::MultiThreaderBase::ThreaderEnum::Platform);
}

} // namespace hf
