// The palette and its colour science: WCAG contrast against the standard's worked values,
// CIEDE2000 against Sharma, Wu & Dalal's published test data, CIELAB against the published
// sRGB primaries, the Machado (2009) simulation against a hand-worked product, and the
// palette's promises (monotone lightness, adjacent grades apart under both simulations, text
// contrast on every fill).
#include <doctest/doctest.h>

#include <array>
#include <cmath>
#include <set>
#include <string>
#include <vector>

#include "qaframe/analysis/triangulation.hpp"
#include "qaframe/render/palette.hpp"

namespace qr = qaframe::charts;
using qr::ColourVision;
using qr::Rgb;

namespace {

constexpr Rgb kBlack{0, 0, 0};
constexpr Rgb kWhite{255, 255, 255};
constexpr std::array<ColourVision, 3> kVisions = {ColourVision::kNormal, ColourVision::kProtanopia,
                                                  ColourVision::kDeuteranopia};

Rgb hex(const char* text) {
  const auto c = qr::parse_hex(text);
  REQUIRE(c.has_value());
  return *c;
}

}  // namespace

TEST_CASE("palette: WCAG 2.1 luminance and contrast match the standard's values") {
  CHECK(qr::relative_luminance(kWhite) == doctest::Approx(1.0).epsilon(1e-12));
  CHECK(qr::relative_luminance(kBlack) == 0.0);
  // The coefficients of the definition: pure primaries give them back.
  CHECK(qr::relative_luminance(hex("#ff0000")) == doctest::Approx(0.2126).epsilon(1e-12));
  CHECK(qr::relative_luminance(hex("#00ff00")) == doctest::Approx(0.7152).epsilon(1e-12));
  CHECK(qr::relative_luminance(hex("#0000ff")) == doctest::Approx(0.0722).epsilon(1e-12));
  // White on black is the maximum 21:1, either way round; a colour on itself 1:1.
  CHECK(qr::contrast_ratio(kWhite, kBlack) == doctest::Approx(21.0).epsilon(1e-12));
  CHECK(qr::contrast_ratio(kBlack, kWhite) == doctest::Approx(21.0).epsilon(1e-12));
  CHECK(qr::contrast_ratio(hex("#767676"), hex("#767676")) == doctest::Approx(1.0));
  // #767676 is the lightest grey that passes AA on white (4.54:1); #777777 fails (4.48:1).
  const double passing = qr::contrast_ratio(hex("#767676"), kWhite);
  CHECK(passing == doctest::Approx(4.54).epsilon(0.001));
  CHECK(passing >= 4.5);
  const double failing = qr::contrast_ratio(hex("#777777"), kWhite);
  CHECK(failing == doctest::Approx(4.48).epsilon(0.001));
  CHECK(failing < 4.5);
}

TEST_CASE("palette: black or white text reaches 4.5:1 on every fill") {
  // Every grey, and a grid over the RGB cube (steps of 15): the better of black and white is
  // chosen and passes AA for normal text.
  double worst = 21.0;
  auto check = [&](Rgb fill) {
    const Rgb text = qr::text_colour_on(fill);
    CHECK((text == kBlack || text == kWhite));
    const double chosen = qr::contrast_ratio(text, fill);
    const double other = qr::contrast_ratio(text == kBlack ? kWhite : kBlack, fill);
    CHECK(chosen >= other);
    worst = std::min(worst, chosen);
  };
  for (int v = 0; v < 256; ++v) {
    const auto u = static_cast<std::uint8_t>(v);
    check({u, u, u});
  }
  for (int r = 0; r < 256; r += 15)
    for (int g = 0; g < 256; g += 15)
      for (int b = 0; b < 256; b += 15)
        check({static_cast<std::uint8_t>(r), static_cast<std::uint8_t>(g),
               static_cast<std::uint8_t>(b)});
  CHECK(worst >= 4.5);
}

