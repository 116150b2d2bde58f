#!/usr/bin/env python3
"""Write data/sample/audits.csv: synthetic record-level case audits.

The 118 audits reproduce exactly the three grade tables of the seed report
(Wokingham Children's Services, Annual Report of Quality Assurance 2017-18):
grades by programme, by team and by audit type. No real child is described;
child ids are random pseudonyms and auditors are fictional.

Construction (standard library only, fixed seed, so the output is
byte-for-byte reproducible):

1. CORE_GRADED: the 15 graded Core audits with their dates, two or three a
   month October 2017 - March 2018 (the seed's Core programme is smaller
   than the nominal two per team per month); DTA_CHECKS: the 24 ungraded
   DTA Minimum Standards checks (Core, team DTA), four a month, October's
   from the 16th on.
2. PRW_CELLS: Practice Review Week audits by team, type and grade, counted
   separately for the October week (9-13/10/2017, 40 audits) and the March
   week (12-16/03/2018, 39 audits; grades somewhat better, as the report
   says practice improved). Each week's audits are spread over its 5 days.
3. First appearance (the library lists table rows in that order): the first
   two rows are Core audits of Ambleside and Brambles (2 and 4 October);
   PRW_OPENERS are the first rows of the October week's Monday (DCT, DTA,
   H4U, FPT, Early Help, YOS), which brings in Early Help General Audits
   (FPT) and Early Help Minimum Standards (Early Help) in order; the first
   DTA check (after 16 October) precedes the first Other (14 November).
4. Rows are sorted by date (stable), numbered AUD-0001.., given distinct
   child ids and an auditor from another team; a few grades are written as
   exports write them ("RI", "good", empty for N/A ...).
5. verify() recomputes everything from the rows and raises on any mismatch;
   only then is the file written (csv module, LF line endings).

6. Moderation and practice domains (a second random stream, so steps 1-5
   are unchanged): most graded Core and PRW audits are re-audited by one of
   three moderators. The moderator's grade is the seed's grade (so the
   final grades, moderated where moderated, reproduce the seed tables); the
   auditor's own grade (column `grade`) agrees most of the time, differs by
   a level now and then, and one auditor grades a level too generously on
   most of their audits. Each graded audit also gets four domain grades,
   the seed's four themes: assessment, supervision (weak in October 2017,
   clearly better by March 2018), planning (weak throughout: plans not
   SMART) and voice_of_child (N/A in places: the child's voice missing).
"""
import csv
import datetime as dt
import os
import random

SEED = 20180331
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "audits.csv")
FIELDS = ["audit_id", "child_id", "team", "audit_type", "programme",
          "audit_date", "auditor", "grade", "moderated_grade", "moderator",
          "domain:assessment", "domain:supervision", "domain:planning",
          "domain:voice_of_child"]
DOMAINS = ["assessment", "supervision", "planning", "voice_of_child"]
MODERATORS = ["R. Whitfield", "S. Nakamura", "T. Osei"]
MODERATED_SHARE = 0.85  # of graded Core and PRW audits; the rest await moderation

GRADES = ["Inadequate", "Requires Improvement", "Good", "Outstanding", "N/A"]
I, RI, G, O, NA = GRADES
GEN, EHG, EHM = "General Audits", "Early Help General Audits", "Early Help Minimum Standards"
DTAM, OTH = "DTA Minimum Standards", "Other"
CORE, PRW = "Core", "Practice Review Week"

# Target: the seed report's tables, rows in their printed order, counts
# Inadequate / Requires Improvement / Good / Outstanding / N/A.
SEED_TABLES = {
    "programme": {CORE: (1, 4, 9, 1, 24), PRW: (7, 23, 45, 3, 1)},
    "team": {"Ambleside": (2, 4, 11, 1, 0), "Brambles": (1, 6, 9, 0, 0),
             "DCT": (1, 7, 5, 0, 1), "DTA": (0, 4, 6, 0, 24),
             "H4U": (3, 5, 12, 0, 0), "FPT": (0, 0, 1, 0, 0),
             "Early Help": (1, 1, 7, 1, 0), "YOS": (0, 0, 3, 2, 0)},
    "audit_type": {GEN: (7, 26, 44, 3, 1), EHG: (1, 1, 6, 1, 0),
                   EHM: (0, 0, 2, 0, 0), DTAM: (0, 0, 0, 0, 24),
                   OTH: (0, 0, 2, 0, 0)},
}

