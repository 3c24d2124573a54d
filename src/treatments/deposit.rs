//! Appel du dépôt de garantie, factures et avoirs hors loyer (S9 ; manuel : « Les
//! demandes de versement du dépôt de garantie », « Les factures/avoirs de dépense hors
//! loyer »). Chacun produit un document, une pièce (`Loc_FACT DG`, `Loc_FACT DV`,
//! `Loc_AVOIR DV`) et, si le règlement est par échéances, une rubrique d'échéance de la
//! location. Ils se suppriment (pour être refaits) tant qu'aucun avis ne les suit.

use chrono::NaiveDate;

use crate::ledger::template::{draft_from_template, TemplateRequest};
use crate::ledger::{self, LedgerContext};
use crate::model::dates::format_date;
use crate::model::money::format_money;
use crate::model::{DocumentKind, Gestion, ItemPurpose, Lease, LeaseItem, Money, TenantDocument};
use crate::store::{Repo, Session, Store};
use crate::treatments::notices::{recipient_of, NoticeError};

/// Le dialogue de génération.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OneOffRequest {
    pub kind: DocumentKind,
    pub lease: String,
    pub value_date: NaiveDate,
    /// Information complémentaire (obligatoire pour une facture ou un avoir).
    pub reference: String,
    pub amount: Money,
    /// Règlement par échéances : montant de l'échéance et date du premier avis.
    pub instalments: Option<(Money, NaiveDate)>,
    pub message: String,
}

/// Refus du dialogue, champ par champ.
#[derive(Debug, thiserror::Error)]
pub enum OneOffError {
    #[error("{field} : {message}")]
    Invalid {
        field: &'static str,
        message: String,
    },
    #[error("{0}")]
    Notice(#[from] NoticeError),
}

impl From<crate::store::StoreError> for OneOffError {
    fn from(e: crate::store::StoreError) -> Self {
        OneOffError::Notice(NoticeError::Store(e))
    }
}

impl From<ledger::LedgerError> for OneOffError {
    fn from(e: ledger::LedgerError) -> Self {
        OneOffError::Notice(NoticeError::Ledger(e))
    }
}

fn invalid(field: &'static str, message: impl Into<String>) -> OneOffError {
    OneOffError::Invalid {
        field,
        message: message.into(),
    }
}

/// Modèle, gestion et origine de chaque nature de document.
fn template_of(kind: DocumentKind) -> Result<(&'static str, Gestion, &'static str), OneOffError> {
    match kind {
        DocumentKind::DepositCall => Ok(("Loc_FACT DG", Gestion::Deposit, "depot")),
        DocumentKind::Invoice => Ok(("Loc_FACT DV", Gestion::Misc, "facture")),
        DocumentKind::CreditNote => Ok(("Loc_AVOIR DV", Gestion::Misc, "avoir")),
        DocumentKind::Notice => Err(invalid(
            "document",
            "les avis d'échéance se génèrent par le traitement des avis",
        )),
        DocumentKind::Settlement => Err(invalid(
            "document",
            "le document de solde de tout compte se génère par le traitement des avis, une fois le solde établi",
        )),
    }
}

/// Dépôts déjà appelés au locataire (solde créditeur de ses comptes de dépôt, classe 1,
/// gestion DG) : le nouvel appel ne demande que le complément.
pub fn previous_deposits(repo: &Repo, tenant: &str, at: NaiveDate) -> Result<Money, OneOffError> {
    let deposit_accounts: Vec<String> = repo
        .accounts()?
        .into_iter()
        .filter(|a| a.class() == Some(1) && a.gestion == Some(Gestion::Deposit))
        .map(|a| a.reference)
        .collect();
    let balances = repo.tiers_balances(&[tenant], at)?;
    Ok(balances
        .iter()
        .filter(|((account, _), _)| deposit_accounts.contains(account))
        .map(|(_, b)| -*b)
        .sum())
}

/// Ce que le dialogue produirait : le document, sa pièce, la rubrique d'échéance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OneOffPlan {
    pub document: TenantDocument,
    pub voucher: ledger::VoucherDraft,
    pub item: Option<LeaseItem>,
}

