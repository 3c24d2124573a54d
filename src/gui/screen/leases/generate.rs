//! « Générer les avis d'échéance… » (manuel : « Génération des avis d'échéance ») : les
//! options de la boîte, le contrôle puis la génération en tâche de fond, et leur compte
//! rendu.

use chrono::{Datelike, NaiveDate};
use iced::widget::{column, pick_list, row, text};
use iced::{Alignment, Length, Task};

use super::{Leases, Message};
use crate::gui::screen::{Ctx, Event};
use crate::gui::widget::treatment::{self, Report, Treatment};
use crate::gui::widget::{inputs, Element};
use crate::gui::{text as wording, theme};
use crate::model::dates::format_date;
use crate::model::money::format_money;
use crate::treatments::notices::{self, NoticeOptions, NoticePlan, Outcome};

/// Étendue de la génération des avis.
pub const SCOPE_ALL: &str = wording::SCOPE_ALL;
pub const SCOPE_SELECTION: &str = wording::SCOPE_SELECTION;
pub const SCOPE_CURRENT: &str = wording::SCOPE_CURRENT;

/// Options de la génération des avis (manuel : « Génération des avis d'échéance »).
#[derive(Debug, Clone)]
pub struct Generation {
    pub period: String,
    pub value_date: String,
    pub scope: &'static str,
    pub scopes: Vec<&'static str>,
    pub message: String,
    pub selection: Vec<String>,
    pub current: Option<String>,
}

impl Generation {
    /// Les options lues, ou l'erreur de saisie.
    fn options(&self) -> Result<NoticeOptions, String> {
        let period = inputs::date(&self.period)
            .map_err(|e| wording::field_error(wording::GEN_PERIOD, &e))?;
        let value_date = inputs::date(&self.value_date)
            .map_err(|e| wording::field_error(wording::GEN_VALUE_DATE, &e))?;
        let leases = match self.scope {
            s if s == SCOPE_SELECTION => Some(self.selection.clone()),
            s if s == SCOPE_CURRENT => Some(self.current.iter().cloned().collect()),
            _ => None,
        };
        Ok(NoticeOptions {
            period,
            value_date,
            leases,
            run_message: self.message.trim().to_string(),
        })
    }
}

/// Compte rendu de la génération : une ligne par location, les rubriques écartées.
pub fn notice_report(plan: &NoticePlan, planned: bool) -> Report {
    let mut report = Report::default();
    let mut generated = 0;
    for line in &plan.report {
        match &line.outcome {
            Outcome::Generated { amount, total_due } => {
                generated += 1;
                report.line(
                    true,
                    wording::notice_generated(
                        &line.lease,
                        &line.tenant,
                        &format_money(*amount),
                        &format_money(*total_due),
                    ),
                );
            }
            Outcome::Skipped(reason) => report.line(
                false,
                wording::notice_skipped(&line.lease, &line.tenant, reason),
            ),
        }
        for item in &line.items {
            report.line(false, format!("      {item}"));
        }
    }
    report.summary = if planned {
        wording::notices_planned(generated, plan.report.len())
    } else {
        wording::notices_created(generated, plan.report.len())
    };
    report.can_apply = planned && generated > 0;
    report
}

impl Leases {
    /// Saisie d'une option de la boîte ouverte.
    pub(super) fn generation_input(&mut self, message: Message) {
        let Some((_, g)) = self.generation.as_mut() else {
            return;
        };
        match message {
            Message::GenPeriod(v) => g.period = v,
            Message::GenValueDate(v) => g.value_date = v,
            Message::GenScope(v) => g.scope = v,
            Message::GenMessage(v) => g.message = v,
            _ => {}
        }
    }

