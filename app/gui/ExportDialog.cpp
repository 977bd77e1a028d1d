#include "ExportDialog.h"

#include "OriginalsExport.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>

namespace hf::gui {

ExportDialog::ExportDialog(int shownSlice, int sliceCount, QWidget* parent)
    : QDialog(parent)
    , m_shownSlice(shownSlice)
    , m_sliceCount(sliceCount)
    , m_format(new QComboBox)
    , m_range(new QComboBox)
    , m_size(new QSpinBox)
    , m_quality(new QSpinBox)
    , m_annotations(new QCheckBox(tr("Annotations")))
    , m_overlays(new QCheckBox(tr("Corner text")))
    , m_anonymize(new QCheckBox(tr("Anonymize (no identifying data or text)")))
    , m_asShown(new QCheckBox(tr("Zoom and pan as the view shows them")))
    , m_retainDates(new QCheckBox(tr("Keep dates and times")))
    , m_retainCharacteristics(new QCheckBox(tr("Keep sex, age, size and weight")))
    , m_cleanDescriptors(new QCheckBox(tr("Keep descriptions (the patient's names and ID cut out)")))
    , m_acceptBurnedIn(new QCheckBox(tr("Images with burned-in text: I checked them, export as they are")))
    , m_masks(new QLineEdit)
    , m_from(new QSpinBox)
    , m_to(new QSpinBox)
    , m_file(new QLineEdit(QDir::home().filePath("hounsfield-export.png")))
{
    setWindowTitle(tr("Export"));
    for (const auto& [label, name] : {std::pair{"PNG picture", "png"}, std::pair{"JPEG picture", "jpeg"}, std::pair{"TIFF picture (8-bit)", "tiff"},
                                      std::pair{"TIFF modality values (16-bit)", "tiff16"}, std::pair{"PDF report", "pdf"},
                                      std::pair{"DICOM Secondary Capture", "dicom-sc"}, std::pair{"DICOM originals (a folder)", "dicom"}})
        m_format->addItem(tr(label), QString(name));
    m_range->addItem(tr("The image shown"), int(Range::Shown));
    m_range->addItem(tr("The whole series"), int(Range::Series));
    m_range->addItem(tr("The key images"), int(Range::KeyImages));
    m_range->addItem(tr("Images from ... to ..."), int(Range::FromTo));
    for (QSpinBox* box : {m_from, m_to}) {
        box->setRange(1, std::max(1, sliceCount));
        box->setEnabled(false);
    }
    m_from->setValue(shownSlice + 1);
    m_to->setValue(std::max(1, sliceCount));
    connect(m_range, &QComboBox::currentIndexChanged, this, [this] {
        const bool fromTo = Range(m_range->currentData().toInt()) == Range::FromTo;
        m_from->setEnabled(fromTo);
        m_to->setEnabled(fromTo);
    });
    m_size->setRange(0, 8192);
    m_size->setSpecialValueText(tr("natural"));
    m_size->setSuffix(tr(" px"));
    m_quality->setRange(1, 100);
    m_quality->setValue(92);
    m_annotations->setChecked(true);
    auto* browse = new QPushButton(tr("Browse..."));
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString f = QFileDialog::getSaveFileName(this, tr("Export to"), m_file->text());
        if (!f.isEmpty())
            m_file->setText(f);
    });
    connect(m_format, &QComboBox::currentIndexChanged, this, [this] {
        // Keep the file name's suffix in step with the format.
        static const QMap<QString, QString> suffix{{"png", "png"}, {"jpeg", "jpg"}, {"tiff", "tif"}, {"tiff16", "tif"}, {"pdf", "pdf"}, {"dicom-sc", "dcm"}};
        QString f = m_file->text();
        const int dot = f.lastIndexOf('.');
        const QString stem = dot > f.lastIndexOf('/') ? f.left(dot) : f;
        m_file->setText(originals() ? stem : stem + "." + suffix.value(m_format->currentData().toString()));  // a folder
        // Pictures' options or the originals' de-identification options.
        for (QWidget* w : {static_cast<QWidget*>(m_range), static_cast<QWidget*>(m_size), static_cast<QWidget*>(m_quality),
                           static_cast<QWidget*>(m_annotations), static_cast<QWidget*>(m_overlays), static_cast<QWidget*>(m_asShown)})
            w->setEnabled(!originals());
        const bool deidentify = originals() && m_anonymize->isChecked();
        for (QWidget* w : {static_cast<QWidget*>(m_retainDates), static_cast<QWidget*>(m_retainCharacteristics),
                           static_cast<QWidget*>(m_cleanDescriptors), static_cast<QWidget*>(m_acceptBurnedIn), static_cast<QWidget*>(m_masks)})
            w->setEnabled(deidentify);
    });
    auto* fileRow = new QHBoxLayout;
    fileRow->addWidget(m_file, 1);
    fileRow->addWidget(browse);
    auto* form = new QFormLayout(this);
    form->addRow(tr("Format"), m_format);
    form->addRow(tr("Images"), m_range);
    auto* fromTo = new QHBoxLayout;
    fromTo->addWidget(m_from);
    fromTo->addWidget(new QLabel(tr("to")));
    fromTo->addWidget(m_to);
    form->addRow(QString(), fromTo);
    form->addRow(tr("Largest side"), m_size);
    form->addRow(tr("JPEG quality"), m_quality);
    form->addRow(QString(), m_annotations);
    form->addRow(QString(), m_overlays);
    form->addRow(QString(), m_anonymize);
    form->addRow(QString(), m_asShown);
    m_masks->setObjectName("export-masks");
    m_masks->setPlaceholderText(tr("X,Y,WIDTH,HEIGHT; ... in image pixels"));
    form->addRow(QString(), m_retainDates);
    form->addRow(QString(), m_retainCharacteristics);
    form->addRow(QString(), m_cleanDescriptors);
    form->addRow(tr("Mask burned-in text"), m_masks);
    form->addRow(QString(), m_acceptBurnedIn);
    for (QWidget* w : {static_cast<QWidget*>(m_retainDates), static_cast<QWidget*>(m_retainCharacteristics),
                       static_cast<QWidget*>(m_cleanDescriptors), static_cast<QWidget*>(m_acceptBurnedIn), static_cast<QWidget*>(m_masks)})
        w->setEnabled(false);
    connect(m_anonymize, &QCheckBox::toggled, this, [this] { emit m_format->currentIndexChanged(m_format->currentIndex()); });
    form->addRow(tr("File"), fileRow);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Export"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    form->addRow(buttons);
}