/// Vérifie la demande et prépare document, pièce et rubrique (sans rien écrire).
pub fn plan(repo: &Repo, request: &OneOffRequest) -> Result<OneOffPlan, OneOffError> {
    let (template, gestion, origin) = template_of(request.kind)?;
    let lease: Lease = repo
        .leases()?
        .into_iter()
        .find(|l| l.reference == request.lease.trim())
        .ok_or_else(|| NoticeError::UnknownLease(request.lease.trim().to_string()))?;
    if request.amount <= Money::ZERO {
        return Err(invalid("montant", "saisissez un montant positif"));
    }
    if request.kind != DocumentKind::DepositCall && request.reference.trim().is_empty() {
        return Err(invalid(
            "reference",
            "la référence est obligatoire pour une facture ou un avoir : elle figure sur le document",
        ));
    }
    if let Some((instalment, first)) = request.instalments {
        if request.kind == DocumentKind::CreditNote {
            return Err(invalid(
                "reglement",
                "un avoir se rembourse en une fois : pas d'échéances",
            ));
        }
        if instalment <= Money::ZERO || instalment > request.amount {
            return Err(invalid(
                "montant_echeance",
                format!(
                    "l'échéance doit être positive et au plus le montant ({})",
                    format_money(request.amount)
                ),
            ));
        }
        if first < lease.start_date {
            return Err(invalid(
                "premiere_echeance",
                format!(
                    "la première échéance ne peut précéder le début de la location ({})",
                    format_date(lease.start_date)
                ),
            ));
        }
    }
    let ctx = LedgerContext::load(repo)?;
    let analytic = analytic_of(repo, &lease)?;
    let mut voucher = draft_from_template(
        repo,
        &ctx,
        &TemplateRequest {
            template: template.to_string(),
            journal: String::new(),
            value_date: request.value_date,
            tiers: Some(lease.tenant.clone()),
            payer: None,
            amount: request.amount,
            free_label: request.reference.clone(),
            lease: Some(lease.reference.clone()),
            analytic: analytic.clone(),
            reference: request.reference.clone(),
            payment_mode: None,
            payment_date: None,
        },
    )?;
    voucher.origin = origin.to_string();
    ledger::validate(&voucher, &ctx)?;
    let previous = if request.kind == DocumentKind::DepositCall {
        previous_deposits(repo, &lease.tenant, request.value_date)?
    } else {
        Money::ZERO
    };
    let item = match request.instalments {
        Some((instalment, first)) => {
            Some(instalment_item(repo, &lease, gestion, instalment, first)?)
        }
        None => None,
    };
    let recipient = recipient(repo, &lease)?;
    let signed = if request.kind == DocumentKind::CreditNote {
        -request.amount
    } else {
        request.amount
    };
    let document = TenantDocument {
        number: String::new(),
        kind: request.kind,
        lease: lease.reference.clone(),
        voucher: None,
        value_date: request.value_date,
        period_start: None,
        period_end: None,
        due_date: None,
        previous_date: None,
        previous_balance: Money::ZERO,
        balance: Money::ZERO,
        deferred: Money::ZERO,
        total_due: signed,
        amount: signed,
        previous_deposits: previous,
        reference: request.reference.trim().to_string(),
        instalment: request.instalments.map_or(Money::ZERO, |(a, _)| a),
        instalment_start: request.instalments.map(|(_, d)| d),
        recipient,
        run_message: String::new(),
        message: request.message.clone(),
        notice_printed: false,
        receipt_printed: false,
        lines: Vec::new(),
    };
    Ok(OneOffPlan {
        document,
        voucher,
        item,
    })
}

