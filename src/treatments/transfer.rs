//! Mutation (S14 ; manuel : « Les mutations ») : le locataire change de logement chez le
//! même bailleur. L'ancienne location sort la veille du début de la nouvelle (motif
//! mutation) ; la nouvelle location, pour le même locataire, reprend ce que
//! l'utilisateur confirme (rubriques en cours, informations de règlement et coordonnées
//! bancaires) ; les comptes du locataire continuent ; le dépôt demandé pour le nouveau
//! logement n'appelle que le complément du dépôt déjà détenu (S9).

use chrono::{Days, NaiveDate};

use crate::model::dates::format_date;
use crate::model::money::format_money;
use crate::model::reference::{next_free, LEASE_PATTERN};
use crate::model::{
    DocumentKind, Lease, LeaseItem, LeasePeriod, Money, MoveOutReason, PaymentInfo,
};
use crate::store::{Repo, Session, Store, StoreError};
use crate::treatments::deposit::{self, previous_deposits, OneOffPlan, OneOffRequest};
use crate::treatments::move_out::{self, MoveOutError, MoveOutPlan, MoveOutRequest};

/// Le dialogue de mutation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransferRequest {
    /// Ancienne location.
    pub lease: String,
    /// Lot du nouveau logement.
    pub unit: String,
    /// Début de la nouvelle location (l'ancienne sort la veille).
    pub start: NaiveDate,
    /// Référence de la nouvelle location (vide : la suivante du modèle BAIL###).
    pub new_reference: String,
    /// Reprendre les rubriques en cours de l'ancienne location.
    pub copy_items: bool,
    /// Reprendre les informations de règlement (mode, prélèvement, IBAN, mandat).
    pub copy_payment: bool,
    /// Dépôt de garantie demandé pour le nouveau logement (appel du complément).
    pub deposit: Option<Money>,
}

