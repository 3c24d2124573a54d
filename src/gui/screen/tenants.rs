//! Fenêtre « Locataires » (manuel : « Saisie d'une fiche locataire ») : la liste des
//! locataires et candidats, la fiche (identité, adresse alternative), l'onglet
//! Administratif avec le tableau des allocations logement, et les contacts.

use chrono::NaiveDate;

use super::records::{Entity, Records, Rejected};
use super::Data;
use crate::gui::text as wording;
use crate::gui::widget::form::{Detail, Field, Form, Value, NONE};
use crate::gui::widget::table::{self, by_text, Order, Pane};
use crate::model::dates::format_date;
use crate::model::reference::{next_free, TENANT_PATTERN};
use crate::model::{BenefitClaim, Tenant, TenantState, ThirdPartyKind};
use crate::store::{Repo, StoreError};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Reference,
    Name,
    State,
    Followup,
    Phone,
    Email,
}

pub type Tenants = Records<Tenant>;
pub type Message = super::records::Message<Column>;

pub const FILTER_ID: &str = "filtre-locataires";

/// Onglet Administratif et son tableau des allocations.
const TAB_ADMIN: usize = 1;
const CLAIMS: usize = 0;

/// Civilités proposées.
const CIVILITIES: &[&str] = &["M.", "Mme", "M. et Mme", "Mlle"];

/// Clés des erreurs du modèle qui portent sur une allocation.
const CLAIM_KEYS: &[&str] = &["allocataire", "numero_allocataire"];

impl Entity for Tenant {
    type Column = Column;
    const TITLE: &'static str = wording::TENANTS;
    const NOUN: &'static str = wording::TENANTS_NOUN;
    const FILTER_ID: &'static str = FILTER_ID;

