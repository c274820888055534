# Innstillingen til SSU og den offentlige versjonen, bokmål. Hver melding er én linje: en
# overskrift, en celle eller ett avsnitt. {"\u00A0"} er et hardt mellomrom (som i «25 %»).
# Tallene i overskriftene («1 Rangert oversikt») settes av programmet.

## Dokumentet

pdf-title = Innstilling – { $title }
pdf-title-public = Innstilling (offentlig versjon) – { $title }
pdf-subject = { $group } sin innstilling til { $body } om fordeling av { $title }
running-header = Innstilling til { $body } · { $date }
running-footer = { $title } · generert { $at }
page-number = Side { $page } av { $pages }
withheld = Unntatt offentlighet, { $ground }

## Tall i løpende tekst

number-0 = null
number-1 = én
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
applications-one = én søknad
applications-many = { $count } søknader

## Utfall, parter og roller

outcome-granted = innvilget
outcome-partly-granted = delvis innvilget
outcome-rejected = avslått
outcome-granted-title = Innvilget
outcome-partly-granted-title = Delvis innvilget
outcome-rejected-title = Avslått
side-kommune = Kommune
side-helseforetak = Helseforetak
side-other = Annet
side-none = Uten oppgitt part
area-none = Ikke oppgitt
role-kommune = Kommune
role-hf = Helseforetak
role-fastlege = Fastlege
role-brukerrepresentant = Brukerrepresentant
role-annet = Annet
role-chair = { $role } (leder)
role-deputy = { $role } (nestleder)
yes = Ja
no = Nei

## Forsiden

innstilling-title = Innstilling
public-note = Offentlig versjon. Medlemmenes enkeltskårer, deres egne begrunnelser og kontaktpersoner er tatt ut ({ $withheld }). Totalskårer, rangering, beløp og metode står som i innstillingen.
cover-addressing = Til { $body } fra { $group }
fact-date = Dato
fact-case-number = Saksnummer
fact-deadline = Søknadsfrist
fact-meeting = Møte i { $body }
fact-frame = Ramme
fact-total-requested = Samlet søkt
fact-total-recommended = Samlet innstilt
fact-remaining = Gjenstår av rammen
fact-applications = Antall søknader
outcome-counts = { $total } ({ $granted } innvilget, { $partly } delvis innvilget, { $rejected } avslått)
heading-summary = Sammendrag
summary = { $group } har vurdert { $applications } med et samlet søknadsbeløp på { $requested }. Rammen er { $frame }. Arbeidsgruppen innstiller på at { $supported } får tilskudd, til sammen { $recommended }
summary-partly = hvorav { $partly } med et lavere beløp enn søkt
summary-remaining = Av rammen gjenstår { $remaining }.
summary-deviations = Innstillingen avviker fra det beregnede forslaget for { $deviations }; hvert avvik er begrunnet.
proposed-resolution = Forslag til vedtak
standard-resolution = { $body } tildeler rekrutterings- og samhandlingstilskudd i tråd med arbeidsgruppens innstilling, til sammen { $recommended } av rammen på { $frame }, fordelt som i tabellen i kapittel 1.

## 1 Rangert oversikt

heading-ranked = Rangert oversikt
ranked-intro = Søknadene står i rangert rekkefølge etter samlet skår. Rangintervallet i parentes viser hvilke plasser søknaden fikk i de fleste omtrekningene (se vedlegg A). Beløp er i kroner.
column-rank = Rang
column-application = Søknad
column-title-applicant = Tittel og søker
column-score = Skår
column-requested = Søkt
column-recommended = Innstilt
column-outcome = Utfall
column-applications = Søknader
column-share = Andel
row-sum = Sum
row-remaining = Gjenstår av rammen på { $frame }
group-by-side = Fordeling på ansvarlig part
group-by-area = Fordeling på prioriterte områder
share-note = Andel er andelen av samlet innstilt beløp.
heading-budget = Bruk av rammen
budget-intro = Rammen fordelt på prosjekter der kommunen og der helseforetaket er ansvarlig part, og hva som gjenstår, over det samlede søknadsbeløpet.
budget-alt = Stolpediagram over bruken av rammen på { $frame }. Innstilt til kommuneledede prosjekter: { $kommune }, til helseforetaksledede prosjekter: { $helseforetak }; { $remaining } gjenstår. Samlet søkt: { $requested }.
budget-millions = millioner kroner
budget-frame = Ramme { $frame }
budget-remaining = Gjenstår

## 2 Samlet skår og usikkerhet

