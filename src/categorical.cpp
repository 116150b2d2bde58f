#include "qaframe/categorical.hpp"

#include "qaframe/text.hpp"

namespace qaframe {

std::int64_t Categorical::find(std::string_view level) const {
  for (std::size_t i = 0; i < levels_->size(); ++i) {
    if ((*levels_)[i] == level) return static_cast<std::int64_t>(i);
  }
  return -1;
}

std::size_t Categorical::count_distinct() const {
  std::vector<bool> seen(levels_->size(), false);
  std::size_t distinct = 0;
  for (std::uint32_t c : codes_) {
    if (!seen[c]) {
      seen[c] = true;
      ++distinct;
    }
  }
  return distinct;
}

Categorical Categorical::take(const std::vector<std::uint32_t>& rows) const {
  std::vector<std::uint32_t> codes;
  codes.reserve(rows.size());
  for (std::uint32_t r : rows) codes.push_back(codes_[r]);
  return Categorical(levels_, std::move(codes));
}

bool operator==(const Categorical& a, const Categorical& b) {
  if (a.size() != b.size()) return false;
  if (a.levels_ == b.levels_ || *a.levels_ == *b.levels_) return a.codes_ == b.codes_;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a.value(i) != b.value(i)) return false;
  }
  return true;
}

void CategoricalBuilder::append(std::string_view value) {
  auto it = index_.find(sv(value));
  if (it == index_.end()) {
    const auto code = static_cast<std::uint32_t>(levels_.size());
    levels_.emplace_back(value);
    it = index_.emplace(std::string(value), code).first;
  }
  codes_.push_back(it->second);
}

Categorical CategoricalBuilder::finish() {
  Categorical column(std::make_shared<const std::vector<std::string>>(std::move(levels_)),
                     std::move(codes_));
  levels_.clear();
  index_.clear();
  codes_.clear();
  return column;
}

}  // namespace qaframe
