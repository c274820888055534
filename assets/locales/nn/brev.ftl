# Svarbrevet til søkjarane, nynorsk (offisiell rettskriving, Språkrådet). Kvar melding er eitt
# avsnitt eller éi linje i brevet. Ein leiar kan overstyre meldingar per runde med ei fil ved
# sida av runden (sjå docs/cli.md).

default-working-group = Arbeidsgruppa for samhandlingstilskot
default-decision-body = Strategisk samarbeidsutval (SSU)

letter-subject = Svar på søknad om tilskot – { $title }
letter-subject-preliminary = Førebels svar på søknad om tilskot – { $title }
letter-preliminary-mark = FØREBELS SVAR – ikkje vedteke
letter-application = Søknad { $reference }
letter-our-reference = Vår ref.: { $reference }
letter-date = Dato: { $date }
letter-applied = Vi viser til søknaden dykkar om tilskot til prosjektet «{ $title }» i runden «{ $round }».
letter-treated = { $body } har handsama søknaden.
letter-treated-meeting = { $body } har handsama søknaden i møte { $date }.
letter-granted = Vi har gleda av å melde at søknaden er innvilga. De får eit tilskot på { $amount }.
letter-partly-granted = Søknaden er delvis innvilga. De får eit tilskot på { $amount } av dei { $requested } de søkte om.
letter-rejected = Vi må dessverre melde at søknaden er avslått. De søkte om { $requested }.
letter-preliminary = Dette er eit førebels svar. { $body } har enno ikkje handsama søknaden. { $group } rår til at søknaden blir { $recommended }. De får eit endeleg svar når { $short } har gjort vedtak.
letter-preliminary-meeting = Dette er eit førebels svar. { $body } har enno ikkje handsama søknaden i møte { $date }. { $group } rår til at søknaden blir { $recommended }. De får eit endeleg svar når { $short } har gjort vedtak.
letter-recommended-granted = innvilga med { $amount }
letter-recommended-partly-granted = delvis innvilga med { $amount } av dei { $requested } de søkte om
letter-recommended-rejected = avslått
letter-justification-heading = Grunngiving
letter-conditions-heading = Vilkår for tilskotet
letter-rejection-note = Vedtaket er gjort etter ei heilskapleg og skjønnsmessig vurdering av alle søknadene innanfor ramma. De er velkomne til å søkje igjen i ein seinare runde.
letter-contact-heading = Kontakt
letter-greeting = Med venleg helsing
letter-generated = laga { $at }
letter-generated-preliminary = Førebels · laga { $at }
letter-page = Side { $page } av { $pages }
letter-default-conditions-1 = Tilskotet skal brukast til prosjektet slik det er skildra i søknaden. Vesentlege endringar i prosjektet må avtalast skriftleg med helsefellesskapet før dei blir gjennomførte.
letter-default-conditions-2 = De skal sende ein kort statusrapport seks månader etter oppstart, med framdrift, forbruk av midlar og eventuelle avvik frå planen. Når prosjektet er avslutta, skal de sende ein sluttrapport med rekneskap til strategisk samarbeidsutval (SSU). Midlar som ikkje er brukte, eller som er brukte i strid med føresetnadene, kan krevjast betalte tilbake.
letter-default-contact = Spørsmål om vedtaket kan rettast til { $group }. Oppgi referansen vår når de tek kontakt.
letter-default-contact-at = Spørsmål om vedtaket kan rettast til { $group } i { $helsefellesskap }. Oppgi referansen vår når de tek kontakt.
letter-norwegian-copy = Dette er ein norsk kopi av svarbrevet, som er sendt på nordsamisk.
letter-sami-copy-note = De får også ein norsk kopi av dette brevet.

reason-over-frame = Arbeidsgruppa rangerte søknaden som nummer { $rank } av { $count }. Ramma for runden var { $frame }. Søknadene som vart rangerte framfor, fekk til saman { $used }, så det var { $left } att. Det var ikkje nok til dei { $requested } de søkte om.
reason-frame-used = Arbeidsgruppa rangerte søknaden som nummer { $rank } av { $count }. Ramma for runden på { $frame } vart brukt opp av søknadene som vart rangerte framfor.
reason-failed-gate = Søknaden oppfyller ikkje krava for tilskot: { $gates }.
reason-below-threshold = Søknaden fekk lågare poengsum enn minstekravet som gjeld for runden.
reason-not-drawn-by-lot = Arbeidsgruppa fann søknaden like god som andre søknader ved grensa for kva ramma rekk til. Midlane vart fordelte mellom dei ved loddtrekning, og søknaden vart ikkje trekt ut.
