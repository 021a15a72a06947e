// The sheet as PDF, typeset with pango on a cairo PDF surface, built as a module of its own
// (runback-pdf.so) that runback loads only when asked for a PDF: pango, cairo and the forty
// libraries they bring would otherwise triple every command's start-up. Real text (selectable and
// searchable), fonts from fontconfig (DejaVu Sans), paragraphs that move whole to the next column
// or page when they do not fit, headings kept with what follows, and the name, date and
// "Page N of M" at the foot of every page. Below the urgency, the sheet flows in two columns, as
// patient leaflets do, so that a typical sheet fits on one page; an emergency sheet, which is
// short and must be read first, keeps one. The page count is known only once laid out, so the
// sheet is drawn twice, the first time into a PDF that is thrown away (the same metrics).

#include <runback/sheet/figures.hpp>
#include <runback/sheet/sheet_render.hpp>

#include <cairo-pdf.h>
#include <cairo.h>
#include <fmt/format.h>
#include <glib.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <array>

namespace runback::sheet {
namespace {

struct Rgb {
    double r, g, b;
};
constexpr Rgb k_ink{0.12, 0.14, 0.16};
constexpr Rgb k_muted{0.34, 0.38, 0.42};
constexpr Rgb k_line{0.82, 0.84, 0.87};
// Fill and text shade per level, as in the HTML.
constexpr std::array<std::array<Rgb, 2>, 4> k_level_colours{{
    {{{0.18, 0.62, 0.31}, {0.11, 0.42, 0.20}}},
    {{{0.95, 0.72, 0.02}, {0.48, 0.36, 0.00}}},
    {{{0.93, 0.48, 0.11}, {0.60, 0.29, 0.02}}},
    {{{0.84, 0.16, 0.16}, {0.61, 0.09, 0.09}}},
}};

// Text for pango markup: printable, with <, >, & and quotes as entities.
std::string markup(std::string_view text) {
    const std::string plain = printable(text);
    gchar* escaped = g_markup_escape_text(plain.c_str(), static_cast<gssize>(plain.size()));
    std::string result(escaped);
    g_free(escaped);
    return result;
}

cairo_status_t append_to_string(void* closure, const unsigned char* data, unsigned int length) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

class PdfSheet {
public:
    PdfSheet(const Sheet& sheet, const RenderOptions& options) : m_sheet(sheet) {
        if (options.paper == Paper::letter) {
            m_width = 612;
            m_height = 792;
        }
    }

    std::string render() {
        std::string pdf;
        draw_into(pdf);   // counts the pages
        m_total_pages = m_page;
        pdf.clear();
        draw_into(pdf);
        return pdf;
    }

private:
    static constexpr double k_margin = 32;
    static constexpr double k_footer = 20;
    static constexpr double k_gutter = 18;       // between the two columns
    static constexpr double k_figure_box = 60;   // points

    double page_width() const { return m_width - 2 * k_margin; }
    // The width text takes: the column's, or the page's before the columns start.
    double content_width() const { return m_column_width; }
    double bottom() const { return m_height - k_margin - k_footer; }
    // Where the current column starts.
    double left() const { return k_margin + m_column * (m_column_width + k_gutter); }
    // Room kept at the right of text that starts beside a figure.
    double right_inset() const { return m_y < m_figure_bottom ? k_figure_box + 6 : 0; }

    void draw_into(std::string& pdf) {
        cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(append_to_string, &pdf, m_width, m_height);
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, std::string(k_sheet_title).c_str());
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "runback");
        m_cr = cairo_create(surface);
        // Points as the unit for fonts too (pango assumes 96 dots per inch otherwise).
        m_pango = pango_cairo_create_context(m_cr);
        pango_cairo_context_set_resolution(m_pango, 72);
        draw();
        g_object_unref(m_pango);
        cairo_destroy(m_cr);
        cairo_surface_finish(surface);
        const auto status = cairo_surface_status(surface);
        cairo_surface_destroy(surface);
        if (status != CAIRO_STATUS_SUCCESS)
            throw std::runtime_error(fmt::format("cannot make the PDF sheet: {}", cairo_status_to_string(status)));
    }

