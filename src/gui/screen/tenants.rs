//! Fenêtre « Locataires » : consultation des locataires et candidats du bailleur.

use crate::gui::screen::list::List;
use crate::gui::text as wording;
use crate::gui::widget::table::{self, by_text, Order};
use crate::model::dates::format_date;
use crate::model::Tenant;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Reference,
    Name,
    State,
    Followup,
    Phone,
    Email,
}

pub type Message = table::Message<Column>;
pub type Tenants = List<Tenant, Column>;

pub const FILTER_ID: &str = "filtre-locataires";

/// « Mme DUPONT Sophie ».
fn full_name(t: &Tenant) -> String {
    [
        t.civility.as_str(),
        t.surname.as_str(),
        t.first_name.as_str(),
    ]
    .iter()
    .filter(|part| !part.trim().is_empty())
    .copied()
    .collect::<Vec<_>>()
    .join(" ")
}

pub fn new(tenants: Vec<Tenant>) -> Tenants {
    let columns: Vec<table::Column<Tenant, Column>> = vec![
        table::Column::text(Column::Reference, wording::COL_REFERENCE, 2, |t| {
            &t.reference
        }),
        table::Column::computed(
            Column::Name,
            wording::COL_NAME,
            4,
            false,
            full_name,
            |a, b| {
                by_text(&a.surname, &b.surname).then_with(|| by_text(&a.first_name, &b.first_name))
            },
        ),
        table::Column::computed(
            Column::State,
            wording::COL_STATE,
            2,
            false,
            |t| t.state.label().to_string(),
            |a, b| a.state.cmp(&b.state),
        ),
        table::Column::computed(
            Column::Followup,
            wording::COL_FOLLOWUP,
            2,
            false,
            |t| format_date(t.followup_start),
            |a, b| a.followup_start.cmp(&b.followup_start),
        ),
        table::Column::text(Column::Phone, wording::COL_PHONE, 2, |t| &t.phone1),
        table::Column::text(Column::Email, wording::COL_EMAIL, 4, |t| &t.email),
    ];
    List::new(
        wording::TENANTS,
        wording::TENANTS_NOUN,
        FILTER_ID,
        columns,
        tenants,
        (Column::Reference, Order::Ascending),
        |t| t.reference.clone(),
    )
}
