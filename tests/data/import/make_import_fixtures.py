#!/usr/bin/env python3
"""Writes the application import fixtures in this directory.

The fixtures are committed; this script documents where they came from and rebuilds them if the
data below changes. Run it from anywhere:

    pip install openpyxl        # only needed for soknader.xlsx; a dev-machine dependency
    python3 tests/data/import/make_import_fixtures.py

What it writes:

* ``soknader-excel.csv``: 32 applications from the Vestre Viken area exactly as Norwegian Excel's
  "CSV (semikolondelt)" saves them: Windows-1252, ``;``, CRLF line endings, quotes only around
  cells that contain ``;``, ``"`` or a line break, a line break inside a cell written as a bare LF,
  amounts as Excel displays them (non-breaking space as thousands separator, some typed as text
  with ``kr`` or ``,-``), dates as ``dd.mm.yyyy``, and a trailing ``;;;`` row such as Excel leaves
  after a row whose content was deleted. Two extra columns the importer does not know
  (``Kontaktperson``, ``Innsendt``) show that unknown columns are kept as extra text.
* ``soknader.xlsx``: the same 32 applications with the template's own headers, amounts as number
  cells and periods as real date cells, the way the secretary's tidied workbook looks.
* Small bad files for the error tests: ``soknader-feil-belop.csv``, ``soknader-feil-dato.csv``,
  ``soknader-mangler-kolonne.csv``, ``soknader-dobbel-ref.csv``, ``soknader-tom.csv`` (zero bytes)
  and ``soknader-bare-overskrift.csv`` (headers and blank rows only).

The Rust tests in ``crates/samvurd-app/src/import/tests.rs`` check that the CSV and the XLSX give
the same applications and spot-check VV-2026-007 against the values written here.
"""

import codecs
import csv
import datetime
import io
import pathlib

HERE = pathlib.Path(__file__).resolve().parent
NBSP = "\u00a0"


def kroner(value, style):
    """An amount written the way people and Norwegian Excel write it in a CSV cell."""
    whole = int(value)
    ore = round((value - whole) * 100)
    grouped = f"{whole:,}".replace(",", NBSP)
    decimals = f",{ore:02d}" if ore else ""
    if style == "nbsp":  # a number cell formatted as "# ##0": Excel writes NBSP groups
        return grouped + decimals
    if style == "space":  # typed by hand as text with ordinary spaces
        return grouped.replace(NBSP, " ") + decimals
    if style == "kr":
        return "kr " + grouped.replace(NBSP, " ") + decimals
    if style == "dash":
        return grouped.replace(NBSP, " ") + ",-"
    if style == "dots":
        return f"{whole:,}".replace(",", ".")
    if style == "plain":
        return f"{whole}" + decimals
    raise ValueError(style)


def d(text):
    day, month, year = (int(part) for part in text.split("."))
    return datetime.date(year, month, day)


