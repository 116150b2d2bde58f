#!/usr/bin/env python3
"""Write the synthetic audit-cycle files of data/sample/ from audits.csv (which is read, never
changed).

Files written (standard library only, fixed seed, byte-for-byte reproducible):

- actions.csv: the actions raised by the 118 audits (action_id, audit_id, description, owner,
  raised, due, completed, status, outcome, evidence), as the QA service's tracker stood on
  AS_OF (30 April 2018). Most audits raise one to three actions (Inadequate audits three, the
  worse the grade the more); Outstanding audits and a share of the Good and ungraded ones
  record "No action needed"; three audits have nothing recorded yet. Most actions are done,
  most of them on time; some are done late; some are still open, and OVERDUE of those are past
  their due date. One action was raised and done on the day of its audit; one action repeats
  another open action of the same audit and owner (differing only in case and punctuation);
  one is cancelled. A few actions have no due date or no measurable outcome (not SMART), and a
  few done ones have no evidence of impact recorded.
- escalations.csv: when the eight Inadequate audits (final grade) were reported to the
  Service Manager and Assistant Director: six within one working day, AUD-0012 three working
  days after its audit (late), AUD-0048 not at all (missing); and AUD-0093, which its auditor
  graded Inadequate and the moderator Requires Improvement, escalated on the day by its
  auditor (listed as escalated although its final grade is not Inadequate).
- teams.csv: every team with the seed's rule for the Core programme (two audits per team per
  month, from October 2017); FPT, a small team outside the Core programme, expects none;
  Leaving Care joins the programme in January 2018 and has no audits at all. With the seed's
  Core counts (39 Core audits, 24 of them DTA's minimum-standards checks) only DTA keeps to
  the programme: every other team is behind two months running, as the seed's own numbers
  imply.
- caseload.csv: the open cases on AS_OF (child_id, team, case_type, worker, open_since), from
  which May 2018's Core sample is drawn: most audited children are still open, with others;
  every team has enough eligible children except Leaving Care (one open case).

check() recounts every designed feature from the rows before anything is written.
"""
import csv
import datetime as dt
import io
import os
import random
import re

SEED = 20180430
AS_OF = dt.date(2018, 4, 30)
HERE = os.path.dirname(os.path.abspath(__file__))
AUDITS = os.path.join(HERE, "audits.csv")
D = dt.date
OVERDUE = 9  # open actions past their due date on AS_OF

BANK_HOLIDAYS = {D(2017, 8, 28), D(2017, 12, 25), D(2017, 12, 26), D(2018, 1, 1),
                 D(2018, 3, 30), D(2018, 4, 2), D(2018, 5, 7), D(2018, 5, 28)}

# Fictional owners: the team manager first, then social workers.
OWNERS = {
    "Ambleside": ["P. Quinn", "R. Shah", "S. Mwangi"],
    "Brambles": ["T. Byrne", "U. Kaur", "V. Novak"],
    "DCT": ["W. Ellis", "X. Lin", "Y. Daly"],
    "DTA": ["Z. Morgan", "A. Rossi", "B. Clarke"],
    "H4U": ["C. Walsh", "D. Osei", "E. Hart"],
    "FPT": ["F. Grant"],
    "Early Help": ["G. Price", "H. Ahmed"],
    "YOS": ["I. Carter", "J. Evans"],
}
# What audits ask for (the seed's themes), with a measurable outcome and the evidence seen.
ACTIONS = [
    ("Update the chronology", "Chronology complete to date and signed off by the team manager",
     "Chronology seen up to date on file"),
    ("Complete a reflective case summary", "Case summary on file, reviewed in supervision",
     "Case summary seen on file"),
    ("Record supervision on the case file", "Supervision notes on file each month",
     "Two months of supervision notes seen on file"),
    ("Make the child's plan SMART", "Each plan action has an owner, a date and a measure",
     "Revised plan seen; actions dated and owned"),
    ("Complete words and pictures with the child", "Child's version of the safety plan on file",
     "Words and pictures seen on file"),
    ("Review the safety plan with the family", "Safety plan reviewed and signed by the family",
     "Reviewed safety plan seen on file"),
    ("Record the purpose of each visit", "Visit records state purpose and outcome",
     "Last three visit records state their purpose"),
    ("Refer the child for advocacy", "Advocate allocated and recorded on file",
     "Advocacy referral and allocation seen on file"),
    ("Update the transition plan", "Transition plan reviewed with the young person",
     "Transition plan seen, reviewed with the young person"),
]
NO_ACTION = "No action needed"
ACTION_FIELDS = ["action_id", "audit_id", "description", "owner", "raised", "due", "completed",
                 "status", "outcome", "evidence"]
