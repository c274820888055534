//! A realistic innstilling for tests: a Helse Nord round with Norwegian and Sámi names, long
//! titles, recusals, a failed gate, a chair's justification and deviations from the computed
//! proposal. The figures are computed here the way the engine computes them (weighted mean of
//! criterion means, rank by total, skip-and-continue allocation within the frame), so every
//! total in the model agrees with every other, as it will when samvurd-app builds the model.

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone};
use rust_decimal::Decimal;
use samvurd_core::{Aggregation, Money, Outcome};
use samvurd_report::{
    Agreement, ApplicationEntry, Bootstrap, CriterionDescription, CriterionResult, Flag, GateCheck,
    GateDescription, GroupTotal, GroupTotals, Innstilling, Member, Method, RoundFacts, ScaleStep,
    Side,
};

/// Knobs for stress tests.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub applications: usize,
    /// Give the first application a title of about 300 characters.
    pub long_title: bool,
    /// Give the first deviation a justification of about 3 000 characters.
    pub long_justification: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options { applications: 30, long_title: true, long_justification: false }
    }
}

pub fn generated_at() -> DateTime<FixedOffset> {
    FixedOffset::east_opt(3600).unwrap().with_ymd_and_hms(2026, 11, 23, 14, 5, 0).unwrap()
}

pub const SAMI_LETTERS: &str = "ÁáČčĐđŊŋŠšŦŧŽžÏï";

const CRITERIA: [(&str, i64, &str, bool); 5] = [
    (
        "Bærekraft",
        25,
        "Vil tiltaket kunne videreføres i ordinær drift når tilskuddet tar slutt?",
        false,
    ),
    (
        "Beste effektive omsorgsnivå (BEON)",
        25,
        "Flytter tiltaket tjenesten nærmere pasienten uten å svekke kvaliteten?",
        false,
    ),
    (
        "Samiske pasienter",
        15,
        "Styrker tiltaket tilbudet til samiske pasienter, på språket og i kulturen deres?",
        true,
    ),
    (
        "Lokale løsninger ved de minste sykehusene",
        20,
        "Bygger tiltaket opp under de minste sykehusene og lokalsamfunnet rundt dem?",
        true,
    ),
    (
        "Spredningspotensial",
        15,
        "Kan løsningen tas i bruk av andre kommuner og helseforetak?",
        false,
    ),
];

const MEMBERS: [(&str, &str, &str, bool); 7] = [
    ("Ingrid Støren Hågensen", "Nordlandssykehuset HF", "Helseforetak", true),
    ("Máret Ánne Sara", "Kárášjoga gielda – Karasjok kommune", "Kommune", false),
    ("Nils-Ánte Čuđe", "Finnmarkssykehuset HF", "Helseforetak", false),
    ("Åsa Tjïelte Ŋuorra", "Snåasen tjïelte – Snåsa kommune", "Kommune", false),
    ("Žaneta Ŧorvaldsen Šulo", "Legeforeningen, Nordland", "Fastlege", false),
    ("Øyvind Bæverfjord", "Brukerutvalget i Helse Nord", "Brukerrepresentant", false),
    ("Liv Ødegård Aas", "Universitetssykehuset Nord-Norge HF", "Helseforetak", false),
];

const APPLICANTS: [(&str, Side); 12] = [
    ("Bodø kommune", Side::Kommune),
    ("Nordlandssykehuset HF, medisinsk klinikk", Side::Helseforetak),
    ("Kárášjoga gielda – Karasjok kommune", Side::Kommune),
    ("Finnmarkssykehuset HF, Klinikk Hammerfest", Side::Helseforetak),
    ("Vadsø kommune / Čáhcesuolu", Side::Kommune),
    ("Universitetssykehuset Nord-Norge HF", Side::Helseforetak),
    ("Porsáŋggu gielda – Porsanger kommune", Side::Kommune),
    ("Helgelandssykehuset HF", Side::Helseforetak),
    ("Lødingen kommune", Side::Kommune),
    ("Unjárgga gielda – Nesseby kommune", Side::Kommune),
    ("Senja kommune", Side::Kommune),
    ("Sør-Varanger kommune", Side::Kommune),
];