# (reference, title, applicant, side as written ("" = derive from the name), partners,
#  target group, start, end, requested, style, own contribution kommune, own contribution HF,
#  summary, kind as written, contact person)
# Own contributions: None means an empty cell, which the importer reads as 0.
APPLICATIONS = [
    ("VV-2026-001", "Felles ambulant team for utskrivningsklare pasienter", "Drammen kommune", "kommune",
     "Vestre Viken HF; Lier kommune", "Utskrivningsklare pasienter", "01.01.2027", "31.12.2027",
     1_850_000, "nbsp", 400_000, 250_000,
     "Et tverrfaglig team følger opp pasienter de første 14 dagene etter utskrivning fra Drammen sykehus.",
     "Ny", "Ingrid Solberg"),
    ("VV-2026-002", "Kompetanseløft i palliasjon for hjemmetjenesten", "Lier kommune", "",
     "Vestre Viken HF, Drammen sykehus", "Palliasjon", "01.01.2027", "31.12.2027",
     480_000, "kr", 120_000, None,
     "Hospitering og felles undervisning; to sykepleiere fra hjemmetjenesten hospiterer på palliativ enhet.",
     "Ny", "Per Haugen"),
    ("VV-2026-003", "Psykisk helse og rus: felles inntaksteam", "Vestre Viken HF", "HF",
     "Drammen kommune; Øvre Eiker kommune; Modum kommune", "Psykisk helse og rus", "01.02.2027", "31.01.2028",
     2_400_000, "nbsp", 300_000, 600_000,
     "Felles inntaksmøte for DPS og kommunene, med mål om kortere ventetid.",
     "Videreføring", "Hilde Berg"),
    ("VV-2026-004", "Digitalt tilsyn på sykehjem i Hallingdal", "Gol kommune", "kommune",
     "Hemsedal kommune; Ål kommune; Hol kommune; Vestre Viken HF", "Eldre med sammensatte behov", "01.01.2027", "31.12.2027",
     950_000, "dash", 200_000, None,
     "Felles løsning for digitalt tilsyn om natten i fire kommuner.",
     "Ny", "Kjetil Rud"),
    ("VV-2026-005", "Barn og unges psykiske helse – tidlig innsats i skolen", "Asker kommune", "",
     "Vestre Viken HF, BUP Asker", "Barn og unge", "01.08.2027", "31.07.2028",
     1_200_000, "space", 350_000, 150_000,
     "Skolehelsetjenesten og BUP har felles veiledningsdager; \"kom-inn\"-team på ungdomsskolene.",
     "Ny", "Maria Lund"),
    ("VV-2026-006", "Kombinerte stillinger for sykepleiere i Ringerike", "Vestre Viken HF, Ringerike sykehus", "",
     "Ringerike kommune; Hole kommune", "Rekruttering", "01.01.2027", "31.12.2027",
     1_650_000, "nbsp", 250_000, 400_000,
     "Sykepleiere deler stilling mellom sykehuset og kommunens hjemmesykepleie.",
     "Videreføring", "Tor Amundsen"),
    ("VV-2026-007", "Digital hjemmeoppfølging av pasienter med KOLS i Numedal", "Kongsberg kommune", "kommune",
     "Vestre Viken HF, Kongsberg sykehus; Flesberg kommune; Rollag kommune; Nore og Uvdal kommune",
     "Kronisk syke", "01.02.2027", "31.01.2028",
     1_250_000, "kr", 300_000, 150_000,
     "Pasienter med KOLS måler metning hjemme og følges opp av en felles oppfølgingssentral.\n"
     "Målet er færre reinnleggelser på Kongsberg sykehus.",
     "Ny", "Åse Nygård"),
    ("VV-2026-008", "Akuttmedisinsk samarbeid ved de minste sykehusene", "Vestre Viken HF, Kongsberg sykehus", "HF",
     "Kongsberg kommune; Notodden kommune", "Akuttmedisin", "01.01.2027", "31.12.2027",
     780_000, "nbsp", None, 200_000,
     "Felles trening for legevakt og akuttmottak.",
     "", "Erik Strand"),
    ("VV-2026-009", "Frisklivssentral for personer med diabetes type 2", "Øvre Eiker kommune", "",
     "Vestre Viken HF", "Kronisk syke", "01.03.2027", "29.02.2028",
     350_000, "plain", 80_000, None,
     "Gruppetilbud og oppfølging etter diabetesskolen.",
     "Ny", "Nina Bakke"),
    ("VV-2026-010", "Samisk språk og kultur i helsetjenesten", "Universitetet i Sørøst-Norge", "annet",
     "Vestre Viken HF; Drammen kommune", "Samiske pasienter", "01.01.2027", "31.12.2027",
     420_000, "space", None, None,
     "Kursrekke om samisk språk, kultur og pasientrettigheter for ansatte i kommune og sykehus.",
     "Ny", "Ánde Somby"),
    ("VV-2026-011", "Legevaktsamarbeid i Midt-Buskerud", "Modum kommune", "kommune",
     "Sigdal kommune; Krødsherad kommune; Vestre Viken HF", "Akuttmedisin", "01.01.2027", "31.12.2027",
     890_000, "nbsp", 180_000, 100_000,
     "Felles legevaktordning med videokonsultasjon mot akuttmottaket.",
     "Videreføring", "Lars Moen"),
    ("VV-2026-012", "Ernæring for hjemmeboende eldre", "Bærum kommune", "",
     "Vestre Viken HF, Bærum sykehus", "Eldre med sammensatte behov", "01.01.2027", "31.12.2027",
     620_000, "kr", 150_000, 50_000,
     "Kartlegging av ernæringsstatus ved utskrivning og oppfølging hjemme.",
     "Ny", "Siri Eide"),
    ("VV-2026-013", "Rusfrie overganger etter innleggelse", "Vestre Viken HF", "",
     "Drammen kommune; Lier kommune", "Psykisk helse og rus", "01.01.2027", "31.12.2027",
     1_100_000, "nbsp", 200_000, 300_000,
     "Koordinator følger pasienten fra avrusning til kommunalt tilbud.",
     "Ny", "Jon Eriksen"),
    ("VV-2026-014", "Læring og mestring for foreldre til barn med diabetes", "Vestre Viken HF, Bærum sykehus", "HF",
     "Bærum kommune; Asker kommune", "Barn og unge", "01.09.2027", "31.08.2028",
     275_000, "dash", 40_000, 60_000,
     "Kurs for foreldre og helsesykepleiere.",
     "Ny", "Anne Vik"),
    ("VV-2026-015", "Hverdagsrehabilitering etter hoftebrudd", "Ringerike kommune", "kommune",
     "Vestre Viken HF, Ringerike sykehus", "Eldre med sammensatte behov", "01.01.2027", "31.12.2027",
     730_000, "nbsp", 200_000, 100_000,
     "Felles forløp fra operasjon til hjemmet, med fysioterapeut i begge tjenester.",
     "Videreføring", "Kari Holm"),
    ("VV-2026-016", "Felles kompetansesenter for sårbehandling", "Hole kommune", "",
     "Ringerike kommune; Jevnaker kommune; Vestre Viken HF", "Kronisk syke", "01.01.2027", "31.12.2027",
     310_000, "space", 60_000, 40_000,
     "Sårsykepleier fra sykehuset veileder kommunene via video.",
     "Ny", "Ole Tangen"),
    ("VV-2026-017", "Ambulerende geriatrisk team i Kongsbergregionen", "Vestre Viken HF, Kongsberg sykehus", "",
     "Kongsberg kommune; Flesberg kommune", "Eldre med sammensatte behov", "01.01.2027", "31.12.2027",
     1_450_000, "nbsp", 200_000, 450_000,
     "Geriater og sykepleier besøker sykehjem og hjemmetjeneste.",
     "Videreføring", "Berit Lie"),
    ("VV-2026-018", "Trygg hjemkomst for barn etter nyfødtintensiv", "Drammen kommune", "kommune",
     "Vestre Viken HF, Drammen sykehus", "Barn og unge", "01.01.2027", "31.12.2027",
     560_000, "kr", 120_000, 120_000,
     "Helsestasjonen og nyfødtintensiv har felles hjemmebesøk.",
     "Ny", "Guro Dahl"),
    ("VV-2026-019", "Oppfølging av pasienter med hjertesvikt i Hallingdal", "Hol kommune", "",
     "Ål kommune; Nesbyen kommune; Flå kommune; Vestre Viken HF", "Kronisk syke", "01.04.2027", "31.03.2028",
     487_500.50, "nbsp", 100_000, 50_000,
     "Hjertesviktpoliklinikk med ambulant sykepleier i Hallingdal.",
     "Ny", "Sverre Øen"),
    ("VV-2026-020", "Felles opplæring i velferdsteknologi", "Lunner kommune", "kommune",
     "Jevnaker kommune; Vestre Viken HF", "Rekruttering", "01.01.2027", "31.12.2027",
     150_000, "plain", 30_000, None,
     "E-læring og praktiske kurs for nyansatte.",
     "Ny", "Tone Sæther"),
    ("VV-2026-021", "Ressursteam for personer med utviklingshemming", "Vestre Viken HF", "HF",
     "Asker kommune; Bærum kommune; Lier kommune", "Psykisk helse og rus", "01.01.2027", "31.12.2027",
     2_100_000, "dots", 300_000, 500_000,
     "Team med spesialkompetanse som veileder kommunale boliger.",
     "Videreføring", "Morten Foss"),
    ("VV-2026-022", "Brukerstyrt seng for personer med psykoselidelser", "Vestre Viken HF, Blakstad sykehus", "",
     "Asker kommune", "Psykisk helse og rus", "01.01.2027", "31.12.2027",
     690_000, "nbsp", 50_000, 150_000,
     "Pasienter kan legge seg inn selv i inntil fem døgn.",
     "Ny", "Linn Aas"),
    ("VV-2026-023", "Jordmor i kommunen – felles stilling", "Sigdal kommune", "kommune",
     "Krødsherad kommune; Modum kommune; Vestre Viken HF", "Rekruttering", "01.01.2027", "31.12.2027",
     380_000, "space", 90_000, 40_000,
     "Felles jordmorstilling med vakter på fødeavdelingen.",
     "Ny", "Ragnhild Brenna"),
    ("VV-2026-024", "Legemiddelsamstemming ved overganger", "Vestre Viken HF", "",
     "Drammen kommune; Kongsberg kommune; Ringerike kommune", "Pasientsikkerhet", "01.01.2027", "31.12.2027",
     940_000, "nbsp", 100_000, 240_000,
     "Farmasøyt gjennomgår legemiddellister før utskrivning og ved innleggelse i sykehjem.",
     "Ny", "Henrik Wold"),
    ("VV-2026-025", "Akuttplasser i kommunen for eldre med infeksjoner", "Nore og Uvdal kommune", "",
     "Rollag kommune; Vestre Viken HF, Kongsberg sykehus", "Eldre med sammensatte behov", "01.01.2027", "31.12.2027",
     520_000, "kr", 130_000, 30_000,
     "Intravenøs behandling i kommunal akutt døgnenhet i stedet for innleggelse.",
     "Ny", "Gunhild Kvisle"),
    ("VV-2026-026", "Overgang fra barne- til voksenhabilitering", "Vestre Viken HF, Drammen sykehus", "HF",
     "Drammen kommune; Øvre Eiker kommune", "Barn og unge", "01.01.2027", "31.12.2027",
     610_000, "nbsp", 100_000, 150_000,
     "Felles overgangssamtaler fra 16 år.",
     "Ny", "Camilla Ruud"),
    ("VV-2026-027", "Helsefremmende tiltak for innvandrerkvinner", "Drammen kommune", "",
     "Vestre Viken HF; Frivilligsentralen", "Forebygging", "01.01.2027", "31.12.2027",
     330_000, "dash", 70_000, None,
     "Likepersoner og helsesykepleier har samtalegrupper på flere språk.",
     "Ny", "Fatima Ali"),
    ("VV-2026-028", "Videokonsultasjon mellom fastlege og spesialist", "Vestre Viken HF", "",
     "Kongsberg kommune; Hol kommune; Gol kommune", "Kronisk syke", "01.01.2027", "31.12.2027",
     1_320_000, "nbsp", None, 320_000,
     "Fastlegen kan ha pasienten med i en felles videokonsultasjon med spesialisten.",
     "Videreføring", "Eirik Haug"),
    ("VV-2026-029", "Demensteam med spesialisthelsetjenesten", "Øvre Eiker kommune", "kommune",
     "Vestre Viken HF, alderspsykiatri", "Eldre med sammensatte behov", "01.01.2027", "31.12.2027",
     455_000, "space", 110_000, 45_000,
     "Kommunens demensteam og alderspsykiatrisk poliklinikk utreder sammen.",
     "Ny", "Marit Gjerde"),
    ("VV-2026-030", "Felles vikarpool for sykepleiere i Hallingdal", "Ål kommune", "",
     "Gol kommune; Hol kommune; Hemsedal kommune; Vestre Viken HF", "Rekruttering", "01.01.2027", "31.12.2027",
     800_000, "kr", 200_000, 100_000,
     "Vikarer med rotasjon mellom sykestue, sykehjem og sykehus.",
     "Ny", "Trond Bøe"),
    ("VV-2026-031", "Oppfølging etter selvmordsforsøk", "Vestre Viken HF", "HF",
     "Asker kommune; Bærum kommune; Drammen kommune", "Psykisk helse og rus", "01.01.2027", "31.12.2027",
     1_750_000, "nbsp", 250_000, 500_000,
     "Rask oppfølging av kommunens kriseteam innen 24 timer etter utskrivning.",
     "Videreføring", "Ida Sørensen"),
    ("VV-2026-032", "Felles læringsnettverk for pasientsikkerhet i sykehjem", "Jevnaker kommune", "",
     "Lunner kommune; Vestre Viken HF", "Pasientsikkerhet", "01.01.2027", "31.12.2027",
     180_000, "space", 40_000, 20_000,
     "Nettverk med fagdager og felles forbedringsarbeid.",
     "", "Hans Kleven"),
]

