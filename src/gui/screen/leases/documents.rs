//! Les documents de la location : l'onglet Avis (ses documents, lus à son ouverture), et
//! les documents hors avis qui s'en créent — appel du dépôt de garantie, facture et avoir
//! hors loyer — avec leur boîte (simulation aussitôt, application en tâche de fond).

use iced::widget::{button, column, container, row, text, Column as Col, Space};
use iced::{alignment, Alignment, Length, Task};

use super::{Leases, Message};
use crate::documents;
use crate::gui::screen::one_off::{self, OneOff};
use crate::gui::screen::{Ctx, Event};
use crate::gui::widget::form::{banner, Form};
use crate::gui::widget::save::{self, SaveBox};
use crate::gui::widget::treatment::{self, Treatment};
use crate::gui::widget::{tool_button, Element};
use crate::gui::{text as wording, theme};
use crate::model::dates::format_date;
use crate::model::money::format_money;
use crate::model::DocumentKind;
use crate::treatments::notices;
use crate::treatments::print::{self, PrintWhat};

impl Leases {
    /// Relit les documents de la location ouverte (seulement les siens : une requête sur
    /// l'index des documents par location).
    pub(super) fn refresh_documents(&mut self, ctx: &Ctx) {
        let Some(lease) = self.current().map(str::to_string) else {
            self.documents = Ok(Vec::new());
            return;
        };
        let filter = crate::store::DocumentFilter {
            lease: Some(lease),
            ..Default::default()
        };
        self.documents = ctx
            .db
            .read(|repo| repo.document_headers(&filter))
            .map_err(|e| e.to_string());
    }

    /// Onglet Avis : un document choisi, « Voir le PDF » (la visionneuse du système sur
    /// un fichier temporaire), « Imprimer » (le PDF écrit au chemin choisi ; l'avis est
    /// alors marqué imprimé).
    pub(super) fn document_message(&mut self, message: Message, ctx: &Ctx) -> Option<Event> {
        match message {
            Message::DocumentPick(number) => {
                self.document_info = None;
                self.chosen_document = Some(number.clone());
                Some(Event::Selected(number))
            }
            Message::DocumentView => {
                let Some(number) = self.chosen_document.clone() else {
                    self.document_info = Some(Err(wording::CHOOSE_DOCUMENT.to_string()));
                    return None;
                };
                let path = std::env::temp_dir().join(format!("abri-{number}.pdf"));
                let shown = document_pdf(ctx, &number)
                    .and_then(|bytes| save::write_file(&path, &bytes))
                    .and_then(|()| save::open_with_system(&path));
                self.document_info = shown.err().map(Err);
                None
            }
            Message::DocumentPrint(m) => {
                let path = self.document_print.update(m)?;
                let Some(number) = self.chosen_document.clone() else {
                    self.document_print
                        .done(Err(wording::CHOOSE_DOCUMENT.to_string()));
                    return None;
                };
                match document_pdf(ctx, &number) {
                    Ok(bytes) => self.document_print.write(path, &bytes),
                    Err(e) => self.document_print.done(Err(e)),
                }
                if !matches!(self.document_print.outcome(), Some(Ok(_))) {
                    return None;
                }
                let marked = ctx.db.write(wording::AUDIT_PRINTED, |repo| {
                    repo.set_printed(std::slice::from_ref(&number), false, true)
                });
                match marked {
                    Ok(_) => Some(Event::Changed),
                    Err(e) => {
                        self.document_info = Some(Err(e.to_string()));
                        None
                    }
                }
            }
            _ => None,
        }
    }

    /// Ouvre la boîte d'un appel de dépôt, d'une facture ou d'un avoir, sur la location
    /// ouverte, sinon la ligne courante ou la première sélectionnée de la liste.
    pub(super) fn open_one_off(&mut self, kind: DocumentKind, ctx: &Ctx) {
        if self.is_busy() {
            return;
        }
        let lease = self
            .current()
            .map(str::to_string)
            .or_else(|| self.table.selected().map(|l| l.reference.clone()))
            .or_else(|| self.table.selection().first().map(|l| l.reference.clone()))
            .or_else(|| ctx.data.leases.first().map(|l| l.reference.clone()))
            .unwrap_or_default();
        self.generation = None;
        self.one_off = Some((
            Treatment::new(one_off::title(kind), one_off::stem(kind))
                .with_run_label(wording::SIMULATION),
            OneOff::new(kind, &lease, ctx),
        ));
    }

