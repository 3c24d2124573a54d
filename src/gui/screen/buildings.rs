//! Fenêtre « Immeubles » (manuel : « Saisie d'une fiche immeuble ») : la liste des
//! immeubles, la fiche (référence, début de gestion, analytique, adresse, syndic),
//! l'onglet de ses lots et celui de ses clés de répartition (tantièmes).

use chrono::NaiveDate;
use iced::widget::{column, container, row, text, Column as Col};
use iced::Length;

use super::allocation_keys::{self, Keys};
use super::records::{Entity, Records, Rejected};
use super::Data;
use crate::gui::widget::form::{Field, Form};
use crate::gui::widget::table::{self, Order};
use crate::gui::widget::Element;
use crate::gui::{text as wording, theme};
use crate::model::dates::format_date;
use crate::model::money::format_money;
use crate::model::reference::{next_free, BUILDING_PATTERN};
use crate::model::{Building, ThirdPartyKind};
use crate::store::{Repo, StoreError};

/// Colonnes de la liste.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Reference,
    Address,
    Postcode,
    City,
    StartDate,
    Analytic,
}

/// La fenêtre ; l'onglet des clés de répartition a son propre état.
pub type Buildings = Records<Building, Keys>;
pub type Message = super::records::Message<Column, allocation_keys::Message>;

/// Identifiant de la zone de filtre.
pub const FILTER_ID: &str = "filtre-immeubles";

/// Onglet des lots de l'immeuble.
pub const TAB_UNITS: usize = 1;
/// Onglet des clés de répartition.
pub const TAB_KEYS: usize = allocation_keys::TAB_KEYS;

impl Entity for Building {
    type Column = Column;
    const TITLE: &'static str = wording::BUILDINGS;
    const NOUN: &'static str = wording::BUILDINGS_NOUN;
    const FILTER_ID: &'static str = FILTER_ID;

    fn columns() -> Vec<table::Column<Building, Column>> {
        vec![
            table::Column::text(Column::Reference, wording::COL_REFERENCE, 2, |b| {
                &b.reference
            }),
            table::Column::text(Column::Address, wording::COL_ADDRESS, 5, |b| &b.street),
            table::Column::text(Column::Postcode, wording::COL_POSTCODE, 2, |b| &b.postcode),
            table::Column::text(Column::City, wording::COL_CITY, 3, |b| &b.city),
            table::Column::computed(
                Column::StartDate,
                wording::COL_START,
                3,
                false,
                |b| format_date(b.start_date),
                |a, b| a.start_date.cmp(&b.start_date),
            ),
            table::Column::text(Column::Analytic, wording::COL_ANALYTIC, 2, |b| &b.analytic),
        ]
    }

    fn default_sort() -> (Column, Order) {
        (Column::Reference, Order::Ascending)
    }

    fn reference(&self) -> &str {
        &self.reference
    }

    fn rows(data: &Data) -> Vec<Building> {
        data.buildings.clone()
    }

    fn blank(data: &Data, today: NaiveDate) -> Form {
        let mut form = Form::new(
            wording::NEW_BUILDING,
            vec![wording::TAB_BUILDING, wording::TAB_UNITS, wording::TAB_KEYS],
            vec![
                Field::text("reference", wording::F_REFERENCE)
                    .required()
                    .fixed(),
                Field::date("debut_gestion", wording::F_MANAGEMENT_START).required(),
                Field::text("analytique", wording::F_ANALYTIC).required(),
                Field::date("fin_gestion", wording::F_MANAGEMENT_END),
                Field::text("rue", wording::F_STREET).required(),
                Field::text("code_postal", wording::F_POSTCODE).required(),
                Field::text("ville", wording::F_CITY).required(),
                Field::search(
                    "syndic",
                    wording::F_SYNDIC,
                    data.party_choices_of(ThirdPartyKind::Syndic),
                ),
                Field::text("titulaire", wording::F_REAL_RIGHTS),
            ],
        );
        form.set("debut_gestion", format_date(today));
        let taken = data.buildings.iter().map(|b| b.reference.as_str());
        form.set("reference", next_free(BUILDING_PATTERN, taken));
        form
    }

