#pragma once
// Streaming XML for the workbook reader, over expat (internal). No tree is built: the handler
// sees each element's start (with its attributes), its text and its end, as the bytes arrive.
//
// Hostile XML is refused, never expanded: a document type declaration (the only way to declare
// entities, and so to make "billion laughs") stops the parse, as does nesting past kMaxDepth.
// Names are given without their namespace prefix ("x:row" is "row"), as workbook writers differ
// in prefixes but not in local names.
#include <cstddef>
#include <string>
#include <string_view>

#include "absl/status/status.h"

namespace qaframe::detail {

/// Receives the events of one XML document.
class XmlHandler {
 public:
  virtual ~XmlHandler() = default;
  /// An element starts; `attributes` alternate names and values, ending with nullptr.
  virtual void start(std::string_view name, const char** attributes) = 0;
  /// An element ends.
  virtual void end(std::string_view name) = 0;
  /// Text inside the current element (in pieces: one run of text may come in several calls).
  virtual void text(std::string_view text) = 0;
};

/// The value of attribute `name` (matched without prefix), or nullptr.
const char* xml_attribute(const char** attributes, std::string_view name);

/// One XML document fed in chunks.
class XmlParser {
 public:
  /// Elements nested deeper than this are refused (workbook XML nests a dozen levels at most).
  static constexpr int kMaxDepth = 256;

  /// A parser for one document, reporting to `handler`.
  explicit XmlParser(XmlHandler& handler);
  ~XmlParser();
  XmlParser(const XmlParser&) = delete;
  XmlParser& operator=(const XmlParser&) = delete;

  /// Parses the next bytes of the document; InvalidArgument saying what is wrong and where.
  absl::Status feed(std::string_view chunk);
  /// Ends the document (an unclosed element is an error).
  absl::Status finish();
  /// Called by the handler: stops the parse; feed() or finish() then returns `why`.
  void stop(absl::Status why);

 private:
  struct Impl;
  absl::Status parse(std::string_view bytes, bool final);
  Impl* impl_;
};

}  // namespace qaframe::detail
