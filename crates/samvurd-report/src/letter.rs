//! The answer letter to one applicant after the SSU's decision («alle søkere får svar»): an A4
//! letter from the helsefellesskap with the addressee, date, «Vår ref.», a subject line, the
//! outcome and amount in the words a Norwegian public body uses, the working group's
//! justification, the conditions of the grant (reporting duties) and a contact line.
//!
//! It uses the innstilling's fonts, layout module and PDF/A finishing; like the innstilling it
//! computes nothing and only states the figures in the [`AnswerLetter`].

use chrono::{DateTime, FixedOffset, NaiveDate};
use samvurd_core::{Money, Outcome};

use crate::language::{Language, Texts};
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
    /// The letter's language; its texts come from that language's Fluent messages.
    pub language: Language,
    /// A note at the top: that this is the Norwegian copy of a Sámi letter, or that a Norwegian
    /// copy comes with the Sámi one.
    pub copy_note: Option<String>,
    /// The Norwegian copy of a North Sámi letter (written as `REF-norsk.pdf`).
    pub norwegian_copy: bool,
    /// Who to contact with questions, e.g. «Spørsmål om vedtaket kan rettes til sekretariatet».
    pub contact: String,
}

/// The usual conditions of a grant in `texts`' language.
pub fn default_conditions(texts: &Texts) -> String {
    format!(
        "{}\n\n{}",
        texts.text("letter-default-conditions-1"),
        texts.text("letter-default-conditions-2")
    )
}

#[derive(Debug, Clone, PartialEq)]
pub struct LaidOut {
    pub pages: Vec<Page>,
    pub structure: Structure,
}

const WIDTH: f32 = FRAME.width;

/// A letter's flow of blocks and its structure tree; the follow-up's reminder letters write
/// with it too.
pub(crate) struct Writer {
    pub(crate) structure: Structure,
    pub(crate) blocks: Vec<Block>,
}

impl Writer {
    pub(crate) fn new() -> Writer {
        Writer { structure: Structure::default(), blocks: Vec::new() }
    }

    pub(crate) fn paragraph(&mut self, text: &str, style: TextStyle, role: Role) -> &mut Paragraph {
        let element: ElementId = self.structure.add(role, Structure::ROOT);
        self.blocks.push(Block::Paragraph(Paragraph::new(text, style, WIDTH, Some(element))));
        match self.blocks.last_mut() {
            Some(Block::Paragraph(paragraph)) => paragraph,
            _ => unreachable!("a paragraph was just pushed"),
        }
    }

    pub(crate) fn paragraphs(&mut self, text: &str) {
        for chunk in text.split("\n\n").map(str::trim).filter(|chunk| !chunk.is_empty()) {
            self.paragraph(chunk, BODY, Role::P).space_after = 7.0;
        }
    }

    pub(crate) fn heading(&mut self, text: &str) {
        let heading = self.paragraph(text, H3, Role::H2);
        heading.space_before = 6.0;
        heading.space_after = 3.0;
        heading.keep_with_next = true;
    }
}

/// The letter's first sentences: what was decided, in a public body's words.
pub fn decision_text(letter: &AnswerLetter, texts: &Texts) -> String {
    let amount = letter.amount.format();
    let requested = letter.requested.format();
    let date = letter.meeting_date.map(norsk::date);
    // The round's title is quoted as it is written, never lower-cased mid-sentence.
    let applied =
        texts.get("letter-applied", &[("title", &letter.title), ("round", &letter.round_title)]);
    if letter.preliminary {
        let recommended = match letter.outcome {
            Outcome::Granted => texts.get("letter-recommended-granted", &[("amount", &amount)]),
            Outcome::PartlyGranted => texts.get(
                "letter-recommended-partly-granted",
                &[("amount", &amount), ("requested", &requested)],
            ),
            Outcome::Rejected => texts.text("letter-recommended-rejected"),
        };
        let short = short_body(&letter.decision_body);
        let mut args = vec![
            ("body", letter.decision_body.as_str()),
            ("group", letter.working_group.as_str()),
            ("recommended", recommended.as_str()),
            ("short", short),
        ];
        let id = match &date {
            Some(date) => {
                args.push(("date", date));
                "letter-preliminary-meeting"
            }
            None => "letter-preliminary",
        };
        return format!("{applied}\n\n{}", texts.get(id, &args));
    }
    let treated = match &date {
        Some(date) => {
            texts.get("letter-treated-meeting", &[("body", &letter.decision_body), ("date", date)])
        }
        None => texts.get("letter-treated", &[("body", &letter.decision_body)]),
    };
    let decision = match letter.outcome {
        Outcome::Granted => texts.get("letter-granted", &[("amount", &amount)]),
        Outcome::PartlyGranted => {
            texts.get("letter-partly-granted", &[("amount", &amount), ("requested", &requested)])
        }
        Outcome::Rejected => texts.get("letter-rejected", &[("requested", &requested)]),
    };
    format!("{applied} {treated}\n\n{decision}")
}

/// «SSU» out of «Strategisk samarbeidsutvalg (SSU)», or the whole name.
pub(crate) fn short_body(body: &str) -> &str {
    body.rsplit_once('(')
        .and_then(|(_, short)| short.strip_suffix(')'))
        .filter(|short| !short.trim().is_empty())
        .unwrap_or(body)
}

/// «26/01234 – VV-2026-007», or just the reference.
fn our_reference(case_number: Option<&str>, reference: &str) -> String {
    match case_number.map(str::trim).filter(|text| !text.is_empty()) {
        Some(case) => format!("{case} – {reference}"),
        None => reference.to_owned(),
    }
}