TEST_CASE("palette: CIEDE2000 equals Sharma, Wu & Dalal's published test data") {
  // Table 1 of Sharma, Wu & Dalal (2005), Color Res Appl 30(1):21-30: pairs 1, 2, 3, 7, 11,
  // 13, 17-20, 25, 31 and 34 (published to four decimals).
  struct Pair {
    qr::Lab x, y;
    double de;
  };
  const std::vector<Pair> pairs = {
      {{50.0, 2.6772, -79.7751}, {50.0, 0.0, -82.7485}, 2.0425},
      {{50.0, 3.1571, -77.2803}, {50.0, 0.0, -82.7485}, 2.8615},
      {{50.0, 2.8361, -74.0200}, {50.0, 0.0, -82.7485}, 3.4412},
      {{50.0, 0.0, 0.0}, {50.0, -1.0, 2.0}, 2.3669},
      {{50.0, 2.49, -0.001}, {50.0, -2.49, 0.0009}, 7.1792},
      {{50.0, 2.49, -0.001}, {50.0, -2.49, 0.0011}, 7.2195},
      {{50.0, 2.5, 0.0}, {73.0, 25.0, -18.0}, 27.1492},
      {{50.0, 2.5, 0.0}, {61.0, -5.0, 29.0}, 22.8977},
      {{50.0, 2.5, 0.0}, {56.0, -27.0, -3.0}, 31.9030},
      {{50.0, 2.5, 0.0}, {58.0, 24.0, 15.0}, 19.4535},
      {{60.2574, -34.0099, 36.2677}, {60.4626, -34.1751, 39.4387}, 1.2644},
      {{90.8027, -2.0831, 1.4410}, {91.1528, -1.6435, 0.0447}, 1.4441},
      {{2.0776, 0.0795, -1.1350}, {0.9033, -0.0636, -0.5514}, 0.9082},
  };
  for (const Pair& p : pairs) {
    CAPTURE(p.de);
    CHECK(std::abs(qr::ciede2000(p.x, p.y) - p.de) < 1e-4);
    CHECK(std::abs(qr::ciede2000(p.y, p.x) - p.de) < 1e-4);  // symmetric
  }
  CHECK(qr::ciede2000({50, 10, 10}, {50, 10, 10}) == 0.0);
}

TEST_CASE("palette: CIELAB of sRGB white and primaries") {
  // White is L* 100 on the D65 white point; the primaries as Lindbloom's tables give them
  // (to 0.02: tools differ in the last digits with the precision of the matrix).
  const qr::Lab white = qr::to_lab(kWhite);
  CHECK(white.l == doctest::Approx(100.0).epsilon(1e-6));
  CHECK(std::abs(white.a) < 1e-3);
  CHECK(std::abs(white.b) < 1e-3);
  const qr::Lab red = qr::to_lab(hex("#ff0000"));
  CHECK(std::abs(red.l - 53.24) < 0.02);
  CHECK(std::abs(red.a - 80.09) < 0.02);
  CHECK(std::abs(red.b - 67.20) < 0.02);
  const qr::Lab blue = qr::to_lab(hex("#0000ff"));
  CHECK(std::abs(blue.l - 32.30) < 0.02);
  CHECK(std::abs(blue.a - 79.19) < 0.02);
  CHECK(std::abs(blue.b + 107.86) < 0.02);
  CHECK(qr::to_lab(kBlack).l == 0.0);
}