/// Rubrique d'échéance : la rubrique ECH du catalogue pour la gestion (dépôt ou divers).
fn instalment_item(
    repo: &Repo,
    lease: &Lease,
    gestion: Gestion,
    amount: Money,
    first: NaiveDate,
) -> Result<LeaseItem, OneOffError> {
    let charge = repo
        .charge_items()?
        .into_iter()
        .filter(|c| c.purpose == ItemPurpose::Instalment && c.gestion == gestion)
        .min_by(|a, b| a.reference.cmp(&b.reference))
        .ok_or_else(|| {
            invalid(
                "reglement",
                format!(
                    "aucune rubrique d'échéance ({}) au catalogue des rubriques : créez-en une",
                    gestion.label()
                ),
            )
        })?;
    Ok(LeaseItem {
        lease: lease.reference.clone(),
        item: charge.reference,
        gestion,
        item_type: charge.item_type,
        purpose: ItemPurpose::Instalment,
        active: true,
        start_date: first,
        months: None,
        end_date: None,
        free_reference: String::new(),
        initial_amount: amount,
        revised_amount: amount,
        prorata: false,
        ceiling: Money::ZERO,
        to_increase: false,
        revision_date: None,
    })
}

/// Destinataire du document : la règle unique des documents (`notices::recipient_of`).
pub(crate) fn recipient(repo: &Repo, lease: &Lease) -> Result<Vec<String>, OneOffError> {
    let tenant = repo
        .tenants()?
        .into_iter()
        .find(|t| t.reference == lease.tenant);
    let unit = repo
        .units()?
        .into_iter()
        .find(|u| u.reference == lease.unit);
    let building = match &unit {
        Some(u) => repo
            .buildings()?
            .into_iter()
            .find(|b| b.reference == u.building),
        None => None,
    };
    let payer = match &lease.third_party_payer {
        Some(p) => repo
            .third_parties()?
            .into_iter()
            .find(|t| &t.reference == p),
        None => None,
    };
    Ok(recipient_of(
        lease,
        tenant.as_ref(),
        unit.as_ref(),
        building.as_ref(),
        payer.as_ref(),
    ))
}

/// Analytique d'une location : celui de son lot, à défaut celui de l'immeuble.
pub(crate) fn analytic_of(repo: &Repo, lease: &Lease) -> Result<String, OneOffError> {
    let unit = repo
        .units()?
        .into_iter()
        .find(|u| u.reference == lease.unit);
    Ok(match unit {
        Some(u) => {
            let building = repo
                .buildings()?
                .into_iter()
                .find(|b| b.reference == u.building);
            u.analytic_code(building.as_ref())
        }
        None => String::new(),
    })
}

/// Enregistre le plan : pièce, document, rubrique d'échéance ; rend le numéro du document.
pub fn apply(repo: &Repo, planned: &OneOffPlan) -> Result<String, OneOffError> {
    let ctx = LedgerContext::load(repo)?;
    let mut document = planned.document.clone();
    document.voucher = Some(ledger::post(repo, &ctx, &planned.voucher)?);
    let number = repo.insert_document(&document)?;
    if let Some(item) = &planned.item {
        repo.insert_document_item(item, &number)?;
    }
    Ok(number)
}

/// Génère le document (ou, en simulation, le prépare seulement) ; rend le plan et le
/// numéro créé.
pub fn run(
    store: &mut Store,
    session: &Session,
    request: &OneOffRequest,
    simulation: bool,
) -> Result<(OneOffPlan, Option<String>), OneOffError> {
    if simulation {
        let planned = plan(&store.read(session), request)?;
        return Ok((planned, None));
    }
    let action = format!("{} {}", request.kind.label(), request.lease.trim());
    store.write(session, &action, |repo| {
        let planned = plan(repo, request)?;
        let number = apply(repo, &planned)?;
        Ok((planned, Some(number)))
    })
}