    fn open(&self, data: &Data, today: NaiveDate) -> Form {
        let mut form = Self::blank(data, today).existing(self.reference.clone());
        form.title = wording::building_title(&self.reference);
        form.set("reference", self.reference.clone());
        form.set("debut_gestion", format_date(self.start_date));
        form.set(
            "fin_gestion",
            self.end_date.map(format_date).unwrap_or_default(),
        );
        form.set("analytique", self.analytic.clone());
        form.set("rue", self.street.clone());
        form.set("code_postal", self.postcode.clone());
        form.set("ville", self.city.clone());
        form.set(
            "syndic",
            self.syndic
                .clone()
                .unwrap_or_else(|| crate::gui::widget::form::NONE.to_string()),
        );
        form.set("titulaire", self.real_rights_holder.clone());
        form
    }

    fn build(form: &Form, today: NaiveDate) -> Result<Building, Rejected> {
        let mut r = form.reader();
        let start = r.date("debut_gestion");
        let end = r.opt_date("fin_gestion");
        let building = Building {
            reference: r.text("reference"),
            start_date: start.unwrap_or(today),
            end_date: end,
            analytic: r.text("analytique"),
            street: r.text("rue"),
            postcode: r.text("code_postal"),
            city: r.text("ville"),
            syndic: r.opt_text("syndic"),
            real_rights_holder: r.text("titulaire"),
        }
        .with_defaults();
        r.finish(building.validate())?;
        Ok(building)
    }

    fn insert(&self, repo: &Repo) -> Result<(), StoreError> {
        repo.insert_building(self)
    }

    fn update(&self, reference: &str, repo: &Repo) -> Result<(), StoreError> {
        repo.update_building(reference, self)
    }

    fn delete(reference: &str, repo: &Repo) -> Result<(), StoreError> {
        repo.delete_building(reference)
    }

    /// Onglet « Lots » : les lots rattachés à l'immeuble.
    fn extra<'a, M: 'a>(form: &'a Form, data: &'a Data) -> Option<Element<'a, M>> {
        if form.tab() != TAB_UNITS {
            return None;
        }
        let Some(reference) = form.reference() else {
            return Some(
                text(wording::UNITS_AFTER_SAVE)
                    .size(theme::TEXT_BODY)
                    .style(theme::muted_text)
                    .into(),
            );
        };
        let units: Vec<_> = data
            .units
            .iter()
            .filter(|u| u.building == reference)
            .collect();
        const WIDTHS: [u16; 7] = [3, 4, 2, 2, 2, 3, 2];
        let line = |cells: [String; 7], bold: bool| {
            row(cells.into_iter().zip(WIDTHS).map(|(s, w)| {
                let t = text(s)
                    .size(theme::TEXT_BODY)
                    .width(Length::FillPortion(w))
                    .wrapping(text::Wrapping::None);
                if bold { t.font(theme::FONT_BOLD) } else { t }.into()
            }))
            .spacing(theme::SPACE_S)
        };
        let mut lines = Col::new().spacing(2.0).push(
            container(line(
                [
                    wording::COL_REFERENCE,
                    wording::COL_NATURE,
                    wording::COL_SIZE,
                    wording::COL_AREA,
                    wording::COL_KIND,
                    wording::COL_FLOOR_DOOR,
                    wording::COL_AVAILABLE,
                ]
                .map(str::to_string),
                true,
            ))
            .padding(theme::SPACE_XS)
            .style(theme::table_header),
        );
        for (i, u) in units.iter().enumerate() {
            let area = u
                .living_area
                .map(|a| wording::square_metres(&format_money(a)))
                .unwrap_or_default();
            lines = lines.push(
                container(line(
                    [
                        u.reference.clone(),
                        u.nature.clone(),
                        u.size.clone(),
                        area,
                        u.kind.label().to_string(),
                        wording::floor_door(&u.floor, &u.door),
                        wording::yes_no(u.available).to_string(),
                    ],
                    false,
                ))
                .padding(theme::SPACE_XS)
                .style(theme::table_line(i, false, false)),
            );
        }
        Some(
            column![
                text(wording::units_of_building(units.len()))
                    .font(theme::FONT_BOLD)
                    .size(theme::TEXT_BODY),
                lines,
            ]
            .spacing(theme::SPACE_M)
            .into(),
        )
    }
}

/// Références affichées dans la liste, dans l'ordre (tests, barre d'état).
pub fn visible_references(screen: &Buildings) -> Vec<&str> {
    screen
        .table()
        .visible_rows()
        .into_iter()
        .map(|b| b.reference.as_str())
        .collect()
}
