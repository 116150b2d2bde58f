// Levels, Categorical and CategoricalBuilder: the arena of level texts and the build-time index.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <type_traits>
#include <vector>

#include "qaframe/model/categorical.hpp"

using qaframe::Categorical;
using qaframe::CategoricalBuilder;
using qaframe::Levels;

TEST_CASE("categorical: levels in order of first appearance, codes per row") {
  CategoricalBuilder b;
  for (const char* v : {"DTA", "DCT", "DTA", "", "H4U", "DCT", ""}) b.append(v);
  CHECK(b.size() == 7);
  CHECK(b.levels() == 4);
  Categorical c = b.finish();
  CHECK(c.levels() == std::vector<std::string>{"DTA", "DCT", "", "H4U"});
  CHECK(c.codes() == std::vector<std::uint32_t>{0, 1, 0, 2, 3, 1, 2});
  CHECK(c.value(4) == "H4U");
  CHECK(c.find("H4U") == 3);
  CHECK(c.find("") == 2);
  CHECK(c.find("YOS") == -1);
  CHECK(c.count_distinct() == 4);
  CHECK(c.take({1, 4}).count_distinct() == 2);
  // The builder is empty again and reusable.
  CHECK(b.size() == 0);
  b.append("x");
  const Categorical again = b.finish();  // levels() of a temporary column does not compile
  CHECK(again.levels() == std::vector<std::string>{"x"});
}

TEST_CASE("categorical: many levels survive rehashing and moves of the builder") {
  std::vector<CategoricalBuilder> builders(1);
  for (int i = 0; i < 20000; ++i) builders[0].append("C-" + std::to_string(i % 7919));
  builders.resize(8);  // moves the builder: its index must still find its levels
  for (int i = 0; i < 7919; ++i) builders[0].append("C-" + std::to_string(i));
  Categorical c = builders[0].finish();
  REQUIRE(c.levels().size() == 7919);
  CHECK(c.size() == 27919);
  for (std::size_t i = 0; i < c.size(); i += 997) {
    CHECK(c.value(i) == "C-" + std::to_string(i < 20000 ? i % 7919 : i - 20000));
  }
  CHECK(c.levels()[7918] == "C-7918");
  // Levels iterate as string views and compare with lists of strings.
  std::vector<std::string> first(c.levels().begin(), c.levels().begin() + 3);
  CHECK(first == std::vector<std::string>{"C-0", "C-1", "C-2"});
  CHECK(c.levels().end() - c.levels().begin() == 7919);
  CHECK(c.levels().to_vector().size() == 7919);
  // Compact: the text and a 4-byte offset per level, no per-level string objects.
  CHECK(c.levels().memory_bytes() < 7919 * (6 + 4) + 64);
}

TEST_CASE("categorical: equality by values, whatever the codes") {
  CategoricalBuilder a, b;
  for (const char* v : {"x", "y", "x"}) a.append(v);
  for (const char* v : {"y", "x"}) b.append(v);
  Categorical ca = a.finish();
  Categorical cb = b.finish();
  CHECK_FALSE(ca == cb);
  CHECK(ca.take({1, 0}) == cb);
  CHECK(ca.levels() == ca.levels());
  CHECK_FALSE(ca.levels() == cb.levels());
}

