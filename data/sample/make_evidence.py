#!/usr/bin/env python3
"""Write the synthetic triangulation evidence of data/sample/.

Files written (standard library only, fixed seed, byte-for-byte reproducible):

- survey.csv: answers of children, young people, parents and carers on the 5-point agree
  scale, one row per answer (respondent_id, team, respondent, question, answer, date),
  March 2018. A few answers are "Don't know" (not counted).
- indicators.csv: five indicators of the core dataset with polarity, target, benchmark
  (statistical neighbours or England) and theme.
- performance.csv: their monthly values, October 2017 - March 2018, for every team and All.
- evidence_map.csv: the themes of the seed report (assessment and case history,
  supervision and oversight, planning, communicating with children) and the overall quality
  of practice, each mapped to an audit item (the domain grades supervision, planning,
  assessment, voice_of_child of audits.csv, or the overall grade), survey questions and an
  indicator.
- improvement_log.csv: the Performance Improvement Log as it stood after February 2018, ending
  with the line "#end of log: 3 KLOEs" as qaframe writes it.

The counts are designed, team by team, to tell the seed report's story: supervision has
improved (the supervision indicator rises month by month and is at or above target in most
teams by March); plans are not SMART (families do not know what their plan is, service-wide
and most of all in DCT and H4U, where child protection reviews are also late); the child's
voice is missing in places (Brambles: children say they are not listened to, are not seen
alone, and do not know how to get an advocate; advocacy is asked about in four teams only, so
the others have no evidence on it), while elsewhere the strands disagree (Ambleside's children say they are heard, but are
seen alone less than elsewhere). DESIGN holds, per theme and team, the (positive, answers) of
the survey and the (numerator, denominator) of the indicator in March 2018; check() recounts
both from the rows before anything is written.
"""
import csv
import datetime as dt
import os
import random

SEED = 20180331
HERE = os.path.dirname(os.path.abspath(__file__))
TEAMS = ["Ambleside", "Brambles", "DCT", "DTA", "H4U", "FPT", "Early Help", "YOS"]
LEVELS = ["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree",
          "Strongly agree"]
PERIODS = ["2017-10", "2017-11", "2017-12", "2018-01", "2018-02", "2018-03"]

ASSESS, SUPER, PLAN, VOICE, OVERALL, ADVOCACY = (
    "Assessment and case history", "Supervision and oversight", "Planning",
    "Communicating with children", "Overall quality of practice", "Advocacy")
Q_ASSESS = "My social worker understands what life is like for my family"
Q_PLAN = "I know what my plan is and what will happen next"
Q_LISTEN = "My social worker listens to me"
Q_ALONE = "I get to talk to my social worker on my own"
Q_OVERALL = "Overall, the help my family gets is good"
Q_ADVOCATE = "I know how to get an advocate if I want one"
# Who answers each question.
ASKED = {Q_ASSESS: ["parent", "carer"], Q_PLAN: ["child", "young person", "parent"],
         Q_LISTEN: ["child", "young person"], Q_ALONE: ["child", "young person"],
         Q_OVERALL: ["parent", "carer"], Q_ADVOCATE: ["child", "young person"]}

EVIDENCE_MAP = [  # theme, source, item, target
    (ASSESS, "audit", "assessment", ""), (ASSESS, "survey", Q_ASSESS, ""),
    (ASSESS, "performance", "ASSESS45", ""),
    (SUPER, "audit", "supervision", ""), (SUPER, "performance", "SUPERVISION", ""),
    (PLAN, "audit", "planning", ""), (PLAN, "survey", Q_PLAN, "70%"),
    (PLAN, "performance", "CP_REVIEWS", ""),
    (VOICE, "audit", "voice_of_child", ""), (VOICE, "survey", Q_LISTEN, "75%"),
    (VOICE, "survey", Q_ALONE, "75%"), (VOICE, "performance", "SEEN_ALONE", ""),
    (OVERALL, "audit", "overall", ""), (OVERALL, "survey", Q_OVERALL, ""),
    (OVERALL, "performance", "REREFERRALS", ""),
    (ADVOCACY, "survey", Q_ADVOCATE, "60%"),  # asked in four teams only so far
]

INDICATORS = [  # indicator, description, polarity, target, benchmark, benchmark_source, theme
    ("ASSESS45", "Assessments completed within 45 working days", "higher_is_better", "85%",
     "83%", "statistical neighbours", ASSESS),
    ("SUPERVISION", "Cases with supervision recorded in the last 4 weeks", "higher_is_better",
     "90%", "", "", SUPER),
    ("CP_REVIEWS", "Child protection reviews held within timescale", "higher_is_better",
     "95%", "92%", "England", PLAN),
    ("SEEN_ALONE", "Children seen alone at their last visit", "higher_is_better", "90%",
     "80%", "statistical neighbours", VOICE),
    ("REREFERRALS", "Re-referrals within 12 months", "lower_is_better", "20%", "22%",
     "statistical neighbours", OVERALL),
]

