#include "qaframe/readers/survey.hpp"
#include "qaframe/io/file.hpp"

#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "io/csv_table.hpp"
#include "qaframe/model/audit_set.hpp"
#include "qaframe/model/text.hpp"

namespace qaframe {

GradeScale agree_scale() {
  std::vector<std::string> not_applicable = GradeScale::default_not_applicable();
  not_applicable.insert(not_applicable.end(), {"Don't know", "Dont know", "Prefer not to say"});
  auto s = GradeScale::custom(
      "agree",
      {"Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"},
      {{"Neither", "Neither agree nor disagree"}, {"Neutral", "Neither agree nor disagree"}},
      not_applicable, 3);
  return *std::move(s);  // a fixed, valid definition
}

absl::StatusOr<SurveyResponses> parse_survey_csv(std::string_view text, const std::string& source,
                                                 const SurveyOptions& options, Diagnostics* diag) {
  DiagnosticsScope scope(diag);
  Diagnostics& d = scope.get();
  SurveyResponses out;
  out.source_ = source;
  out.scale_ = options.scale;
  out.positive_from_ = options.scale.good_from();
  if (options.positive_from) {
    auto g = options.scale.level(*options.positive_from);
    if (!g.ok()) return g.status();
    out.positive_from_ = *g;
  }
  using C = SurveyColumns;
  auto table = detail::read_csv_table(
      text, source, {C::kRespondentId, C::kTeam, C::kRespondent, C::kQuestion, C::kAnswer}, d,
      options.csv);
  if (!table) return d.to_status();
  const int c_id = table->column(C::kRespondentId), c_team = table->column(C::kTeam),
            c_resp = table->column(C::kRespondent), c_q = table->column(C::kQuestion),
            c_ans = table->column(C::kAnswer), c_date = table->column(C::kDate);
  CategoricalBuilder team, respondent, question;
  // (respondent, question) -> line of its first answer
  absl::flat_hash_map<std::pair<std::string, std::string>, std::int64_t> answered;
  // respondent_id -> key; the identifier itself is dropped once the file is read.
  absl::flat_hash_map<std::string, std::uint32_t> keys;
  for (std::size_t r = 0; r < table->rows.size(); ++r) {
    const std::size_t before = d.total();
    for (auto [c, name] : {std::pair{c_id, C::kRespondentId}, std::pair{c_team, C::kTeam},
                           std::pair{c_resp, C::kRespondent}, std::pair{c_q, C::kQuestion}}) {
      if (table->field(r, c).empty())
        table->problem(d, r, name, "", absl::StrCat(sv(name), " is empty; it is required"));
    }
    auto answer = options.scale.parse(table->field(r, c_ans));
    if (!answer.ok()) {
      table->problem(d, r, C::kAnswer, table->field(r, c_ans),
                     options.scale.unknown_grade_reason(table->field(r, c_ans)));
      d.add_note(options.scale.accepted_note());
    }
    if (c_date >= 0 && !table->field(r, c_date).empty()) {
      if (auto day = parse_date(table->field(r, c_date)); !day.ok())
        table->problem(d, r, C::kDate, table->field(r, c_date),
                       std::string(day.status().message()));
    }
    if (d.total() != before) continue;
    auto [it, inserted] = answered.try_emplace(
        std::pair{table->field(r, c_id), table->field(r, c_q)}, table->lines[r]);
    if (!inserted) {
      // The identifier is personal data: the message names the question, not the respondent.
      table->problem(
          d, r, C::kQuestion, table->field(r, c_q),
          absl::StrCat("the same respondent answered this question twice (first on line ",
                       it->second, ")"));
      continue;
    }
    team.append(table->field(r, c_team));
    respondent.append(table->field(r, c_resp));
    question.append(table->field(r, c_q));
    out.answers_.push_back(*answer);
    out.lines_.push_back(table->lines[r]);
    const auto key = keys.try_emplace(std::string(table->field(r, c_id)),
                                      static_cast<std::uint32_t>(keys.size()));
    out.respondent_keys_.push_back(key.first->second);
  }
  if (!d.ok()) return d.to_status();
  out.team_ = team.finish();
  out.respondent_ = respondent.finish();
  out.question_ = question.finish();
  out.n_respondents_ = keys.size();
  return out;
}

absl::StatusOr<SurveyResponses> read_survey_csv(const std::string& path,
                                                const SurveyOptions& options, Diagnostics* diag) {
  auto text = read_file(path);
  if (!text.ok()) return text.status();
  return parse_survey_csv(*text, path, options, diag);
}

}  // namespace qaframe
