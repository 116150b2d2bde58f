// Disclosure control: suppression patterns and the attacker's ranges on tables worked by hand,
// publication rounding half up, and staff pseudonyms against SipHash's reference vectors.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "qaframe/publish/disclosure.hpp"
#include "qaframe/publish/pseudonym.hpp"
#include "qaframe/publish/rounding.hpp"
#include "qaframe/tally/grade_counts.hpp"

using qaframe::CountTable;
using qaframe::DisclosureRule;
using qaframe::LinkedTable;
using qaframe::Margins;
using qaframe::PublishedEntry;
using qaframe::SuppressedTable;
using qaframe::Suppression;
using qaframe::ZeroCells;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr auto P = Suppression::kPublished;
constexpr auto S1 = Suppression::kPrimary;
constexpr auto S2 = Suppression::kSecondary;
constexpr auto NP = Suppression::kNotPublished;

CountTable table(std::size_t rows, std::size_t columns, std::vector<std::int64_t> counts,
                 Margins margins = {}) {
  CountTable t;
  t.rows = rows;
  t.columns = columns;
  t.counts = std::move(counts);
  t.margins = margins;
  return t;
}

DisclosureRule rule(std::int64_t threshold, ZeroCells zeros = ZeroCells::kPublished,
                    std::optional<std::int64_t> protection = std::nullopt) {
  DisclosureRule r;
  r.threshold = threshold;
  r.zeros = zeros;
  r.protection = protection;
  return r;
}

SuppressedTable suppressed(const CountTable& t, const DisclosureRule& rule = {}) {
  auto s = qaframe::suppress_counts(t, rule);
  REQUIRE_MESSAGE(s.ok(), s.status().ToString());
  return *s;
}

std::vector<Suppression> statuses(const std::vector<PublishedEntry>& entries) {
  std::vector<Suppression> out;
  for (const auto& e : entries) out.push_back(e.status);
  return out;
}

void check_range(const PublishedEntry& e, double low, double high) {
  CHECK(e.low == low);
  CHECK(e.high == high);
}

}  // namespace

TEST_CASE("disclosure: one small cell of a 3x3 table needs the cheapest rectangle") {
  // 2 at (0,0). A rectangle through it moves (0,0) and (i,j) by +d, (0,j) and (i,0) by -d; the
  // cheapest of the four interior ones is rows {0,1} x columns {0,1}: 10 + 9 + 11 = 30 (the
  // others cost 35, 38, 47; any through a total more). The attacker (c >= 1, zeros shown) can
  // lower the 2 by 1 and raise it by min(10, 9) - 1 = 8: range [1, 10], width 9 >= 6.
  const SuppressedTable t = suppressed(table(3, 3, {2, 10, 12, 9, 11, 14, 15, 13, 20}));
  CHECK(statuses(t.cells) == std::vector{S1, S2, P, S2, S2, P, P, P, P});
  CHECK(statuses(t.row_totals) == std::vector{P, P, P});
  CHECK(statuses(t.column_totals) == std::vector{P, P, P});
  CHECK(t.grand_total.status == P);
  check_range(t.cell_unchecked(0, 0), 1, 10);
  check_range(t.cell_unchecked(0, 1), 2, 11);
  check_range(t.cell_unchecked(1, 0), 1, 10);
  check_range(t.cell_unchecked(1, 1), 10, 19);
  check_range(t.cell_unchecked(2, 2), 20, 20);
  CHECK(t.primary_count() == 1);
  CHECK(t.secondary_count() == 3);
  CHECK(t.cell_unchecked(0, 0).text() == "c");
  CHECK(t.cell_unchecked(0, 2).text() == "12");
  // Deterministic: the same table, the same pattern and ranges.
  CHECK(suppressed(table(3, 3, {2, 10, 12, 9, 11, 14, 15, 13, 20})) == t);
}

