//! Pièces et écritures : validation, numérotation, chaînage, balance. La seule porte
//! d'écriture des écritures comptables (S7).

pub mod allocation;
pub mod balance;
pub mod books;
pub mod hash;
pub mod locks;
pub mod statement;
pub mod template;

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::model::dates::format_date;
use crate::model::money::format_money;
use crate::model::StoreError;
use crate::model::{
    Account, Gestion, Journal, JournalKind, Money, PaymentMode, ThirdPartyKind, VoucherTemplate,
};
use books::Books;

/// Origine des pièces produites par la génération des avis d'échéance.
pub const NOTICE_ORIGIN: &str = "avis";

/// Une écriture à enregistrer (débit xor crédit).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct EntryDraft {
    pub account: String,
    /// Tiers (référence) : obligatoire sur un compte collectif, interdit sinon.
    pub tiers: Option<String>,
    pub analytic: String,
    pub label: String,
    pub debit: Money,
    pub credit: Money,
}

/// Une pièce à enregistrer avec ses écritures.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct VoucherDraft {
    pub journal: String,
    pub value_date: NaiveDate,
    pub label: String,
    pub template: Option<String>,
    pub tiers: Option<String>,
    /// Location concernée (pièce de locataire).
    pub lease: Option<String>,
    pub analytic: String,
    pub payment_mode: Option<PaymentMode>,
    pub payment_date: Option<NaiveDate>,
    pub batch_no: String,
    pub reference: String,
    /// Traitement ou document d'origine (`saisie` pour une saisie manuelle).
    pub origin: String,
    pub entries: Vec<EntryDraft>,
}

/// Refus d'une pièce, en français, avec ce qu'il faut corriger.
#[derive(Debug, thiserror::Error)]
pub enum LedgerError {
    #[error("pièce sans écriture : saisissez au moins une écriture au débit et une au crédit")]
    Empty,
    #[error("pièce déséquilibrée : débit {} ≠ crédit {} (écart {}) ; corrigez les montants", format_money(*.debit), format_money(*.credit), format_money(*.debit - *.credit))]
    Unbalanced { debit: Money, credit: Money },
    #[error("écriture {line} : montant nul au débit et au crédit ; supprimez la ligne")]
    ZeroLine { line: usize },
    #[error("écriture {line} : un montant au débit OU au crédit, pas les deux")]
    BothSides { line: usize },
    #[error("écriture {line} : montant négatif ; passez-le dans l'autre colonne")]
    Negative { line: usize },
    #[error("écriture {line} : montant avec plus de deux décimales")]
    Cents { line: usize },
    #[error("écriture {line} : compte « {account} » inconnu du plan comptable")]
    UnknownAccount { line: usize, account: String },
    #[error("écriture {line} : le compte « {account} » n'est pas ouvert au {} ", format_date(*.date))]
    ClosedAccount {
        line: usize,
        account: String,
        date: NaiveDate,
    },
    #[error("écriture {line} : le compte collectif « {account} » demande un tiers")]
    TiersRequired { line: usize, account: String },
    #[error("écriture {line} : le compte général « {account} » ne prend pas de tiers")]
    TiersForbidden { line: usize, account: String },
    #[error(
        "écriture {line} : le compte « {account} » demande un code analytique (immeuble ou lot)"
    )]
    AnalyticRequired { line: usize, account: String },
    #[error("journal « {0} » inconnu")]
    UnknownJournal(String),
    #[error("le journal « {journal} » n'est pas ouvert au {}", format_date(*.date))]
    ClosedJournal { journal: String, date: NaiveDate },
    #[error("la pièce est datée du {}, période close (clôture des saisies au {}) : datez-la après la clôture", format_date(*.date), format_date(*.closing))]
    ClosedPeriod { date: NaiveDate, closing: NaiveDate },
    #[error("le journal « {journal} » est verrouillé jusqu'au {} inclus : datez la pièce après", format_date(*.lock))]
    JournalLocked { journal: String, lock: NaiveDate },
    #[error("un avis d'échéance du {} a déjà été généré pour ce locataire, après la date de la pièce ({}) : datez la pièce à partir du {}, ou supprimez d'abord l'avis", format_date(*.notice), format_date(*.date), format_date(*.notice))]
    AfterNotice { date: NaiveDate, notice: NaiveDate },
    #[error("modèle « {0} » inconnu")]
    UnknownTemplate(String),
    #[error("le modèle « {template} » s'emploie dans un journal {expected}, pas dans le journal « {journal} » ({found})")]
    JournalKind {
        template: String,
        journal: String,
        expected: JournalKind,
        found: JournalKind,
    },
    #[error("location « {0} » inconnue")]
    UnknownLease(String),
    #[error("la location « {0} » est verrouillée : aucune écriture ne peut y être passée (déverrouillez-la d'abord)")]
    LockedLease(String),
    #[error("la pièce est datée du {} , avant le début de la location « {lease} » ({}) ; datez-la à partir du début", format_date(*.date), format_date(*.start))]
    BeforeLeaseStart {
        lease: String,
        date: NaiveDate,
        start: NaiveDate,
    },
    #[error("le journal « {0} » n'a pas de compte de contrepartie : le modèle en demande un (%CompteJournal)")]
    NoCounterAccount(String),
    #[error("aucun compte de gestion {0} (classe 4) dans le plan comptable")]
    NoGestionAccount(Gestion),
    #[error("le modèle « {0} » demande un tiers pour la pièce : indiquez le locataire")]
    TiersMissing(String),
    #[error("le modèle « {0} » demande un organisme payeur : indiquez-le")]
    PayerMissing(String),
    #[error("{0}")]
    Store(#[from] StoreError),
}

