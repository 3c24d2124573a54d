//! Fenêtre « Tiers » : les tiers du bailleur (CAF, syndics, fournisseurs…) et leur fiche
//! (onglet Comptabilité : compte d'exportation).

use chrono::NaiveDate;

use super::records::{Entity, Records, Rejected};
use super::Data;
use crate::gui::text as wording;
use crate::gui::widget::form::{Field, Form};
use crate::gui::widget::table::{self, by_text, Order, Pane};
use crate::model::{ThirdParty, ThirdPartyKind};
use crate::store::{Repo, StoreError};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Reference,
    Kind,
    Name,
    Postcode,
    City,
    Phone,
}

pub type ThirdParties = Records<ThirdParty>;
pub type Message = super::records::Message<Column>;

pub const FILTER_ID: &str = "filtre-tiers";

fn kind_labels() -> Vec<&'static str> {
    ThirdPartyKind::ALL.iter().map(|k| k.label()).collect()
}

impl Entity for ThirdParty {
    type Column = Column;
    const TITLE: &'static str = wording::THIRD_PARTIES;
    const NOUN: &'static str = wording::THIRD_PARTIES_NOUN;
    const FILTER_ID: &'static str = FILTER_ID;

    fn columns() -> Vec<table::Column<ThirdParty, Column>> {
        vec![
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
        ]
    }

    fn default_sort() -> (Column, Order) {
        (Column::Reference, Order::Ascending)
    }

    fn panes() -> Vec<Pane<ThirdParty>> {
        let mut options = vec![wording::ALL];
        options.extend(kind_labels());
        vec![Pane::Choice {
            label: wording::PANE_KIND,
            options,
            selected: 0,
            test: |p, option| {
                option
                    .checked_sub(1)
                    .and_then(|i| ThirdPartyKind::ALL.get(i))
                    == Some(&p.kind)
            },
        }]
    }

    fn reference(&self) -> &str {
        &self.reference
    }

    fn rows(data: &Data) -> Vec<ThirdParty> {
        data.third_parties.clone()
    }

    fn blank(_data: &Data, _today: NaiveDate) -> Form {
        let mut form = Form::new(
            wording::NEW_THIRD_PARTY,
            vec![wording::TAB_THIRD_PARTY, wording::TAB_ACCOUNTING],
            vec![
                Field::text("reference", wording::F_REFERENCE)
                    .required()
                    .fixed(),
                Field::labels("type", wording::F_PARTY_KIND, &kind_labels()).required(),
                Field::text("nom", wording::F_NAME).required(),
                Field::text("rue", wording::F_STREET),
                Field::text("code_postal", wording::F_POSTCODE),
                Field::text("ville", wording::F_CITY),
                Field::text("telephone", wording::F_PHONE),
                Field::text("email", wording::F_EMAIL),
                Field::text("compte_export", wording::F_EXPORT_ACCOUNT).tab(1),
            ],
        );
        form.set("type", ThirdPartyKind::Supplier.label());
        form
    }

    fn open(&self, data: &Data, today: NaiveDate) -> Form {
        let mut form = Self::blank(data, today).existing(self.reference.clone());
        form.title = wording::party_title(&self.reference, &self.name);
        form.set("reference", self.reference.clone());
        form.set("type", self.kind.label());
        form.set("nom", self.name.clone());
        form.set("rue", self.street.clone());
        form.set("code_postal", self.postcode.clone());
        form.set("ville", self.city.clone());
        form.set("telephone", self.phone.clone());
        form.set("email", self.email.clone());
        form.set("compte_export", self.export_account.clone());
        form
    }

    fn build(form: &Form, _today: NaiveDate) -> Result<ThirdParty, Rejected> {
        let mut r = form.reader();
        let kind = r.code("type", ThirdPartyKind::parse);
        let party = ThirdParty {
            reference: r.text("reference"),
            kind: kind.unwrap_or(ThirdPartyKind::Other),
            name: r.text("nom"),
            street: r.text("rue"),
            postcode: r.text("code_postal"),
            city: r.text("ville"),
            phone: r.text("telephone"),
            email: r.text("email"),
            export_account: r.text("compte_export"),
        }
        .with_defaults();
        r.finish(party.validate())?;
        Ok(party)
    }

    fn insert(&self, repo: &Repo) -> Result<(), StoreError> {
        repo.insert_third_party(self).map(|_| ())
    }

    fn update(&self, reference: &str, repo: &Repo) -> Result<(), StoreError> {
        repo.update_third_party(reference, self)
    }

    fn delete(reference: &str, repo: &Repo) -> Result<(), StoreError> {
        repo.delete_third_party(reference)
    }
}