    // Draws everything; m_page ends as the page count.
    void draw() {
        m_page = 1;
        m_y = k_margin;
        m_column_width = page_width();
        m_columns = 1;
        m_column = 0;
        m_column_top = k_margin;
        paragraph("<span size='17pt' weight='bold'>" + markup(k_sheet_title) + "</span>", 0, 0);
        std::string who;
        if (!m_sheet.name.empty()) who += "For <b>" + markup(m_sheet.name) + "</b> · ";
        if (!m_sheet.id.empty()) who += "Id " + markup(m_sheet.id) + " · ";
        paragraph("<span foreground='#57606a'>" + who + markup(m_sheet.date) + "</span>", 0, 2);
        urgency_box();
        if (in_two_columns(m_sheet)) start_columns();
        if (!m_sheet.act_now.empty()) actions("What to do now", m_sheet.act_now, false);
        causes();
        if (!m_sheet.actions.empty()) actions("What to do", m_sheet.actions, true);
        if (!m_sheet.more_actions.empty()) {
            paragraph("<b>" + markup(k_more_actions_heading) + "</b>", 0, 6, 24);
            for (const auto& brief : m_sheet.more_actions) {
                std::string text = "<b>" + markup(brief.title) + ":</b> " + markup(brief.summary);
                if (!brief.caution.empty()) text += " <b>Caution:</b> " + markup(brief.caution);
                bullet(text, 0);
            }
        }
        if (!m_sheet.avoid.empty()) {
            heading("What to avoid for now, and why");
            for (const auto& avoid : m_sheet.avoid)
                bullet("<b>" + markup(avoid.title) + ":</b> " + markup(avoid.reason), 0);
        }
        if (!m_sheet.see_someone.empty())
            actions("When to see a doctor or physiotherapist", m_sheet.see_someone, false);
        if (!m_sheet.notes.empty()) {
            heading("Please note");
            for (const auto& note : m_sheet.notes) bullet(markup(note), 0);
        }
        if (!m_sheet.training.weeks.empty()) training_chart();
        heading("Your answers");
        std::string answers;
        for (const auto& answer : m_sheet.answers)
            answers += (answers.empty() ? "" : " · ") + markup(answer.question) + ": <b>" + markup(answer.answer) + "</b>";
        paragraph("<span size='7pt' foreground='#57606a'>" + (answers.empty() ? "None given." : answers) + "</span>", 0, 0);
        heading("Sources");
        std::string sources;
        for (const auto& source : m_sheet.sources) sources += (sources.empty() ? "" : "; ") + markup(source);
        paragraph("<span size='7pt' foreground='#57606a'>" + sources + "</span>", 0, 0);
        rule_line(8);
        paragraph("<i>" + markup(m_sheet.disclaimer) + "</i>", 0, 2);
        paragraph("<span size='7pt' foreground='#57606a'>Made by runback with the " + markup(m_sheet.rules) +
                      ".</span>",
                  0, 4);
        footer();
    }

    PangoLayout* make_layout(std::string_view text, double width) {
        PangoLayout* layout = pango_layout_new(m_pango);
        PangoFontDescription* font = pango_font_description_from_string("DejaVu Sans 8");
        pango_layout_set_font_description(layout, font);
        pango_font_description_free(font);
        pango_layout_set_width(layout, static_cast<int>(width * PANGO_SCALE));
        pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
        pango_layout_set_spacing(layout, static_cast<int>(0.8 * PANGO_SCALE));
        pango_layout_set_markup(layout, std::string(text).c_str(), -1);
        return layout;
    }

    static double height_of(PangoLayout* layout) {
        int width = 0, height = 0;
        pango_layout_get_size(layout, &width, &height);
        return static_cast<double>(height) / PANGO_SCALE;
    }

    // From here on, text flows down the left column, then the right, then onto the next page.
    void start_columns() {
        m_y += 4;
        m_columns = 2;
        m_column = 0;
        m_column_top = m_y;
        m_column_width = (page_width() - k_gutter) / 2;
    }

    void new_page() {
        footer();
        cairo_show_page(m_cr);
        ++m_page;
        m_y = k_margin;
        m_column = 0;
        m_column_top = k_margin;
    }

    // Makes room for `height` points: the next column, or a new page, when they do not fit and
    // the column is not empty.
    void room_for(double height) {
        if (m_y + height <= bottom() || m_y <= m_column_top) return;
        if (m_columns == 2 && m_column == 0) {
            m_column = 1;
            m_y = m_column_top;
        } else {
            new_page();
        }
    }

