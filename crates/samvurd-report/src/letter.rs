//! The answer letter to one applicant after the SSU's decision («alle søkere får svar»): an A4
//! letter from the helsefellesskap with the addressee, date, «Vår ref.», a subject line, the
//! outcome and amount in the words a Norwegian public body uses, the working group's
//! justification, the conditions of the grant (reporting duties) and a contact line.
//!
//! It uses the innstilling's fonts, layout module and PDF/A finishing; like the innstilling it
//! computes nothing and only states the figures in the [`AnswerLetter`].

use chrono::{DateTime, FixedOffset, NaiveDate};
use samvurd_core::{Money, Outcome};

use crate::layout::{Block, ElementId, Paragraph, Role, Structure, TextStyle, paginate, text_mark};
use crate::layout::{Mark, Page};
use crate::norsk;
use crate::theme::{ACCENT, BODY, BODY_BOLD, FRAME, H3, INK, MUTED, RULE, RUNNING};

/// Everything one answer letter says.
#[derive(Debug, Clone, PartialEq)]
pub struct AnswerLetter {
    /// The sender, e.g. «Helsefellesskapet Vestre Viken».
    pub helsefellesskap: String,
    /// The unit that signs, e.g. «Arbeidsgruppen for samhandlingstilskudd».
    pub working_group: String,
    /// Who decided, e.g. «Strategisk samarbeidsutvalg (SSU)».
    pub decision_body: String,
    pub meeting_date: Option<NaiveDate>,
    /// The round's title, e.g. «Rekrutterings- og samhandlingstilskudd 2026».
    pub round_title: String,
    /// The archive's case number, printed before the application's reference when present.
    pub case_number: Option<String>,
    pub date: NaiveDate,
    /// The responsible applicant, the letter's addressee.
    pub applicant: String,
    /// The application's reference, e.g. `VV-2026-007`.
    pub reference: String,
    pub title: String,
    pub requested: Money,
    pub outcome: Outcome,
    /// What is granted; 0 kr for a rejection.
    pub amount: Money,
    /// The working group's justification, when it wrote one.
    pub justification: Option<String>,
    /// The conditions of a grant (reporting duties); blank lines separate paragraphs.
    pub conditions: String,
    /// Conditions (*vilkår*) the SSU set on this grant in its vedtak, beyond the usual ones.
    pub special_conditions: Option<String>,
    /// Written from the innstilling before the SSU's vedtak: every page says «Foreløpig», and
    /// the text says the SSU has not decided yet.
    pub preliminary: bool,
    /// Who to contact with questions, e.g. «Spørsmål om vedtaket kan rettes til sekretariatet».
    pub contact: String,
}

/// The conditions when the round gives none: a report after six months and a final report.
pub const DEFAULT_CONDITIONS: &str = "Tilskuddet skal brukes til prosjektet slik det er \
     beskrevet i søknaden. Vesentlige endringer i prosjektet må avtales skriftlig med \
     helsefellesskapet før de gjennomføres.\n\nDere skal sende en kort statusrapport seks måneder \
     etter oppstart, med framdrift, forbruk av midler og eventuelle avvik fra planen. Når \
     prosjektet er avsluttet, skal dere sende en sluttrapport med regnskap til strategisk \
     samarbeidsutvalg (SSU). Midler som ikke er brukt, eller som er brukt i strid med \
     forutsetningene, kan kreves tilbakebetalt.";

#[derive(Debug, Clone, PartialEq)]
pub struct LaidOut {
    pub pages: Vec<Page>,
    pub structure: Structure,
}

const WIDTH: f32 = FRAME.width;

struct Writer {
    structure: Structure,
    blocks: Vec<Block>,
}

impl Writer {
    fn paragraph(&mut self, text: &str, style: TextStyle, role: Role) -> &mut Paragraph {
        let element: ElementId = self.structure.add(role, Structure::ROOT);
        self.blocks.push(Block::Paragraph(Paragraph::new(text, style, WIDTH, Some(element))));
        match self.blocks.last_mut() {
            Some(Block::Paragraph(paragraph)) => paragraph,
            _ => unreachable!("a paragraph was just pushed"),
        }
    }

