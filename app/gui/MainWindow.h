#pragma once
// A workstation window: a shell of menus, tool bars, docks, the status bar and the views (a grid
// of 2D views beside a 3D view, or the MPR), wired to small classes that each own one concern
// (SeriesLoading, LayoutReactions, ViewTransformReactions, WindowLevelReactions,
// AnnotationReactions, StudyBrowserReactions, PacsReactions, ExportReaction). The services it
// uses belong to the Workstation it is given, shared with every other window. GUI thread.
#include "ExportInput.h"
#include "GuiOptions.h"

#include <QMainWindow>

#include <memory>
#include <optional>
#include <utility>

namespace hf {
class AnnotationListPanel;
struct DeidentifyOptions;
class CprWidget;
class MprWidget;
class SliceViewport;
class ViewportGrid;
class Volume;
class VolumeViewport;
}

namespace hf::gui {

class AnnotationController;
class AnnotationReactions;
class BurnedInMaskReactions;
class ExportReaction;
class FusionReactions;
class PetMipReactions;
class SuvKindReactions;
class ManualAlignmentReactions;
class RegistrationReactions;
class LayoutReactions;
class PacsReactions;
class ProtocolReactions;
struct HangingState;
class SeriesLoading;
class SeriesStripReactions;
class KeyObjectReactions;
class PresentationStateReactions;
class ReportReactions;
class SegmentationReactions;
class StructureReactions;
class StatusPanel;
class StudyBrowserReactions;
class TimeReactions;
class SyncController;
class ViewTransformReactions;
class WindowLevelReactions;
class Workstation;
struct NodeSettings;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    MainWindow(Workstation& station, const GuiOptions& options, QWidget* parent = nullptr);
    ~MainWindow() override;

    // Indexes PATHs into the cache and opens their first series (or --series) in the active
    // view; with several views, the other series found fill the next views.
    void open(const QStringList& paths, bool copyIntoCache = false);
    // The active 2D view.
    SliceViewport* sliceViewport() const;
    ViewportGrid* viewportGrid() const { return m_grid; }
    MprWidget* mprWidget() const { return m_mpr; }
    bool mprShown() const;
    CprWidget* cprWidget() const { return m_cpr; }
    bool cprShown() const;
    VolumeViewport* volumeViewport() const { return m_volume; }
    AnnotationController* annotationController() const;
    SyncController* syncController() const;
    StructureReactions* structureReactions() const { return m_structures; }
    SegmentationReactions* segmentationReactions() const { return m_segmentations; }
    ReportReactions* reportReactions() const { return m_reports; }
    KeyObjectReactions* keyObjectReactions() const { return m_keyObjects; }
    PresentationStateReactions* presentationStateReactions() const { return m_presentationStates; }
    AnnotationListPanel* annotationList() const;
    // What the Mask tool drew on a series: "X,Y,W,H;..." in image pixels (empty: nothing).
    QString burnedInMasksText(const QString& seriesUid) const;
    // Settings > PACS nodes, as if the reader had changed them in the dialog.
    void setNodeSettings(const NodeSettings& nodes);
    void openNodeSettings();
    QStringList nodeNames() const;
    QString syncStatusText() const;
    // 1x1, 1x2, 2x1, 2x2, 3x3, 2d3d (one slice view beside 3D), 3d, mpr or mpr3d.
    bool setLayoutName(const QString& layout);
    // Exports the active view's series in the background (progress and cancel in the status
    // bar); exportFinished reports the files or the reason it failed.
    void exportActive(const exporting::ExportRequest& request);
    // The same for the active series' original instances into a folder (de-identified when asked).
    void exportOriginals(const QString& folder, bool anonymize, const DeidentifyOptions& options);
    // The part of the slice a view shows (its zoom and pan), for "export as shown".
    static QRectF visibleRegion(const SliceViewport& view);
    // Hanging protocols: the study through one ("auto": the best match), its stages, and the
    // arrangement on screen saved as a protocol.
    void hangStudy(const QString& studyUid, const QString& protocol = "auto", const QString& priorUid = {});
    bool showProtocolStage(int stage);
    HangingState hangingState() const;
    QString saveLayoutAsProtocol(const QString& name, QString& error);
    // 4D series: the time points of the view (see TimeReactions).
    TimeReactions& timeReactions() const { return *m_time; }
    // PET/CT: series fused over views, and the rotating PET MIP.
    FusionReactions& fusionReactions() const { return *m_fusion; }
    PetMipReactions& petMipReactions() const { return *m_petMip; }
    SuvKindReactions& suvKindReactions() const { return *m_suvKind; }
    // Views of different studies of the patient, linked by registration.
    RegistrationReactions& registrationReactions() const { return *m_registration; }
    // "file: reason" for every file of the last open that could not be read or decoded.
    const QStringList& problems() const;

signals:
    // Emitted once everything requested is loaded and handed to the views.
    void loadFinished(bool ok, const QString& message);
    void exportFinished(bool ok, const QStringList& files, const QString& message);

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    QWidget* buildCentre(const GuiOptions& options);
    void buildMenusAndToolBars();
    void wireReactions();
    void activeViewChanged();
    void volumeLoaded(int view, std::shared_ptr<const hf::Volume> volume);
    void openInNewWindow(const QString& seriesUid, const QStringList& files);
    // Everything asked for is in: --fuse starts, and loadFinished waits for fusions and MIPs.
    void finishLoad(bool ok, const QString& message);

    Workstation& m_station;
    GuiOptions m_options;
    ViewportGrid* m_grid;
    MprWidget* m_mpr;
    CprWidget* m_cpr;
    VolumeViewport* m_volume;
    StatusPanel* m_status;
    SeriesLoading* m_loading;
    LayoutReactions* m_layout;
    ViewTransformReactions* m_transforms;
    WindowLevelReactions* m_windowLevel;
    AnnotationReactions* m_annotations;
    BurnedInMaskReactions* m_masks;
    StudyBrowserReactions* m_studies;
    PacsReactions* m_pacs;
    ExportReaction* m_export;
    SeriesStripReactions* m_strip;
    StructureReactions* m_structures;
    SegmentationReactions* m_segmentations;
    ReportReactions* m_reports;
    KeyObjectReactions* m_keyObjects;
    PresentationStateReactions* m_presentationStates;
    ProtocolReactions* m_protocols;
    TimeReactions* m_time;
    FusionReactions* m_fusion;
    PetMipReactions* m_petMip;
    SuvKindReactions* m_suvKind;
    RegistrationReactions* m_registration;
    ManualAlignmentReactions* m_alignment;
    bool m_fuseStarted = false;
    std::optional<std::pair<bool, QString>> m_finishWaiting;  // a load that ended while fusing or projecting
    bool m_hangAfterOpen = false;  // --protocol with PATHs or --series: the opened study is hung next
};

} // namespace hf::gui