TEST_CASE("palette: Machado simulation in linear RGB") {
  // Greys stay grey (each matrix row adds up to 1).
  for (int v = 0; v < 256; v += 5) {
    const auto u = static_cast<std::uint8_t>(v);
    for (const ColourVision vision : kVisions) {
      const Rgb s = qr::simulate({u, u, u}, vision);
      CHECK(std::abs(int{s.r} - v) <= 1);
      CHECK(std::abs(int{s.g} - v) <= 1);
      CHECK(std::abs(int{s.b} - v) <= 1);
    }
  }
  // Pure red by hand: linear (1, 0, 0) times the protanopia matrix's first column is
  // (0.152286, 0.114503, -0.003882); clipped and encoded, 255 x (1.055 c^(1/2.4) - 0.055)
  // = (108.8, 95.1, 0) -> (109, 95, 0). Deuteranopia: (0.367322, 0.280085, -0.011820)
  // -> (163.2, 144.3, 0) -> (163, 144, 0).
  CHECK(qr::simulate(hex("#ff0000"), ColourVision::kProtanopia) == Rgb{109, 95, 0});
  CHECK(qr::simulate(hex("#ff0000"), ColourVision::kDeuteranopia) == Rgb{163, 144, 0});
  CHECK(qr::simulate(hex("#ff0000"), ColourVision::kNormal) == hex("#ff0000"));
  // The red/green pair that RAG ratings rely on collapses; the palette's ends do not.
  CHECK(qr::colour_distance(hex("#d7191c"), hex("#1a9641"), ColourVision::kDeuteranopia) <
        qr::colour_distance(hex("#d7191c"), hex("#1a9641")) / 2.0);
  CHECK(qr::parse_colour_vision("protanopia").value() == ColourVision::kProtanopia);
  CHECK(qr::parse_colour_vision("deuteranopia").value() == ColourVision::kDeuteranopia);
  CHECK(qr::parse_colour_vision("normal").value() == ColourVision::kNormal);
  CHECK_FALSE(qr::parse_colour_vision("tritanopia").ok());
}

TEST_CASE("palette: ordinal grades darkest worst, lightness rising, adjacent grades apart") {
  CHECK(qr::ordinal_palette(0).empty());
  CHECK(qr::ordinal_palette(1).size() == 1);
  for (std::size_t k = 2; k <= 11; ++k) {
    CAPTURE(k);
    const std::vector<Rgb> p = qr::ordinal_palette(k);
    REQUIRE(p.size() == k);
    // Lightness rises worst to best, evenly from L* 32 to 80 (within the 8-bit rounding).
    CHECK(qr::to_lab(p.front()).l == doctest::Approx(32.0).epsilon(0.01));
    CHECK(qr::to_lab(p.back()).l == doctest::Approx(80.0).epsilon(0.01));
    for (std::size_t i = 0; i + 1 < k; ++i) {
      CAPTURE(i);
      CHECK(qr::to_lab(p[i + 1]).l > qr::to_lab(p[i]).l + 48.0 / static_cast<double>(k - 1) - 1);
    }
    // Values written on the fills are readable.
    for (const Rgb& c : p) CHECK(qr::contrast_ratio(c, qr::text_colour_on(c)) >= 4.5);
  }
  // Adjacent grades stay apart under normal vision, protanopia and deuteranopia: ΔE00 >= 10
  // for scales of up to 4 levels (Ofsted, RAG, met/not met), >= 6 up to 7 levels. About 1 is
  // a just noticeable difference between large patches; thin bar segments need far more.
  for (std::size_t k = 2; k <= 7; ++k) {
    const std::vector<Rgb> p = qr::ordinal_palette(k);
    const double threshold = k <= 4 ? 10.0 : 6.0;
    for (const ColourVision vision : kVisions)
      for (std::size_t i = 0; i + 1 < k; ++i) {
        CAPTURE(k);
        CAPTURE(i);
        CAPTURE(static_cast<int>(vision));
        CHECK(qr::colour_distance(p[i], p[i + 1], vision) >= threshold);
      }
  }
  // The Ofsted four: below Good orange (b* > 0), Good or better blue (b* < 0), in every vision,
  // so the boundary a report cares about survives colour-blindness.
  const std::vector<Rgb> ofsted = qr::ordinal_palette(4);
  for (const ColourVision vision : kVisions) {
    CHECK(qr::to_lab(qr::simulate(ofsted[0], vision)).b > 10.0);
    CHECK(qr::to_lab(qr::simulate(ofsted[1], vision)).b > 10.0);
    CHECK(qr::to_lab(qr::simulate(ofsted[2], vision)).b < -10.0);
    CHECK(qr::to_lab(qr::simulate(ofsted[3], vision)).b < -10.0);
  }
  // N/A is achromatic and apart from every grade.
  const Rgb na = qr::not_applicable_colour();
  CHECK(std::abs(qr::to_lab(na).a) < 0.5);
  CHECK(std::abs(qr::to_lab(na).b) < 0.5);
  for (std::size_t k = 2; k <= 7; ++k)
    for (const Rgb& c : qr::ordinal_palette(k))
      for (const ColourVision vision : kVisions) CHECK(qr::colour_distance(na, c, vision) >= 10.0);
}