TEST_CASE("disclosure: a row's only small cell would follow from its total by subtraction") {
  // 3 + 40 + 57 = 100: with only the 3 suppressed, 3 = 100 - 40 - 57. Suppressing the next
  // smallest, 40, leaves x + y = 43 with x, y >= 1: each in [1, 42].
  const SuppressedTable t = suppressed(CountTable::one_way({3, 40, 57}));
  CHECK(statuses(t.cells) == std::vector{S1, S2, P});
  CHECK(t.row_totals[0].status == P);
  CHECK(statuses(t.column_totals) == std::vector{NP, NP, NP});
  CHECK(t.grand_total.status == NP);
  CHECK(t.grand_total.text().empty());
  check_range(t.cell_unchecked(0, 0), 1, 42);
  check_range(t.cell_unchecked(0, 1), 1, 42);
  // A one-row table that also publishes its column totals publishes each cell twice: the
  // totals are the same values and carry the same status.
  const SuppressedTable twice = suppressed(table(1, 3, {3, 40, 57}, Margins{}));
  CHECK(statuses(twice.cells) == std::vector{S1, S2, P});
  CHECK(statuses(twice.column_totals) == std::vector{S1, S2, P});
  CHECK(twice.grand_total.status == P);
}

TEST_CASE("disclosure: a small margin is suppressed and its row protected by another row") {
  // Row 0 is 2, 3 with total 5: all three primary. Row 0's values can only move together with
  // another row's: the cheapest is row 1 (20, 30, total 50), all three secondary. The attacker
  // knows x00 + x10 = 22, x01 + x11 = 33, r0 + r1 = 55, every cell >= 1.
  const SuppressedTable t = suppressed(table(3, 2, {2, 3, 20, 30, 40, 50}));
  CHECK(statuses(t.cells) == std::vector{S1, S1, S2, S2, P, P});
  CHECK(statuses(t.row_totals) == std::vector{S1, S2, P});
  CHECK(statuses(t.column_totals) == std::vector{P, P});
  CHECK(t.grand_total.status == P);
  check_range(t.cell_unchecked(0, 0), 1, 21);
  check_range(t.cell_unchecked(0, 1), 1, 32);
  check_range(t.row_totals[0], 2, 53);
  check_range(t.row_totals[1], 2, 53);
}

TEST_CASE("disclosure: zeros shown tell the attacker that every c is at least 1") {
  // 2, 3, 3 of 8. With zeros always shown each c is in [1, 8 - 2] = [1, 6]: width 5 < 6, so the
  // total goes too and nothing bounds the cells from above. When zeros may be suppressed, c
  // could be 0 and each cell is in [0, 8]: the total can stay.
  const SuppressedTable shown = suppressed(CountTable::one_way({2, 3, 3}));
  CHECK(statuses(shown.cells) == std::vector{S1, S1, S1});
  CHECK(shown.row_totals[0].status == S2);
  check_range(shown.cell_unchecked(0, 0), 1, kInf);
  check_range(shown.row_totals[0], 3, kInf);
  const SuppressedTable complement =
      suppressed(CountTable::one_way({2, 3, 3}), rule(5, ZeroCells::kComplement));
  CHECK(statuses(complement.cells) == std::vector{S1, S1, S1});
  CHECK(complement.row_totals[0].status == P);
  check_range(complement.cell_unchecked(0, 1), 0, 8);
}

TEST_CASE("disclosure: zeros are shown, or suppressed when sensitive") {
  // A 2x2 table with a zero: 0 is published and never a complement by default.
  const SuppressedTable t = suppressed(table(2, 2, {0, 30, 40, 50}));
  CHECK(t.primary_count() == 0);
  CHECK(t.cell_unchecked(0, 0).text() == "0");
  // Sensitive zeros are primary; the rectangle protects the 0: it can be 0..30 (the 30 in its row
  // and the 40 in its column go down, the 50 up).
  const SuppressedTable z =
      suppressed(table(2, 2, {0, 30, 40, 50}), rule(5, ZeroCells::kSensitive));
  CHECK(statuses(z.cells) == std::vector{S1, S2, S2, S2});
  check_range(z.cell_unchecked(0, 0), 0, 30);
}

TEST_CASE("disclosure: a table whose margins are not published needs no complement") {
  CountTable t = table(2, 2, {3, 30, 40, 50}, Margins{false, false, false});
  const SuppressedTable s = suppressed(t);
  CHECK(statuses(s.cells) == std::vector{S1, P, P, P});
  check_range(s.cell_unchecked(0, 0), 1, kInf);
  CHECK(statuses(s.row_totals) == std::vector{NP, NP});
  // Only the grand total: 3 = 123 - 30 - 40 - 50, so the cheapest other cell goes (30).
  t.margins.grand = true;
  const SuppressedTable g = suppressed(t);
  CHECK(statuses(g.cells) == std::vector{S1, S2, P, P});
  check_range(g.cell_unchecked(0, 0), 1, 32);
}

