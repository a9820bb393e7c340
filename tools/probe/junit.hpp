// wirekit-probe --junit FILE: the case results as a JUnit XML report, the format CI systems
// (GitLab, Jenkins, GitHub test reporters) read.
#pragma once

#include <string>
#include <vector>

#include "cases.hpp"

namespace wirekit::probe {

/// The report of `results` for the protocol `suite` probed at `url`: one <testcase> per case,
/// a failing one with <failure>, a skipped one with <skipped>, each carrying the case's why.
std::string junit_report(const std::string& suite, const std::string& url,
                         const std::vector<CaseResult>& results);

}  // namespace wirekit::probe
