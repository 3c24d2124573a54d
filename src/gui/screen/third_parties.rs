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
        table::Column::text(Column::Reference, wording::COL_REFERENCE, 2, |p| {
            &p.reference
        }),
        table::Column::computed(
            Column::Kind,
            wording::COL_KIND,
            3,
            false,
            |p| p.kind.label().to_string(),
            |a, b| by_text(a.kind.label(), b.kind.label()),
        ),
        table::Column::text(Column::Name, wording::COL_NAME, 4, |p| &p.name),
        table::Column::text(Column::Postcode, wording::COL_POSTCODE, 2, |p| &p.postcode),
        table::Column::text(Column::City, wording::COL_CITY, 3, |p| &p.city),
        table::Column::text(Column::Phone, wording::COL_PHONE, 2, |p| &p.phone),
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
