// A process that writes annotations as fast as it can and prints each id once its commit has
// returned ("acknowledged", what the GUI would show as saved), after "ready" once the cache is
// open. The crash test kills it with SIGKILL at random moments. Usage: annotation_writer DB COUNT
#include "hf/annotations/AnnotationStore.h"
#include "hf/annotations/CacheDatabase.h"

#include <cstdio>
#include <cstdlib>
#include <string>

int main(int argc, char** argv)
{
    if (argc != 3)
        return 2;
    hf::CacheDatabase db(argv[1]);
    hf::AnnotationStore store(db);
    std::printf("ready\n");
    std::fflush(stdout);
    const int count = std::atoi(argv[2]);
    for (int n = 0; n < count; ++n) {
        hf::Annotation a;
        a.kind = hf::AnnotationKind::Length;
        a.studyUid = "1.2.3";
        a.seriesUid = "1.2.3.4";
        a.sopInstanceUid = "1.2.3.4." + std::to_string(n);
        a.points = {{double(n), 0, 0}, {double(n), 10, 0}};
        a.label = std::string(200, 'x');  // rows of a realistic size, spanning pages
        const hf::Annotation stored = store.add(a);
        if (n % 3 == 0)
            store.update(stored);  // revisions too
        std::printf("%s\n", stored.id.c_str());
        std::fflush(stdout);
    }
    return 0;
}
