//! Conditions de révision d'une location (onglet « Révision » de sa fiche) ou d'un lot
//! (onglet « Révision » de la fiche lot, avec sa classe DPE) (S3, S6, S12 ; manuel :
//! onglets « Révision » et « Occupation ») : série, trimestre et valeur de l'indice de
//! référence, date de la dernière révision, révision automatique. Sur la location,
//! « Enregistrer les conditions » les écrit aussitôt ; sur le lot, elles s'enregistrent
//! avec la fiche (« V », `UnitRevision`).

use iced::widget::{checkbox, column, pick_list, row, text};
use iced::{Alignment, Length};

use super::index_entry::{outcome_line, SERIES};
use super::records::{Panel, PanelRefusal};
use super::{Ctx, Data, Event};
use crate::gui::widget::{inputs, tool_button, Element};
use crate::gui::{text as wording, theme};
use crate::model::dates::format_date;
use crate::model::money::{format_money, parse_money};
use crate::model::revision::DPE_CLASSES;
use crate::model::{IndexSeries, Quarter, RevisionOwner, RevisionTerms, Unit};
use crate::store::Repo;

/// Ce que l'utilisateur fait dans la zone.
#[derive(Debug, Clone)]
pub enum Message {
    Series(&'static str),
    Quarter(String),
    Value(String),
    LastRevision(String),
    Auto(bool),
    Dpe(&'static str),
    Save,
}

/// Classes DPE proposées (« — » : inconnue).
const DPE_CHOICES: [&str; 8] = ["—", "A", "B", "C", "D", "E", "F", "G"];

/// Les conditions saisies d'une location, et le résultat du dernier enregistrement.
#[derive(Debug, Clone)]
pub struct TermsEntry {
    pub owner: RevisionOwner,
    pub series: &'static str,
    pub quarter: String,
    pub value: String,
    pub last_revision: String,
    pub auto: bool,
    /// Classe DPE (lot seulement ; « — » : inconnue).
    pub dpe: &'static str,
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
            dpe: DPE_CHOICES
                .into_iter()
                .find(|c| *c == terms.dpe_class)
                .unwrap_or(DPE_CHOICES[0]),
            outcome: None,
            owner,
        }
    }

    /// Les conditions lues pour `owner`, ou le champ fautif.
    fn read(&self, owner: RevisionOwner) -> Result<RevisionTerms, String> {
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
        let terms = RevisionTerms {
            owner,
            series,
            reference,
            reference_value,
            last_revision,
            auto: self.auto,
            dpe_class: DPE_CLASSES
                .iter()
                .find(|c| **c == self.dpe)
                .map(|c| c.to_string())
                .unwrap_or_default(),
        };
        terms.validate().map_err(|problems| {
            problems
                .iter()
                .map(|p| p.message.clone())
                .collect::<Vec<_>>()
                .join(" ; ")
        })?;
        Ok(terms)
    }

    /// Applique une saisie ; faux pour « Enregistrer ».
    fn input(&mut self, message: Message) -> bool {
        match message {
            Message::Series(v) => self.series = v,
            Message::Quarter(v) => self.quarter = v,
            Message::Value(v) => self.value = v,
            Message::LastRevision(v) => self.last_revision = v,
            Message::Auto(v) => self.auto = v,
            Message::Dpe(v) => self.dpe = v,
            Message::Save => return false,
        }
        true
    }

    /// Rien de saisi : pas de conditions à créer.
    fn is_blank(&self) -> bool {
        self.quarter.trim().is_empty()
            && self.value.trim().is_empty()
            && self.last_revision.trim().is_empty()
            && self.dpe == DPE_CHOICES[0]
            && self.auto
            && self.series == SERIES[0]
    }

