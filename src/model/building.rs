//! Immeubles (S2) et lots (S3).

use chrono::NaiveDate;

use super::validate::limits::{ADDRESS, CODE, LABEL, NAME, REFERENCE};
use super::{validate, Invalid, Money, Problems, UnitKind};

/// Immeuble : bâtiment à une adresse postale, qui contient des lots.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Building {
    pub reference: String,
    /// Début de mise en gestion.
    pub start_date: NaiveDate,
    pub end_date: Option<NaiveDate>,
    /// Compte analytique (par défaut la référence).
    pub analytic: String,
    pub street: String,
    pub postcode: String,
    pub city: String,
    /// Syndic (référence de tiers).
    pub syndic: Option<String>,
    /// Titulaire des droits réels (RPLS).
    pub real_rights_holder: String,
}

impl Building {
    /// Complète les valeurs par défaut : analytique = référence.
    pub fn with_defaults(mut self) -> Self {
        self.reference = self.reference.trim().to_string();
        if self.analytic.trim().is_empty() {
            self.analytic = self.reference.clone();
        }
        self
    }

    pub fn validate(&self) -> Result<(), Vec<Invalid>> {
        let mut p = Problems::default();
        p.check(
            "reference",
            validate::reference("Référence de l'immeuble", &self.reference),
        );
        p.required("analytique", &self.analytic);
        p.required("rue", &self.street);
        p.check("code_postal", validate::postcode(&self.postcode));
        p.required("ville", &self.city);
        p.end_after_start("fin_gestion", self.start_date, self.end_date);
        p.max_lengths(&[
            ("analytique", &self.analytic, CODE),
            ("rue", &self.street, ADDRESS),
            ("ville", &self.city, NAME),
            ("syndic", self.syndic.as_deref().unwrap_or(""), REFERENCE),
            ("titulaire_droits_reels", &self.real_rights_holder, NAME),
        ]);
        p.into_result()
    }
}

/// Lot : logement (principal) ou annexe (secondaire : cave, parking).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    pub reference: String,
    /// Immeuble de rattachement (référence).
    pub building: String,
    pub start_date: NaiveDate,
    pub end_date: Option<NaiveDate>,
    pub nature: String,
    pub usage: String,
    pub form: String,
    /// Analytique propre ; vide = celui de l'immeuble.
    pub analytic: String,
    pub access_building: String,
    pub staircase: String,
    pub floor: String,
    pub door: String,
    pub kind: UnitKind,
    /// Surface habitable en m² (2 décimales).
    pub living_area: Option<Money>,
    /// Typologie T1…T8+.
    pub size: String,
    pub foyer: bool,
    pub rpls_id: String,
    pub dgfip_invariant: String,
    pub available: bool,
    pub unavailable_reason: String,
    pub reference_rent: Money,
    pub reference_charges: Money,
}

/// Typologies admises.
pub const UNIT_SIZES: &[&str] = &["T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8+"];

impl Unit {
    pub fn validate(&self) -> Result<(), Vec<Invalid>> {
        let mut p = Problems::default();
        p.check(
            "reference",
            validate::reference("Référence du lot", &self.reference),
        );
        p.required("immeuble", &self.building);
        p.required("nature", &self.nature);
        p.required("usage", &self.usage);
        p.required("forme", &self.form);
        p.end_after_start("fin_gestion", self.start_date, self.end_date);
        if !self.size.is_empty() && !UNIT_SIZES.contains(&self.size.as_str()) {
            p.push(
                "typologie",
                format!(
                    "« {} » inconnue (valeurs possibles : {})",
                    self.size,
                    UNIT_SIZES.join(", ")
                ),
            );
        }
        if self.living_area.is_some_and(|a| a.is_sign_negative()) {
            p.push("surface", "la surface ne peut pas être négative");
        }
        p.max_lengths(&[
            ("immeuble", &self.building, REFERENCE),
            ("nature", &self.nature, NAME),
            ("usage", &self.usage, NAME),
            ("forme", &self.form, NAME),
            ("analytique", &self.analytic, CODE),
            ("batiment", &self.access_building, NAME),
            ("escalier", &self.staircase, NAME),
            ("etage", &self.floor, NAME),
            ("porte", &self.door, NAME),
            ("rpls", &self.rpls_id, CODE),
            ("invariant_dgfip", &self.dgfip_invariant, CODE),
            ("motif_indisponibilite", &self.unavailable_reason, LABEL),
        ]);
        if !self.available && self.unavailable_reason.trim().is_empty() {
            p.push(
                "motif_indisponibilite",
                "indiquez pourquoi le lot n'est pas disponible",
            );
        }
        p.into_result()
    }
}

impl Unit {
    /// Code analytique du lot : le sien, sinon celui de son immeuble.
    pub fn analytic_code(&self, building: Option<&Building>) -> String {
        if self.analytic.trim().is_empty() {
            building.map(|b| b.analytic.clone()).unwrap_or_default()
        } else {
            self.analytic.clone()
        }
    }
}
