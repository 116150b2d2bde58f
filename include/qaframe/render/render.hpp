#pragma once
/// @file render.hpp
/// A document rendered: Markdown for people reading text, HTML for a report to circulate (one
/// self-contained file: inline CSS and SVG charts, nothing fetched, no script, print styles for
/// A4), JSON for machines (the document's data). Rendering only: what is shown, suppressed or
/// left out was decided when the document was built.

#include <string>

#include "qaframe/doc/document.hpp"

namespace qaframe::doc {

/// The document as Markdown: the heading, the preamble, then each section (## and ###); tables
/// as pipe tables; figures are left out (their numbers are in the tables and the data); text
/// from the data escaped so that it renders as text.
std::string to_markdown(const Document& d);

/// One table as a Markdown pipe table.
std::string to_markdown(const Table& t);

/// One section as Markdown, from its heading (`level` #s) to its last block and subsections.
std::string to_markdown(const Section& s, int level = 2);

/// The document as one HTML5 file: `lang`, one `h1`, ordered headings, tables with `th`,
/// `scope` and a caption, each figure an SVG with role="img", a title and a description, and its
/// data as a table beside it; colours never the only carrier of meaning. Text from the data is
/// escaped, control and bidi-override characters shown as visible escapes.
std::string to_html(const Document& d);

/// The document's data as one line of JSON, with a final line end.
std::string to_json(const Document& d);

}  // namespace qaframe::doc
