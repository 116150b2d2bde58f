#pragma once
/// @file qaframe.hpp
/// Everything in the library, for convenience.

#include "qaframe/audit_chunks.hpp"
#include "qaframe/audit_set.hpp"
#include "qaframe/categorical.hpp"
#include "qaframe/comparison.hpp"
#include "qaframe/csv.hpp"
#include "qaframe/data_problem.hpp"
#include "qaframe/date.hpp"
#include "qaframe/domains.hpp"
#include "qaframe/encoded_columns.hpp"
#include "qaframe/grade_counts.hpp"
#include "qaframe/grade_profile.hpp"
#include "qaframe/grade_scale.hpp"
#include "qaframe/grade_table.hpp"
#include "qaframe/moderation.hpp"
#include "qaframe/period.hpp"
#include "qaframe/report.hpp"
#include "qaframe/version.hpp"
