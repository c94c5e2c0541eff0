// QueryResult::ToString: the table the ctq CLI prints, drawn by the one
// TablePrinter (engine/table_printer.h), so that the library's text and the
// CLI's never differ and both are terminal-safe.
#include "ctq/query_result.h"

#include <sstream>
#include <string>

#include "engine/table_printer.h"

namespace ctq {

std::string QueryResult::ToString() const {
  std::ostringstream out;
  WriteTable(*this, out);
  return out.str();
}

}  // namespace ctq
