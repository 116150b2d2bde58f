#pragma once
/// @file author_text.hpp
/// An author's own text merged into the report (`--text FILE`), so that the circulated report
/// is produced rather than pasted: a Markdown file of named sections.
///
/// The file: `## Section title` lines name the report's sections (matched without regard to
/// case, spaces or punctuation, so "Moderation" or "key lines of enquiry"); the text under each
/// goes at the top of that section, before the figures; under `## Summary` it replaces the
/// drafted summary. Text before the first heading goes after the report's opening summary
/// sentence. Paragraphs are separated by blank lines; lines starting `- ` or `* ` are a
/// bulleted list, `1. ` a numbered one; `**strong**` and `*emphasis*` are kept; every other
/// character is the author's text, escaped for each format (no HTML passes through).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "qaframe/doc/document.hpp"

namespace qaframe {

/// One named section of an author's text.
struct AuthorSection {
  std::string title;               ///< as written after `## `
  std::int64_t line = 0;           ///< the heading's line in the file
  std::vector<doc::Block> blocks;  ///< its paragraphs and lists
  friend bool operator==(const AuthorSection&, const AuthorSection&) = default;
};

/// An author's text: what comes before the first heading, then the named sections.
struct AuthorText {
  std::string source;                   ///< the file, as named in messages
  std::vector<doc::Block> preamble;     ///< before the first `## ` heading
  std::vector<AuthorSection> sections;  ///< in the file's order
  friend bool operator==(const AuthorText&, const AuthorText&) = default;
};

/// Parses an author's Markdown. InvalidArgument naming `source` and the line for a heading
/// with no title, a section named twice, or a heading level other than `##` (`#` is the
/// report's title, `###` a level the report's sections do not have).
absl::StatusOr<AuthorText> parse_author_text(std::string_view markdown, const std::string& source);

/// Merges `text` into `d` (see the file comment). InvalidArgument naming the line and the
/// report's section titles for a heading that names no section of this report (nothing is
/// dropped in silence); `d` is then unchanged.
absl::Status merge_author_text(doc::Document& d, const AuthorText& text);

}  // namespace qaframe
