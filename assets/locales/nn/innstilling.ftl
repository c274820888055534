# Innstillinga til SSU og den offentlege versjonen, nynorsk (offisiell rettskriving, Språkrådet).
# Kvar melding er éi linje: ei overskrift, ei celle eller eitt avsnitt. {"\u00A0"} er eit hardt
# mellomrom (som i «25 %»). Tala i overskriftene («1 Rangert oversikt») set programmet.

## Dokumentet

pdf-title = Innstilling – { $title }
pdf-title-public = Innstilling (offentleg versjon) – { $title }
pdf-subject = { $group } si innstilling til { $body } om fordeling av { $title }
running-header = Innstilling til { $body } · { $date }
running-footer = { $title } · laga { $at }
page-number = Side { $page } av { $pages }
withheld = Unnateke frå innsyn, { $ground }

## Tal i løpande tekst

number-0 = null
number-1 = éin
number-2 = to
number-3 = tre
number-4 = fire
number-5 = fem
number-6 = seks
number-7 = sju
number-8 = åtte
number-9 = ni
number-10 = ti
number-11 = elleve
number-12 = tolv
applications-one = éin søknad
applications-many = { $count } søknader

## Utfall, partar og roller

outcome-granted = innvilga
outcome-partly-granted = delvis innvilga
outcome-rejected = avslått
outcome-granted-title = Innvilga
outcome-partly-granted-title = Delvis innvilga
outcome-rejected-title = Avslått
side-kommune = Kommune
side-helseforetak = Helseføretak
side-other = Anna
side-none = Utan oppgitt part
area-none = Ikkje oppgitt
role-kommune = Kommune
role-hf = Helseføretak
role-fastlege = Fastlege
role-brukerrepresentant = Brukarrepresentant
role-annet = Anna
role-chair = { $role } (leiar)
role-deputy = { $role } (nestleiar)
yes = Ja
no = Nei

## Framsida

innstilling-title = Innstilling
public-note = Offentleg versjon. Skårane til kvart medlem, grunngivingane deira og kontaktpersonar er tekne ut ({ $withheld }). Totalskårar, rangering, beløp og metode står som i innstillinga.
cover-addressing = Til { $body } frå { $group }
fact-date = Dato
fact-case-number = Saksnummer
fact-deadline = Søknadsfrist
fact-meeting = Møte i { $body }
fact-frame = Ramme
fact-total-requested = Samla søkt
fact-total-recommended = Samla tilrådd
fact-remaining = Att av ramma
fact-applications = Tal på søknader
outcome-counts = { $total } ({ $granted } innvilga, { $partly } delvis innvilga, { $rejected } avslått)
heading-summary = Samandrag
summary = { $group } har vurdert { $applications } med eit samla søknadsbeløp på { $requested }. Ramma er { $frame }. Arbeidsgruppa rår til at { $supported } får tilskot, til saman { $recommended }
summary-partly = av dei { $partly } med eit lågare beløp enn søkt
summary-remaining = Av ramma står { $remaining } att.
summary-deviations = Innstillinga avvik frå det utrekna forslaget for { $deviations }; kvart avvik er grunngitt.
proposed-resolution = Forslag til vedtak
standard-resolution = { $body } tildeler rekrutterings- og samhandlingstilskot i tråd med innstillinga frå arbeidsgruppa, til saman { $recommended } av ramma på { $frame }, fordelt som i tabellen i kapittel 1.

## 1 Rangert oversikt

heading-ranked = Rangert oversikt
ranked-intro = Søknadene står i rangert rekkjefølgje etter samla skår. Rangintervallet i parentes viser kva plassar søknaden fekk i dei fleste omtrekkingane (sjå vedlegg A). Beløp er i kroner.
column-rank = Rang
column-application = Søknad
column-title-applicant = Tittel og søkjar
column-score = Skår
column-requested = Søkt
column-recommended = Tilrådd
column-outcome = Utfall
column-applications = Søknader
column-share = Del
row-sum = Sum
row-remaining = Att av ramma på { $frame }
group-by-side = Fordeling på ansvarleg part
group-by-area = Fordeling på prioriterte område
share-note = Del er delen av det samla tilrådde beløpet.
heading-budget = Bruk av ramma
budget-intro = Ramma fordelt på prosjekt der kommunen og der helseføretaket er ansvarleg part, og kva som står att, over det samla søknadsbeløpet.
budget-alt = Stolpediagram over bruken av ramma på { $frame }. Tilrådd til prosjekt som kommunen leier: { $kommune }, til prosjekt som helseføretaket leier: { $helseforetak }; { $remaining } står att. Samla søkt: { $requested }.
budget-millions = millionar kroner
budget-frame = Ramme { $frame }
budget-remaining = Att

