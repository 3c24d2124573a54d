//! Retours de la banque sur les prélèvements (S15, étape 5 du manuel « Les prélèvements
//! bancaires ») : un `camt.054` crédite les prélèvements (ou les retourne après crédit),
//! un `pain.002` les rejette avant règlement.
//!
//! - Un prélèvement crédité devient un règlement en mode prélèvement, ventilé par les
//!   règles des règlements (S10), daté du crédit, référencé par son EndToEndId ; ceux
//!   d'une même date forment une remise (`R…-PRL-nn`).
//! - Un prélèvement rejeté déjà réglé est contre-passé : une pièce `Loc_REGL` qui
//!   reprend les écritures du règlement au sens inverse (le locataire doit de nouveau,
//!   sur les mêmes comptes). Rejeté avant règlement, il n'a pas de pièce. Dans les deux
//!   cas il entre dans la liste de suivi des rejets avec son motif en français.
//! - Une référence que l'on n'a pas envoyée est signalée, jamais devinée.
//! - Un retour s'importe une fois (MsgId ; un autre fichier au même MsgId est refusé).
//!
//! Deux temps : `plan_return` (lectures, puis décisions et pièces) et `apply_return`
//! (une transaction : règlements, contre-passations, retour enregistré ; ou rien).

use std::collections::{BTreeMap, HashMap};

use sha2::{Digest, Sha256};

use crate::formats::sepa::returns::{
    read_return, reason_label, BankReturn, Outcome, ReturnError, ReturnItem,
};
use crate::ledger::{self, EntryDraft, LedgerContext, LedgerError, VoucherDraft};
use crate::model::dates::format_date;
use crate::model::money::format_money;
use crate::model::{validate, Landlord, Money, PaymentMode};
use crate::store::{
    DebitLine, DebitReject, NewDebitOutcome, NewDebitReturn, RecordedReturn, Repo, Session, Store,
    StoreError,
};
use crate::treatments::payments::{
    plan_payments, post_payments, PaymentError, PaymentInput, PaymentOptions, PaymentPlan,
    PaymentSnapshot, DEFAULT_TEMPLATE, PAYMENT_ORIGIN,
};

/// Un retour refusé : rien n'est écrit.
#[derive(Debug, thiserror::Error)]
pub enum DebitReturnError {
    #[error(transparent)]
    File(#[from] ReturnError),
    #[error("Ce retour est adressé à un autre créancier ({0}) : le compte ou l'ICS du bailleur ({1}) n'y figure pas ; vérifiez le bailleur ouvert")]
    OtherCreditor(String, String),
    #[error("Un autre fichier portant l'identifiant {msg_id} a déjà été importé le {at} (« {file} ») : ce fichier-ci n'est pas le même ; demandez à la banque un retour complet")]
    SameIdOtherFile {
        msg_id: String,
        at: String,
        file: String,
    },
    #[error("Rejet du prélèvement {0} : {1}")]
    Reversal(String, String),
    #[error("Les comptes ont changé depuis la préparation : relancez l'import du retour")]
    Stale,
    #[error("Règlements du retour refusés :\n{0}")]
    Payments(String),
    #[error(transparent)]
    Ledger(#[from] LedgerError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<PaymentError> for DebitReturnError {
    fn from(e: PaymentError) -> Self {
        match e {
            PaymentError::Stale => DebitReturnError::Stale,
            PaymentError::Ledger(e) => DebitReturnError::Ledger(e),
            PaymentError::Store(e) => DebitReturnError::Store(e),
            other => DebitReturnError::Payments(other.to_string()),
        }
    }
}

/// Un prélèvement crédité, à régler.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credited {
    pub item: ReturnItem,
    pub line: DebitLine,
}

/// Un prélèvement rejeté : contre-passé s'il était réglé.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejected {
    pub item: ReturnItem,
    pub line: DebitLine,
    pub reason: String,
    /// Le règlement à contre-passer et la contre-passation (rien si le prélèvement
    /// n'avait pas été réglé).
    pub reversal: Option<(String, VoucherDraft)>,
}

/// Ce que le retour ne fait pas, et pourquoi.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Left {
    pub item: ReturnItem,
    pub reason: String,
}

