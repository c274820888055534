# Oppfølginga etter tildelinga, nynorsk: purrebrev for forfalne rapportar og halvårsstatusen
# til SSU. Brevhovudet, helsinga og sidetalet kjem frå brev.ftl. Ein leiar kan overstyre
# meldingane per runde i den same fila ved sida av runden (runde.brev.nn.ftl, sjå docs/cli.md).

report-status = Statusrapport
report-periodic = Periodisk rapport nr. { $number }
report-final = Sluttrapport
report-confirmation = Stadfesting av beløpet for prosjektår { $year }
days-one = 1 dag
days-many = { $days } dagar

reminder-subject = Purring på rapport – { $title }
reminder-intro = { $body } løyvde { $amount } til prosjektet «{ $title }» i vedtak { $date }. Tilskotet er gitt på vilkår om rapportering.
reminder-overdue-one = Vi har ikkje motteke rapporten nedanfor, og fristen er passert.
reminder-overdue-many = Vi har ikkje motteke rapportane nedanfor, og fristane er passerte.
reminder-column-report = Rapport
reminder-column-due = Frist
reminder-column-days = Over fristen
reminder-request = Vi ber dykk sende det som manglar innan 14 dagar frå datoen på dette brevet. Har de alt sendt det, ber vi dykk gi oss beskjed, så registrerer vi det.
reminder-consequence = Manglande rapportering kan føre til at resten av tilskotet blir halde tilbake, eller at tilskotet blir kravd tilbakebetalt.
reminder-contact = Spørsmål kan rettast til { $group }. Oppgi referansen vår når de tek kontakt.
reminder-generated = purring · generert { $at }

status-title = Halvårsstatus til { $body }
status-as-of = Status per { $date }
status-intro = Oversikta viser prosjekta som fekk tilskot då { $body } gjorde vedtak { $date } (sak { $case }): tildelt og utbetalt beløp, rapportane prosjekta skal levere, og om midlane blir brukte som planlagt.
status-fact-projects = Prosjekt med tilskot
status-fact-granted = Tildelt i alt
status-fact-paid = Utbetalt i alt
status-fact-reports = Rapportar
status-reports-summary = { $received } motteke, { $overdue } forfalne, { $due } ikkje forfalne
status-heading-projects = Prosjekta
status-column-project = Prosjekt
status-column-granted = Tildelt
status-column-paid = Utbetalt
status-column-reports = Rapportar
status-column-status = Status
status-report-received = motteke { $date }
status-report-due = frist { $date }
status-report-overdue = forfall { $date } ({ $days })
status-no-reports = Ingen rapportar blir kravde.
status-line-overdue-one = Rapport forfallen, { $days } over fristen
status-line-overdue-many = { $count } rapportar forfalne, den eldste { $days } over fristen
status-line-next = I rute; neste er { $report } { $date }
status-line-completed = Alle rapportar er mottekne
status-line-nothing-owed = Ingen rapportar å levere
status-line-deviation = avvik utan samtykke frå SSU
status-line-consented = endra bruk med samtykke frå SSU
status-heading-deviations = Avvik frå planen og samtykke frå SSU
status-no-deviations = Alle prosjekta bruker midlane som planlagt.
status-deviation = { $reference } «{ $title }»: { $deviation } { $consent }
status-consent = SSU samtykte skriftleg { $date } (sak { $case }).
status-no-consent = SSU har ikkje gitt skriftleg samtykke.
status-generated = halvårsstatus · generert { $at }