heading-totals = Samlet skår og usikkerhet
totals-intro = Hver søknad er et punkt på skalaen, i rangert rekkefølge; fylte punkter er innstilt til tilskudd. Den stiplede linjen viser hvor rammen tar slutt i det beregnede forslaget.
column-rank-interval = Rangintervall
legend-recommended = Innstilt til tilskudd
legend-not-recommended = Ikke innstilt
legend-interval = Usikkerhetsintervall
legend-interval-level = Usikkerhetsintervall ({ $level }{"\u00A0"}%)
legend-funding-line = Finansieringsgrense i beregnet forslag
totals-alt = Punktdiagram over samlet skår for { $count } rangerte søknader på skalaen { $min }–{ $max }, i rangert rekkefølge.
totals-alt-part = Del { $part } av { $parts }.
totals-alt-range = Høyeste skår er { $high } ({ $high-reference }), laveste { $low } ({ $low-reference }).
totals-alt-funding = Finansieringsgrensen i det beregnede forslaget går etter rang { $rank }.

## 3 Vurdering av søknadene

heading-applications = Vurdering av søknadene
applications-intro = For hver søknad vises kriterieprofilen med hvert medlems skår, krav som må være oppfylt, habilitet og arbeidsgruppens begrunnelse.
fact-applicant = Søker
fact-side = Ansvarlig part
fact-partners = Samarbeidspartnere
fact-priority-area = Prioritert område
fact-total = Samlet skår
fact-rank = Rangering
fact-computed = Beregnet forslag
total-of = { $total } av { $max }
total-with-interval = { $total } av { $max } (intervall { $low }–{ $high })
total-none = Ingen tallskår
rank-of = { $rank } av { $count }
rank-with-interval = { $rank } av { $count } (intervall { $interval })
rank-none = Ikke rangert
remarks = Merknader: { $flags }
heading-profile = Kriterieprofil
profile-withheld = { "*" } Medlemmenes enkeltskårer og spredningen mellom dem: { $withheld }.
heading-gates = Krav som må være oppfylt
gates-all-passed = Alle krav er oppfylt: { $gates }.
column-gate = Krav
column-passed = Oppfylt
column-note = Merknad
heading-recusal = Habilitet
recusal-none = Ingen medlemmer var inhabile.
recused = { $name } deltok ikke i vurderingen av søknad { $reference }.
heading-justification = Arbeidsgruppens begrunnelse
no-justification = Ingen begrunnelse er registrert.
deviation-heading = Avvik fra beregnet forslag for søknad { $reference }
deviation-facts = Beregnet forslag: { $computed }. Innstilling: { $recommended } ({ $outcome }).

## Merknader til SSU

flag-deviates = Avvik fra beregnet forslag
flag-gate = Krav ikke oppfylt: { $gate }
flag-recusal = Inhabilitet
flag-disagreement = Uenighet
flag-disagreement-about = Uenighet om { $criteria }
flag-tie-broken = Lik skår avgjort: { $rule }
flag-few-scores = Få skår
flag-member-deviation = Avvikende skår fra { $member }
flag-member-deviation-withheld = Avvikende skår ({ $withheld })
flag-shared-place = Delt plass
flag-below-quorum = For få vurderinger
tie-rule-criterion = skåren for «{ $criterion }»
tie-rule-lower-amount = lavest omsøkt beløp

## Kriterieprofilen

profile-criterion = Kriterium
profile-weight = Vekt
profile-score = Skår
profile-spread-1 = Spred-
profile-spread-2 = ning
profile-count-1 = Antall
profile-count-2 = skår
profile-not-applicable-1 = Ikke
profile-not-applicable-2 = relevant
legend-member-score = Ett medlems skår (like skår stablet)
legend-spread = Spredning (laveste–høyeste)
legend-criterion-score = Kriterieskår
legend-disagreement = Skår der medlemmene er uenige
note-disagreement = uenighet
note-not-applicable = { $count } ikke relevant
note-recused = { $count } inhabil
profile-alt = Kriterieprofil for søknad { $reference }. { $criteria }.
profile-alt-public = Kriterieprofil for søknad { $reference }. { $criteria }. Medlemmenes enkeltskårer: { $withheld }.
profile-alt-no-score = ingen skår
profile-alt-count = { $criterion }: { $value } ({ $count } skår)
profile-alt-range = { $criterion }: { $value } (medlemmenes skår fra { $low } til { $high }, { $count } skår)

## Møtet

