//! Boîte « Réviser les loyers… » des menus Lots et Locations (S12 ; manuel : « La
//! révision des loyers », « Etapes du traitement »). Les options (date de révision, lots,
//! dernier indice connu), puis « Simulation » : le compte rendu de chaque lot et de chaque
//! location, sans rien écrire — la révision ne s'annule pas, la simulation passe donc
//! toujours d'abord ; « Appliquer » révise ensuite, dans une tâche de fond.

use chrono::NaiveDate;
use iced::widget::{checkbox, column, row, text};
use iced::{Alignment, Length, Task};

use super::{Ctx, Data, Event};
use crate::gui::widget::treatment::{self, Report, Treatment};
use crate::gui::widget::{inputs, Element};
use crate::gui::{text as wording, theme};
use crate::model::dates::format_date;
use crate::model::money::format_money;
use crate::model::RevisionOwner;
use crate::treatments::revision::{self, Outcome, RevisionPlan, RevisionRequest};

/// Ce que l'utilisateur fait dans la boîte.
#[derive(Debug, Clone)]
pub enum Message {
    /// Ouvre la boîte (menu) ; les lots proposés sont ceux de la fiche choisie.
    Open,
    Date(String),
    Units(String),
    LastKnown(bool),
    Treatment(treatment::Message),
}

/// La boîte ouverte.
#[derive(Debug, Clone)]
pub struct RentRevision {
    pub treatment: Treatment,
    pub date: String,
    pub units: String,
    pub last_known: bool,
}

impl RentRevision {
    /// Date du jour, sur les lots donnés (aucun : tous).
    pub fn new(units: &[String], today: NaiveDate) -> Self {
        RentRevision {
            treatment: Treatment::new(wording::REVISION_TITLE, wording::REVISION_STEM)
                .with_run_label(wording::SIMULATION),
            date: format_date(today),
            units: units.join(", "),
            last_known: false,
        }
    }

    /// La demande lue, ou l'erreur de saisie.
    fn request(&self) -> Result<RevisionRequest, String> {
        let date = inputs::date(&self.date)
            .map_err(|e| wording::field_error(wording::REVISION_DATE, &e))?;
        let units = self
            .units
            .split([',', ' ', ';'])
            .map(str::trim)
            .filter(|u| !u.is_empty())
            .map(str::to_string)
            .collect();
        Ok(RevisionRequest {
            date,
            units,
            last_known: self.last_known,
        })
    }

    pub fn view(&self) -> Element<'_, Message> {
        self.treatment.view(self.options(), Message::Treatment)
    }

    fn options(&self) -> Element<'_, Message> {
        let label = |t: &'static str| text(t).size(theme::TEXT_BODY).width(Length::Fixed(190.0));
        column![
            row![
                label(wording::REVISION_DATE),
                inputs::date_input(&self.date, false, Some(Box::new(Message::Date))),
            ]
            .spacing(theme::SPACE_S)
            .align_y(Alignment::Center),
            row![
                label(wording::REVISION_UNITS),
                inputs::text_field(
                    "",
                    &self.units,
                    false,
                    Length::Fill,
                    Some(Box::new(Message::Units))
                ),
            ]
            .spacing(theme::SPACE_S)
            .align_y(Alignment::Center),
            text(wording::REVISION_UNITS_HINT)
                .size(theme::TEXT_SMALL)
                .style(theme::muted_text),
            checkbox(self.last_known)
                .label(wording::REVISION_LAST_KNOWN)
                .on_toggle(Message::LastKnown)
                .size(16)
                .text_size(theme::TEXT_BODY),
            text(wording::REVISION_HINT_DIALOG)
                .size(theme::TEXT_SMALL)
                .style(theme::muted_text),
        ]
        .spacing(theme::SPACE_M)
        .into()
    }
}

