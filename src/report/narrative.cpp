// The report's words beyond its figures: the seed's three-column summary drafted from the
// evidence, and an author's own text (`--text FILE`) merged into the sections it names.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "qaframe/io/csv.hpp"
#include "qaframe/model/text.hpp"
#include "qaframe/report/author_text.hpp"
#include "report/publication.hpp"
#include "report/sections.hpp"

namespace qaframe {

namespace detail {

namespace {

using doc::Data;
using doc::Text;

// One strand's figure in words: "audit 82% Good or better of 22 audits against 64% (rest of
// service)".
std::string signal_figure(const Signal& s) {
  std::string out = absl::StrCat(sv(strand_name(s.strand)), " ", doc::format_percent(s.estimate),
                                 " ", s.measure, " of ", s.n);
  if (s.counted != "denominator") absl::StrAppend(&out, " ", s.counted);
  if (!s.period.empty()) absl::StrAppend(&out, " (", s.period, ")");
  if (!std::isnan(s.benchmark))
    absl::StrAppend(&out, " against ", doc::format_percent(s.benchmark), " (", s.comparator, ")");
  absl::StrAppend(&out, ": ", sv(direction_name(s.direction)));
  return out;
}

// The figures of a cell's strands with a direction, "; "-joined.
std::string cell_figures(const Triangulation& t, const Cell& c) {
  std::vector<std::string> parts;
  for (std::size_t i : c.signals) {
    const Signal& s = t.signals[i];
    if (s.direction == Direction::kBetter || s.direction == Direction::kWorse ||
        s.direction == Direction::kInLine)
      parts.push_back(signal_figure(s));
  }
  return absl::StrJoin(parts, "; ");
}

// "Team A, Planning: corroborated strength (audit 82% ... ; survey ...)."
Text cell_line(const Triangulation& t, const Cell& c, const Publication* pub) {
  Text line =
      doc::data(c.unit, doc::Style::kStrong)
          .words(", ", doc::Style::kStrong)
          .data(c.theme, doc::Style::kStrong)
          .words(absl::StrCat(": ", sv(cell_status_name(c.status)), c.strong ? ", strong" : ""));
  // Published, the figures (counts of audits, answers and cases) are left out, as in the
  // triangulation's lines of enquiry.
  if (pub == nullptr) {
    const std::string figures = cell_figures(t, c);
    if (!figures.empty()) line.words(" (").data(figures).words(")");
  }
  line.words(".");
  return line;
}

std::string count_text(std::int64_t n, const Publication* pub) {
  return pub != nullptr && pub->sensitive(n) ? std::string("c") : absl::StrCat(n);
}

std::string plural_of(std::int64_t n, std::string_view one, std::string_view many) {
  return std::string(n == 1 ? one : many);
}

struct Column {
  std::string id, title;
  std::vector<Text> lines;
  std::vector<std::string> none;  // why nothing was drawn, when nothing was
};

}  // namespace

Part summary_part(const SummaryEvidence& e, const Publication* pub) {
  Column well{"summary-gone-well", "What has gone well", {}, {}};
  Column concern{"summary-concern", "What has been of concern", {}, {}};
  Column will{"summary-will-do", "What we will do", {}, {}};

  if (const Triangulation* t = e.triangulation; t != nullptr) {
    for (const Cell& c : t->cells)
      if (c.status == CellStatus::kCorroboratedStrength)
        well.lines.push_back(cell_line(*t, c, pub));
    for (CellStatus status : {CellStatus::kCorroboratedConcern, CellStatus::kDivergent})
      for (const Cell& c : t->cells)
        if (c.status == status) concern.lines.push_back(cell_line(*t, c, pub));
    if (well.lines.empty()) well.none.push_back("the triangulation shows no corroborated strength");
    if (concern.lines.empty())
      concern.none.push_back("the triangulation shows no corroborated concern or divergence");
    // The open lines of enquiry: the log's when one is kept (it carries KLOEs across years),
    // else this run's.
    if (e.log != nullptr) {
      std::int64_t open = 0;
      for (const KloeEntry& k : e.log->entries) {
        if (k.status == KloeStatus::kClosed) continue;
        ++open;
        will.lines.push_back(doc::words("Answer ")
                                 .data(k.kloe_id)
                                 .words(" (")
                                 .data(k.unit)
                                 .words(", ")
                                 .data(k.theme)
                                 .words(absl::StrCat(", ", sv(kloe_status_name(k.status)), "): "))
                                 .data(k.question, doc::Style::kEmphasis));
      }
      if (open == 0) will.none.push_back("the improvement log has no open line of enquiry");
    } else {
      for (const LineOfEnquiry& k : t->kloes)
        will.lines.push_back(doc::words("Answer for the QA Steering Group (")
                                 .data(k.unit)
                                 .words(", ")
                                 .data(k.theme)
                                 .words("): ")
                                 .data(k.question, doc::Style::kEmphasis));
      if (t->kloes.empty()) will.none.push_back("the triangulation raises no line of enquiry");
    }
  } else {
    for (Column* c : {&well, &concern, &will})
      c->none.push_back("no evidence files were given for a triangulation");
  }

  if (const ActionSummary* a = e.actions; a != nullptr) {
    const ActionGroup& o = a->overall;
    if (o.overdue > 0) {
      std::int64_t longest = 0;
      for (std::size_t i : a->overdue) longest = std::max(longest, a->actions[i].days_overdue);
      Text line = doc::words(
          absl::StrCat(count_text(o.overdue, pub), " of ", count_text(o.actions, pub), " ",
                       plural_of(o.actions, "action", "actions"), " overdue at the as-of date"));
      if (pub == nullptr)
        line.words(
            absl::StrCat(", the longest by ", longest, " ", plural_of(longest, "day", "days")));
      concern.lines.push_back(std::move(line.words(".")));
      will.lines.push_back(doc::words(
          absl::StrCat("Complete or re-plan with their owners the ", count_text(o.overdue, pub),
                       " overdue ", plural_of(o.overdue, "action", "actions"), ".")));
    }
    if (o.on_time.n > 0 && o.overdue == 0 && o.done_late == 0) {
      well.lines.push_back(doc::words(absl::StrCat(
          "Every action whose due date has passed was done on time (",
          count_text(o.on_time.count, pub), " of ", count_text(o.on_time.n, pub), ").")));
    }
  }

  if (const EscalationSummary* x = e.escalation; x != nullptr) {
    const EscalationGroup& o = x->overall;
    const std::int64_t due = o.inadequate - o.pending;
    if (o.late + o.missing > 0) {
      concern.lines.push_back(
          doc::words(absl::StrCat("Escalation: ", count_text(o.late, pub), " late and ",
                                  count_text(o.missing, pub), " missing, of ",
                                  count_text(o.inadequate, pub), " "))
              .data(x->level)
              .words(absl::StrCat(
                  " ", plural_of(o.inadequate, "audit", "audits"), " (", x->options.working_days,
                  " working ", plural_of(x->options.working_days, "day", "days"), " allowed).")));
      if (o.missing > 0)
        will.lines.push_back(
            doc::words(absl::StrCat("Escalate the ", count_text(o.missing, pub), " "))
                .data(x->level)
                .words(absl::StrCat(" ", plural_of(o.missing, "audit", "audits"),
                                    " not yet escalated.")));
    } else if (due > 0) {
      well.lines.push_back(doc::words(absl::StrCat("All ", count_text(due, pub), " "))
                               .data(x->level)
                               .words(absl::StrCat(" ", plural_of(due, "audit", "audits"),
                                                   " due for escalation were escalated within ",
                                                   x->options.working_days, " working days.")));
    }
  }

  if (const ProgrammeSummary* p = e.programme; p != nullptr) {
    if (!p->flagged.empty()) {
      Text line = doc::words(absl::StrCat(
          p->flagged.size(), " ",
          plural_of(static_cast<std::int64_t>(p->flagged.size()), "team", "teams"),
          " behind the audit programme for ", p->options.behind_run, " months running: "));
      Text act = doc::words("Agree catch-up audits with the managers of ");
      for (std::size_t i = 0; i < p->flagged.size(); ++i) {
        if (i > 0) {
          line.words(", ");
          act.words(", ");
        }
        line.data(p->flagged[i]);
        act.data(p->flagged[i]);
      }
      concern.lines.push_back(std::move(line.words(".")));
      will.lines.push_back(std::move(act.words(".")));
    } else if (p->months_met.n > 0) {
      well.lines.push_back(doc::words(
          absl::StrCat("No team fell behind the audit programme for ", p->options.behind_run,
                       " months running (", p->months_met.count, " of ", p->months_met.n,
                       " team-months met, ", doc::format_percent(p->months_met.estimate), ").")));
    }
  }

  Part part;
  doc::Section& s = part.section;
  s.id = "summary";
  s.title = doc::words("Summary");
  s.blocks.push_back(doc::Note{doc::words(
      "Draft, drawn from the evidence in this report: for the author to edit before the report is "
      "circulated (an author's own summary replaces it: --text FILE with a \"## Summary\" "
      "section).")});
  Data data = Data::object().set("draft", Data::boolean(true));
  for (Column* c : {&well, &concern, &will}) {
    doc::Section sub;
    sub.id = c->id;
    sub.title = doc::words(c->title);
    Data lines = Data::array();
    if (c->lines.empty()) {
      const std::string why = c->none.empty()
                                  ? std::string("the evidence given supports no line here")
                                  : absl::StrJoin(c->none, "; ");
      sub.blocks.push_back(
          doc::Paragraph{doc::words(absl::StrCat("Nothing drawn from the evidence: ", why, "."))});
    } else {
      doc::List list;
      for (Text& t : c->lines) {
        lines.push(Data::string(t.plain()));
        list.items.push_back(std::move(t));
      }
      sub.blocks.push_back(std::move(list));
    }
    std::string key = c->id.substr(std::string_view("summary-").size());
    std::replace(key.begin(), key.end(), '-', '_');
    data.set(key, std::move(lines));
    s.subsections.push_back(std::move(sub));
  }
  part.data = std::move(data);
  return part;
}

}  // namespace detail

// ---------------------------------------------------------------------------------------------
// The author's text

namespace {

// A heading or section title reduced for matching: letters and digits, lower case.
std::string title_key(std::string_view s) {
  std::string out;
  for (char c : s)
    if (std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80)
      out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  return out;
}

// Inline `**strong**` and `*emphasis*`; everything else is the author's text (data).
doc::Text inline_text(std::string_view s) {
  doc::Text t;
  std::size_t i = 0;
  while (i < s.size()) {
    const bool strong = s.substr(i, 2) == "**";
    const bool em = !strong && s[i] == '*';
    if (strong || em) {
      const std::string_view mark = strong ? "**" : "*";
      const std::size_t end = s.find(mark, i + mark.size());
      if (end != std::string_view::npos && end > i + mark.size()) {
        t.data(s.substr(i + mark.size(), end - i - mark.size()),
               strong ? doc::Style::kStrong : doc::Style::kEmphasis);
        i = end + mark.size();
        continue;
      }
    }
    std::size_t next = s.find('*', i + 1);
    if (next == std::string_view::npos) next = s.size();
    t.data(s.substr(i, next - i));
    i = next;
  }
  return t;
}

// Lines into blocks: paragraphs (joined with spaces) and lists.
class BlockBuilder {
 public:
  explicit BlockBuilder(std::vector<doc::Block>* out) : out_(out) {}
  void line(std::string_view raw) {
    const std::string_view l = trim(raw);
    if (l.empty()) {
      flush();
      return;
    }
    bool bullet = l.size() > 2 && (l.substr(0, 2) == "- " || l.substr(0, 2) == "* ");
    std::size_t digits = 0;
    while (digits < l.size() && std::isdigit(static_cast<unsigned char>(l[digits]))) ++digits;
    const bool numbered = digits > 0 && l.size() > digits + 2 && l.substr(digits, 2) == ". ";
    if (bullet || numbered) {
      flush_paragraph();
      if (list_ && list_->numbered != numbered) flush();
      if (!list_) {
        list_.emplace();
        list_->numbered = numbered;
      }
      list_->items.push_back(inline_text(l.substr(numbered ? digits + 2 : 2)));
      return;
    }
    if (list_ && !list_->items.empty() && paragraph_.empty() &&
        (raw.starts_with("  ") || raw.starts_with("\t"))) {
      // A continuation line of a list item.
      list_->items.back().data(" ").append(inline_text(l));
      return;
    }
    if (list_) flush();
    if (!paragraph_.empty()) paragraph_.push_back(' ');
    paragraph_.append(l);
  }
  void flush() {
    flush_paragraph();
    if (list_) {
      out_->push_back(*std::move(list_));
      list_.reset();
    }
  }

