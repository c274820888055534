#!/usr/bin/env python3
"""Writes two Microsoft Forms-style Excel exports of one application form, for the column mapping.

    pip install openpyxl        # a dev-machine dependency
    python3 tests/data/import/make_forms_fixtures.py

Microsoft Forms' «Åpne i Excel» writes one sheet («Sheet1») with its own columns first (ID,
Starttidspunkt, Fullføringstidspunkt, E-post, Navn) and then one column per question, headed by
the question's text. None of those headers is one the import knows, so the person chooses the
columns (`--kolonne søknadsnr=ID …`, or the column chooser in the app). ``forms-eksport-2.xlsx``
is the next export of the same form (same questions, other answers): the saved choice reads it.
The question «Hvem er kontaktperson?» matches no field and is kept as extra text.
"""

from datetime import datetime
from pathlib import Path

from openpyxl import Workbook

HEADERS = [
    "ID", "Starttidspunkt", "Fullføringstidspunkt", "E-post", "Navn",
    "Navn på prosjektet", "Hvilken organisasjon søker?", "Søkt beløp (kr)",
    "Beskriv prosjektet kort", "Hvem er kontaktperson?",
]

FIRST = [
    (1, "Felles legevaktsamarbeid i Dalane", "Eigersund kommune", 850000,
     "Kommunene i Dalane deler én legevakt om natten.", "Kari Nordmann"),
    (2, "Ambulant team for eldre", "Helse Stavanger – Stavanger universitetssjukehus", 1200000,
     "Spesialisthelsetjenesten møter eldre hjemme etter utskrivning.", "Ola Hansen"),
    (3, "Samisk språk i pasientforløp", "Guovdageainnu suohkan", 400000,
     "Tolk og samiskspråklig sykepleier i overgangene.", "Máret Sara"),
]
SECOND = [
    (4, "Digital hjemmeoppfølging", "Sola kommune", 600000,
     "Pasienter med KOLS følges opp hjemmefra.", "Per Olsen"),
    (5, "Kompetanseløft i psykisk helse", "Helse Bergen, Haukeland universitetssjukehus", 700000,
     "Felles kurs for kommune og sykehus.", "Ingrid Berg"),
]


def write(name: str, rows) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Sheet1"
    sheet.append(HEADERS)
    for number, title, applicant, amount, summary, contact in rows:
        started = datetime(2026, 3, 1, 9, number)
        sheet.append([
            number, started, started.replace(minute=number + 20),
            f"soker{number}@example.no", contact, title, applicant, amount, summary, contact,
        ])
    # A fixed time stamp, so that the file is the same every time the script runs.
    workbook.properties.created = datetime(2026, 3, 2)
    workbook.properties.modified = datetime(2026, 3, 2)
    workbook.save(Path(__file__).with_name(name))


write("forms-eksport-1.xlsx", FIRST)
write("forms-eksport-2.xlsx", SECOND)