    fn columns() -> Vec<table::Column<Tenant, Column>> {
        vec![
            table::Column::text(Column::Reference, wording::COL_REFERENCE, 2, |t| {
                &t.reference
            }),
            table::Column::computed(
                Column::Name,
                wording::COL_NAME,
                4,
                false,
                Tenant::display_name,
                |a, b| {
                    by_text(&a.surname, &b.surname)
                        .then_with(|| by_text(&a.first_name, &b.first_name))
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
        ]
    }

    fn default_sort() -> (Column, Order) {
        (Column::Reference, Order::Ascending)
    }

    fn panes() -> Vec<Pane<Tenant>> {
        vec![Pane::Choice {
            label: wording::PANE_STATE,
            options: vec![
                wording::ALL,
                TenantState::Candidate.label(),
                TenantState::Tenant.label(),
            ],
            selected: 0,
            test: |t, option| (t.state == TenantState::Candidate) == (option == 1),
        }]
    }

    fn reference(&self) -> &str {
        &self.reference
    }

    fn rows(data: &Data) -> Vec<Tenant> {
        data.tenants.clone()
    }

    fn blank(data: &Data, today: NaiveDate) -> Form {
        let mut claims = Detail::new(
            wording::CLAIMS_TABLE,
            TAB_ADMIN,
            vec![
                Field::text("allocataire", wording::F_CLAIMANT)
                    .required()
                    .width(3),
                Field::date("debut_allocation", wording::F_CLAIM_START),
                Field::search(
                    "organisme_payeur",
                    wording::F_PAYER_BODY,
                    data.party_choices_of(ThirdPartyKind::PayerBody),
                ),
                Field::text("numero_organisme", wording::F_PAYER_NUMBER),
                Field::text("numero_allocataire", wording::F_CLAIMANT_NO).required(),
            ],
        );
        claims.set_default("organisme_payeur", NONE);
        let mut form = Form::new(
            wording::NEW_TENANT,
            vec![
                wording::TAB_TENANT,
                wording::TAB_ADMINISTRATIVE,
                wording::TAB_CONTACTS,
            ],
            vec![
                Field::text("reference", wording::F_REFERENCE)
                    .required()
                    .fixed(),
                Field::check("professionnel", wording::F_PROFESSIONAL).required(),
                Field::choice(
                    "civilite",
                    wording::F_CIVILITY,
                    CIVILITIES.iter().map(|c| c.to_string()),
                    true,
                ),
                Field::text("nom", wording::F_SURNAME).required(),
                Field::text("prenom", wording::F_FIRST_NAME),
                Field::date("debut_suivi", wording::F_FOLLOWUP_START).required(),
                Field::read_only("etat", wording::F_STATE),
                Field::text("adresse_alt_rue", wording::F_ALT_STREET),
                Field::text("adresse_alt_code_postal", wording::F_ALT_POSTCODE),
                Field::text("adresse_alt_ville", wording::F_ALT_CITY),
                Field::text("nur", wording::F_NUR).tab(TAB_ADMIN),
                Field::date("date_naissance", wording::F_BIRTH_DATE).tab(TAB_ADMIN),
                Field::read_only("numeros_allocataires", wording::F_CLAIMANT_NUMBERS)
                    .tab(TAB_ADMIN),
                Field::text("email", wording::F_EMAIL).tab(2),
                Field::text("telephone1", wording::F_PHONE1).tab(2),
                Field::text("telephone2", wording::F_PHONE2).tab(2),
                Field::check("consentement_rgpd", wording::F_GDPR).tab(2),
                Field::date("date_consentement", wording::F_GDPR_DATE).tab(2),
            ],
        )
        .with_detail(claims);
        form.set("debut_suivi", format_date(today));
        form.set("etat", TenantState::Candidate.label());
        let taken = data.tenants.iter().map(|t| t.reference.as_str());
        form.set("reference", next_free(TENANT_PATTERN, taken));
        form
    }

    fn open(&self, data: &Data, today: NaiveDate) -> Form {
        let mut form = Self::blank(data, today).existing(self.reference.clone());
        form.title = wording::tenant_title(&self.reference, &self.display_name());
        form.set("reference", self.reference.clone());
        form.set_flag("professionnel", self.professional);
        form.set(
            "civilite",
            if self.civility.is_empty() {
                NONE.to_string()
            } else {
                self.civility.clone()
            },
        );
        form.set("nom", self.surname.clone());
        form.set("prenom", self.first_name.clone());
        form.set("debut_suivi", format_date(self.followup_start));
        form.set("etat", self.state.label());
        form.set("adresse_alt_rue", self.alt_street.clone());
        form.set("adresse_alt_code_postal", self.alt_postcode.clone());
        form.set("adresse_alt_ville", self.alt_city.clone());
        form.set("nur", self.nur.clone());
        form.set(
            "date_naissance",
            self.birth_date.map(format_date).unwrap_or_default(),
        );
        form.set("numeros_allocataires", self.claimant_numbers());
        form.set("email", self.email.clone());
        form.set("telephone1", self.phone1.clone());
        form.set("telephone2", self.phone2.clone());
        form.set_flag("consentement_rgpd", self.gdpr_consent);
        form.set(
            "date_consentement",
            self.gdpr_consent_date.map(format_date).unwrap_or_default(),
        );
        if let Some(claims) = form.details.get_mut(CLAIMS) {
            for c in &self.claims {
                let text = |s: &str| Value::Text(s.to_string());
                claims.push_stored(vec![
                    ("allocataire", text(&c.claimant)),
                    (
                        "debut_allocation",
                        text(&c.start_date.map(format_date).unwrap_or_default()),
                    ),
                    ("organisme_payeur", text(c.payer.as_deref().unwrap_or(NONE))),
                    ("numero_organisme", text(&c.payer_number)),
                    ("numero_allocataire", text(&c.claimant_no)),
                ]);
            }
        }
        form
    }

    fn build(form: &Form, today: NaiveDate) -> Result<Tenant, Rejected> {
        let mut r = form.reader();
        let followup = r.date("debut_suivi");
        let birth = r.opt_date("date_naissance");
        let consent_date = r.opt_date("date_consentement");
        let mut tenant = Tenant {
            reference: r.text("reference"),
            professional: r.flag("professionnel"),
            civility: r.text("civilite"),
            surname: r.text("nom"),
            first_name: r.text("prenom"),
            followup_start: followup.unwrap_or(today),
            state: TenantState::Candidate,
            alt_street: r.text("adresse_alt_rue"),
            alt_postcode: r.text("adresse_alt_code_postal"),
            alt_city: r.text("adresse_alt_ville"),
            nur: r.text("nur"),
            birth_date: birth,
            email: r.text("email"),
            phone1: r.text("telephone1"),
            phone2: r.text("telephone2"),
            gdpr_consent: r.flag("consentement_rgpd"),
            gdpr_consent_date: consent_date,
            claims: Vec::new(),
        };
        // Chaque allocation est contrôlée seule, pour placer ses erreurs sur sa ligne.
        let mut rejected = Rejected::default();
        if let Some(claims) = form.details.get(CLAIMS) {
            for row in (0..claims.rows.len()).filter(|&r| !claims.is_removed(r)) {
                let mut cr = claims.reader(row);
                let start = cr.opt_date("debut_allocation");
                let claim = BenefitClaim {
                    claimant: cr.text("allocataire"),
                    start_date: start,
                    payer: cr.opt_text("organisme_payeur"),
                    payer_number: cr.text("numero_organisme"),
                    claimant_no: cr.text("numero_allocataire").to_uppercase(),
                };
                let alone = Tenant {
                    claims: vec![claim.clone()],
                    ..tenant.clone()
                };
                let claim_errors = alone.validate().err().unwrap_or_default();
                let own: Vec<_> = claim_errors
                    .into_iter()
                    .filter(|e| CLAIM_KEYS.contains(&e.field))
                    .collect();
                if let Err(errors) = cr.finish(if own.is_empty() { Ok(()) } else { Err(own) }) {
                    rejected.rows.push((CLAIMS, row, errors));
                }
                tenant.claims.push(claim);
            }
        }
        let without_claims = Tenant {
            claims: Vec::new(),
            ..tenant.clone()
        };
        if let Err(errors) = r.finish(without_claims.validate()) {
            rejected.fields = errors;
        }
        if rejected.is_empty() {
            Ok(tenant)
        } else {
            Err(rejected)
        }
    }

    fn insert(&self, repo: &Repo) -> Result<(), StoreError> {
        repo.insert_tenant(self)
    }

    /// Les allocations de la fiche remplacent celles de la base.
    fn update(&self, reference: &str, repo: &Repo) -> Result<(), StoreError> {
        repo.update_tenant(reference, self)
    }

    fn delete(reference: &str, repo: &Repo) -> Result<(), StoreError> {
        repo.delete_tenant(reference)
    }
}
