//! Saisie d'une valeur d'indice dans le catalogue des indices (S12 ; manuel : « Avant
//! chaque révision annuelle, il faut enregistrer les informations du dernier indice
//! connu ») : série, année, trimestre, valeur telle que l'INSEE la publie, date de
//! publication. Un trimestre nouveau s'ajoute ; un trimestre présent se corrige, sauf
//! s'il a servi à une révision. La moyenne de l'ICC sur 4 trimestres n'est jamais saisie.

use iced::widget::{column, pick_list, row, text};
use iced::{Alignment, Length};

use super::{Ctx, Event};
use crate::gui::widget::{inputs, tool_button, Element};
use crate::gui::{text as wording, theme};
use crate::model::dates::format_date;
use crate::model::revision::parse_index_value;
use crate::model::{IndexSeries, Quarter, RentIndex};
use crate::store::IndexSaved;

/// Séries proposées, dans l'ordre de `IndexSeries::ALL`.
pub const SERIES: [&str; 2] = ["IRL", "ICC4"];

/// Ce que l'utilisateur fait dans la zone de saisie.
#[derive(Debug, Clone)]
pub enum Message {
    Series(&'static str),
    Year(String),
    Quarter(String),
    Value(String),
    Published(String),
    Save,
}

/// La zone de saisie et le résultat du dernier enregistrement.
#[derive(Debug, Clone)]
pub struct IndexEntry {
    pub series: &'static str,
    pub year: String,
    pub quarter: String,
    pub value: String,
    pub published: String,
    pub outcome: Option<Result<String, String>>,
}

impl IndexEntry {
    pub fn new(year: i32) -> Self {
        IndexEntry {
            series: SERIES[0],
            year: year.to_string(),
            quarter: String::new(),
            value: String::new(),
            published: String::new(),
            outcome: None,
        }
    }

    /// La valeur saisie, ou le premier champ à corriger.
    fn index(&self) -> Result<RentIndex, String> {
        let field = |name: &str, e: String| wording::field_error(name, &e);
        let series = IndexSeries::parse(self.series).map_err(|e| field(wording::COL_SERIES, e))?;
        let year: i32 = self.year.trim().parse().map_err(|_| {
            field(
                wording::COL_YEAR,
                format!("« {} » n'est pas une année", self.year.trim()),
            )
        })?;
        let quarter: u8 = self.quarter.trim().parse().map_err(|_| {
            field(
                wording::COL_QUARTER,
                "le trimestre est compris entre 1 et 4".to_string(),
            )
        })?;
        let quarter = Quarter::new(year, quarter).map_err(|e| field(wording::COL_QUARTER, e))?;
        let value = parse_index_value(series, &self.value)
            .map_err(|e| field(wording::COL_INDEX_VALUE, e))?;
        let published = match self.published.trim() {
            "" => None,
            date => Some(inputs::date(date).map_err(|e| field(wording::COL_PUBLISHED, e))?),
        };
        Ok(RentIndex {
            series: series.code().to_string(),
            year: quarter.year,
            quarter: quarter.quarter,
            value,
            published,
        })
    }

    pub fn update(&mut self, message: Message, ctx: &Ctx) -> Option<Event> {
        match message {
            Message::Series(v) => self.series = v,
            Message::Year(v) => self.year = v,
            Message::Quarter(v) => self.quarter = v,
            Message::Value(v) => self.value = v,
            Message::Published(v) => self.published = v,
            Message::Save => return self.save(ctx),
        }
        None
    }

    fn save(&mut self, ctx: &Ctx) -> Option<Event> {
        let index = match self.index() {
            Ok(index) => index,
            Err(e) => {
                self.outcome = Some(Err(e));
                return None;
            }
        };
        let saved = ctx
            .db
            .write("catalogue des indices", |repo| repo.save_index(&index));
        let shown = format!(
            "{} {} = {}{}",
            index.series,
            index.quarter_of(),
            self.value.trim(),
            index
                .published
                .map(|d| format!(" (publié le {})", format_date(d)))
                .unwrap_or_default()
        );
        self.outcome = Some(match saved {
            Ok(IndexSaved::Added) => Ok(format!("Indice ajouté : {shown}")),
            Ok(IndexSaved::Corrected) => Ok(format!("Indice corrigé : {shown}")),
            Ok(IndexSaved::Unchanged) => Ok(format!("Indice déjà au catalogue : {shown}")),
            Err(e) => Err(e.to_string()),
        });
        matches!(self.outcome, Some(Ok(_))).then_some(Event::Changed)
    }

    pub fn view(&self) -> Element<'_, Message> {
        let label = |t: &'static str| text(t).size(theme::TEXT_BODY);
        fn small(value: &str, on: fn(String) -> Message, w: f32) -> Element<'_, Message> {
            inputs::text_field("", value, false, Length::Fixed(w), Some(Box::new(on)))
        }
        let content = column![
            row![
                label(wording::COL_SERIES),
                pick_list(SERIES, Some(self.series), Message::Series)
                    .text_size(theme::TEXT_BODY)
                    .padding(theme::SPACE_XS + 2.0),
                label(wording::COL_YEAR),
                small(&self.year, Message::Year, 70.0),
                label(wording::COL_QUARTER),
                small(&self.quarter, Message::Quarter, 40.0),
                label(wording::COL_INDEX_VALUE),
                small(&self.value, Message::Value, 90.0),
                label(wording::COL_PUBLISHED),
                inputs::date_input(&self.published, false, Some(Box::new(Message::Published))),
                tool_button(
                    wording::INDEX_SAVE,
                    Some(Message::Save),
                    theme::primary_button
                ),
            ]
            .spacing(theme::SPACE_S)
            .align_y(Alignment::Center),
            text(wording::INDEX_ENTRY_HINT)
                .size(theme::TEXT_SMALL)
                .style(theme::muted_text),
        ]
        .spacing(theme::SPACE_XS);
        content.extend(outcome_line(self.outcome.as_ref())).into()
    }
}

/// Le résultat d'un enregistrement, en vert ou en rouge.
pub fn outcome_line<'a, M: 'a>(
    outcome: Option<&'a Result<String, String>>,
) -> Option<Element<'a, M>> {
    let (message, style): (&str, fn(&iced::Theme) -> text::Style) = match outcome? {
        Ok(m) => (m, theme::success_text),
        Err(m) => (m, theme::error_text),
    };
    Some(text(message).size(theme::TEXT_SMALL).style(style).into())
}