TEST_CASE("palette: triangulation statuses follow CellStatus, with words and apart colours") {
  using qaframe::CellStatus;
  const auto styles = qr::triangulation_status_styles();
  REQUIRE(styles.size() == 9);
  const std::array<CellStatus, 9> order = {CellStatus::kCorroboratedConcern,
                                           CellStatus::kDivergent,
                                           CellStatus::kUnconfirmedConcern,
                                           CellStatus::kSingleSource,
                                           CellStatus::kCorroboratedStrength,
                                           CellStatus::kUnconfirmedStrength,
                                           CellStatus::kInLine,
                                           CellStatus::kInsufficient,
                                           CellStatus::kNoEvidence};
  std::set<std::string> abbreviations;
  for (std::size_t i = 0; i < styles.size(); ++i) {
    CHECK(styles[i].name == qaframe::cell_status_name(order[i]));
    CHECK(static_cast<std::size_t>(order[i]) == i);
    CHECK(qr::triangulation_status_style(styles[i].name) == &styles[i]);
    CHECK(!styles[i].abbreviation.empty());
    abbreviations.emplace(styles[i].abbreviation);
    CHECK(qr::contrast_ratio(styles[i].fill, qr::text_colour_on(styles[i].fill)) >= 4.5);
  }
  CHECK(abbreviations.size() == 9);
  CHECK(qr::triangulation_status_style("nonsense") == nullptr);
  // The concern corroborated is the worst grade's colour; the strength a dark blue.
  CHECK(qr::triangulation_status_style("corroborated concern")->fill == qr::ordinal_palette(4)[0]);
  // Every two statuses differ by ΔE00 >= 5 in every vision (the words carry the rest).
  for (std::size_t i = 0; i < styles.size(); ++i)
    for (std::size_t j = i + 1; j < styles.size(); ++j)
      for (const ColourVision vision : kVisions) {
        CAPTURE(styles[i].name);
        CAPTURE(styles[j].name);
        CHECK(qr::colour_distance(styles[i].fill, styles[j].fill, vision) >= 5.0);
      }
}

TEST_CASE("palette: the count ramp darkens with the count; inks and marks pass on white") {
  double previous = 101.0;
  for (int i = 0; i <= 20; ++i) {
    const double l = qr::to_lab(qr::sequential_colour(i / 20.0)).l;
    CHECK(l < previous);
    previous = l;
  }
  CHECK(qr::sequential_colour(-1.0) == qr::sequential_colour(0.0));
  CHECK(qr::sequential_colour(std::nan("")) == qr::sequential_colour(0.0));
  CHECK(qr::sequential_colour(7.0) == qr::sequential_colour(1.0));
  CHECK(qr::contrast_ratio(qr::kInk, qr::kBackground) >= 15.0);
  CHECK(qr::contrast_ratio(qr::kMutedInk, qr::kBackground) >= 7.0);
  // Marks are graphics: WCAG 2.1 asks 3:1 of them against their background (1.4.11).
  for (const Rgb mark : {qr::kBetterMark, qr::kWorseMark, qr::kNeutralMark})
    CHECK(qr::contrast_ratio(mark, qr::kBackground) >= 3.0);
  CHECK(qr::contrast_ratio(qr::kNeutralMark, qr::kBackground) >= 5.0);
}

TEST_CASE("palette: hex colours") {
  CHECK(hex("#1F5e9C") == Rgb{0x1f, 0x5e, 0x9c});
  CHECK(Rgb{0x1f, 0x5e, 0x9c}.hex() == "#1f5e9c");
  for (const char* bad : {"", "#12345", "#1234567", "123456#", "#12345g", "1f5e9c"})
    CHECK_FALSE(qr::parse_hex(bad).has_value());
}
