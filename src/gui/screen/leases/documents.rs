//! Les documents de la location : l'onglet Avis (ses documents, lus à son ouverture), et
//! les documents hors avis qui s'en créent — appel du dépôt de garantie, facture et avoir
//! hors loyer — avec leur boîte (simulation aussitôt, application en tâche de fond).

use iced::widget::{column, row, text, Column as Col};
use iced::{Length, Task};

use super::{Leases, Message};
use crate::gui::screen::one_off::{self, OneOff};
use crate::gui::screen::{Ctx, Event};
use crate::gui::widget::form::Form;
use crate::gui::widget::treatment::{self, Treatment};
use crate::gui::widget::{tool_button, Element};
use crate::gui::{text as wording, theme};
use crate::model::dates::format_date;
use crate::model::money::format_money;
use crate::model::DocumentKind;
use crate::treatments::notices;

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

/// Onglet Avis : les documents de la location.
/// Bouton d'un document hors avis de la location : appel de dépôt, facture, avoir.
pub(super) fn one_off_button<'a>(kind: DocumentKind) -> Element<'a, Message> {
    let label = match kind {
        DocumentKind::Invoice => wording::MISC_INVOICE,
        DocumentKind::CreditNote => wording::MISC_CREDIT_NOTE,
        _ => wording::CALL_DEPOSIT,
    };
    tool_button(label, Some(Message::OneOff(kind)), theme::secondary_button)
}

pub(super) fn notices_tab<'a>(
    form: &'a Form,
    documents: &'a Result<Vec<crate::model::TenantDocument>, String>,
) -> Element<'a, Message> {
    let Some(reference) = form.reference() else {
        return text(wording::NOTICES_AFTER_SAVE)
            .size(theme::TEXT_BODY)
            .style(theme::muted_text)
            .into();
    };
    let cell = |s: String, w: u16| text(s).size(theme::TEXT_BODY).width(Length::FillPortion(w));
    let mut lines = Col::new().spacing(theme::SPACE_XS).push(
        row![
            cell(wording::COL_NUMBER.to_string(), 2).font(theme::FONT_BOLD),
            cell(wording::COL_DOCUMENT_KIND.to_string(), 3).font(theme::FONT_BOLD),
            cell(wording::COL_PERIOD.to_string(), 2).font(theme::FONT_BOLD),
            cell(wording::COL_DATE.to_string(), 2).font(theme::FONT_BOLD),
            cell(wording::COL_AMOUNT.to_string(), 2).font(theme::FONT_BOLD),
            cell(wording::COL_DUE.to_string(), 2).font(theme::FONT_BOLD),
            cell(wording::COL_NOTICE_PRINTED.to_string(), 1).font(theme::FONT_BOLD),
        ]
        .spacing(theme::SPACE_S),
    );
    let docs: Vec<&crate::model::TenantDocument> = match documents {
        Ok(docs) => docs.iter().filter(|d| d.lease == reference).collect(),
        Err(e) => {
            return text(e.as_str())
                .size(theme::TEXT_BODY)
                .style(theme::error_text)
                .into()
        }
    };
    if docs.is_empty() {
        lines = lines.push(
            text(wording::NO_NOTICE_YET)
                .size(theme::TEXT_BODY)
                .style(theme::muted_text),
        );
    }
    for d in docs.into_iter().rev() {
        lines = lines.push(
            row![
                cell(d.number.clone(), 2),
                cell(d.kind.label().to_string(), 3),
                cell(
                    match (d.period_start, d.period_end) {
                        (Some(s), Some(e)) => notices::period_label((s, e)),
                        _ => String::new(),
                    },
                    2
                ),
                cell(format_date(d.value_date), 2),
                cell(format_money(d.amount), 2),
                cell(format_money(d.total_due), 2),
                cell(wording::yes_no(d.notice_printed).to_string(), 1),
            ]
            .spacing(theme::SPACE_S),
        );
    }
    // Les documents hors avis de la location se créent d'ici aussi.
    let buttons = row![
        one_off_button(DocumentKind::DepositCall),
        one_off_button(DocumentKind::Invoice),
        one_off_button(DocumentKind::CreditNote),
    ]
    .spacing(theme::SPACE_S);
    column![buttons, lines].spacing(theme::SPACE_M).into()
}