TEST_CASE("categorical: codes take one, two, three or four bytes by the number of levels") {
  using qaframe::CategoryCodes;
  // The width holds every level (and every code): 256 levels in one byte, 257 in two, 65,536
  // in two, 65,537 in three, 16,777,216 in three, 16,777,217 in four.
  struct Case {
    std::size_t levels;
    int width;
  };
  for (const Case& c : {Case{1, 1}, Case{256, 1}, Case{257, 2}, Case{65536, 2}, Case{65537, 3},
                        Case{std::size_t{1} << 24, 3}, Case{(std::size_t{1} << 24) + 1, 4}}) {
    CAPTURE(c.levels);
    std::vector<std::uint32_t> raw;
    const std::size_t rows = std::min<std::size_t>(3 * c.levels, 300000);
    for (std::size_t i = 0; i < rows; ++i)
      raw.push_back(static_cast<std::uint32_t>((i * 7919) % c.levels));
    raw.push_back(static_cast<std::uint32_t>(c.levels - 1));  // the largest code, last
    raw.push_back(0);
    CategoryCodes codes(raw, c.levels);
    CHECK(codes.width() == c.width);
    REQUIRE(codes.size() == raw.size());
    CHECK(codes == raw);
    CHECK(codes.to_vector() == raw);
    CHECK(codes.memory_bytes() >= raw.size() * static_cast<std::size_t>(c.width));
    CHECK(codes.memory_bytes() < raw.size() * static_cast<std::size_t>(c.width) + 64);
    CHECK(codes[raw.size() - 2] == c.levels - 1);
    // visit gives the stored type (three bytes: PackedCodes24, read as 32-bit values); its
    // values are the codes.
    const std::size_t bytes = codes.visit([](auto s) {
      return std::is_same_v<decltype(s), qaframe::PackedCodes24> ? 3 : sizeof(s[0]);
    });
    CHECK(bytes == static_cast<std::size_t>(c.width));
    const std::uint64_t sum = codes.visit([](auto s) {
      std::uint64_t t = 0;
      for (auto v : s) t += v;
      return t;
    });
    std::uint64_t expected = 0;
    for (std::uint32_t v : raw) expected += v;
    CHECK(sum == expected);
    const CategoryCodes some = codes.take({2, 0, 1});
    CHECK(some.width() == c.width);
    CHECK(some == std::vector<std::uint32_t>{raw[2], raw[0], raw[1]});
    const CategoryCodes last = codes.take({static_cast<std::uint32_t>(raw.size() - 2)});
    CHECK(last == std::vector<std::uint32_t>{static_cast<std::uint32_t>(c.levels - 1)});
  }
  // Equal by value whatever the widths: the same codes stored one, three and four bytes wide.
  const std::vector<std::uint32_t> small = {0, 3, 1, 3};
  CHECK(CategoryCodes(small, 4) == CategoryCodes(small, 100000));
  CHECK(CategoryCodes(small, 100000).width() == 3);
  CHECK(CategoryCodes(small, 100000) == CategoryCodes(small, std::size_t{1} << 25));
  CHECK(CategoryCodes(small, std::size_t{1} << 25).width() == 4);
  CHECK_FALSE(CategoryCodes(small, 4) == CategoryCodes({0, 3, 1, 2}, 100000));
  CHECK_FALSE(CategoryCodes(small, 4) == CategoryCodes({0, 3, 1}, 4));
  // A code past the levels is kept as given (the width grows to hold it), for check() to name.
  auto levels = std::make_shared<const Levels>(std::vector<std::string>{"a", "b"});
  const Categorical bad(levels, std::vector<std::uint32_t>{0, 1, 300});
  CHECK(bad.codes().width() == 2);
  CHECK(bad.codes()[2] == 300);
  CHECK(bad.check().message() == "row 2 has code 300, past the column's 2 levels");
  // A finished column of few levels holds a byte a row.
  CategoricalBuilder b;
  for (int i = 0; i < 1000; ++i) b.append(i % 3 == 0 ? "Core" : "Practice Review Week");
  const Categorical c = b.finish();
  CHECK(c.codes().width() == 1);
  CHECK(c.memory_bytes() < 1000 + 200);
  CHECK(c.value(3) == "Core");
  CHECK(c.value(4) == "Practice Review Week");
}

TEST_CASE("categorical: levels of one length drop their offsets, and read the same") {
  Levels fixed;
  std::vector<std::string> texts;
  for (int i = 0; i < 5000; ++i) {
    texts.push_back("C-" + std::to_string(100000 + i));  // 8 bytes each
    CHECK(fixed.push_back(texts.back()) == static_cast<std::uint32_t>(i));
  }
  const Levels with_offsets(fixed);
  fixed.shrink_to_fit();
  CHECK(fixed.memory_bytes() == 5000 * 8);  // the text alone: no offsets
  CHECK(fixed.size() == 5000);
  CHECK(fixed.text_bytes() == 5000 * 8);
  CHECK(fixed[0] == "C-100000");
  CHECK(fixed[4999] == "C-104999");
  CHECK(fixed == texts);
  CHECK(fixed == with_offsets);  // equal whichever way they are held
  CHECK(with_offsets == fixed);
  CHECK(std::vector<std::string>(fixed.begin(), fixed.end()) == texts);
  // A level of another length brings the offsets back; every level still reads the same.
  CHECK(fixed.push_back("C-1") == 5000);
  texts.push_back("C-1");
  CHECK(fixed.size() == 5001);
  CHECK(fixed == texts);
  fixed.shrink_to_fit();  // lengths differ now: the offsets stay
  CHECK(fixed.memory_bytes() == 5000 * 8 + 3 + 5002 * 4);
  CHECK(fixed == texts);
  // Appending: fixed-width levels to others and back, offsets shifted by the text before.
  Levels a(std::vector<std::string>{"ab", "cd"});
  Levels b(std::vector<std::string>{"xyz", ""});
  CHECK(a.append(b));
  CHECK(a == std::vector<std::string>{"ab", "cd", "xyz", ""});
  CHECK(b.append(Levels(std::vector<std::string>{"pq", "rs"})));
  CHECK(b == std::vector<std::string>{"xyz", "", "pq", "rs"});
  // Empty levels of one length (zero) and no levels at all.
  Levels blank(std::vector<std::string>{"", ""});
  CHECK(blank.size() == 2);
  CHECK(blank[1].empty());
  CHECK(Levels(std::vector<std::string>{}).empty());
  CHECK_FALSE(blank == Levels(std::vector<std::string>{""}));
  // A finished column of fixed-width identifiers: its levels without offsets.
  CategoricalBuilder ids;
  for (int i = 0; i < 3000; ++i) ids.append("C-" + std::to_string(100000 + i % 1000));
  const Categorical c = ids.finish();
  CHECK(c.levels().memory_bytes() == 1000 * 8);
  CHECK(c.value(2999) == "C-100999");
  CHECK(c.find("C-100500") == 500);
}
