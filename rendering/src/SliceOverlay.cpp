#include "hf/rendering/SliceOverlay.h"

#include <vtkActor2D.h>
#include <vtkCellArray.h>
#include <vtkNew.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper2D.h>
#include <vtkProperty2D.h>
#include <vtkRenderer.h>
#include <vtkTextActor.h>
#include <vtkTextProperty.h>
#include <vtkTextRenderer.h>

#include <algorithm>
#include <cmath>

namespace hf {
namespace {

constexpr int kMargin = 4;      // from the view's edges, pixels
constexpr int kGap = 6;         // between neighbouring blocks
constexpr int kCornerFont = 13;
constexpr int kLabelFont = 16;
constexpr int kDpi = 72;

struct Box {
    int width = 0, height = 0;
};

Box measure(vtkTextProperty* property, const std::string& text)
{
    if (text.empty())
        return {};
    int bbox[4] = {0, 0, 0, 0};
    if (!vtkTextRenderer::GetInstance()->GetBoundingBox(property, text, bbox, kDpi))
        return {};
    return {bbox[1] - bbox[0] + 1, bbox[3] - bbox[2] + 1};
}

// The longest prefix of `line` (whole UTF-8 characters) that, with an ellipsis, fits `width`.
std::string fitLine(vtkTextProperty* property, const std::string& line, int width)
{
    if (measure(property, line).width <= width)
        return line;
    std::string cut = line;
    while (!cut.empty()) {
        do
            cut.pop_back();
        while (!cut.empty() && (static_cast<unsigned char>(cut.back()) & 0xC0) == 0x80);
        if (!cut.empty() && (static_cast<unsigned char>(cut.back()) & 0xC0) == 0xC0)
            cut.pop_back();  // a lead byte left without its continuation
        if (measure(property, cut + "\u2026").width <= width)
            return cut + "\u2026";
    }
    return {};
}

std::string joinLines(const std::vector<std::string>& lines)
{
    std::string text;
    for (const auto& l : lines)
        text += (text.empty() ? "" : "\n") + l;
    return text;
}

double niceLength(double maxMillimetres)
{
    if (maxMillimetres <= 0)
        return 0;
    const double decade = std::pow(10.0, std::floor(std::log10(maxMillimetres)));
    for (double f : {5.0, 2.0, 1.0})
        if (f * decade <= maxMillimetres)
            return f * decade;
    return decade;
}

} // namespace

struct SliceOverlay::Impl {
    vtkRenderer* renderer;
    std::array<vtkNew<vtkTextActor>, 4> corners;
    std::array<std::vector<std::string>, 4> cornerLines;
    std::array<vtkNew<vtkTextActor>, 4> labels;
    vtkNew<vtkActor2D> scaleBar;
    vtkNew<vtkPolyData> scaleBarLines;
    vtkNew<vtkTextActor> scaleText;
    bool cornersVisible = true;
    bool visible = true;
    double scaleMillimetres = 0, scalePixels = 0;
};

SliceOverlay::SliceOverlay(vtkRenderer* renderer)
    : m(std::make_unique<Impl>())
{
    m->renderer = renderer;
    for (int c = 0; c < 4; ++c) {
        vtkTextProperty* p = m->corners[size_t(c)]->GetTextProperty();
        p->SetFontSize(kCornerFont);
        p->SetColor(0.95, 0.9, 0.55);  // yellowish: never mistaken for image greys
        p->SetShadow(true);
        p->SetJustification(c == TopLeft || c == BottomLeft ? VTK_TEXT_LEFT : VTK_TEXT_RIGHT);
        p->SetVerticalJustification(c == TopLeft || c == TopRight ? VTK_TEXT_TOP : VTK_TEXT_BOTTOM);
        renderer->AddViewProp(m->corners[size_t(c)]);
    }
    for (auto& label : m->labels) {
        vtkTextProperty* p = label->GetTextProperty();
        p->SetFontSize(kLabelFont);
        p->SetBold(true);
        p->SetShadow(true);
        p->SetColor(1.0, 0.75, 0.2);
        renderer->AddViewProp(label);
    }
    m->labels[Left]->GetTextProperty()->SetJustification(VTK_TEXT_LEFT);
    m->labels[Left]->GetTextProperty()->SetVerticalJustification(VTK_TEXT_CENTERED);
    m->labels[Right]->GetTextProperty()->SetJustification(VTK_TEXT_RIGHT);
    m->labels[Right]->GetTextProperty()->SetVerticalJustification(VTK_TEXT_CENTERED);
    m->labels[Top]->GetTextProperty()->SetJustification(VTK_TEXT_CENTERED);
    m->labels[Top]->GetTextProperty()->SetVerticalJustification(VTK_TEXT_TOP);
    m->labels[Bottom]->GetTextProperty()->SetJustification(VTK_TEXT_CENTERED);
    m->labels[Bottom]->GetTextProperty()->SetVerticalJustification(VTK_TEXT_BOTTOM);

    vtkNew<vtkPolyDataMapper2D> mapper;
    mapper->SetInputData(m->scaleBarLines);
    m->scaleBar->SetMapper(mapper);
    m->scaleBar->GetProperty()->SetColor(0.95, 0.9, 0.55);
    m->scaleBar->GetProperty()->SetLineWidth(1.5);
    renderer->AddViewProp(m->scaleBar);
    vtkTextProperty* st = m->scaleText->GetTextProperty();
    st->SetFontSize(kCornerFont - 2);
    st->SetColor(0.95, 0.9, 0.55);
    st->SetShadow(true);
    st->SetJustification(VTK_TEXT_CENTERED);
    st->SetVerticalJustification(VTK_TEXT_BOTTOM);
    renderer->AddViewProp(m->scaleText);
}

SliceOverlay::~SliceOverlay()
{
    for (auto& a : m->corners)
        m->renderer->RemoveViewProp(a);
    for (auto& a : m->labels)
        m->renderer->RemoveViewProp(a);
    m->renderer->RemoveViewProp(m->scaleBar);
    m->renderer->RemoveViewProp(m->scaleText);
}

void SliceOverlay::setCornerLines(Corner corner, std::vector<std::string> lines)
{
    m->cornerLines[size_t(corner)] = std::move(lines);
}

void SliceOverlay::setCornerTextVisible(bool visible) { m->cornersVisible = visible; }
bool SliceOverlay::cornerTextVisible() const { return m->cornersVisible; }
void SliceOverlay::setVisible(bool visible) { m->visible = visible; }

void SliceOverlay::setSideLabels(const std::array<std::string, 4>& labels)
{
    for (size_t s = 0; s < 4; ++s)
        m->labels[s]->SetInput(labels[s].c_str());
}

void SliceOverlay::layout(int width, int height, double mmPerPixel)
{
    const int w = std::max(1, width), h = std::max(1, height);
    std::array<Box, 4> label;
    for (size_t s = 0; s < 4; ++s) {
        label[s] = measure(m->labels[s]->GetTextProperty(), m->labels[s]->GetInput() ? m->labels[s]->GetInput() : "");
        m->labels[s]->SetVisibility(m->visible && label[s].width > 0);
    }
    m->labels[Left]->SetPosition(kMargin, h / 2.0);
    m->labels[Right]->SetPosition(w - kMargin, h / 2.0);
    m->labels[Top]->SetPosition(w / 2.0, h - kMargin);
    m->labels[Bottom]->SetPosition(w / 2.0, kMargin);

    // The scale bar sits above the bottom label, in the middle third.
    const double maxBarPixels = std::min(w / 3.0 - 2 * kGap, 160.0);
    m->scaleMillimetres = mmPerPixel > 0 ? niceLength(maxBarPixels * mmPerPixel) : 0;
    m->scalePixels = mmPerPixel > 0 ? m->scaleMillimetres / mmPerPixel : 0;
    const std::string scaleLabel = m->scaleMillimetres >= 10 ? std::to_string(int(std::lround(m->scaleMillimetres / 10))) + " cm"
                                                             : std::to_string(int(std::lround(m->scaleMillimetres))) + " mm";
    const Box scaleTextBox = measure(m->scaleText->GetTextProperty(), scaleLabel);
    const int barY = kMargin + label[Bottom].height + kGap;
    const bool barFits = m->visible && m->scalePixels >= 20 && barY + 4 + scaleTextBox.height < h / 2 - label[Left].height / 2 - kGap;
    if (!barFits) {
        m->scaleMillimetres = m->scalePixels = 0;
    }
    m->scaleBar->SetVisibility(barFits);
    m->scaleText->SetVisibility(barFits);
    const double barLeft = (w - m->scalePixels) / 2, barRight = barLeft + m->scalePixels;
    if (barFits) {
        vtkNew<vtkPoints> points;
        points->InsertNextPoint(barLeft, barY + 4, 0);
        points->InsertNextPoint(barLeft, barY, 0);
        points->InsertNextPoint(barRight, barY, 0);
        points->InsertNextPoint(barRight, barY + 4, 0);
        vtkNew<vtkCellArray> line;
        const vtkIdType ids[4] = {0, 1, 2, 3};
        line->InsertNextCell(4, ids);
        m->scaleBarLines->SetPoints(points);
        m->scaleBarLines->SetLines(line);
        m->scaleText->SetInput(scaleLabel.c_str());
        m->scaleText->SetPosition(w / 2.0, barY + 5);
    }

    // Corner blocks: above or below the side labels, beside the top/bottom label (or bar).
    const int sideLabelHeight = std::max(label[Left].height, label[Right].height);
    const int availableHeight = h / 2 - sideLabelHeight / 2 - kGap - kMargin;
    const int topMiddle = label[Top].width, bottomMiddle = std::max<int>({label[Bottom].width, int(std::ceil(m->scalePixels)) + 2, barFits ? scaleTextBox.width : 0});
    for (int c = 0; c < 4; ++c) {
        vtkTextActor* actor = m->corners[size_t(c)];
        const bool top = c == TopLeft || c == TopRight;
        const int middle = top ? topMiddle : bottomMiddle;
        const int availableWidth = (w - middle) / 2 - kGap - kMargin;
        vtkTextProperty* p = actor->GetTextProperty();
        std::vector<std::string> shown;
        for (const auto& line : m->cornerLines[size_t(c)]) {
            std::vector<std::string> candidate = shown;
            const std::string fitted = fitLine(p, line, availableWidth);
            if (fitted.empty())
                break;
            candidate.push_back(fitted);
            if (measure(p, joinLines(candidate)).height > availableHeight)
                break;
            shown = std::move(candidate);
        }
        const std::string text = joinLines(shown);
        actor->SetInput(text.c_str());
        actor->SetVisibility(m->visible && m->cornersVisible && !text.empty());
        actor->SetPosition(c == TopLeft || c == BottomLeft ? kMargin : w - kMargin, top ? h - kMargin : kMargin);
    }
}

std::string SliceOverlay::shownCornerText(Corner corner) const
{
    vtkTextActor* a = m->corners[size_t(corner)];
    return a->GetVisibility() && a->GetInput() ? a->GetInput() : "";
}

std::string SliceOverlay::sideLabel(Side side) const
{
    vtkTextActor* a = m->labels[size_t(side)];
    return a->GetInput() ? a->GetInput() : "";
}

double SliceOverlay::scaleBarMillimetres() const { return m->scaleMillimetres; }
double SliceOverlay::scaleBarPixels() const { return m->scalePixels; }

std::vector<vtkTextActor*> SliceOverlay::textActors() const
{
    std::vector<vtkTextActor*> actors;
    for (auto& a : m->corners)
        if (a->GetVisibility())
            actors.push_back(a);
    for (auto& a : m->labels)
        if (a->GetVisibility())
            actors.push_back(a);
    if (m->scaleText->GetVisibility())
        actors.push_back(m->scaleText);
    return actors;
}

} // namespace hf
