#include "io/xlsx/xml_stream.hpp"

#include <expat.h>

#include <algorithm>
#include <cstdint>
#include <cstring>

#include "absl/strings/str_cat.h"

namespace qaframe::detail {

namespace {

// The name after its prefix, in one pass (this runs for every element).
std::string_view local_name(const char* name) {
  const char* start = name;
  const char* p = name;
  for (; *p != '\0'; ++p) {
    if (*p == ':') start = p + 1;
  }
  return std::string_view(start, static_cast<std::size_t>(p - start));
}

// Bytes handed to expat at a time while it makes progress. When a call ends without a single
// event (a tag, a comment or a name too long to finish), the next call waits for twice as many
// bytes: expat 2.5 rescans an unfinished token from its start on every call, so equal chunks
// would cost time quadratic in the token's length, and doubling keeps it linear.
constexpr std::size_t kFeedBytes = std::size_t{1} << 16;
constexpr std::size_t kMaxFeedBytes = std::size_t{1} << 28;

}  // namespace

const char* xml_attribute(const char** attributes, std::string_view name) {
  for (const char** a = attributes; a != nullptr && a[0] != nullptr; a += 2) {
    if (local_name(a[0]) == name) return a[1];
  }
  return nullptr;
}

struct XmlParser::Impl {
  explicit Impl(XmlHandler& h) : handler(h) {}
  XML_Parser parser = nullptr;
  XmlHandler& handler;
  int depth = 0;
  std::uint64_t events = 0;
  absl::Status stopped;
  std::string pending;
  std::size_t threshold = kFeedBytes;

  void halt(absl::Status why) {
    if (stopped.ok()) stopped = std::move(why);
    XML_StopParser(parser, XML_FALSE);
  }

  static void on_start(void* data, const XML_Char* name, const XML_Char** attributes) {
    auto* self = static_cast<Impl*>(data);
    ++self->events;
    if (++self->depth > kMaxDepth) {
      self->halt(absl::InvalidArgumentError(
          absl::StrCat("the XML nests elements more than ", kMaxDepth, " deep at line ",
                       XML_GetCurrentLineNumber(self->parser), "; no workbook does: refused")));
      return;
    }
    self->handler.start(local_name(name), attributes);
  }
  static void on_end(void* data, const XML_Char* name) {
    auto* self = static_cast<Impl*>(data);
    ++self->events;
    --self->depth;
    self->handler.end(local_name(name));
  }
  static void on_text(void* data, const XML_Char* text, int len) {
    auto* self = static_cast<Impl*>(data);
    ++self->events;
    self->handler.text(std::string_view(text, static_cast<std::size_t>(len)));
  }
  static void on_doctype(void* data, const XML_Char*, const XML_Char*, const XML_Char*, int) {
    auto* self = static_cast<Impl*>(data);
    self->halt(absl::InvalidArgumentError(absl::StrCat(
        "the XML declares a document type (<!DOCTYPE ...>) at line ",
        XML_GetCurrentLineNumber(self->parser),
        "; workbooks never do, and the entities it may declare could expand without bound, so it "
        "is refused")));
  }
  static void on_entity(void* data, const XML_Char*, int, const XML_Char*, int, const XML_Char*,
                        const XML_Char*, const XML_Char*, const XML_Char*) {
    auto* self = static_cast<Impl*>(data);
    self->halt(absl::InvalidArgumentError(
        "the XML declares an entity; entities are never expanded: refused"));
  }
};

XmlParser::XmlParser(XmlHandler& handler) : impl_(new Impl(handler)) {
  // No namespace processing: names keep their prefixes, which local_name() drops.
  impl_->parser = XML_ParserCreate(nullptr);
  if (impl_->parser == nullptr) return;
  XML_SetUserData(impl_->parser, impl_);
  XML_SetElementHandler(impl_->parser, &Impl::on_start, &Impl::on_end);
  XML_SetCharacterDataHandler(impl_->parser, &Impl::on_text);
  XML_SetStartDoctypeDeclHandler(impl_->parser, &Impl::on_doctype);
  XML_SetEntityDeclHandler(impl_->parser, &Impl::on_entity);
  XML_SetParamEntityParsing(impl_->parser, XML_PARAM_ENTITY_PARSING_NEVER);
}

XmlParser::~XmlParser() {
  if (impl_->parser != nullptr) XML_ParserFree(impl_->parser);
  delete impl_;
}

void XmlParser::stop(absl::Status why) { impl_->halt(std::move(why)); }

absl::Status XmlParser::parse(std::string_view bytes, bool final) {
  Impl& s = *impl_;
  if (s.parser == nullptr) return absl::ResourceExhaustedError("cannot create an XML parser");
  if (!s.stopped.ok()) return s.stopped;
  const std::uint64_t before = s.events;
  // XML_Parse takes an int length: hand over large buffers in pieces.
  std::size_t done = 0;
  do {
    const std::size_t n = std::min<std::size_t>(bytes.size() - done, std::size_t{1} << 30);
    const bool last = final && done + n == bytes.size();
    if (XML_Parse(s.parser, bytes.data() + done, static_cast<int>(n), last ? 1 : 0) !=
        XML_STATUS_OK) {
      if (!s.stopped.ok()) return s.stopped;
      const XML_Error code = XML_GetErrorCode(s.parser);
      s.stopped = absl::InvalidArgumentError(absl::StrCat(
          "it is not well-formed XML (line ", XML_GetCurrentLineNumber(s.parser), ", column ",
          XML_GetCurrentColumnNumber(s.parser) + 1, ": ", XML_ErrorString(code), ")"));
      return s.stopped;
    }
    done += n;
  } while (done < bytes.size());
  s.threshold = s.events == before ? std::min(s.threshold * 2, kMaxFeedBytes) : kFeedBytes;
  return absl::OkStatus();
}

absl::Status XmlParser::feed(std::string_view chunk) {
  Impl& s = *impl_;
  if (chunk.size() >= s.threshold) {
    // A large chunk is parsed where it is, after what is pending (never copied).
    if (!s.pending.empty()) {
      absl::Status status = parse(s.pending, false);
      s.pending.clear();
      if (!status.ok()) return status;
    }
    return parse(chunk, false);
  }
  s.pending.append(chunk);
  if (s.pending.size() < s.threshold) return absl::OkStatus();
  absl::Status status = parse(s.pending, false);
  s.pending.clear();
  return status;
}

absl::Status XmlParser::finish() {
  Impl& s = *impl_;
  absl::Status status = parse(s.pending, true);
  s.pending.clear();
  return status;
}

}  // namespace qaframe::detail
