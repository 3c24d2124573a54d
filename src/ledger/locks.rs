//! Verrouillage et sécurité des pièces (manuel : « Verrouillage & sécurité des
//! écritures ») : une pièce est verrouillée quand elle a été exportée, quand sa date de
//! valeur est au plus tard la date de clôture (du bailleur ou de son journal), ou quand
//! elle a dépassé le délai de modification autorisé (0 = verrouillée dès la saisie).
//! « Autoriser édition pièce » la déverrouille pour une seule modification. Les pièces
//! produites par les traitements (avis, soldes de tout compte…) ne sont jamais
//! modifiables : on supprime le document pour le régénérer.

use chrono::{Days, NaiveDate};

use super::books::{self, Books, StoredVoucher};
use super::{check_invariants, LedgerContext, LedgerError, VoucherDraft};
use crate::model::dates::format_date;
use crate::model::Role;
use crate::model::StoreError;

/// Origines des pièces saisies par les utilisateurs ; toute autre origine est un
/// traitement.
pub const USER_ORIGINS: &[&str] = &["saisie", "import"];

/// Pourquoi une pièce est verrouillée.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LockReason {
    Exported(NaiveDate),
    Closed(NaiveDate),
    JournalLocked(NaiveDate),
    Delay(u32),
}

impl std::fmt::Display for LockReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LockReason::Exported(d) => write!(f, "exportée en comptabilité le {}", format_date(*d)),
            LockReason::Closed(d) => write!(
                f,
                "période close : clôture des saisies au {}",
                format_date(*d)
            ),
            LockReason::JournalLocked(d) => {
                write!(f, "journal verrouillé jusqu'au {}", format_date(*d))
            }
            LockReason::Delay(0) => write!(
                f,
                "délai de modification de 0 jour : verrouillage dès la saisie"
            ),
            LockReason::Delay(n) => write!(
                f,
                "date de valeur dépassée de plus de {n} jours, délai de modification"
            ),
        }
    }
}

/// Réglages de verrouillage du bailleur.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LockSettings {
    pub closing_date: Option<NaiveDate>,
    pub delay_days: u32,
}

/// Raison pour laquelle une pièce est verrouillée à la date `today`, ou `None`.
pub fn lock_reason(
    value_date: NaiveDate,
    export_date: Option<NaiveDate>,
    journal_lock: Option<NaiveDate>,
    settings: LockSettings,
    today: NaiveDate,
) -> Option<LockReason> {
    if let Some(d) = export_date {
        return Some(LockReason::Exported(d));
    }
    if let Some(d) = settings.closing_date.filter(|d| value_date <= *d) {
        return Some(LockReason::Closed(d));
    }
    if let Some(d) = journal_lock.filter(|d| value_date <= *d) {
        return Some(LockReason::JournalLocked(d));
    }
    // Date de valeur glissante : verrouillée au-delà de `delay_days` jours.
    let limit = today
        .checked_sub_days(Days::new(u64::from(settings.delay_days)))
        .unwrap_or(NaiveDate::MIN);
    (value_date <= limit).then_some(LockReason::Delay(settings.delay_days))
}

/// Refus liés au verrouillage.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    #[error("pièce {0} inconnue")]
    Unknown(String),
    #[error("la pièce {number} a été produite par un traitement ({origin}) : elle ne se modifie pas ; supprimez le document qui l'a produite pour le régénérer")]
    Treatment { number: String, origin: String },
    #[error("la pièce {number} est verrouillée ({reason}) : demandez à un comptable ou un administrateur d'« autoriser l'édition » de la pièce, ou passez une pièce de correction")]
    Locked { number: String, reason: LockReason },
    #[error("seul un comptable ou un administrateur peut autoriser l'édition d'une pièce verrouillée (vous êtes {0})")]
    Role(Role),
    #[error("{0}")]
    Ledger(#[from] LedgerError),
}

impl From<StoreError> for LockError {
    fn from(e: StoreError) -> Self {
        LockError::Ledger(LedgerError::Store(e))
    }
}

fn settings(repo: &dyn Books) -> Result<LockSettings, LockError> {
    let (closing_date, delay_days) = repo.lock_settings()?;
    Ok(LockSettings {
        closing_date,
        delay_days,
    })
}

/// Manuel : une pièce de locataire (autre qu'un avis) ne change plus quand un avis
/// d'échéance postérieur a été généré pour lui.
fn check_no_later_notice(repo: &dyn Books, stored: &StoredVoucher) -> Result<(), LockError> {
    if stored.draft.origin == super::NOTICE_ORIGIN {
        return Ok(());
    }
    let notices = repo.last_notice_dates()?;
    match stored.draft.tiers.as_ref().and_then(|t| notices.get(t)) {
        Some(notice) if *notice > stored.draft.value_date => {
            Err(LockError::Ledger(LedgerError::AfterNotice {
                date: stored.draft.value_date,
                notice: *notice,
            }))
        }
        _ => Ok(()),
    }
}

