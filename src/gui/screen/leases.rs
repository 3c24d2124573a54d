//! Fenêtre « Locations » : consultation des contrats de location du bailleur.

use crate::gui::screen::list::List;
use crate::gui::text as wording;
use crate::gui::widget::table::{self, by_text, Order};
use crate::model::dates::format_date;
use crate::model::Lease;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Reference,
    Unit,
    Tenant,
    Contract,
    Start,
    MoveOut,
    Payment,
}

pub type Message = table::Message<Column>;
pub type Leases = List<Lease, Column>;

pub const FILTER_ID: &str = "filtre-locations";

pub fn new(leases: Vec<Lease>) -> Leases {
    let columns: Vec<table::Column<Lease, Column>> = vec![
        table::Column {
            id: Column::Reference,
            title: wording::COL_REFERENCE,
            width: 2,
            numeric: false,
            cell: |l| l.reference.clone(),
            compare: |a, b| by_text(&a.reference, &b.reference),
        },
        table::Column {
            id: Column::Unit,
            title: wording::COL_UNIT,
            width: 2,
            numeric: false,
            cell: |l| l.unit.clone(),
            compare: |a, b| by_text(&a.unit, &b.unit),
        },
        table::Column {
            id: Column::Tenant,
            title: wording::COL_TENANT,
            width: 2,
            numeric: false,
            cell: |l| l.tenant.clone(),
            compare: |a, b| by_text(&a.tenant, &b.tenant),
        },
        table::Column {
            id: Column::Contract,
            title: wording::COL_CONTRACT,
            width: 3,
            numeric: false,
            cell: |l| l.contract_type.label().to_string(),
            compare: |a, b| by_text(a.contract_type.label(), b.contract_type.label()),
        },
        table::Column {
            id: Column::Start,
            title: wording::COL_LEASE_START,
            width: 2,
            numeric: false,
            cell: |l| format_date(l.start_date),
            compare: |a, b| a.start_date.cmp(&b.start_date),
        },
        table::Column {
            id: Column::MoveOut,
            title: wording::COL_MOVE_OUT,
            width: 2,
            numeric: false,
            cell: |l| l.move_out_date.map(format_date).unwrap_or_default(),
            compare: |a, b| a.move_out_date.cmp(&b.move_out_date),
        },
        table::Column {
            id: Column::Payment,
            title: wording::COL_PAYMENT,
            width: 2,
            numeric: false,
            cell: |l| l.payment_mode.label().to_string(),
            compare: |a, b| by_text(a.payment_mode.label(), b.payment_mode.label()),
        },
    ];
    List::new(
        wording::LEASES,
        wording::LEASES_NOUN,
        FILTER_ID,
        columns,
        leases,
        (Column::Reference, Order::Ascending),
        |l| l.reference.clone(),
    )
}
