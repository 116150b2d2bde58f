#include "qaframe/render/palette.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>

#include "absl/strings/str_cat.h"
#include "qaframe/model/text.hpp"

namespace qaframe::charts {
namespace {

using Vec3 = std::array<double, 3>;
using Mat3 = std::array<Vec3, 3>;

Vec3 multiply(const Mat3& m, const Vec3& v) {
  return {m[0][0] * v[0] + m[0][1] * v[1] + m[0][2] * v[2],
          m[1][0] * v[0] + m[1][1] * v[1] + m[1][2] * v[2],
          m[2][0] * v[0] + m[2][1] * v[1] + m[2][2] * v[2]};
}

// IEC 61966-2-1 transfer function and its inverse; channels in [0, 1].
double linearise(double c) { return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4); }
double encode(double c) {
  c = std::clamp(c, 0.0, 1.0);
  return c <= 0.0031308 ? 12.92 * c : 1.055 * std::pow(c, 1.0 / 2.4) - 0.055;
}

Vec3 linear_rgb(Rgb c) {
  return {linearise(c.r / 255.0), linearise(c.g / 255.0), linearise(c.b / 255.0)};
}
std::uint8_t byte_of(double encoded) {
  return static_cast<std::uint8_t>(std::lround(std::clamp(encoded, 0.0, 1.0) * 255.0));
}
Rgb from_linear(const Vec3& v) {
  return {byte_of(encode(v[0])), byte_of(encode(v[1])), byte_of(encode(v[2]))};
}

// sRGB (D65) to CIE XYZ and back (Lindbloom's matrices, white (0.95047, 1, 1.08883)).
constexpr Mat3 kRgbToXyz = {{{0.4124564, 0.3575761, 0.1804375},
                             {0.2126729, 0.7151522, 0.0721750},
                             {0.0193339, 0.1191920, 0.9503041}}};
constexpr Mat3 kXyzToRgb = {{{3.2404542, -1.5371385, -0.4985314},
                             {-0.9692660, 1.8760108, 0.0415560},
                             {0.0556434, -0.2040259, 1.0572252}}};
constexpr Vec3 kWhite = {0.95047, 1.0, 1.08883};

// CIE 1976: f(t) = t^(1/3) above (6/29)^3, else t/(3 (6/29)^2) + 4/29.
constexpr double kDelta = 6.0 / 29.0;
double lab_f(double t) {
  return t > kDelta * kDelta * kDelta ? std::cbrt(t) : t / (3.0 * kDelta * kDelta) + 4.0 / 29.0;
}
double lab_f_inverse(double t) {
  return t > kDelta ? t * t * t : 3.0 * kDelta * kDelta * (t - 4.0 / 29.0);
}

Vec3 lab_to_linear_rgb(const Lab& lab) {
  const double fy = (lab.l + 16.0) / 116.0;
  const Vec3 xyz = {lab_f_inverse(fy + lab.a / 500.0) * kWhite[0], lab_f_inverse(fy) * kWhite[1],
                    lab_f_inverse(fy - lab.b / 200.0) * kWhite[2]};
  return multiply(kXyzToRgb, xyz);
}

double radians(double degrees) { return degrees * std::numbers::pi / 180.0; }
double degrees(double radians) { return radians * 180.0 / std::numbers::pi; }

// The colour of lightness L*, chroma C* and hue h (degrees); when it lies outside sRGB the
// chroma is reduced (bisection) until it fits, so lightness and hue are kept.
Rgb from_lch(double l, double chroma, double hue) {
  auto linear_at = [&](double c) {
    return lab_to_linear_rgb({l, c * std::cos(radians(hue)), c * std::sin(radians(hue))});
  };
  auto in_gamut = [](const Vec3& v) {
    return std::all_of(v.begin(), v.end(), [](double x) { return x >= -1e-9 && x <= 1 + 1e-9; });
  };
  if (!in_gamut(linear_at(chroma))) {
    double lo = 0.0, hi = chroma;
    for (int i = 0; i < 40; ++i) {
      const double mid = (lo + hi) / 2.0;
      (in_gamut(linear_at(mid)) ? lo : hi) = mid;
    }
    chroma = lo;
  }
  return from_linear(linear_at(chroma));
}

// The ordinal rule (see palette.hpp): position t in [0, 1] worst to best.
constexpr double kLightnessWorst = 32.0;
constexpr double kLightnessBest = 80.0;
constexpr double kHueConcern = 55.0;    // orange
constexpr double kHueStrength = 255.0;  // blue
Rgb ordinal_colour(double t) {
  const double l = kLightnessWorst + (kLightnessBest - kLightnessWorst) * t;
  const double away = std::abs(2.0 * t - 1.0);  // 0 in the middle, 1 at both ends
  // Orange needs more chroma than blue to read as a colour at the same lightness.
  if (t <= 0.5) return from_lch(l, 50.0 + 25.0 * away, kHueConcern);
  return from_lch(l, 30.0 + 15.0 * away, kHueStrength);
}

// Machado, Oliveira & Fernandes (2009), table of simulation matrices, severity 1.0.
constexpr Mat3 kProtanopia = {{{0.152286, 1.052583, -0.204868},
                               {0.114503, 0.786281, 0.099216},
                               {-0.003882, -0.048116, 1.051998}}};
constexpr Mat3 kDeuteranopia = {{{0.367322, 0.860646, -0.227968},
                                 {0.280085, 0.672501, 0.047413},
                                 {-0.011820, 0.042940, 0.968881}}};

constexpr std::array<StatusStyle, 9> kStatusStyles = {{
    {"corroborated concern", "CC", {0x80, 0x34, 0x00}},
    {"divergent", "DIV", {0xdc, 0xb0, 0x00}},
    {"unconfirmed concern", "UC", {0xf4, 0xa5, 0x72}},
    {"single source", "SS", {0xe6, 0xdc, 0xc3}},
    {"corroborated strength", "CS", {0x1f, 0x5e, 0x9c}},
    {"unconfirmed strength", "US", {0xa6, 0xcd, 0xf0}},
    {"in line", "IL", {0xbf, 0xbf, 0xbf}},
    {"insufficient", "INS", {0xe3, 0xe3, 0xe3}},
    {"no evidence", "NE", {0xff, 0xff, 0xff}},
}};

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string Rgb::hex() const {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out = "#";
  for (const std::uint8_t v : {r, g, b}) {
    out += kDigits[v >> 4];
    out += kDigits[v & 0xf];
  }
  return out;
}

std::optional<Rgb> parse_hex(std::string_view text) {
  if (text.size() != 7 || text[0] != '#') return std::nullopt;
  std::array<std::uint8_t, 3> v{};
  for (std::size_t i = 0; i < 3; ++i) {
    const int hi = hex_digit(text[1 + 2 * i]), lo = hex_digit(text[2 + 2 * i]);
    if (hi < 0 || lo < 0) return std::nullopt;
    v[i] = static_cast<std::uint8_t>(hi * 16 + lo);
  }
  return Rgb{v[0], v[1], v[2]};
}

std::vector<Rgb> ordinal_palette(std::size_t levels) {
  std::vector<Rgb> out;
  out.reserve(levels);
  if (levels == 1) out.push_back(ordinal_colour(0.5));
  for (std::size_t i = 0; levels > 1 && i < levels; ++i)
    out.push_back(ordinal_colour(static_cast<double>(i) / static_cast<double>(levels - 1)));
  return out;
}

Rgb not_applicable_colour() { return {0xa3, 0xa3, 0xa3}; }

Rgb sequential_colour(double t) {
  if (!(t >= 0.0)) t = 0.0;  // NaN too
  t = std::min(t, 1.0);
  // L* 97 (near white) to 30 (navy) at a blue hue; chroma grows with darkness.
  return from_lch(97.0 - 67.0 * t, 4.0 + 40.0 * t, 260.0);
}

std::span<const StatusStyle> triangulation_status_styles() { return kStatusStyles; }

const StatusStyle* triangulation_status_style(std::string_view name) {
  for (const StatusStyle& s : kStatusStyles)
    if (s.name == name) return &s;
  return nullptr;
}

double relative_luminance(Rgb colour) {
  const Vec3 v = linear_rgb(colour);
  return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
}

double contrast_ratio(Rgb a, Rgb b) {
  const double la = relative_luminance(a), lb = relative_luminance(b);
  return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

Rgb text_colour_on(Rgb fill) {
  constexpr Rgb kBlack{0, 0, 0}, kWhiteText{0xff, 0xff, 0xff};
  return contrast_ratio(fill, kBlack) >= contrast_ratio(fill, kWhiteText) ? kBlack : kWhiteText;
}

absl::StatusOr<ColourVision> parse_colour_vision(std::string_view name) {
  if (name == "normal") return ColourVision::kNormal;
  if (name == "protanopia") return ColourVision::kProtanopia;
  if (name == "deuteranopia") return ColourVision::kDeuteranopia;
  return absl::InvalidArgumentError(absl::StrCat(
      "colour vision must be 'normal', 'protanopia' or 'deuteranopia', got '", sv(name), "'"));
}

Rgb simulate(Rgb colour, ColourVision vision) {
  switch (vision) {
    case ColourVision::kProtanopia:
      return from_linear(multiply(kProtanopia, linear_rgb(colour)));
    case ColourVision::kDeuteranopia:
      return from_linear(multiply(kDeuteranopia, linear_rgb(colour)));
    case ColourVision::kNormal:
      break;
  }
  return colour;
}

Lab to_lab(Rgb colour) {
  const Vec3 xyz = multiply(kRgbToXyz, linear_rgb(colour));
  const double fx = lab_f(xyz[0] / kWhite[0]), fy = lab_f(xyz[1] / kWhite[1]),
               fz = lab_f(xyz[2] / kWhite[2]);
  return {116.0 * fy - 16.0, 500.0 * (fx - fy), 200.0 * (fy - fz)};
}

double ciede2000(const Lab& x, const Lab& y) {
  // Sharma, Wu & Dalal (2005), equations numbered as in the paper.
  const double c1 = std::hypot(x.a, x.b), c2 = std::hypot(y.a, y.b);  // (2)
  const double c_mean = (c1 + c2) / 2.0;                              // (3)
  const double c7 = std::pow(c_mean, 7.0);
  const double g = 0.5 * (1.0 - std::sqrt(c7 / (c7 + std::pow(25.0, 7.0))));  // (4)
  const double a1 = (1.0 + g) * x.a, a2 = (1.0 + g) * y.a;                    // (5)
  const double c1p = std::hypot(a1, x.b), c2p = std::hypot(a2, y.b);          // (6)
  auto hue = [](double b, double a) {                                         // (7)
    if (a == 0.0 && b == 0.0) return 0.0;
    const double h = degrees(std::atan2(b, a));
    return h < 0.0 ? h + 360.0 : h;
  };
  const double h1 = hue(x.b, a1), h2 = hue(y.b, a2);
  const double dl = y.l - x.l;  // (8)
  const double dc = c2p - c1p;  // (9)
  double dh = 0.0;              // (10)
  if (c1p * c2p != 0.0) {
    dh = h2 - h1;
    if (dh > 180.0) dh -= 360.0;
    if (dh < -180.0) dh += 360.0;
  }
  const double dhh = 2.0 * std::sqrt(c1p * c2p) * std::sin(radians(dh / 2.0));  // (11)
  const double l_mean = (x.l + y.l) / 2.0;                                      // (12)
  const double cp_mean = (c1p + c2p) / 2.0;                                     // (13)
  double h_mean = h1 + h2;                                                      // (14)
  if (c1p * c2p != 0.0) {
    if (std::abs(h1 - h2) <= 180.0)
      h_mean = (h1 + h2) / 2.0;
    else if (h1 + h2 < 360.0)
      h_mean = (h1 + h2 + 360.0) / 2.0;
    else
      h_mean = (h1 + h2 - 360.0) / 2.0;
  }
  const double t = 1.0 - 0.17 * std::cos(radians(h_mean - 30.0)) +
                   0.24 * std::cos(radians(2.0 * h_mean)) +
                   0.32 * std::cos(radians(3.0 * h_mean + 6.0)) -
                   0.20 * std::cos(radians(4.0 * h_mean - 63.0));                   // (15)
  const double d_theta = 30.0 * std::exp(-std::pow((h_mean - 275.0) / 25.0, 2.0));  // (16)
  const double cp7 = std::pow(cp_mean, 7.0);
  const double rc = 2.0 * std::sqrt(cp7 / (cp7 + std::pow(25.0, 7.0)));  // (17)
  const double l50 = (l_mean - 50.0) * (l_mean - 50.0);
  const double sl = 1.0 + 0.015 * l50 / std::sqrt(20.0 + l50);  // (18)
  const double sc = 1.0 + 0.045 * cp_mean;                      // (19)
  const double sh = 1.0 + 0.015 * cp_mean * t;                  // (20)
  const double rt = -std::sin(radians(2.0 * d_theta)) * rc;     // (21)
  const double tl = dl / sl, tc = dc / sc, th = dhh / sh;
  return std::sqrt(tl * tl + tc * tc + th * th + rt * tc * th);  // (22)
}

double colour_distance(Rgb x, Rgb y, ColourVision vision) {
  return ciede2000(to_lab(simulate(x, vision)), to_lab(simulate(y, vision)));
}

}  // namespace qaframe::charts
