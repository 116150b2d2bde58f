#pragma once
/// @file document.hpp
/// The report as one document: metadata, sections of typed blocks (text, lists, tables, figures,
/// notes), what was left out and why, and the machine-readable data. Built once by report/, then
/// rendered by render/ as Markdown, HTML or JSON; every decision (what is shown, suppressed,
/// omitted, noted) is in the document, so every format agrees and a renderer only formats.

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace qaframe::doc {

// ---------------------------------------------------------------------------------------------
// Data: the JSON form of the document, built by the sections with their blocks.

/// A JSON value: null, a boolean, an integer, a number (NaN and infinities written as null), a
/// string, an array, or an object whose members keep the order they were added in.
class Data {
 public:
  /// Null.
  Data() = default;
  /// A boolean.
  static Data boolean(bool b);
  /// An integer.
  static Data integer(std::int64_t v);
  /// A number (null when not finite).
  static Data number(double v);
  /// A string.
  static Data string(std::string_view s);
  /// An empty array.
  static Data array();
  /// An empty object.
  static Data object();
  /// An array of strings.
  static Data strings(const std::vector<std::string>& items);
  /// An array of integers.
  static Data integers(const std::vector<std::int64_t>& items);

  /// Appends to an array; returns the element.
  Data& push(Data value);
  /// Sets a member of an object (appended in order; a repeated name replaces the value in
  /// place); returns *this for chaining.
  Data& set(std::string_view name, Data value);
  /// The member `name` of an object, or nullptr.
  const Data* find(std::string_view name) const;

  /// True for null.
  bool is_null() const { return kind_ == Kind::kNull; }
  /// True for an object.
  bool is_object() const { return kind_ == Kind::kObject; }
  /// True for an array.
  bool is_array() const { return kind_ == Kind::kArray; }
  /// The elements of an array (empty otherwise).
  const std::vector<Data>& elements() const { return elements_; }

  /// The value as one line of JSON: members separated by ", ", names by ": ", always valid UTF-8,
  /// with `<`, `>` and `&` escaped so that it can sit in an HTML page.
  std::string to_json() const;

  friend bool operator==(const Data&, const Data&) = default;

 private:
  enum class Kind : std::uint8_t { kNull, kBool, kInt, kNumber, kString, kArray, kObject };
  void write(std::string& out) const;
  Kind kind_ = Kind::kNull;
  bool bool_ = false;
  std::int64_t int_ = 0;
  double number_ = 0;
  std::string string_;
  std::vector<Data> elements_;      // array elements or member values
  std::vector<std::string> names_;  // object member names, in order
};

// ---------------------------------------------------------------------------------------------
// Text

/// How a run of text is set.
enum class Style : std::uint8_t { kPlain, kStrong, kEmphasis };

/// A run of text: the library's own words, or text from the data (a team, a label), which every
/// renderer escapes for its format. The library's words are written as they are in Markdown
/// (they are fixed and known not to need it) and escaped in HTML.
struct Span {
  std::string text;             ///< the characters
  Style style = Style::kPlain;  ///< how it is set
  bool from_data = false;       ///< true for text from the input data
  friend bool operator==(const Span&, const Span&) = default;
};

/// Text made of runs, built by chaining: `Text().words("Grades by ").data(team)`.
struct Text {
  std::vector<Span> spans;  ///< runs in order
  /// The library's own words.
  Text& words(std::string_view s, Style style = Style::kPlain);
  /// Text from the data.
  Text& data(std::string_view s, Style style = Style::kPlain);
  /// Appends another text's runs.
  Text& append(const Text& other);
  /// The characters of every run, without styles.
  std::string plain() const;
  /// True when there is no character.
  bool empty() const;
  friend bool operator==(const Text&, const Text&) = default;
};

/// Text of the library's own words.
Text words(std::string_view s, Style style = Style::kPlain);
/// Text from the data.
Text data(std::string_view s, Style style = Style::kPlain);

// ---------------------------------------------------------------------------------------------
// Tables

/// How a column's values read; renderers align numbers right and text left.
enum class ColumnType : std::uint8_t { kLabel, kText, kNumber };

/// A column: its heading and type.
struct Column {
  Text heading;                           ///< the heading
  ColumnType type = ColumnType::kNumber;  ///< alignment and formatting
  friend bool operator==(const Column&, const Column&) = default;
};

/// What a table cell holds. Formatting is the renderer's, from the kind:
///  - kCount: an integer ("12");
///  - kShare: a share as a whole percentage ("58%"), halves away from zero;
///  - kPercentOf: count of n as an exactly rounded percentage, halves up ("36%");
///  - kShareOf: count of n as "37% (14/38)" (exact rounding; "- (n 0)" for n 0);
///  - kShareInterval: two shares as "47-68%";
///  - kNumber: a number with `digits` decimals ("0.62");
///  - kInterval: two numbers as "0.52 to 0.73";
///  - kPValue: "<0.001" or three decimals;
///  - kPoints: a change in percentage points ("+19 pts");
///  - kPointsInterval: two changes as "-3 to 38 pts";
///  - kSymbol: a statistical symbol for a value not shown ("c" suppressed, "z" not applicable,
///    "x" not available, "low" rounds to zero), with the reason in `text`;
///  - kText: text.
/// NaN numbers are shown as "-" in every kind.
struct Value {
  /// The kinds above.
  enum class Kind : std::uint8_t {
    kEmpty,
    kText,
    kCount,
    kShare,
    kPercentOf,
    kShareOf,
    kShareInterval,
    kNumber,
    kInterval,
    kPValue,
    kPoints,
    kPointsInterval,
    kSymbol,
  };
  Kind kind = Kind::kEmpty;  ///< what it holds
  Text text;                 ///< kText, and the symbol's reason for kSymbol
  std::string symbol;        ///< kSymbol
  std::int64_t count = 0;    ///< kCount, kPercentOf, kShareOf
  std::int64_t n = 0;        ///< kPercentOf, kShareOf
  double x = std::numeric_limits<double>::quiet_NaN();  ///< the number, or the low limit
  double y = std::numeric_limits<double>::quiet_NaN();  ///< the high limit
  int digits = 2;                                       ///< kNumber, kInterval

  /// An empty cell.
  static Value empty() { return {}; }
  /// Text from the data.
  static Value label(std::string_view s);
  /// Text (any runs).
  static Value of(Text t);
  /// An integer count.
  static Value count_of(std::int64_t c);
  /// A share (0-1) as a whole percentage.
  static Value share(double s);
  /// `c` of `n` as a percentage, exactly rounded.
  static Value percent_of(std::int64_t c, std::int64_t n);
  /// `c` of `n` as "p% (c/n)".
  static Value share_of(std::int64_t c, std::int64_t n);
  /// An interval of shares.
  static Value share_interval(double low, double high);
  /// A number with `digits` decimals.
  static Value number(double v, int digits = 2);
  /// An interval of numbers.
  static Value interval(double low, double high, int digits = 2);
  /// A p-value.
  static Value pvalue(double p);
  /// A change of shares in percentage points.
  static Value points(double d);
  /// An interval of changes in percentage points.
  static Value points_interval(double low, double high);
  /// A statistical symbol ("c", "z", "x", "low") and why it stands there.
  static Value symbol_for(std::string_view symbol, std::string_view reason);
  friend bool operator==(const Value&, const Value&) = default;
};

/// A table: caption, columns, rows of values; the last `total_rows` rows are totals.
struct Table {
  std::string id;                        ///< a stable identifier ("grades-by-team")
  Text caption;                          ///< what the table shows (HTML caption)
  std::vector<Column> columns;           ///< in order
  std::vector<std::vector<Value>> rows;  ///< each row has one value per column
  int total_rows = 0;                    ///< the last rows that are totals (styled as such)
  friend bool operator==(const Table&, const Table&) = default;
};

// ---------------------------------------------------------------------------------------------
// Figures

/// A figure: a chart drawn by the library (self-contained SVG with its title and text
/// alternative), and the table of its numbers for people who cannot see it. Formats without
/// charts (Markdown, JSON) leave figures out: their numbers are in the tables and the data.
struct Figure {
  std::string id;     ///< stable identifier
  std::string title;  ///< the caption
  std::string svg;    ///< the chart, made by render/svg.hpp (trusted markup, not data)
  Table table;        ///< the same numbers as a table (empty when `table_ref` names one)
  std::string table_ref;  ///< id of the document's table that holds the numbers, if not `table`
  friend bool operator==(const Figure&, const Figure&) = default;
};

// ---------------------------------------------------------------------------------------------
// Blocks, sections, the document

/// A paragraph.
struct Paragraph {
  Text text;  ///< its text
  friend bool operator==(const Paragraph&, const Paragraph&) = default;
};

/// A list of items, numbered or not.
struct List {
  std::vector<Text> items;  ///< in order
  bool numbered = false;    ///< 1. 2. 3. rather than bullets
  friend bool operator==(const List&, const List&) = default;
};

/// A note: a caveat the reader should see with the figures (a withheld number, a rule applied).
struct Note {
  Text text;  ///< the note
  friend bool operator==(const Note&, const Note&) = default;
};

/// A block of a section.
using Block = std::variant<Paragraph, List, Table, Figure, Note>;

/// A section: a heading, blocks, and subsections (one heading level down).
struct Section {
  std::string id;                    ///< stable identifier ("moderation")
  Text title;                        ///< heading
  std::vector<Block> blocks;         ///< in order
  std::vector<Section> subsections;  ///< after the blocks
  friend bool operator==(const Section&, const Section&) = default;
};

/// A section the report could not make, and why.
struct Omission {
  std::string section;  ///< the section's title
  std::string reason;   ///< why it is not there
  friend bool operator==(const Omission&, const Omission&) = default;
};

/// Who produced the report, about what, when.
struct Metadata {
  std::string title;               ///< the document's title
  std::string organisation;        ///< the council or service
  std::string period;              ///< the period covered ("2017-18")
  std::string produced;            ///< date produced (ISO)
  std::string author;              ///< who produced it
  std::string source;              ///< the data's name (a file name; never a child's identifier)
  std::string language = "en-GB";  ///< the document's language
  friend bool operator==(const Metadata&, const Metadata&) = default;
};

/// The whole report.
struct Document {
  Text title;                     ///< the heading of the document (its only first-level one)
  Metadata meta;                  ///< metadata
  std::vector<Block> preamble;    ///< before the first section
  std::vector<Section> sections;  ///< in order
  std::vector<Omission> omitted;  ///< sections left out, and why
  Data data;                      ///< the machine-readable form (a JSON object)
  friend bool operator==(const Document&, const Document&) = default;
};

/// The document as data, showing what it shows and nothing more: the metadata, what was left out,
/// and each section's id, title, paragraphs, notes, lists and tables (columns, and rows of the
/// values shown: counts as integers, shares and numbers as numbers, intervals as [low, high],
/// p-values as numbers, symbols and text as strings). Publication mode uses it in place of the
/// analyses' full data, so that the JSON carries no number the document withholds.
Data published_data(const Document& d);

// ---------------------------------------------------------------------------------------------
// Formatting shared by every renderer

/// The text a value shows (without escaping): "58%", "0.52 to 0.73", "c".
std::string format_value(const Value& v);
/// A share as a whole percentage, halves away from zero: "62%"; "-" for NaN.
std::string format_percent(double share);
/// Two shares as "45-77%"; "-" for a NaN limit.
std::string format_percent_interval(double low, double high);
/// A p-value for people: "<0.001" or three decimals; "-" for NaN.
std::string format_p(double p);
/// A number with `digits` decimals; "-" for NaN.
std::string format_number(double x, int digits = 2);
/// A confidence level as a whole percentage: 0.95 -> "95%".
std::string format_level(double level);

}  // namespace qaframe::doc