/// The top of a letter: sender and working group, the addressee and what the letter is about,
/// and «Vår ref.» and the date.
pub(crate) struct Letterhead<'a> {
    pub helsefellesskap: &'a str,
    pub working_group: &'a str,
    pub addressee: &'a str,
    /// The application's reference, e.g. `VV-2026-007`.
    pub reference: &'a str,
    /// The archive's case number, printed before the reference in «Vår ref.» when present.
    pub case_number: Option<&'a str>,
    pub date: NaiveDate,
}

impl Writer {
    pub(crate) fn letterhead(&mut self, head: &Letterhead<'_>, texts: &Texts) {
        if !head.helsefellesskap.trim().is_empty() {
            let sender = self.paragraph(
                head.helsefellesskap,
                TextStyle { color: ACCENT, ..BODY_BOLD },
                Role::P,
            );
            sender.space_after = 0.0;
        }
        self.paragraph(head.working_group, TextStyle { color: MUTED, ..BODY }, Role::P)
            .space_after = 28.0;
        self.paragraph(head.addressee, BODY_BOLD, Role::P).space_after = 0.0;
        let about = texts.get("letter-application", &[("reference", head.reference)]);
        self.paragraph(&about, BODY, Role::P).space_after = 24.0;
        let our_reference = our_reference(head.case_number, head.reference);
        let facts = format!(
            "{}\n{}",
            texts.get("letter-our-reference", &[("reference", &our_reference)]),
            texts.get("letter-date", &[("date", &norsk::date(head.date))])
        );
        self.paragraph(&facts, BODY, Role::P).space_after = 18.0;
    }

    /// The subject line, the letter's one first-level heading.
    pub(crate) fn subject(&mut self, subject: &str) {
        let subject =
            self.paragraph(subject, TextStyle { size: 12.0, line_height: 16.0, ..H3 }, Role::H1);
        subject.space_after = 10.0;
    }

    /// «Med vennlig hilsen» and who signs.
    pub(crate) fn closing(&mut self, working_group: &str, helsefellesskap: &str, texts: &Texts) {
        self.paragraph(&texts.text("letter-greeting"), BODY, Role::P).space_before = 8.0;
        self.paragraph(working_group, BODY_BOLD, Role::P).space_after = 0.0;
        if !helsefellesskap.trim().is_empty() {
            self.paragraph(helsefellesskap, BODY, Role::P);
        }
    }

    /// The pages, with the accent bar and a footer of `footer_parts` and «Side N av M».
    pub(crate) fn finish(self, footer_parts: &[&str], texts: &Texts) -> LaidOut {
        let Writer { blocks, structure } = self;
        let mut pages = paginate(&blocks, FRAME);
        let footer_left = footer_parts
            .iter()
            .filter(|part| !part.trim().is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" · ");
        decorate(&mut pages, &footer_left, texts);
        LaidOut { pages, structure }
    }
}

pub fn lay_out(
    letter: &AnswerLetter,
    texts: &Texts,
    generated_at: DateTime<FixedOffset>,
) -> LaidOut {
    let mut writer = Writer::new();

    // Sender and addressee, with the reference and date at the right.
    writer.letterhead(
        &Letterhead {
            helsefellesskap: &letter.helsefellesskap,
            working_group: &letter.working_group,
            addressee: &letter.applicant,
            reference: &letter.reference,
            case_number: letter.case_number.as_deref(),
            date: letter.date,
        },
        texts,
    );

    if let Some(note) = &letter.copy_note {
        let note = writer.paragraph(note, TextStyle { color: MUTED, ..BODY_BOLD }, Role::P);
        note.space_after = 6.0;
    }
    if letter.preliminary {
        let mark = writer.paragraph(
            &texts.text("letter-preliminary-mark"),
            TextStyle { color: ACCENT, ..BODY_BOLD },
            Role::P,
        );
        mark.space_after = 6.0;
    }
    writer.subject(&texts.get(
        if letter.preliminary { "letter-subject-preliminary" } else { "letter-subject" },
        &[("title", &letter.title)],
    ));

    writer.paragraphs(&decision_text(letter, texts));

    if let Some(justification) = &letter.justification {
        writer.heading(&texts.text("letter-justification-heading"));
        writer.paragraphs(justification);
    }
    if letter.outcome != Outcome::Rejected {
        writer.heading(&texts.text("letter-conditions-heading"));
        if let Some(special) =
            letter.special_conditions.as_deref().filter(|text| !text.trim().is_empty())
        {
            writer.paragraphs(special);
        }
        writer.paragraphs(&letter.conditions);
    } else {
        writer.paragraphs(&texts.text("letter-rejection-note"));
    }
    writer.heading(&texts.text("letter-contact-heading"));
    writer.paragraphs(&letter.contact);

    writer.closing(&letter.working_group, &letter.helsefellesskap, texts);

    let generated = texts.get(
        if letter.preliminary { "letter-generated-preliminary" } else { "letter-generated" },
        &[("at", &norsk::date_time(generated_at))],
    );
    writer.finish(&[&letter.helsefellesskap, &letter.round_title, &generated], texts)
}

/// The accent bar, and the footer with «Side N av M» on every page.
fn decorate(pages: &mut [Page], footer_left: &str, texts: &Texts) {
    let count = pages.len();
    let left = FRAME.left;
    let right = FRAME.left + FRAME.width;
    let footer_baseline = crate::layout::PAGE_HEIGHT - 34.0;
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
            text_mark(left, footer_baseline, footer_left.to_owned(), RUNNING, None),
        ];
        let number = texts.get(
            "letter-page",
            &[("page", &(index + 1).to_string()), ("pages", &count.to_string())],
        );
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
