//! Onglet Situation de la fiche : solde et restant à payer du locataire à une date, avec
//! ou sans les comptes de dépôts, et l'ouverture de sa situation détaillée.

use iced::widget::{checkbox, column, row, text, Space};
use iced::{Alignment, Length};

use super::{Leases, Message, TAB_SITUATION};
use crate::gui::screen::situation::{compute, summary_view};
use crate::gui::screen::{Ctx, Event};
use crate::gui::widget::form::{self, Form, NONE};
use crate::gui::widget::{inputs, tool_button, Element};
use crate::gui::{text as wording, theme};

impl Leases {
    /// Date de la situation, « comptes de dépôts », ouverture de la situation détaillée.
    pub(super) fn situation_message(&mut self, message: Message, ctx: &Ctx) -> Option<Event> {
        match message {
            Message::SituationDate(date) => {
                self.situation_date = date;
                if !inputs::date_is_invalid(&self.situation_date) {
                    self.refresh_situation(ctx);
                }
                None
            }
            Message::SituationDeposits(deposits) => {
                self.deposits = deposits;
                self.refresh_situation(ctx);
                None
            }
            Message::OpenSituation => {
                let tenant = self.form.as_ref()?.text("locataire").trim().to_string();
                (!tenant.is_empty() && tenant != NONE).then_some(Event::OpenSituation(tenant))
            }
            _ => None,
        }
    }

    /// Recalcule l'onglet Situation de la location ouverte.
    pub(super) fn refresh_situation(&mut self, ctx: &Ctx) {
        let Some(form) = &self.form else {
            return;
        };
        if form.is_new() || form.tab() != TAB_SITUATION {
            return;
        }
        let tenant = form.text("locataire").trim().to_string();
        let at = match inputs::date(&self.situation_date) {
            Ok(at) => at,
            Err(e) => {
                self.situation = Some(Err(e));
                return;
            }
        };
        let start = inputs::opt_date(form.text("debut"))
            .ok()
            .flatten()
            .unwrap_or(at);
        let deposits = self.deposits;
        // Situation à la date, toutes locations confondues : tout l'historique compte.
        let from = start.min(at);
        self.situation = Some(
            ctx.db
                .read(|repo| compute(repo, &tenant, from, at, deposits))
                .map_err(|e| e.to_string()),
        );
    }

    /// Onglet Situation : solde et restant à payer du locataire à la date choisie.
    pub(super) fn situation_view<'a>(&'a self, form: &'a Form) -> Element<'a, Message> {
        if form.is_new() {
            return text(wording::SITUATION_AFTER_SAVE)
                .size(theme::TEXT_BODY)
                .style(theme::muted_text)
                .into();
        }
        let controls = row![
            text(wording::SITUATION_AT).size(theme::TEXT_BODY),
            inputs::date_input(
                &self.situation_date,
                false,
                Some(Box::new(Message::SituationDate))
            ),
            checkbox(self.deposits)
                .label(wording::DEPOSIT_ACCOUNTS)
                .on_toggle(Message::SituationDeposits)
                .text_size(theme::TEXT_BODY),
            Space::new().width(Length::Fill),
            tool_button(
                wording::OPEN_SITUATION,
                Some(Message::OpenSituation),
                theme::secondary_button
            ),
        ]
        .spacing(theme::SPACE_M)
        .align_y(Alignment::Center);
        let body: Element<'a, Message> = match &self.situation {
            None => text(wording::COMPUTING)
                .size(theme::TEXT_BODY)
                .style(theme::muted_text)
                .into(),
            Some(Err(e)) => form::banner(e.as_str(), theme::error_banner),
            Some(Ok(s)) => summary_view(s),
        };
        column![controls, body].spacing(theme::SPACE_M).into()
    }
}