const TITLES: [&str; 12] = [
    "Felles akutteam for eldre i Salten",
    "Digital hjemmeoppfølging av pasienter med KOLS etter utskrivning",
    "Samisktalende helsefagarbeidere i hjemmetjenesten",
    "Ambulerende geriatrisk team mellom Hammerfest sykehus og kommunene",
    "Riktige samiske tegn (Á Č Đ Ŋ Š Ŧ Ž Ï) i journal, timebrev og Helsenorge",
    "Kombinerte stillinger for sykepleiere mellom sykehus og kommune",
    "Trygg utskrivning av utskrivningsklare pasienter",
    "Videokonsultasjon med spesialist fra legekontoret",
    "Rekruttering av fastleger gjennom felles turnus",
    "Lavterskel psykisk helsehjelp for unge på nordsamisk",
    "Felles kompetansenettverk for palliasjon",
    "Grenseoverskridende ambulansesamarbeid i øst",
];

const PRIORITY_AREAS: [&str; 4] = [
    "Skrøpelige eldre",
    "Personer med flere kroniske lidelser",
    "Barn og unge",
    "Personer med alvorlige psykiske lidelser og rusproblemer",
];

/// A tiny deterministic generator, so the sample is the same on every run.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: u64) -> u64 {
        self.0 =
            self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % below
    }
}