# March 2018, per team: survey {question: (positive, answers)}, indicator (numerator, denominator).
SURVEY = {
    "Ambleside": {Q_ASSESS: (20, 30), Q_PLAN: (21, 30), Q_LISTEN: (24, 26), Q_ALONE: (22, 26),
                  Q_OVERALL: (20, 26), Q_ADVOCATE: (14, 20)},
    "Brambles": {Q_ASSESS: (18, 28), Q_PLAN: (12, 26), Q_LISTEN: (12, 22), Q_ALONE: (10, 22),
                 Q_OVERALL: (15, 24), Q_ADVOCATE: (6, 18)},
    "DCT": {Q_ASSESS: (8, 26), Q_PLAN: (9, 27), Q_LISTEN: (15, 20), Q_ALONE: (15, 20),
            Q_OVERALL: (12, 24), Q_ADVOCATE: (10, 16)},
    "DTA": {Q_ASSESS: (14, 22), Q_PLAN: (19, 20), Q_LISTEN: (14, 18), Q_ALONE: (14, 18),
            Q_OVERALL: (19, 22)},
    "H4U": {Q_ASSESS: (34, 40), Q_PLAN: (14, 36), Q_LISTEN: (23, 30), Q_ALONE: (22, 30),
            Q_OVERALL: (30, 36), Q_ADVOCATE: (9, 15)},
    "FPT": {Q_ASSESS: (2, 3), Q_LISTEN: (1, 1), Q_ALONE: (1, 1), Q_OVERALL: (1, 2)},
    "Early Help": {Q_ASSESS: (22, 28), Q_PLAN: (20, 24), Q_LISTEN: (20, 22), Q_ALONE: (20, 22),
                   Q_OVERALL: (20, 24)},
    "YOS": {Q_ASSESS: (3, 4), Q_PLAN: (3, 5), Q_LISTEN: (4, 4), Q_ALONE: (3, 4),
            Q_OVERALL: (3, 4)},
}
PERFORMANCE = {
    "ASSESS45": {"Ambleside": (40, 48), "Brambles": (47, 50), "DCT": (30, 45), "DTA": (36, 44),
                 "H4U": (58, 62), "FPT": (2, 3), "Early Help": (20, 24), "YOS": (10, 12)},
    "SUPERVISION": {"Ambleside": (44, 48), "Brambles": (45, 50), "DCT": (33, 45),
                    "DTA": (42, 44), "H4U": (61, 62), "FPT": (3, 3), "Early Help": (22, 24),
                    "YOS": (12, 12)},
    "CP_REVIEWS": {"Ambleside": (28, 30), "Brambles": (27, 30), "DCT": (18, 26),
                   "DTA": (14, 20), "H4U": (31, 40), "YOS": (0, 0)},
    "SEEN_ALONE": {"Ambleside": (30, 45), "Brambles": (25, 40), "DCT": (42, 45),
                   "DTA": (27, 34), "H4U": (50, 62), "Early Help": (29, 30), "YOS": (9, 10)},
    "REREFERRALS": {"Ambleside": (9, 40), "Brambles": (12, 38), "DCT": (14, 40),
                    "DTA": (5, 30), "H4U": (20, 50), "FPT": (0, 2), "Early Help": (4, 30),
                    "YOS": (3, 15)},
}
# Supervision improved: the service-wide rate in each earlier month is this far below March's.
SUPERVISION_LAG = {"2017-10": 0.18, "2017-11": 0.15, "2017-12": 0.12, "2018-01": 0.08,
                   "2018-02": 0.04}

LOG_COLUMNS = ["kloe_id", "raised", "theme", "unit", "evidence", "question", "owner", "status",
               "review_by", "closed", "outcome", "updated"]
