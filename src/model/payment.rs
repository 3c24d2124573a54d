//! Un règlement tel que l'utilisateur le saisit : valeur pure, sans règle de plan. Ici
//! pour que le fichier d'import (`formats`) le lise sans dépendre des traitements.

use chrono::NaiveDate;

use super::{Money, PaymentMode};

/// Modèle des règlements par défaut.
pub const DEFAULT_TEMPLATE: &str = "Loc_REGL";

/// Un règlement tel que l'utilisateur le saisit (une ligne de la saisie rapide ou du
/// fichier importé).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PaymentInput {
    /// Numéro de la ligne (ligne du fichier, ou rang dans la saisie) pour le compte rendu.
    pub line: usize,
    /// Numéro de remise (vide = automatique si l'option est active).
    pub batch_no: String,
    /// Date de valeur (obligatoire).
    pub value_date: Option<NaiveDate>,
    /// Lot (facultatif : donne le locataire de la location en cours).
    pub unit: Option<String>,
    /// Locataire (obligatoire, sauf s'il se déduit du lot).
    pub tenant: Option<String>,
    pub amount: Money,
    /// Mode (vide = celui de la location).
    pub mode: Option<PaymentMode>,
    /// Date du règlement (obligatoire pour un chèque ; sinon la date de valeur).
    pub payment_date: Option<NaiveDate>,
    /// Référence : numéro du chèque, du virement…
    pub reference: String,
    /// Banque tirée (chèque).
    pub bank: String,
    /// Modèle comptable (`Loc_REGL` par défaut).
    pub template: String,
    /// Organisme payeur (CAF, FSL…) qui règle pour le locataire.
    pub payer: Option<String>,
    /// Journal (vide = celui du modèle).
    pub journal: String,
}

impl Default for PaymentInput {
    fn default() -> Self {
        PaymentInput {
            line: 1,
            batch_no: String::new(),
            value_date: None,
            unit: None,
            tenant: None,
            amount: Money::ZERO,
            mode: None,
            payment_date: None,
            reference: String::new(),
            bank: String::new(),
            template: DEFAULT_TEMPLATE.to_string(),
            payer: None,
            journal: String::new(),
        }
    }
}