pub fn innstilling(options: Options) -> Innstilling {
    let mut random = Lcg(20_261_123);
    let frame = Money::from_kroner(20_500_000);
    let weights: Vec<Decimal> = CRITERIA.iter().map(|c| Decimal::from(c.1)).collect();

    let mut entries: Vec<ApplicationEntry> = (0..options.applications)
        .map(|index| {
            let (applicant, side) = APPLICANTS[index % APPLICANTS.len()];
            let mut title = TITLES[(index * 7) % TITLES.len()].to_owned();
            if index >= TITLES.len() {
                title.push_str(&format!(" – trinn {}", index / TITLES.len() + 1));
            }
            if index == 0 && options.long_title {
                title = "Sammen om de skrøpelige eldre i Salten og Lofoten: et felles, \
                         tverrfaglig akutteam med kommunale sykepleiere, fastleger og geriatere fra \
                         Nordlandssykehuset som rykker ut til hjemmet, sykehjemmet og den \
                         kommunale akutte døgnenheten, slik at færre eldre må reise den lange veien \
                         til sykehuset i Bodø, også om vinteren"
                    .to_owned();
            }
            let quality = random.next(40) + u64::try_from(index % 3).unwrap() * 5;
            let recused: Vec<usize> = match index {
                2 => vec![1],
                6 => vec![3, 4],
                _ => vec![],
            };
            let criteria: Vec<CriterionResult> = CRITERIA
                .iter()
                .enumerate()
                .map(|(criterion_index, (name, weight, _, not_applicable_allowed))| {
                    let mut scores = Vec::new();
                    let mut not_applicable = 0;
                    for member in 0..MEMBERS.len() {
                        if recused.contains(&member) {
                            continue;
                        }
                        if *not_applicable_allowed && random.next(9) == 0 {
                            not_applicable += 1;
                            continue;
                        }
                        let base = 1 + i32::try_from(quality / 11).unwrap();
                        let noise = i32::try_from(random.next(4)).unwrap() - 1;
                        scores.push((base + noise + i32::try_from(criterion_index % 2).unwrap()).clamp(1, 7));
                    }
                    if index == 4 && criterion_index == 2 {
                        scores = vec![1, 7, 6, 2, 7, 3, 6];
                        not_applicable = 0;
                    }
                    let value = (!scores.is_empty()).then(|| {
                        Decimal::from(scores.iter().sum::<i32>()) / Decimal::from(scores.len())
                    });
                    let range = scores.iter().max().unwrap_or(&0) - scores.iter().min().unwrap_or(&0);
                    CriterionResult {
                        criterion: (*name).to_owned(),
                        weight: Decimal::from(*weight),
                        value,
                        scores,
                        not_applicable,
                        recused_excluded: recused.len(),
                        disagreement: range >= 4,
                    }
                })
                .collect();
            let (weighted, weight_sum) = criteria.iter().zip(&weights).fold(
                (Decimal::ZERO, Decimal::ZERO),
                |(sum, weights), (criterion, weight)| match criterion.value {
                    Some(value) => (sum + value * weight, weights + weight),
                    None => (sum, weights),
                },
            );
            let total = (!weight_sum.is_zero()).then(|| weighted / weight_sum);
            let requested = Money::from_kroner(i64::try_from(300_000 + random.next(22) * 100_000).unwrap());
            let disagreement: Vec<String> =
                criteria.iter().filter(|c| c.disagreement).map(|c| c.criterion.clone()).collect();
            let mut flags = Vec::new();
            if !disagreement.is_empty() {
                flags.push(Flag::Disagreement { criteria: disagreement });
            }
            let gates = vec![
                GateCheck { gate: "Avtale mellom kommune og helseforetak".into(), passed: index != 9, note: (index == 9).then(|| "Avtalen var ikke signert av helseforetaket ved fristen.".to_owned()) },
                GateCheck { gate: "Egeninnsats beskrevet".into(), passed: true, note: None },
                GateCheck { gate: "Ikke en ren utstyrsinvestering".into(), passed: true, note: None },
            ];
            ApplicationEntry {
                reference: format!("HN-2026-{:03}", index + 1),
                title,
                applicant: applicant.to_owned(),
                partners: vec![
                    APPLICANTS[(index + 1) % APPLICANTS.len()].0.to_owned(),
                    APPLICANTS[(index + 5) % APPLICANTS.len()].0.to_owned(),
                ],
                side: Some(side),
                priority_area: Some(PRIORITY_AREAS[index % PRIORITY_AREAS.len()].to_owned()),
                summary: Some(summary(index)),
                requested,
                recommended: Money::ZERO,
                outcome: Outcome::Rejected,
                computed: Money::ZERO,
                total,
                total_interval: total.map(|t| (t - Decimal::new(35, 2), t + Decimal::new(28, 2))),
                rank: None,
                rank_interval: None,
                criteria,
                gates,
                recusals: recused.iter().map(|&member| MEMBERS[member].0.to_owned()).collect(),
                justification: None,
                deviation: None,
                flags,
                meeting: Default::default(),
            }
        })
        .collect();

    // Rank by total, highest first; the reference breaks ties so the order is total.
    entries.sort_by(|a, b| b.total.cmp(&a.total).then(a.reference.cmp(&b.reference)));
    let count = u32::try_from(entries.len()).unwrap();
    for (index, entry) in entries.iter_mut().enumerate() {
        let rank = u32::try_from(index + 1).unwrap();
        entry.rank = Some(rank);
        entry.rank_interval = Some((rank.saturating_sub(2).max(1), (rank + 2).min(count)));
    }

    // Skip-and-continue allocation; a failed gate takes an application out.
    let mut left = frame;
    for entry in &mut entries {
        if entry.failed_gates().next().is_none() && entry.requested <= left {
            entry.computed = entry.requested;
            left = left - entry.requested;
        }
        entry.recommended = entry.computed;
        entry.outcome =
            if entry.computed > Money::ZERO { Outcome::Granted } else { Outcome::Rejected };
        entry.justification = Some(justification(entry));
    }

    // The chair's adjustments: one funded project cut to a part grant, and the freed money to
    // the best project the computed proposal skipped.
    let cut = entries.iter().position(|e| e.computed >= Money::from_kroner(1_000_000)).unwrap();
    let reduction = Money::from_kroner(400_000);
    entries[cut].recommended = entries[cut].computed - reduction;
    entries[cut].outcome = Outcome::PartlyGranted;
    entries[cut].deviation = Some(if options.long_justification {
        long_text(3_000)
    } else {
        "Arbeidsgruppen mener prosjektet kan gjennomføres med et lavere beløp i første år, fordi \
         utstyret allerede finnes i kommunen. Beløpet er redusert med 400\u{a0}000 kr."
            .to_owned()
    });
    let spare = left + reduction;
    if let Some(lifted) = entries.iter().position(|e| {
        e.computed == Money::ZERO && e.failed_gates().next().is_none() && e.requested <= spare
    }) {
        entries[lifted].recommended = entries[lifted].requested;
        entries[lifted].outcome = Outcome::Granted;
        entries[lifted].deviation = Some(
            "Prosjektet styrker tilbudet til samiske pasienter i et område der tilbudet i dag er \
             svakt. Arbeidsgruppen legger i sin helhetlige vurdering vekt på dette, og innstiller \
             på tilskudd med midlene som frigjøres ved reduksjonen av et annet prosjekt."
                .to_owned(),
        );
    }

    let total_requested: Money = entries.iter().map(|e| e.requested).sum();
    let total_recommended: Money = entries.iter().map(|e| e.recommended).sum();
    let group = |heading: &str, key: &dyn Fn(&ApplicationEntry) -> String| {
        let mut labels: Vec<String> = entries.iter().map(key).collect();
        labels.sort();
        labels.dedup();
        GroupTotals {
            heading: heading.to_owned(),
            rows: labels
                .into_iter()
                .map(|label| {
                    let members: Vec<&ApplicationEntry> =
                        entries.iter().filter(|e| key(e) == label).collect();
                    GroupTotal {
                        applications: members.len(),
                        requested: members.iter().map(|e| e.requested).sum(),
                        recommended: members.iter().map(|e| e.recommended).sum(),
                        label,
                    }
                })
                .collect(),
        }
    };
    let group_totals = vec![
        group("Fordeling på ansvarlig part", &|e| {
            e.side
                .map(|s| {
                    s.label(&samvurd_report::Texts::builtin(
                        samvurd_core::language::Language::Bokmal,
                    ))
                })
                .unwrap_or_default()
        }),
        group("Fordeling på prioriterte målgrupper", &|e| {
            e.priority_area.clone().unwrap_or_default()
        }),
    ];

    Innstilling {
        language: samvurd_core::language::Language::Bokmal,
        round: RoundFacts {
            helsefellesskap: "Helsefellesskapet Nordland".to_owned(),
            title: "Rekrutterings- og samhandlingstilskudd 2026".to_owned(),
            working_group: "Arbeidsgruppen for samhandlingstilskudd".to_owned(),
            decision_body: "Strategisk samarbeidsutvalg (SSU)".to_owned(),
            case_number: Some("26/01234".to_owned()),
            date: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
            deadline: NaiveDate::from_ymd_opt(2026, 9, 1),
            meeting_date: NaiveDate::from_ymd_opt(2026, 12, 8),
            frame,
            total_requested,
            total_recommended,
            remaining: frame - total_recommended,
            scale_min: 1,
            scale_max: 7,
        },
        summary: Some(
            "Søknadene viser stor vilje til samarbeid på tvers av kommuner og helseforetak. \
             Arbeidsgruppen har lagt særlig vekt på tiltak for samiske pasienter og på løsninger \
             som styrker de minste sykehusene."
                .to_owned(),
        ),
        proposed_resolution: None,
        applications: entries,
        group_totals,
        method: Method {
            criteria: CRITERIA
                .iter()
                .map(|(name, weight, guidance, not_applicable_allowed)| CriterionDescription {
                    name: (*name).to_owned(),
                    weight: Decimal::from(*weight),
                    guidance: (*guidance).to_owned(),
                    not_applicable_allowed: *not_applicable_allowed,
                })
                .collect(),
            scale: [
                (7, "Fremragende"),
                (6, "Svært godt"),
                (5, "Meget godt"),
                (4, "Godt"),
                (3, "Mindre godt"),
                (2, "Svakt"),
                (1, "Dårlig"),
            ]
            .into_iter()
            .map(|(value, descriptor)| ScaleStep { value, descriptor: descriptor.to_owned() })
            .collect(),
            aggregation: Aggregation::Mean,
            gates: vec![
                GateDescription { name: "Avtale mellom kommune og helseforetak".into(), description: "Søknaden har en signert avtale om samarbeid mellom minst én kommune og ett helseforetak.".into() },
                GateDescription { name: "Egeninnsats beskrevet".into(), description: "Partene beskriver hva de selv bidrar med i penger eller arbeid.".into() },
                GateDescription { name: "Ikke en ren utstyrsinvestering".into(), description: "Tilskuddet går ikke bare til kjøp av utstyr.".into() },
            ],
            tie_ladder: vec![
                "Høyere kriterieskår på kriteriene i synkende vektrekkefølge.".into(),
                "Lavere søkt beløp først, så flere prosjekter får plass innenfor rammen.".into(),
            ],
            disagreement_range: Some(Decimal::from(4)),
            bootstrap: Some(Bootstrap { resamples: 2_000, level_percent: 90, seed: 20_261_123 }),
            calibration: None,
            agreement: Some(Agreement { alpha: Decimal::new(6_240, 4), interpretation: "Det er moderat enighet mellom medlemmene.".into() }),
            weight_changes: vec![],
            method_changes: vec![],
        },
        members: MEMBERS
            .iter()
            .map(|(name, organisation, role, chair)| Member {
                name: (*name).to_owned(),
                organisation: (*organisation).to_owned(),
                role: (*role).to_owned(),
                chair: *chair,
            })
            .collect(),
        lottery: None,
        continuations: None,
        public: None,
    }
}