## 2 Samla skår og usikkerheit

heading-totals = Samla skår og usikkerheit
totals-intro = Kvar søknad er eit punkt på skalaen, i rangert rekkjefølgje; fylte punkt er tilrådde til tilskot. Den stipla linja viser kvar ramma tek slutt i det utrekna forslaget.
column-rank-interval = Rangintervall
legend-recommended = Tilrådd til tilskot
legend-not-recommended = Ikkje tilrådd
legend-interval = Usikkerheitsintervall
legend-interval-level = Usikkerheitsintervall ({ $level }{"\u00A0"}%)
legend-funding-line = Finansieringsgrense i utrekna forslag
totals-alt = Punktdiagram over samla skår for { $count } rangerte søknader på skalaen { $min }–{ $max }, i rangert rekkjefølgje.
totals-alt-part = Del { $part } av { $parts }.
totals-alt-range = Høgaste skår er { $high } ({ $high-reference }), lågaste { $low } ({ $low-reference }).
totals-alt-funding = Finansieringsgrensa i det utrekna forslaget går etter rang { $rank }.

## 3 Vurdering av søknadene

heading-applications = Vurdering av søknadene
applications-intro = For kvar søknad blir kriterieprofilen vist med skåren til kvart medlem, krav som må vere oppfylte, habilitet og grunngivinga til arbeidsgruppa.
fact-applicant = Søkjar
fact-side = Ansvarleg part
fact-partners = Samarbeidspartnarar
fact-priority-area = Prioritert område
fact-total = Samla skår
fact-rank = Rangering
fact-computed = Utrekna forslag
total-of = { $total } av { $max }
total-with-interval = { $total } av { $max } (intervall { $low }–{ $high })
total-none = Ingen talskår
rank-of = { $rank } av { $count }
rank-with-interval = { $rank } av { $count } (intervall { $interval })
rank-none = Ikkje rangert
remarks = Merknader: { $flags }
heading-profile = Kriterieprofil
profile-withheld = { "*" } Skårane til kvart medlem og spreiinga mellom dei: { $withheld }.
heading-gates = Krav som må vere oppfylte
gates-all-passed = Alle krav er oppfylte: { $gates }.
column-gate = Krav
column-passed = Oppfylt
column-note = Merknad
heading-recusal = Habilitet
recusal-none = Ingen medlemmer var inhabile.
recused = { $name } var ikkje med i vurderinga av søknad { $reference }.
heading-justification = Grunngivinga til arbeidsgruppa
no-justification = Inga grunngiving er registrert.
deviation-heading = Avvik frå utrekna forslag for søknad { $reference }
deviation-facts = Utrekna forslag: { $computed }. Innstilling: { $recommended } ({ $outcome }).

## Merknader til SSU

flag-deviates = Avvik frå utrekna forslag
flag-gate = Krav ikkje oppfylt: { $gate }
flag-recusal = Inhabilitet
flag-disagreement = Usemje
flag-disagreement-about = Usemje om { $criteria }
flag-tie-broken = Lik skår avgjord: { $rule }
flag-few-scores = Få skårar
flag-member-deviation = Avvikande skår frå { $member }
flag-member-deviation-withheld = Avvikande skår ({ $withheld })
flag-shared-place = Delt plass
flag-below-quorum = For få vurderingar
tie-rule-criterion = skåren for «{ $criterion }»
tie-rule-lower-amount = lågaste søkte beløp

## Kriterieprofilen

profile-criterion = Kriterium
profile-weight = Vekt
profile-score = Skår
profile-spread-1 = Sprei-
profile-spread-2 = ing
profile-count-1 = Tal på
profile-count-2 = skår
profile-not-applicable-1 = Ikkje
profile-not-applicable-2 = relevant
legend-member-score = Skåren til eitt medlem (like skårar stabla)
legend-spread = Spreiing (lågaste–høgaste)
legend-criterion-score = Kriterieskår
legend-disagreement = Skår der medlemmene er usamde
note-disagreement = usemje
note-not-applicable = { $count } ikkje relevant
note-recused = { $count } inhabil
profile-alt = Kriterieprofil for søknad { $reference }. { $criteria }.
profile-alt-public = Kriterieprofil for søknad { $reference }. { $criteria }. Skårane til kvart medlem: { $withheld }.
profile-alt-no-score = ingen skår
profile-alt-count = { $criterion }: { $value } ({ $count } skår)
profile-alt-range = { $criterion }: { $value } (skårane til medlemmene går frå { $low } til { $high }, { $count } skår)

## Møtet

