#pragma once
/// @file stats.hpp
/// The statistics, independent of the domain, in one include: distributions, proportions,
/// quantiles, ranking, multiple testing, agreement (kappa, AC2, alpha, bootstrap) and inference
/// (exact and contingency tests, correlation, funnels, rank and sign tests, survival). Needs
/// Eigen and Boost.Math (headers).

#include "qaframe/stats/agreement/bootstrap.hpp"
#include "qaframe/stats/agreement/confusion.hpp"
#include "qaframe/stats/agreement/gwet.hpp"
#include "qaframe/stats/agreement/kappa.hpp"
#include "qaframe/stats/agreement/krippendorff.hpp"
#include "qaframe/stats/alternative.hpp"
#include "qaframe/stats/distributions.hpp"
#include "qaframe/stats/inference/benchmarking.hpp"
#include "qaframe/stats/inference/contingency.hpp"
#include "qaframe/stats/inference/correlation.hpp"
#include "qaframe/stats/inference/exact.hpp"
#include "qaframe/stats/inference/funnel.hpp"
#include "qaframe/stats/inference/rank_tests.hpp"
#include "qaframe/stats/inference/sign_test.hpp"
#include "qaframe/stats/inference/survival.hpp"
#include "qaframe/stats/multiple_testing.hpp"
#include "qaframe/stats/proportion.hpp"
#include "qaframe/stats/pvalue_method.hpp"
#include "qaframe/stats/quantile.hpp"
#include "qaframe/stats/ranking.hpp"
#include "qaframe/stats/sha256.hpp"