fn summary(index: usize) -> String {
    let texts = [
        "Prosjektet etablerer et felles team som kan rykke ut til pasienter i hjemmet og på \
         sykehjem, slik at innleggelser på sykehus kan unngås. Teamet bemannes av kommunen og \
         helseforetaket sammen.",
        "Pasientene følges opp med digitalt utstyr i hjemmet de første ukene etter utskrivning, med \
         en sykepleier på sykehuset og en i kommunen som kontaktpersoner.",
        "Prosjektnavnet på nordsamisk er «Ođđa bálvalus» (ny tjeneste). Materiellet finnes også på \
         lulesamisk og sørsamisk, og ansatte får opplæring i samisk språk og kultur. Skjemaene \
         bruker alle samiske bokstaver: á, č, đ, ŋ, š, ŧ, ž og ï.",
    ];
    texts[index % texts.len()].to_owned()
}

fn justification(entry: &ApplicationEntry) -> String {
    if entry.computed > Money::ZERO {
        "Søknaden er godt begrunnet og har en realistisk plan for videre drift. Arbeidsgruppen \
         vurderer at tiltaket svarer godt på kriteriene, særlig på beste effektive omsorgsnivå."
            .to_owned()
    } else if entry.failed_gates().next().is_some() {
        "Søknaden oppfyller ikke kravet om avtale mellom partene og kan derfor ikke tildeles midler."
            .to_owned()
    } else {
        "Søknaden har gode elementer, men når ikke opp i konkurransen om midlene i denne runden."
            .to_owned()
    }
}

/// Justification text of about `length` characters, in sentences.
pub fn long_text(length: usize) -> String {
    let sentences = [
        "Arbeidsgruppen har drøftet søknaden grundig i to møter.",
        "Tiltaket treffer en målgruppe som i dag får et fragmentert tilbud, og partene har vist at de kan samarbeide.",
        "Samtidig er budsjettet for første år høyt sammenlignet med andre prosjekter av samme størrelse.",
        "Kommunen har allerede utstyr som kan brukes, og helseforetaket kan bidra med veiledning innenfor ordinær drift.",
        "Et redusert tilskudd gir derfor de samme resultatene det første året.",
    ];
    let mut text = String::new();
    let mut index = 0;
    while text.chars().count() < length {
        if index > 0 && index % 5 == 0 {
            text.push_str("\n\n");
        } else if index > 0 {
            text.push(' ');
        }
        text.push_str(sentences[index % sentences.len()]);
        index += 1;
    }
    text
}
