# Oppfølgingen etter tildelingen, bokmål: purrebrev for forfalte rapporter og halvårsstatusen
# til SSU. Brevhodet, hilsenen og sidetallet kommer fra brev.ftl. En leder kan overstyre
# meldingene per runde i den samme fila ved siden av runden (runde.brev.nb.ftl, se docs/cli.md).

report-status = Statusrapport
report-periodic = Periodisk rapport nr. { $number }
report-final = Sluttrapport
report-confirmation = Bekreftelse av beløpet for prosjektår { $year }
days-one = 1 dag
days-many = { $days } dager

reminder-subject = Purring på rapport – { $title }
reminder-intro = { $body } innvilget { $amount } til prosjektet «{ $title }» i vedtak { $date }. Tilskuddet er gitt på vilkår om rapportering.
reminder-overdue-one = Vi har ikke mottatt rapporten nedenfor, og fristen er passert.
reminder-overdue-many = Vi har ikke mottatt rapportene nedenfor, og fristene er passert.
reminder-column-report = Rapport
reminder-column-due = Frist
reminder-column-days = Over fristen
reminder-request = Vi ber dere sende det som mangler innen 14 dager fra datoen på dette brevet. Har dere allerede sendt det, ber vi dere gi oss beskjed, så registrerer vi det.
reminder-consequence = Manglende rapportering kan føre til at resten av tilskuddet holdes tilbake, eller at tilskuddet kreves tilbakebetalt.
reminder-contact = Spørsmål kan rettes til { $group }. Oppgi vår referanse når dere tar kontakt.
reminder-generated = purring · generert { $at }

status-title = Halvårsstatus til { $body }
status-as-of = Status per { $date }
status-intro = Oversikten viser prosjektene som fikk tilskudd da { $body } fattet vedtak { $date } (sak { $case }): tildelt og utbetalt beløp, rapportene prosjektene skal levere, og om midlene brukes som planlagt.
status-fact-projects = Prosjekter med tilskudd
status-fact-granted = Tildelt i alt
status-fact-paid = Utbetalt i alt
status-fact-reports = Rapporter
status-reports-summary = { $received } mottatt, { $overdue } forfalt, { $due } ikke forfalt
status-heading-projects = Prosjektene
status-column-project = Prosjekt
status-column-granted = Tildelt
status-column-paid = Utbetalt
status-column-reports = Rapporter
status-column-status = Status
status-report-received = mottatt { $date }
status-report-due = frist { $date }
status-report-overdue = forfalt { $date } ({ $days })
status-no-reports = Ingen rapporter kreves.
status-line-overdue-one = Rapport forfalt, { $days } over fristen
status-line-overdue-many = { $count } rapporter forfalt, den eldste { $days } over fristen
status-line-next = I rute; neste er { $report } { $date }
status-line-completed = Alle rapporter er mottatt
status-line-nothing-owed = Ingen rapporter å levere
status-line-deviation = avvik uten SSUs samtykke
status-line-consented = endret bruk med SSUs samtykke
status-heading-deviations = Avvik fra planen og SSUs samtykke
status-no-deviations = Alle prosjektene bruker midlene som planlagt.
status-deviation = { $reference } «{ $title }»: { $deviation } { $consent }
status-consent = SSU samtykket skriftlig { $date } (sak { $case }).
status-no-consent = SSU har ikke gitt skriftlig samtykke.
status-generated = halvårsstatus · generert { $at }
