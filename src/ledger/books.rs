//! Les livres : ce que le grand livre demande à la base pour valider et écrire des
//! pièces. Le grand livre définit ce trait, le store l'implémente (SQLite aujourd'hui,
//! PostgreSQL demain). Les écritures de pièces demandent une `Door`, que seul ce module
//! fabrique : aucun traitement, aucune fenêtre ne peut écrire une pièce sans passer par
//! la validation et le chaînage du grand livre.
//!
//! Un traitement qui tenterait d'écrire une pièce directement ne compile pas :
//!
//! ```compile_fail,E0451
//! fn contourner(repo: &abri::store::Repo, draft: &abri::ledger::VoucherDraft) {
//!     let door = abri::ledger::books::Door { _only_the_ledger: () };
//!     let _ = repo.insert_voucher(&door, "2026000001", draft, "");
//! }
//! ```

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, NaiveDate};

use super::hash::{next_event, voucher_hash_of_draft, LedgerEvent};
use super::{LedgerError, VoucherDraft};
use crate::model::{
    Account, Invalid, Journal, Money, Session, StoreError, ThirdParty, VoucherTemplate,
};

type Result<T> = std::result::Result<T, StoreError>;

/// Le droit d'écrire une pièce : seul le grand livre en fabrique une, après validation.
pub struct Door {
    _only_the_ledger: (),
}

const DOOR: Door = Door {
    _only_the_ledger: (),
};

/// Une pièce enregistrée et ce qui décide de son verrouillage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredVoucher {
    pub number: String,
    pub draft: VoucherDraft,
    pub export_date: Option<NaiveDate>,
    /// Date de verrouillage du journal de la pièce.
    pub journal_lock: Option<NaiveDate>,
    pub unlocked_once: bool,
}

/// Ce que le grand livre lit et écrit dans la base, cloisonné au bailleur de la session.
pub trait Books {
    /// Qui travaille, pour quel bailleur.
    fn session(&self) -> &Session;

    /// Plan comptable du bailleur.
    fn accounts(&self) -> Result<Vec<Account>>;

    /// Journaux du bailleur.
    fn journals(&self) -> Result<Vec<Journal>>;

    /// Modèles de pièces du bailleur.
    fn templates(&self) -> Result<Vec<VoucherTemplate>>;

    /// Tiers du bailleur, par référence.
    fn third_parties(&self) -> Result<Vec<ThirdParty>>;

    /// Référence, début et verrou de chaque location : ce que le grand livre contrôle
    /// sur une pièce, sans relire les fiches complètes.
    fn lease_lock_states(&self) -> Result<Vec<(String, NaiveDate, bool)>>;

    /// Date de clôture et délai de modification (en jours) du bailleur.
    fn lock_settings(&self) -> Result<(Option<NaiveDate>, u32)>;

    /// Date de valeur du dernier avis d'échéance de chaque tiers (pièces d'avis, et avis
    /// sans pièce quand ils n'ont rien facturé).
    fn last_notice_dates(&self) -> Result<HashMap<String, NaiveDate>>;

    /// Soldes « débit − crédit » par (compte, tiers) d'un tiers, écritures datées au plus
    /// tard `at` (pour les codes de montant des modèles).
    fn tiers_balances(
        &self,
        tiers: &[&str],
        at: NaiveDate,
    ) -> Result<BTreeMap<(String, String), Money>>;

    /// Une pièce enregistrée avec son état (verrou, origine), ou `None`.
    fn voucher(&self, number: &str) -> Result<Option<StoredVoucher>>;

    /// Dernier événement du journal des pièces du bailleur (numéro d'ordre, empreinte
    /// chaînée). Toute création, modification ou suppression de pièce en ajoute un :
    /// tant qu'il est le même, les pièces et leurs écritures n'ont pas changé.
    fn ledger_head(&self) -> Result<Option<(i64, String)>>;

    /// Empreinte du dernier événement du journal des pièces (vide s'il n'y en a pas),
    /// à laquelle le prochain se chaîne.
    fn last_event_hash(&self) -> Result<String>;

    /// Plus grand numéro de pièce de l'année `year` au journal des pièces (pièces
    /// supprimées comprises), s'il y en a un.
    fn last_voucher_number(&self, year: i32) -> Result<Option<String>>;

    /// Horodatage (UTC, à la seconde) des lignes écrites par ce traitement.
    fn timestamp(&self) -> Result<String>;

    /// Ajoute une ligne au journal d'audit (ajout seul).
    fn audit(&self, action: &str, table: &str, key: &str, detail: &str) -> Result<()>;

    /// Enregistre une pièce validée sous `number` : en-tête, écritures, empreinte
    /// `hash`, scellement (le trigger refuse une pièce déséquilibrée).
    fn insert_voucher(
        &self,
        door: &Door,
        number: &str,
        draft: &VoucherDraft,
        hash: &str,
    ) -> Result<()>;