    void paragraph(const std::string& text, double indent, double space_before, double keep_after = 0) {
        PangoLayout* layout = make_layout(text, content_width() - indent - right_inset());
        const double height = height_of(layout);
        m_y += space_before;
        room_for(height + keep_after);
        {
            cairo_set_source_rgb(m_cr, k_ink.r, k_ink.g, k_ink.b);
            cairo_move_to(m_cr, left() + indent, m_y);
            pango_cairo_show_layout(m_cr, layout);
        }
        m_y += height;
        g_object_unref(layout);
    }

    void bullet(const std::string& text, double indent) {
        constexpr double k_hang = 10;
        PangoLayout* layout = make_layout(text, content_width() - indent - k_hang - right_inset());
        const double height = height_of(layout);
        m_y += 1;
        room_for(height);
        {
            cairo_set_source_rgb(m_cr, k_ink.r, k_ink.g, k_ink.b);
            cairo_new_path(m_cr);
            cairo_arc(m_cr, left() + indent + 3, m_y + 6, 1.3, 0, 2 * G_PI);
            cairo_fill(m_cr);
            cairo_move_to(m_cr, left() + indent + k_hang, m_y);
            pango_cairo_show_layout(m_cr, layout);
        }
        m_y += height;
        g_object_unref(layout);
    }

    void rule_line(double space_before) {
        m_y += space_before;
        {
            cairo_set_source_rgb(m_cr, k_line.r, k_line.g, k_line.b);
            cairo_set_line_width(m_cr, 0.8);
            cairo_move_to(m_cr, left(), m_y);
            cairo_line_to(m_cr, left() + content_width(), m_y);
            cairo_stroke(m_cr);
        }
        m_y += 3;
    }

    // A heading, kept on the page with at least a few lines of what follows it.
    void heading(std::string_view title) {
        m_y += 8;
        room_for(60);
        paragraph("<span size='11pt' weight='bold'>" + markup(title) + "</span>", 0, 0);
        rule_line(2);
    }

    void urgency_box() {
        for (const auto& alert : m_sheet.alerts) {
            m_y += 4;
            paragraph("<span foreground='#cf222e'><b>Warning:</b></span> " + markup(alert), 0, 0);
        }
        // Unchecked warning signs are no all-clear: the box takes the amber of "see someone".
        const auto level = m_sheet.unchecked ? std::size_t{1} : static_cast<std::size_t>(m_sheet.urgency);
        const auto& fill = k_level_colours[level][0];
        const auto& ink = k_level_colours[level][1];
        const double top = m_y + 6;
        m_y = top + 8;
        constexpr double k_inset = 16;
        const std::string colour = fmt::format("#{:02x}{:02x}{:02x}", static_cast<int>(ink.r * 255),
                                               static_cast<int>(ink.g * 255), static_cast<int>(ink.b * 255));
        paragraph("<span size='15pt' weight='bold' foreground='" + colour + "'>" + markup(m_sheet.headline) + "</span>",
                  k_inset, 0);
        scale(k_margin + k_inset + 24, m_y + 4);
        m_y += 36;
        paragraph(markup(m_sheet.meaning), k_inset, 2);
        if (!m_sheet.missing.empty()) {
            paragraph("<b>" + markup(k_missing_heading) + "</b>", k_inset, 3);
            for (const auto& question : m_sheet.missing) bullet(markup(question), k_inset);
        }
        if (!m_sheet.reasons.empty()) {
            paragraph("<b>Why:</b>", k_inset, 3);
            for (const auto& reason : m_sheet.reasons) bullet(markup(reason), k_inset);
        }
        m_y += 8;
        {
            cairo_set_source_rgb(m_cr, fill.r, fill.g, fill.b);
            cairo_set_line_width(m_cr, 2);
            cairo_rectangle(m_cr, k_margin, top, page_width(), m_y - top);
            cairo_stroke(m_cr);
            cairo_rectangle(m_cr, k_margin, top, 7, m_y - top);
            cairo_fill(m_cr);
        }
    }

