"""Type stubs for the private compiled module (use the public qaframe package)."""

from typing import Any, Optional, Sequence

import numpy as np

__version__: str

class DataError(ValueError):
    problems: list[DataProblem]
    total: int

class DataProblem:
    source: str
    line: int
    row: int
    column: str
    value: str
    reason: str

class GradeScale:
    @staticmethod
    def ofsted() -> GradeScale: ...
    @staticmethod
    def met_not_met() -> GradeScale: ...
    @staticmethod
    def custom(name: str, levels: Sequence[str], aliases: Sequence[tuple[str, str]] = ...,
               not_applicable: Optional[Sequence[str]] = ..., good_from: Optional[int] = ...) -> GradeScale: ...
    @property
    def name(self) -> str: ...
    @property
    def labels(self) -> list[str]: ...
    @property
    def good_from(self) -> str: ...
    @property
    def accepted(self) -> str: ...
    def parse(self, text: str) -> Optional[str]: ...
    def encode(self, labels: Sequence[str], source: str = ...) -> np.ndarray: ...
    def __len__(self) -> int: ...

class GradeCounts:
    @property
    def levels(self) -> list[int]: ...
    @property
    def counts(self) -> list[int]: ...
    @property
    def n(self) -> int: ...
    @property
    def n_graded(self) -> int: ...
    @property
    def n_not_applicable(self) -> int: ...
    def share_below(self, level: int, adjusted: bool = ...) -> float: ...
    def share_at_least(self, level: int, adjusted: bool = ...) -> float: ...
    def merge(self, other: GradeCounts) -> None: ...

class GradeProfile:
    scale: GradeScale
    counts: GradeCounts
    n_children: int
    def share_below(self, level: str, adjusted: bool = ...) -> float: ...
    def share_at_least(self, level: str, adjusted: bool = ...) -> float: ...

class GradeTable:
    def __init__(self, by: str, scale: GradeScale) -> None: ...
    @property
    def by(self) -> str: ...
    @property
    def by_columns(self) -> list[str]: ...
    @property
    def keys(self) -> list[list[str]]: ...
    @property
    def scale(self) -> GradeScale: ...
    @property
    def rows(self) -> list[str]: ...
    @property
    def counts(self) -> np.ndarray: ...
    def copy(self) -> GradeTable: ...
    def total(self) -> GradeCounts: ...
    def merge(self, other: GradeTable) -> None: ...
    def to_markdown(self) -> str: ...
    def to_json(self) -> str: ...
    def to_csv(self) -> str: ...
    def __len__(self) -> int: ...

class AuditSet:
    def __init__(self, scale: GradeScale = ...) -> None: ...
    def __len__(self) -> int: ...
    @property
    def scale(self) -> GradeScale: ...
    @property
    def column_names(self) -> list[str]: ...
    def column_kind(self, name: str) -> str: ...
    def audit_ids(self) -> list[str]: ...
    def levels(self, column: str) -> list[str]: ...
    def codes(self, column: str) -> np.ndarray: ...
    def dates(self) -> np.ndarray: ...
    def grades(self) -> np.ndarray: ...
    def grade_codes(self, column: str) -> np.ndarray: ...
    def grade_scale(self, column: str) -> GradeScale: ...
    @property
    def domain_columns(self) -> list[str]: ...
    @property
    def has_moderation(self) -> bool: ...
    def count_children(self) -> int: ...
    def filter(self, equals: Sequence[tuple[str, Sequence[str]]], date_from: Optional[int] = ...,
               date_to: Optional[int] = ...) -> AuditSet: ...
    def crosstab(self, by: str | list[str], grades: str = ...) -> GradeTable: ...
    def profile(self, grades: str = ...) -> GradeProfile: ...
    def to_csv(self) -> str: ...
    def write_csv(self, path: str) -> None: ...
    def report(self, format: str = ..., by: Optional[Sequence[str]] = ...,
               threshold: Optional[str] = ..., source: str = ..., grades: str = ...,
               compare: Optional[tuple[Period, Period]] = ...) -> str: ...

DomainScales = Sequence[tuple[str, GradeScale]]

def read_audits(path: str, scale: GradeScale, max_problems: int = ...,
                domain_scales: DomainScales = ...) -> AuditSet: ...