TEST_CASE("disclosure: the threshold and protection are the rule's") {
  // 7 is safe under the default threshold, sensitive under threshold 7 (with width 8 needed).
  const CountTable t = CountTable::one_way({7, 40, 57});
  CHECK(suppressed(t).primary_count() == 0);
  const DisclosureRule seven = rule(7);
  CHECK(seven.required_width() == 8);
  const SuppressedTable s = suppressed(t, seven);
  CHECK(statuses(s.cells) == std::vector{S1, S2, P});
  // Width 100: with the 40 alone the 7 is in [1, 46]; with the 57 too, x + y + z = 104 puts it
  // in [1, 102]. Width 200: nothing short of the total will do, and with the total suppressed
  // the 7 alone is unbounded above (7 = total - 97): the clean-up publishes the 40 and 57 again.
  const SuppressedTable w = suppressed(t, rule(7, ZeroCells::kPublished, 100));
  CHECK(statuses(w.cells) == std::vector{S1, S2, S2});
  CHECK(w.row_totals[0].status == P);
  check_range(w.cell_unchecked(0, 0), 1, 102);
  const SuppressedTable w2 = suppressed(t, rule(7, ZeroCells::kPublished, 200));
  CHECK(statuses(w2.cells) == std::vector{S1, P, P});
  CHECK(w2.row_totals[0].status == S2);
  check_range(w2.cell_unchecked(0, 0), 1, kInf);
  check_range(w2.cell_unchecked(0, 0), 1, kInf);
  CHECK(seven.describe().find("Counts from 1 to 7") == 0);
}

TEST_CASE("disclosure: tables published together are protected against differencing") {
  // Table A: rows 0..2 of 2 columns; table B: the same without row 0. Alone, each is safe or
  // protected; together, A's column totals minus B's give row 0 exactly.
  const std::vector<std::int64_t> base = {2, 3, 20, 30, 40, 50};
  const LinkedTable a{3, 2, {0, 1, 2, 3, 4, 5}, Margins{}};
  const LinkedTable b{2, 2, {2, 3, 4, 5}, Margins{}};
  auto both = qaframe::suppress_linked(base, std::vector{a, b});
  REQUIRE(both.ok());
  const SuppressedTable& ta = (*both)[0];
  const SuppressedTable& tb = (*both)[1];
  // Row 0 (2, 3, total 5) is primary in A. B publishes rows 1 and 2, hence A's too, so A's
  // column totals would give row 0 by subtraction (62 - 60 = 2, 83 - 80 = 3): both go, and then
  // A's grand total would give 2 + 3 = 145 - 140 = 5, each cell in [1, 4]: it goes as well.
  // With those hidden, row 0 is unbounded; B has nothing sensitive and is published whole.
  CHECK(statuses(ta.cells) == std::vector{S1, S1, P, P, P, P});
  CHECK(statuses(ta.row_totals) == std::vector{S1, P, P});
  CHECK(statuses(ta.column_totals) == std::vector{S2, S2});
  CHECK(ta.grand_total.status == S2);
  check_range(ta.cell_unchecked(0, 0), 1, kInf);
  check_range(ta.row_totals[0], 2, kInf);
  CHECK(tb.primary_count() + tb.secondary_count() == 0);
  // Alone, A would keep its column totals (its rows 1 and 2 protect row 0): differencing with B
  // is what forces them out.
  const SuppressedTable alone = suppressed(table(3, 2, {2, 3, 20, 30, 40, 50}));
  CHECK(statuses(alone.column_totals) == std::vector{P, P});
}

TEST_CASE("disclosure: bad input is an error that says where") {
  auto negative = qaframe::suppress_counts(table(2, 2, {1, 2, -3, 4}));
  REQUIRE_FALSE(negative.ok());
  CHECK(std::string(negative.status().message()).find("row 2, column 1: count -3") == 0);
  CHECK_FALSE(qaframe::suppress_counts(table(2, 2, {1, 2, 3})).ok());
  CHECK_FALSE(qaframe::suppress_counts(table(0, 0, {})).ok());
  CHECK_FALSE(qaframe::suppress_counts(table(1, 1, {1}), rule(-1)).ok());
  CHECK_FALSE(qaframe::suppress_counts(table(1, 1, {1}), rule(5, ZeroCells::kPublished, 0)).ok());
  auto huge = qaframe::suppress_counts(
      CountTable::one_way({std::int64_t{1} << 52, std::int64_t{1} << 52, 1}));
  CHECK_FALSE(huge.ok());
  CHECK_FALSE(qaframe::suppress_linked(std::vector<std::int64_t>{1, 2},
                                       std::vector{LinkedTable{1, 2, {0, 0}, Margins{}}})
                  .ok());
  CHECK_FALSE(qaframe::suppress_linked(std::vector<std::int64_t>{1, 2},
                                       std::vector{LinkedTable{1, 2, {0, 2}, Margins{}}})
                  .ok());
  CHECK(qaframe::parse_zero_cells("shown").value() == ZeroCells::kPublished);
  CHECK_FALSE(qaframe::parse_zero_cells("hidden").ok());
}

