#include "ReportWriter.h"

#include "SliceRenderer.h"

#include "hf/dicomio/Volume.h"

#include <QDateTime>
#include <QFile>
#include <QFont>
#include <QFontMetrics>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>

#include <stdexcept>

namespace hf::exporting {
namespace {

QString readableDate(const QString& yyyymmdd)
{
    const QDate d = QDate::fromString(yyyymmdd, "yyyyMMdd");
    return d.isValid() ? d.toString("yyyy-MM-dd") : yyyymmdd;
}

// Lays the report out page by page; with no painter it only counts pages.
class Layout {
public:
    Layout(QPdfWriter* writer, QPainter* painter, int pageWidth, int pageHeight, int totalPages, QString footer)
        : m_writer(writer), m_painter(painter), m_width(pageWidth), m_height(pageHeight), m_total(totalPages), m_footer(std::move(footer))
    {
        startPage();
    }
    int pages() const { return m_page; }
    int width() const { return m_width - 2 * kMargin; }
    // Room for `height` more on this page, else a new page.
    void need(int height)
    {
        if (m_y + height > m_height - kMargin - kFooter)
            newPage();
    }
    void text(const QString& s, int pointSize, bool bold = false, int indent = 0)
    {
        const int h = lineHeight(pointSize);
        need(h);
        if (m_painter) {
            useFont(pointSize, bold);
            m_painter->drawText(QRect(kMargin + indent, m_y, width() - indent, h), Qt::AlignLeft | Qt::AlignVCenter, s);
        }
        m_y += h;
    }
    // A table row: cells wrapped at spaces to their column's width (a PET region's values take
    // several lines), the row as tall as its tallest cell.
    void row(const QStringList& cells, const QList<int>& widths, int pointSize, bool bold = false)
    {
        const int h = lineHeight(pointSize);
        const QFontMetrics metrics(font(pointSize, bold), &m_metricsDevice);
        std::vector<QStringList> wrapped;
        size_t lines = 1;
        for (int c = 0; c < cells.size(); ++c) {
            wrapped.push_back(wrap(cells[c], width() * widths[c] / 100 - 10, metrics));
            lines = std::max(lines, size_t(wrapped.back().size()));
        }
        need(h * int(lines));
        if (m_painter) {
            useFont(pointSize, bold);
            int x = kMargin;
            for (int c = 0; c < cells.size(); ++c) {
                const int w = width() * widths[c] / 100;
                for (int n = 0; n < wrapped[size_t(c)].size(); ++n)
                    m_painter->drawText(QRect(x, m_y + n * h, w - 10, h), Qt::AlignLeft | Qt::AlignVCenter,
                                        m_painter->fontMetrics().elidedText(wrapped[size_t(c)][n], Qt::ElideRight, w - 10));
                x += w;
            }
        }
        m_y += h * int(lines);
    }
    static QStringList wrap(const QString& text, int width, const QFontMetrics& metrics)
    {
        QStringList lines;
        QString line;
        for (const QString& word : text.split(' ', Qt::SkipEmptyParts)) {
            const QString longer = line.isEmpty() ? word : line + ' ' + word;
            if (!line.isEmpty() && metrics.horizontalAdvance(longer) > width) {
                lines << line;
                line = word;
            } else {
                line = longer;
            }
        }
        lines << line;
        return lines;
    }
    void image(const QImage& picture, int maxHeight)
    {
        const QSize size = picture.size().scaled(QSize(width(), maxHeight), Qt::KeepAspectRatio);
        need(size.height());
        if (m_painter)
            m_painter->drawImage(QRect(kMargin, m_y, size.width(), size.height()), picture);
        m_y += size.height();
    }
    void space(int h) { m_y += h; }
    int lineHeight(int pointSize) const { return pointSize * m_dpi / 72 * 16 / 10; }

private:
    static constexpr int kMargin = 140, kFooter = 100;  // device pixels at 300 dpi
    static QFont font(int pointSize, bool bold)
    {
        QFont f("DejaVu Sans");
        f.setPointSize(pointSize);
        f.setBold(bold);
        return f;
    }
    void useFont(int pointSize, bool bold) { m_painter->setFont(font(pointSize, bold)); }
    // Measures text as the 300 dpi page will, also while only counting pages (no painter yet).
    QImage m_metricsDevice = [] {
        QImage device(1, 1, QImage::Format_RGB32);
        device.setDotsPerMeterX(int(300 / 0.0254));
        device.setDotsPerMeterY(int(300 / 0.0254));
        return device;
    }();
    void startPage()
    {
        ++m_page;
        m_y = kMargin;
        if (m_painter) {
            useFont(8, false);
            m_painter->drawText(QRect(kMargin, m_height - kMargin, width(), kFooter), Qt::AlignLeft | Qt::AlignVCenter, m_footer);
            m_painter->drawText(QRect(kMargin, m_height - kMargin, width(), kFooter), Qt::AlignRight | Qt::AlignVCenter,
                                QString("Page %1 of %2").arg(m_page).arg(m_total));
        }
    }
    void newPage()
    {
        if (m_writer)
            m_writer->newPage();
        startPage();
    }