    /// Les messages de la boîte : saisies, « Simulation » (calculée aussitôt, sans rien
    /// écrire, pour placer un refus sous son champ), « Appliquer » (tâche de fond).
    pub(super) fn one_off_message(
        &mut self,
        message: one_off::Message,
        ctx: &Ctx,
    ) -> (Task<Message>, Option<Event>) {
        let Some((t, dialog)) = self.one_off.as_mut() else {
            return (Task::none(), None);
        };
        let message = match message {
            one_off::Message::Treatment(m) => m,
            other => {
                if matches!(t.phase(), treatment::Phase::Options) {
                    dialog.update(other, ctx);
                }
                return (Task::none(), None);
            }
        };
        if matches!(message, treatment::Message::Run) {
            if t.is_running() {
                return (Task::none(), None);
            }
            if let Some(report) = dialog.simulate(ctx) {
                t.update(treatment::Message::Run);
                t.update(treatment::Message::Progress(treatment::Progress::Done(Ok(
                    report,
                ))));
            }
            return (Task::none(), None);
        }
        let back = matches!(message, treatment::Message::Back);
        let was_applying = t.is_applying();
        let request = t.update(message);
        if back {
            dialog.reset();
        }
        match request {
            Some(treatment::Request::Apply) => {
                let Some(planned) = dialog.planned().cloned() else {
                    t.update(treatment::Message::Progress(treatment::Progress::Done(
                        Err(wording::NOTHING_PLANNED.to_string()),
                    )));
                    return (Task::none(), None);
                };
                let accounts = one_off::account_labels(ctx.data);
                let task = ctx.db.spawn(move |store, session, progress| {
                    progress(0, 1, wording::ONE_OFF_RUNNING);
                    let (plan, number) =
                        crate::treatments::deposit::run(store, session, &planned, false)
                            .map_err(|e| e.to_string())?;
                    progress(1, 1, wording::ONE_OFF_RUNNING);
                    Ok(one_off::report(&plan, number.as_deref(), &accounts))
                });
                (
                    task.map(|p| {
                        Message::OneOffDialog(one_off::Message::Treatment(
                            treatment::Message::Progress(p),
                        ))
                    }),
                    None,
                )
            }
            Some(treatment::Request::Close) => {
                self.one_off = None;
                (Task::none(), None)
            }
            Some(treatment::Request::Plan) | None => {
                let done = was_applying && t.is_finished();
                (Task::none(), done.then_some(Event::Changed))
            }
        }
    }
}

/// Bouton d'un document hors avis de la location : appel de dépôt, facture, avoir.
pub(super) fn one_off_button<'a>(kind: DocumentKind) -> Element<'a, Message> {
    let label = match kind {
        DocumentKind::Invoice => wording::MISC_INVOICE,
        DocumentKind::CreditNote => wording::MISC_CREDIT_NOTE,
        _ => wording::CALL_DEPOSIT,
    };
    tool_button(label, Some(Message::OneOff(kind)), theme::secondary_button)
}

/// Un montant aligné à droite dans sa colonne.
fn amount_cell<'a>(m: crate::model::Money, w: u16) -> Element<'a, Message> {
    container(text(format_money(m)).size(theme::TEXT_BODY))
        .width(Length::FillPortion(w))
        .align_x(alignment::Horizontal::Right)
        .into()
}

/// L'en-tête des colonnes de l'onglet Avis.
fn documents_header<'a>() -> Element<'a, Message> {
    let bold = |s: &'static str, w: u16| {
        text(s)
            .size(theme::TEXT_BODY)
            .font(theme::FONT_BOLD)
            .width(Length::FillPortion(w))
    };
    let right = |s: &'static str, w: u16| {
        container(text(s).size(theme::TEXT_BODY).font(theme::FONT_BOLD))
            .width(Length::FillPortion(w))
            .align_x(alignment::Horizontal::Right)
    };
    row![
        bold(wording::COL_NUMBER, 2),
        bold(wording::COL_DOCUMENT_KIND, 3),
        bold(wording::COL_PERIOD, 2),
        bold(wording::COL_DATE, 2),
        right(wording::COL_AMOUNT, 2),
        right(wording::COL_DUE, 2),
        container(
            text(wording::COL_NOTICE_PRINTED)
                .size(theme::TEXT_BODY)
                .font(theme::FONT_BOLD),
        )
        .width(Length::FillPortion(2))
        .align_x(alignment::Horizontal::Center),
    ]
    .spacing(theme::SPACE_S)
    .padding([0.0, theme::SPACE_S])
    .into()
}

