//! Sortie d'une location (S14) : remise des clés et état des lieux de sortie, d'où
//! part le délai légal de restitution du dépôt de garantie (loi 1989, art. 22). La date
//! et le motif de sortie restent sur la location (`Lease`).

use chrono::NaiveDate;

use super::ExitInventory;

/// Ce que la sortie ajoute à la location : remise des clés, état des lieux de sortie.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeaseExit {
    /// Location (référence).
    pub lease: String,
    pub keys_returned: Option<NaiveDate>,
    pub inventory: Option<ExitInventory>,
}
