#pragma once
// The words of a line of enquiry (internal): each signal as a phrase, the evidence sentence and
// the question for the QA Steering Group, made from the numbers of the triangulation alone.
#include <string>
#include <vector>

#include "qaframe/analysis/triangulation.hpp"

namespace qaframe::detail {

/// One signal in words: "Audits: 38% Good or better (5 of 13; 95% CI 18-64%) against 66% rest of
/// service (n 80): worse".
std::string signal_phrase(const Signal& s, double level);
/// The evidence of a KLOE in one sentence: its status, unit and theme, then each signal's phrase.
std::string kloe_evidence(const Cell& c, const std::vector<Signal>& signals, double level);
/// The question for the QA Steering Group about a cell that raises a KLOE.
std::string question_for(const Cell& cell, const std::vector<Signal>& signals);

}  // namespace qaframe::detail
