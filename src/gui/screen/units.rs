//! Fenêtre « Lots » : consultation des lots du bailleur.

use crate::gui::screen::list::List;
use crate::gui::text as wording;
use crate::gui::widget::table::{self, by_text, Order};
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
        table::Column {
            id: Column::Reference,
            title: wording::COL_REFERENCE,
            width: 2,
            numeric: false,
            cell: |u| u.reference.clone(),
            compare: |a, b| by_text(&a.reference, &b.reference),
        },
        table::Column {
            id: Column::Building,
            title: wording::COL_BUILDING,
            width: 2,
            numeric: false,
            cell: |u| u.building.clone(),
            compare: |a, b| by_text(&a.building, &b.building),
        },
        table::Column {
            id: Column::Nature,
            title: wording::COL_NATURE,
            width: 3,
            numeric: false,
            cell: |u| u.nature.clone(),
            compare: |a, b| by_text(&a.nature, &b.nature),
        },
        table::Column {
            id: Column::Size,
            title: wording::COL_SIZE,
            width: 2,
            numeric: false,
            cell: |u| u.size.clone(),
            compare: |a, b| a.size.cmp(&b.size),
        },
        table::Column {
            id: Column::Area,
            title: wording::COL_AREA,
            width: 2,
            numeric: true,
            cell: |u| u.living_area.map(|a| wording::square_metres(&format_money(a))).unwrap_or_default(),
            compare: |a, b| a.living_area.cmp(&b.living_area),
        },
        table::Column {
            id: Column::ReferenceRent,
            title: wording::COL_REFERENCE_RENT,
            width: 3,
            numeric: true,
            cell: |u| wording::euros(&format_money(u.reference_rent)),
            compare: |a, b| a.reference_rent.cmp(&b.reference_rent),
        },
        table::Column {
            id: Column::Available,
            title: wording::COL_AVAILABLE,
            width: 2,
            numeric: false,
            cell: |u| if u.available { wording::YES } else { wording::NO }.to_string(),
            compare: |a, b| a.available.cmp(&b.available),
        },
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
