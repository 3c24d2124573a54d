//! Boîte « Fusionner locataire… » du menu Locataires (S4 ; manuel : « Regroupement de
//! 2 fiches locataires ») : la fiche gardée (la fiche courante) et la fiche absorbée ;
//! « Simulation » vérifie (refus si nom et prénom diffèrent) et liste ce qui passerait
//! d'une fiche à l'autre, « Appliquer » fusionne en tâche de fond. La boîte n'appelle que
//! `treatments::merge`.

use iced::widget::{column, text};
use iced::{Length, Task};

use super::text_dialog::{line, required, spawn, step, Step};
use super::{Ctx, Event};
use crate::gui::widget::treatment::{self, Treatment};
use crate::gui::widget::{inputs, Element};
use crate::gui::{text as wording, theme};
use crate::treatments::merge;

/// Les zones de saisie.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Kept,
    Absorbed,
}

/// Ce que l'utilisateur fait dans la boîte.
#[derive(Debug, Clone)]
pub enum Message {
    /// Ouvre la boîte (menu) sur le locataire courant.
    Open,
    Input(Field, String),
    Treatment(treatment::Message),
}

/// La boîte ouverte, telle que tapée.
#[derive(Debug, Clone)]
pub struct MergeDialog {
    pub treatment: Treatment,
    pub kept: String,
    pub absorbed: String,
}

impl MergeDialog {
    /// La fiche gardée proposée : `kept`.
    pub fn new(kept: &str) -> Self {
        MergeDialog {
            treatment: Treatment::new(wording::MERGE_TITLE, wording::MERGE_STEM)
                .with_run_label(wording::SIMULATION),
            kept: kept.to_string(),
            absorbed: String::new(),
        }
    }

    /// Les deux références, ou l'erreur de saisie (nommant le champ).
    fn request(&self) -> Result<(String, String), String> {
        Ok((
            required(wording::MERGE_KEPT, &self.kept)?,
            required(wording::MERGE_ABSORBED, &self.absorbed)?,
        ))
    }

    pub fn view(&self) -> Element<'_, Message> {
        self.treatment.view(self.options(), Message::Treatment)
    }

    fn options(&self) -> Element<'_, Message> {
        let typed = |field: Field, value| {
            inputs::text_field(
                "",
                value,
                false,
                Length::Fill,
                Some(Box::new(move |s| Message::Input(field, s))),
            )
        };
        column![
            line(wording::MERGE_KEPT, typed(Field::Kept, &self.kept)),
            line(
                wording::MERGE_ABSORBED,
                typed(Field::Absorbed, &self.absorbed)
            ),
            text(wording::MERGE_HINT)
                .size(theme::TEXT_SMALL)
                .style(theme::muted_text),
        ]
        .spacing(theme::SPACE_M)
        .into()
    }
}

/// Les messages de la boîte (`slot` : la boîte ouverte, `None` une fois fermée).
pub fn update(
    slot: &mut Option<MergeDialog>,
    message: Message,
    ctx: &Ctx,
) -> (Task<Message>, Option<Event>) {
    let Some(dialog) = slot.as_mut() else {
        return (Task::none(), None);
    };
    let message = match message {
        Message::Treatment(m) => m,
        Message::Open => return (Task::none(), None),
        Message::Input(field, value) => {
            if matches!(dialog.treatment.phase(), treatment::Phase::Options) {
                match field {
                    Field::Kept => dialog.kept = value,
                    Field::Absorbed => dialog.absorbed = value,
                }
            }
            return (Task::none(), None);
        }
    };
    let request = dialog.request();
    match step(&mut dialog.treatment, message, request) {
        Step::Idle(event) => (Task::none(), event),
        Step::Close => {
            *slot = None;
            (Task::none(), None)
        }
        Step::Run((kept, absorbed), simulation) => {
            let task = spawn(
                ctx,
                wording::MERGE_RUNNING,
                simulation,
                move |store, session| {
                    let planned = merge::run(store, session, &kept, &absorbed, simulation)
                        .map_err(|e| e.to_string())?;
                    Ok(merge::report(&planned, simulation))
                },
            );
            (
                task.map(|p| Message::Treatment(treatment::Message::Progress(p))),
                None,
            )
        }
    }
}
