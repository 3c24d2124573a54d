//! « Importer fichier prélèvements » (manuel : étape 5) : le fichier reçu de la banque
//! (camt.054 ou pain.002), choisi par la boîte du système ou tapé ; le compte rendu de
//! la simulation (`debit_return::return_report`), puis « Enregistrer » passe les
//! règlements et les contre-passations (`debit_return::run`). Un fichier refusé l'est
//! avec le message du traitement, rien n'étant écrit.

use std::path::PathBuf;

use iced::widget::{column, text};
use iced::Task;

use crate::gui::screen::{Ctx, Event};
use crate::gui::widget::browse::Kind;
use crate::gui::widget::path::{self, PathField};
use crate::gui::widget::treatment::{self, Progress, Report, Treatment};
use crate::gui::widget::Element;
use crate::gui::{text as wording, theme};
use crate::treatments::debit_return::{self, return_report, ReturnPlan};

#[derive(Debug, Clone)]
pub enum Message {
    /// L'entrée du menu : la boîte s'ouvre, et la boîte « Ouvrir » du système avec elle.
    Open,
    Path(String),
    /// La boîte s'ouvre sur ce fichier et en calcule la simulation (captures d'écran).
    Simulate(String),
    Browse,
    /// Réponse de la boîte du système : le fichier choisi est aussitôt simulé.
    Browsed(Option<PathBuf>),
    Treatment(treatment::Message),
}

/// La boîte de l'import.
#[derive(Debug, Clone)]
pub struct ReturnImport {
    pub treatment: Treatment,
    pub path: PathField,
}

impl ReturnImport {
    pub fn new() -> Self {
        ReturnImport {
            treatment: Treatment::new(wording::RETURN_TITLE, wording::RETURN_STEM)
                .with_apply_label(wording::SAVE_FILE),
            path: PathField::default(),
        }
    }

    pub fn is_running(&self) -> bool {
        self.treatment.is_running()
    }

    /// Applique un message ; `None` en retour : la boîte se ferme.
    pub fn update(
        &mut self,
        message: Message,
        ctx: &Ctx,
    ) -> Option<(Task<Message>, Option<Event>)> {
        let none = Some((Task::none(), None));
        match message {
            Message::Open | Message::Browse => {
                let title = wording::RETURN_OPEN_TITLE;
                let task = self
                    .path
                    .browse(Kind::Open, title, path::XML, Message::Browsed);
                Some((task, None))
            }
            Message::Path(p) => {
                self.path.path = p;
                none
            }
            Message::Simulate(path) => {
                self.path.path = path;
                self.treatment_message(treatment::Message::Run, ctx)
            }
            Message::Browsed(Some(path)) => {
                self.path.path = path.display().to_string();
                self.treatment_message(treatment::Message::Run, ctx)
            }
            Message::Browsed(None) => none,
            Message::Treatment(m) => self.treatment_message(m, ctx),
        }
    }

    fn treatment_message(
        &mut self,
        message: treatment::Message,
        ctx: &Ctx,
    ) -> Option<(Task<Message>, Option<Event>)> {
        let t = &mut self.treatment;
        let was_applying = t.is_applying();
        let simulation = match t.update(message) {
            Some(treatment::Request::Plan) => true,
            Some(treatment::Request::Apply) => false,
            Some(treatment::Request::Close) => return None,
            None => {
                let done = was_applying && t.is_finished();
                return Some((Task::none(), done.then_some(Event::Changed)));
            }
        };
        let path = self.path.path.trim();
        if path.is_empty() {
            let error = wording::field_error(wording::RETURN_FILE, wording::RETURN_NO_FILE);
            t.update(treatment::Message::Progress(Progress::Done(Err(error))));
            return Some((Task::none(), None));
        }
        let path = PathBuf::from(path);
        let task = ctx.db.spawn(move |store, session, progress| {
            progress(0, 1, wording::RETURN_RUNNING);
            let (plan, numbers) =
                debit_return::run(store, session, &path, simulation).map_err(|e| e.to_string())?;
            progress(1, 1, wording::RETURN_RUNNING);
            Ok(report(&plan, simulation, &numbers))
        });
        Some((
            task.map(|p| Message::Treatment(treatment::Message::Progress(p))),
            None,
        ))
    }

    /// Le chemin du fichier, avant la simulation.
    pub fn view(&self) -> Element<'_, Message> {
        let options = column![
            self.path
                .view(wording::RETURN_FILE, Message::Path, Message::Browse),
            text(wording::RETURN_HINT)
                .size(theme::TEXT_SMALL)
                .style(theme::muted_text),
        ]
        .spacing(theme::SPACE_M);
        self.treatment.view(options.into(), Message::Treatment)
    }
}

impl Default for ReturnImport {
    fn default() -> Self {
        ReturnImport::new()
    }
}

/// Le compte rendu : les lignes de `return_report` ; en simulation, « Enregistrer »
/// s'offre s'il y a quelque chose à passer ; après, les pièces passées.
pub fn report(plan: &ReturnPlan, planned: bool, numbers: &[String]) -> Report {
    let mut report = Report::default();
    for line in return_report(plan).lines() {
        report.line(true, line);
    }
    report.summary = if !plan.has_work() {
        wording::RETURN_NOTHING.to_string()
    } else if planned {
        wording::return_planned(plan.credited.len(), plan.rejected.len())
    } else {
        wording::return_saved(numbers)
    };
    report.can_apply = planned && plan.has_work();
    report
}
