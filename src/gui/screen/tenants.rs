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
    [t.civility.as_str(), t.surname.as_str(), t.first_name.as_str()]
        .iter()
        .filter(|part| !part.trim().is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn new(tenants: Vec<Tenant>) -> Tenants {
    let columns: Vec<table::Column<Tenant, Column>> = vec![
        table::Column {
            id: Column::Reference,
            title: wording::COL_REFERENCE,
            width: 2,
            numeric: false,
            cell: |t| t.reference.clone(),
            compare: |a, b| by_text(&a.reference, &b.reference),
        },
        table::Column {
            id: Column::Name,
            title: wording::COL_NAME,
            width: 4,
            numeric: false,
            cell: full_name,
            compare: |a, b| by_text(&a.surname, &b.surname).then_with(|| by_text(&a.first_name, &b.first_name)),
        },
        table::Column {
            id: Column::State,
            title: wording::COL_STATE,
            width: 2,
            numeric: false,
            cell: |t| t.state.label().to_string(),
            compare: |a, b| a.state.cmp(&b.state),
        },
        table::Column {
            id: Column::Followup,
            title: wording::COL_FOLLOWUP,
            width: 2,
            numeric: false,
            cell: |t| format_date(t.followup_start),
            compare: |a, b| a.followup_start.cmp(&b.followup_start),
        },
        table::Column {
            id: Column::Phone,
            title: wording::COL_PHONE,
            width: 2,
            numeric: false,
            cell: |t| t.phone1.clone(),
            compare: |a, b| a.phone1.cmp(&b.phone1),
        },
        table::Column {
            id: Column::Email,
            title: wording::COL_EMAIL,
            width: 4,
            numeric: false,
            cell: |t| t.email.clone(),
            compare: |a, b| by_text(&a.email, &b.email),
        },
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
