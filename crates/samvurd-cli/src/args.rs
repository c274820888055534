//! The command line as clap sees it: every command, argument and help text (in Norwegian).
//!
//! Nothing here parses a value beyond what clap does: text a person typed reaches samvurd-app's
//! parse module as text, so the CLI and the desktop read it alike.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "samvurd",
    version,
    about = "Samvurd: vurdering av søknader om rekrutterings- og samhandlingstilskudd",
    long_about = "Samvurd: vurdering av søknader om rekrutterings- og samhandlingstilskudd.\n\nEn søknadsrunde er én fil (.samvurd). Avslutningskoder: 0 = utført, 1 = avvist eller feilet (meldingen sier hvorfor), 2 = feil i kommandolinjen."
)]
pub struct Cli {
    /// Hvem som gjør endringen (står i endringsloggen). Standard: brukernavnet ditt.
    #[arg(
        long = "som",
        alias = "as",
        global = true,
        value_name = "NAVN",
        overrides_with = "actor"
    )]
    pub actor: Option<String>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Lag en ny søknadsrunde fra en mal eller en kriteriefil.
    Create(CreateArgs),
    /// Vis malene som følger med, eller skriv én ut som kriteriefil.
    Templates {
        /// Skriv malen med denne ID-en til en kriteriefil du kan redigere.
        #[arg(long, value_name = "MAL")]
        export: Option<String>,
        /// Fila malen skrives til.
        #[arg(short, long, value_name = "FIL", requires = "export")]
        output: Option<PathBuf>,
    },
    /// Legg til eller vis medlemmer av arbeidsgruppa.
    #[command(subcommand)]
    Member(MemberCommand),
    /// Importer søknader, skårer eller inhabilitet fra CSV/XLSX (alt eller ingenting).
    #[command(subcommand)]
    Import(ImportCommand),
    /// Skriv en tom importmal for søknader (.xlsx eller .csv).
    ImportTemplate {
        /// Fila som skal skrives; filendelsen avgjør formatet.
        file: PathBuf,
    },
    /// Sett én skår.
    Score {
        round: PathBuf,
        /// Medlemmets ID eller navn.
        #[arg(long, short)]
        member: String,
        /// Søknadsnummeret.
        #[arg(long, short)]
        application: String,
        /// Kriteriets ID eller navn.
        #[arg(long, short)]
        criterion: String,
        /// Skår på skalaen, eller IR for «ikke relevant».
        #[arg(long, short, allow_hyphen_values = true)]
        value: String,
        /// Kort begrunnelse.
        #[arg(long, short, default_value = "")]
        justification: String,
    },
    /// Fjern én skår.
    ClearScore {
        round: PathBuf,
        #[arg(long, short)]
        member: String,
        #[arg(long, short)]
        application: String,
        #[arg(long, short)]
        criterion: String,
    },
    /// Meld inhabilitet for et medlem i én søknad.
    Recuse {
        round: PathBuf,
        #[arg(long, short)]
        member: String,
        #[arg(long, short)]
        application: String,
        /// Grunnlaget for inhabiliteten (forvaltningsloven § 6).
        #[arg(long, short)]
        reason: String,
    },
    /// Vis runden: ramme, kriterier, medlemmer og framdrift.
    Show {
        round: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Vis resultatet: rangering, totalskår og forslag til fordeling innenfor rammen.
    Results {
        round: PathBuf,
        /// Skriv JSON (stabilt format, se docs/cli.md).
        #[arg(long)]
        json: bool,
    },
    /// Eksporter ett medlems skårer og inhabilitet til en signert skårfil som kan sendes til leder.
    ///
    /// Fila signeres med medlemmets nøkkel på denne maskinen (lages første gang).
    ExportScores {
        round: PathBuf,
        /// Medlemmets ID eller navn.
        #[arg(long, short)]
        member: String,
        /// Skårfila som skrives (f.eks. skarer-kari.json).
        #[arg(long, short, value_name = "FIL")]
        output: PathBuf,
    },
    /// Slå sammen medlemmers skårfiler (eller rundefiler) inn i denne runden.
    Merge {
        round: PathBuf,
        /// Skårfiler (.json) eller medlemmers rundefiler (.samvurd).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Vis hva som ville blitt endret, uten å endre noe.
        #[arg(long)]
        dry_run: bool,
        /// Slå også sammen usignerte filer (eldre skårfiler, hele rundefiler). Sjekk først med
        /// medlemmet at fila er deres; de merkes «usignert» i loggen.
        #[arg(long = "godta-usignert", alias = "accept-unsigned")]
        accept_unsigned: bool,
        #[arg(long)]
        json: bool,
    },
    /// Lag en kopi av runden til medlemmene: den åpner på «Hvem er du?», og oppsettet er låst.
    MemberCopy {
        round: PathBuf,
        /// Kopien som skrives (må ikke finnes fra før).
        #[arg(long, short, value_name = "FIL")]
        output: PathBuf,
    },
    /// Godta en ny nøkkel for et medlem (f.eks. ny PC), tatt fra medlemmets skårfil. Logges.
    ///
    /// Ring medlemmet og sammenlign fingeravtrykket før du godtar nøkkelen.
    TrustKey {
        round: PathBuf,
        /// Skårfila som er signert med den nye nøkkelen.
        file: PathBuf,
    },
    /// Vis eller endre rundens innstillinger for beregningen (endringer logges).
    Options(OptionsArgs),
    /// Registrer SSUs vedtak etter møtet (logges, og runden låses): enten «vedta som innstilt»
    /// (--as-recommended), eller innstillingen med SSUs endringer (--change) og vilkår
    /// (--conditions). Uten disse valgene vises vedtaket ved siden av innstillingen.
    Vedtak {
        round: PathBuf,
        /// Datoen for SSU-møtet som fattet vedtaket, f.eks. 10.12.2026.
        #[arg(long, value_name = "DATO")]
        meeting_date: Option<String>,
        /// SSUs saksnummer, f.eks. 26/01234.
        #[arg(long, value_name = "SAKSNR")]
        case_number: Option<String>,
        /// SSU vedtok innstillingen slik den står («Vedta som innstilt»).
        #[arg(long, conflicts_with = "change")]
        as_recommended: bool,
        /// Et vedtak som er annerledes enn innstillingen: "SØKNAD;utfall;beløp;merknad", f.eks.
        /// "VV-2026-007;avslått;0;SSU prioriterte tiltak i kommunene". Kan gjentas.
        #[arg(long, value_name = "ENDRING")]
        change: Vec<String>,
        /// Vilkår SSU satte for et tilskudd: "SØKNAD;vilkår". Kan gjentas.
        #[arg(long, value_name = "VILKÅR")]
        conditions: Vec<String>,
    },
    /// Velg språk: bokmål eller nynorsk for rundens innstilling og brev, og nb, nn eller se (nordsamisk)
    /// for enkeltsøkere (logges). Uten valg vises språket hver søker får brev på.
    Language {
        round: PathBuf,
        /// Rundens språk for innstilling og brev: nb eller nn.
        #[arg(long, value_name = "nb|nn")]
        documents: Option<String>,
        /// Brevspråket for én søknad: "SØKNAD=se" (eller nb, nn, standard). Kan gjentas.
        #[arg(long, value_name = "SØKNAD=SPRÅK")]
        letter: Vec<String>,
    },
    /// Oppfølging etter tildelingen: rapportene hvert innvilget prosjekt skal levere, når de
    /// forfaller og om de er mottatt. Kan endres i en låst runde (logges).
    #[command(subcommand, name = "oppfolging", alias = "follow-up")]
    Oppfolging(FollowUpCommand),
    /// Ny runde fra denne: en ny rundefil med kriteriene, vektene, skalaen, kravene og
    /// rapporteringsreglene, og eventuelt medlemmene. Tilskudd fra vedtaket med prosjektperiode
    /// inn i det nye året blir kandidater til videreføring. Ingen skårer, inhabilitet eller vedtak
    /// tas med.
    #[command(name = "ny-runde", alias = "next-round")]
    NyRunde {
        /// Runden med SSUs vedtak (den gamle).
        old: PathBuf,
        /// Den nye rundefila (finnes ikke fra før).
        new: PathBuf,
        /// Tittelen på den nye runden, f.eks. "Tilskudd 2027".
        #[arg(long = "tittel", alias = "title", value_name = "TITTEL")]
        title: String,
        /// Året den nye runden gjelder; tilskudd med prosjektperiode inn i dette året videreføres.
        #[arg(long = "aar", alias = "year", value_name = "ÅR")]
        year: String,
        /// Ikke ta med medlemmene av arbeidsgruppa.
        #[arg(long = "uten-medlemmer", alias = "without-members")]
        without_members: bool,
        /// Skriv JSON (se docs/cli.md).
        #[arg(long)]
        json: bool,
    },
    /// Lås runden etter SSUs vedtak: ingenting kan endres før den låses opp (logges).
    Lock {
        round: PathBuf,
        /// Hvorfor runden låses, f.eks. "SSU vedtok fordelingen 12.12.2026".
        #[arg(long, short)]
        reason: String,
    },
    /// Lås opp en låst runde; grunnen føres i loggen.
    Unlock {
        round: PathBuf,
        #[arg(long, short)]
        reason: String,
    },
    /// Svar på et krav (utelukkende vilkår) for én søknad.
    Gate {
        round: PathBuf,
        #[arg(long, short)]
        application: String,
        /// Kravets ID (se `samvurd show`).
        #[arg(long, short)]
        gate: String,
        /// Er kravet oppfylt: ja eller nei; tomt ("") tar svaret tilbake (ikke besvart).
        #[arg(long, short, value_name = "JA|NEI")]
        passed: String,
        /// Merknad; påkrevd når kravet ikke er oppfylt.
        #[arg(long, short, default_value = "")]
        note: String,
    },
    /// Registrer leders innstilling for én søknad (avvik fra forslaget krever begrunnelse).
    Recommend {
        round: PathBuf,
        #[arg(long, short)]
        application: String,
        /// innvilget, delvis eller avslått.
        #[arg(long, short, required_unless_present = "clear")]
        outcome: Option<String>,
        /// Beløpet, f.eks. "500 000".
        #[arg(long = "amount", short = 'b', required_unless_present = "clear")]
        amount: Option<String>,
        /// Begrunnelse; påkrevd når innstillingen avviker fra det beregnede forslaget.
        #[arg(long, short, default_value = "")]
        justification: String,
        /// Fjern leders innstilling, så det beregnede forslaget gjelder igjen.
        #[arg(long, conflicts_with_all = ["outcome", "amount"])]
        clear: bool,
    },
    /// Før gruppens vurdering av én søknad i møtet, med flertallets og mindretallets syn der
    /// gruppen er uenig.
    Consensus {
        round: PathBuf,
        #[arg(long, short)]
        application: String,
        /// Gruppens samlede vurdering, med noen få setninger.
        #[arg(long, required_unless_present = "clear", default_value = "")]
        assessment: String,
        /// Flertallets syn (bare når gruppen er uenig).
        #[arg(long, default_value = "")]
        majority: String,
        /// Mindretallets syn (bare når gruppen er uenig).
        #[arg(long, default_value = "")]
        minority: String,
        /// Medlemmene i mindretallet, med ID skilt med komma, f.eks. m2,m5.
        #[arg(long, value_name = "ID,…", default_value = "")]
        minority_members: String,
        /// Fjern vurderingen som er ført for søknaden.
        #[arg(long, conflicts_with_all = ["majority", "minority", "minority_members"])]
        clear: bool,
    },
    /// Velg leder og nestleder i arbeidsgruppen, eller hvem som leder behandlingen av én søknad
    /// lederen er inhabil i.
    Chair {
        round: PathBuf,
        /// Lederens medlems-ID ("" for ingen).
        #[arg(long)]
        leader: Option<String>,
        /// Nestlederens medlems-ID ("" for ingen).
        #[arg(long)]
        deputy: Option<String>,
        /// Søknaden som skal få en egen møteleder (sammen med --member).
        #[arg(long, short, requires = "member")]
        application: Option<String>,
        /// Hvem som leder behandlingen av søknaden ("" tar valget tilbake).
        #[arg(long, requires = "application")]
        member: Option<String>,
    },
    /// Trekk lodd mellom søknader i gråsonen som gruppen finner like verdige.
    Lottery {
        round: PathBuf,
        /// Tallene alle i rommet kan se, f.eks. terningkast "3 5 1 6 2 4" eller tallene fra en
        /// navngitt Lotto-trekning; minst 6 sifre.
        #[arg(long, required_unless_present = "clear", default_value = "")]
        seed: String,
        /// Hvor tallene kommer fra, f.eks. "Terningkast av Kari og Ola".
        #[arg(long, default_value = "")]
        source: String,
        /// Søknadene som er med i trekningen, skilt med komma.
        #[arg(long, value_name = "SØKNAD,…", default_value = "")]
        applications: String,
        /// Fjern loddtrekningen, så rangeringens forslag gjelder igjen.
        #[arg(long, conflicts_with_all = ["seed", "source", "applications"])]
        clear: bool,
        #[arg(long)]
        json: bool,
    },
    /// Skriv innstillingen til SSU som PDF/A (arkivformat).
    Report {
        round: PathBuf,
        /// PDF-fila som skrives, f.eks. innstilling.pdf. En eksisterende fil erstattes.
        #[arg(long, short, value_name = "FIL")]
        output: PathBuf,
        /// Tidspunktet dokumentet merkes med (ISO 8601), f.eks. 2026-11-23T14:05:00+01:00.
        /// Standard: nå. Samme runde og samme tidspunkt gir en byte-lik fil.
        #[arg(long, value_name = "TIDSPUNKT")]
        generated_at: Option<String>,
        /// Saksnummeret i arkivet, f.eks. 26/01234.
        #[arg(long, value_name = "SAKSNR")]
        case_number: Option<String>,
        /// Datoen for SSU-møtet som behandler saken, f.eks. 08.12.2026.
        #[arg(long, value_name = "DATO")]
        meeting_date: Option<String>,
        /// Skriv den offentlige versjonen (offentleglova): uten medlemmenes enkeltskårer, deres
        /// egne begrunnelser og kontaktpersoner; hvert sted sier hva som er unntatt og hvorfor.
        #[arg(long = "offentlig", alias = "public")]
        public: bool,
        /// Rundens eget grunnlag for unntaket i den offentlige versjonen. Standard: «offl. § 13
        /// jf. fvl. § 13 første ledd nr. 1».
        #[arg(long, value_name = "HJEMMEL", requires = "public")]
        withheld_ground: Option<String>,
    },
    /// Skriv svarbrev til alle søkere, én PDF per søknad, navngitt etter søknadsnummeret.
    Letters {
        round: PathBuf,
        /// Mappen brevene skrives til; den lages om den mangler.
        #[arg(long = "out-dir", short = 'o', value_name = "MAPPE")]
        out_dir: PathBuf,
        /// En tekstfil med vilkårene for tilskuddet (rapportering). Standard: rapport etter
        /// seks måneder og sluttrapport til SSU.
        #[arg(long, value_name = "FIL")]
        conditions: Option<PathBuf>,
        /// Kontaktlinja i brevet.
        #[arg(long, value_name = "TEKST")]
        contact: Option<String>,
        /// Tidspunktet brevene merkes med (ISO 8601). Standard: nå.
        #[arg(long, value_name = "TIDSPUNKT")]
        generated_at: Option<String>,
        /// Saksnummeret i arkivet; står foran søknadsnummeret i «Vår ref.».
        #[arg(long, value_name = "SAKSNR")]
        case_number: Option<String>,
        /// Datoen for SSU-møtet som fattet vedtaket (brukes bare i foreløpige brev; ellers står
        /// datoen i vedtaket).
        #[arg(long, value_name = "DATO")]
        meeting_date: Option<String>,
        /// Skriv foreløpige brev fra innstillingen før SSU har fattet vedtak; hvert brev merkes
        /// «Foreløpig». Uten dette nektes brev til vedtaket er registrert.
        #[arg(long)]
        preliminary: bool,
    },
    /// Eksporter resultater, skårer og inhabilitet til XLSX, eller resultatene til CSV.
    Export {
        round: PathBuf,
        /// resultater.xlsx eller resultater.csv; en eksisterende fil erstattes.
        #[arg(long, short, value_name = "FIL")]
        output: PathBuf,
    },
    /// Vis endringsloggen.
    Log {
        round: PathBuf,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Args)]