def parse_audits(text: str, source: str, scale: GradeScale, max_problems: int = ...,
                 domain_scales: DomainScales = ...) -> AuditSet: ...
def audits_from_columns(names: Sequence[str], columns: Sequence[Sequence[str]], scale: GradeScale,
                        source: str = ..., max_problems: int = ...,
                        domain_scales: DomainScales = ...) -> AuditSet: ...

class Period:
    def __init__(self, name: str, first: int, last: int) -> None: ...
    name: str
    first: int
    last: int

def parse_period(label: str) -> Period: ...
def parse_named_period(spec: str) -> Period: ...
def practice_review_weeks(audits: AuditSet) -> list[Period]: ...

class AgreementEstimate:
    statistic: str
    estimate: float
    low: float
    high: float
    n: int
    interval: str
    note: str

class DirectionRow:
    label: str
    pairs: int
    agreed: int
    raised: int
    lowered: int
    net: int
    pvalue: float
    adjusted: float
    flagged: bool
    direction: str

class CoverageRow:
    programme: str
    audits: int
    moderated: int

class ModerationSummary:
    scale: GradeScale
    audits: int
    moderated: int
    pairs: int
    coverage: list[CoverageRow]
    table: list[list[int]]
    agreement: list[AgreementEstimate]
    overall: DirectionRow
    by_auditor: list[DirectionRow]
    by_team: list[DirectionRow]
    level: float
    alpha: float
    seed: int

def moderation_summary(audits: AuditSet, level: float = ..., alpha: float = ...,
                       n_resamples: int = ..., seed: int = ...) -> ModerationSummary: ...
def read_moderation(audits: AuditSet, path: str, max_problems: int = ...) -> AuditSet: ...
def join_moderation(audits: AuditSet, text: str, source: str,
                    max_problems: int = ...) -> AuditSet: ...

class DomainProfile:
    domain: str
    scale: GradeScale
    counts: GradeCounts

def domain_profiles(audits: AuditSet) -> list[DomainProfile]: ...

class KeyMessage:
    domain: str
    below: str
    n: int
    count: int
    not_applicable: int
    share: float
    low: float
    high: float

def key_messages(audits: AuditSet, level: float = ...) -> list[KeyMessage]: ...

class ComparisonRow:
    item: str
    good: str
    n_a: int
    good_a: int
    n_b: int
    good_b: int
    share_a: float
    share_b: float
    difference: float
    low: float
    high: float
    pvalue: float
    adjusted: float
    superiority: float
    mw_pvalue: float
    verdict: str

class Comparison:
    label_a: str
    label_b: str
    rows: list[ComparisonRow]
    level: float

def compare_groups(audits: AuditSet, by: str, a: str, b: str, level: float = ...,
                   min_n: int = ..., grades: str = ...) -> Comparison: ...
def compare_periods(audits: AuditSet, a: Period, b: Period, level: float = ...,
                    min_n: int = ..., grades: str = ...) -> Comparison: ...

class TrendRow:
    period: str
    n: int
    good: int
    share: float
    low: float
    high: float

class Trend:
    kind: str
    grades: str
    rows: list[TrendRow]
    statistic: float
    pvalue: float
    slope: float
    verdict: str
    note: str

def trend(audits: AuditSet, kind: str = ..., level: float = ..., min_n: int = ...,
          grades: str = ...) -> Trend: ...
def audits_from_encoded(names: Sequence[str], categories: Sequence[Sequence[str]],
                        codes: Sequence[Any], scale: GradeScale, source: str = ...,
                        max_problems: int = ...,
                        domain_scales: DomainScales = ...) -> AuditSet: ...

class AuditChunkReader:
    def __init__(self, path: str, rows: int, scale: GradeScale, max_problems: int = ...,
                 domain_scales: DomainScales = ...) -> None: ...
    def next(self, max_problems: int = ...) -> Optional[AuditSet]: ...
    @property
    def rows_read(self) -> int: ...
def parse_date(text: str) -> int: ...
def format_date(day: int) -> str: ...
def rounded_percent(part: int, whole: int) -> int: ...
def run_cli(args: Sequence[str]) -> tuple[int, str, str]: ...
