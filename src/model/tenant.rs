//! Locataires (S4), allocations logement et tiers (S5).

use chrono::NaiveDate;

use super::validate::limits::{ADDRESS, CODE, NAME, PHONE, REFERENCE};
use super::{validate, Invalid, Problems, TenantState, ThirdPartyKind};

/// Locataire : ménage candidat, puis locataire dès qu'une location lui est rattachée.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tenant {
    pub reference: String,
    pub professional: bool,
    pub civility: String,
    pub surname: String,
    pub first_name: String,
    /// Début du suivi (indépendant du début de la location).
    pub followup_start: NaiveDate,
    /// Calculé par le store : `Locataire` dès qu'une location existe.
    pub state: TenantState,
    /// Adresse alternative d'envoi des documents (prioritaire sur celle du lot).
    pub alt_street: String,
    pub alt_postcode: String,
    pub alt_city: String,
    /// Numéro unique régional.
    pub nur: String,
    pub birth_date: Option<NaiveDate>,
    pub email: String,
    pub phone1: String,
    pub phone2: String,
    pub gdpr_consent: bool,
    pub gdpr_consent_date: Option<NaiveDate>,
    /// Allocations logement (onglet Administratif).
    pub claims: Vec<BenefitClaim>,
}

/// Allocation logement : allocataire, organisme payeur, numéro allocataire.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BenefitClaim {
    pub claimant: String,
    pub start_date: Option<NaiveDate>,
    /// Organisme payeur (référence d'un tiers de type organisme payeur).
    pub payer: Option<String>,
    pub payer_number: String,
    /// Numéro allocataire `\d{7}[A-Z]`.
    pub claimant_no: String,
}

impl Tenant {
    /// Nom affiché : civilité, nom, prénom.
    pub fn display_name(&self) -> String {
        [
            self.civility.as_str(),
            self.surname.as_str(),
            self.first_name.as_str(),
        ]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" ")
    }

    /// Reflet des numéros allocataires, pour la recherche (champ AllocationsNumeros).
    pub fn claimant_numbers(&self) -> String {
        self.claims
            .iter()
            .map(|c| c.claimant_no.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }

    pub fn validate(&self) -> Result<(), Vec<Invalid>> {
        let mut p = Problems::default();
        p.check(
            "reference",
            validate::reference("Référence du locataire", &self.reference),
        );
        p.required("nom", &self.surname);
        p.max_lengths(&[
            ("civilite", &self.civility, NAME),
            ("nom", &self.surname, NAME),
            ("prenom", &self.first_name, NAME),
            ("adresse_alt_rue", &self.alt_street, ADDRESS),
            ("adresse_alt_ville", &self.alt_city, NAME),
            ("nur", &self.nur, CODE),
            ("telephone1", &self.phone1, PHONE),
            ("telephone2", &self.phone2, PHONE),
        ]);
        if !self.alt_postcode.is_empty() {
            p.check(
                "adresse_alt_code_postal",
                validate::postcode(&self.alt_postcode),
            );
        }
        if !self.alt_street.is_empty() && self.alt_city.trim().is_empty() {
            p.push(
                "adresse_alt_ville",
                "l'adresse alternative doit comporter une ville",
            );
        }
        if !self.email.is_empty() {
            p.check("email", validate::email(&self.email));
        }
        if let Some(birth) = self.birth_date {
            if birth > self.followup_start {
                p.push(
                    "date_naissance",
                    "la date de naissance est postérieure au début du suivi",
                );
            }
        }
        if self.gdpr_consent && self.gdpr_consent_date.is_none() {
            p.push("date_consentement", "indiquez la date du consentement RGPD");
        }
        for claim in &self.claims {
            p.required("allocataire", &claim.claimant);
            p.max_lengths(&[
                ("allocataire", &claim.claimant, NAME),
                (
                    "organisme_payeur",
                    claim.payer.as_deref().unwrap_or(""),
                    REFERENCE,
                ),
                ("numero_organisme", &claim.payer_number, CODE),
            ]);
            p.check(
                "numero_allocataire",
                validate::claimant_number(&claim.claimant_no),
            );
        }
        p.into_result()
    }
}

/// Tiers : toute contrepartie ayant un compte (locataire, fournisseur, CAF, syndic…).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThirdParty {
    pub reference: String,
    pub kind: ThirdPartyKind,
    pub name: String,
    pub street: String,
    pub postcode: String,
    pub city: String,
    pub phone: String,
    pub email: String,
    /// Compte d'exportation (par défaut la référence).
    pub export_account: String,
}

/// Tiers spécial qui reçoit les montants CAF des allocataires inconnus.
pub const UNKNOWN_CLAIMANT_PARTY: &str = "LINCONNU";

impl ThirdParty {
    pub fn with_defaults(mut self) -> Self {
        self.reference = self.reference.trim().to_string();
        if self.export_account.trim().is_empty() {
            self.export_account = self.reference.clone();
        }
        self
    }

    pub fn validate(&self) -> Result<(), Vec<Invalid>> {
        let mut p = Problems::default();
        p.check(
            "reference",
            validate::reference("Référence du tiers", &self.reference),
        );
        p.required("nom", &self.name);
        p.max_lengths(&[
            ("nom", &self.name, NAME),
            ("rue", &self.street, ADDRESS),
            ("ville", &self.city, NAME),
            ("telephone", &self.phone, PHONE),
        ]);
        // Par défaut le compte d'export est la référence, déjà contrôlée.
        if self.export_account != self.reference {
            p.check(
                "compte_export",
                validate::max_length(&self.export_account, CODE),
            );
        }
        if !self.postcode.is_empty() {
            p.check("code_postal", validate::postcode(&self.postcode));
        }
        if !self.email.is_empty() {
            p.check("email", validate::email(&self.email));
        }
        p.into_result()
    }
}