chaired-by = Leder { $leader } var inhabil, og { $member } ledet behandlingen av søknaden.
chaired-by-deputy = Leder { $leader } var inhabil, og nestleder { $member } ledet behandlingen av søknaden.
chaired-by-unknown = Leder { $leader } var inhabil. Det er ikke ført hvem som ledet behandlingen av søknaden.
below-quorum = For få vurderinger: { $counted } av medlemmene har skåret søknaden, og runden krever minst { $quorum }. Den kan derfor ikke regnes som klart innenfor eller klart utenfor.
heading-meeting = Arbeidsgruppens vurdering i møtet
majority = Flertallets syn: { $view }
minority = Mindretallets syn ({ $names }): { $view }
lottery-entry-drawn = Trukket ut ved loddtrekning (nr. { $position } i trekningen), { $amount }.
lottery-entry-not-drawn = Ikke trukket ut ved loddtrekningen (nr. { $position } i trekningen).

## Vedlegg A: Metode

appendix-method = Vedlegg A: Metode
method-intro = Vurderingen er helhetlig og skjønnsmessig. Metoden under beskriver hvordan medlemmenes skår er satt sammen til det beregnede forslaget som arbeidsgruppen har tatt utgangspunkt i.
heading-criteria = Kriterier og vekter
column-criterion = Kriterium
column-weight = Vekt
column-guidance = Veiledning
column-not-applicable-allowed = Ikke relevant tillatt
heading-scale = Skala
column-meaning = Betydning
heading-total-score = Samlet skår
aggregation-mean = gjennomsnittet
aggregation-median = medianen
method-total-score = For hver søknad og hvert kriterium er kriterieskåren { $noun } av tallskårene fra medlemmene som ikke er inhabile for søknaden. Samlet skår er det vektede gjennomsnittet av kriterieskårene: hver kriterieskår ganges med kriteriets vekt, produktene summeres, og summen deles på summen av vektene. Bare kriterier med minst én tallskår tas med, både over og under brøkstreken. Samlet skår er på skalaen ({ $min }–{ $max }), vises med to desimaler og sammenlignes med full presisjon. Alle beregninger gjøres med desimaltall, uten avrunding underveis.
heading-not-applicable = Ikke relevant og manglende skår
method-not-applicable = Et medlem kan markere et kriterium som ikke relevant for en søknad der kriteriet tillater det. Slike markeringer og manglende skår er ikke det samme som lav skår: de holdes utenfor kriterieskåren. Et kriterium uten tallskår holdes utenfor samlet skår for søknaden.
heading-disagreement = Uenighet
method-disagreement = Et kriterium markeres med uenighet når forskjellen mellom høyeste og laveste skår er { $range } eller mer. Slike kriterier er drøftet i arbeidsgruppen før innstillingen.
method-no-gates = Runden har ingen absolutte krav ut over kriteriene.
method-gates = En søknad som ikke oppfyller ett av kravene under, tas ikke med i fordelingen, og kravet oppgis som grunn.
column-description = Beskrivelse
heading-ties = Lik skår
method-ties-shared = Søknader med lik samlet skår får samme rang.
method-ties-ladder = Søknader med lik samlet skår rangeres etter disse reglene, i denne rekkefølgen:
tie-step-criterion = Høyere kriterieskår på «{ $criterion }».
tie-step-lower-amount = Lavere søkt beløp først, så flere prosjekter får plass innenfor rammen.
tie-step-shared = Søknader som reglene ikke skiller, deler plass.
heading-allocation = Fordeling innenfor rammen
method-allocation = Det beregnede forslaget gir søknadene fullt søkt beløp i rangert rekkefølge så langt rammen rekker. En søknad som ikke får plass, hoppes over, og neste søknad som får plass, tas med. Arbeidsgruppen har justert forslaget der en helhetlig vurdering tilsier det; hvert avvik er begrunnet under søknaden.
heading-uncertainty = Usikkerhet i skår og rangering
method-bootstrap = Usikkerheten er anslått ved omtrekning (bootstrap): medlemmenes skår for hver søknad er trukket på nytt med tilbakelegging { $resamples } ganger, og samlet skår og rangering er beregnet for hver trekning. Intervallene dekker { $level }{"\u00A0"}% av trekningene. Trekningene bruker et fast frø ({ $seed }), slik at resultatet kan gjenskapes.
heading-calibration = Kalibrering
method-calibration = Kalibrerte totalskårer (hvert medlems skårer omregnet til standardskårer og tilbake til skalaen) er vist ved siden av råskårene for medlemmer som har skåret minst { $count } søknader. Rangeringen og forslaget bygger på råskårene.
heading-agreement = Enighet mellom medlemmene
method-agreement = Krippendorffs alfa for skårene er { $alpha }. { $interpretation }
agreement-good = Det er god enighet mellom medlemmene.
agreement-acceptable = Det er akseptabel enighet mellom medlemmene.
agreement-moderate = Det er moderat enighet mellom medlemmene; forskjellene bør drøftes.
agreement-low = Det er lav enighet mellom medlemmene; totalskårene må leses med forsiktighet.
heading-weight-changes = Endringer i vekter etter at skåringen startet
heading-method-changes = Endringer i beregningsmåten etter at skåringen startet
method-changes-intro = Beregningsmåten ble fastsatt før skåringen. Lederen har endret den etterpå, med begrunnelse; endringene er ført i rundens logg.
method-change = { $date }: endret { $changed }. Begrunnelse: «{ $justification }»
method-part-aggregation = samlet skår (gjennomsnitt eller median)
method-part-calibration = kalibrering
method-part-partial-funding = delvis finansiering
method-part-total-threshold = minste totalskår
method-part-criterion-thresholds = minstekrav per kriterium
method-part-tie-ladder = rekkefølgen ved lik totalskår

