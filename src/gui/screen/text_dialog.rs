//! Ce que partagent les boîtes de traitement simples ouvertes par un menu (mutation,
//! fusion de locataires) : des zones libellées, un traitement de la bibliothèque qui rend
//! un texte, la simulation puis l'application en tâche de fond, le texte en compte rendu.

use iced::widget::{row, text};
use iced::{Alignment, Length, Task};

use super::{Ctx, Event};
use crate::gui::theme;
use crate::gui::widget::treatment::{self, Progress, Report, Treatment};
use crate::gui::widget::Element;
use crate::store::{Session, Store};

/// Ce que la boîte fait d'un message de son traitement.
pub enum Step<R> {
    /// Rien à lancer (l'événement, une fois l'application finie).
    Idle(Option<Event>),
    /// La boîte se ferme.
    Close,
    /// Lancer la demande ; `true` : en simulation.
    Run(R, bool),
}

/// Passe `message` au traitement `t` ; quand une simulation ou l'application est
/// demandée, rend `request`, ou met son refus de saisie au compte rendu d'échec.
pub fn step<R>(
    t: &mut Treatment,
    message: treatment::Message,
    request: Result<R, String>,
) -> Step<R> {
    let was_applying = t.is_applying();
    let simulation = match t.update(message) {
        Some(treatment::Request::Plan) => true,
        Some(treatment::Request::Apply) => false,
        Some(treatment::Request::Close) => return Step::Close,
        None => {
            let done = was_applying && t.is_finished();
            return Step::Idle(done.then_some(Event::Changed));
        }
    };
    match request {
        Ok(request) => Step::Run(request, simulation),
        Err(e) => {
            t.update(treatment::Message::Progress(Progress::Done(Err(e))));
            Step::Idle(None)
        }
    }
}

/// Lance `job` (le texte du traitement, ou son refus) en tâche de fond ; son texte
/// devient le compte rendu, à confirmer après une simulation.
pub fn spawn<F>(ctx: &Ctx, label: &'static str, simulation: bool, job: F) -> Task<Progress>
where
    F: FnOnce(&mut Store, &Session) -> Result<String, String> + Send + 'static,
{
    ctx.db.spawn(move |store, session, progress| {
        progress(0, 1, label);
        let text = job(store, session)?;
        progress(1, 1, label);
        Ok(report_of(&text, simulation))
    })
}

/// Le compte rendu d'un texte de traitement : la première ligne en synthèse.
pub fn report_of(text: &str, can_apply: bool) -> Report {
    let mut report = Report::default();
    let mut lines = text.lines();
    report.summary = lines.next().unwrap_or_default().to_string();
    for l in lines {
        report.line(true, l.trim());
    }
    report.can_apply = can_apply;
    report
}

/// Une ligne de la boîte : libellé, zone.
pub fn line<'a, M: 'a>(title: &'static str, input: Element<'a, M>) -> Element<'a, M> {
    row![
        text(title)
            .size(theme::TEXT_BODY)
            .width(Length::Fixed(220.0)),
        input
    ]
    .spacing(theme::SPACE_S)
    .align_y(Alignment::Center)
    .into()
}

/// Une zone obligatoire : son texte, ou « Libellé : à renseigner ».
pub fn required(label: &str, value: &str) -> Result<String, String> {
    if value.trim().is_empty() {
        Err(crate::gui::text::field_error(
            label,
            crate::gui::text::TRANSFER_REQUIRED,
        ))
    } else {
        Ok(value.trim().to_string())
    }
}
