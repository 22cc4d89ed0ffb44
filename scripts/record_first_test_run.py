"""Record the one scoring of the extremism test set after the rules were frozen.

    .venv/bin/python scripts/record_first_test_run.py --rules-commit <hash>

Writes ``corpus/annotations/extremism_test_first_run.json`` (`arabic_media.transfer.FIRST_RUN`):
the commit of the frozen rules, the date, and every score `transfer.first_run_scores`
gives. It refuses to overwrite a record: a later scoring with changed rules is a re-run,
to be added as one (``--rerun``, with a note saying what changed and why), never to
replace the first.
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys

from arabic_media import paths, transfer
from arabic_media.files import replacing

TARGET = "us_tech_companies"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rules-commit", required=True, help="the commit whose rules were scored")
    parser.add_argument("--rerun", default=None, help="record a re-run with this note, beside the first run")
    args = parser.parse_args(argv)
    test = transfer.load_split("extremism_test")
    scores = transfer.first_run_scores(test, TARGET)
    path = transfer.FIRST_RUN
    if path.is_file() and args.rerun is None:
        print(f"{paths.relative(path)} exists: the first run is recorded; a re-run needs --rerun NOTE", file=sys.stderr)
        return 1
    if args.rerun is not None:
        record = json.loads(path.read_text(encoding="utf-8"))
        record.setdefault("reruns", []).append({"rules_commit": args.rules_commit, "note": args.rerun, **scores})
    else:
        record = {"about": "The extremism test set scored once, after the stance and attribution rules were frozen "
                           "at rules_commit. The rules were written from the guidelines and the development sets "
                           "only; no rule was changed after this run.",
                  "split": "extremism_test", "target": TARGET, "rules_commit": args.rules_commit,
                  "date": datetime.date.today().isoformat(), **scores}
    with replacing(path) as partial:
        partial.write_text(json.dumps(record, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(scores, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
