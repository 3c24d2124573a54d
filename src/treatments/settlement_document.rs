//! Document « Solde de tout compte » (S14 ; manuel : « Editer le document de solde de
//! tout compte ») : créé par le traitement des avis dès qu'une pièce `Loc_OD SoldeTC`
//! existe pour la location, une seule fois ; figé à sa création comme les avis. Il
//! porte les écritures du locataire depuis le dernier avis, le dépôt et sa retenue avec
//! le motif, le solde final et la façon dont il se règle.

use crate::documents::{mask_iban, SettlementDoc, TenantHeader};
use crate::ledger::{LedgerContext, LedgerLine};
use crate::model::{
    DocumentKind, DocumentLine, Gestion, Lease, LineSection, Money, TenantDocument,
};
use crate::store::{Repo, StoreError};
use crate::treatments::deposit::OneOffError;
use crate::treatments::notices::NoticeError;
use crate::treatments::settlement::{
    TenantLedger, DEPOSITS_TEMPLATE, SETTLEMENT_REF, WITHHOLDING_TEMPLATE,
};

/// Les documents de solde de tout compte à créer pour les locations visées (`None` :
/// toutes) : solde établi, pas encore de document.
pub fn pending(repo: &Repo, scope: Option<&[String]>) -> Result<Vec<TenantDocument>, StoreError> {
    let settled = repo.settled_leases_without_document(SETTLEMENT_REF, DEPOSITS_TEMPLATE)?;
    if settled.is_empty() {
        return Ok(Vec::new());
    }
    let ctx = LedgerContext::load(repo)?;
    let mut out = Vec::new();
    for lease in repo.leases()? {
        let wanted = scope.is_none_or(|s| s.contains(&lease.reference))
            && settled.contains(&lease.reference);
        if !wanted {
            continue;
        }
        let lines = repo.tiers_lines(&lease.tenant, None)?;
        if let Some(doc) = document_of(repo, &ctx, &lease, &lines)? {
            out.push(doc);
        }
    }
    Ok(out)
}

/// Crée les documents en attente ; rend leurs numéros.
pub fn create_pending(repo: &Repo, scope: Option<&[String]>) -> Result<Vec<String>, StoreError> {
    let mut numbers = Vec::new();
    for doc in pending(repo, scope)? {
        numbers.push(repo.insert_document(&doc)?);
    }
    Ok(numbers)
}

/// Le document d'une location dont le solde est établi (sinon `None`).
fn document_of(
    repo: &Repo,
    ctx: &LedgerContext,
    lease: &Lease,
    lines: &[LedgerLine],
) -> Result<Option<TenantDocument>, StoreError> {
    let ledger = TenantLedger::of(lines, lease);
    let Some(deposits) = ledger.deposits_voucher() else {
        return Ok(None);
    };
    // Le dernier avis de la location : le relevé part de là.
    let last_notice = repo
        .notice_index()?
        .into_iter()
        .filter(|n| n.lease == lease.reference)
        .max_by_key(|n| n.period_start);
    let notice_voucher = match &last_notice {
        Some(n) => repo.document(&n.number)?.and_then(|d| d.voucher),
        None => None,
    };
    let current = |l: &&LedgerLine| {
        ctx.accounts
            .get(&l.account)
            .is_some_and(|a| a.gestion.is_some() && a.class() == Some(4))
    };
    let after_notice = |l: &LedgerLine| match (&notice_voucher, &last_notice) {
        (Some(number), _) => l.number > *number,
        (None, Some(n)) => l.value_date > n.value_date,
        (None, None) => true,
    };
    let mut previous_balance = Money::ZERO;
    let mut statement = Vec::new();
    for l in lines.iter().filter(current) {
        if after_notice(l) {
            statement.push(DocumentLine {
                section: LineSection::Statement,
                item_ref: String::new(),
                item_start: None,
                gestion: ctx.accounts.get(&l.account).and_then(|a| a.gestion),
                item_type: String::new(),
                purpose: None,
                date: Some(l.value_date),
                label: l.label.clone(),
                debit: l.debit,
                credit: l.credit,
            });
        } else {
            previous_balance += l.debit - l.credit;
        }
    }
    let withholding: Money = lines
        .iter()
        .filter(|l| l.template.as_deref() == Some(WITHHOLDING_TEMPLATE) && l.credit.is_zero())
        .filter(|l| ledger.settlement.iter().any(|v| v.number == l.number))
        .map(|l| l.debit)
        .sum();
    // Motif : le libellé de la retenue, après « : ».
    let reason = lines
        .iter()
        .find(|l| {
            l.template.as_deref() == Some(WITHHOLDING_TEMPLATE)
                && ledger.settlement.iter().any(|v| v.number == l.number)
        })
        .and_then(|l| l.label.split_once(" : ").map(|(_, r)| r.to_string()))
        .unwrap_or_default();
    let deposit_held: Money = lines
        .iter()
        .filter(|l| l.number == deposits.number)
        .filter(|l| {
            ctx.accounts
                .get(&l.account)
                .is_some_and(|a| a.class() == Some(1) && a.gestion == Some(Gestion::Deposit))
        })
        .map(|l| l.debit)
        .sum();
    let balance = ledger.total(&ctx.accounts);
    Ok(Some(TenantDocument {
        number: String::new(),
        kind: DocumentKind::Settlement,
        lease: lease.reference.clone(),
        voucher: None,
        value_date: deposits.value_date,
        period_start: None,
        period_end: None,
        due_date: None,
        previous_date: last_notice.map(|n| n.value_date),
        previous_balance,
        balance,
        deferred: Money::ZERO,
        total_due: balance,
        amount: withholding,
        previous_deposits: deposit_held,
        reference: reason,
        instalment: Money::ZERO,
        instalment_start: None,
        recipient: recipient(repo, lease)?,
        run_message: String::new(),
        message: String::new(),
        notice_printed: false,
        receipt_printed: false,
        lines: statement,
    }))
}

/// Destinataire : la règle unique des documents (`deposit::recipient`).
fn recipient(repo: &Repo, lease: &Lease) -> Result<Vec<String>, StoreError> {
    crate::treatments::deposit::recipient(repo, lease).map_err(|e| match e {
        OneOffError::Notice(NoticeError::Store(e)) => e,
        other => StoreError::Database(other.to_string()),
    })
}

/// Le document imprimable d'un solde de tout compte enregistré.
pub fn printable(doc: &TenantDocument, lease: &Lease, header: TenantHeader) -> SettlementDoc {
    SettlementDoc {
        header,
        move_out_date: lease.move_out_date,
        previous_balance: doc.previous_balance,
        movements: crate::treatments::print::statement_movements(doc),
        deposit_held: doc.previous_deposits,
        withholding: doc.amount,
        withholding_reason: doc.reference.clone(),
        balance: doc.balance,
        ending: ending_sentence(doc.balance, lease),
        message: doc.message.clone(),
    }
}

/// Comment le solde se règle.
fn ending_sentence(balance: Money, lease: &Lease) -> String {
    if balance.is_zero() {
        "Vos comptes sont soldés : vous ne nous devez rien et nous ne vous devons rien.".to_string()
    } else if balance.is_sign_negative() {
        let iban = mask_iban(&lease.payment.iban);
        if iban.is_empty() {
            "Ce montant vous sera remboursé.".to_string()
        } else {
            format!("Ce montant vous sera remboursé par virement sur votre compte {iban}.")
        }
    } else {
        "Merci de régler ce montant à réception de ce document.".to_string()
    }
}
