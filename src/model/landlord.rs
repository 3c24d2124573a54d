//! Bailleur (S1).

use super::validate::limits::{ADDRESS, NAME, PHONE};
use super::{validate, Invalid, Problems};

/// Un contrôle de `validate` qui rend la valeur normalisée.
type Normalise = fn(&str) -> Result<String, validate::FieldError>;

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
    /// Valeurs telles qu'on les enregistre : sans espaces autour, IBAN, BIC, ICS et code
    /// CAF en majuscules sans espaces quand ils sont valides (sinon laissés tels quels
    /// pour que `validate` dise quoi corriger).
    pub fn normalised(mut self) -> Self {
        for text in [
            &mut self.code,
            &mut self.name,
            &mut self.street,
            &mut self.postcode,
            &mut self.city,
            &mut self.phone,
        ] {
            *text = text.trim().to_string();
        }
        self.siret = self.siret.chars().filter(|c| !c.is_whitespace()).collect();
        let fields: [(&mut String, Normalise); 4] = [
            (&mut self.caf_code, validate::caf_landlord_code),
            (&mut self.creditor_id, validate::creditor_id),
            (&mut self.iban, validate::iban),
            (&mut self.bic, validate::bic),
        ];
        for (value, check) in fields {
            if let Ok(clean) = check(value) {
                *value = clean;
            }
        }
        self
    }

    pub fn validate(&self) -> Result<(), Vec<Invalid>> {
        let mut p = Problems::default();
        p.check("code", validate::reference("Code du bailleur", &self.code));
        p.required("nom", &self.name);
        p.max_lengths(&[
            ("nom", &self.name, NAME),
            ("rue", &self.street, ADDRESS),
            ("ville", &self.city, NAME),
            ("telephone", &self.phone, PHONE),
        ]);
        if !self.postcode.is_empty() {
            p.check("code_postal", validate::postcode(&self.postcode));
        }
        if !self.siret.is_empty() {
            if self.siret.len() != 14 || !self.siret.chars().all(|c| c.is_ascii_digit()) {
                p.push("siret", "le SIRET comporte 14 chiffres");
            } else {
                p.check("siret", validate::siret(&self.siret));
            }
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