    // The traffic-light scale: four lights on a line, the current one large and filled, every
    // one with its word.
    void scale(double left, double top) {
        const auto here = static_cast<std::size_t>(m_sheet.urgency);
        cairo_new_path(m_cr);
        cairo_set_source_rgb(m_cr, k_line.r, k_line.g, k_line.b);
        cairo_rectangle(m_cr, left + 12, top + 9, 3 * 80, 2.5);
        cairo_fill(m_cr);
        for (std::size_t level = 0; level < 4; ++level) {
            const auto& fill = k_level_colours[level][0];
            const double x = left + 12 + static_cast<double>(level) * 80;
            const bool current = level == here;
            cairo_new_path(m_cr);
            cairo_arc(m_cr, x, top + 10, current ? 9 : 5.5, 0, 2 * G_PI);
            cairo_set_source_rgb(m_cr, current ? fill.r : 1, current ? fill.g : 1, current ? fill.b : 1);
            cairo_fill_preserve(m_cr);
            cairo_set_source_rgb(m_cr, fill.r, fill.g, fill.b);
            cairo_set_line_width(m_cr, current ? 2 : 1.5);
            cairo_stroke(m_cr);
            const std::string plain = markup(scale_word(m_sheet, static_cast<rules::Urgency>(level)));
            const std::string word = current ? "<b>" + plain + "</b>" : plain;
            PangoLayout* label = make_layout("<span size='7.5pt'>" + word + "</span>", 78);
            pango_layout_set_alignment(label, PANGO_ALIGN_CENTER);
            const auto& ink = current ? k_level_colours[level][1] : k_muted;
            cairo_set_source_rgb(m_cr, ink.r, ink.g, ink.b);
            cairo_move_to(m_cr, x - 39, top + 21);
            pango_cairo_show_layout(m_cr, label);
            g_object_unref(label);
        }
    }

    void causes() {
        if (m_sheet.causes.empty()) return;
        heading("Likely causes, most likely first");
        paragraph("<span size='8pt' foreground='#57606a'>These are possibilities, not a diagnosis.</span>", 0, 0);
        int number = 0;
        for (const auto& cause : m_sheet.causes) {
            std::string text = fmt::format("{}. <b>{}.</b> {}", ++number, markup(cause.name), markup(cause.summary));
            std::string because;
            for (const auto& reason : cause.because)
                because += (because.empty() ? "" : "; ") + markup(reason.question) + " <i>" + markup(reason.answer) + "</i>";
            if (!because.empty()) text += "\n<span size='8pt' foreground='#57606a'>From your answers: " + because + "</span>";
            paragraph(text, 0, 4);
        }
        if (!m_sheet.more_causes.empty()) {
            std::string names;
            for (const auto& name : m_sheet.more_causes) names += (names.empty() ? "" : "; ") + markup(name);
            paragraph("<b>Also possible:</b> " + names + ".", 0, 4);
        }
    }

    void actions(std::string_view title, const std::vector<SheetAction>& list, bool numbered) {
        heading(title);
        int number = 0;
        for (const auto& action : list) {
            const std::string head = numbered ? fmt::format("{}. ", ++number) : std::string();
            const Figure* figure = figure_for(action.id);
            paragraph("<b>" + head + markup(action.title) + "</b>", 0, 5, figure ? 50 : 24);
            // The figure sits at the right of the steps, which wrap short of it.
            if (figure) {
                draw_figure(*figure, left() + content_width() - k_figure_box, m_y);
                m_figure_bottom = m_y + k_figure_box * k_figure_height / k_figure_width;
            }
            for (const auto& step : action.steps) bullet(markup(step), 10);
            if (!action.caution.empty())
                paragraph("<b>Caution:</b> " + markup(action.caution), 10, 2);
            m_figure_bottom = 0;
        }
    }

    // The training log's weeks as bars across the column, each with its distance above it and
    // every other week's last day below.
    void training_chart() {
        heading(k_training_heading);
        if (!m_sheet.training.summary.empty()) paragraph(markup(m_sheet.training.summary), 0, 0);
        const auto& weeks = m_sheet.training.weeks;
        constexpr double k_chart_height = 50, k_label = 10;
        m_y += 4;
        room_for(k_chart_height + 2 * k_label);
        double most = 0;
        for (const auto& week : weeks) most = std::max(most, week.km);
        const double slot = (content_width() - right_inset()) / static_cast<double>(weeks.size());
        const double base = m_y + k_label + k_chart_height;
        for (std::size_t i = 0; i < weeks.size(); ++i) {
            const double height = most > 0 ? weeks[i].km / most * k_chart_height : 0;
            const double x = left() + static_cast<double>(i) * slot;
            cairo_set_source_rgb(m_cr, 0.23, 0.49, 0.85);
            cairo_rectangle(m_cr, x + slot * 0.12, base - height, slot * 0.76, height);
            cairo_fill(m_cr);
            small_label(fmt::format("{:.0f}", weeks[i].km), x, base - height - k_label, slot);
            if (i % 2 == weeks.size() % 2 || i + 1 == weeks.size()) small_label(markup(weeks[i].label), x, base + 1, slot);
        }
        m_y = base + k_label + 2;
        if (!m_sheet.training.spike.empty())
            paragraph("<span size='7pt' foreground='#57606a'>" + markup(m_sheet.training.spike) + "</span>", 0, 2);
    }