## Loddtrekning

heading-lottery = Loddtrekning i gråsonen
lottery-method = Arbeidsgruppen fant søknadene { $candidates } like verdige. Alle lå i gråsonen: rangeringsintervallet på 90{"\u00A0"}% krysser streken for hva rammen rekker til. Leder satte dem i en loddtrekning. Det som var igjen av rammen etter de andre søknadene, { $available }, ble fordelt i den rekkefølgen loddtrekningen ga, etter de samme reglene som ellers: fullt søkt beløp så langt det rekker, ellers neste søknad.
lottery-seed = Tallene kom fra noe alle i rommet kunne se og sjekke senere: «{ $seed-text }» ({ $source }). Sifrene i rekkefølge, lest som ett tall, gir frøet { $seed }. Søknadene ble stokket i rangert rekkefølge med Fisher–Yates-metoden og tallgeneratoren SplitMix64 med dette frøet, slik det er beskrevet i Samvurds dokumentasjon (docs/engine.md, «The lottery in the grey zone»). Samme tall gir alltid samme trekning, så hvem som helst kan gjøre den om igjen. Frøet, søknadene og resultatet står i rundens logg.
column-number = Nr.
column-result = Resultat
column-amount = Beløp
lottery-drawn = Trukket ut ved loddtrekning
lottery-not-drawn = Ikke trukket ut
lottery-allocated = Fordelt ved loddtrekning: { $allocated } av { $available }. Leders innstilling er satt over resultatet som ellers, med begrunnelse der den avviker.

## Vedlegg B: Arbeidsgruppen

appendix-members = Vedlegg B: Arbeidsgruppen
column-name = Navn
column-organisation = Organisasjon
column-role = Rolle
heading-recusals = Inhabilitet
recusals-none = Ingen medlemmer meldte seg inhabile.
recusals-intro = Medlemmene vurderte selv sin habilitet etter forvaltningsloven §{"\u00A0"}6. Et inhabilt medlem har ikke skåret søknaden og har ikke sett de andres skår for den.

## Videreføringer fra forrige runde (a round made with «Ny runde fra denne»)

continuation-heading = Videreføringer fra forrige runde
continuation-intro = Denne runden er laget fra «{ $previous }» (fila «{ $file }»), med tilskuddene derfra som løper inn i { $year } som kandidater til videreføring. { $continued } Beløpet i fjor er det SSU vedtok; rapportstatus er fra oppfølgingen i forrige runde den dagen denne runden ble laget.
continuation-count-none = Ingen av søknadene viderefører et tilskudd fra i fjor.
continuation-count-one = Én søknad viderefører et tilskudd fra i fjor.
continuation-count-many = { $count } søknader viderefører tilskudd fra i fjor.
continuation-by-reference = søknadsnummer
continuation-by-title = tittel
continuation-continues = { $reference } (etter { $by })
continuation-column-application = Søknad
continuation-column-continues = Viderefører
continuation-column-last-year = I fjor
continuation-column-recommended = Innstilt i år
continuation-column-reports = Rapporter i fjor
continuation-without-application = Tilskudd fra i fjor med prosjektperiode inn i { $year } uten søknad i denne runden: { $grants }.
continuation-reports-not-opened = oppfølging ikke åpnet i forrige runde
continuation-reports-none = ingen rapporter skyldt (per { $date })
continuation-reports-one = { $received } av 1 rapport mottatt{ $overdue } (per { $date })
continuation-reports-many = { $received } av { $owed } rapporter mottatt{ $overdue } (per { $date })
continuation-reports-overdue = , { $count } forfalt
