//! Empreinte des pièces, chaînée à la précédente du bailleur : toute modification
//! directe d'une pièce ou d'une écriture enregistrée rompt la chaîne, et `verifier` le
//! voit.

use sha2::{Digest, Sha256};

/// Ce que couvre l'empreinte d'une pièce : l'en-tête et chaque écriture, en texte
/// canonique (montants en centimes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HashInput {
    pub prev_hash: String,
    pub number: String,
    pub journal: String,
    pub value_date: String,
    pub label: String,
    pub tiers: String,
    pub lease: String,
    /// (ligne, compte, tiers, analytique, débit, crédit) en centimes.
    pub entries: Vec<(i64, String, String, String, i64, i64)>,
}

/// SHA-256 hexadécimal de la pièce et de l'empreinte précédente.
pub fn voucher_hash(input: &HashInput) -> String {
    let mut h = Sha256::new();
    for field in [
        &input.prev_hash,
        &input.number,
        &input.journal,
        &input.value_date,
        &input.label,
        &input.tiers,
        &input.lease,
    ] {
        h.update(field.as_bytes());
        h.update([0x1f]);
    }
    for (line, account, tiers, analytic, debit, credit) in &input.entries {
        h.update(format!("{line}\u{1f}{account}\u{1f}{tiers}\u{1f}{analytic}\u{1f}{debit}\u{1f}{credit}\u{1e}").as_bytes());
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}
