"""Builds the dev-set gold (tests/dev/*.jsonl) from hand-written mention lists.

Each document's mentions are listed by hand, in reading order, as (text, kind, id);
the offsets are found by searching each text forward from the previous mention, on
word boundaries. Written from reading the texts, before running the extractor.
Run: python tests/dev/annotate.py (reads dev-texts/, which is git-ignored).
"""

import hashlib
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "dev-texts"
P, A = "place", "actor"

DEV = {
    "en1_theatlasnews.txt": (
        "en",
        "https://www.theatlasnews.com/jnim-ambushes-wagnerfama-convoy-along-sevare-bandiagara-road",
        [
            ("Al-Qaeda", A, "al-qaeda"),
            ("Jama'at Nusrat al-Islam wal-Muslimin", A, "jnim"),
            ("JNIM", A, "jnim"),
            ("Malian military", A, "fama"),
            ("FAMA", A, "fama"),
            ("Russian mercenaries", A, "wagner"),
            ("Russia", P, "ru-russia"),
            ("Wagner Group", A, "wagner"),
            ("Africa Corps", A, "wagner"),
            ("Sévaré", P, "ml-sevare"),
            ("Bandiagara", P, "ml-bandiagara"),
            ("Mali", P, "ml"),
            ("Mopti", P, "ml-region-mopti"),
            ("Wagner", A, "wagner"),
            ("Mali", P, "ml"),
            ("Russia", P, "ru-russia"),
            ("Wagner group", A, "wagner"),
            ("Malian junta", A, "mali-junta"),
            ("Malian army", A, "fama"),
            ("FAMA", A, "fama"),
            ("Jama'a Nusrat ul-Islam wa al-Muslimin", A, "jnim"),
            ("JNIM", A, "jnim"),
            ("Ansar al-Din", A, "ansar-dine"),
            ("al-Mourabitoun", A, "al-mourabitoun"),
            ("MUJAO", A, "mujao"),
            ("Katiba Macina", A, "flm"),
            ("al-Qaeda in the Islamic Maghreb", A, "aqim"),
            ("AQIM", A, "aqim"),
            ("Islamic State in the Greater Sahel", A, "isgs"),
            ("ISGS", A, "isgs"),
            ("Coordination of Azawad Movements", A, "cma"),
            ("CMA", A, "cma"),
            ("Turkey", P, "tr-turkey"),
            ("Azalai hotel", P, "gn-10113597"),
            ("Bamako", P, "ml-bamako"),
        ],
    ),
    "en2_hindaily.txt": (
        "en",
        "https://hindaily.com/the-islamic-state-in-the-greater-sahara-to-conquer-the-northeast-of-the-country/",
        [
            ("Islamic State in the Greater Sahara", A, "isgs"),
            ("Mali", P, "ml"),
            ("Islamic State in the Greater Sahara", A, "isgs"),
            ("EIGS", A, "isgs"),
            ("Movement for the Salvation of Azawad", A, "msa"),
            ("MSA", A, "msa"),
            ("Algiers", P, "dz-algiers"),
            ("Ménaka", P, "ml-menaka"),
            ("Gao", P, "ml-gao"),
            ("Mali", P, "ml"),
            ("EIGS", A, "isgs"),
            ("MSA", A, "msa"),
            ("Niger", P, "ne"),
            ("UN", A, "united-nations"),
            ("Mali", P, "ml"),
            ("Maghreb", P, "zz-maghreb"),
            ("Machrek", P, None),
            ("Europe", P, "zz-europe"),
            ("Gulf", P, None),
            ("EIGS", A, "isgs"),
            ("MSA", A, "msa"),
            ("Permanent Strategic Framework", A, "cma"),
            ("CSP", A, "cma"),
            ("Algiers", P, "dz-algiers"),
            ("MSA", A, "msa"),
            ("EIGS", A, "isgs"),
            ("United Nations Mission in Mali", A, "minusma"),
            ("Minusma", A, "minusma"),
        ],
    ),
    "en3_difesaesicurezza.txt": (
        "en",
        "https://www.difesaesicurezza.com/en/defence-and-security/mali-wagner-and-fama-suffer-another-blow-in-the-north/",
        [
            ("Mali", P, "ml"),
            ("Wagner", A, "wagner"),
            ("FAMA", A, "fama"),
            ("Wagner", A, "wagner"),
            ("FAMA", A, "fama"),
            ("Mali", P, "ml"),
            ("JNIM", A, "jnim"),
            ("Acharan", P, None),
            ("Russian contractors", A, "wagner"),
            ("MNLA", A, "mnla"),
            ("Timbuktu", P, "ml-timbuktu"),
            ("Wagner", A, "wagner"),
            ("Malian army", A, "fama"),
            ("FAMA", A, "fama"),
            ("JNIM", A, "jnim"),
            ("al Qaeda", A, "al-qaeda"),
            ("FAMA", A, "fama"),
            ("Acharan", P, None),
            ("Timbuktu", P, "ml-timbuktu"),
            ("Bamako", P, "ml-bamako"),
            ("Russian contractors", A, "wagner"),
            ("FAMA", A, "fama"),
            ("Timbuktu", P, "ml-timbuktu"),
            ("National Movement for the Liberation of Azawad", A, "mnla"),
            ("MNLA", A, "mnla"),
        ],
    ),
    "en5_mb_com_ph.txt": (
        "en",
        "http://www.mb.com.ph/articles/366120/images/ads/2013-02-27_10_21_3448409y.gif",
        [
            ("Burkina Faso", P, "bf"),
            ("Burkina Faso", P, "bf"),
            ("Burkina", P, "bf"),
            ("Mali", P, "ml"),
            ("Yirgou", P, "osm-5652627097"),
            ("Barsalogo", P, "gn-2362735"),
            ("Barsalogo", P, "gn-2362735"),
            ("Ouagadougou", P, "bf-ouagadougou"),
            ("Barsalogo", P, "gn-2362735"),
            ("koglweogo", A, None),
        ],
    ),
    "fr1_maliactu.txt": (
        "fr",
        "https://maliactu.net/mali-encore-du-sang-qui-coule-a-mopti-une-autre-trentaine-de-personnes-assassinees-le-week-end-dernier-dans-le-cercle-de-bankass/",
        [
            ("Saran", P, "gn-2451592"),
            ("Bidi", P, None),
            ("Ouenkoro", P, "gn-2452298"),
            ("Bankass", P, "ml-cercle-bankass"),
            ("Mopti", P, "ml-region-mopti"),
            ("Armée malienne", A, "fama"),
            ("Bankass", P, "ml-cercle-bankass"),
            ("Yoro", P, None),
            ("Guiri", P, "gn-2456719"),
            ("MINUSMA", A, "minusma"),
        ],
    ),
    "fr2_radioreperedesiles.txt": (
        "fr",
        "https://www.radioreperedesiles.com/2020/10/14/attaques-jihadistes-au-mali-regain-de-violences-dans-la-region-de-mopti/securite/175/rri/",
        [
            ("Mali", P, "ml"),
            ("militaires maliens", A, "fama"),
            ("Sokoura", P, None),
            ("Bankass", P, "ml-cercle-bankass"),
            ("Bankass", P, "ml-bankass"),
            ("Paroukou", P, None),
            ("Bandiagara", P, "ml-bandiagara"),
        ],
    ),
    "fr3_lessentiel.txt": (
        "fr",
        "http://www.lessentiel.lu/fr/news/monde/story/29141221",
        [
            ("Gaïgorou", P, "osm-473480915"),
            ("Dessa", P, None),
            ("Gaïgorou", P, "osm-473480915"),
            ("Tillabéri", P, "ne-region-tillaberi"),
            ("trois frontières", P, "area-three-borders"),
            ("Niger", P, "ne"),
            ("Mali", P, "ml"),
            ("Burkina Faso", P, "bf"),
            ("Al-Qaïda", A, "al-qaeda"),
            ("Etat islamique", A, "islamic-state"),
            ("EI", A, "islamic-state"),
            ("Tillabéri", P, "ne-region-tillaberi"),
            ("Zibane-Koira Zéno", P, None),
            ("Zibane Koira-Tégui", P, None),
            ("Gadabo", P, "osm-473480888"),
            ("Anzourou", P, None),
            ("Dessa", P, None),
            ("Niger", P, "ne"),
            ("Mali", P, "ml"),
        ],
    ),
    "fr4_beninwebtv.txt": (
        "fr",
        "https://beninwebtv.com/burkina-06-suppletifs-de-larmee-tues-dans-une-attaque-terroriste-dans-le-sahel/",
        [
            ("volontaires pour la défense de la patrie", A, "vdp"),
            ("VDP", A, "vdp"),
            ("Oudalan", P, "bf-province-oudalan"),
            ("Sahel", P, "bf-region-sahel"),
            ("volontaires pour la défense de la patrie", A, "vdp"),
            ("VDP", A, "vdp"),
            ("armée burkinabè", A, "burkina-forces"),
            ("Doumam", P, "osm-3455739154"),
            ("Oudalan", P, "bf-province-oudalan"),
            ("Sahel", P, "bf-region-sahel"),
            ("Daka", P, None),
            ("Sourou", P, "bf-province-sourou"),
            ("Forces burkinabè", A, "burkina-forces"),
            ("Balliata", P, None),
            ("Gorom-Gorom", P, "gn-2360372"),
            ("Sahel", P, "bf-region-sahel"),
            ("Burkina Faso", P, "bf"),
            ("Partiaga", P, None),
            ("Tapoa", P, "bf-province-tapoa"),
            ("Est", P, None),
            ("Armée burkinabè", A, "burkina-forces"),
        ],
    ),
}


def main() -> None:
    """Write one gold file per text of DEV (the texts must be in dev-texts/)."""
    for name, (lang, url, mentions) in DEV.items():
        text = (DOCS / name).read_text(encoding="utf-8")
        pos, lines = 0, []
        for surface, kind, ident in mentions:
            m = re.compile(r"(?<![\w])" + re.escape(surface) + r"(?![\w])").search(text, pos)
            if not m:
                raise SystemExit(f"{name}: {surface!r} not found after {pos}")
            line = {"start": m.start(), "end": m.end(), "text": surface, "kind": kind, kind: ident}
            lines.append(line)
            pos = m.end()
        header = {
            "doc": name,
            "sha256": hashlib.sha256(text.encode()).hexdigest(),
            "chars": len(text),
            "source": url,
            "lang": lang,
        }
        out = ROOT / "tests" / "dev" / (Path(name).stem + ".jsonl")
        out.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in [header, *lines]) + "\n", encoding="utf-8")
        print(name, lang, sum(x["kind"] == P for x in lines), "places", sum(x["kind"] == A for x in lines), "actors")


if __name__ == "__main__":
    main()
