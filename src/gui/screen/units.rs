//! Fenêtre « Lots » (manuel : « Saisie d'une fiche lot ») : la liste des lots et la fiche
//! (identification, localisation dans l'immeuble, occupation).

use chrono::NaiveDate;

use super::records::{Entity, Records, Rejected};
use super::revision_terms::UnitRevision;
use super::Data;
use crate::gui::text as wording;
use crate::gui::widget::form::{Field, Form, NONE};
use crate::gui::widget::table::{self, Order, Pane};
use crate::model::building::UNIT_SIZES;
use crate::model::dates::format_date;
use crate::model::money::{format_money, format_money_plain};
use crate::model::reference::{next_free, unit_pattern};
use crate::model::{Unit, UnitKind};
use crate::store::{Repo, StoreError};

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

pub type Units = Records<Unit, UnitRevision>;
pub type Message = super::records::Message<Column, super::revision_terms::Message>;

pub const FILTER_ID: &str = "filtre-lots";

fn kind_labels() -> Vec<&'static str> {
    UnitKind::ALL.iter().map(|k| k.label()).collect()
}

impl Entity for Unit {
    type Column = Column;
    const TITLE: &'static str = wording::UNITS;
    const NOUN: &'static str = wording::UNITS_NOUN;
    const FILTER_ID: &'static str = FILTER_ID;

