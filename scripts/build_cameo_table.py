"""Build src/detente/data/events/cameo.tsv from the shared reference tables.

    python3 scripts/build_cameo_table.py ../shared/reference

The CAMEO -> PLOVER table (PLOVER manual draft 0.8) has no rows for the CAMEO
roots 01 (make public statement: no PLOVER category) and 02 (appeal: PLOVER
folds it into REQUEST); their names come from the CAMEO codebook below.
Quad classes come from the reference table's quad conversion (the Phoenix
pipeline's): 0 neutral (01 statements, 02 appeals), 1 verbal cooperation (03-05),
2 material cooperation (06-08), 3 verbal conflict (09-13 and 16, reducing
relations), 4 material conflict (14-15, 17-20).
"""
import json
import re
import sys
from pathlib import Path

NAMES_01_02 = {
    "01": "Make public statement", "010": "Make statement, not specified below",
    "011": "Decline comment", "012": "Make pessimistic comment", "013": "Make optimistic comment",
    "014": "Consider policy option", "015": "Acknowledge or claim responsibility",
    "016": "Deny responsibility", "017": "Engage in symbolic act", "018": "Make empathetic comment",
    "019": "Express accord",
    "02": "Appeal", "020": "Make an appeal or request, not specified below",
    "021": "Appeal for material cooperation", "0211": "Appeal for economic cooperation",
    "0212": "Appeal for military cooperation", "0213": "Appeal for judicial cooperation",
    "0214": "Appeal for intelligence", "022": "Appeal for diplomatic cooperation",
    "023": "Appeal for aid", "0231": "Appeal for economic aid", "0232": "Appeal for military aid",
    "0233": "Appeal for humanitarian aid", "0234": "Appeal for military protection or peacekeeping",
    "024": "Appeal for political reform", "0241": "Appeal for change in leadership",
    "0242": "Appeal for policy change", "0243": "Appeal for rights",
    "0244": "Appeal for change in institutions, regime", "025": "Appeal to yield",
    "0251": "Appeal for easing of administrative sanctions", "0252": "Appeal for easing of popular dissent",
    "0253": "Appeal for release of persons or property", "0254": "Appeal for easing of economic sanctions",
    "0255": "Appeal to allow international involvement", "0256": "Appeal for de-escalation of military engagement",
    "026": "Appeal to others to meet or negotiate", "027": "Appeal to others to settle dispute",
    "028": "Appeal to engage in or accept mediation",
}


def main(ref):
    ref = Path(ref)
    plover, names, modes = {}, dict(NAMES_01_02), {}
    for line in (ref / "CAMEO2PLOVER-2021.txt").read_text(encoding="utf-8").splitlines():
        m = re.match(r"^(\d{2,4}):\s*([A-Z]+)(.*?)(?:#\s*(.*))?$", line)
        if not m:
            continue
        code, cat, rest, name = m.groups()
        plover.setdefault(code, cat)
        fields = [f.strip() for f in rest.split(",")]
        if code not in modes and len(fields) >= 3:
            modes[code] = (fields[1], " ".join(fields[2].split()).replace(" ;", ";"))
        if name:
            names.setdefault(code, name.strip())
    table = json.loads((ref / "cameo_goldstein_quad.json").read_text())
    goldstein, quad = table["goldstein_scale"], table["quad_conversion"]
    codes = sorted(set(goldstein) | set(plover) | set(names))
    rows = []
    for code in codes:
        cat = plover.get(code) or plover.get(code[:3]) or plover.get(code[:2])
        if code[:2] == "02":
            cat = "REQUEST"
        elif code[:2] == "01":
            cat = ""
        g = goldstein.get(code, goldstein.get(code[:3], goldstein.get(code[:2])))
        name = names.get(code) or names.get(code[:3], "")
        mode, context = modes.get(code) or modes.get(code[:3]) or ("", "")
        if not cat:
            mode, context = "", ""
        rows.append(f"{code}\t{cat}\t{mode}\t{context}\t{g}\t{quad[code[:2]]}\t{name}")
    out = Path(__file__).resolve().parent.parent / "src/detente/data/events/cameo.tsv"
    out.write_text("# CAMEO code table: code, PLOVER category, PLOVER mode, PLOVER context, Goldstein value,\n"
                   "# quad class (0 neutral), name.\n"
                   "# Built by scripts/build_cameo_table.py from the CAMEO->PLOVER (PLOVER manual draft 0.8)\n"
                   "# and CAMEO.SCALE Goldstein tables; facts of the field, carried in our own format.\n"
                   + "\n".join(rows) + "\n", encoding="utf-8")
    print(f"{len(rows)} codes -> {out}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/reference")
