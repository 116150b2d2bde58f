// The JSON renderer: the document's data, one line.
#include "qaframe/render/render.hpp"

namespace qaframe::doc {

std::string to_json(const Document& d) { return d.data.to_json() + "\n"; }

}  // namespace qaframe::doc
