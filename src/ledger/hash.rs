//! Empreintes du grand livre. Chaque pièce porte l'empreinte de son contenu ; chaque
//! création, modification ou suppression ajoute au journal des pièces un événement qui
//! porte cette empreinte et est chaîné au précédent. Une pièce, une écriture ou un
//! événement changé hors d'Abri ne correspond plus, et `verifier` le voit.

use sha2::{Digest, Sha256};

/// Une écriture dans l'empreinte : (ligne, compte, tiers, analytique, débit, crédit),
/// montants en centimes.
pub type HashedEntry = (i64, String, String, String, i64, i64);

/// Ce que couvre l'empreinte d'une pièce : l'en-tête et chaque écriture, en texte
/// canonique (montants en centimes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HashInput {
    pub number: String,
    pub journal: String,
    pub value_date: String,
    pub label: String,
    pub tiers: String,
    pub lease: String,
    pub entries: Vec<HashedEntry>,
}

fn hex(digest: impl AsRef<[u8]>) -> String {
    digest.as_ref().iter().map(|b| format!("{b:02x}")).collect()
}

/// SHA-256 hexadécimal du contenu d'une pièce.
pub fn voucher_hash(input: &HashInput) -> String {
    let mut h = Sha256::new();
    for field in [
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
    hex(h.finalize())
}

/// Un événement du journal des pièces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LedgerEvent {
    pub number: String,
    /// `creation`, `modification` ou `suppression`.
    pub kind: String,
    pub at: String,
    pub user: String,
    /// Empreinte du contenu de la pièce après l'événement (avant, pour une suppression).
    pub content_hash: String,
    pub prev_hash: String,
}

/// SHA-256 hexadécimal d'un événement, chaîné à l'empreinte du précédent.
pub fn event_hash(event: &LedgerEvent) -> String {
    let mut h = Sha256::new();
    for field in [
        &event.prev_hash,
        &event.number,
        &event.kind,
        &event.at,
        &event.user,
        &event.content_hash,
    ] {
        h.update(field.as_bytes());
        h.update([0x1f]);
    }
    hex(h.finalize())
}