    /// Ouvre la boîte « Génération des avis d'échéance » : mois suivant, date du jour,
    /// sur la location ouverte, la sélection, ou toutes.
    pub(super) fn open_generation(&mut self, ctx: &Ctx) {
        // Les avis se génèrent en fin de mois pour le mois suivant (manuel).
        let today = ctx.db.today;
        let month = NaiveDate::from_ymd_opt(today.year(), today.month(), 1)
            .and_then(|first| crate::model::dates::add_months(first, 1))
            .unwrap_or(today);
        let selection: Vec<String> = self
            .table
            .selection()
            .iter()
            .map(|l| l.reference.clone())
            .collect();
        let current = self.current().map(str::to_string);
        let mut scopes = vec![SCOPE_ALL];
        if !selection.is_empty() {
            scopes.push(SCOPE_SELECTION);
        }
        if current.is_some() {
            scopes.push(SCOPE_CURRENT);
        }
        let scope = if current.is_some() {
            SCOPE_CURRENT
        } else if selection.len() > 1 {
            SCOPE_SELECTION
        } else {
            SCOPE_ALL
        };
        self.generation = Some((
            Treatment::new(wording::GEN_TITLE, wording::GEN_STEM),
            Generation {
                period: format_date(month),
                value_date: format_date(today),
                scope,
                scopes,
                message: String::new(),
                selection,
                current,
            },
        ));
    }

    pub(super) fn generation_message(
        &mut self,
        message: treatment::Message,
        ctx: &Ctx,
    ) -> (Task<Message>, Option<Event>) {
        let Some((t, g)) = self.generation.as_mut() else {
            return (Task::none(), None);
        };
        let was_applying = t.is_applying();
        let request = t.update(message);
        let check_only = match request {
            Some(treatment::Request::Plan) => true,
            Some(treatment::Request::Apply) => false,
            Some(treatment::Request::Close) => {
                self.generation = None;
                return (Task::none(), None);
            }
            None => {
                let done = was_applying && t.is_finished();
                return (Task::none(), done.then_some(Event::Changed));
            }
        };
        let options = match g.options() {
            Ok(o) => o,
            Err(e) => {
                t.update(treatment::Message::Progress(treatment::Progress::Done(
                    Err(e),
                )));
                return (Task::none(), None);
            }
        };
        let task = ctx.db.spawn(move |store, session, progress| {
            progress(0, 1, wording::GEN_RUNNING);
            let run =
                notices::run(store, session, &options, check_only).map_err(|e| e.to_string())?;
            progress(1, 1, wording::GEN_RUNNING);
            Ok(notice_report(&run.plan, check_only))
        });
        (
            task.map(|p| Message::Treatment(treatment::Message::Progress(p))),
            None,
        )
    }
}

/// Options de la boîte de génération des avis.
pub(super) fn view(g: &Generation) -> Element<'_, Message> {
    let label = |t: &'static str| text(t).size(theme::TEXT_BODY).width(Length::Fixed(190.0));
    column![
        row![
            label(wording::GEN_PERIOD),
            inputs::date_input(&g.period, false, Some(Box::new(Message::GenPeriod))),
            text(wording::GEN_PERIOD_HINT)
                .size(theme::TEXT_SMALL)
                .style(theme::muted_text),
        ]
        .spacing(theme::SPACE_S)
        .align_y(Alignment::Center),
        row![
            label(wording::GEN_VALUE_DATE),
            inputs::date_input(&g.value_date, false, Some(Box::new(Message::GenValueDate))),
        ]
        .spacing(theme::SPACE_S)
        .align_y(Alignment::Center),
        row![
            label(wording::GEN_SCOPE),
            pick_list(g.scopes.as_slice(), Some(g.scope), Message::GenScope)
                .text_size(theme::TEXT_BODY)
                .padding(theme::SPACE_XS + 2.0),
            text(match g.scope {
                s if s == SCOPE_SELECTION => wording::leases_count(g.selection.len()),
                s if s == SCOPE_CURRENT => g.current.clone().unwrap_or_default(),
                _ => String::new(),
            })
            .size(theme::TEXT_SMALL)
            .style(theme::muted_text),
        ]
        .spacing(theme::SPACE_S)
        .align_y(Alignment::Center),
        row![
            label(wording::GEN_MESSAGE),
            inputs::text_field(
                "",
                &g.message,
                false,
                Length::Fill,
                Some(Box::new(Message::GenMessage)),
            ),
        ]
        .spacing(theme::SPACE_S)
        .align_y(Alignment::Center),
        text(wording::GEN_HINT)
            .size(theme::TEXT_SMALL)
            .style(theme::muted_text),
    ]
    .spacing(theme::SPACE_M)
    .into()
}
