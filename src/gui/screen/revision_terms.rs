//! Conditions de révision d'une location, sur l'onglet « Révision » de sa fiche (S6,
//! S12 ; manuel : onglet « Révision » : indice initial, indice de dernière révision,
//! révision automatique) : série, trimestre et valeur de l'indice de référence, date de
//! la dernière révision, révision automatique. « Enregistrer les conditions » les écrit
//! aussitôt, à part de la fiche.

use iced::widget::{checkbox, column, pick_list, row, text};
use iced::{Alignment, Length};

use super::{Ctx, Data, Event};
use crate::gui::widget::{inputs, tool_button, Element};
use crate::gui::{text as wording, theme};
use crate::model::dates::format_date;
use crate::model::money::{format_money, parse_money};
use crate::model::{IndexSeries, Quarter, RevisionOwner, RevisionTerms};

const SERIES: [&str; 2] = ["IRL", "ICC4"];

/// Ce que l'utilisateur fait dans la zone.
#[derive(Debug, Clone)]
pub enum Message {
    Series(&'static str),
    Quarter(String),
    Value(String),
    LastRevision(String),
    Auto(bool),
    Save,
}

/// Les conditions saisies d'une location, et le résultat du dernier enregistrement.
#[derive(Debug, Clone)]
pub struct TermsEntry {
    pub owner: RevisionOwner,
    pub series: &'static str,
    pub quarter: String,
    pub value: String,
    pub last_revision: String,
    pub auto: bool,
    pub outcome: Option<Result<String, String>>,
}

impl TermsEntry {
    /// Les conditions enregistrées de `owner`, ou des conditions vides (IRL, automatique).
    pub fn of(owner: RevisionOwner, data: &Data) -> Self {
        let stored = data.revision_terms.iter().find(|t| t.owner == owner);
        let terms = stored
            .cloned()
            .unwrap_or_else(|| RevisionTerms::new(owner.clone()));
        TermsEntry {
            series: if terms.series == IndexSeries::Icc4 {
                SERIES[1]
            } else {
                SERIES[0]
            },
            quarter: terms.reference.map(|q| q.to_string()).unwrap_or_default(),
            value: if terms.reference_value.is_zero() {
                String::new()
            } else {
                format_money(terms.reference_value)
            },
            last_revision: terms.last_revision.map(format_date).unwrap_or_default(),
            auto: terms.auto,
            outcome: None,
            owner,
        }
    }

    /// Les conditions lues (la classe DPE enregistrée est gardée), ou le champ fautif.
    fn terms(&self, data: &Data) -> Result<RevisionTerms, String> {
        let field = |name: &str, e: String| wording::field_error(name, &e);
        let series = IndexSeries::parse(self.series).map_err(|e| field(wording::COL_SERIES, e))?;
        let reference = match self.quarter.trim() {
            "" => None,
            q => Some(Quarter::parse(q).map_err(|e| field(wording::TERMS_QUARTER, e))?),
        };
        let reference_value = match self.value.trim() {
            "" => crate::model::Money::ZERO,
            v => parse_money(v).map_err(|e| field(wording::TERMS_VALUE, e))?,
        };
        let last_revision = inputs::opt_date(&self.last_revision)
            .map_err(|e| field(wording::TERMS_LAST_REVISION, e))?;
        let dpe_class = data
            .revision_terms
            .iter()
            .find(|t| t.owner == self.owner)
            .map(|t| t.dpe_class.clone())
            .unwrap_or_default();
        Ok(RevisionTerms {
            owner: self.owner.clone(),
            series,
            reference,
            reference_value,
            last_revision,
            auto: self.auto,
            dpe_class,
        })
    }

    pub fn update(&mut self, message: Message, ctx: &Ctx) -> Option<Event> {
        match message {
            Message::Series(v) => self.series = v,
            Message::Quarter(v) => self.quarter = v,
            Message::Value(v) => self.value = v,
            Message::LastRevision(v) => self.last_revision = v,
            Message::Auto(v) => self.auto = v,
            Message::Save => {
                let saved = self.terms(ctx.data).and_then(|terms| {
                    ctx.db
                        .write("conditions de révision", |repo| {
                            repo.set_revision_terms(&terms)
                        })
                        .map_err(|e| e.to_string())
                });
                self.outcome = Some(saved.map(|()| wording::TERMS_SAVED.to_string()));
                return matches!(self.outcome, Some(Ok(_))).then_some(Event::Changed);
            }
        }
        None
    }

    pub fn view(&self) -> Element<'_, Message> {
        let label = |t: &'static str| text(t).size(theme::TEXT_BODY);
        let mut content = column![
            row![
                label(wording::COL_SERIES),
                pick_list(SERIES, Some(self.series), Message::Series)
                    .text_size(theme::TEXT_BODY)
                    .padding(theme::SPACE_XS + 2.0),
                label(wording::TERMS_QUARTER),
                inputs::text_field(
                    "2024T3",
                    &self.quarter,
                    false,
                    Length::Fixed(80.0),
                    Some(Box::new(Message::Quarter))
                ),
                label(wording::TERMS_VALUE),
                inputs::amount_input(&self.value, false, Some(Box::new(Message::Value))),
                label(wording::TERMS_LAST_REVISION),
                inputs::date_input(
                    &self.last_revision,
                    false,
                    Some(Box::new(Message::LastRevision))
                ),
            ]
            .spacing(theme::SPACE_S)
            .align_y(Alignment::Center),
            row![
                checkbox(self.auto)
                    .label(wording::TERMS_AUTO)
                    .on_toggle(Message::Auto)
                    .text_size(theme::TEXT_BODY),
                tool_button(
                    wording::TERMS_SAVE,
                    Some(Message::Save),
                    theme::secondary_button
                ),
            ]
            .spacing(theme::SPACE_M)
            .align_y(Alignment::Center),
        ]
        .spacing(theme::SPACE_S);
        if let Some(outcome) = &self.outcome {
            let (message, style): (&str, fn(&iced::Theme) -> text::Style) = match outcome {
                Ok(m) => (m, theme::success_text),
                Err(m) => (m, theme::error_text),
            };
            content = content.push(text(message).size(theme::TEXT_SMALL).style(style));
        }
        content.into()
    }
}