    fn columns() -> Vec<table::Column<Unit, Column>> {
        vec![
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
                |u: &Unit| {
                    u.living_area
                        .map(|a| wording::square_metres(&format_money(a)))
                        .unwrap_or_default()
                },
                |a: &Unit, b: &Unit| a.living_area.cmp(&b.living_area),
            )
            .plain(|u| u.living_area.map(format_money_plain).unwrap_or_default()),
            table::Column::computed(
                Column::ReferenceRent,
                wording::COL_REFERENCE_RENT,
                3,
                true,
                |u: &Unit| wording::euros(&format_money(u.reference_rent)),
                |a: &Unit, b: &Unit| a.reference_rent.cmp(&b.reference_rent),
            )
            .plain(|u| format_money_plain(u.reference_rent)),
            table::Column::computed(
                Column::Available,
                wording::COL_AVAILABLE,
                2,
                false,
                |u| wording::yes_no(u.available).to_string(),
                |a, b| a.available.cmp(&b.available),
            ),
        ]
    }

    fn default_sort() -> (Column, Order) {
        (Column::Reference, Order::Ascending)
    }

    fn panes() -> Vec<Pane<Unit>> {
        vec![
            Pane::Choice {
                label: wording::PANE_AVAILABILITY,
                options: vec![wording::ALL, wording::AVAILABLE, wording::UNAVAILABLE],
                selected: 0,
                test: |u, option| u.available == (option == 1),
            },
            Pane::Choice {
                label: wording::PANE_UNIT_KIND,
                options: vec![
                    wording::ALL,
                    UnitKind::Principal.label(),
                    UnitKind::Secondary.label(),
                ],
                selected: 0,
                test: |u, option| (u.kind == UnitKind::Principal) == (option == 1),
            },
        ]
    }

    fn reference(&self) -> &str {
        &self.reference
    }

    fn rows(data: &Data) -> Vec<Unit> {
        data.units.clone()
    }

    fn blank(data: &Data, today: NaiveDate) -> Form {
        let mut form = Form::new(
            wording::NEW_UNIT,
            vec![
                wording::TAB_UNIT,
                wording::TAB_LOCATION,
                wording::TAB_OCCUPANCY,
                wording::TAB_UNIT_REVISION,
            ],
            vec![
                Field::text("reference", wording::F_REFERENCE)
                    .required()
                    .fixed(),
                Field::search("immeuble", wording::F_BUILDING, data.building_choices()).required(),
                Field::date("debut_gestion", wording::F_MANAGEMENT_START).required(),
                Field::date("fin_gestion", wording::F_MANAGEMENT_END),
                Field::text("nature", wording::F_NATURE).required(),
                Field::text("usage", wording::F_USAGE).required(),
                Field::text("forme", wording::F_FORM).required(),
                Field::text("analytique", wording::F_UNIT_ANALYTIC),
                Field::labels("type", wording::F_UNIT_KIND, &kind_labels()),
                Field::choice(
                    "typologie",
                    wording::F_SIZE,
                    UNIT_SIZES.iter().map(|s| s.to_string()),
                    true,
                ),
                Field::amount("surface", wording::F_AREA),
                Field::check("foyer", wording::F_FOYER),
                Field::text("batiment", wording::F_ACCESS_BUILDING).tab(1),
                Field::text("escalier", wording::F_STAIRCASE).tab(1),
                Field::text("etage", wording::F_FLOOR).tab(1),
                Field::text("porte", wording::F_DOOR).tab(1),
                Field::check("disponible", wording::F_AVAILABLE).tab(2),
                Field::text("motif_indisponibilite", wording::F_UNAVAILABLE_REASON).tab(2),
                Field::amount("loyer_reference", wording::F_REFERENCE_RENT).tab(2),
                Field::amount("charges_reference", wording::F_REFERENCE_CHARGES).tab(2),
                Field::text("rpls", wording::F_RPLS).tab(2),
                Field::text("invariant", wording::F_DGFIP).tab(2),
            ],
        );
        form.set("debut_gestion", format_date(today));
        form.set_flag("disponible", true);
        form
    }

    /// Un lot nouveau reçoit la prochaine référence libre de son immeuble dès qu'il est
    /// choisi, si sa référence est encore vide.
    fn follow_input(form: &mut Form, data: &Data) {
        let building = form.text("immeuble").trim().to_string();
        if !form.text("reference").trim().is_empty()
            || !data.buildings.iter().any(|b| b.reference == building)
        {
            return;
        }
        let taken = data.units.iter().map(|u| u.reference.as_str());
        form.set("reference", next_free(&unit_pattern(&building), taken));
    }

    fn open(&self, data: &Data, today: NaiveDate) -> Form {
        let mut form = Self::blank(data, today).existing(self.reference.clone());
        form.title = wording::unit_title(&self.reference);
        form.set("reference", self.reference.clone());
        form.set("immeuble", self.building.clone());
        form.set("debut_gestion", format_date(self.start_date));
        form.set(
            "fin_gestion",
            self.end_date.map(format_date).unwrap_or_default(),
        );
        form.set("nature", self.nature.clone());
        form.set("usage", self.usage.clone());
        form.set("forme", self.form.clone());
        form.set("analytique", self.analytic.clone());
        form.set("type", self.kind.label());
        form.set(
            "typologie",
            if self.size.is_empty() {
                NONE.to_string()
            } else {
                self.size.clone()
            },
        );
        form.set(
            "surface",
            self.living_area.map(format_money).unwrap_or_default(),
        );
        form.set_flag("foyer", self.foyer);
        form.set("batiment", self.access_building.clone());
        form.set("escalier", self.staircase.clone());
        form.set("etage", self.floor.clone());
        form.set("porte", self.door.clone());
        form.set_flag("disponible", self.available);
        form.set("motif_indisponibilite", self.unavailable_reason.clone());
        form.set("loyer_reference", format_money(self.reference_rent));
        form.set("charges_reference", format_money(self.reference_charges));
        form.set("rpls", self.rpls_id.clone());
        form.set("invariant", self.dgfip_invariant.clone());
        form
    }

    fn build(form: &Form, today: NaiveDate) -> Result<Unit, Rejected> {
        let mut r = form.reader();
        let start = r.date("debut_gestion");
        let end = r.opt_date("fin_gestion");
        let kind = r.code("type", UnitKind::parse);
        let unit = Unit {
            reference: r.text("reference"),
            building: r.text("immeuble"),
            start_date: start.unwrap_or(today),
            end_date: end,
            nature: r.text("nature"),
            usage: r.text("usage"),
            form: r.text("forme"),
            analytic: r.text("analytique"),
            access_building: r.text("batiment"),
            staircase: r.text("escalier"),
            floor: r.text("etage"),
            door: r.text("porte"),
            kind: kind.unwrap_or(UnitKind::Principal),
            living_area: r.opt_money("surface"),
            size: r.text("typologie"),
            foyer: r.flag("foyer"),
            rpls_id: r.text("rpls"),
            dgfip_invariant: r.text("invariant"),
            available: r.flag("disponible"),
            unavailable_reason: r.text("motif_indisponibilite"),
            reference_rent: r.money_or_zero("loyer_reference"),
            reference_charges: r.money_or_zero("charges_reference"),
        };
        r.finish(unit.validate())?;
        Ok(unit)
    }

    fn insert(&self, repo: &Repo) -> Result<(), StoreError> {
        repo.insert_unit(self)
    }

    fn update(&self, reference: &str, repo: &Repo) -> Result<(), StoreError> {
        repo.update_unit(reference, self)
    }

    fn delete(reference: &str, repo: &Repo) -> Result<(), StoreError> {
        repo.delete_unit(reference)
    }

    /// Un lot qui change d'immeuble : le faire confirmer (manuel : « Les lots »).
    fn confirm_save(&self, original: Option<&Unit>) -> Option<String> {
        let original = original?;
        (original.building != self.building).then(|| {
            wording::confirm_unit_move(&self.reference, &original.building, &self.building)
        })
    }
}