/// Refus d'une mutation.
#[derive(Debug, thiserror::Error)]
pub enum TransferError {
    #[error("{field} : {message}")]
    Invalid {
        field: &'static str,
        message: String,
    },
    #[error("{0}")]
    MoveOut(#[from] MoveOutError),
    #[error("{0}")]
    Deposit(#[from] deposit::OneOffError),
    #[error("{0}")]
    Store(#[from] StoreError),
}

fn invalid(field: &'static str, message: impl Into<String>) -> TransferError {
    TransferError::Invalid {
        field,
        message: message.into(),
    }
}

/// Ce que la mutation écrirait.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransferPlan {
    pub move_out: MoveOutPlan,
    pub lease: Lease,
    pub period: LeasePeriod,
    pub items: Vec<LeaseItem>,
    /// Dépôt déjà détenu pour le locataire.
    pub deposit_held: Money,
    /// Dépôt demandé pour le nouveau logement.
    pub deposit_asked: Option<Money>,
    /// Document d'appel du complément, une fois enregistré.
    pub deposit_document: Option<String>,
}

/// Le lot est libre au début : aucune autre location sans sortie antérieure.
fn check_unit_free(leases: &[Lease], unit: &str, start: NaiveDate) -> Result<(), TransferError> {
    match leases
        .iter()
        .find(|l| l.unit == unit && l.move_out_date.is_none_or(|out| out >= start))
    {
        Some(busy) => Err(invalid(
            "lot",
            format!(
                "le lot « {unit} » est occupé par la location « {} » (locataire {}) à cette date : indiquez d'abord sa sortie",
                busy.reference, busy.tenant
            ),
        )),
        None => Ok(()),
    }
}

/// Rubriques de l'ancienne location encore en cours au début de la nouvelle, au montant
/// en vigueur, à partir du début de la nouvelle.
fn carried_items(items: &[LeaseItem], old: &Lease, new: &Lease) -> Vec<LeaseItem> {
    items
        .iter()
        .filter(|i| {
            i.lease == old.reference
                && i.active
                && i.end_date.is_none_or(|end| end >= new.start_date)
        })
        .map(|i| {
            let amount = i.amount_at(new.start_date);
            LeaseItem {
                lease: new.reference.clone(),
                start_date: new.start_date,
                months: None,
                end_date: None,
                initial_amount: amount,
                revised_amount: amount,
                revision_date: None,
                ..i.clone()
            }
        })
        .collect()
}

/// Vérifie la mutation et prépare sortie, nouvelle location, rubriques et appel du
/// complément de dépôt (sans rien écrire).
pub fn plan(repo: &Repo, request: &TransferRequest) -> Result<TransferPlan, TransferError> {
    let old = move_out::find_lease(repo, &request.lease)?;
    let out = request
        .start
        .checked_sub_days(Days::new(1))
        .ok_or_else(|| invalid("debut", "date hors calendrier"))?;
    let move_out = move_out::plan(
        repo,
        &MoveOutRequest {
            lease: old.reference.clone(),
            date: out,
            reason: MoveOutReason::Transfer,
            keys_returned: None,
            inventory: None,
        },
    )?;
    let leases = repo.leases()?;
    if !repo
        .units()?
        .iter()
        .any(|u| u.reference == request.unit.trim())
    {
        return Err(TransferError::Store(StoreError::Unknown {
            what: "Lot",
            reference: request.unit.trim().to_string(),
        }));
    }
    check_unit_free(
        &leases
            .iter()
            .filter(|l| l.reference != old.reference)
            .cloned()
            .collect::<Vec<_>>(),
        request.unit.trim(),
        request.start,
    )?;
    let reference = if request.new_reference.trim().is_empty() {
        next_free(LEASE_PATTERN, leases.iter().map(|l| l.reference.as_str()))
    } else {
        request.new_reference.trim().to_string()
    };
    let lease = Lease {
        reference,
        unit: request.unit.trim().to_string(),
        start_date: request.start,
        move_out_date: None,
        move_out_reason: None,
        locked: false,
        payment_mode: if request.copy_payment {
            old.payment_mode
        } else {
            crate::model::PaymentMode::Cheque
        },
        payment: if request.copy_payment {
            old.payment.clone()
        } else {
            PaymentInfo::default()
        },
        notes: String::new(),
        ..old.clone()
    };
    lease.validate().map_err(StoreError::Invalid)?;
    let months = repo
        .periods()?
        .into_iter()
        .filter(|p| p.lease == old.reference)
        .max_by_key(|p| p.start_date)
        .map_or(12, |p| p.months);
    let period = LeasePeriod::new(&lease.reference, request.start, months, None, None)
        .map_err(|e| StoreError::Invalid(vec![e]))?;
    let items = if request.copy_items {
        carried_items(&repo.lease_items()?, &old, &lease)
    } else {
        Vec::new()
    };
    let deposit_held = previous_deposits(repo, &old.tenant, request.start)?;
    Ok(TransferPlan {
        move_out,
        lease,
        period,
        items,
        deposit_held,
        deposit_asked: request.deposit,
        deposit_document: None,
    })
}

/// La nouvelle location existe : l'appel du complément de dépôt se prépare sur elle.
fn deposit_call(repo: &Repo, planned: &TransferPlan) -> Result<Option<OneOffPlan>, TransferError> {
    let complement = complement(planned);
    if complement <= Money::ZERO {
        return Ok(None);
    }
    Ok(Some(deposit::plan(
        repo,
        &OneOffRequest {
            kind: DocumentKind::DepositCall,
            lease: planned.lease.reference.clone(),
            value_date: planned.lease.start_date,
            reference: String::new(),
            amount: complement,
            instalments: None,
            message: String::new(),
        },
    )?))
}

/// Enregistre la mutation : sortie de l'ancienne location, nouvelle location, période,
/// rubriques, appel du complément de dépôt. Rend le plan complété de l'appel.
pub fn apply(repo: &Repo, planned: &TransferPlan) -> Result<TransferPlan, TransferError> {
    move_out::apply(repo, &planned.move_out)?;
    repo.insert_lease(&planned.lease)?;
    repo.insert_period(&planned.period)?;
    for item in &planned.items {
        repo.insert_lease_item(item)?;
    }
    let mut done = planned.clone();
    if let Some(call) = deposit_call(repo, planned)? {
        done.deposit_document = Some(deposit::apply(repo, &call)?);
    }
    Ok(done)
}

/// Fait la mutation (ou, en simulation, la vérifie : l'appel du complément y est
/// calculé sans être préparé).
pub fn run(
    store: &mut Store,
    session: &Session,
    request: &TransferRequest,
    simulation: bool,
) -> Result<TransferPlan, TransferError> {
    if simulation {
        return plan(&store.read(session), request);
    }
    let action = format!("mutation {}", request.lease.trim());
    store.write(session, &action, |repo| {
        let planned = plan(repo, request)?;
        apply(repo, &planned)
    })
}

/// Complément de dépôt à appeler : le dépôt demandé moins celui déjà détenu (jamais
/// négatif).
pub fn complement(planned: &TransferPlan) -> Money {
    planned.deposit_asked.map_or(Money::ZERO, |asked| {
        (asked - planned.deposit_held).max(Money::ZERO)
    })
}

/// Compte rendu de la mutation.
pub fn report(planned: &TransferPlan, simulation: bool) -> String {
    let mut out = format!(
        "{}mutation du locataire {} : la location {} sort le {} (mutation) ; nouvelle location {} sur le lot {} à partir du {} ({} rubrique(s) reprise(s))\n",
        if simulation { "[simulation] " } else { "" },
        planned.lease.tenant,
        planned.move_out.lease.reference,
        planned.move_out.lease.move_out_date.map(format_date).unwrap_or_default(),
        planned.lease.reference,
        planned.lease.unit,
        format_date(planned.lease.start_date),
        planned.items.len()
    );
    if let Some(asked) = planned.deposit_asked {
        out.push_str(&format!(
            "dépôt demandé {} ; déjà détenu {} : appel du complément de {}",
            format_money(asked),
            format_money(planned.deposit_held),
            format_money(complement(planned))
        ));
        match &planned.deposit_document {
            Some(number) => out.push_str(&format!(" (document {number})\n")),
            None => out.push('\n'),
        }
    }
    out.push_str("les comptes du locataire continuent sur la nouvelle location\n");
    out
}
