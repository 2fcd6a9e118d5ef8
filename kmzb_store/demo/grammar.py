"""Polish grammar for the demo data: the locative of town names, ASCII codes, feminine
surnames. A best-effort rule set with a table of exceptions."""

from __future__ import annotations

import unicodedata

# fmt: off
_LOCATIVE: dict[str, str] = {
    "Warszawa": "Warszawie", "Łódź": "Łodzi", "Bydgoszcz": "Bydgoszczy", "Gdynia": "Gdyni",
    "Bielsko-Biała": "Bielsku-Białej", "Jelenia Góra": "Jeleniej Górze", "Piła": "Pile",
    "Gniezno": "Gnieźnie", "Krosno": "Krośnie", "Jasło": "Jaśle", "Koło": "Kole",
    "Opole": "Opolu", "Zakopane": "Zakopanem", "Końskie": "Końskich", "Racibórz": "Raciborzu",
    "Nowa Sól": "Nowej Soli", "Biała Podlaska": "Białej Podlaskiej", "Łęczna": "Łęcznej",
    "Ostrów Mazowiecka": "Ostrowi Mazowieckiej", "Lubliniec": "Lublińcu",
    "Jastrzębie Zdrój": "Jastrzębiu-Zdroju", "Busko-Zdrój": "Busku-Zdroju",
    "Kędzierzyn-Koźle": "Kędzierzynie-Koźlu", "Skarżysko-Kamienna": "Skarżysku-Kamiennej",
    "Czechowice-Dziedzice": "Czechowicach-Dziedzicach", "Jelcz-Laskowice": "Jelczu-Laskowicach",
    "Konstancin-Jeziorna": "Konstancinie-Jeziornie", "Boguszów-Gorce": "Boguszowie-Gorcach",
    "Czerwionka-Leszczyny": "Czerwionce-Leszczynach", "Czeladź": "Czeladzi",
    "Chodzież": "Chodzieży", "Krasnystaw": "Krasnymstawie", "Orzesze": "Orzeszu",
    "Międzyrzec Podlaski": "Międzyrzecu Podlaskim", "Kartuzy": "Kartuzach",
    "Zamość": "Zamościu", "Zabrze": "Zabrzu", "Łaziska Górne": "Łaziskach Górnych",
    "Nowy Dwór Mazowiecki": "Nowym Dworze Mazowieckim", "Ełk": "Ełku", "Chełm": "Chełmie",
    "Śrem": "Śremie",
}

_NOUN_ENDINGS: tuple[tuple[str, str], ...] = (
    ("ście", "ściu"), ("cie", "ciu"), ("ice", "icach"), ("yce", "ycach"), ("ce", "cach"),
    ("ze", "zach"), ("ki", "kach"), ("ny", "nach"), ("ry", "rach"), ("ły", "łach"),
    ("wy", "wach"), ("zy", "zach"), ("hy", "hach"), ("ty", "tach"), ("py", "pach"),
    ("ów", "owie"), ("ław", "ławiu"), ("ek", "ku"), ("zko", "zku"), ("iec", "cu"), ("ec", "cu"),
    ("sk", "sku"), ("ck", "cku"), ("k", "ku"), ("g", "gu"), ("ń", "niu"), ("ść", "ściu"),
    ("n", "nie"),
    ("rz", "rzu"), ("cz", "czu"), ("sz", "szu"), ("ż", "żu"), ("dz", "dzu"), ("d", "dzie"),
    ("t", "cie"), ("r", "rze"), ("ch", "chu"), ("om", "omiu"), ("im", "imiu"), ("m", "mie"),
    ("l", "lu"), ("j", "ju"), ("c", "cu"), ("w", "wie"), ("ka", "ce"), ("ga", "dze"),
    ("ia", "i"), ("ja", "i"), ("ca", "cy"), ("ża", "ży"), ("la", "li"), ("ła", "le"),
    ("da", "dzie"), ("ta", "cie"), ("ra", "rze"), ("na", "nie"), ("wa", "wie"), ("sa", "sie"),
    ("ma", "mie"), ("ba", "bie"), ("pa", "pie"), ("za", "zie"), ("sko", "sku"), ("cko", "cku"),
    ("ło", "le"), ("no", "nie"), ("wo", "wie"), ("to", "cie"), ("lo", "lu"),
)
_ADJ_ENDINGS: tuple[tuple[str, str], ...] = (
    ("skie", "skich"), ("ckie", "ckich"), ("zkie", "zkich"), ("ne", "nych"), ("ski", "skim"),
    ("cki", "ckim"), ("zki", "zkim"), ("ska", "skiej"), ("cka", "ckiej"), ("zka", "zkiej"),
    ("y", "ym"), ("a", "ej"),
)

# fmt: on


def _is_adjective(word: str) -> bool:
    return word.endswith(
        (
            "ski",
            "cki",
            "zki",
            "ska",
            "cka",
            "zka",
            "skie",
            "ckie",
            "zkie",
            "ny",
            "wy",
            "na",
            "wa",
            "ła",
            "ne",
            "cza",
        )
    )


def _inflect(word: str, table: tuple[tuple[str, str], ...]) -> str:
    for end, repl in sorted(table, key=lambda er: -len(er[0])):
        if word.endswith(end):
            return word[: len(word) - len(end)] + repl
    return word


def locative(town: str) -> str:
    """The Polish locative ("w Łodzi") of a town name; a best-effort rule set."""
    if town in _LOCATIVE:
        return _LOCATIVE[town]
    words = town.split(" ")
    tail: list[str] = []
    if "nad" in words:  # "Nakło nad Notecią": only the part before "nad" inflects
        i = words.index("nad")
        words, tail = words[:i], words[i:]
    out: list[str] = []
    if len(words) == 2 and not _is_adjective(words[1]):
        out = [_inflect(words[0], _ADJ_ENDINGS), _inflect(words[1], _NOUN_ENDINGS)]
    else:
        out = [_inflect(words[0], _NOUN_ENDINGS)]
        out += [_inflect(w, _ADJ_ENDINGS) for w in words[1:]]
    return " ".join(out + tail)


def w_locative(town: str) -> str:
    """``"w Łodzi"``, ``"we Wrocławiu"``: the preposition and the locative of a town."""
    vowels = "aeiouyąęó"
    pre = "we" if town[:1] in "WwFf" and town[1:2].lower() not in vowels else "w"
    return f"{pre} {locative(town)}"


def ascii_code(text: str) -> str:
    """``"Gorzów Wielkopolski"`` -> ``"GORZOW-WIELKOPOLSKI"`` (for unit codes)."""
    text = text.replace("ł", "l").replace("Ł", "L")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    out = "".join(ch if ch.isalnum() else "-" for ch in text.upper())
    return "-".join(p for p in out.split("-") if p)


def ascii_lower(text: str) -> str:
    """``"Łukasz"`` -> ``"lukasz"`` (for e-mail addresses)."""
    return ascii_code(text).lower().replace("-", "")


def feminine(surname: str) -> str:
    """``"Kowalski"`` -> ``"Kowalska"``; surnames without a gender stay as they are."""
    for end in ("ski", "cki", "dzki"):
        if surname.endswith(end):
            return surname[:-1] + "a"
    return surname
