// The PDF renderer lives in a module, runback-pdf.so, loaded on the first PDF only: linking
// pango and cairo into runback made every command start three times slower (about 9 ms against
// 3 for `runback questions`), for the few that make a PDF.

#include <runback/sheet/sheet_render.hpp>
#include <runback/util/error.hpp>

#include <fmt/format.h>

#include <dlfcn.h>
#include <filesystem>
#include <mutex>
#include <vector>

namespace runback::sheet {
namespace {

using RenderFunction = bool (*)(const Sheet*, const RenderOptions*, std::string*, std::string*);

// Where the module may be: $RUNBACK_PDF_MODULE, beside the binary (the build folder), and in
// ../lib/runback/ from it (an installed layout).
std::vector<std::filesystem::path> module_places() {
    std::vector<std::filesystem::path> places;
    if (const char* given = std::getenv("RUNBACK_PDF_MODULE"); given && *given) places.emplace_back(given);
    std::error_code error;
    const auto self = std::filesystem::read_symlink("/proc/self/exe", error);
    if (!error) {
        places.push_back(self.parent_path() / "runback-pdf.so");
        places.push_back(self.parent_path() / ".." / "lib" / "runback" / "runback-pdf.so");
    }
    return places;
}

RenderFunction load_renderer() {
    std::string looked;
    for (const auto& place : module_places()) {
        looked += (looked.empty() ? "" : ", ") + place.string();
        void* module = ::dlopen(place.c_str(), RTLD_NOW | RTLD_LOCAL);
        if (module == nullptr) continue;
        if (auto* function = reinterpret_cast<RenderFunction>(::dlsym(module, "runback_render_sheet_pdf")))
            return function;
        ::dlclose(module);
    }
    throw Error(fmt::format("PDF sheets need runback's PDF module, runback-pdf.so, which was not found (looked in {})",
                            looked),
                "build it with runback (cmake --build build), or make an HTML sheet and print it");
}

}  // namespace

std::string render_sheet_pdf(const Sheet& sheet, const RenderOptions& options) {
    static std::once_flag once;
    static RenderFunction render = nullptr;
    static std::string problem;
    std::call_once(once, [] {
        try {
            render = load_renderer();
        } catch (const Error& e) {
            problem = e.what();
        }
    });
    if (render == nullptr)
        throw Error(problem, "build it with runback (cmake --build build), or make an HTML sheet and print it");
    std::string pdf, error;
    if (!render(&sheet, &options, &pdf, &error)) throw Error(error, {}, ExitStatus::failed);
    return pdf;
}

}  // namespace runback::sheet
