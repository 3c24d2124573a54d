//! Fenêtre de consultation simple : un titre et une liste filtrable, triable et
//! exportable. Sert aux catalogues (comptes, journaux, modèles, rubriques, indices,
//! banques).

use iced::widget::{column, text};

use super::Event;
use crate::gui::theme;
use crate::gui::widget::table::{self, Order, Table};
use crate::gui::widget::Element;

pub struct List<T, C> {
    title: &'static str,
    table: Table<T, C>,
    reference: fn(&T) -> String,
}

impl<T, C: Copy + PartialEq + 'static> List<T, C> {
    pub fn new(
        title: &'static str,
        noun: &'static str,
        filter_id: &'static str,
        columns: Vec<table::Column<T, C>>,
        rows: Vec<T>,
        sort: (C, Order),
        reference: fn(&T) -> String,
    ) -> Self {
        List {
            title,
            table: Table::new(columns, rows, Some(sort), filter_id, noun),
            reference,
        }
    }

    pub fn set_rows(&mut self, rows: Vec<T>) {
        self.table.set_rows(rows);
    }

    pub fn update(&mut self, message: table::Message<C>) -> Option<Event> {
        let reference = self.reference;
        match self.table.update(message)? {
            table::Event::Selected(i) | table::Event::Open(i) => {
                self.table.row(i).map(|row| Event::Selected(reference(row)))
            }
            table::Event::Query => None,
        }
    }

    pub fn view(&self) -> Element<'_, table::Message<C>> {
        column![
            text(self.title)
                .font(theme::FONT_BOLD)
                .size(theme::TEXT_TITLE),
            self.table.view()
        ]
        .spacing(theme::SPACE_M)
        .into()
    }

    /// Défilement de la liste demandé par un déplacement au clavier.
    pub fn follow<M: Send + 'static>(&mut self) -> iced::Task<M> {
        self.table.take_scroll()
    }

    pub fn table(&self) -> &Table<T, C> {
        &self.table
    }

    pub fn visible_rows(&self) -> Vec<&T> {
        self.table.visible_rows()
    }

    pub fn count_label(&self) -> String {
        self.table.count_label()
    }

    pub fn total(&self) -> usize {
        self.table.rows().len()
    }
}