    // Tiny text centred in a slot `width` points wide at (x, y).
    void small_label(const std::string& text, double x, double y, double width) {
        PangoLayout* layout = make_layout("<span size='6pt'>" + text + "</span>", width);
        pango_layout_set_alignment(layout, PANGO_ALIGN_CENTER);
        cairo_set_source_rgb(m_cr, k_ink.r, k_ink.g, k_ink.b);
        cairo_move_to(m_cr, x, y);
        pango_cairo_show_layout(m_cr, layout);
        g_object_unref(layout);
    }

    // A figure scaled into a box k_figure_box points wide at (left, top).
    void draw_figure(const Figure& figure, double left, double top) {
        const double scale = k_figure_box / k_figure_width;
        cairo_save(m_cr);
        cairo_translate(m_cr, left, top);
        cairo_scale(m_cr, scale, scale);
        cairo_set_source_rgb(m_cr, k_ink.r, k_ink.g, k_ink.b);
        cairo_set_line_width(m_cr, 3);
        cairo_set_line_cap(m_cr, CAIRO_LINE_CAP_ROUND);
        cairo_set_line_join(m_cr, CAIRO_LINE_JOIN_ROUND);
        for (const auto& line : figure.lines) {
            cairo_new_path(m_cr);
            for (std::size_t i = 0; i < line.size(); ++i) {
                if (i == 0) cairo_move_to(m_cr, line[i].x, line[i].y);
                else cairo_line_to(m_cr, line[i].x, line[i].y);
            }
            cairo_stroke(m_cr);
        }
        cairo_new_path(m_cr);
        cairo_arc(m_cr, figure.head.x, figure.head.y, k_head_radius, 0, 2 * G_PI);
        cairo_fill(m_cr);
        cairo_restore(m_cr);
    }

    void footer() {
        const std::string left = markup((m_sheet.name.empty() ? std::string(k_sheet_title) : m_sheet.name) + " · " + m_sheet.date);
        const std::string right = fmt::format("Page {} of {}", m_page, m_total_pages);
        const double y = m_height - k_margin - 10;
        cairo_set_source_rgb(m_cr, k_muted.r, k_muted.g, k_muted.b);
        PangoLayout* layout = make_layout("<span size='7.5pt'>" + left + "</span>", page_width() - 80);
        pango_layout_set_ellipsize(layout, PANGO_ELLIPSIZE_END);
        cairo_move_to(m_cr, k_margin, y);
        pango_cairo_show_layout(m_cr, layout);
        g_object_unref(layout);
        layout = make_layout("<span size='7.5pt'>" + right + "</span>", page_width());
        pango_layout_set_alignment(layout, PANGO_ALIGN_RIGHT);
        cairo_move_to(m_cr, k_margin, y);
        pango_cairo_show_layout(m_cr, layout);
        g_object_unref(layout);
    }

    const Sheet& m_sheet;
    double m_width = 595.28;    // A4 in points
    double m_height = 841.89;
    cairo_t* m_cr = nullptr;
    PangoContext* m_pango = nullptr;
    double m_figure_bottom = 0;    // the bottom of the figure beside the text, 0 when none
    double m_column_width = 0;
    int m_columns = 1;             // 2 once the body starts
    int m_column = 0;              // 0 left, 1 right
    double m_column_top = 0;       // where columns start on this page
    double m_y = 0;
    int m_page = 1;
    int m_total_pages = 1;
};

}  // namespace

}  // namespace runback::sheet

// The module's one entry point (see sheet_pdf_loader.cpp): the PDF in `out`, or false with the
// reason in `error`; nothing is thrown across the module's edge.
extern "C" [[gnu::visibility("default")]] bool runback_render_sheet_pdf(const runback::sheet::Sheet* sheet,
                                                                        const runback::sheet::RenderOptions* options,
                                                                        std::string* out, std::string* error) {
    try {
        *out = runback::sheet::PdfSheet(*sheet, *options).render();
        return true;
    } catch (const std::exception& e) {
        *error = e.what();
        return false;
    }
}