void ExportDialog::setMasks(const QString& text) { m_masks->setText(text); }

bool ExportDialog::originals() const { return m_format->currentData().toString() == "dicom"; }

std::optional<DeidentifyOptions> ExportDialog::originalsOptions(QString& why) const
{
    DeidentifyOptions options;
    options.retainLongitudinalDates = m_retainDates->isChecked();
    options.retainPatientCharacteristics = m_retainCharacteristics->isChecked();
    options.cleanDescriptors = m_cleanDescriptors->isChecked();
    options.acceptBurnedIn = m_acceptBurnedIn->isChecked();
    const auto masks = exporting::parseMasks(m_masks->text(), why);
    if (!masks)
        return std::nullopt;
    options.masks = *masks;
    return options;
}

exporting::ExportRequest ExportDialog::request(const std::vector<int>& keySlices) const
{
    exporting::ExportRequest r;
    r.format = exporting::exportFormatFromName(m_format->currentData().toString()).value_or(exporting::ExportFormat::Png);
    r.out = m_file->text();
    switch (Range(m_range->currentData().toInt())) {
    case Range::Shown: r.slices = {m_shownSlice}; break;
    case Range::Series:
        for (int k = 0; k < m_sliceCount; ++k)
            r.slices.push_back(k);
        break;
    case Range::KeyImages: r.slices = keySlices.empty() ? std::vector<int>{m_shownSlice} : keySlices; break;
    case Range::FromTo:
        for (int n = std::min(m_from->value(), m_to->value()); n <= std::max(m_from->value(), m_to->value()); ++n)
            r.slices.push_back(n - 1);
        break;
    }
    if (m_size->value() > 0)
        r.size = QSize(m_size->value(), m_size->value());
    r.jpegQuality = m_quality->value();
    r.annotations = m_annotations->isChecked();
    r.overlays = m_overlays->isChecked();
    r.anonymize = m_anonymize->isChecked();
    return r;
}

} // namespace hf::gui