assert len(APPLICATIONS) == 32
assert [row[0] for row in APPLICATIONS] == [f"VV-2026-{n:03d}" for n in range(1, 33)]

EXCEL_CSV_HEADERS = [
    "Søknadsnr", "Prosjekttittel", "Ansvarlig søker", "Søkerside", "Samarbeidspartnere",
    "Målgruppe", "Periode fra", "Periode til", "Omsøkt beløp", "Egeninnsats kommune",
    "Egeninnsats HF", "Sammendrag", "Ny/videreføring", "Kontaktperson", "Innsendt",
]
TEMPLATE_HEADERS = [
    "Søknadsnr", "Tittel", "Ansvarlig søker", "Søkerside", "Samarbeidspartnere", "Målgruppe",
    "Periode fra", "Periode til", "Omsøkt beløp", "Egeninnsats kommune", "Egeninnsats HF",
    "Sammendrag", "Ny/videreføring", "Kontaktperson",
]


def excel_csv(rows):
    """Norwegian Excel's "CSV (semikolondelt)": ; separated, CRLF, minimal quoting."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerows(rows)
    return buffer.getvalue()


def write_cp1252(name, text):
    (HERE / name).write_bytes(codecs.encode(text, "cp1252"))


def write_utf8(name, text):
    (HERE / name).write_bytes(codecs.encode(text, "utf-8"))


def write_excel_csv():
    rows = [EXCEL_CSV_HEADERS]
    for index, app in enumerate(APPLICATIONS):
        (ref, title, applicant, side, partners, target, start, end, amount, style, own_k, own_hf,
         summary, kind, contact) = app
        own_style = "nbsp"
        rows.append([
            ref, title, applicant, side, partners, target, start, end, kroner(amount, style),
            "" if own_k is None else kroner(own_k, own_style),
            "" if own_hf is None else kroner(own_hf, own_style),
            summary, kind, contact, f"{(index % 28) + 1:02d}.08.2026",
        ])
    # Excel keeps a row of separators where a row's content was deleted.
    rows.append([""] * len(EXCEL_CSV_HEADERS))
    write_cp1252("soknader-excel.csv", excel_csv(rows))


def write_xlsx():
    import openpyxl
    from openpyxl.styles import Font

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Søknader"
    sheet.append(TEMPLATE_HEADERS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for app in APPLICATIONS:
        (ref, title, applicant, side, partners, target, start, end, amount, _style, own_k, own_hf,
         summary, kind, contact) = app
        sheet.append([
            ref, title, applicant, side or None, partners, target, d(start), d(end), amount,
            own_k, own_hf, summary, kind or None, contact,
        ])
    for row in sheet.iter_rows(min_row=2):
        for cell in row[6:8]:
            cell.number_format = "dd.mm.yyyy"
        for cell in row[8:11]:
            cell.number_format = "#,##0.##" if cell.column == 9 else "#,##0"
    # A help sheet after the data, as in the template, must not be read instead of it.
    help_sheet = workbook.create_sheet("Hjelp")
    help_sheet.append(["Én søknad per rad i arket «Søknader»."])
    workbook.save(HERE / "soknader.xlsx")


def write_bad_files():
    header = ["Søknadsnr", "Tittel", "Ansvarlig søker", "Omsøkt beløp", "Periode fra", "Periode til"]

    bad_amounts = [
        header,
        ["VV-2026-101", "Godt prosjekt", "Drammen kommune", "1 200 000", "01.01.2027", "31.12.2027"],
        ["VV-2026-102", "Uklart beløp", "Lier kommune", "1,2 mill", "01.01.2027", "31.12.2027"],
        ["VV-2026-103", "Negativt beløp", "Vestre Viken HF", "\u221250 000", "01.01.2027", "31.12.2027"],
        ["VV-2026-104", "Null kroner", "Asker kommune", "0", "01.01.2027", "31.12.2027"],
        ["VV-2026-105", "Tomt beløp", "Modum kommune", "", "01.01.2027", "31.12.2027"],
        ["VV-2026-106", "Tekst i stedet for beløp", "Gol kommune", "se vedlegg", "01.01.2027", "31.12.2027"],
    ]
    # The U+2212 minus sign is not in Windows-1252, so this file is UTF-8 with BOM, as
    # Excel's "CSV UTF-8 (kommadelt)" writes it (still with ; in a Norwegian locale).
    write_utf8("soknader-feil-belop.csv", "\ufeff" + excel_csv(bad_amounts))

    bad_dates = [
        header,
        ["VV-2026-201", "Ugyldig dag", "Drammen kommune", "500 000", "31.02.2027", "31.12.2027"],
        ["VV-2026-202", "Tosifret år", "Lier kommune", "500 000", "1.1.27", "31.12.2027"],
        ["VV-2026-203", "Skråstrek", "Vestre Viken HF", "500 000", "2027/01/01", "31.12.2027"],
        ["VV-2026-204", "Slutt før start", "Asker kommune", "500 000", "01.07.2027", "30.06.2027"],
        ["VV-2026-205", "Gyldige datoer", "Modum kommune", "500 000", "1.1.2027", "2027-12-31"],
    ]
    write_cp1252("soknader-feil-dato.csv", excel_csv(bad_dates))

    missing_columns = [
        ["Søknadsnr", "Ansvarlig søker", "Søkerside", "Kommentar"],
        ["VV-2026-301", "Drammen kommune", "kommune", "mangler tittel og beløp"],
    ]
    write_cp1252("soknader-mangler-kolonne.csv", excel_csv(missing_columns))

    duplicate = [
        header,
        ["VV-2026-401", "Første", "Drammen kommune", "500 000", "", ""],
        ["VV-2026-402", "Andre", "Lier kommune", "500 000", "", ""],
        ["VV-2026-401", "Første igjen", "Drammen kommune", "500 000", "", ""],
        ["vv-2026-402", "Andre med små bokstaver", "Lier kommune", "500 000", "", ""],
    ]
    write_cp1252("soknader-dobbel-ref.csv", excel_csv(duplicate))

    write_cp1252("soknader-tom.csv", "")
    write_cp1252("soknader-bare-overskrift.csv", excel_csv([header, [""] * 6, [""] * 6]))


def main():
    write_excel_csv()
    write_xlsx()
    write_bad_files()


if __name__ == "__main__":
    main()