pub struct CreateArgs {
    /// Rundefila som skal lages (f.eks. tilskudd-2026.samvurd).
    pub round: PathBuf,
    /// Rundens tittel.
    #[arg(long, short)]
    pub title: String,
    /// Rammen i kroner, f.eks. "20 500 000".
    #[arg(long, short, value_name = "BELØP")]
    pub frame: String,
    /// Malen kriteriene hentes fra (se `samvurd templates`).
    #[arg(long, conflicts_with = "criteria", value_name = "MAL")]
    pub template: Option<String>,
    /// En egen kriteriefil (se docs/criteria-format.md).
    #[arg(long, value_name = "FIL")]
    pub criteria: Option<PathBuf>,
    /// Helsefellesskapet; standard er malens.
    #[arg(long)]
    pub helsefellesskap: Option<String>,
    /// Skalaen som "MIN-MAKS", f.eks. 0-5. Standard er malens (vanligvis 1-7).
    #[arg(long, value_name = "MIN-MAKS")]
    pub scale: Option<String>,
    /// Søknadsfrist, f.eks. 01.09.2026.
    #[arg(long, value_name = "DATO")]
    pub deadline: Option<String>,
    /// Bruk median i stedet for gjennomsnitt av medlemmenes skårer.
    #[arg(long)]
    pub median: bool,
}

