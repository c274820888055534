# Svarbrevet til søkerne, bokmål. Hver melding er ett avsnitt eller én linje i brevet.
# En leder kan overstyre meldinger per runde med en fil ved siden av runden (se docs/cli.md).

default-working-group = Arbeidsgruppen for samhandlingstilskudd
default-decision-body = Strategisk samarbeidsutvalg (SSU)

letter-subject = Svar på søknad om tilskudd – { $title }
letter-subject-preliminary = Foreløpig svar på søknad om tilskudd – { $title }
letter-preliminary-mark = FORELØPIG SVAR – ikke vedtatt
letter-application = Søknad { $reference }
letter-our-reference = Vår ref.: { $reference }
letter-date = Dato: { $date }
letter-applied = Vi viser til søknaden deres om tilskudd til prosjektet «{ $title }» i runden «{ $round }».
letter-treated = { $body } har behandlet søknaden.
letter-treated-meeting = { $body } har behandlet søknaden i møte { $date }.
letter-granted = Vi har gleden av å meddele at søknaden er innvilget. Dere får et tilskudd på { $amount }.
letter-partly-granted = Søknaden er delvis innvilget. Dere får et tilskudd på { $amount } av omsøkte { $requested }.
letter-rejected = Vi må dessverre meddele at søknaden er avslått. Dere søkte om { $requested }.
letter-preliminary = Dette er et foreløpig svar. { $body } har ennå ikke behandlet søknaden. { $group } innstiller på at søknaden blir { $recommended }. Dere får et endelig svar når { $short } har fattet vedtak.
letter-preliminary-meeting = Dette er et foreløpig svar. { $body } har ennå ikke behandlet søknaden i møte { $date }. { $group } innstiller på at søknaden blir { $recommended }. Dere får et endelig svar når { $short } har fattet vedtak.
letter-recommended-granted = innvilget med { $amount }
letter-recommended-partly-granted = delvis innvilget med { $amount } av omsøkte { $requested }
letter-recommended-rejected = avslått
letter-justification-heading = Begrunnelse
letter-conditions-heading = Vilkår for tilskuddet
letter-rejection-note = Vedtaket er gjort etter en helhetlig og skjønnsmessig vurdering av alle søknadene innenfor rammen. Dere er velkomne til å søke igjen i en senere runde.
letter-contact-heading = Kontakt
letter-greeting = Med vennlig hilsen
letter-generated = generert { $at }
letter-generated-preliminary = Foreløpig · generert { $at }
letter-page = Side { $page } av { $pages }
letter-default-conditions-1 = Tilskuddet skal brukes til prosjektet slik det er beskrevet i søknaden. Vesentlige endringer i prosjektet må avtales skriftlig med helsefellesskapet før de gjennomføres.
letter-default-conditions-2 = Dere skal sende en kort statusrapport seks måneder etter oppstart, med framdrift, forbruk av midler og eventuelle avvik fra planen. Når prosjektet er avsluttet, skal dere sende en sluttrapport med regnskap til strategisk samarbeidsutvalg (SSU). Midler som ikke er brukt, eller som er brukt i strid med forutsetningene, kan kreves tilbakebetalt.
letter-default-contact = Spørsmål om vedtaket kan rettes til { $group }. Oppgi vår referanse når dere tar kontakt.
letter-default-contact-at = Spørsmål om vedtaket kan rettes til { $group } i { $helsefellesskap }. Oppgi vår referanse når dere tar kontakt.
letter-norwegian-copy = Dette er en norsk kopi av svarbrevet, som er sendt på nordsamisk.
letter-sami-copy-note = Dere får også en norsk kopi av dette brevet.

reason-over-frame = Arbeidsgruppen rangerte søknaden som nummer { $rank } av { $count }. Rammen for runden var { $frame }. Søknadene som ble rangert foran, fikk til sammen { $used }, så det var { $left } igjen. Det var ikke nok til de { $requested } dere søkte om.
reason-frame-used = Arbeidsgruppen rangerte søknaden som nummer { $rank } av { $count }. Rammen for runden på { $frame } ble brukt opp av søknadene som ble rangert foran.
reason-failed-gate = Søknaden oppfyller ikke kravene for tilskudd: { $gates }.
reason-below-threshold = Søknaden fikk lavere poengsum enn minstekravet som gjelder for runden.
reason-not-drawn-by-lot = Arbeidsgruppen fant søknaden like god som andre søknader ved grensen for hva rammen rekker til. Midlene ble fordelt mellom dem ved loddtrekning, og søknaden ble ikke trukket ut.