    QPdfWriter* m_writer;
    QPainter* m_painter;
    int m_width, m_height, m_total;
    QString m_footer;
    int m_page = 0, m_y = 0;
    int m_dpi = 300;
};

void layOut(Layout& l, const ExportInput& input, const ExportRequest& request, const StudyDescription& s, const std::vector<int>& keySlices)
{
    const Volume& volume = *input.volume;
    l.text("Hounsfield report", 18, true);
    l.space(20);
    const QList<int> pair{30, 70};
    const auto q = [](const std::string& text) { return QString::fromStdString(text); };
    const PatientIdentity& patient = s.context.patient;
    const StudyIdentity& study = s.context.study;
    const SeriesIdentity& series = s.context.series;
    l.row({"Patient", q(displayName(patient))}, pair, 10);
    l.row({"Patient ID", q(patient.id)}, pair, 10);
    l.row({"Birth date", readableDate(q(patient.birthDate))}, pair, 10);
    l.row({"Sex", q(patient.sex)}, pair, 10);
    l.row({"Study", (readableDate(q(study.date)) + " " + q(study.description)).trimmed()}, pair, 10);
    l.row({"Accession", q(study.accessionNumber)}, pair, 10);
    l.row({"Series", QString("%1 %2 (%3)").arg(series.number).arg(q(series.description), q(series.modality))}, pair, 10);
    if (!s.stack.empty())
        l.row({"Stack", q(s.stack)}, pair, 10);
    l.space(30);

    l.text("Key images", 13, true);
    if (keySlices.empty())
        l.text("No key images were flagged.", 10);
    for (int k : keySlices) {
        double center = 0, width = 0;
        chooseWindow(volume, k, request, center, width);
        RenderOptions o{center, width, true, {}, QSize(1024, 1024), {}};
        l.need(1100);
        l.text(QString("Image %1 of %2 (W %3 L %4)").arg(k + 1).arg(volume.geometry().slices).arg(width, 0, 'f', 0).arg(center, 0, 'f', 0), 10);
        l.image(renderSlice(volume, k, input.annotations, o), 1000);
        l.space(20);
    }
    l.space(20);
    l.text("Measurements", 13, true);
    const QList<int> columns{12, 44, 22, 8, 14};
    l.row({"Type", "Value", "Calibration", "Image", "Author"}, columns, 9, true);
    int measured = 0;
    for (const auto& m : input.annotations) {
        if (m.annotation.deleted)
            continue;
        const Annotation& a = m.annotation;
        const QString value = a.kind == AnnotationKind::Text ? QString::fromStdString(a.label) : QString::fromStdString(m.measurement.summary());
        l.row({annotationKindName(a.kind), value, QString::fromStdString(m.measurement.calibrationText()), QString::number(m.measurement.slice + 1),
               QString::fromStdString(a.author)},
              columns, 9);
        if (!m.measurement.warning.empty())
            l.text("  " + QString::fromStdString(m.measurement.warning), 8, false, 40);
        ++measured;
    }
    if (!measured)
        l.text("No measurements.", 10);
    l.space(30);
    l.text("Tags", 13, true);
    l.text(input.tags.isEmpty() ? QString("None.") : input.tags.join(", "), 10);
    l.space(20);
    l.text("Study note", 13, true);
    for (const QString& line : (input.note.isEmpty() ? QString("None.") : input.note).split('\n'))
        l.text(line, 10);
}

} // namespace

void writeReport(const QString& path, const ExportInput& input, const ExportRequest& request, const StudyDescription& shownStudy)
{
    std::vector<int> keySlices = input.keySlices;
    if (keySlices.empty())
        keySlices = request.slices;
    const QString footer = QString("Exported %1 by Hounsfield").arg(QDateTime::currentDateTime().toString("yyyy-MM-dd HH:mm"));
    const QString temporary = path + ".partial";
    {
        QPdfWriter writer(temporary);
        writer.setPageSize(QPageSize(QPageSize::A4));
        writer.setResolution(300);
        writer.setTitle("Hounsfield report");
        writer.setCreator("Hounsfield");
        const int w = writer.width(), h = writer.height();
        Layout counting(nullptr, nullptr, w, h, 0, footer);
        layOut(counting, input, request, shownStudy, keySlices);
        QPainter painter;
        if (!painter.begin(&writer)) {
            QFile::remove(temporary);
            throw std::runtime_error(path.toStdString() + ": cannot write the PDF (folder missing or read-only?)");
        }
        Layout real(&writer, &painter, w, h, counting.pages(), footer);
        layOut(real, input, request, shownStudy, keySlices);
        painter.end();
    }
    QFile::remove(path);
    if (!QFile::rename(temporary, path)) {
        QFile::remove(temporary);
        throw std::runtime_error(path.toStdString() + ": cannot write the PDF");
    }
}

} // namespace hf::exporting