/// Une ligne de l'onglet Avis : un clic la choisit (voir, imprimer).
fn document_line<'a>(
    d: &'a crate::model::TenantDocument,
    index: usize,
    chosen: bool,
) -> Element<'a, Message> {
    let cell = |s: String, w: u16| text(s).size(theme::TEXT_BODY).width(Length::FillPortion(w));
    let period = match (d.period_start, d.period_end) {
        (Some(s), Some(e)) => notices::period_label((s, e)),
        _ => String::new(),
    };
    let line = row![
        cell(d.number.clone(), 2),
        cell(d.kind.label().to_string(), 3),
        cell(period, 2),
        cell(format_date(d.value_date), 2),
        amount_cell(d.amount, 2),
        amount_cell(d.total_due, 2),
        container(text(wording::yes_no(d.notice_printed)).size(theme::TEXT_BODY))
            .width(Length::FillPortion(2))
            .align_x(alignment::Horizontal::Center),
    ]
    .spacing(theme::SPACE_S);
    button(line)
        .on_press(Message::DocumentPick(d.number.clone()))
        .padding([theme::SPACE_XS, theme::SPACE_S])
        .width(Length::Fill)
        .style(theme::table_row(index, chosen))
        .into()
}

/// Onglet Avis : les documents de la location (les plus récents d'abord), les boutons
/// des documents hors avis, « Voir le PDF » et « Imprimer » du document choisi.
pub(super) fn notices_tab<'a>(
    form: &'a Form,
    documents: &'a Result<Vec<crate::model::TenantDocument>, String>,
    chosen: Option<&'a str>,
    print: &'a SaveBox,
    message: Option<&'a Result<String, String>>,
) -> Element<'a, Message> {
    let Some(reference) = form.reference() else {
        return text(wording::NOTICES_AFTER_SAVE)
            .size(theme::TEXT_BODY)
            .style(theme::muted_text)
            .into();
    };
    let docs: Vec<&crate::model::TenantDocument> = match documents {
        Ok(docs) => docs.iter().filter(|d| d.lease == reference).collect(),
        Err(e) => {
            return text(e.as_str())
                .size(theme::TEXT_BODY)
                .style(theme::error_text)
                .into()
        }
    };
    let mut lines = Col::new().spacing(0.0).push(documents_header());
    if docs.is_empty() {
        lines = lines.push(
            text(wording::NO_NOTICE_YET)
                .size(theme::TEXT_BODY)
                .style(theme::muted_text),
        );
    }
    for (index, d) in docs.into_iter().rev().enumerate() {
        lines = lines.push(document_line(d, index, chosen == Some(d.number.as_str())));
    }
    let stem = wording::document_stem(chosen.unwrap_or_default());
    let today = chrono::Local::now().date_naive();
    // Les documents hors avis de la location se créent d'ici aussi.
    let buttons = row![
        one_off_button(DocumentKind::DepositCall),
        one_off_button(DocumentKind::Invoice),
        one_off_button(DocumentKind::CreditNote),
        super::settle::settlement_button(),
        Space::new().width(Length::Fill),
        tool_button(
            wording::VIEW_DOCUMENT,
            Some(Message::DocumentView),
            theme::secondary_button
        ),
        print.view(
            wording::PRINT_DOCUMENT,
            save::default_path(&stem, today, "pdf"),
            Message::DocumentPrint
        ),
    ]
    .spacing(theme::SPACE_S)
    .align_y(Alignment::Center);
    let mut page = column![buttons].spacing(theme::SPACE_M);
    match message {
        Some(Ok(m)) => page = page.push(banner(m.as_str(), theme::info_banner)),
        Some(Err(m)) => page = page.push(banner(m.as_str(), theme::error_banner)),
        None => {}
    }
    page.push(lines).into()
}

/// Le PDF d'un document (mise en page des avis, avec l'en-tête du bailleur).
fn document_pdf(ctx: &Ctx, number: &str) -> Result<Vec<u8>, String> {
    let filter = crate::store::DocumentFilter {
        numbers: Some(vec![number.to_string()]),
        ..Default::default()
    };
    let (printables, landlord) = ctx
        .db
        .with_store(|store| {
            let printables =
                print::collect(&store.read(&ctx.db.session), &filter, PrintWhat::Documents);
            Ok((printables, store.landlord(&ctx.db.session)?))
        })
        .map_err(|e| e.to_string())?;
    let printables = printables.map_err(|e| e.to_string())?;
    let letterhead = documents::load_letterhead(&landlord.name, None);
    let docs: Vec<documents::Document> = printables.into_iter().map(|p| p.document).collect();
    if docs.is_empty() {
        return Err(wording::document_unknown(number));
    }
    documents::pdf::render(&docs, &letterhead).map_err(|e| e.to_string())
}
