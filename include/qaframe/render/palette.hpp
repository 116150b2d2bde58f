#pragma once
/// @file palette.hpp
/// The colours of the charts and the colour science that checks them: an ordinal palette for
/// grading scales (worst to best) with a neutral for N/A, the fills of the triangulation cell
/// statuses, WCAG 2.1 luminance and contrast, the choice of black or white text on a fill,
/// simulated protanopia and deuteranopia (Machado, Oliveira & Fernandes 2009) and the CIEDE2000
/// colour difference (Sharma, Wu & Dalal 2005).
///
/// The ordinal palette: orange hues below the middle of the scale, blue hues above it, with
/// CIE lightness L* rising evenly from the worst level (L* 32) to the best (L* 80).
/// - Hue carries the side of the scale. Orange against blue lies on the yellow-blue axis that
///   protanopes and deuteranopes keep, so "below Good" and "Good or better" stay apart under
///   both simulations; red against green (the RAG habit) is the pair they lose.
/// - Lightness carries the order. Monotone L* keeps the order in greyscale print and under any
///   colour vision, with adjacent levels at least 48/(k−1) L* apart even if hue were lost.
/// - The worst level is the darkest, so concerns carry the most visual weight.
/// A sequential viridis/cividis ramp would also survive colour-blindness, but it marks no
/// boundary between the grades a report treats as concerns and the rest; a classic diverging
/// map (dark at both ends, light in the middle) would lose the order in greyscale.
/// With 4 levels (Ofsted) adjacent grades differ by CIEDE2000 ≥ 11 under normal vision and both
/// simulations; the distance falls with the number of levels (≥ 6 up to 7 levels), so scales
/// with more levels (0-10 scaling questions) need their values written on the chart as well.

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace qaframe::charts {

/// An sRGB colour with 8-bit channels.
struct Rgb {
  std::uint8_t r = 0;  ///< red
  std::uint8_t g = 0;  ///< green
  std::uint8_t b = 0;  ///< blue
  /// "#rrggbb", lower case.
  std::string hex() const;
  friend bool operator==(const Rgb&, const Rgb&) = default;
};

/// Parses "#rrggbb" (either case); nullopt for anything else.
std::optional<Rgb> parse_hex(std::string_view text);

/// A colour in CIE 1976 L*a*b*, D65 white.
struct Lab {
  double l = 0.0;  ///< lightness L*, 0 (black) to 100 (white)
  double a = 0.0;  ///< green (−) to red (+)
  double b = 0.0;  ///< blue (−) to yellow (+)
};

/// The colours of an ordinal scale of `levels` levels, worst first (see the file comment for
/// the rule). One level gets the middle colour; zero levels an empty vector.
std::vector<Rgb> ordinal_palette(std::size_t levels);

/// The fill of N/A (ungraded): a mid grey, achromatic, so no grade is mistaken for it.
Rgb not_applicable_colour();

/// A light-to-dark blue ramp for counts (the heat map): `t` in [0, 1] (clamped), 0 lightest.
Rgb sequential_colour(double t);

/// Ink of the charts: body text, on white at 16:1.
inline constexpr Rgb kInk{0x1f, 0x1f, 0x1f};
/// Ink of secondary text (ticks, notes): #595959, 7.0:1 on white.
inline constexpr Rgb kMutedInk{0x59, 0x59, 0x59};
/// Grid lines and frames (not text).
inline constexpr Rgb kGrid{0xd9, 0xd9, 0xd9};
/// The background every chart paints first, so text contrast is defined.
inline constexpr Rgb kBackground{0xff, 0xff, 0xff};
/// Marks that lie on the better side (funnel points, estimates): the dark blue of strengths.
inline constexpr Rgb kBetterMark{0x1f, 0x5e, 0x9c};
/// Marks that lie on the worse side: the worst grade's dark orange.
inline constexpr Rgb kWorseMark{0x80, 0x34, 0x00};
/// Marks without a direction: a grey at 5.3:1 on white (WCAG 1.4.11 asks 3:1 of graphics).
inline constexpr Rgb kNeutralMark{0x6b, 0x6b, 0x6b};

/// The style of one triangulation cell status: its name (as qaframe::cell_status_name writes
/// it), the abbreviation written in the cell, and the fill.
struct StatusStyle {
  std::string_view name;          ///< "corroborated concern", ...
  std::string_view abbreviation;  ///< "CC", ...
  Rgb fill;                       ///< the cell's colour
};

/// The nine cell statuses of the triangulation matrix in the order of qaframe::CellStatus:
/// corroborated concern, divergent, unconfirmed concern, single source, corroborated strength,
/// unconfirmed strength, in line, insufficient, no evidence. Concerns are orange (the worst
/// grade's colour when corroborated), strengths blue, divergence gold, the rest greys.
std::span<const StatusStyle> triangulation_status_styles();

/// The style of the status called `name`, or nullptr when there is none.
const StatusStyle* triangulation_status_style(std::string_view name);

/// WCAG 2.1 relative luminance: 0.2126 R + 0.7152 G + 0.0722 B of the linearised channels
/// (c/12.92 up to 0.04045, else ((c + 0.055)/1.055)^2.4, c in [0, 1]).
double relative_luminance(Rgb colour);

/// WCAG 2.1 contrast ratio (L1 + 0.05)/(L2 + 0.05), L1 the lighter: 1 to 21.
double contrast_ratio(Rgb a, Rgb b);

/// Black or white, whichever contrasts more with `fill`. On any fill the better of the two
/// reaches at least 4.58:1, above the 4.5:1 of WCAG 2.1 AA for normal text.
Rgb text_colour_on(Rgb fill);

/// A kind of colour vision.
enum class ColourVision : std::uint8_t {
  kNormal,        ///< trichromat
  kProtanopia,    ///< no long-wavelength cones
  kDeuteranopia,  ///< no medium-wavelength cones
};

/// "normal", "protanopia" or "deuteranopia"; InvalidArgument for anything else.
absl::StatusOr<ColourVision> parse_colour_vision(std::string_view name);

/// How `colour` looks with `vision`: Machado, Oliveira & Fernandes (2009), "A physiologically-
/// based model for simulation of color vision deficiency", IEEE TVCG 15(6):1291-1298, the
/// severity-1.0 matrices, applied to linear RGB, clipped to [0, 1] and re-encoded as sRGB.
Rgb simulate(Rgb colour, ColourVision vision);

/// CIE L*a*b* (D65) of an sRGB colour (IEC 61966-2-1 matrix).
Lab to_lab(Rgb colour);

/// CIEDE2000 colour difference ΔE00 (kL = kC = kH = 1): Sharma, Wu & Dalal (2005), "The
/// CIEDE2000 color-difference formula: implementation notes, supplementary test data, and
/// mathematical observations", Color Res Appl 30(1):21-30, equations 1-22. About 1 is a just
/// noticeable difference between large patches.
double ciede2000(const Lab& x, const Lab& y);

/// ΔE00 between two sRGB colours as seen with `vision`.
double colour_distance(Rgb x, Rgb y, ColourVision vision = ColourVision::kNormal);

}  // namespace qaframe::charts
