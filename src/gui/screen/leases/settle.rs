//! La boîte du solde de tout compte dans la fenêtre Locations : ouverture sur la
//! location courante, « Simulation » calculée aussitôt (un refus va sous son champ),
//! « Appliquer » en tâche de fond.

use iced::Task;

use super::{Leases, Message};
use crate::gui::screen::settlement::{self, SettlementDialog};
use crate::gui::screen::{Ctx, Event};
use crate::gui::text as wording;
use crate::gui::theme;
use crate::gui::widget::treatment::{self, Treatment};
use crate::gui::widget::{tool_button, Element};

impl Leases {
    pub(super) fn open_settlement(&mut self, ctx: &Ctx) {
        if self.is_busy() {
            return;
        }
        let lease = self
            .current()
            .map(str::to_string)
            .or_else(|| self.table.selected().map(|l| l.reference.clone()))
            .unwrap_or_default();
        self.generation = None;
        self.one_off = None;
        self.settlement = Some((
            Treatment::new(wording::SETTLEMENT_TITLE, wording::SETTLEMENT_STEM)
                .with_run_label(wording::SIMULATION),
            SettlementDialog::new(&lease, ctx),
        ));
    }

    pub(super) fn settlement_message(
        &mut self,
        message: settlement::Message,
        ctx: &Ctx,
    ) -> (Task<Message>, Option<Event>) {
        let Some((t, dialog)) = self.settlement.as_mut() else {
            return (Task::none(), None);
        };
        let message = match message {
            settlement::Message::Treatment(m) => m,
            other => {
                if matches!(t.phase(), treatment::Phase::Options) {
                    dialog.update(other);
                }
                return (Task::none(), None);
            }
        };
        if matches!(message, treatment::Message::Run) {
            if !t.is_running() {
                if let Some(report) = dialog.simulate(ctx) {
                    t.update(treatment::Message::Run);
                    t.update(treatment::Message::Progress(treatment::Progress::Done(Ok(
                        report,
                    ))));
                }
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
                let task = ctx.db.spawn(move |store, session, progress| {
                    progress(0, 1, wording::SETTLEMENT_RUNNING);
                    let report = settlement::run(store, session, &planned, false)
                        .map_err(|e| e.to_string())?;
                    progress(1, 1, wording::SETTLEMENT_RUNNING);
                    Ok(report)
                });
                (
                    task.map(|p| {
                        Message::SettlementDialog(settlement::Message::Treatment(
                            treatment::Message::Progress(p),
                        ))
                    }),
                    None,
                )
            }
            Some(treatment::Request::Close) => {
                self.settlement = None;
                (Task::none(), None)
            }
            Some(treatment::Request::Plan) | None => {
                let done = was_applying && t.is_finished();
                (Task::none(), done.then_some(Event::Changed))
            }
        }
    }
}

/// Bouton « Solde de tout compte… » de la liste et de la fiche.
pub(super) fn settlement_button<'a>() -> Element<'a, Message> {
    tool_button(
        wording::SETTLEMENT_BUTTON,
        Some(Message::Settlement),
        theme::secondary_button,
    )
}
