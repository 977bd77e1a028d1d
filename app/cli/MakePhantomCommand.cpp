#include "MakePhantomCommand.h"

#include "hf/dicomio/PhantomWriter.h"
#include "hf/dicomio/TransferSyntaxes.h"

#include <QCommandLineParser>
#include <QRegularExpression>

#include <cstdio>
#include <stdexcept>

namespace hf::cli {

int MakePhantomCommand::run(const QStringList& args)
{
    QStringList syntaxNames;
    for (const auto& ts : writableTransferSyntaxes())
        syntaxNames << QString::fromStdString(ts.name);
    QCommandLineParser parser;
    describe(parser, *this);
    parser.addOptions({
        {"out", "Folder to write the series into (created).", "DIR"},
        {"size", "Columns x rows x slices (default 128x128x64).", "CxRxS", "128x128x64"},
        {"spacing", "Column, row and slice spacing in mm (default 1,1,2).", "X,Y,Z", "1,1,2"},
        {"syntax", "Transfer syntax: " + syntaxNames.join(", ") + ".", "NAME", "explicit"},
        {"modality", "CT, MR, MG (one mammography image: --size CxRx1) or PT (Bq/mL with the radiopharmaceutical, dose, times and weight SUV needs; beside a CT of the same seed).", "M", "CT"},
        {"laterality", "MG: R or L breast (default R).", "SIDE", "R"},
        {"view", "MG: CC or MLO (default CC).", "VIEW", "CC"},
        {"series-description", "Series Description (default: 'Phantom CT explicit', or 'R CC' for MG).", "TEXT"},
        {"study-description", "Study Description (default 'Hounsfield phantom').", "TEXT"},
        {"body-part", "Body Part Examined, e.g. HEAD or CHEST (default: none).", "PART"},
        {"contrast", "Contrast/Bolus Agent (default: none).", "AGENT"},
        {"tilt", "Gantry tilt in degrees.", "DEG", "0"},
        {"seed", "Seed for UIDs, patient ID and noise.", "N", "1"},
        {"noise", "Gaussian noise SD added to the pixels (default 0: exact values).", "SD", "0"},
        {"orientation", "axial, coronal or sagittal images of the same objects (default axial).", "PLANE", "axial"},
        {"series-number", "Series Number; with the same seed, another number or orientation is another series of the "
                          "same study and frame of reference (default 1).", "N", "1"},
        {"spacing-tag", "Which tag holds the spacing: pixel (Pixel Spacing, default), imager (Imager Pixel Spacing "
                        "only) or none.", "TAG", "pixel"},
        {"photometric", "MONOCHROME2 (default) or MONOCHROME1 (shown inverted).", "NAME", "MONOCHROME2"},
        {"translate", "A prior of the same patient: the objects moved by X,Y,Z mm (after --rotate); its own study and "
                      "Frame of Reference.", "X,Y,Z"},
        {"rotate", "A prior: the objects turned about the patient's x, then y, then z axis through the origin, degrees.", "AX,AY,AZ"},
        {"study-date", "Study Date (default 20260101; another date is another study of the patient).", "YYYYMMDD"},
        {"tube", "Add a contrast-filled curved tube (half a helix above the spheres) of known centreline, diameter and length, "
                 "for curved reformats; it needs about 0.75 x the width's extent above the middle slice."},
    });
    if (const auto done = parseArguments(parser, *this, args))
        return *done;
    if (!parser.isSet("out"))
        return fail(name(), "--out DIR is required", BadInput);

    PhantomOptions o;
    const auto size = QRegularExpression("^(\\d+)x(\\d+)x(\\d+)$").match(parser.value("size"));
    if (!size.hasMatch())
        return fail(name(), "--size must look like 128x128x64, not '" + parser.value("size") + "'", BadInput);
    o.columns = size.captured(1).toInt();
    o.rows = size.captured(2).toInt();
    o.slices = size.captured(3).toInt();
    const QStringList spacing = parser.value("spacing").split(',');
    bool ok[3] = {false, false, false};
    if (spacing.size() == 3) {
        o.columnSpacing = spacing[0].toDouble(&ok[0]);
        o.rowSpacing = spacing[1].toDouble(&ok[1]);
        o.sliceSpacing = spacing[2].toDouble(&ok[2]);
    }
    if (!(ok[0] && ok[1] && ok[2]))
        return fail(name(), "--spacing must be three numbers like 0.5,0.5,1, not '" + parser.value("spacing") + "'", BadInput);
    o.syntax = parser.value("syntax").toStdString();
    if (!transferSyntaxByName(o.syntax))
        return fail(name(), "--syntax must be one of " + syntaxNames.join(", "), BadInput);
    o.modality = parser.value("modality").toUpper().toStdString();
    bool tiltOk = false, seedOk = false;
    o.tiltDegrees = parser.value("tilt").toDouble(&tiltOk);
    o.seed = parser.value("seed").toUInt(&seedOk);
    if (!tiltOk || std::abs(o.tiltDegrees) >= 60)
        return fail(name(), "--tilt must be a number of degrees between -60 and 60", BadInput);
    if (!seedOk)
        return fail(name(), "--seed must be a non-negative integer", BadInput);
    bool noiseOk = false;
    o.noise = parser.value("noise").toDouble(&noiseOk);
    if (!noiseOk)
        return fail(name(), "--noise must be a number (standard deviation)", BadInput);

    o.orientation = parser.value("orientation").toLower().toStdString();
    o.laterality = parser.value("laterality").toUpper().toStdString();
    o.viewPosition = parser.value("view").toUpper().toStdString();
    o.seriesDescription = parser.value("series-description").toStdString();
    o.studyDescription = parser.value("study-description").toStdString();
    o.bodyPart = parser.value("body-part").toUpper().toStdString();
    o.contrastAgent = parser.value("contrast").toStdString();
    o.spacingTag = parser.value("spacing-tag").toLower().toStdString();
    const QString photometric = parser.value("photometric").toUpper();
    if (photometric != "MONOCHROME1" && photometric != "MONOCHROME2")
        return fail(name(), "--photometric must be MONOCHROME1 or MONOCHROME2, not '" + parser.value("photometric") + "'", BadInput);
    o.monochrome1 = photometric == "MONOCHROME1";
    bool seriesOk = false;
    o.seriesNumber = parser.value("series-number").toInt(&seriesOk);
    if (!seriesOk || o.seriesNumber < 1)
        return fail(name(), "--series-number must be a positive integer", BadInput);

    const auto triple = [&](const char* option, Vec3& out) {
        if (!parser.isSet(option))
            return true;
        const QStringList parts = parser.value(option).split(',');
        bool good[3] = {false, false, false};
        if (parts.size() == 3)
            out = {parts[0].toDouble(&good[0]), parts[1].toDouble(&good[1]), parts[2].toDouble(&good[2])};
        return good[0] && good[1] && good[2];
    };
    if (!triple("translate", o.translate))
        return fail(name(), "--translate must be X,Y,Z in mm, not '" + parser.value("translate") + "'", BadInput);
    if (!triple("rotate", o.rotateDegrees))
        return fail(name(), "--rotate must be AX,AY,AZ in degrees, not '" + parser.value("rotate") + "'", BadInput);
    o.tube = parser.isSet("tube");
    o.studyDate = parser.value("study-date").toStdString();
    if (!o.studyDate.empty() && !QRegularExpression("^\\d{8}$").match(parser.value("study-date")).hasMatch())
        return fail(name(), "--study-date must be YYYYMMDD, not '" + parser.value("study-date") + "'", BadInput);

    try {
        const PhantomModel model(o);
        const auto files = PhantomWriter(model).write(parser.value("out").toStdString());
        std::fprintf(stderr, "wrote %zu files to %s\n", files.size(), qPrintable(parser.value("out")));
    } catch (const std::exception& e) {
        return failWith(name(), e);
    }
    return Success;
}

} // namespace hf::cli
