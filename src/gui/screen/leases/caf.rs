//! La boîte « Traitement d'un fichier CAF » dans la fenêtre Locations (manuel : menu
//! « Locations - Traiter fichier CAF ») : ouverture, et les messages de la boîte
//! (`screen::caf_file`), simulation puis enregistrement en tâche de fond.

use iced::Task;

use super::{Leases, Message};
use crate::gui::screen::caf_file::{self, CafFile, STEM, TITLE};
use crate::gui::screen::{Ctx, Event};
use crate::gui::text as wording;
use crate::gui::widget::treatment::{self, Treatment};

impl Leases {
    /// Boîte « Traitement d'un fichier CAF » (les autres boîtes se ferment).
    pub fn caf_file(&self) -> Option<&(Treatment, CafFile)> {
        self.caf_file.as_ref()
    }

    pub(super) fn open_caf_file(&mut self) {
        if self.is_busy() {
            return;
        }
        self.generation = None;
        self.one_off = None;
        self.caf_file = Some((
            Treatment::new(TITLE, STEM).with_run_label(wording::SIMULATION),
            CafFile::default(),
        ));
    }

    /// Saisies de la boîte ; « Simulation » puis « Appliquer » lancent le traitement en
    /// tâche de fond ; les fiches sont relues quand l'enregistrement est fini.
    pub(super) fn caf_file_message(
        &mut self,
        message: caf_file::Message,
        ctx: &Ctx,
    ) -> (Task<Message>, Option<Event>) {
        let Some((t, dialog)) = self.caf_file.as_mut() else {
            return (Task::none(), None);
        };
        let message = match message {
            caf_file::Message::Treatment(m) => m,
            other => {
                let task = if matches!(t.phase(), treatment::Phase::Options) {
                    dialog.update(other)
                } else {
                    Task::none()
                };
                return (task.map(Message::CafFileDialog), None);
            }
        };
        let was_applying = t.is_applying();
        let simulation = match t.update(message) {
            Some(treatment::Request::Plan) => true,
            Some(treatment::Request::Apply) => false,
            Some(treatment::Request::Close) => {
                self.caf_file = None;
                return (Task::none(), None);
            }
            None => {
                let done = was_applying && t.is_finished();
                return (Task::none(), done.then_some(Event::Changed));
            }
        };
        let task = dialog.run(ctx, simulation).map(|p| {
            Message::CafFileDialog(caf_file::Message::Treatment(treatment::Message::Progress(
                p,
            )))
        });
        (task, None)
    }
}