    fn paragraphs(&mut self, text: &str) {
        for chunk in text.split("\n\n").map(str::trim).filter(|chunk| !chunk.is_empty()) {
            self.paragraph(chunk, BODY, Role::P).space_after = 7.0;
        }
    }

    fn heading(&mut self, text: &str) {
        let heading = self.paragraph(text, H3, Role::H2);
        heading.space_before = 6.0;
        heading.space_after = 3.0;
        heading.keep_with_next = true;
    }
}

/// The letter's first sentences: what was decided, in a public body's words.
pub fn decision_text(letter: &AnswerLetter) -> String {
    let meeting = letter
        .meeting_date
        .map_or_else(String::new, |date| format!(" i møte {}", norsk::date(date)));
    // The round's title is quoted as it is written, never lower-cased mid-sentence.
    let applied = format!(
        "Vi viser til søknaden deres om tilskudd til prosjektet «{}» i runden «{}».",
        letter.title, letter.round_title,
    );
    if letter.preliminary {
        let innstilt = match letter.outcome {
            Outcome::Granted => format!("innvilget med {}", letter.amount.format()),
            Outcome::PartlyGranted => format!(
                "delvis innvilget med {} av omsøkte {}",
                letter.amount.format(),
                letter.requested.format()
            ),
            Outcome::Rejected => "avslått".to_owned(),
        };
        return format!(
            "{applied}\n\nDette er et foreløpig svar. {} har ennå ikke behandlet søknaden{meeting}. \
             {} innstiller på at søknaden blir {innstilt}. Dere får et endelig svar når {} har \
             fattet vedtak.",
            letter.decision_body,
            letter.working_group,
            short_body(&letter.decision_body),
        );
    }
    let intro = format!("{applied} {} har behandlet søknaden{meeting}.", letter.decision_body);
    let decision = match letter.outcome {
        Outcome::Granted => format!(
            "Vi har gleden av å meddele at søknaden er innvilget. Dere får et tilskudd på {}.",
            letter.amount.format()
        ),
        Outcome::PartlyGranted => format!(
            "Søknaden er delvis innvilget. Dere får et tilskudd på {} av omsøkte {}.",
            letter.amount.format(),
            letter.requested.format()
        ),
        Outcome::Rejected => format!(
            "Vi må dessverre meddele at søknaden er avslått. Dere søkte om {}.",
            letter.requested.format()
        ),
    };
    format!("{intro}\n\n{decision}")
}

/// «SSU» out of «Strategisk samarbeidsutvalg (SSU)», or the whole name.
fn short_body(body: &str) -> &str {
    body.rsplit_once('(')
        .and_then(|(_, short)| short.strip_suffix(')'))
        .filter(|short| !short.trim().is_empty())
        .unwrap_or(body)
}

/// «26/01234 – VV-2026-007», or just the reference.
pub fn our_reference(letter: &AnswerLetter) -> String {
    match letter.case_number.as_deref().map(str::trim).filter(|text| !text.is_empty()) {
        Some(case) => format!("{case} – {}", letter.reference),
        None => letter.reference.clone(),
    }
}