TEST_CASE("disclosure: GSS symbols") {
  CHECK(qaframe::gss_symbol(qaframe::GssSymbol::kSuppressed) == "c");
  CHECK(qaframe::gss_symbol(qaframe::GssSymbol::kNotApplicable) == "z");
  CHECK(qaframe::gss_symbol(qaframe::GssSymbol::kNotAvailable) == "x");
  CHECK(qaframe::gss_symbol(qaframe::GssSymbol::kLow) == "low");
}

TEST_CASE("rounding: percentages half up from integer counts") {
  CHECK(qaframe::percent_half_up(1, 8).value() == 13);     // 12.5
  CHECK(qaframe::percent_half_up(5, 200).value() == 3);    // 2.5, not banker's 2
  CHECK(qaframe::percent_half_up(1, 3).value() == 33);     // 33.3
  CHECK(qaframe::percent_half_up(2, 3).value() == 67);     // 66.7
  CHECK(qaframe::percent_half_up(35, 118).value() == 30);  // the seed's headline
  CHECK(qaframe::percent_half_up(0, 7).value() == 0);
  CHECK_FALSE(qaframe::percent_half_up(1, 0).ok());
  CHECK_FALSE(qaframe::percent_half_up(-1, 5).ok());
  // The same as the existing whole-number rounding of grade_counts.hpp wherever both apply.
  for (std::int64_t n = 1; n <= 60; ++n)
    for (std::int64_t k = 0; k <= n; ++k)
      CHECK(qaframe::percent_half_up(k, n).value() == qaframe::rounded_percent(k, n));
  CHECK(qaframe::round_half_up(std::numeric_limits<std::int64_t>::max(), 3, 2).value() ==
        std::numeric_limits<std::int64_t>::max() / 3 * 2 + 1);
  CHECK_FALSE(qaframe::round_half_up(std::numeric_limits<std::int64_t>::max(), 1, 2).ok());
}

TEST_CASE("rounding: what a table shows for a share or a rate") {
  CHECK(qaframe::published_percent(1, 8).value() == "13");
  CHECK(qaframe::published_percent(1, 8, 1).value() == "12.5");
  CHECK(qaframe::published_percent(1, 16, 1).value() == "6.3");  // 6.25 half up
  CHECK(qaframe::published_percent(5, 200, 1).value() == "2.5");
  CHECK(qaframe::published_percent(1, 3, 2).value() == "33.33");
  CHECK(qaframe::published_percent(1, 201).value() == "low");  // 0.4975...
  CHECK(qaframe::published_percent(1, 200).value() == "1");    // 0.5 half up
  CHECK(qaframe::published_percent(1, 2001, 1).value() == "low");
  CHECK(qaframe::published_percent(0, 200).value() == "0");  // a true zero
  CHECK(qaframe::published_percent(0, 0).value() == "z");
  CHECK(qaframe::published_percent(3, 20, 0, true, false).value() == "c");
  CHECK(qaframe::published_percent(30, 200, 0, false, true).value() == "c");
  CHECK(qaframe::published_rate(7, 3000, 10000).value() == "23");  // 23.33 per 10,000
  CHECK(qaframe::published_rate(7, 3000, 10000, 1).value() == "23.3");
  CHECK(qaframe::published_percent(1, 20, 0).value() == "5");
  CHECK_FALSE(qaframe::published_percent(1, 8, 7).ok());
  CHECK_FALSE(qaframe::published_rate(1, 8, 0).ok());
  // Shares of a suppressed table's entries follow their suppression.
  const SuppressedTable t = suppressed(table(3, 3, {2, 10, 12, 9, 11, 14, 15, 13, 20}));
  CHECK(qaframe::published_percent(t.cell_unchecked(0, 0), t.row_totals[0]).value() == "c");
  CHECK(qaframe::published_percent(t.cell_unchecked(0, 2), t.row_totals[0]).value() == "50");
}

