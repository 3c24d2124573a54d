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
        table::Column::text(Column::Reference, wording::COL_REFERENCE, 2, |l| {
            &l.reference
        }),
        table::Column::text(Column::Unit, wording::COL_UNIT, 2, |l| &l.unit),
        table::Column::text(Column::Tenant, wording::COL_TENANT, 2, |l| &l.tenant),
        table::Column::computed(
            Column::Contract,
            wording::COL_CONTRACT,
            3,
            false,
            |l| l.contract_type.label().to_string(),
            |a, b| by_text(a.contract_type.label(), b.contract_type.label()),
        ),
        table::Column::computed(
            Column::Start,
            wording::COL_LEASE_START,
            2,
            false,
            |l| format_date(l.start_date),
            |a, b| a.start_date.cmp(&b.start_date),
        ),
        table::Column::computed(
            Column::MoveOut,
            wording::COL_MOVE_OUT,
            2,
            false,
            |l| l.move_out_date.map(format_date).unwrap_or_default(),
            |a, b| a.move_out_date.cmp(&b.move_out_date),
        ),
        table::Column::computed(
            Column::Payment,
            wording::COL_PAYMENT,
            2,
            false,
            |l| l.payment_mode.label().to_string(),
            |a, b| by_text(a.payment_mode.label(), b.payment_mode.label()),
        ),
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