/// La pièce, si elle peut être modifiée ou supprimée aujourd'hui.
fn editable(repo: &dyn Books, number: &str, today: NaiveDate) -> Result<StoredVoucher, LockError> {
    let stored = repo
        .voucher(number)?
        .ok_or_else(|| LockError::Unknown(number.to_string()))?;
    check_no_later_notice(repo, &stored)?;
    if !USER_ORIGINS.contains(&stored.draft.origin.as_str()) {
        return Err(LockError::Treatment {
            number: number.to_string(),
            origin: stored.draft.origin.clone(),
        });
    }
    if !stored.unlocked_once {
        if let Some(reason) = lock_reason(
            stored.draft.value_date,
            stored.export_date,
            stored.journal_lock,
            settings(repo)?,
            today,
        ) {
            return Err(LockError::Locked {
                number: number.to_string(),
                reason,
            });
        }
    }
    Ok(stored)
}

/// État de verrouillage d'une pièce aujourd'hui (pour l'affichage).
pub fn lock_state(
    repo: &dyn Books,
    number: &str,
    today: NaiveDate,
) -> Result<Option<LockReason>, LockError> {
    let stored = repo
        .voucher(number)?
        .ok_or_else(|| LockError::Unknown(number.to_string()))?;
    Ok(lock_reason(
        stored.draft.value_date,
        stored.export_date,
        stored.journal_lock,
        settings(repo)?,
        today,
    ))
}

/// « Autoriser édition pièce » : réservé aux comptables et administrateurs.
pub fn allow_edit(repo: &dyn Books, number: &str) -> Result<(), LockError> {
    let role = repo.session().role;
    if !matches!(role, Role::Accountant | Role::Administrator) {
        return Err(LockError::Role(role));
    }
    let stored = repo
        .voucher(number)?
        .ok_or_else(|| LockError::Unknown(number.to_string()))?;
    if !USER_ORIGINS.contains(&stored.draft.origin.as_str()) {
        return Err(LockError::Treatment {
            number: number.to_string(),
            origin: stored.draft.origin,
        });
    }
    Ok(books::unlock_once(repo, number)?)
}

/// Modifie une pièce : verrou, puis règles du grand livre sur le nouveau contenu (dont
/// la clôture pour la nouvelle date) ; l'autorisation ponctuelle est consommée.
pub fn modify(
    repo: &dyn Books,
    ctx: &LedgerContext,
    number: &str,
    draft: &VoucherDraft,
    today: NaiveDate,
) -> Result<(), LockError> {
    let stored = editable(repo, number, today)?;
    let new = VoucherDraft {
        origin: stored.draft.origin.clone(),
        ..draft.clone()
    };
    // Mêmes règles qu'à la création, dont la clôture si la date change (une pièce
    // débloquée peut être corrigée sans quitter sa date).
    let keeps_date = stored.unlocked_once && new.value_date == stored.draft.value_date;
    check_invariants(&new, ctx, !keeps_date)?;
    Ok(books::rewrite(repo, number, &new)?)
}

/// Supprime une pièce non verrouillée ; son numéro reste au journal des pièces.
pub fn delete(repo: &dyn Books, number: &str, today: NaiveDate) -> Result<(), LockError> {
    editable(repo, number, today)?;
    Ok(books::remove(repo, number)?)
}

/// Supprime la pièce d'un document (avis, appel de dépôt, facture) avec le document, ou
/// celle d'un fichier CAF que l'on retraite :
/// seuls les verrous durs l'empêchent (pièce exportée, période close, journal
/// verrouillé), pas le délai de modification, qui vise les saisies. Une pièce autre
/// qu'un avis reste soumise à la règle des avis postérieurs.
pub fn delete_document_voucher(repo: &dyn Books, number: &str) -> Result<(), LockError> {
    let stored = without_hard_lock(repo, number)?;
    check_no_later_notice(repo, &stored)?;
    Ok(books::remove(repo, number)?)
}

/// La pièce, si aucun verrou dur ne la tient (exportée, période close, journal
/// verrouillé) ; le délai de modification, qui vise les saisies, ne compte pas.
fn without_hard_lock(repo: &dyn Books, number: &str) -> Result<StoredVoucher, LockError> {
    let stored = repo
        .voucher(number)?
        .ok_or_else(|| LockError::Unknown(number.to_string()))?;
    let hard = LockSettings {
        delay_days: 0,
        ..settings(repo)?
    };
    // Délai ignoré : la date « aujourd'hui » la plus ancienne possible ne verrouille rien.
    if let Some(reason) = lock_reason(
        stored.draft.value_date,
        stored.export_date,
        stored.journal_lock,
        hard,
        NaiveDate::MIN,
    ) {
        return Err(LockError::Locked {
            number: number.to_string(),
            reason,
        });
    }
    Ok(stored)
}

/// Fusion de deux fiches d'un même locataire (manuel : « Les mutations ») : la pièce
/// passe du tiers `from` au tiers `to`, en-tête et écritures, sans autre changement ;
/// l'événement « modification » du journal des pièces garde la trace de la fusion.
/// Seuls les verrous durs l'empêchent.
pub fn reassign_tiers(
    repo: &dyn Books,
    number: &str,
    from: &str,
    to: &str,
) -> Result<(), LockError> {
    let mut draft = without_hard_lock(repo, number)?.draft;
    let moved = |tiers: &mut Option<String>| {
        if tiers.as_deref() == Some(from) {
            *tiers = Some(to.to_string());
        }
    };
    moved(&mut draft.tiers);
    for entry in &mut draft.entries {
        moved(&mut entry.tiers);
    }
    Ok(books::rewrite(repo, number, &draft)?)
}