TEST_CASE("pseudonyms: SipHash-2-4 reference vectors") {
  // Aumasson and Bernstein's vectors: key 00 01 .. 0f, message 00 01 .. (n-1).
  const auto key = qaframe::PseudonymKey::from_hex("000102030405060708090a0b0c0d0e0f");
  REQUIRE(key.ok());
  CHECK(key->k0 == 0x0706050403020100ULL);
  CHECK(key->k1 == 0x0f0e0d0c0b0a0908ULL);
  std::string message;
  const absl::flat_hash_map<std::size_t, std::uint64_t> expected = {
      {0, 0x726fdb47dd0e0e31ULL}, {1, 0x74f839c593dc67fdULL}, {2, 0x0d6c8009d9a94f5aULL},
      {3, 0x85676696d7fb7e2dULL}, {4, 0xcf2794e0277187b7ULL}, {8, 0x93f5f5799a932462ULL},
      {15, 0xa129ca6149be45e5ULL}};
  for (std::size_t n = 0; n <= 15; ++n) {
    if (expected.contains(n)) CHECK(qaframe::siphash24(*key, message) == expected.at(n));
    message.push_back(static_cast<char>(n));
  }
  CHECK_FALSE(qaframe::PseudonymKey::from_hex("0001").ok());
  CHECK_FALSE(qaframe::PseudonymKey::from_hex("zz0102030405060708090a0b0c0d0e0f").ok());
}

TEST_CASE("pseudonyms: stable, keyed, normalised, collision-checked") {
  const auto key = qaframe::PseudonymKey::from_hex("8f14e45fceea167a5a36dedd4bea2543").value();
  const auto other = qaframe::PseudonymKey::from_hex("8f14e45fceea167a5a36dedd4bea2544").value();
  const std::vector<std::string> names = {"J. Thornton", " j.  THORNTON ", "N. Sharma", ""};
  auto p = qaframe::pseudonymise(names, key, "Auditor");
  REQUIRE(p.ok());
  CHECK((*p)[0] == (*p)[1]);  // the same person however typed
  CHECK((*p)[0] != (*p)[2]);
  CHECK((*p)[3].empty());
  CHECK((*p)[0].size() == std::string("Auditor 7F3A").size());
  CHECK((*p)[0].rfind("Auditor ", 0) == 0);
  const std::string code = absl::StrFormat("%016X", qaframe::siphash24(key, "j. thornton"));
  CHECK((*p)[0] == "Auditor " + code.substr(0, 4));
  // Stable across calls and reports: a name alone decides its pseudonym.
  auto alone = qaframe::pseudonymise(std::vector<std::string>{"N. Sharma"}, key, "Auditor");
  CHECK(alone.value()[0] == (*p)[2]);
  // Keyed: another key, other pseudonyms.
  CHECK(qaframe::pseudonymise(names, other, "Auditor").value()[0] != (*p)[0]);
  CHECK(qaframe::normalise_staff_name("  A.\tB  Patel ") == "a. b patel");
  // A collision among 4-digit codes (found, not assumed) is an error naming both names.
  absl::flat_hash_map<std::string, std::string> seen;
  std::vector<std::string> pair;
  for (int i = 0; pair.empty() && i < 100000; ++i) {
    const std::string name = absl::StrCat("Worker ", i);
    const std::string c =
        absl::StrFormat("%016X", qaframe::siphash24(key, qaframe::normalise_staff_name(name)))
            .substr(0, 4);
    auto [it, inserted] = seen.try_emplace(c, name);
    if (!inserted) pair = {it->second, name};
  }
  REQUIRE(pair.size() == 2);
  auto clash = qaframe::pseudonymise(pair, key);
  REQUIRE_FALSE(clash.ok());
  CHECK(std::string(clash.status().message()).find(pair[0]) != std::string::npos);
  CHECK(std::string(clash.status().message()).find(pair[1]) != std::string::npos);
  CHECK(qaframe::pseudonymise(pair, key, "Staff", 8).ok());  // more digits separate them
  CHECK_FALSE(qaframe::pseudonymise(pair, key, "Staff", 3).ok());
}