    /// Onglet de la location : une saisie, ou « Enregistrer les conditions » (écrites
    /// aussitôt).
    pub fn update(&mut self, message: Message, ctx: &Ctx) -> Option<Event> {
        if self.input(message) {
            return None;
        }
        let saved = self.read(self.owner.clone()).and_then(|terms| {
            ctx.db
                .write("conditions de révision", |repo| {
                    repo.set_revision_terms(&terms)
                })
                .map_err(|e| e.to_string())
        });
        self.outcome = Some(saved.map(|()| wording::TERMS_SAVED.to_string()));
        matches!(self.outcome, Some(Ok(_))).then_some(Event::Changed)
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
            self.second_row(),
        ]
        .spacing(theme::SPACE_S);
        if matches!(self.owner, RevisionOwner::Unit(_)) {
            content = content.push(
                text(wording::TERMS_UNIT_HINT)
                    .size(theme::TEXT_SMALL)
                    .style(theme::muted_text),
            );
        }
        content.extend(outcome_line(self.outcome.as_ref())).into()
    }

    /// Révision automatique, puis la classe DPE (lot) ou « Enregistrer » (location).
    fn second_row(&self) -> Element<'_, Message> {
        let auto = checkbox(self.auto)
            .label(wording::TERMS_AUTO)
            .on_toggle(Message::Auto)
            .text_size(theme::TEXT_BODY);
        let last: Element<'_, Message> = match self.owner {
            RevisionOwner::Unit(_) => row![
                text(wording::TERMS_DPE).size(theme::TEXT_BODY),
                pick_list(DPE_CHOICES, Some(self.dpe), Message::Dpe)
                    .text_size(theme::TEXT_BODY)
                    .padding(theme::SPACE_XS + 2.0),
            ]
            .spacing(theme::SPACE_S)
            .align_y(Alignment::Center)
            .into(),
            RevisionOwner::Lease(_) => tool_button(
                wording::TERMS_SAVE,
                Some(Message::Save),
                theme::secondary_button,
            ),
        };
        row![auto, last]
            .spacing(theme::SPACE_M)
            .align_y(Alignment::Center)
            .into()
    }
}

/// Onglet « Révision » de la fiche lot : les conditions s'enregistrent avec la fiche.
#[derive(Debug, Default)]
pub struct UnitRevision {
    entry: Option<TermsEntry>,
    /// Le lot ouvert a des conditions enregistrées.
    stored: bool,
}

/// Rang de l'onglet « Révision » de la fiche lot.
pub const UNIT_TAB: usize = 3;

impl Panel<Unit> for UnitRevision {
    type Message = Message;

    fn open(&mut self, record: Option<&Unit>, data: &Data) {
        let reference = record.map(|u| u.reference.clone()).unwrap_or_default();
        let owner = RevisionOwner::Unit(reference);
        self.stored = data.revision_terms.iter().any(|t| t.owner == owner);
        self.entry = Some(TermsEntry::of(owner, data));
    }

    fn update(&mut self, message: Message, form: &mut crate::gui::widget::form::Form) {
        if let Some(entry) = self.entry.as_mut() {
            if entry.input(message) {
                form.touch();
            }
        }
    }

    fn view<'a>(
        &'a self,
        form: &'a crate::gui::widget::form::Form,
    ) -> Option<Element<'a, Message>> {
        (form.tab() == UNIT_TAB).then(|| self.entry.as_ref().map(TermsEntry::view))?
    }

    fn check(&mut self) -> bool {
        let Some(entry) = self.entry.as_mut() else {
            return true;
        };
        match entry.read(entry.owner.clone()) {
            Ok(_) => true,
            Err(e) => {
                entry.outcome = Some(Err(e));
                false
            }
        }
    }

    fn write(&self, reference: &str, repo: &Repo) -> Result<(), PanelRefusal> {
        let Some(entry) = self.entry.as_ref() else {
            return Ok(());
        };
        if !self.stored && entry.is_blank() {
            return Ok(());
        }
        let refusal = |error| PanelRefusal { item: 0, error };
        let terms = entry
            .read(RevisionOwner::Unit(reference.to_string()))
            .map_err(|e| {
                refusal(crate::store::StoreError::Invalid(vec![
                    crate::model::Invalid::new("revision", e),
                ]))
            })?;
        repo.set_revision_terms(&terms).map_err(refusal)
    }

    fn refused(&mut self, refusal: PanelRefusal) {
        if let Some(entry) = self.entry.as_mut() {
            entry.outcome = Some(Err(refusal.error.to_string()));
        }
    }

    fn clear_errors(&mut self) {
        if let Some(entry) = self.entry.as_mut() {
            entry.outcome = None;
        }
    }

    fn has_errors(&self) -> bool {
        self.entry
            .as_ref()
            .is_some_and(|e| matches!(e.outcome, Some(Err(_))))
    }

    fn error_tab(&self) -> Option<usize> {
        self.has_errors().then_some(UNIT_TAB)
    }
}