/// Le plan d'un retour.
#[derive(Debug, Clone)]
pub struct ReturnPlan {
    pub file: BankReturn,
    pub file_name: String,
    pub content_hash: String,
    /// Déjà importé (même MsgId, même contenu) : rien à faire.
    pub already: Option<RecordedReturn>,
    pub credited: Vec<Credited>,
    pub payments: Option<PaymentPlan>,
    pub rejected: Vec<Rejected>,
    /// Références inconnues : aucun prélèvement envoyé ne les porte.
    pub unknown: Vec<ReturnItem>,
    /// Prélèvements déjà traités par un autre retour.
    pub left: Vec<Left>,
    /// Remarques (montant différent de celui demandé…).
    pub notes: Vec<String>,
}

impl ReturnPlan {
    /// Le plan écrit-il quelque chose ?
    pub fn has_work(&self) -> bool {
        self.already.is_none() && !(self.credited.is_empty() && self.rejected.is_empty())
    }

    pub fn credited_total(&self) -> Money {
        self.credited.iter().map(|c| c.item.amount).sum()
    }

    pub fn rejected_total(&self) -> Money {
        self.rejected.iter().map(|r| r.item.amount).sum()
    }
}

/// Empreinte SHA-256 du fichier, en hexadécimal.
pub fn content_hash(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Prépare l'import d'un retour : lecture du fichier, contrôles (créancier, fichier
/// déjà importé), décisions par prélèvement, règlements et contre-passations.
pub fn plan_return(
    store: &Store,
    session: &Session,
    bytes: &[u8],
    file_name: &str,
) -> Result<ReturnPlan, DebitReturnError> {
    let file = read_return(bytes)?;
    let landlord = store.landlord(session)?;
    check_creditor(&file, &landlord)?;
    let hash = content_hash(bytes);
    let repo = store.read(session);
    let mut plan = ReturnPlan {
        file,
        file_name: file_name.to_string(),
        content_hash: hash,
        already: None,
        credited: Vec::new(),
        payments: None,
        rejected: Vec::new(),
        unknown: Vec::new(),
        left: Vec::new(),
        notes: Vec::new(),
    };
    if let Some(recorded) = repo.debit_return(&plan.file.msg_id)? {
        if recorded.content_hash != plan.content_hash {
            return Err(DebitReturnError::SameIdOtherFile {
                msg_id: recorded.msg_id,
                at: recorded.imported_at.replace('T', " à "),
                file: recorded.file_name,
            });
        }
        plan.already = Some(recorded);
        return Ok(plan);
    }
    let lines = lines_of(&repo, &plan.file)?;
    classify(&mut plan, &lines);
    let inputs = payment_inputs(&plan.credited);
    let snapshot = PaymentSnapshot::load(&repo, &inputs)?;
    if !inputs.is_empty() {
        let payments =
            plan_payments(&snapshot, &inputs, PaymentOptions::default()).map_err(|errors| {
                DebitReturnError::Payments(crate::treatments::payments::format_line_errors(&errors))
            })?;
        plan.payments = Some(payments);
    }
    for rejected in &mut plan.rejected {
        rejected.reversal = reversal_of(&repo, &snapshot.ctx, rejected)?;
    }
    Ok(plan)
}

/// Le compte (IBAN) ou l'ICS repris par la banque doivent être ceux du bailleur.
fn check_creditor(file: &BankReturn, landlord: &Landlord) -> Result<(), DebitReturnError> {
    let own_iban = validate::iban(&landlord.iban).unwrap_or_default();
    let own_ics = validate::creditor_id(&landlord.creditor_id).unwrap_or_default();
    let foreign_iban = file.creditor_ibans.iter().find(|i| **i != own_iban);
    let foreign_ics = file.creditor_ics.iter().find(|i| **i != own_ics);
    let foreign = foreign_iban
        .map(|i| format!("compte {}", validate::format_iban(i)))
        .or_else(|| foreign_ics.map(|i| format!("ICS {i}")));
    match foreign {
        Some(other) => Err(DebitReturnError::OtherCreditor(
            other,
            format!(
                "{} / {}",
                validate::format_iban(&landlord.iban),
                landlord.creditor_id
            ),
        )),
        None => Ok(()),
    }
}

/// Les prélèvements envoyés que le retour nomme (et tous ceux du fichier d'origine s'il
/// est rejeté en entier), par référence de bout en bout.
fn lines_of(repo: &Repo, file: &BankReturn) -> Result<HashMap<String, DebitLine>, StoreError> {
    let ids: Vec<String> = file.items.iter().map(|i| i.end_to_end_id.clone()).collect();
    let mut lines = repo.debit_lines(&ids)?;
    if let (Some(_), Some(original)) = (&file.group_rejection, &file.original_msg_id) {
        lines.extend(repo.debit_lines_of_file(original)?);
    }
    Ok(lines
        .into_iter()
        .map(|l| (l.end_to_end_id.clone(), l))
        .collect())
}

/// Range chaque prélèvement du retour : crédité, rejeté, inconnu ou déjà traité.
fn classify(plan: &mut ReturnPlan, lines: &HashMap<String, DebitLine>) {
    let mut items = plan.file.items.clone();
    if let Some(reason) = &plan.file.group_rejection {
        // Fichier rejeté en entier : chacun de ses prélèvements l'est, au même motif.
        let mut whole: Vec<&DebitLine> = lines
            .values()
            .filter(|l| Some(&l.msg_id) == plan.file.original_msg_id.as_ref())
            .filter(|l| !items.iter().any(|i| i.end_to_end_id == l.end_to_end_id))
            .collect();
        whole.sort_by(|a, b| a.end_to_end_id.cmp(&b.end_to_end_id));
        for line in whole {
            items.push(ReturnItem {
                rank: items.len() + 1,
                end_to_end_id: line.end_to_end_id.clone(),
                amount: line.amount,
                date: plan.file.created,
                outcome: Outcome::Rejected {
                    reason: reason.clone(),
                },
                debtor_name: String::new(),
            });
        }
    }
    // Un prélèvement crédité puis retourné dans le même fichier n'est pas réglé.
    let returned_here: Vec<String> = items
        .iter()
        .filter(|i| matches!(i.outcome, Outcome::Rejected { .. }))
        .map(|i| i.end_to_end_id.clone())
        .collect();
    for item in items {
        let Some(line) = lines.get(&item.end_to_end_id) else {
            plan.unknown.push(item);
            continue;
        };
        if item.amount != line.amount {
            plan.notes.push(format!(
                "{} : la banque annonce {}, le prélèvement demandé était de {} ; le montant de la banque est retenu",
                item.end_to_end_id,
                euros(item.amount),
                euros(line.amount)
            ));
        }
        match &item.outcome {
            Outcome::Booked => {
                if let Some(reason) = already_done(line, true) {
                    plan.left.push(Left { item, reason });
                } else if returned_here.contains(&item.end_to_end_id) {
                    plan.notes.push(format!(
                        "{} : crédité puis retourné dans ce même fichier : aucun règlement",
                        item.end_to_end_id
                    ));
                } else {
                    plan.credited.push(Credited {
                        item,
                        line: line.clone(),
                    });
                }
            }
            Outcome::Rejected { reason } => {
                if let Some(why) = already_done(line, false) {
                    plan.left.push(Left { item, reason: why });
                } else {
                    plan.rejected.push(Rejected {
                        reason: reason.clone(),
                        item,
                        line: line.clone(),
                        reversal: None,
                    });
                }
            }
        }
    }
}

/// Ce qu'un autre retour a déjà fait du prélèvement, s'il empêche d'y revenir : un
/// règlement ne se passe qu'une fois ; un rejet ne se passe qu'une fois ; un prélèvement
/// rejeté n'est plus réglé.
fn already_done(line: &DebitLine, credit: bool) -> Option<String> {
    if let Some((code, date, msg)) = &line.rejected {
        return Some(format!(
            "déjà rejeté le {} ({} {}) par le retour {msg}",
            format_date(*date),
            code,
            reason_label(code)
        ));
    }
    match (&line.paid, credit) {
        (Some((voucher, date, msg)), true) => Some(format!(
            "déjà réglé le {} (pièce {voucher}) par le retour {msg}",
            format_date(*date)
        )),
        _ => None,
    }
}

/// Un règlement en mode prélèvement par prélèvement crédité, daté du crédit, avec sa
/// référence de bout en bout ; la remise est celle de la date (automatique).
fn payment_inputs(credited: &[Credited]) -> Vec<PaymentInput> {
    credited
        .iter()
        .enumerate()
        .map(|(i, c)| PaymentInput {
            line: i + 1,
            value_date: Some(c.item.date),
            tenant: Some(c.line.tenant.clone()),
            amount: c.item.amount,
            mode: Some(PaymentMode::DirectDebit),
            payment_date: Some(c.item.date),
            reference: c.line.end_to_end_id.clone(),
            template: DEFAULT_TEMPLATE.to_string(),
            ..PaymentInput::default()
        })
        .collect()
}

/// La contre-passation du règlement d'un prélèvement rejeté : les écritures du
/// règlement au sens inverse, à la date du rejet (au plus tôt celle du règlement).
fn reversal_of(
    repo: &Repo,
    ctx: &LedgerContext,
    rejected: &Rejected,
) -> Result<Option<(String, VoucherDraft)>, DebitReturnError> {
    let Some((number, ..)) = &rejected.line.paid else {
        return Ok(None);
    };
    let Some(stored) = repo.voucher(number)? else {
        return Err(DebitReturnError::Reversal(
            rejected.line.end_to_end_id.clone(),
            format!(
                "la pièce de règlement {number} n'existe plus : contre-passez le rejet à la main"
            ),
        ));
    };
    let payment = &stored.draft;
    let label = format!(
        "Rejet prél. {} {} {}",
        rejected.line.end_to_end_id,
        rejected.reason,
        reason_label(&rejected.reason)
    );
    let draft = VoucherDraft {
        journal: payment.journal.clone(),
        value_date: rejected.item.date.max(payment.value_date),
        label: label.chars().take(200).collect(),
        template: payment.template.clone(),
        tiers: payment.tiers.clone(),
        lease: payment.lease.clone(),
        analytic: payment.analytic.clone(),
        payment_mode: Some(PaymentMode::DirectDebit),
        payment_date: Some(rejected.item.date.max(payment.value_date)),
        batch_no: String::new(),
        reference: rejected.line.end_to_end_id.clone(),
        origin: PAYMENT_ORIGIN.to_string(),
        entries: payment
            .entries
            .iter()
            .map(|e| EntryDraft {
                debit: e.credit,
                credit: e.debit,
                label: format!("Rejet {}", rejected.line.end_to_end_id),
                ..e.clone()
            })
            .collect(),
    };
    ledger::validate(&draft, ctx).map_err(|e| {
        DebitReturnError::Reversal(rejected.line.end_to_end_id.clone(), e.to_string())
    })?;
    Ok(Some((number.clone(), draft)))
}

/// Enregistre le retour dans une transaction : règlements, contre-passations (chacune
/// refaite sur le règlement tel qu'il est encore), retour et suites des prélèvements.
/// Rend les numéros des pièces passées ; rien si le plan n'a rien à faire.
pub fn apply_return(
    store: &mut Store,
    session: &Session,
    plan: &ReturnPlan,
) -> Result<Vec<String>, DebitReturnError> {
    if !plan.has_work() {
        return Ok(Vec::new());
    }
    store.write(session, "retour de prélèvements", |repo| {
        let mut numbers = Vec::new();
        let mut outcomes = Vec::new();
        if let Some(payments) = &plan.payments {
            let posted = post_payments(repo, payments)?;
            for (credited, number) in plan.credited.iter().zip(&posted) {
                outcomes.push(NewDebitOutcome {
                    line_id: credited.line.id,
                    paid: true,
                    date: credited.item.date,
                    amount: credited.item.amount,
                    reason_code: String::new(),
                    voucher_number: number.clone(),
                });
            }
            numbers.extend(posted);
        }
        let ctx = LedgerContext::load(repo)?;
        for rejected in &plan.rejected {
            let again = reversal_of(repo, &ctx, rejected)?;
            if again != rejected.reversal {
                return Err(DebitReturnError::Stale);
            }
            let number = match &again {
                Some((_, draft)) => ledger::post(repo, &ctx, draft)?,
                None => String::new(),
            };
            outcomes.push(NewDebitOutcome {
                line_id: rejected.line.id,
                paid: false,
                date: rejected.item.date,
                amount: rejected.item.amount,
                reason_code: rejected.reason.chars().take(4).collect(),
                voucher_number: number.clone(),
            });
            if !number.is_empty() {
                numbers.push(number);
            }
        }
        repo.record_debit_return(&NewDebitReturn {
            msg_id: plan.file.msg_id.clone(),
            kind: plan.file.kind.label().to_string(),
            version: plan.file.version.to_string(),
            content_hash: plan.content_hash.clone(),
            file_name: plan.file_name.clone(),
            outcomes,
        })?;
        Ok(numbers)
    })
}

/// Le traitement entier (ligne de commande, interface) : lecture du fichier, plan, puis
/// hors simulation l'enregistrement. Rend le plan et les pièces passées.
pub fn run(
    store: &mut Store,
    session: &Session,
    path: &std::path::Path,
    simulation: bool,
) -> Result<(ReturnPlan, Vec<String>), DebitReturnError> {
    let bytes = std::fs::read(path).map_err(|e| {
        DebitReturnError::File(ReturnError::NotXml(format!(
            "lecture de « {} » impossible : {e}",
            path.display()
        )))
    })?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let plan = plan_return(store, session, &bytes, &name)?;
    if simulation {
        return Ok((plan, Vec::new()));
    }
    let numbers = apply_return(store, session, &plan)?;
    Ok((plan, numbers))
}

/// Un montant suivi de l'euro, pour les comptes rendus.
fn euros(amount: Money) -> String {
    format!("{} €", format_money(amount))
}

/// Compte rendu du plan, en français.
pub fn return_report(plan: &ReturnPlan) -> String {
    let f = &plan.file;
    let mut out = format!(
        "Retour {} ({}) {} du {}{} :\n",
        f.kind.label(),
        f.version,
        f.msg_id,
        format_date(f.created),
        f.original_msg_id
            .as_ref()
            .map(|m| format!(", sur le fichier {m}"))
            .unwrap_or_default()
    );
    if let Some(done) = &plan.already {
        out.push_str(&format!(
            "Déjà importé le {} (« {} ») : rien de nouveau.\n",
            done.imported_at.replace('T', " à "),
            done.file_name
        ));
        return out;
    }
    if !plan.credited.is_empty() {
        let batches: BTreeMap<&str, ()> = plan
            .payments
            .iter()
            .flat_map(|p| p.payments.iter().map(|p| (p.batch_no.as_str(), ())))
            .collect();
        out.push_str(&format!(
            "Règlements : {} prélèvement(s) crédité(s), {} — remise {}\n",
            plan.credited.len(),
            euros(plan.credited_total()),
            batches.keys().copied().collect::<Vec<_>>().join(", ")
        ));
        for c in &plan.credited {
            out.push_str(&format!(
                "  {} ({}) : {} le {} — {}\n",
                c.line.tenant,
                c.line.lease,
                euros(c.item.amount),
                format_date(c.item.date),
                c.line.end_to_end_id
            ));
        }
    }
    if !plan.rejected.is_empty() {
        out.push_str(&format!(
            "Rejets : {} prélèvement(s), {}\n",
            plan.rejected.len(),
            euros(plan.rejected_total())
        ));
        for r in &plan.rejected {
            out.push_str(&format!(
                "  {} ({}) : {} — {} {} ; {}\n",
                r.line.tenant,
                r.line.lease,
                euros(r.item.amount),
                r.reason,
                reason_label(&r.reason),
                match &r.reversal {
                    Some((number, _)) => format!(
                        "règlement {number} contre-passé, le locataire doit de nouveau ce montant"
                    ),
                    None =>
                        "pas encore réglé : aucune écriture, le locataire doit toujours ce montant"
                            .to_string(),
                }
            ));
        }
    }
    for u in &plan.unknown {
        out.push_str(&format!(
            "Inconnu, non traité : {} ({}, {}) — aucun prélèvement envoyé ne porte cette référence\n",
            u.end_to_end_id,
            euros(u.amount),
            if u.debtor_name.is_empty() { "débiteur non nommé" } else { &u.debtor_name }
        ));
    }
    for l in &plan.left {
        out.push_str(&format!(
            "Non repris : {} ({}) — {}\n",
            l.item.end_to_end_id,
            euros(l.item.amount),
            l.reason
        ));
    }
    for n in plan.notes.iter().chain(&f.ignored) {
        out.push_str(&format!("Remarque : {n}\n"));
    }
    if !plan.has_work() {
        out.push_str("Rien à enregistrer.\n");
    }
    out
}

/// La liste de suivi des rejets.
pub fn rejects(repo: &Repo) -> Result<Vec<DebitReject>, StoreError> {
    repo.debit_rejects()
}

/// La liste des rejets en CSV (`;`, virgule décimale, UTF-8 avec BOM).
pub fn rejects_csv(rows: &[DebitReject]) -> String {
    let clean = |s: &str| s.replace([';', '\r', '\n'], " ");
    let mut out = String::from(
        "\u{feff}locataire;nom;location;reference;montant;echeance;rejete_le;motif;libelle_motif;retour;contre_passation\r\n",
    );
    for r in rows {
        out.push_str(&format!(
            "{};{};{};{};{};{};{};{};{};{};{}\r\n",
            clean(&r.tenant),
            clean(&r.tenant_name),
            clean(&r.lease),
            clean(&r.end_to_end_id),
            crate::model::money::format_money_plain(r.amount),
            format_date(r.collection_date),
            format_date(r.rejected_on),
            clean(&r.reason_code),
            reason_label(&r.reason_code),
            clean(&r.return_msg_id),
            clean(&r.reversal)
        ));
    }
    out
}
