//! Fenêtre « Immeubles » : la liste des immeubles du bailleur, filtrable et triable.

use iced::widget::{column, text};

use crate::gui::widget::table::{self, Order, Table};
use crate::gui::widget::Element;
use crate::gui::{text as wording, theme};
use crate::model::dates::format_date;
use crate::model::Building;

/// Colonnes de la liste.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Reference,
    Address,
    Postcode,
    City,
    StartDate,
    Analytic,
}

/// Messages de la fenêtre : ceux de sa liste.
pub type Message = table::Message<Column>;

/// Ce que la fenêtre signale à l'application.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// Un immeuble a été choisi (sa référence).
    Selected(String),
}

/// Identifiant de la zone de filtre.
pub const FILTER_ID: &str = "filtre-immeubles";

pub struct Buildings {
    table: Table<Building, Column>,
}

impl Buildings {
    /// Liste triée par référence.
    pub fn new(buildings: Vec<Building>) -> Self {
        let columns: Vec<table::Column<Building, Column>> = vec![
            table::Column::text(Column::Reference, wording::COL_REFERENCE, 2, |b| {
                &b.reference
            }),
            table::Column::text(Column::Address, wording::COL_ADDRESS, 5, |b| &b.street),
            table::Column::text(Column::Postcode, wording::COL_POSTCODE, 2, |b| &b.postcode),
            table::Column::text(Column::City, wording::COL_CITY, 3, |b| &b.city),
            table::Column::computed(
                Column::StartDate,
                wording::COL_START,
                3,
                false,
                |b| format_date(b.start_date),
                |a, b| a.start_date.cmp(&b.start_date),
            ),
            table::Column::text(Column::Analytic, wording::COL_ANALYTIC, 2, |b| &b.analytic),
        ];
        Buildings {
            table: Table::new(
                columns,
                buildings,
                Some((Column::Reference, Order::Ascending)),
                FILTER_ID,
                wording::BUILDINGS_NOUN,
            ),
        }
    }

    pub fn update(&mut self, message: Message) -> Option<Event> {
        self.table
            .update(message)
            .map(|b| Event::Selected(b.reference.clone()))
    }

    pub fn view(&self) -> Element<'_, Message> {
        column![
            text(wording::BUILDINGS)
                .font(theme::FONT_BOLD)
                .size(theme::TEXT_TITLE),
            self.table.view()
        ]
        .spacing(theme::SPACE_M)
        .into()
    }

    /// Immeubles retenus par le filtre, dans l'ordre affiché.
    pub fn visible_rows(&self) -> Vec<&Building> {
        self.table.visible_rows()
    }

    /// Références affichées, dans l'ordre.
    pub fn visible_references(&self) -> Vec<&str> {
        self.table
            .visible_rows()
            .into_iter()
            .map(|b| b.reference.as_str())
            .collect()
    }

    /// « n / total immeubles ».
    pub fn count_label(&self) -> String {
        self.table.count_label()
    }

    pub fn total(&self) -> usize {
        self.table.rows().len()
    }

    pub fn sort(&self) -> Option<(Column, Order)> {
        self.table.sort()
    }

    pub fn selected(&self) -> Option<&Building> {
        self.table.selected()
    }
}
