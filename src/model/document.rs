//! Documents enregistrés (S8, S9) : avis d'échéance, appels du dépôt de garantie,
//! factures et avoirs, figés à leur génération.

use chrono::NaiveDate;

use super::{DocumentKind, Gestion, ItemPurpose, Money};

/// Partie d'un document où figure une ligne.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineSection {
    /// Ligne de la période (rubrique de la location).
    Period,
    /// Écriture du relevé de compte imprimé (règlements, APL… depuis l'avis précédent).
    Statement,
}

impl LineSection {
    pub fn code(self) -> &'static str {
        match self {
            LineSection::Period => "periode",
            LineSection::Statement => "releve",
        }
    }

    pub fn parse(text: &str) -> Result<Self, String> {
        match text {
            "periode" => Ok(LineSection::Period),
            "releve" => Ok(LineSection::Statement),
            other => Err(format!("section de document inconnue : {other}")),
        }
    }
}

/// Une ligne d'un document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentLine {
    pub section: LineSection,
    /// Rubrique du catalogue et début de la rubrique de location (cumul des plafonds).
    pub item_ref: String,
    pub item_start: Option<NaiveDate>,
    pub gestion: Option<Gestion>,
    pub item_type: String,
    pub purpose: Option<ItemPurpose>,
    pub date: Option<NaiveDate>,
    pub label: String,
    pub debit: Money,
    pub credit: Money,
}

impl DocumentLine {
    /// Montant signé « débit − crédit ».
    pub fn amount(&self) -> Money {
        self.debit - self.credit
    }
}

/// Un document d'un locataire.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TenantDocument {
    pub number: String,
    pub kind: DocumentKind,
    /// Location (référence).
    pub lease: String,
    /// Pièce comptable produite (numéro), s'il y en a une.
    pub voucher: Option<String>,
    pub value_date: NaiveDate,
    pub period_start: Option<NaiveDate>,
    pub period_end: Option<NaiveDate>,
    pub due_date: Option<NaiveDate>,
    /// Date de valeur de l'avis précédent du locataire.
    pub previous_date: Option<NaiveDate>,
    /// Solde antérieur « débit − crédit ».
    pub previous_balance: Money,
    /// Solde après le document.
    pub balance: Money,
    pub deferred: Money,
    pub total_due: Money,
    /// Montant facturé (avis : total des lignes FAC).
    pub amount: Money,
    pub previous_deposits: Money,
    pub reference: String,
    /// Échéance demandée (0 = règlement immédiat) et date du premier avis qui la rappelle.
    pub instalment: Money,
    pub instalment_start: Option<NaiveDate>,
    /// Destinataire : nom puis lignes d'adresse.
    pub recipient: Vec<String>,
    pub run_message: String,
    pub message: String,
    pub notice_printed: bool,
    pub receipt_printed: bool,
    pub lines: Vec<DocumentLine>,
}
