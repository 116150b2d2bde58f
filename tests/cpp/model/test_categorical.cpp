// Levels, Categorical and CategoricalBuilder: the arena of level texts and the build-time index.
#include <doctest/doctest.h>

#include <string>
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
