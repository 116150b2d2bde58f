// The report's words: the drafted three-column summary and an author's own text (--text).
#include <doctest/doctest.h>

#include <string>
#include <variant>

#include "qaframe/readers/audits_csv.hpp"
#include "qaframe/render/render.hpp"
#include "qaframe/report/author_text.hpp"
#include "qaframe/report/report.hpp"

using qaframe::AuthorText;
using qaframe::parse_author_text;
namespace doc = qaframe::doc;

namespace {

qaframe::AuditSet sample() {
  auto s = qaframe::read_audits_csv(std::string(QAFRAME_SOURCE_DIR) + "/data/sample/audits.csv");
  REQUIRE(s.ok());
  return *std::move(s);
}

const doc::Section* find(const std::vector<doc::Section>& sections, std::string_view id) {
  for (const doc::Section& s : sections) {
    if (s.id == id) return &s;
    if (const doc::Section* sub = find(s.subsections, id)) return sub;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("author text: paragraphs, lists and emphasis under named sections") {
  auto t = parse_author_text(
      "Foreword line one\nline two.\n\n## Summary\n\nWe did **well** in *places*.\n\n"
      "- first\n  continued\n- second\n\n1. one\n2. two\n",
      "text.md");
  REQUIRE(t.ok());
  REQUIRE(t->preamble.size() == 1);
  CHECK(std::get<doc::Paragraph>(t->preamble[0]).text.plain() == "Foreword line one line two.");
  REQUIRE(t->sections.size() == 1);
  const qaframe::AuthorSection& s = t->sections[0];
  CHECK(s.title == "Summary");
  CHECK(s.line == 4);
  REQUIRE(s.blocks.size() == 3);
  const doc::Text& p = std::get<doc::Paragraph>(s.blocks[0]).text;
  CHECK(p.plain() == "We did well in places.");
  REQUIRE(p.spans.size() == 5);
  CHECK(p.spans[1].style == doc::Style::kStrong);
  CHECK(p.spans[3].style == doc::Style::kEmphasis);
  CHECK(p.spans[1].from_data);  // the author's text is escaped like the data's
  const doc::List& bullets = std::get<doc::List>(s.blocks[1]);
  CHECK_FALSE(bullets.numbered);
  REQUIRE(bullets.items.size() == 2);
  CHECK(bullets.items[0].plain() == "first continued");
  const doc::List& numbered = std::get<doc::List>(s.blocks[2]);
  CHECK(numbered.numbered);
  CHECK(numbered.items[1].plain() == "two");
}

TEST_CASE("author text: bad headings are refused with the line") {
  CHECK(parse_author_text("# Title\n", "t.md").status().message() ==
        "t.md:1: a heading must be '## ' and a section title of the report ('#' is the report's "
        "own title); found '# Title'");
  CHECK(parse_author_text("\n### Deep\n", "t.md").status().message() ==
        "t.md:2: a heading must be '## ' and a section title of the report (the report's sections "
        "are '##'); found '### Deep'");
  CHECK(parse_author_text("## Moderation\n\n## moderation!\n", "t.md").status().message() ==
        "t.md:3: section 'moderation!' is named twice");
  CHECK(parse_author_text("##   \n", "t.md").status().message() ==
        "t.md:1: a heading with no title");
  CHECK(parse_author_text(std::string("ok\n\xff"), "t.md").status().message() ==
        "t.md: not UTF-8 text: byte 4 is not valid UTF-8 (or is a NUL)");
}

TEST_CASE("report: the drafted summary, and the author's text merged into it") {
  const qaframe::AuditSet audits = sample();
  auto d = qaframe::build_report(audits, {}, {});
  REQUIRE(d.ok());
  // The summary follows the headline, drafted, each column saying why it is empty without
  // evidence files.
  REQUIRE(d->sections.size() > 2);
  CHECK(d->sections[0].id == "headline");
  CHECK(d->sections[1].id == "summary");
  const doc::Section* well = find(d->sections, "summary-gone-well");
  REQUIRE(well != nullptr);
  CHECK(std::get<doc::Paragraph>(well->blocks.at(0)).text.plain() ==
        "Nothing drawn from the evidence: no evidence files were given for a triangulation.");
  CHECK(qaframe::doc::to_json(*d).find(
            R"("summary": {"draft": true, "gone_well": [], "concern": [], "will_do": []})") !=
        std::string::npos);

  auto text = parse_author_text(
      "An opening word.\n\n## Summary\nOur own summary.\n\n## Moderation\nModeration grew.\n",
      "text.md");
  REQUIRE(text.ok());
  qaframe::ReportInputs in;
  in.text = &*text;
  auto merged = qaframe::build_report(audits, {}, in);
  REQUIRE(merged.ok());
  const doc::Section* summary = find(merged->sections, "summary");
  REQUIRE(summary != nullptr);
  CHECK(summary->subsections.empty());
  REQUIRE(summary->blocks.size() == 1);
  CHECK(std::get<doc::Paragraph>(summary->blocks[0]).text.plain() == "Our own summary.");
  const doc::Section* moderation = find(merged->sections, "moderation");
  REQUIRE(moderation != nullptr);
  CHECK(std::get<doc::Paragraph>(moderation->blocks.at(0)).text.plain() == "Moderation grew.");
  // The opening word follows the report's own opening sentence.
  REQUIRE(merged->preamble.size() >= 2);
  CHECK(std::get<doc::Paragraph>(merged->preamble[1]).text.plain() == "An opening word.");
  const std::string md = qaframe::doc::to_markdown(*merged);
  CHECK(md.find("Draft, drawn from the evidence") == std::string::npos);

  // A section the report does not have is an error naming the line and the sections there are.
  auto stray = parse_author_text("\n\n## Finances\nx\n", "text.md");
  REQUIRE(stray.ok());
  in.text = &*stray;
  auto refused = qaframe::build_report(audits, {}, in);
  REQUIRE_FALSE(refused.ok());
  const std::string message(refused.status().message());
  CHECK(message.rfind("text.md:3: section 'Finances' is not a section of this report; its "
                      "sections are: Headline; Summary; What has gone well;",
                      0) == 0);
}

TEST_CASE("report: hostile author text is inert in HTML and Markdown") {
  auto text =
      parse_author_text("## Summary\n<script>alert(1)</script> | =HYPERLINK(\"x\")\n", "t.md");
  REQUIRE(text.ok());
  qaframe::ReportInputs in;
  in.text = &*text;
  auto d = qaframe::build_report(sample(), {}, in);
  REQUIRE(d.ok());
  const std::string html = qaframe::doc::to_html(*d);
  CHECK(html.find("<script>alert") == std::string::npos);
  CHECK(html.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
  const std::string md = qaframe::doc::to_markdown(*d);
  CHECK(md.find("<script>") == std::string::npos);
}
