"""qaframe: quality assurance of children's social-care case audits.

Load an export of case audits, validate it, and get the grade tables of an annual QA report:
counts by team, audit type, programme or period, raw and "adjusted" shares (N/A left out of the
denominator), grade profiles, moderation agreement, the key messages of the practice domains,
comparisons of two periods with their uncertainty, and the report itself. The work is done by a compiled C++ core;
this package is the pandas-facing API over it.

>>> import qaframe
>>> audits = qaframe.read_audits(qaframe.datasets.sample_audits())
>>> audits.crosstab(by="team")          # doctest: +SKIP
"""

from . import _core, _errors, _pickling, benchmarking, charts, cycle, datasets, disclosure, stats
from ._core import DataError, DataProblem, GradeScale, Period, __version__
from .audits import AuditSet, concat, read_audits, read_audits_chunked, xlsx_sheet_names
from .export_profiles import (ExportProfile, init_profile, missing_column_hints,
                              parse_profile, read_profile)
from .benchmarking import Benchmarking, Neighbours, benchmark, read_neighbours
from .cycle import (read_actions, read_caseload, read_escalations, read_teams, sample_cases)
from .profile import GradeProfile
from .quality import (Comparison, DomainTable, KeyMessages, Moderation, TeamFunnel, Trend,
                      as_period)
from .report import Report
from .scales import as_scale
from .tables import GradeTable, write_excel
from .triangulation import (EvidenceMap, ImprovementLog, Performance, Survey, Triangulation,
                            read_evidence_map, read_log, read_performance, read_survey,
                            triangulate)

__all__ = [
    "AuditSet",
    "Benchmarking",
    "Neighbours",
    "TeamFunnel",
    "benchmark",
    "benchmarking",
    "read_neighbours",
    "Comparison",
    "DomainTable",
    "KeyMessages",
    "Moderation",
    "Period",
    "Trend",
    "as_period",
    "concat",
    "cycle",
    "read_actions",
    "read_caseload",
    "read_escalations",
    "read_teams",
    "sample_cases",
    "DataError",
    "DataProblem",
    "EvidenceMap",
    "GradeProfile",
    "GradeScale",
    "GradeTable",
    "ImprovementLog",
    "Performance",
    "Report",
    "Survey",
    "Triangulation",
    "__version__",
    "as_scale",
    "charts",
    "datasets",
    "disclosure",
    "read_audits",
    "read_profile",
    "parse_profile",
    "init_profile",
    "missing_column_hints",
    "ExportProfile",
    "read_audits_chunked",
    "read_evidence_map",
    "read_log",
    "read_performance",
    "read_survey",
    "stats",
    "triangulate",
    "write_excel",
    "xlsx_sheet_names",
]