 private:
  void flush_paragraph() {
    if (paragraph_.empty()) return;
    out_->push_back(doc::Paragraph{inline_text(paragraph_)});
    paragraph_.clear();
  }
  std::vector<doc::Block>* out_;
  std::string paragraph_;
  std::optional<doc::List> list_;
};

}  // namespace

absl::StatusOr<AuthorText> parse_author_text(std::string_view markdown, const std::string& source) {
  AuthorText text;
  text.source = source;
  if (markdown.starts_with(kUtf8Bom)) markdown.remove_prefix(kUtf8Bom.size());
  if (const std::size_t bad = find_invalid_utf8_or_nul(markdown); bad != std::string_view::npos) {
    return absl::InvalidArgumentError(absl::StrCat(source, ": not UTF-8 text: byte ", bad + 1,
                                                   " is not valid UTF-8 (or is a NUL)"));
  }
  std::vector<doc::Block>* target = &text.preamble;
  std::optional<BlockBuilder> builder(std::in_place, target);
  absl::flat_hash_set<std::string> seen;
  std::int64_t line_no = 0;
  for (std::size_t start = 0; start <= markdown.size();) {
    std::size_t end = markdown.find('\n', start);
    if (end == std::string_view::npos) end = markdown.size();
    std::string_view raw = markdown.substr(start, end - start);
    start = end + 1;
    ++line_no;
    if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
    std::string_view l = raw;
    while (!l.empty() && (l.front() == ' ' || l.front() == '\t')) l.remove_prefix(1);
    if (l.starts_with("#")) {
      std::size_t level = 0;
      while (level < l.size() && l[level] == '#') ++level;
      if (level != 2 || (l.size() > 2 && l[2] != ' ')) {
        return absl::InvalidArgumentError(absl::StrCat(
            source, ":", line_no, ": a heading must be '## ' and a section title of the report (",
            level == 1 ? "'#' is the report's own title" : "the report's sections are '##'",
            "); found '", neutralise_controls(l.substr(0, 60)), "'"));
      }
      const std::string title(trim(l.substr(2)));
      if (title.empty())
        return absl::InvalidArgumentError(
            absl::StrCat(source, ":", line_no, ": a heading with no title"));
      if (!seen.insert(title_key(title)).second)
        return absl::InvalidArgumentError(absl::StrCat(
            source, ":", line_no, ": section '", neutralise_controls(title), "' is named twice"));
      builder->flush();
      text.sections.push_back({title, line_no, {}});
      target = &text.sections.back().blocks;
      builder.emplace(target);
      continue;
    }
    builder->line(raw);
  }
  builder->flush();
  return text;
}

absl::Status merge_author_text(doc::Document& d, const AuthorText& text) {
  // Every section and subsection of the report, by title key.
  std::vector<std::pair<std::string, doc::Section*>> known;
  std::vector<std::string> titles;
  auto collect = [&](auto&& self, std::vector<doc::Section>& sections) -> void {
    for (doc::Section& s : sections) {
      known.emplace_back(title_key(s.title.plain()), &s);
      titles.push_back(s.title.plain());
      self(self, s.subsections);
    }
  };
  collect(collect, d.sections);
  std::vector<std::pair<const AuthorSection*, doc::Section*>> plan;
  for (const AuthorSection& a : text.sections) {
    const std::string key = title_key(a.title);
    auto it =
        std::find_if(known.begin(), known.end(), [&](const auto& k) { return k.first == key; });
    if (it == known.end()) {
      return absl::InvalidArgumentError(absl::StrCat(
          text.source, ":", a.line, ": section '", neutralise_controls(a.title),
          "' is not a section of this report; its sections are: ", absl::StrJoin(titles, "; ")));
    }
    plan.emplace_back(&a, it->second);
  }
  for (auto& [a, s] : plan) {
    if (s->id == "summary") {
      // The author's summary replaces the draft (its three columns included).
      s->blocks = a->blocks;
      s->subsections.clear();
      d.data.set("summary", doc::Data::object().set("draft", doc::Data::boolean(false)));
    } else {
      s->blocks.insert(s->blocks.begin(), a->blocks.begin(), a->blocks.end());
    }
  }
  if (!text.preamble.empty()) {
    const auto at = d.preamble.empty() ? d.preamble.end() : d.preamble.begin() + 1;
    d.preamble.insert(at, text.preamble.begin(), text.preamble.end());
  }
  return absl::OkStatus();
}

}  // namespace qaframe
