#include "junit.hpp"

namespace wirekit::probe {

namespace {

/// `text` escaped for an XML attribute or element.
std::string xml(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        // XML 1.0 has no control characters but tab, newline and carriage return.
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r')
          out += ' ';
        else
          out += c;
    }
  }
  return out;
}

}  // namespace

std::string junit_report(const std::string& suite, const std::string& url,
                         const std::vector<CaseResult>& results) {
  std::size_t failures = 0, skipped = 0;
  for (const auto& r : results) {
    if (r.verdict == Verdict::fail) ++failures;
    if (r.verdict == Verdict::skip) ++skipped;
  }
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n";
  out += "  <testsuite name=\"" + xml(suite) + "\" tests=\"" + std::to_string(results.size()) +
         "\" failures=\"" + std::to_string(failures) + "\" errors=\"0\" skipped=\"" +
         std::to_string(skipped) + "\">\n";
  out += "    <properties><property name=\"url\" value=\"" + xml(url) + "\"/></properties>\n";
  for (const auto& r : results) {
    out += "    <testcase classname=\"" + xml(suite) + "\" name=\"" + xml(r.name) + "\"";
    if (r.verdict == Verdict::pass) {
      out += "/>\n";
      continue;
    }
    const char* element = r.verdict == Verdict::fail ? "failure" : "skipped";
    out += ">\n      <" + std::string(element) + " message=\"" + xml(r.why) + "\"/>\n";
    out += "    </testcase>\n";
  }
  out += "  </testsuite>\n</testsuites>\n";
  return out;
}

}  // namespace wirekit::probe
