// The chunked reader (AuditChunkReader) against the whole-file reader (read_audits_csv) on any
// bytes: both read the same file, with chunk sizes, block sizes and CSV limits chosen by the
// input's first three bytes, and they must agree. When the whole read succeeds, every chunk does
// and the chunks, in order, hold exactly its rows, cell for cell; when it fails, the chunked
// read fails too, with the same problems (file, line, record, column, value and reason; repeated
// audit_ids compared by where they are, as a repeat across chunks is worded differently).
// Blocks of a few bytes cut every record, quoted field, CRLF and multi-byte character somewhere;
// small record limits make the refusal of over-long records (a stray quote) reachable. Without
// them, the third byte picks the encoding (auto, UTF-8, Windows-1252, UTF-16) and the separator
// (chosen or commas): UTF-16 and Windows-1252 are decoded a block at a time, against the whole
// file decoded at once. Bytes that are not text in their encoding end the reading: the whole read
// refuses the file with that one problem, the chunked read fails too (after the chunks before
// the bad bytes, which it cannot have known about), so only the failure is compared then.
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <tuple>
#include <vector>

#include "fuzz_target.hpp"
#include "qaframe/readers/audit_chunks.hpp"
#include "qaframe/readers/audits_csv.hpp"

namespace {

using Key = std::tuple<std::int64_t, std::int64_t, std::string, std::string, std::string>;

// The problems as comparable keys; a duplicate's reason (which names where the first one was,
// or "an earlier chunk") is left out.
std::vector<Key> keys(const std::vector<qaframe::DataProblem>& problems) {
  std::vector<Key> out;
  for (const qaframe::DataProblem& p : problems) {
    const bool duplicate = p.reason.rfind("duplicate audit_id", 0) == 0;
    out.emplace_back(p.line, p.row, p.column, p.value, duplicate ? "duplicate" : p.reason);
  }
  std::sort(out.begin(), out.end());
  return out;
}

// A reason of TextDecoder's (see text_encoding.cpp).
bool is_decoding_problem(const std::string& reason) {
  for (std::string_view start :
       {"text that is not valid Windows-1252", "text that is not valid UTF-16", "a NUL character",
        "the file begins with a", "the file does not begin"}) {
    if (reason.rfind(start, 0) == 0) return true;
  }
  return false;
}

std::string scratch_path() {
  const char* dir = std::filesystem::is_directory("/dev/shm") ? "/dev/shm" : "/tmp";
  return std::string(dir) + "/qaframe_fuzz_chunks_" + std::to_string(::getpid()) + ".csv";
}

}  // namespace

QAFRAME_FUZZ_TARGET(audit_chunks) {
  if (data.size() < 3) return;
  const auto b0 = static_cast<unsigned char>(data[0]);
  const auto b1 = static_cast<unsigned char>(data[1]);
  const auto b2 = static_cast<unsigned char>(data[2]);
  const std::string_view text = data.substr(3);
  const std::size_t rows = 1 + b0 % 7;
  const std::size_t block = (b1 & 0x80) ? 1 + (b1 & 0x7F) * 97 : 1 + (b1 & 0x7F) % 23;
  qaframe::ReadOptions options;
  if (b2 & 1) {  // small limits, so that refusals are reached
    options.csv.max_record_bytes = 8 + (b2 >> 1) % 96;
    options.csv.max_fields = 3 + (b2 >> 3) % 12;
    options.csv.max_field_bytes = 4 + (b2 >> 2) % 40;
  } else {
    constexpr qaframe::TextEncoding kEncodings[] = {
        qaframe::TextEncoding::kAuto, qaframe::TextEncoding::kUtf8,
        qaframe::TextEncoding::kWindows1252, qaframe::TextEncoding::kUtf16};
    options.csv.encoding = kEncodings[b2 >> 6];  // ASCII digits: auto
    options.csv.delimiter = (b2 & 0x20) ? ',' : '\0';
  }
  const std::string path = scratch_path();
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
  }
  constexpr std::size_t kAll = std::size_t{1} << 20;  // no problem left uncounted

  qaframe::Diagnostics whole_diag(kAll);
  auto whole = qaframe::read_audits_csv(path, options, &whole_diag);
  QAFRAME_FUZZ_CHECK(whole.ok() || absl::IsInvalidArgument(whole.status()));

  qaframe::Diagnostics open_diag(kAll);
  auto reader = qaframe::AuditChunkReader::open(path, rows, options, &open_diag, block);
  std::vector<qaframe::DataProblem> chunk_problems = open_diag.problems();
  std::vector<qaframe::AuditSet> chunks;
  bool chunked_ok = reader.ok();
  if (reader.ok()) {
    for (int guard = 0; guard < 100000; ++guard) {
      qaframe::Diagnostics d(kAll);
      auto chunk = reader->next(&d);
      for (const auto& p : d.problems()) chunk_problems.push_back(p);
      if (!chunk.ok()) {
        QAFRAME_FUZZ_CHECK(absl::IsInvalidArgument(chunk.status()));
        chunked_ok = false;
        continue;
      }
      if (!chunk->has_value()) break;
      QAFRAME_FUZZ_CHECK((*chunk)->size() <= rows);
      QAFRAME_FUZZ_CHECK((*chunk)->size() >= 1);
      chunks.push_back(std::move(**chunk));
    }
  } else {
    QAFRAME_FUZZ_CHECK(absl::IsInvalidArgument(reader.status()));
  }
  std::remove(path.c_str());

  QAFRAME_FUZZ_CHECK(chunked_ok == whole.ok());
  const bool not_text = std::any_of(whole_diag.problems().begin(), whole_diag.problems().end(),
                                    [](const qaframe::DataProblem& p) {
                                      return p.row == -1 && p.column.empty() && p.line >= 1 &&
                                             is_decoding_problem(p.reason);
                                    });
  if (!whole.ok() && not_text) return;
  if (!whole.ok()) {
    QAFRAME_FUZZ_CHECK(keys(chunk_problems) == keys(whole_diag.problems()));
    return;
  }
  // The same rows, in order, cell for cell.
  std::size_t at = 0;
  for (const qaframe::AuditSet& c : chunks) {
    QAFRAME_FUZZ_CHECK(c.columns() == whole->columns());
    for (std::size_t i = 0; i < c.size(); ++i, ++at) {
      QAFRAME_FUZZ_CHECK(at < whole->size());
      for (const qaframe::ColumnInfo& col : c.columns())
        QAFRAME_FUZZ_CHECK(c.cell_unchecked(i, col) == whole->cell_unchecked(at, col));
    }
  }
  QAFRAME_FUZZ_CHECK(at == whole->size());
}
