"""Print the Wagtail / wagtail-modeladmin admin strings that still show in English to Chinese staff.

Wagtail's own ``zh_Hans`` catalogues leave hundreds of msgids untranslated; ``locale/zh_Hans/LC_MESSAGES/django.po``
and ``djangojs.po`` (hand-kept, next to this script) fill them. After a Wagtail or wagtail-modeladmin upgrade run

    .venv/bin/python locale/zh_Hans/missing_wagtail_msgids.py

from the project root. It reads every ``en`` catalogue the installed ``wagtail`` and ``wagtail_modeladmin`` packages
ship (they hold every msgid, with msgctxt and plurals), drops the msgids that any of their ``zh_Hans`` catalogues or
the project's catalogue translate (Django merges all of them into one catalogue per domain, the project's last) and
prints the rest as .po entries with an empty msgstr, ready to translate and paste into the project's .po. The count
per domain goes to stderr; the exit status is 1 while anything is missing. Then ``msgfmt --check -o django.mo
django.po`` (and the same for djangojs). Only the standard library is used, so the project's python runs it.
"""

import ast
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DOMAINS = ("django", "djangojs")


def package_roots():
    import wagtail
    import wagtail_modeladmin

    return [Path(wagtail.__file__).parent, Path(wagtail_modeladmin.__file__).parent]


def read_po(path):
    """The live entries of a .po file: dicts with ctxt, id, plural, strs (list), flags (set), comments."""
    entries, entry, field = [], None, None

    def finish():
        if entry is not None and "id" in entry:
            entries.append(entry)

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#~"):
            continue
        if line.startswith("#"):
            if entry is not None and field is not None:  # a comment after msgstr begins the next entry
                finish()
                entry, field = None, None
            entry = entry or {"ctxt": None, "plural": None, "strs": {}, "flags": set(), "refs": []}
            if line.startswith("#,"):
                entry["flags"].update(flag.strip() for flag in line[2:].split(","))
            elif line.startswith("#:"):
                entry["refs"].append(line[2:].strip())
            continue
        if line.startswith('"'):
            value = ast.literal_eval(line)
            if field[0] == "strs":
                entry["strs"][field[1]] += value
            else:
                entry[field[0]] += value
            continue
        keyword, _, rest = line.partition(" ")
        value = ast.literal_eval(rest)
        if keyword in ("msgctxt", "msgid") and entry is not None and field is not None and field[0] == "strs":
            finish()
            entry = None
        entry = entry or {"ctxt": None, "plural": None, "strs": {}, "flags": set(), "refs": []}
        if keyword == "msgctxt":
            entry["ctxt"], field = value, ("ctxt",)
        elif keyword == "msgid":
            entry["id"], field = value, ("id",)
        elif keyword == "msgid_plural":
            entry["plural"], field = value, ("plural",)
        elif keyword.startswith("msgstr"):
            index = int(keyword[7:-1]) if "[" in keyword else 0
            entry["strs"][index], field = value, ("strs", index)
    finish()
    return [e for e in entries if e["id"]]  # the header has an empty msgid


def translated(entry):
    return "fuzzy" not in entry["flags"] and bool(entry["strs"]) and all(entry["strs"].values())


def key(entry):
    return entry["ctxt"], entry["id"]


def missing(domain, project_po=None):
    """The en entries of ``domain`` that no zh_Hans catalogue (Wagtail's, modeladmin's, the project's) translates."""
    wanted, done = {}, set()
    for root in package_roots():
        for en_po in sorted(root.glob(f"**/locale/en/LC_MESSAGES/{domain}.po")):
            for entry in read_po(en_po):
                wanted.setdefault(key(entry), entry)
            zh_po = en_po.parent.parent.parent / "zh_Hans" / "LC_MESSAGES" / f"{domain}.po"
            if zh_po.exists():
                done.update(key(e) for e in read_po(zh_po) if translated(e))
    project_po = project_po or HERE / "LC_MESSAGES" / f"{domain}.po"
    if project_po.exists():
        done.update(key(e) for e in read_po(project_po) if translated(e))
    return [entry for k, entry in wanted.items() if k not in done]


def quote(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t") + '"'


def as_po(entry):
    lines = [f"#: {ref}" for ref in entry["refs"][:3]]
    flags = sorted(f for f in entry["flags"] if f != "fuzzy")
    if flags:
        lines.append("#, " + ", ".join(flags))
    if entry["ctxt"] is not None:
        lines.append(f"msgctxt {quote(entry['ctxt'])}")
    lines.append(f"msgid {quote(entry['id'])}")
    if entry["plural"] is not None:
        lines += [f"msgid_plural {quote(entry['plural'])}", 'msgstr[0] ""']
    else:
        lines.append('msgstr ""')
    return "\n".join(lines)


def main():
    total = 0
    for domain in DOMAINS:
        entries = missing(domain)
        total += len(entries)
        print(f"{domain}: {len(entries)} msgids missing from zh_Hans", file=sys.stderr)
        if entries:
            print(f"# ---- {domain}.po ----\n")
            print("\n\n".join(as_po(e) for e in entries) + "\n")
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main())
