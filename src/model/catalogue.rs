//! Catalogues : comptes, journaux, modèles comptables, rubriques, banques, indices.

use chrono::NaiveDate;

use super::{validate, Gestion, Invalid, ItemPurpose, JournalKind, Money, Problems, Side};

/// Compte général ou collectif du plan comptable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    pub reference: String,
    pub label: String,
    pub start_date: NaiveDate,
    pub end_date: Option<NaiveDate>,
    /// Collectif : chaque écriture porte un tiers.
    pub collective: bool,
    pub export_tiers: bool,
    pub normal_side: Side,
    /// Compte de gestion du locataire (LO/DG/DV/EV) pour les comptes 411… et 165….
    pub gestion: Option<Gestion>,
    pub recoverable: bool,
    pub recovered: bool,
    pub spread_over_vacancy: bool,
    pub charge_type: String,
    pub analytic_required: bool,
}

impl Account {
    /// Classe du compte : son premier chiffre.
    pub fn class(&self) -> Option<u32> {
        self.reference.chars().next().and_then(|c| c.to_digit(10))
    }

    pub fn validate(&self) -> Result<(), Vec<Invalid>> {
        let mut p = Problems::default();
        p.check(
            "reference",
            validate::reference("Référence du compte", &self.reference),
        );
        if !matches!(self.class(), Some(1..=9)) {
            p.push(
                "reference",
                "un compte commence par le chiffre de sa classe (1 à 9)",
            );
        }
        p.required("intitule", &self.label);
        p.end_after_start("fin", self.start_date, self.end_date);
        if self.recoverable && !matches!(self.class(), Some(6 | 7)) {
            p.push(
                "recuperable",
                "seuls les comptes de classe 6 ou 7 peuvent être récupérables",
            );
        }
        p.into_result()
    }
}

/// Journal comptable (Achats, Ventes, Trésorerie, OD).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Journal {
    pub reference: String,
    pub label: String,
    pub kind: JournalKind,
    /// Compte de contrepartie automatique (vide = aucun).
    pub counter_account: String,
    pub lock_date: Option<NaiveDate>,
    pub start_date: NaiveDate,
    pub end_date: Option<NaiveDate>,
}

impl Journal {
    pub fn validate(&self) -> Result<(), Vec<Invalid>> {
        let mut p = Problems::default();
        p.check(
            "reference",
            validate::reference("Référence du journal", &self.reference),
        );
        p.required("intitule", &self.label);
        p.end_after_start("fin", self.start_date, self.end_date);
        p.into_result()
    }
}

/// Codes de provenance du compte d'une ligne de modèle.
pub const ACCOUNT_CODES: &[&str] = &[
    "%CompteR",
    "%CompteLO",
    "%CompteDG",
    "%CompteDV",
    "%CompteEV",
    "%CompteJournal",
];
/// Codes de provenance du tiers d'une ligne de modèle.
pub const TIERS_CODES: &[&str] = &["", "%TiersR_Piece", "%TiersR_Organisme"];
/// Codes de montant d'une ligne de modèle (manuel : « Signification des tokens »).
pub const AMOUNT_CODES: &[&str] = &[
    "",
    "%0",
    "%CompteR",
    "%*Piece",
    "%*GestionCPiece",
    "%*GestionC",
    "%*GestionCAPayer",
    "%TTCE",
];

/// Modèle comptable : canevas d'une pièce et de ses écritures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VoucherTemplate {
    pub reference: String,
    pub label: String,
    /// Type de journal imposé.
    pub journal_kind: JournalKind,
    /// Journal proposé (référence).
    pub journal: String,
    /// Modèle de règlement (fenêtre Règlements).
    pub is_payment: bool,
    pub tiers_required: bool,
    /// Jetons du libellé de la pièce (ex. `%TiersNom_Piece`).
    pub label_tokens: String,
    pub start_date: NaiveDate,
    pub lines: Vec<TemplateLine>,
}