CASE_TYPES = {
    "Ambleside": ["Child in Need", "Child Protection", "Looked After"],
    "Brambles": ["Child in Need", "Child Protection", "Looked After"],
    "DCT": ["Child in Need", "Child Protection", "Looked After"],
    "DTA": ["Assessment"],
    "H4U": ["Child in Need", "Child Protection", "Looked After"],
    "FPT": ["Fostering"],
    "Early Help": ["Early Help"],
    "YOS": ["Youth Justice"],
    "Leaving Care": ["Care Leaver"],
}
NEW_CASES = {"Ambleside": 14, "Brambles": 12, "DCT": 10, "DTA": 18, "H4U": 12, "FPT": 3,
             "Early Help": 9, "YOS": 6, "Leaving Care": 1}
TEAMS = [("Ambleside", "Core", 2, "2017-10", ""), ("Brambles", "Core", 2, "2017-10", ""),
         ("DCT", "Core", 2, "2017-10", ""), ("DTA", "Core", 2, "2017-10", ""),
         ("H4U", "Core", 2, "2017-10", ""), ("FPT", "Core", 0, "2017-10", ""),
         ("Early Help", "Core", 2, "2017-10", ""), ("YOS", "Core", 2, "2017-10", ""),
         ("Leaving Care", "Core", 2, "2018-01", "")]
# Escalations of the Inadequate audits (days after the audit date), and one not Inadequate.
ESCALATIONS = [("AUD-0005", 0), ("AUD-0009", 1), ("AUD-0012", 3), ("AUD-0022", 1),
               ("AUD-0034", 1), ("AUD-0078", 0), ("AUD-0093", 0), ("AUD-0104", 1)]
NOTHING_RECORDED = ["AUD-0060", "AUD-0115", "AUD-0118"]


def uk(day):
    return day.strftime("%d/%m/%Y")


def parse_uk(text):
    d, m, y = (int(x) for x in text.split("/"))
    return dt.date(y, m, d)


def working_day_on_or_after(day):
    while day.weekday() >= 5 or day in BANK_HOLIDAYS:
        day += dt.timedelta(1)
    return day


def final_grade(row):
    grade = (row["moderated_grade"] or row["grade"]).strip().lower()
    return {"inadequate": "I", "requires improvement": "RI", "ri": "RI",
            "requires improvement to be good": "RI", "good": "G", "outstanding": "O"}.get(grade, "NA")