LOG = [
    ["KLOE-201712-001", "2017-12-29", VOICE, "Brambles",
     "Children seen alone at their last visit: 58% (n 38) against 80% statistical neighbours; "
     "the survey: 45% of respondents positive (5 of 11; 20 answers).",
     "Why are children in Brambles not seen alone, and what will change?",
     "Service Manager, Brambles", "closed", "", "2018-02-28",
     "Visits audited in January; \"seen alone\" now recorded on the visit form. Closed by the "
     "QA Steering Group, 28/02/2018.", "2018-02-28"],
    ["KLOE-201801-001", "2018-01-31", PLAN, "DCT",
     "Corroborated concern in DCT, Planning: the survey 35% positive; child protection reviews "
     "within timescale 70% against 92% England.",
     "What lies behind the weaker picture of planning in DCT?",
     "Head of Service, Safeguarding", "open", "2018-03-31", "", "", "2018-01-31"],
    ["KLOE-201801-002", "2018-01-31", SUPER, "All",
     "Cases with supervision recorded in the last 4 weeks: 78% (n 288) against a 90% target.",
     "Is supervision happening and recorded, in every team?",
     "Principal Social Worker", "open", "2018-03-31", "",
     "Supervision audit, February PRW; recording template changed.", "2018-02-28"],
]


def write_csv(name, header, rows, last_line=None):
    with open(os.path.join(HERE, name), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)
        if last_line is not None:
            f.write(last_line + "\n")


def survey_rows(rng):
    rows = []
    next_id = [1]
    for team in TEAMS:
        # One pool of pseudonymous respondents per team and respondent type.
        pools = {}
        for question, (positive, answers) in SURVEY[team].items():
            kinds = ASKED[question]
            dont_know = 1 if answers >= 20 else 0
            values = ([rng.choice(LEVELS[3:]) for _ in range(positive)] +
                      [rng.choice(LEVELS[:3]) for _ in range(answers - positive)] +
                      ["Don't know"] * dont_know)
            rng.shuffle(values)
            for k, answer in enumerate(values):
                kind = kinds[k % len(kinds)]
                pool = pools.setdefault(kind, [])
                slot = sum(1 for r in rows if r[1] == team and r[2] == kind and r[3] == question)
                while len(pool) <= slot:
                    pool.append("R-%05d" % next_id[0])
                    next_id[0] += 1
                day = dt.date(2018, 3, 1) + dt.timedelta(rng.randrange(28))
                rows.append([pool[slot], team, kind, question, answer, day.strftime("%d/%m/%Y")])
    rng.shuffle(rows)
    return rows


def performance_rows(rng):
    rows = []
    for indicator, by_team in PERFORMANCE.items():
        for period in PERIODS:
            total = [0, 0]
            for team in TEAMS:
                if team not in by_team or by_team[team][1] == 0:
                    continue
                num, den = by_team[team]
                if period != PERIODS[-1]:
                    den = max(1, den + rng.randrange(-3, 4))
                    rate = by_team[team][0] / by_team[team][1]
                    rate -= SUPERVISION_LAG[period] if indicator == "SUPERVISION" else 0.0
                    rate += rng.uniform(-0.04, 0.04)
                    num = min(den, max(0, round(den * rate)))
                rows.append([indicator, team, period, num, den])
                total[0] += num
                total[1] += den
            rows.append([indicator, "All", period, total[0], total[1]])
    return rows


def check(survey, performance):
    counts = {}
    for _, team, _, question, answer, _ in survey:
        if answer == "Don't know":
            continue
        c = counts.setdefault((team, question), [0, 0])
        c[0] += LEVELS.index(answer) >= 3
        c[1] += 1
    for team, questions in SURVEY.items():
        for question, want in questions.items():
            got = tuple(counts[(team, question)])
            assert got == want, (team, question, got, want)
    seen = set()
    for rid, team, _, question, _, _ in survey:
        assert (rid, question) not in seen, (rid, question)
        seen.add((rid, question))
    march = {(i, t): (n, d) for i, t, p, n, d in performance if p == PERIODS[-1]}
    for indicator, by_team in PERFORMANCE.items():
        for team, want in by_team.items():
            if want[1]:
                assert march[(indicator, team)] == want, (indicator, team)
    for i, t, p, n, d in performance:
        assert 0 <= n <= d, (i, t, p, n, d)


def main():
    rng = random.Random(SEED)
    survey = survey_rows(rng)
    performance = performance_rows(rng)
    check(survey, performance)
    write_csv("survey.csv", ["respondent_id", "team", "respondent", "question", "answer", "date"],
              survey)
    write_csv("performance.csv", ["indicator", "team", "period", "numerator", "denominator"],
              performance)
    write_csv("indicators.csv", ["indicator", "description", "polarity", "target", "benchmark",
                                 "benchmark_source", "theme"], INDICATORS)
    write_csv("evidence_map.csv", ["theme", "source", "item", "target"], EVIDENCE_MAP)
    # The log ends as qaframe writes it: a cut-off log is refused rather than read as shorter.
    write_csv("improvement_log.csv", LOG_COLUMNS, LOG, f"#end of log: {len(LOG)} KLOEs")


if __name__ == "__main__":
    main()
