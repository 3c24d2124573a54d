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
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HashInput {
    pub number: String,
    pub journal: String,
    pub value_date: String,
    pub label: String,
    pub tiers: String,
    pub lease: String,
    pub entries: Vec<HashedEntry>,
}

/// Hexadécimal minuscule, sans allocation par octet.
fn hex(digest: impl AsRef<[u8]>) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let bytes = digest.as_ref();
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 0x0f)]));
    }
    out
}

/// Empreinte d'une pièce calculée au fil de la lecture (sans construire `HashInput`) :
/// `new` avec l'en-tête, `entry` pour chaque écriture dans l'ordre des lignes, `finish`.
/// Mêmes octets que `voucher_hash`.
pub struct VoucherHasher {
    sha: Sha256,
}

/// Écrit dans l'empreinte ce que `write!` met en forme, sans chaîne intermédiaire.
struct Feed<'a>(&'a mut Sha256);

impl std::fmt::Write for Feed<'_> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.0.update(s.as_bytes());
        Ok(())
    }
}

impl VoucherHasher {
    /// En-tête : numéro, journal, date de valeur, libellé, tiers, location.
    pub fn new(header: [&str; 6]) -> Self {
        let mut sha = Sha256::new();
        for field in header {
            sha.update(field.as_bytes());
            sha.update([0x1f]);
        }
        VoucherHasher { sha }
    }

    /// Une écriture : (ligne, compte, tiers, analytique, débit, crédit), en centimes.
    pub fn entry(
        &mut self,
        line: i64,
        account: &str,
        tiers: &str,
        analytic: &str,
        debit: i64,
        credit: i64,
    ) {
        use std::fmt::Write;
        // L'écriture dans un `Sha256` ne peut pas échouer.
        let _ = write!(
            Feed(&mut self.sha),
            "{line}\u{1f}{account}\u{1f}{tiers}\u{1f}{analytic}\u{1f}{debit}\u{1f}{credit}\u{1e}"
        );
    }

    /// SHA-256 hexadécimal.
    pub fn finish(self) -> String {
        hex(self.sha.finalize())
    }
}

/// SHA-256 hexadécimal du contenu d'une pièce.
pub fn voucher_hash(input: &HashInput) -> String {
    let mut h = VoucherHasher::new([
        &input.number,
        &input.journal,
        &input.value_date,
        &input.label,
        &input.tiers,
        &input.lease,
    ]);
    for (line, account, tiers, analytic, debit, credit) in &input.entries {
        h.entry(*line, account, tiers, analytic, *debit, *credit);
    }
    h.finish()
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

/// Empreinte du contenu d'une pièce à enregistrer sous `number` (mêmes octets que
/// `voucher_hash` sur la pièce relue) ; `None` si un montant n'est pas en centimes.
pub fn voucher_hash_of_draft(number: &str, draft: &super::VoucherDraft) -> Option<String> {
    use crate::model::money::to_cents;
    let date = crate::model::dates::iso(draft.value_date);
    let mut h = VoucherHasher::new([
        number,
        &draft.journal,
        &date,
        &draft.label,
        draft.tiers.as_deref().unwrap_or_default(),
        draft.lease.as_deref().unwrap_or_default(),
    ]);
    for (i, e) in draft.entries.iter().enumerate() {
        let line = i64::try_from(i + 1).unwrap_or(i64::MAX);
        h.entry(
            line,
            &e.account,
            e.tiers.as_deref().unwrap_or_default(),
            &e.analytic,
            to_cents(e.debit)?,
            to_cents(e.credit)?,
        );
    }
    Some(h.finish())
}

/// Un événement du journal des pièces chaîné au précédent, avec son empreinte.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainedEvent {
    pub event: LedgerEvent,
    pub hash: String,
}

/// La règle de chaînage : l'événement `kind` de la pièce `number`, qui porte
/// l'empreinte `content_hash` de son contenu, chaîné à l'empreinte `previous` du
/// dernier événement du bailleur (vide pour le premier).
pub fn next_event(
    previous: &str,
    number: &str,
    kind: &str,
    at: &str,
    user: &str,
    content_hash: &str,
) -> ChainedEvent {
    let event = LedgerEvent {
        number: number.to_string(),
        kind: kind.to_string(),
        at: at.to_string(),
        user: user.to_string(),
        content_hash: content_hash.to_string(),
        prev_hash: previous.to_string(),
    };
    let hash = event_hash(&event);
    ChainedEvent { event, hash }
}
