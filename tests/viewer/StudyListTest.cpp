// The study list's model passes Qt's model tester, sorts by raw values, and the widget turns
// typing, Enter and Delete into the requests its owner carries out.
#include "hf/viewer/StudyListModel.h"
#include "hf/viewer/StudyListWidget.h"

#include <catch2/catch.hpp>

#include <QAbstractItemModelTester>
#include <QFontDatabase>
#include <QFontMetrics>
#include <QLineEdit>
#include <QListWidget>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace hf;

namespace {

std::vector<StudyRow> sampleRows()
{
    std::vector<StudyRow> rows(3);
    rows[0].patient.name = "DOE^JANE";
    rows[0].study.uid = "1.1";
    rows[0].study.date = "20200105";
    rows[0].imageCount = 300;
    rows[0].modalities = "CT\\PT";
    rows[1].patient.name = "ROE^RICHARD";
    rows[1].study.uid = "1.2";
    rows[1].study.date = "20240501";
    rows[1].imageCount = 20;
    rows[1].missingImages = 2;
    rows[2].patient.name = "POE^EDGAR";
    rows[2].study.uid = "1.3";
    rows[2].study.date = "19991231";
    rows[2].imageCount = 1000;
    rows[2].objectCount = 3;  // e.g. two SRs and a SEG
    return rows;
}

} // namespace

TEST_CASE("the study list model passes QAbstractItemModelTester and shows what a reader expects", "[viewer][studylist]")
{
    StudyListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setRows(sampleRows());
    REQUIRE(model.rowCount() == 3);
    REQUIRE(model.columnCount() == StudyListModel::ColumnCount);
    REQUIRE(model.index(0, StudyListModel::PatientName).data().toString() == "DOE JANE");
    REQUIRE(model.index(0, StudyListModel::StudyDate).data().toString() == "2020-01-05");
    REQUIRE(model.index(0, StudyListModel::Modalities).data().toString() == "CT, PT");
    REQUIRE(model.index(1, StudyListModel::ImageCount).data().toString() == "20 (2 missing)");
    REQUIRE(model.index(2, StudyListModel::ImageCount).data(Qt::UserRole).toLongLong() == 1000);
    REQUIRE(model.index(2, StudyListModel::ImageCount).data().toString() == "1000 + 3 obj");
    REQUIRE(model.index(0, StudyListModel::ImageCount).data().toString() == "300");
    model.setRows({});
    REQUIRE(model.rowCount() == 0);
}

TEST_CASE("the study list sorts by date and image count, asks for queries and opens a study with Enter", "[viewer][studylist]")
{
    StudyListWidget widget;
    widget.resize(900, 500);
    widget.show();
    REQUIRE(QTest::qWaitForWindowExposed(&widget));
    QSignalSpy filters(&widget, &StudyListWidget::filterChanged);
    QSignalSpy opens(&widget, &StudyListWidget::openSeriesRequested);
    QSignalSpy studyOpens(&widget, &StudyListWidget::openStudyRequested);
    QSignalSpy removes(&widget, &StudyListWidget::removeStudyRequested);
    widget.setStudies(sampleRows());

    QTableView* table = widget.table();
    // Newest first by default.
    REQUIRE(table->model()->index(0, StudyListModel::StudyDate).data().toString() == "2024-05-01");
    table->sortByColumn(StudyListModel::ImageCount, Qt::DescendingOrder);
    REQUIRE(table->model()->index(0, StudyListModel::ImageCount).data(Qt::UserRole).toLongLong() == 1000);

    QLineEdit* search = widget.findChild<QLineEdit*>();
    QTest::keyClicks(search, "roe*");
    REQUIRE(filters.wait(1000));
    REQUIRE(widget.filter().text == "roe*");  // quick search: name, ID, accession or tag

    table->setFocus();
    table->selectRow(0);
    const QString selected = widget.selectedStudyUid();
    REQUIRE(selected == "1.3");
    QTest::keyClick(table, Qt::Key_Return);  // the study, through its hanging protocol
    REQUIRE(studyOpens.count() == 1);
    REQUIRE(studyOpens[0][0].toString() == "1.3");
    REQUIRE(opens.count() == 0);
    QTest::keyClick(table, Qt::Key_Return, Qt::ShiftModifier);  // its first series beside what is open
    REQUIRE(opens.count() == 1);
    REQUIRE(opens[0][0].toString() == "1.3");
    REQUIRE(opens[0][2].toBool() == true);
    REQUIRE(studyOpens.count() == 1);
    QTest::keyClick(table, Qt::Key_Delete);
    REQUIRE(removes.count() == 1);
    REQUIRE(removes[0][0].toString() == "1.3");
}

TEST_CASE("patient names in Hangul and Han characters have glyphs in the study list's font", "[viewer][studylist]")
{
    // The set-up installs fonts that cover CJK and Hangul (fonts-noto-cjk); without them a Korean
    // name decoded right still shows as empty boxes.
    StudyListWidget list;
    std::vector<StudyRow> rows(1);
    rows[0].patient.name = "김희중^Hong^Gildong=吉洞^洪";
    rows[0].study.uid = "1.1";
    list.setStudies(rows);
    auto* table = list.findChild<QTableView*>();
    REQUIRE(table);
    const QString shown = table->model()->index(0, 0).data().toString();
    REQUIRE(shown.startsWith(QString::fromUtf8("김희중")));
    const QFontMetrics metrics(table->font());
    for (const QString& text : {QString::fromUtf8("김희중"), QString::fromUtf8("吉洞洪")})
        for (const uint c : text.toUcs4()) {
            INFO("U+" << std::hex << c);
            CHECK(metrics.inFontUcs4(c));
        }
    CHECK_FALSE(QFontDatabase::families(QFontDatabase::Korean).isEmpty());
    CHECK_FALSE(QFontDatabase::families(QFontDatabase::SimplifiedChinese).isEmpty());
}

TEST_CASE("a late series answer for a study no longer selected does not replace the selected study's series", "[viewer][studylist]")
{
    StudyListWidget widget;
    widget.setStudies(sampleRows());
    widget.table()->selectRow(0);
    const QString selected = widget.selectedStudyUid();
    REQUIRE_FALSE(selected.isEmpty());
    const QString other = selected == "1.1" ? "1.2" : "1.1";
    SeriesRow mine, theirs;
    mine.uid = "9.1";
    mine.number = 3;
    mine.modality = "CT";
    mine.imageCount = 240;
    theirs.uid = "9.2";
    theirs.number = 7;
    theirs.modality = "MR";
    theirs.imageCount = 12;
    QListWidget* series = widget.findChild<QListWidget*>();
    REQUIRE(series);
    widget.setSeries(selected, {mine});
    REQUIRE(series->count() == 1);
    widget.setSeries(other, {theirs, theirs});  // the query for the study selected before, answered late
    REQUIRE(series->count() == 1);
    CHECK(series->item(0)->data(Qt::DisplayRole).toString().startsWith("3  CT"));
}