def read_audits():
    with open(AUDITS, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def build_actions(audits, rng):
    rows, n = [], 0
    for audit in audits:
        aid, grade = audit["audit_id"], final_grade(audit)
        date = parse_uk(audit["audit_date"])
        if aid in NOTHING_RECORDED:
            continue
        if grade == "O" or (grade in ("G", "NA") and rng.random() < 0.25):
            n += 1
            rows.append({"action_id": f"ACT-{n:04d}", "audit_id": aid, "description": NO_ACTION,
                         "owner": "", "raised": uk(date), "due": "", "completed": "",
                         "status": "", "outcome": "", "evidence": ""})
            continue
        count = {"I": 3, "RI": rng.choice([2, 3]), "G": rng.choice([1, 2]), "NA": 1}[grade]
        owners = OWNERS[audit["team"]]
        for what, outcome, evidence in rng.sample(ACTIONS, count):
            n += 1
            raised = working_day_on_or_after(date + dt.timedelta(rng.choice([0, 1, 1, 2, 3])))
            weeks = 1 if grade == "I" else rng.choice([2, 4, 4, 6])
            due = raised + dt.timedelta(7 * weeks)
            rows.append({"action_id": f"ACT-{n:04d}", "audit_id": aid, "description": what,
                         "owner": rng.choice(owners), "raised": uk(raised), "due": uk(due),
                         "completed": "", "status": "", "outcome": outcome, "evidence": evidence,
                         "_due": due, "_raised": raised})
    return rows


def complete_actions(rows, rng):
    """Completion dates: most done on time, some late, the rest open on AS_OF."""
    actions = [r for r in rows if "_due" in r]
    for r in actions:
        raised, due = r["_raised"], r["_due"]
        span = (due - raised).days
        u = rng.random()
        if due >= AS_OF and u < 0.55:
            done = None  # still open, not yet due
        elif u < 0.80:
            done = raised + dt.timedelta(rng.randint(1, span))  # on time
        elif u < 0.93:
            done = due + dt.timedelta(rng.randint(1, 21))  # late
        else:
            done = None
        if done is not None and done > AS_OF:
            done = None
        r["_done"] = done
    # Exactly OVERDUE open actions past due: the oldest open ones stay open, others are done.
    overdue = [r for r in actions if r["_done"] is None and r["_due"] < AS_OF]
    for r in overdue[OVERDUE:]:
        r["_done"] = r["_due"] - dt.timedelta(1)
    for r in actions:
        done = r.pop("_done")
        if done is not None:
            r["completed"] = uk(done)
            r["status"] = "done"
        else:
            r["status"] = rng.choice(["open", "in progress"])
            r["evidence"] = ""
    return actions


def design_features(rows, actions, rng):
    """The single designed cases: a same-day action, a duplicate, a cancellation, SMART gaps,
    done actions without evidence."""
    # The first Core audit's first action was done on the day it was raised, the audit's day.
    first = next(r for r in actions if r["audit_id"] == "AUD-0002")
    first["raised"] = first["completed"] = "04/10/2017"
    first["_raised"] = D(2017, 10, 4)
    first["status"] = "done"
    first["evidence"] = first["evidence"] or "Chronology seen up to date on file"
    # A duplicate: a second copy of the first open action not yet due, same audit and owner,
    # its text written differently.
    base = next(r for r in actions if r["status"] != "done" and r["_due"] >= AS_OF)
    dup = dict(base)
    dup["description"] = base["description"].upper() + "."
    rows.insert(rows.index(base) + 1, dup)
    # One cancelled action (the case closed).
    cancelled = next(r for r in actions if r["audit_id"] == "AUD-0040")
    cancelled["status"], cancelled["completed"], cancelled["evidence"] = "cancelled", "", ""
    # SMART gaps: no due date on four actions, no measurable outcome on seven.
    done = [r for r in actions if r["status"] == "done" and r is not first]
    for r in rng.sample(done, 4):
        r["due"] = ""
    for r in rng.sample([r for r in actions if r is not first], 7):
        r["outcome"] = ""
    # Done, but no evidence of impact recorded yet.
    for r in rng.sample([r for r in done if r["due"]], 8):
        r["evidence"] = ""
    # Renumber in file order after the insertion.
    for k, r in enumerate(rows, start=1):
        r["action_id"] = f"ACT-{k:04d}"


def build_caseload(audits, rng):
    rows, used = [], {a["child_id"] for a in audits}
    workers = {t: OWNERS.get(t, ["K. Lowe"])[1:] or OWNERS.get(t, ["K. Lowe"]) for t in CASE_TYPES}
    workers["Leaving Care"] = ["K. Lowe"]
    for a in audits:
        if rng.random() < 0.75:  # still open
            rows.append((a["child_id"], a["team"], rng.choice(CASE_TYPES[a["team"]]),
                         parse_uk(a["audit_date"])))
    for team, n in NEW_CASES.items():
        for _ in range(n):
            while True:
                child = "C-%05d" % rng.randrange(10000, 100000)
                if child not in used:
                    used.add(child)
                    break
            rows.append((child, team, rng.choice(CASE_TYPES[team]), AS_OF))
    rng.shuffle(rows)
    out = []
    for child, team, case_type, open_by in rows:
        worker = "" if rng.random() < 0.05 else rng.choice(workers[team])
        opened = open_by - dt.timedelta(rng.randint(30, 700))  # open before any audit of it
        out.append({"child_id": child, "team": team, "case_type": case_type, "worker": worker,
                    "open_since": uk(opened)})
    return out


def check(ok, what):
    if not ok:
        raise SystemExit(f"make_cycle.py: check failed: {what}")


def verify(audits, rows, caseload):
    by_id = {a["audit_id"]: a for a in audits}
    actions = [r for r in rows if r["description"] != NO_ACTION]
    check(len({r["action_id"] for r in rows}) == len(rows), "action ids unique")
    check(all(r["audit_id"] in by_id for r in rows), "every action's audit exists")
    for r in actions:
        raised = parse_uk(r["raised"])
        check(raised >= parse_uk(by_id[r["audit_id"]]["audit_date"]), "raised after the audit")
        check(not r["due"] or parse_uk(r["due"]) >= raised, "due after raised")
        check(not r["completed"] or parse_uk(r["completed"]) >= raised, "done after raised")
        check(not r["completed"] or parse_uk(r["completed"]) <= AS_OF, "done by AS_OF")
        check(bool(r["owner"]), "every action has an owner")
    counted = [r for r in actions if r["status"] != "cancelled"]
    done = [r for r in counted if r["completed"]]
    still = [r for r in counted if not r["completed"]]
    overdue = [r for r in still if r["due"] and parse_uk(r["due"]) < AS_OF]
    check(len(overdue) == OVERDUE, f"{OVERDUE} overdue actions")
    check(len(done) > 0.7 * len(counted), "most actions done")
    late = [r for r in done if r["due"] and parse_uk(r["completed"]) > parse_uk(r["due"])]
    check(0 < len(late) < 0.25 * len(done), "some, not most, done late")
    check(sum(r["raised"] == r["completed"] for r in done) == 1, "one action done the day raised")
    keys = [(r["audit_id"], r["owner"], re.sub(r"[^a-z0-9]+", " ", r["description"].lower()).strip())
            for r in still]
    check(len(keys) - len(set(keys)) == 1, "one duplicated open action")
    check(sum(r["status"] == "cancelled" for r in actions) == 1, "one cancelled action")
    nothing = set(by_id) - {r["audit_id"] for r in rows}
    check(nothing == set(NOTHING_RECORDED), "three audits with nothing recorded")
    inadequate = [a["audit_id"] for a in audits if final_grade(a) == "I"]
    check(len(inadequate) == 8, "eight Inadequate audits")
    escalated = {a for a, _ in ESCALATIONS}
    check(set(inadequate) - escalated == {"AUD-0048"}, "one Inadequate audit not escalated")
    check(final_grade(by_id["AUD-0093"]) == "RI", "AUD-0093 moderated to RI")
    children = [c["child_id"] for c in caseload]
    check(len(children) == len(set(children)), "caseload children unique")
    check(sum(c["team"] == "Leaving Care" for c in caseload) == 1, "Leaving Care has one case")


def csv_text(fields, rows):
    out = io.StringIO()
    w = csv.DictWriter(out, fieldnames=fields, lineterminator="\n", extrasaction="ignore")
    w.writeheader()
    w.writerows(rows)
    return out.getvalue()


def render():
    """The four files' texts, by file name, after check() has passed."""
    rng = random.Random(SEED)
    audits = read_audits()
    rows = build_actions(audits, rng)
    actions = complete_actions(rows, rng)
    design_features(rows, actions, rng)
    by_id = {a["audit_id"]: a for a in audits}
    escalations = []
    for aid, days in ESCALATIONS:
        day = parse_uk(by_id[aid]["audit_date"]) + dt.timedelta(days)
        escalations.append({"audit_id": aid, "escalated": uk(day),
                            "escalated_to": "Service Manager; Assistant Director"})
    caseload = build_caseload(audits, rng)
    verify(audits, rows, caseload)
    team_fields = ["team", "programme", "expected_per_month", "from", "to"]
    return {
        "actions.csv": csv_text(ACTION_FIELDS, rows),
        "escalations.csv": csv_text(["audit_id", "escalated", "escalated_to"], escalations),
        "teams.csv": csv_text(team_fields, [dict(zip(team_fields, t)) for t in TEAMS]),
        "caseload.csv": csv_text(["child_id", "team", "case_type", "worker", "open_since"],
                                 caseload),
    }


def main():
    for name, text in render().items():
        with open(os.path.join(HERE, name), "w", newline="", encoding="utf-8") as f:
            f.write(text)


if __name__ == "__main__":
    main()
