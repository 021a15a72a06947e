#include <runback/sheet/sheet_render.hpp>

#include <algorithm>
#include <cctype>
#include <string>

namespace runback::sheet {

std::optional<SheetFormat> sheet_format_from_id(std::string_view id) {
    if (id == "txt" || id == "text") return SheetFormat::txt;
    if (id == "md" || id == "markdown") return SheetFormat::md;
    if (id == "html") return SheetFormat::html;
    if (id == "pdf") return SheetFormat::pdf;
    return std::nullopt;
}

std::optional<SheetFormat> sheet_format_from_path(std::string_view path) {
    const auto dot = path.rfind('.');
    const auto slash = path.find_last_of("/\\");
    if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash)) return std::nullopt;
    std::string extension(path.substr(dot + 1));
    std::transform(extension.begin(), extension.end(), extension.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (extension == "htm") return SheetFormat::html;
    return sheet_format_from_id(extension);
}

std::string_view extension_of(SheetFormat format) {
    switch (format) {
    case SheetFormat::txt: return "txt";
    case SheetFormat::md: return "md";
    case SheetFormat::html: return "html";
    case SheetFormat::pdf: return "pdf";
    }
    return "txt";
}

std::string render_sheet(const Sheet& sheet, SheetFormat format, const RenderOptions& options) {
    switch (format) {
    case SheetFormat::txt: return render_sheet_text(sheet);
    case SheetFormat::md: return render_sheet_markdown(sheet);
    case SheetFormat::html: return render_sheet_html(sheet, options);
    case SheetFormat::pdf: return render_sheet_pdf(sheet, options);
    }
    return render_sheet_text(sheet);
}

}  // namespace runback::sheet
