"""qaframe.stats: intervals, agreement, tests, funnel plots and bootstrap for graded data.

Plain functions in the manner of scipy.stats and statsmodels: NumPy arrays in, small result
objects out (``statistic``, ``pvalue``, interval, notes); survival with right censoring
(Kaplan-Meier, quantiles with the Brookmeyer-Crowley interval) and the exact sign test.
Category order always comes from the grading scale, never from sorted labels. Each function documents its formula and reference, and
is tested against an independent implementation (scipy, statsmodels, scikit-learn) to 1e-9 or a
published worked example.
"""

from .stats_agreement import *  # noqa: F401,F403
from .stats_agreement import __all__ as _agreement_all
from .stats_inference import *  # noqa: F401,F403
from .stats_inference import __all__ as _inference_all
from .stats_survival import *  # noqa: F401,F403
from .stats_survival import __all__ as _survival_all

__all__ = sorted(set(_agreement_all) | set(_inference_all) | set(_survival_all))
