//! Types du métier, sans entrée-sortie ni SQL : montants, dates, codes, fiches
//! (immeubles, lots, locataires, tiers, locations) et catalogues, avec leur validation.
//! Les fiches désignent les autres fiches par leur référence (comme les listes CSV et
//! les formulaires) ; le store les résout en identifiants.

pub mod allocation_key;
pub mod building;
pub mod catalogue;
pub mod codes;
pub mod dates;
pub mod document;
pub mod landlord;
pub mod lease;
pub mod money;
pub mod move_out;
pub mod payment;
pub mod reference;
pub mod revision;
pub mod session;
pub mod tenant;
pub mod validate;

pub use allocation_key::{shares_warning, AllocationKey, UnitShare};
pub use building::{Building, Unit};
pub use catalogue::{Account, Bank, ChargeItem, Journal, RentIndex, TemplateLine, VoucherTemplate};
pub use codes::*;
pub use document::{DocumentLine, LineSection, TenantDocument};
pub use landlord::Landlord;
pub use lease::{Lease, LeaseItem, LeasePeriod, PaymentInfo};
pub use money::Money;
pub use move_out::LeaseExit;
pub use payment::PaymentInput;
pub use revision::{IndexSeries, Quarter, RevisionOwner, RevisionTerms};
pub use session::{Session, StoreError};
pub use tenant::{BenefitClaim, Tenant, ThirdParty};

/// Une valeur refusée : le champ (libellé de colonne) et ce qu'il faut corriger.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field} : {message}")]
pub struct Invalid {
    pub field: &'static str,
    pub message: String,
}

impl Invalid {
    pub fn new(field: &'static str, message: impl Into<String>) -> Self {
        Invalid {
            field,
            message: message.into(),
        }
    }
}

/// Collecte les erreurs d'une fiche champ par champ, pour tout montrer d'un coup.
#[derive(Debug, Default)]
pub struct Problems(pub Vec<Invalid>);

impl Problems {
    /// Retient l'erreur d'un contrôle de `validate` sous le nom du champ.
    pub fn check<T>(
        &mut self,
        field: &'static str,
        result: Result<T, validate::FieldError>,
    ) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(error) => {
                self.0.push(Invalid::new(field, error.to_string()));
                None
            }
        }
    }

    pub fn push(&mut self, field: &'static str, message: impl Into<String>) {
        self.0.push(Invalid::new(field, message));
    }

    /// Champ texte obligatoire.
    pub fn required(&mut self, field: &'static str, value: &str) {
        if value.trim().is_empty() {
            self.push(field, "champ obligatoire, à renseigner");
        }
    }

    /// Textes bornés : chaque (champ, valeur, longueur maximale de `validate::limits`).
    pub fn max_lengths(&mut self, fields: &[(&'static str, &str, usize)]) {
        for &(field, value, max) in fields {
            self.check(field, validate::max_length(value, max));
        }
    }

    /// Date de fin postérieure ou égale au début.
    pub fn end_after_start(
        &mut self,
        field: &'static str,
        start: chrono::NaiveDate,
        end: Option<chrono::NaiveDate>,
    ) {
        if let Some(end) = end {
            if end < start {
                self.push(
                    field,
                    format!(
                        "la date de fin ({}) est antérieure à la date de début ({})",
                        dates::format_date(end),
                        dates::format_date(start)
                    ),
                );
            }
        }
    }

    pub fn into_result(self) -> Result<(), Vec<Invalid>> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(self.0)
        }
    }
}
