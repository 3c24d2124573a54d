//! La liste des locations : ses lignes (la location, le nom de son locataire et
//! l'adresse de son lot), ses colonnes, ses volets de sélection, et la page de la liste
//! avec la barre des traitements de la fenêtre.

use std::collections::HashMap;
use std::ops::Deref;

use iced::widget::{column, row, text};
use iced::Alignment;

use super::documents::one_off_button;
use super::{Column, Leases, Message};
use crate::gui::screen::records::list_header;
use crate::gui::screen::Data;
use crate::gui::widget::table::{self, by_text, Pane};
use crate::gui::widget::{form, tool_button, Element};
use crate::gui::{text as wording, theme};
use crate::model::dates::format_date;
use crate::model::{DocumentKind, Lease};

/// Une location de la liste, avec le nom de son locataire et l'adresse de son lot ; elle
/// se lit comme la location elle-même (`row.reference`, `row.start_date`…).
#[derive(Debug, Clone, PartialEq)]
pub struct LeaseRow {
    pub lease: Lease,
    pub tenant_name: String,
    /// Adresse de l'immeuble du lot : « rue, ville ».
    pub address: String,
}

impl Deref for LeaseRow {
    type Target = Lease;

    fn deref(&self) -> &Lease {
        &self.lease
    }
}

/// Les lignes de la liste : chaque location avec son locataire et son adresse.
pub(super) fn rows(data: &Data) -> Vec<LeaseRow> {
    let names: HashMap<&str, &str> = data
        .third_parties
        .iter()
        .map(|p| (p.reference.as_str(), p.name.as_str()))
        .collect();
    let buildings: HashMap<&str, String> = data
        .buildings
        .iter()
        .map(|b| {
            let address = wording::unit_address(&b.street, &b.city);
            (b.reference.as_str(), address)
        })
        .collect();
    let addresses: HashMap<&str, &String> = data
        .units
        .iter()
        .filter_map(|u| Some((u.reference.as_str(), buildings.get(u.building.as_str())?)))
        .collect();
    data.leases
        .iter()
        .map(|l| LeaseRow {
            tenant_name: names
                .get(l.tenant.as_str())
                .copied()
                .unwrap_or_default()
                .to_string(),
            address: addresses
                .get(l.unit.as_str())
                .map(|a| a.to_string())
                .unwrap_or_default(),
            lease: l.clone(),
        })
        .collect()
}

/// Colonnes ; les largeurs sont des parts de 5 pixels sur les 1 000 de la liste dans la
/// fenêtre de 1 280 pixels.
pub(super) fn columns() -> Vec<table::Column<LeaseRow, Column>> {
    vec![
        table::Column::text(Column::Reference, wording::COL_REFERENCE, 19, |l| {
            &l.reference
        }),
        table::Column::text(Column::Unit, wording::COL_UNIT, 17, |l| &l.unit),
        table::Column::text(Column::Address, wording::COL_UNIT_ADDRESS, 31, |l| {
            &l.address
        }),
        table::Column::text(Column::Tenant, wording::COL_TENANT, 17, |l| &l.tenant),
        table::Column::text(
            Column::TenantName,
            wording::COL_LEASE_TENANT_NAME,
            32,
            |l| &l.tenant_name,
        ),
        table::Column::computed(
            Column::Start,
            wording::COL_LEASE_START,
            19,
            false,
            |l| format_date(l.start_date),
            |a, b| a.start_date.cmp(&b.start_date),
        ),
        table::Column::computed(
            Column::MoveOut,
            wording::COL_MOVE_OUT,
            19,
            false,
            |l| l.move_out_date.map(format_date).unwrap_or_default(),
            |a, b| a.move_out_date.cmp(&b.move_out_date),
        ),
        table::Column::computed(
            Column::Payment,
            wording::COL_PAYMENT,
            21,
            false,
            |l| l.payment_mode.label().to_string(),
            |a, b| by_text(a.payment_mode.label(), b.payment_mode.label()),
        ),
    ]
}

pub(super) fn panes() -> Vec<Pane<LeaseRow>> {
    vec![
        Pane::Choice {
            label: wording::PANE_STATE,
            options: vec![
                wording::ALL,
                wording::LEASE_RUNNING,
                wording::LEASE_ENDED,
                wording::LEASE_LOCKED,
            ],
            selected: 0,
            test: |l, option| match option {
                1 => l.move_out_date.is_none(),
                2 => l.move_out_date.is_some(),
                _ => l.locked,
            },
        },
        Pane::Period {
            label: wording::PANE_LEASE_START,
            from: String::new(),
            to: String::new(),
            test: |l, from, to| {
                from.is_none_or(|f| l.start_date >= f) && to.is_none_or(|t| l.start_date <= t)
            },
        },
    ]
}

impl Leases {
    /// La page de la liste : titre, traitements, message, puis la liste.
    pub(super) fn list_view(&self) -> Element<'_, Message> {
        let mut page = column![list_header(wording::LEASES, Message::New), treatments_bar(),]
            .spacing(theme::SPACE_M);
        if let Some(info) = &self.info {
            page = page.push(form::banner(info.as_str(), theme::info_banner));
        }
        page.push(
            self.table
                .view_with(vec![tool_button(
                    wording::SELECT_ALL,
                    Some(table::Message::SelectAll),
                    theme::secondary_button,
                )])
                .map(Message::List),
        )
        .into()
    }
}

/// Les traitements de la fenêtre (son menu) : avis, dépôt de garantie, factures, avoirs.
fn treatments_bar<'a>() -> Element<'a, Message> {
    row![
        text(wording::TREATMENTS)
            .size(theme::TEXT_BODY)
            .style(theme::muted_text),
        tool_button(
            wording::GENERATE_NOTICES,
            Some(Message::Generate),
            theme::secondary_button
        ),
        one_off_button(DocumentKind::DepositCall),
        one_off_button(DocumentKind::Invoice),
        one_off_button(DocumentKind::CreditNote),
        super::settle::settlement_button(),
    ]
    .spacing(theme::SPACE_S)
    .align_y(Alignment::Center)
    .into()
}