pub fn lay_out(letter: &AnswerLetter, generated_at: DateTime<FixedOffset>) -> LaidOut {
    let mut writer = Writer { structure: Structure::default(), blocks: Vec::new() };

    // Sender and addressee, with the reference and date at the right.
    if !letter.helsefellesskap.trim().is_empty() {
        let sender = writer.paragraph(
            &letter.helsefellesskap,
            TextStyle { color: ACCENT, ..BODY_BOLD },
            Role::P,
        );
        sender.space_after = 0.0;
    }
    writer
        .paragraph(&letter.working_group, TextStyle { color: MUTED, ..BODY }, Role::P)
        .space_after = 28.0;
    writer.paragraph(&letter.applicant, BODY_BOLD, Role::P).space_after = 0.0;
    writer.paragraph(&format!("Søknad {}", letter.reference), BODY, Role::P).space_after = 24.0;
    let facts = format!("Vår ref.: {}\nDato: {}", our_reference(letter), norsk::date(letter.date));
    writer.paragraph(&facts, BODY, Role::P).space_after = 18.0;

    if letter.preliminary {
        let mark = writer.paragraph(
            "FORELØPIG SVAR – ikke vedtatt",
            TextStyle { color: ACCENT, ..BODY_BOLD },
            Role::P,
        );
        mark.space_after = 6.0;
    }
    let subject = if letter.preliminary {
        format!("Foreløpig svar på søknad om tilskudd – {}", letter.title)
    } else {
        format!("Svar på søknad om tilskudd – {}", letter.title)
    };
    let subject =
        writer.paragraph(&subject, TextStyle { size: 12.0, line_height: 16.0, ..H3 }, Role::H1);
    subject.space_after = 10.0;

    writer.paragraphs(&decision_text(letter));

    if let Some(justification) = &letter.justification {
        writer.heading("Begrunnelse");
        writer.paragraphs(justification);
    }
    if letter.outcome != Outcome::Rejected {
        writer.heading("Vilkår for tilskuddet");
        if let Some(special) =
            letter.special_conditions.as_deref().filter(|text| !text.trim().is_empty())
        {
            writer.paragraphs(special);
        }
        writer.paragraphs(&letter.conditions);
    } else {
        writer.paragraphs(
            "Vedtaket er gjort etter en helhetlig og skjønnsmessig vurdering av alle søknadene \
             innenfor rammen. Dere er velkomne til å søke igjen i en senere runde.",
        );
    }
    writer.heading("Kontakt");
    writer.paragraphs(&letter.contact);

    writer.paragraph("Med vennlig hilsen", BODY, Role::P).space_before = 8.0;
    writer.paragraph(&letter.working_group, BODY_BOLD, Role::P).space_after = 0.0;
    if !letter.helsefellesskap.trim().is_empty() {
        writer.paragraph(&letter.helsefellesskap, BODY, Role::P);
    }

    let Writer { blocks, structure } = writer;
    let mut pages = paginate(&blocks, FRAME);
    decorate(&mut pages, letter, generated_at);
    LaidOut { pages, structure }
}

/// The accent bar, and the footer with «Side N av M» on every page.
fn decorate(pages: &mut [Page], letter: &AnswerLetter, generated_at: DateTime<FixedOffset>) {
    let count = pages.len();
    let left = FRAME.left;
    let right = FRAME.left + FRAME.width;
    let footer_baseline = crate::layout::PAGE_HEIGHT - 34.0;
    let generated = if letter.preliminary {
        format!("Foreløpig · generert {}", norsk::date_time(generated_at))
    } else {
        format!("generert {}", norsk::date_time(generated_at))
    };
    let footer_left = [letter.helsefellesskap.as_str(), letter.round_title.as_str(), &generated]
        .into_iter()
        .filter(|part| !part.trim().is_empty())
        .collect::<Vec<_>>()
        .join(" · ");
    for (index, page) in pages.iter_mut().enumerate() {
        let mut furniture = vec![
            Mark::Rect {
                x: 0.0,
                y: 0.0,
                width: crate::layout::PAGE_WIDTH,
                height: 10.0,
                fill: Some(ACCENT),
                stroke: None,
                element: None,
            },
            Mark::Line {
                from: (left, footer_baseline - 11.0),
                to: (right, footer_baseline - 11.0),
                width: 0.5,
                color: RULE,
                dashed: false,
                element: None,
            },
            text_mark(left, footer_baseline, footer_left.clone(), RUNNING, None),
        ];
        let number = format!("Side {} av {}", index + 1, count);
        let number_style = TextStyle { color: INK, ..RUNNING };
        furniture.push(text_mark(
            right - number_style.width(&number),
            footer_baseline,
            number,
            number_style,
            None,
        ));
        furniture.append(&mut page.marks);
        page.marks = furniture;
    }
}
