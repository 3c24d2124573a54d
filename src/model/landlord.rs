//! Bailleur (S1).

use super::{validate, Invalid, Problems};

/// Bailleur : l'organisme dont on tient la comptabilité ; toute fiche lui appartient.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Landlord {
    pub code: String,
    pub name: String,
    pub street: String,
    pub postcode: String,
    pub city: String,
    pub phone: String,
    pub siret: String,
    /// Code national bailleur CAF (ex. `P7512`).
    pub caf_code: String,
    /// Identifiant créancier SEPA (ICS).
    pub creditor_id: String,
    pub iban: String,
    pub bic: String,
}

impl Landlord {
    pub fn validate(&self) -> Result<(), Vec<Invalid>> {
        let mut p = Problems::default();
        p.required("code", &self.code);
        p.required("nom", &self.name);
        if !self.siret.is_empty()
            && (self.siret.len() != 14 || !self.siret.chars().all(|c| c.is_ascii_digit()))
        {
            p.push("siret", "le SIRET comporte 14 chiffres");
        }
        if !self.caf_code.is_empty() {
            p.check("code_caf", validate::caf_landlord_code(&self.caf_code));
        }
        if !self.creditor_id.is_empty() {
            p.check("ics", validate::creditor_id(&self.creditor_id));
        }
        if !self.iban.is_empty() {
            p.check("iban", validate::iban(&self.iban));
        }
        if !self.bic.is_empty() {
            p.check("bic", validate::bic(&self.bic));
        }
        p.into_result()
    }
}
