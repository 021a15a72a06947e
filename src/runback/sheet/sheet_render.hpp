#pragma once
// The sheet in each format, and the choice of format. Every string from input or from the rule
// base is escaped for the format it goes into, so that a name such as `<script>`, `**bold**`
// or `\textbf{x}` prints as the characters typed.

#include <runback/sheet/sheet.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace runback::sheet {

enum class SheetFormat { txt, md, html, pdf };
enum class Paper { a4, letter };

struct RenderOptions {
    Paper paper = Paper::a4;
};

// "txt", "md", "html", "pdf"; nullopt for anything else.
std::optional<SheetFormat> sheet_format_from_id(std::string_view id);
// The format a file name's extension names (.txt, .md, .markdown, .html, .htm, .pdf).
std::optional<SheetFormat> sheet_format_from_path(std::string_view path);
std::string_view extension_of(SheetFormat format);

std::string render_sheet_text(const Sheet& sheet);        // fits 80 columns
std::string render_sheet_markdown(const Sheet& sheet);
std::string render_sheet_html(const Sheet& sheet, const RenderOptions& options);
// Loads the PDF module (runback-pdf.so, beside the binary) on first use; throws runback::Error
// when it cannot be found.
std::string render_sheet_pdf(const Sheet& sheet, const RenderOptions& options);

std::string render_sheet(const Sheet& sheet, SheetFormat format, const RenderOptions& options);

// Input text made safe to print as plain text: control characters (which could move a
// terminal's cursor or clear its screen) become '?'; line ends become spaces. Inline, for the
// PDF module too.
inline std::string printable(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (c == '\n' || c == '\r' || c == '\t') out += ' ';
        else if (byte < 0x20 || byte == 0x7f) out += '?';
        else out += c;
    }
    return out;
}

}  // namespace runback::sheet