    /// Remplace l'en-tête et les écritures d'une pièce, scellée de nouveau avec `hash` ;
    /// l'autorisation d'édition ponctuelle est consommée.
    fn replace_voucher(
        &self,
        door: &Door,
        number: &str,
        draft: &VoucherDraft,
        hash: &str,
    ) -> Result<()>;

    /// Supprime une pièce et ses écritures ; rend l'empreinte de son contenu.
    fn delete_voucher(&self, door: &Door, number: &str) -> Result<String>;

    /// « Autoriser édition pièce » : la prochaine modification passe malgré le verrou.
    fn set_unlocked_once(&self, door: &Door, number: &str) -> Result<()>;

    /// Ajoute au journal des pièces un événement déjà chaîné, avec son empreinte.
    fn append_event(&self, door: &Door, event: &LedgerEvent, hash: &str) -> Result<()>;
}

/// Numéro suivant de l'année : `AAAA` + 6 chiffres, sans trou ni réemploi (le journal
/// des pièces garde aussi les numéros des pièces supprimées).
pub fn next_voucher_number(
    year: i32,
    last: Option<&str>,
) -> std::result::Result<String, StoreError> {
    let next = match last {
        Some(n) => n
            .get(4..)
            .and_then(|s| s.parse::<u32>().ok())
            .map_or(1, |s| s + 1),
        None => 1,
    };
    if next > 999_999 {
        return Err(StoreError::Invalid(vec![Invalid::new(
            "numero",
            format!("plus d'un million de pièces en {year}"),
        )]));
    }
    Ok(format!("{year:04}{next:06}"))
}

/// Empreinte du contenu d'une pièce, ou le refus si un montant n'est pas en centimes.
fn content_hash(number: &str, draft: &VoucherDraft) -> std::result::Result<String, LedgerError> {
    voucher_hash_of_draft(number, draft).ok_or_else(|| {
        let line = draft
            .entries
            .iter()
            .position(|e| {
                crate::model::money::to_cents(e.debit).is_none()
                    || crate::model::money::to_cents(e.credit).is_none()
            })
            .map_or(1, |i| i + 1);
        LedgerError::Cents { line }
    })
}

/// Ajoute au journal des pièces l'événement `kind` de la pièce `number`, chaîné au
/// précédent.
fn chain(books: &dyn Books, number: &str, kind: &str, content_hash: &str) -> Result<()> {
    let previous = books.last_event_hash()?;
    let event = next_event(
        &previous,
        number,
        kind,
        &books.timestamp()?,
        &books.session().user,
        content_hash,
    );
    books.append_event(&DOOR, &event.event, &event.hash)
}

/// Écrit une pièce déjà validée : numéro suivant, empreinte, scellement, événement de
/// création, audit. Rend le numéro.
pub(super) fn write_new(
    books: &dyn Books,
    draft: &VoucherDraft,
) -> std::result::Result<String, LedgerError> {
    let year = draft.value_date.year();
    let number = next_voucher_number(year, books.last_voucher_number(year)?.as_deref())?;
    let hash = content_hash(&number, draft)?;
    books.insert_voucher(&DOOR, &number, draft, &hash)?;
    chain(books, &number, "creation", &hash)?;
    books.audit("ajout", "voucher", &number, &draft.origin)?;
    Ok(number)
}

/// Réécrit une pièce dont la modification a été autorisée et validée.
pub(super) fn rewrite(
    books: &dyn Books,
    number: &str,
    draft: &VoucherDraft,
) -> std::result::Result<(), LedgerError> {
    let hash = content_hash(number, draft)?;
    books.replace_voucher(&DOOR, number, draft, &hash)?;
    chain(books, number, "modification", &hash)?;
    Ok(books.audit("modification", "voucher", number, "")?)
}

/// Supprime une pièce dont la suppression a été autorisée ; son numéro reste au journal
/// des pièces.
pub(super) fn remove(books: &dyn Books, number: &str) -> std::result::Result<(), LedgerError> {
    let hash = books.delete_voucher(&DOOR, number)?;
    chain(books, number, "suppression", &hash)?;
    Ok(books.audit("suppression", "voucher", number, "")?)
}

/// Autorise une modification de la pièce malgré son verrou.
pub(super) fn unlock_once(books: &dyn Books, number: &str) -> std::result::Result<(), LedgerError> {
    books.set_unlocked_once(&DOOR, number)?;
    Ok(books.audit("autorisation d'édition", "voucher", number, "")?)
}

#[cfg(test)]
mod tests {
    use super::next_voucher_number;

    #[test]
    fn numbers_follow_the_year_without_gap_and_stop_at_a_million() {
        assert_eq!(
            next_voucher_number(2026, None).ok().as_deref(),
            Some("2026000001")
        );
        assert_eq!(
            next_voucher_number(2026, Some("2026000041"))
                .ok()
                .as_deref(),
            Some("2026000042")
        );
        assert!(next_voucher_number(2026, Some("2026999999")).is_err());
    }
}
