#pragma once
// File > Export: format, which images (the shown one, the whole series, the key images), size,
// annotations and corner text on or off, anonymize, JPEG quality, and the file to write; or the
// series' original DICOM instances into a folder, de-identified with the profile's options and
// rectangles masked on images with burned-in text.
#include "ExportInput.h"

#include "hf/dicomio/InstanceDeidentifier.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLineEdit;
class QSpinBox;

namespace hf::gui {

class ExportDialog : public QDialog {
    Q_OBJECT
public:
    enum class Range { Shown, Series, KeyImages, FromTo };
    ExportDialog(int shownSlice, int sliceCount, QWidget* parent = nullptr);

    exporting::ExportRequest request(const std::vector<int>& keySlices) const;
    // "DICOM originals" chosen: the file field is a folder and these options apply.
    bool originals() const;
    // Nothing (and why) when the mask rectangles are malformed.
    std::optional<DeidentifyOptions> originalsOptions(QString& why) const;
    // The mask rectangles' field, filled from what the Mask tool drew ("X,Y,W,H;...").
    void setMasks(const QString& text);
    QComboBox* format() const { return m_format; }
    QComboBox* range() const { return m_range; }
    QLineEdit* file() const { return m_file; }
    QCheckBox* annotations() const { return m_annotations; }
    QCheckBox* anonymize() const { return m_anonymize; }
    QCheckBox* asShown() const { return m_asShown; }
    QSpinBox* from() const { return m_from; }
    QSpinBox* to() const { return m_to; }

private:
    int m_shownSlice, m_sliceCount;
    QComboBox* m_format;
    QComboBox* m_range;
    QSpinBox* m_size;
    QSpinBox* m_quality;
    QCheckBox* m_annotations;
    QCheckBox* m_overlays;
    QCheckBox* m_anonymize;
    QCheckBox* m_asShown;
    QCheckBox* m_retainDates;
    QCheckBox* m_retainCharacteristics;
    QCheckBox* m_cleanDescriptors;
    QCheckBox* m_acceptBurnedIn;
    QLineEdit* m_masks;
    QSpinBox* m_from;
    QSpinBox* m_to;
    QLineEdit* m_file;
};

} // namespace hf::gui