/// Ligne de modèle : une écriture à générer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateLine {
    pub order: u32,
    pub account_code: String,
    pub account_ref: String,
    pub tiers_code: String,
    pub debit_code: String,
    pub credit_code: String,
}

impl VoucherTemplate {
    pub fn validate(&self) -> Result<(), Vec<Invalid>> {
        let mut p = Problems::default();
        p.check(
            "reference",
            validate::reference("Référence du modèle", &self.reference),
        );
        p.required("intitule", &self.label);
        for line in &self.lines {
            if !ACCOUNT_CODES.contains(&line.account_code.as_str()) {
                p.push(
                    "code_compte",
                    format!(
                        "ligne {} : code de compte « {} » inconnu",
                        line.order, line.account_code
                    ),
                );
            }
            if line.account_code == "%CompteR" && line.account_ref.is_empty() {
                p.push(
                    "compte",
                    format!(
                        "ligne {} : %CompteR demande un numéro de compte",
                        line.order
                    ),
                );
            }
            if !TIERS_CODES.contains(&line.tiers_code.as_str()) {
                p.push(
                    "code_tiers",
                    format!(
                        "ligne {} : code de tiers « {} » inconnu",
                        line.order, line.tiers_code
                    ),
                );
            }
            for code in [&line.debit_code, &line.credit_code] {
                if !AMOUNT_CODES.contains(&code.as_str()) {
                    p.push(
                        "code_montant",
                        format!(
                            "ligne {} : code de montant « {} » inconnu",
                            line.order, code
                        ),
                    );
                }
            }
            if line.debit_code.is_empty() == line.credit_code.is_empty() {
                p.push(
                    "code_montant",
                    format!(
                        "ligne {} : indiquez un code au débit ou au crédit, pas les deux",
                        line.order
                    ),
                );
            }
        }
        p.into_result()
    }
}

/// Rubrique du catalogue : élément de facturation (loyer, provision, assurance…).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChargeItem {
    pub reference: String,
    pub gestion: Gestion,
    pub item_type: String,
    pub purpose: ItemPurpose,
    /// Compte de produit (classe 7 ou 1) ou, pour une échéance, compte de gestion (classe 4).
    pub account: String,
    pub prorata: bool,
    /// Rubrique de régularisation des charges.
    pub settlement: bool,
    pub start_date: NaiveDate,
}

impl ChargeItem {
    pub fn validate(&self) -> Result<(), Vec<Invalid>> {
        let mut p = Problems::default();
        p.check(
            "reference",
            validate::reference("Référence de la rubrique", &self.reference),
        );
        if self.item_type.trim().is_empty() || self.item_type.len() > 5 {
            p.push("type", "type de rubrique obligatoire, 5 caractères au plus");
        }
        let class = self.account.chars().next();
        match self.purpose {
            ItemPurpose::Billing if !matches!(class, Some('1' | '7')) => p.push(
                "compte",
                "une rubrique de facturation se comptabilise sur un compte de classe 1 ou 7",
            ),
            ItemPurpose::Instalment if class != Some('4') => p.push(
                "compte",
                "une rubrique d'échéance désigne un compte de gestion de classe 4",
            ),
            _ => {}
        }
        p.into_result()
    }
}

/// Banque du catalogue ; elle donne le BIC des informations de règlement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bank {
    pub reference: String,
    pub name: String,
    pub bic: String,
}

impl Bank {
    pub fn validate(&self) -> Result<(), Vec<Invalid>> {
        let mut p = Problems::default();
        p.check(
            "reference",
            validate::reference("Référence de la banque", &self.reference),
        );
        p.required("nom", &self.name);
        p.check("bic", validate::bic(&self.bic));
        p.into_result()
    }
}

/// Valeur trimestrielle d'un indice (IRL, ou ICC en moyenne sur 4 trimestres).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RentIndex {
    pub series: String,
    pub year: i32,
    pub quarter: u8,
    pub value: Money,
    /// Date de publication par l'INSEE (vide si elle n'est pas connue).
    pub published: Option<chrono::NaiveDate>,
}