chaired-by = Leiar { $leader } var inhabil, og { $member } leidde handsaminga av søknaden.
chaired-by-deputy = Leiar { $leader } var inhabil, og nestleiar { $member } leidde handsaminga av søknaden.
chaired-by-unknown = Leiar { $leader } var inhabil. Det er ikkje ført kven som leidde handsaminga av søknaden.
below-quorum = For få vurderingar: { $counted } av medlemmene har skåra søknaden, og runden krev minst { $quorum }. Søknaden kan difor ikkje reknast som klart innanfor eller klart utanfor.
heading-meeting = Vurderinga til arbeidsgruppa i møtet
majority = Synet til fleirtalet: { $view }
minority = Synet til mindretalet ({ $names }): { $view }
lottery-entry-drawn = Trekt ut ved loddtrekning (nr. { $position } i trekninga), { $amount }.
lottery-entry-not-drawn = Ikkje trekt ut ved loddtrekninga (nr. { $position } i trekninga).

## Vedlegg A: Metode

appendix-method = Vedlegg A: Metode
method-intro = Vurderinga er heilskapleg og skjønnsmessig. Metoden under skildrar korleis skårane til medlemmene er sette saman til det utrekna forslaget som arbeidsgruppa har teke utgangspunkt i.
heading-criteria = Kriterium og vekter
column-criterion = Kriterium
column-weight = Vekt
column-guidance = Rettleiing
column-not-applicable-allowed = Ikkje relevant tillate
heading-scale = Skala
column-meaning = Tyding
heading-total-score = Samla skår
aggregation-mean = gjennomsnittet
aggregation-median = medianen
method-total-score = For kvar søknad og kvart kriterium er kriterieskåren { $noun } av talskårane frå medlemmene som ikkje er inhabile for søknaden. Samla skår er det vekta gjennomsnittet av kriterieskårane: kvar kriterieskår blir gonga med vekta til kriteriet, produkta blir summerte, og summen blir delt på summen av vektene. Berre kriterium med minst éin talskår blir tekne med, både over og under brøkstreken. Samla skår er på skalaen ({ $min }–{ $max }), blir vist med to desimalar og blir samanlikna med full presisjon. Alle utrekningar blir gjorde med desimaltal, utan avrunding undervegs.
heading-not-applicable = Ikkje relevant og manglande skår
method-not-applicable = Eit medlem kan markere eit kriterium som ikkje relevant for ein søknad der kriteriet tillèt det. Slike markeringar og manglande skår er ikkje det same som låg skår: dei blir haldne utanfor kriterieskåren. Eit kriterium utan talskår blir halde utanfor samla skår for søknaden.
heading-disagreement = Usemje
method-disagreement = Eit kriterium blir markert med usemje når skilnaden mellom høgaste og lågaste skår er { $range } eller meir. Slike kriterium er drøfta i arbeidsgruppa før innstillinga.
method-no-gates = Runden har ingen absolutte krav ut over kriteria.
method-gates = Ein søknad som ikkje oppfyller eitt av krava under, blir ikkje teken med i fordelinga, og kravet blir oppgitt som grunn.
column-description = Skildring
heading-ties = Lik skår
method-ties-shared = Søknader med lik samla skår får same rang.
method-ties-ladder = Søknader med lik samla skår blir rangerte etter desse reglane, i denne rekkjefølgja:
tie-step-criterion = Høgare kriterieskår på «{ $criterion }».
tie-step-lower-amount = Lågare søkt beløp først, så fleire prosjekt får plass innanfor ramma.
tie-step-shared = Søknader som reglane ikkje skil, deler plass.
heading-allocation = Fordeling innanfor ramma
method-allocation = Det utrekna forslaget gir søknadene fullt søkt beløp i rangert rekkjefølgje så langt ramma rekk. Ein søknad som ikkje får plass, blir hoppa over, og neste søknad som får plass, blir teken med. Arbeidsgruppa har justert forslaget der ei heilskapleg vurdering tilseier det; kvart avvik er grunngitt under søknaden.
heading-uncertainty = Usikkerheit i skår og rangering
method-bootstrap = Usikkerheita er anslått ved omtrekking (bootstrap): skårane til medlemmene for kvar søknad er trekte på nytt med tilbakelegging { $resamples } gonger, og samla skår og rangering er rekna ut for kvar trekning. Intervalla dekkjer { $level }{"\u00A0"}% av trekningane. Trekningane bruker eit fast frø ({ $seed }), slik at resultatet kan gjerast om att.
heading-calibration = Kalibrering
method-calibration = Kalibrerte totalskårar (skårane til kvart medlem rekna om til standardskårar og tilbake til skalaen) er viste ved sida av råskårane for medlemmer som har skåra minst { $count } søknader. Rangeringa og forslaget byggjer på råskårane.
heading-agreement = Semje mellom medlemmene
method-agreement = Krippendorffs alfa for skårane er { $alpha }. { $interpretation }
agreement-good = Det er god semje mellom medlemmene.
agreement-acceptable = Det er akseptabel semje mellom medlemmene.
agreement-moderate = Det er moderat semje mellom medlemmene; skilnadene bør drøftast.
agreement-low = Det er låg semje mellom medlemmene; totalskårane må lesast med varsemd.
heading-weight-changes = Endringar i vekter etter at skåringa starta
heading-method-changes = Endringar i utrekningsmåten etter at skåringa starta
method-changes-intro = Utrekningsmåten vart fastsett før skåringa. Leiaren har endra han etterpå, med grunngiving; endringane er førte i loggen til runden.
method-change = { $date }: endra { $changed }. Grunngiving: «{ $justification }»
method-part-aggregation = samla skår (gjennomsnitt eller median)
method-part-calibration = kalibrering
method-part-partial-funding = delvis finansiering
method-part-total-threshold = minste totalskår
method-part-criterion-thresholds = minstekrav per kriterium
method-part-tie-ladder = rekkjefølgja ved lik totalskår