/// La fiche choisie quand la boîte s'ouvre.
#[derive(Debug, Clone, Copy)]
pub enum Chosen<'a> {
    Unit(&'a str),
    Lease(&'a str),
}

/// Les lots proposés : celui de la fiche choisie (le lot, ou le lot de la location) ;
/// aucun (tous les lots) sans fiche choisie.
pub fn units_of(chosen: Option<Chosen>, data: &Data) -> Vec<String> {
    match chosen {
        Some(Chosen::Unit(unit)) => vec![unit.to_string()],
        Some(Chosen::Lease(lease)) => data
            .leases
            .iter()
            .filter(|l| l.reference == lease)
            .map(|l| l.unit.clone())
            .collect(),
        None => Vec::new(),
    }
}

/// Compte rendu : une ligne par montant révisé (ancien → nouveau, indices), ou par lot
/// ou location écarté(e) avec la raison.
pub fn report(plan: &RevisionPlan, planned: bool) -> Report {
    let mut report = Report::default();
    for line in &plan.lines {
        let who = match &line.owner {
            RevisionOwner::Unit(unit) => format!("Lot {unit}"),
            RevisionOwner::Lease(lease) => format!("{lease} (lot {})", line.unit),
        };
        match &line.outcome {
            Outcome::Skipped(reason) => {
                report.line(false, format!("{who} : non révisé — {reason}"))
            }
            Outcome::Revised { pair, changes } => {
                for change in changes {
                    let item = if change.item.is_empty() {
                        "loyer de référence"
                    } else {
                        change.item.as_str()
                    };
                    report.line(
                        true,
                        format!(
                            "{who} {item} : {} → {} ({} {} = {} → {} = {})",
                            format_money(change.old),
                            format_money(change.new),
                            pair.series.code(),
                            pair.from,
                            format_money(pair.from_value),
                            pair.to,
                            format_money(pair.to_value)
                        ),
                    );
                }
            }
        }
        for note in &line.notes {
            report.line(false, format!("      {note}"));
        }
    }
    report.summary = wording::revision_summary(plan.revised(), plan.lines.len(), planned);
    report.can_apply = planned && plan.revised() > 0;
    report
}

/// Les messages de la boîte (`slot` : la boîte ouverte, `None` une fois fermée).
pub fn update(
    slot: &mut Option<RentRevision>,
    message: Message,
    ctx: &Ctx,
) -> (Task<Message>, Option<Event>) {
    let Some(dialog) = slot.as_mut() else {
        return (Task::none(), None);
    };
    let message = match message {
        Message::Treatment(m) => m,
        Message::Open => return (Task::none(), None),
        input => {
            if matches!(dialog.treatment.phase(), treatment::Phase::Options) {
                match input {
                    Message::Date(v) => dialog.date = v,
                    Message::Units(v) => dialog.units = v,
                    Message::LastKnown(v) => dialog.last_known = v,
                    _ => {}
                }
            }
            return (Task::none(), None);
        }
    };
    let was_applying = dialog.treatment.is_applying();
    let simulation = match dialog.treatment.update(message) {
        Some(treatment::Request::Plan) => true,
        Some(treatment::Request::Apply) => false,
        Some(treatment::Request::Close) => {
            *slot = None;
            return (Task::none(), None);
        }
        None => {
            let done = was_applying && dialog.treatment.is_finished();
            return (Task::none(), done.then_some(Event::Changed));
        }
    };
    let request = match dialog.request() {
        Ok(request) => request,
        Err(e) => {
            dialog
                .treatment
                .update(treatment::Message::Progress(treatment::Progress::Done(
                    Err(e),
                )));
            return (Task::none(), None);
        }
    };
    let task = ctx.db.spawn(move |store, session, progress| {
        progress(0, 1, wording::REVISION_RUNNING);
        let plan =
            revision::run(store, session, &request, simulation).map_err(|e| e.to_string())?;
        progress(1, 1, wording::REVISION_RUNNING);
        Ok(report(&plan, simulation))
    });
    (
        task.map(|p| Message::Treatment(treatment::Message::Progress(p))),
        None,
    )
}