# Design. CORE_GRADED: (team, audit_type, grade, date).
D = dt.date
CORE_GRADED = [
    ("Ambleside", GEN, G, D(2017, 10, 2)), ("Brambles", GEN, RI, D(2017, 10, 4)),
    ("DCT", GEN, I, D(2017, 11, 8)), ("YOS", OTH, G, D(2017, 11, 14)),
    ("H4U", GEN, G, D(2017, 11, 22)), ("DTA", GEN, G, D(2017, 12, 6)),
    ("Early Help", EHG, O, D(2017, 12, 13)), ("Ambleside", GEN, RI, D(2018, 1, 10)),
    ("H4U", GEN, G, D(2018, 1, 24)), ("Brambles", GEN, G, D(2018, 2, 7)),
    ("DCT", GEN, RI, D(2018, 2, 14)), ("Early Help", EHM, G, D(2018, 2, 21)),
    ("DTA", GEN, RI, D(2018, 3, 6)), ("YOS", GEN, G, D(2018, 3, 21)),
    ("H4U", GEN, G, D(2018, 3, 27)),
]
# DTA_CHECKS: ungraded DTA Minimum Standards checks per month.
DTA_CHECKS = {(2017, 10): 4, (2017, 11): 4, (2017, 12): 4,
              (2018, 1): 4, (2018, 2): 4, (2018, 3): 4}
# PRW_CELLS: (team, audit_type, October counts, March counts), each
# Inadequate / Requires Improvement / Good / Outstanding / N/A.
PRW_CELLS = [
    ("Ambleside", GEN, (1, 2, 4, 1, 0), (1, 1, 6, 0, 0)),
    ("Brambles", GEN, (1, 3, 3, 0, 0), (0, 2, 5, 0, 0)),
    ("DCT", GEN, (0, 4, 2, 0, 0), (0, 2, 3, 0, 1)),
    ("DTA", GEN, (0, 2, 2, 0, 0), (0, 1, 3, 0, 0)),
    ("H4U", GEN, (2, 3, 3, 0, 0), (1, 2, 6, 0, 0)),
    ("FPT", EHG, (0, 0, 1, 0, 0), (0, 0, 0, 0, 0)),
    ("Early Help", EHG, (1, 0, 3, 0, 0), (0, 1, 2, 0, 0)),
    ("Early Help", EHM, (0, 0, 1, 0, 0), (0, 0, 0, 0, 0)),
    ("YOS", GEN, (0, 0, 0, 1, 0), (0, 0, 0, 1, 0)),
    ("YOS", OTH, (0, 0, 0, 0, 0), (0, 0, 1, 0, 0)),
]
# First rows of the October PRW week, in this order: (team, audit_type).
PRW_OPENERS = [("DCT", GEN), ("DTA", GEN), ("H4U", GEN), ("FPT", EHG),
               ("Early Help", EHM), ("YOS", GEN)]
PRW_WEEKS = [dt.date(2017, 10, 9), dt.date(2018, 3, 12)]  # Mondays
BANK_HOLIDAYS = {dt.date(2017, 12, 25), dt.date(2017, 12, 26),
                 dt.date(2018, 1, 1), dt.date(2018, 3, 30)}
# Fictional auditors and their home team (None: QA service / senior manager).
AUDITORS = {"A. Patel": None, "B. Okafor": "Ambleside", "C. Hughes": "Brambles",
            "D. Kowalski": "DCT", "E. Marsh": "DTA", "F. Adeyemi": "H4U",
            "G. Lindqvist": "Early Help", "H. O'Neill": "YOS", "J. Thornton": None,
            "K. Begum": "FPT", "L. Fraser": None, "M. Doyle": "DCT",
            "N. Sharma": "Ambleside"}
# Export spellings of a few grades: (canonical grade, written as, how many).
EXPORT_SPELLINGS = [(RI, "RI", 3), (RI, "Requires improvement to be good", 2),
                    (G, "good", 2), (NA, "", 4)]
GRADE_ALIASES = {"inadequate": I, "requires improvement": RI, "ri": RI,
                 "requires improvement to be good": RI, "good": G,
                 "outstanding": O, "n/a": NA, "": NA}


def prw_week_days():
    return {m + dt.timedelta(d) for m in PRW_WEEKS for d in range(5)}


def working_days(year, month, first_day=1):
    """Weekdays of a month from first_day, without bank holidays or PRW weeks."""
    day, out = dt.date(year, month, first_day), []
    while day.month == month:
        if day.weekday() < 5 and day not in BANK_HOLIDAYS and day not in prw_week_days():
            out.append(day)
        day += dt.timedelta(1)
    return out