## Loddtrekning

heading-lottery = Loddtrekning i gråsona
lottery-method = Arbeidsgruppa fann søknadene { $candidates } like gode. Alle låg i gråsona: rangeringsintervallet på 90{"\u00A0"}% kryssar streken for kva ramma rekk til. Leiaren sette dei i ei loddtrekning. Det som var att av ramma etter dei andre søknadene, { $available }, vart fordelt i den rekkjefølgja loddtrekninga gav, etter dei same reglane som elles: fullt søkt beløp så langt det rekk, elles neste søknad.
lottery-seed = Tala kom frå noko alle i rommet kunne sjå og sjekke seinare: «{ $seed-text }» ({ $source }). Sifra i rekkjefølgje, lesne som eitt tal, gir frøet { $seed }. Søknadene vart stokka i rangert rekkjefølgje med Fisher–Yates-metoden og talgeneratoren SplitMix64 med dette frøet, slik det er skildra i dokumentasjonen til Samvurd (docs/engine.md, «The lottery in the grey zone»). Same tal gir alltid same trekning, så kven som helst kan gjere henne om att. Frøet, søknadene og resultatet står i loggen til runden.
column-number = Nr.
column-result = Resultat
column-amount = Beløp
lottery-drawn = Trekt ut ved loddtrekning
lottery-not-drawn = Ikkje trekt ut
lottery-allocated = Fordelt ved loddtrekning: { $allocated } av { $available }. Innstillinga til leiaren er sett over resultatet som elles, med grunngiving der ho avvik.

## Vedlegg B: Arbeidsgruppa

appendix-members = Vedlegg B: Arbeidsgruppa
column-name = Namn
column-organisation = Organisasjon
column-role = Rolle
heading-recusals = Inhabilitet
recusals-none = Ingen medlemmer melde seg inhabile.
recusals-intro = Medlemmene vurderte sjølve habiliteten sin etter forvaltningslova §{"\u00A0"}6. Eit inhabilt medlem har ikkje skåra søknaden og har ikkje sett skårane til dei andre for søknaden.

## Vidareføringar frå førre runde (a round made with «Ny runde fra denne»)

continuation-heading = Vidareføringar frå førre runde
continuation-intro = Denne runden er laga frå «{ $previous }» (fila «{ $file }»), med tilskota derifrå som går inn i { $year } som kandidatar til vidareføring. { $continued } Beløpet i fjor er det SSU vedtok; rapportstatusen er frå oppfølginga i førre runde den dagen denne runden vart laga.
continuation-count-none = Ingen av søknadene fører vidare eit tilskot frå i fjor.
continuation-count-one = Éin søknad fører vidare eit tilskot frå i fjor.
continuation-count-many = { $count } søknader fører vidare tilskot frå i fjor.
continuation-by-reference = søknadsnummer
continuation-by-title = tittel
continuation-continues = { $reference } (etter { $by })
continuation-column-application = Søknad
continuation-column-continues = Fører vidare
continuation-column-last-year = I fjor
continuation-column-recommended = Tilrådd i år
continuation-column-reports = Rapportar i fjor
continuation-without-application = Tilskot frå i fjor med prosjektperiode inn i { $year } utan søknad i denne runden: { $grants }.
continuation-reports-not-opened = oppfølginga ikkje opna i førre runde
continuation-reports-none = ingen rapportar å levere (per { $date })
continuation-reports-one = { $received } av 1 rapport motteken{ $overdue } (per { $date })
continuation-reports-many = { $received } av { $owed } rapportar mottekne{ $overdue } (per { $date })
continuation-reports-overdue = , { $count } over frista