/// Ce que la validation doit connaître du bailleur : plan comptable, journaux, modèles,
/// locations. Lu une fois par traitement.
pub struct LedgerContext {
    pub accounts: HashMap<String, Account>,
    pub journals: HashMap<String, Journal>,
    pub templates: HashMap<String, VoucherTemplate>,
    /// Location → (début, verrouillée).
    pub leases: HashMap<String, (NaiveDate, bool)>,
    /// Date de clôture des saisies du bailleur.
    pub closing_date: Option<NaiveDate>,
    /// Tiers → date de valeur de son dernier avis d'échéance généré.
    pub last_notices: HashMap<String, NaiveDate>,
}

impl LedgerContext {
    pub fn load(repo: &dyn Books) -> Result<Self, StoreError> {
        Ok(LedgerContext {
            accounts: repo
                .accounts()?
                .into_iter()
                .map(|a| (a.reference.clone(), a))
                .collect(),
            journals: repo
                .journals()?
                .into_iter()
                .map(|j| (j.reference.clone(), j))
                .collect(),
            templates: repo
                .templates()?
                .into_iter()
                .map(|t| (t.reference.clone(), t))
                .collect(),
            leases: repo
                .lease_lock_states()?
                .into_iter()
                .map(|(reference, start, locked)| (reference, (start, locked)))
                .collect(),
            closing_date: repo.lock_settings()?.0,
            last_notices: repo.last_notice_dates()?,
        })
    }
}

fn open_at(start: NaiveDate, end: Option<NaiveDate>, date: NaiveDate) -> bool {
    start <= date && end.is_none_or(|e| date <= e)
}

/// Vérifie tous les invariants d'une pièce (S7) avant qu'elle n'existe.
pub fn validate(draft: &VoucherDraft, ctx: &LedgerContext) -> Result<(), LedgerError> {
    check_invariants(draft, ctx, true)
}