/// Round options: every setting of the engine. Values: a number, or `av` to turn a setting off
/// (or back to its default). Built into an `OptionsChange` by samvurd-app's parse module, the
/// same way the desktop builds its own.
#[derive(Debug, Args)]
pub struct OptionsArgs {
    pub round: PathBuf,
    /// gjennomsnitt eller median.
    #[arg(long, value_name = "MÅTE")]
    pub aggregation: Option<String>,
    /// Kalibrering av medlemmenes skårer ved siden av råskårene: på eller av.
    #[arg(long, value_name = "PÅ|AV")]
    pub calibration: Option<String>,
    /// Hvor mange søknader et medlem minst må ha skåret for å bli kalibrert (standard 5).
    #[arg(long, value_name = "ANTALL")]
    pub calibration_min_applications: Option<String>,
    /// Delvis finansiering ved grensen ned til denne andelen av søknadsbeløpet (f.eks. 0,5 eller 50 %), eller av.
    #[arg(long, value_name = "ANDEL|AV")]
    pub partial_funding: Option<String>,
    /// Minste totalskår for å få midler, eller av.
    #[arg(long, value_name = "SKÅR|AV")]
    pub total_threshold: Option<String>,
    /// Minstekrav på ett kriterium som KRITERIUM=SKÅR, f.eks. kvalitet=4; kan gjentas. Erstatter
    /// alle minstekrav; «av» fjerner dem.
    #[arg(long, value_name = "KRITERIUM=SKÅR|AV")]
    pub criterion_threshold: Vec<String>,
    /// Spennvidde i skårer som flagger et kriterium for diskusjon, eller standard.
    #[arg(long, value_name = "SKÅR|STANDARD")]
    pub disagreement_range: Option<String>,
    /// Avvik mellom et medlems totalskår og resten av gruppas som flagges, eller standard.
    #[arg(long, value_name = "SKÅR|STANDARD")]
    pub member_deviation: Option<String>,
    /// Rekkefølgen ved lik totalskår, skilt med komma: vekter, beløp, kriterium:ID.
    #[arg(long, value_name = "TRINN,…")]
    pub tie_ladder: Option<String>,
    /// Antall trekk i bootstrap for rangeringsintervall (0 slår det av).
    #[arg(long, value_name = "ANTALL")]
    pub bootstrap_draws: Option<String>,
    /// Frø for bootstrap (samme frø gir samme svar).
    #[arg(long, value_name = "TALL")]
    pub seed: Option<u64>,
    /// Tillat at innstillingen går over rammen, opp til dette beløpet (krever --override-justification), eller av.
    #[arg(long, value_name = "BELØP|AV")]
    pub frame_override: Option<String>,
    #[arg(long, value_name = "TEKST", default_value = "")]
    pub override_justification: String,
    /// Hvorfor beregningsmåten endres etter at skåringen har begynt (samlet skår, kalibrering,
    /// delvis finansiering, minstekrav, rekkefølge ved lik skår). Kreves da; føres i loggen og i
    /// innstillingens metodevedlegg.
    #[arg(long, value_name = "TEKST")]
    pub begrunnelse: Option<String>,
    /// Minste antall medlemmer som må ha skåret en søknad (ikke inhabile), eller standard
    /// (3, eller halve gruppen om det er færre).
    #[arg(long, value_name = "ANTALL|STANDARD")]
    pub quorum: Option<String>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum FollowUpCommand {
    /// Åpne oppfølgingen etter SSUs vedtak: regn ut forfallsdatoene fra vedtaksdatoen og
    /// prosjektperiodene med malens regler for rapportering (logges).
    #[command(name = "apne", alias = "open")]
    Open {
        round: PathBuf,
        /// Kriteriefil med reglene ([reporting]); standard er malen runden ble laget fra.
        #[arg(long, value_name = "FIL")]
        criteria: Option<PathBuf>,
    },
    /// Vis rapportene: forfalte (med antall dager), ikke forfalte og mottatte.
    #[command(name = "vis", alias = "list")]
    List {
        round: PathBuf,
        /// Dagen statusen regnes for, f.eks. 01.02.2027. Standard: i dag.
        #[arg(long, value_name = "DATO")]
        date: Option<String>,
        /// forfall (standard), forsinkelse (flest dager forfalt først) eller soknad.
        #[arg(long, value_name = "REKKEFØLGE", default_value = "forfall")]
        sort: String,
        /// Skriv JSON (se docs/cli.md).
        #[arg(long)]
        json: bool,
    },
    /// Registrer at en rapport er mottatt (logges). Rapportfila lagres ikke i runden; bare
    /// navnet og SHA-256-sjekksummen.
    #[command(name = "mottatt", alias = "received")]
    Received {
        round: PathBuf,
        /// Søknadsnummeret.
        #[arg(long, short)]
        application: String,
        /// status, periodisk, slutt eller bekreftelse; periodisk:2 for nummer to.
        #[arg(long, short)]
        report: String,
        /// Datoen rapporten kom, f.eks. 10.12.2026.
        #[arg(long, short, value_name = "DATO")]
        date: String,
        /// Et kort notat.
        #[arg(long, short, default_value = "")]
        note: String,
        /// Rapportfila, for navn og sjekksum.
        #[arg(long, short, value_name = "FIL")]
        file: Option<PathBuf>,
    },
    /// Registrer utbetalt beløp, om midlene brukes som planlagt (eller avviket), og SSUs
    /// skriftlige samtykke til endret bruk (logges; tillatt i en låst runde). Det som ikke
    /// oppgis, står som før.
    #[command(name = "tilskudd", alias = "grant")]
    Grant {
        round: PathBuf,
        /// Søknadsnummeret.
        #[arg(long, short)]
        application: String,
        /// Utbetalt så langt, f.eks. «600 000».
        #[arg(long = "utbetalt", value_name = "BELØP")]
        paid_out: Option<String>,
        /// Midlene brukes som planlagt (fjerner et avvik og et samtykke).
        #[arg(long = "som-planlagt", conflicts_with = "deviation")]
        as_planned: bool,
        /// Midlene brukes ikke som planlagt: beskriv avviket.
        #[arg(long = "avvik", value_name = "TEKST")]
        deviation: Option<String>,
        /// Datoen for SSUs skriftlige samtykke til endret bruk, f.eks. 01.03.2027.
        #[arg(long = "samtykke-dato", value_name = "DATO", requires = "consent_case")]
        consent_date: Option<String>,
        /// Saksnummeret for samtykket, f.eks. 27/00321.
        #[arg(long = "samtykke-sak", value_name = "SAKSNR", requires = "consent_date")]
        consent_case: Option<String>,
        /// Fjern et registrert samtykke.
        #[arg(long = "uten-samtykke", conflicts_with_all = ["consent_date", "consent_case"])]
        no_consent: bool,
    },
    /// Skriv purrebrev (PDF/A) for alle forfalte rapporter: ett brev per søker, på rundens
    /// dokumentspråk (bokmål eller nynorsk).
    #[command(name = "purring", alias = "reminders")]
    Reminders {
        round: PathBuf,
        /// Mappen brevene skrives til (lages om den mangler): purring-SØKNAD.pdf.
        #[arg(long = "mappe", value_name = "MAPPE")]
        folder: PathBuf,
        /// Dagen som avgjør hva som er forfalt, f.eks. 01.02.2027. Standard: i dag.
        #[arg(long = "dato", alias = "date", value_name = "DATO")]
        date: Option<String>,
    },
    /// Skriv halvårsstatusen til SSU (PDF/A): hvert prosjekt med tilskudd, tildelt og utbetalt,
    /// rapportene, avvik og samtykke, og en statuslinje.
    #[command(name = "status")]
    Status {
        round: PathBuf,
        /// PDF-fila som skrives.
        #[arg(long = "ut", short, value_name = "FIL")]
        output: PathBuf,
        /// Dagen statusen gjelder, f.eks. 01.02.2027. Standard: i dag.
        #[arg(long = "dato", alias = "date", value_name = "DATO")]
        date: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum MemberCommand {
    /// Legg til et medlem.
    Add {
        round: PathBuf,
        #[arg(long, short)]
        name: String,
        #[arg(long, short, default_value = "")]
        organisation: String,
        /// kommune, hf, fastlege, brukerrepresentant eller annet.
        #[arg(long, short)]
        role: String,
        /// Kort ID (a–z, 0–9, -); standard lages fra navnet.
        #[arg(long)]
        id: Option<String>,
    },
    /// Vis medlemmene.
    List {
        round: PathBuf,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// Søknader fra CSV eller XLSX (se docs/import-format.md).
    Applications {
        round: PathBuf,
        file: PathBuf,
        /// Hvilken kolonne i filen som er hvilket felt, når overskriften ikke kjennes igjen:
        /// --kolonne beløp="Søkt beløp (kr)". Kan gis flere ganger. Valget lagres i runden og
        /// brukes av seg selv for neste fil fra samme skjema.
        #[arg(long = "kolonne", value_name = "FELT=OVERSKRIFT")]
        columns: Vec<String>,
    },
    /// Skårer fra CSV: medlem, søknad, kriterium, skår (eller IR), begrunnelse.
    Scores { round: PathBuf, file: PathBuf },
    /// Inhabilitet fra CSV: medlem, søknad, begrunnelse.
    Recusals { round: PathBuf, file: PathBuf },
}
