//! Fenêtre « Tiers » : consultation des tiers du bailleur (CAF, syndics, fournisseurs…).

use crate::gui::screen::list::List;
use crate::gui::text as wording;
use crate::gui::widget::table::{self, by_text, Order};
use crate::model::ThirdParty;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Reference,
    Kind,
    Name,
    Postcode,
    City,
    Phone,
}

pub type Message = table::Message<Column>;
pub type ThirdParties = List<ThirdParty, Column>;

pub const FILTER_ID: &str = "filtre-tiers";

pub fn new(parties: Vec<ThirdParty>) -> ThirdParties {
    let columns: Vec<table::Column<ThirdParty, Column>> = vec![
        table::Column {
            id: Column::Reference,
            title: wording::COL_REFERENCE,
            width: 2,
            numeric: false,
            cell: |p| p.reference.clone(),
            compare: |a, b| by_text(&a.reference, &b.reference),
        },
        table::Column {
            id: Column::Kind,
            title: wording::COL_KIND,
            width: 3,
            numeric: false,
            cell: |p| p.kind.label().to_string(),
            compare: |a, b| by_text(a.kind.label(), b.kind.label()),
        },
        table::Column {
            id: Column::Name,
            title: wording::COL_NAME,
            width: 4,
            numeric: false,
            cell: |p| p.name.clone(),
            compare: |a, b| by_text(&a.name, &b.name),
        },
        table::Column {
            id: Column::Postcode,
            title: wording::COL_POSTCODE,
            width: 2,
            numeric: false,
            cell: |p| p.postcode.clone(),
            compare: |a, b| a.postcode.cmp(&b.postcode),
        },
        table::Column {
            id: Column::City,
            title: wording::COL_CITY,
            width: 3,
            numeric: false,
            cell: |p| p.city.clone(),
            compare: |a, b| by_text(&a.city, &b.city),
        },
        table::Column {
            id: Column::Phone,
            title: wording::COL_PHONE,
            width: 2,
            numeric: false,
            cell: |p| p.phone.clone(),
            compare: |a, b| a.phone.cmp(&b.phone),
        },
    ];
    List::new(
        wording::THIRD_PARTIES,
        wording::THIRD_PARTIES_NOUN,
        FILTER_ID,
        columns,
        parties,
        (Column::Reference, Order::Ascending),
        |p| p.reference.clone(),
    )
}