/// Les invariants ; `closing_applies` est faux seulement pour une pièce dont l'édition a
/// été autorisée et qui garde sa date dans la période close.
pub(crate) fn check_invariants(
    draft: &VoucherDraft,
    ctx: &LedgerContext,
    closing_applies: bool,
) -> Result<(), LedgerError> {
    let journal = ctx
        .journals
        .get(&draft.journal)
        .ok_or_else(|| LedgerError::UnknownJournal(draft.journal.clone()))?;
    if !open_at(journal.start_date, journal.end_date, draft.value_date) {
        return Err(LedgerError::ClosedJournal {
            journal: journal.reference.clone(),
            date: draft.value_date,
        });
    }
    if let Some(closing) = ctx
        .closing_date
        .filter(|c| closing_applies && draft.value_date <= *c)
    {
        return Err(LedgerError::ClosedPeriod {
            date: draft.value_date,
            closing,
        });
    }
    if let Some(lock) = journal
        .lock_date
        .filter(|l| closing_applies && draft.value_date <= *l)
    {
        return Err(LedgerError::JournalLocked {
            journal: journal.reference.clone(),
            lock,
        });
    }
    if let Some(reference) = &draft.template {
        let template = ctx
            .templates
            .get(reference)
            .ok_or_else(|| LedgerError::UnknownTemplate(reference.clone()))?;
        if template.journal_kind != journal.kind {
            return Err(LedgerError::JournalKind {
                template: template.reference.clone(),
                journal: journal.reference.clone(),
                expected: template.journal_kind,
                found: journal.kind,
            });
        }
    }
    // Manuel : une pièce ne peut être créée, modifiée ou supprimée s'il existe des avis
    // d'échéance postérieurs pour le locataire.
    if draft.origin != NOTICE_ORIGIN {
        if let Some(notice) = draft.tiers.as_ref().and_then(|t| ctx.last_notices.get(t)) {
            if *notice > draft.value_date {
                return Err(LedgerError::AfterNotice {
                    date: draft.value_date,
                    notice: *notice,
                });
            }
        }
    }
    if let Some(lease) = &draft.lease {
        let (start, locked) = ctx
            .leases
            .get(lease)
            .ok_or_else(|| LedgerError::UnknownLease(lease.clone()))?;
        if *locked {
            return Err(LedgerError::LockedLease(lease.clone()));
        }
        if draft.value_date < *start {
            return Err(LedgerError::BeforeLeaseStart {
                lease: lease.clone(),
                date: draft.value_date,
                start: *start,
            });
        }
    }
    if draft.entries.is_empty() {
        return Err(LedgerError::Empty);
    }
    let (mut debit, mut credit) = (Money::ZERO, Money::ZERO);
    for (i, e) in draft.entries.iter().enumerate() {
        let line = i + 1;
        if e.debit.is_sign_negative() || e.credit.is_sign_negative() {
            return Err(LedgerError::Negative { line });
        }
        if e.debit.is_zero() && e.credit.is_zero() {
            return Err(LedgerError::ZeroLine { line });
        }
        if !e.debit.is_zero() && !e.credit.is_zero() {
            return Err(LedgerError::BothSides { line });
        }
        if e.debit.normalize().scale() > 2 || e.credit.normalize().scale() > 2 {
            return Err(LedgerError::Cents { line });
        }
        let account = ctx
            .accounts
            .get(&e.account)
            .ok_or_else(|| LedgerError::UnknownAccount {
                line,
                account: e.account.clone(),
            })?;
        if !open_at(account.start_date, account.end_date, draft.value_date) {
            return Err(LedgerError::ClosedAccount {
                line,
                account: e.account.clone(),
                date: draft.value_date,
            });
        }
        match (
            account.collective,
            e.tiers.as_deref().is_some_and(|t| !t.is_empty()),
        ) {
            (true, false) => {
                return Err(LedgerError::TiersRequired {
                    line,
                    account: e.account.clone(),
                })
            }
            (false, true) => {
                return Err(LedgerError::TiersForbidden {
                    line,
                    account: e.account.clone(),
                })
            }
            _ => {}
        }
        if account.analytic_required && e.analytic.trim().is_empty() {
            return Err(LedgerError::AnalyticRequired {
                line,
                account: e.account.clone(),
            });
        }
        debit += e.debit;
        credit += e.credit;
    }
    if debit != credit {
        return Err(LedgerError::Unbalanced { debit, credit });
    }
    Ok(())
}

/// Valide puis enregistre une pièce dans la transaction de `repo` : numéro suivant de
/// l'année, empreinte chaînée, scellement. Renvoie le numéro de pièce.
pub fn post(
    books: &dyn Books,
    ctx: &LedgerContext,
    draft: &VoucherDraft,
) -> Result<String, LedgerError> {
    validate(draft, ctx)?;
    debug_assert!(
        draft.entries.iter().map(|e| e.debit).sum::<Money>()
            == draft.entries.iter().map(|e| e.credit).sum::<Money>(),
        "une pièce validée est équilibrée"
    );
    books::write_new(books, draft)
}

/// Une écriture enregistrée avec l'en-tête de sa pièce et les libellés utiles aux
/// listes et exports (FEC, liste des pièces).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LedgerLine {
    pub number: String,
    pub journal: String,
    pub journal_label: String,
    pub value_date: NaiveDate,
    pub label: String,
    pub template: Option<String>,
    pub voucher_tiers: Option<String>,
    pub lease: Option<String>,
    pub reference: String,
    /// Date d'enregistrement (validation) de la pièce.
    pub recorded_on: NaiveDate,
    pub line_no: i64,
    pub account: String,
    pub account_label: String,
    pub account_collective: bool,
    pub tiers: Option<String>,
    pub tiers_name: String,
    pub tiers_kind: Option<ThirdPartyKind>,
    pub analytic: String,
    pub entry_label: String,
    pub debit: Money,
    pub credit: Money,
}

impl LedgerLine {
    /// L'écriture telle qu'on la saisit (pour la modifier ou la réexporter).
    pub fn entry(&self) -> EntryDraft {
        EntryDraft {
            account: self.account.clone(),
            tiers: self.tiers.clone(),
            analytic: self.analytic.clone(),
            label: self.entry_label.clone(),
            debit: self.debit,
            credit: self.credit,
        }
    }

    /// Libellé affiché : celui de l'écriture, à défaut celui de la pièce.
    pub fn display_label(&self) -> &str {
        if self.entry_label.is_empty() {
            &self.label
        } else {
            &self.entry_label
        }
    }
}
