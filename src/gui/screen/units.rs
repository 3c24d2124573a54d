//! Fenêtre « Lots » : consultation des lots du bailleur.

use crate::gui::screen::list::List;
use crate::gui::text as wording;
use crate::gui::widget::table::{self, Order};
use crate::model::money::format_money;
use crate::model::Unit;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Reference,
    Building,
    Nature,
    Size,
    Area,
    ReferenceRent,
    Available,
}

pub type Message = table::Message<Column>;
pub type Units = List<Unit, Column>;

pub const FILTER_ID: &str = "filtre-lots";

pub fn new(units: Vec<Unit>) -> Units {
    let columns: Vec<table::Column<Unit, Column>> = vec![
        table::Column::text(Column::Reference, wording::COL_REFERENCE, 2, |u| {
            &u.reference
        }),
        table::Column::text(Column::Building, wording::COL_BUILDING, 2, |u| &u.building),
        table::Column::text(Column::Nature, wording::COL_NATURE, 3, |u| &u.nature),
        table::Column::text(Column::Size, wording::COL_SIZE, 2, |u| &u.size),
        table::Column::computed(
            Column::Area,
            wording::COL_AREA,
            2,
            true,
            |u| {
                u.living_area
                    .map(|a| wording::square_metres(&format_money(a)))
                    .unwrap_or_default()
            },
            |a, b| a.living_area.cmp(&b.living_area),
        ),
        table::Column::computed(
            Column::ReferenceRent,
            wording::COL_REFERENCE_RENT,
            3,
            true,
            |u| wording::euros(&format_money(u.reference_rent)),
            |a, b| a.reference_rent.cmp(&b.reference_rent),
        ),
        table::Column::computed(
            Column::Available,
            wording::COL_AVAILABLE,
            2,
            false,
            |u| {
                if u.available {
                    wording::YES
                } else {
                    wording::NO
                }
                .to_string()
            },
            |a, b| a.available.cmp(&b.available),
        ),
    ];
    List::new(
        wording::UNITS,
        wording::UNITS_NOUN,
        FILTER_ID,
        columns,
        units,
        (Column::Reference, Order::Ascending),
        |u| u.reference.clone(),
    )
}