def audit(team, audit_type, programme, grade, date):
    return {"team": team, "audit_type": audit_type, "programme": programme,
            "grade": grade, "audit_date": date}


def core_audits(rng):
    recs = [audit(t, a, CORE, g, d) for t, a, g, d in CORE_GRADED]
    for (y, m), n in sorted(DTA_CHECKS.items()):
        first = 16 if (y, m) == (2017, 10) else 1  # after the October PRW
        for day in sorted(rng.sample(working_days(y, m, first), n)):
            recs.append(audit("DTA", DTAM, CORE, NA, day))
    return recs


def prw_audits(rng):
    """Each week's audits, openers first, the rest shuffled, spread over 5 days."""
    recs = []
    for week, monday in enumerate(PRW_WEEKS):
        items = [(team, audit_type, grade)
                 for team, audit_type, *counts in PRW_CELLS
                 for grade, n in zip(GRADES, counts[week]) for _ in range(n)]
        rng.shuffle(items)
        if week == 0:
            firsts = [next(x for x in items if x[:2] == o) for o in PRW_OPENERS]
            for x in firsts:
                items.remove(x)
            items = firsts + items
        for k, (team, audit_type, grade) in enumerate(items):
            day = monday + dt.timedelta(k * 5 // len(items))
            recs.append(audit(team, audit_type, PRW, grade, day))
    return recs


def build_records(rng):
    """All audits as dicts, sorted by date, with ids, children and auditors."""
    recs = core_audits(rng) + prw_audits(rng)
    recs.sort(key=lambda r: r["audit_date"])  # stable: openers keep their order
    children = rng.sample(range(10000, 100000), len(recs))
    for k, (rec, child) in enumerate(zip(recs, children), start=1):
        rec["audit_id"] = "AUD-%04d" % k
        rec["child_id"] = "C-%05d" % child
        rec["auditor"] = rng.choice(sorted(a for a, home in AUDITORS.items()
                                           if home != rec["team"]))
    for canonical, written, n in EXPORT_SPELLINGS:
        pool = [r for r in recs if r["grade"] == canonical]
        for rec in rng.sample(pool, n):
            rec["grade"] = written
    add_moderation_and_domains(recs, random.Random(SEED + 1))
    for rec in recs:
        rec["audit_date"] = rec["audit_date"].strftime("%d/%m/%Y")
    return recs


def shift(grade, by):
    """The grade `by` levels up (down if negative), kept on the scale."""
    levels = GRADES[:4]
    return levels[max(0, min(3, levels.index(grade) + by))]


def pick(rng, weights):
    """A key of `weights` drawn with those probabilities."""
    x, total = rng.random(), 0.0
    for key, w in weights.items():
        total += w
        if x < total:
            return key
    return key


def add_moderation_and_domains(recs, rng):
    """Step 6: moderated grades, the auditors' own grades, and domain grades."""
    graded = [r for r in recs if canonical_grade(r["grade"]) != NA]
    counts = {}
    for r in graded:
        counts[r["auditor"]] = counts.get(r["auditor"], 0) + 1
    generous = max(sorted(counts), key=lambda a: counts[a])
    for rec in recs:
        final = canonical_grade(rec["grade"])
        rec["moderated_grade"] = rec["moderator"] = ""
        if final != NA and (rec["auditor"] == generous or rng.random() < MODERATED_SHARE):
            rec["moderated_grade"] = final
            rec["moderator"] = rng.choice(MODERATORS)
            if rec["auditor"] == generous:
                own = shift(final, 1) if rng.random() < 0.85 else final
            else:
                own = shift(final, pick(rng, {0: 0.72, -1: 0.14, 1: 0.14}))
            rec["grade"] = own
        day = rec["audit_date"]
        late = day >= dt.date(2018, 1, 1)  # after the October PRW's findings took hold
        for domain in DOMAINS:
            rec["domain:" + domain] = "" if final == NA else N_A_DOMAIN
        if final == NA:
            continue
        rec["domain:assessment"] = shift(final, pick(rng, {0: 0.6, -1: 0.25, 1: 0.15}))
        rec["domain:supervision"] = shift(final, pick(
            rng, {0: 0.7, 1: 0.25, -1: 0.05} if late else {-1: 0.75, 0: 0.25}))
        rec["domain:planning"] = shift(final, pick(rng, {-1: 0.6, 0: 0.4}))
        voice = pick(rng, {0: 0.5, -1: 0.35, "na": 0.15})
        rec["domain:voice_of_child"] = NA if voice == "na" else shift(final, voice)
    return generous


N_A_DOMAIN = "N/A"


def final_grade(rec):
    """The moderated grade where the audit was moderated, the auditor's otherwise."""
    return canonical_grade(rec.get("moderated_grade") or rec["grade"])


def canonical_grade(text):
    key = text.strip().lower()
    check(key in GRADE_ALIASES, "unknown grade %r" % text)
    return GRADE_ALIASES[key]


def tabulate(recs, column):
    """Grade counts per label of column, labels in order of first appearance."""
    table = {}
    for rec in recs:
        row = table.setdefault(rec[column], [0] * len(GRADES))
        row[GRADES.index(final_grade(rec))] += 1
    return {label: tuple(row) for label, row in table.items()}


def check(ok, what):
    if not ok:
        raise AssertionError("sample audits: " + what)


def pct(num, den):
    return int(100 * num / den + 0.5)  # round half up, as the report does


def verify(recs):
    """Recompute the seed's tables and headline figures from the rows."""
    for column, expected in SEED_TABLES.items():
        got = tabulate(recs, column)
        check(list(got.items()) == list(expected.items()),
              "%s table (or its row order) differs: %r" % (column, got))
    check(len(recs) == 118, "118 audits")
    check(len({r["child_id"] for r in recs}) == 118, "118 distinct children")
    check([r["audit_id"] for r in recs] == ["AUD-%04d" % k for k in range(1, 119)],
          "audit ids in row order")
    dates = [dt.datetime.strptime(r["audit_date"], "%d/%m/%Y").date() for r in recs]
    check(dates == sorted(dates), "rows sorted by date")
    check(dt.date(2017, 10, 1) <= dates[0] and dates[-1] <= dt.date(2018, 3, 31),
          "dates within October 2017 - March 2018")
    for rec, day in zip(recs, dates):
        check(day.weekday() < 5 and day not in BANK_HOLIDAYS, "audits on working days")
        check(rec["auditor"] in AUDITORS and AUDITORS[rec["auditor"]] != rec["team"],
              "auditor from another team")
        check((rec["programme"] == PRW) == (day in prw_week_days()),
              "PRW audits exactly in the PRW weeks")
        if rec["audit_type"] == DTAM:
            check((rec["team"], rec["programme"], final_grade(rec))
                  == ("DTA", CORE, NA), "DTA checks are DTA, Core, N/A")
    weeks = [sum(d in prw_week_days() and d.year == y for d in dates) for y in (2017, 2018)]
    check(weeks == [40, 39], "PRW weeks hold 40 and 39 audits: %r" % weeks)
    grades = [final_grade(r) for r in recs]
    low = grades.count(I) + grades.count(RI)
    high = grades.count(G) + grades.count(O)
    graded = len(grades) - grades.count(NA)
    check((low, high, graded) == (35, 58, 93), "35 low, 58 high, 93 graded")
    check((pct(low, 118), pct(low, graded), pct(high, 118), pct(high, graded))
          == (30, 38, 49, 62), "headline percentages 30/38/49/62")


def verify_domains(recs):
    """The messages the seed report draws from its audits hold in the sample."""
    def share_good(rows, domain):
        grades = [r["domain:" + domain] for r in rows if r["domain:" + domain] in GRADES[:4]]
        return sum(g in (G, O) for g in grades) / len(grades)
    weeks = [[r for r in recs if r["programme"] == PRW and r["audit_date"][3:] == m]
             for m in ("10/2017", "03/2018")]
    october, march = (share_good(w, "supervision") for w in weeks)
    check(october < 0.35 and march > 0.65,
          "supervision improves between the PRWs: %.2f -> %.2f" % (october, march))
    for w in weeks:
        check(share_good(w, "planning") < 0.5, "planning stays weak in both PRWs")
    moderated = [r for r in recs if r["moderated_grade"]]
    graded = [r for r in recs if final_grade(r) != NA]
    check(0.8 < len(moderated) / len(graded) <= 0.95, "a realistic share moderated")
    check(all(r["programme"] in (CORE, PRW) for r in moderated), "Core and PRW moderated")


def write(recs, path=OUT):
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(recs)


def main():
    recs = build_records(random.Random(SEED))
    verify(recs)
    verify_domains(recs)
    write(recs)
    print("wrote %d audits to %s" % (len(recs), OUT))


if __name__ == "__main__":
    main()
