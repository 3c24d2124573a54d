//! Solde de tout compte (S14 ; manuel : « Principe comptable du solde de tout compte »,
//! « Etablir le solde de tout compte »). Après le dernier avis d'un départ définitif :
//! la retenue sur le dépôt (`Loc_FACT RetenueDG`) et le virement des dépôts et épargnes
//! détenus sur les comptes courants du locataire (`Loc_OD SoldeTC`) ; puis la fin du
//! solde : réglé (`Loc_REGL`), remboursé (`Loc_REMB SoldeTC`) ou passé en perte
//! (`Loc_PP SoldeTC`, comptable ou administrateur). Tant que la fin n'est pas passée, le
//! solde s'annule (pièces supprimées par le grand livre).
//!
//! Toutes ces pièces portent la référence `SoldeTC` et la location : c'est ainsi qu'on
//! les retrouve (état du solde, annulation, document, dépôts à restituer).

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::ledger::locks::{self, LockError};
use crate::ledger::template::{current_account, draft_from_template, TemplateRequest};
use crate::ledger::{self, EntryDraft, LedgerContext, LedgerError, LedgerLine, VoucherDraft};
use crate::model::dates::format_date;
use crate::model::money::format_money;
use crate::model::{Account, Gestion, Lease, Money, PaymentMode, Role};
use crate::store::{Repo, Session, Store, StoreError};
use crate::treatments::deposit::{analytic_of, OneOffError};
use crate::treatments::move_out::{self, deposit_deadline};

/// Référence portée par toutes les pièces d'un solde de tout compte.
pub const SETTLEMENT_REF: &str = "SoldeTC";
/// Origine des pièces du solde (traitement : elles ne se modifient pas à la main).
pub const SETTLEMENT_ORIGIN: &str = "solde";
pub const WITHHOLDING_TEMPLATE: &str = "Loc_FACT RetenueDG";
pub const DEPOSITS_TEMPLATE: &str = "Loc_OD SoldeTC";

/// Le dialogue du solde de tout compte.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettlementRequest {
    pub lease: String,
    pub value_date: NaiveDate,
    /// Retenue sur le dépôt de garantie (0 = aucune).
    pub withholding: Money,
    /// Motif de la retenue (obligatoire avec une retenue).
    pub reason: String,
}

/// Fin du solde : ce que devient le solde restant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// Le locataire règle ce qu'il doit (`Loc_REGL`).
    Paid,
    /// Le bailleur rembourse le locataire (`Loc_REMB SoldeTC`).
    Refunded,
    /// Perte ou profit exceptionnel, locataire injoignable (`Loc_PP SoldeTC`).
    WrittenOff,
}

impl Ending {
    pub fn template(self) -> &'static str {
        match self {
            Ending::Paid => "Loc_REGL",
            Ending::Refunded => "Loc_REMB SoldeTC",
            Ending::WrittenOff => "Loc_PP SoldeTC",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Ending::Paid => "réglé par le locataire",
            Ending::Refunded => "remboursé au locataire",
            Ending::WrittenOff => "passé en perte ou profit exceptionnel",
        }
    }

    /// Lit « reglement », « remboursement » ou « perte » (casse et accents indifférents).
    pub fn parse(text: &str) -> Result<Self, String> {
        match crate::model::codes::fold(text).as_str() {
            "reglement" | "regle" | "paye" => Ok(Ending::Paid),
            "remboursement" | "rembourse" => Ok(Ending::Refunded),
            "perte" | "perte_ou_profit" | "pp" => Ok(Ending::WrittenOff),
            _ => Err(format!(
                "« {} » : fin inconnue (valeurs possibles : reglement, remboursement, perte)",
                text.trim()
            )),
        }
    }
}

/// La demande de fin du solde.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EndingRequest {
    pub lease: String,
    pub value_date: NaiveDate,
    pub ending: Ending,
    /// Mode du règlement (par défaut celui de la location ; virement pour un
    /// remboursement).
    pub payment_mode: Option<PaymentMode>,
}

/// Refus, en français, avec ce qu'il faut corriger.
#[derive(Debug, thiserror::Error)]
pub enum SettlementError {
    #[error("{field} : {message}")]
    Invalid {
        field: &'static str,
        message: String,
    },
    #[error("{0}")]
    Ledger(#[from] LedgerError),
    #[error("{0}")]
    Lock(#[from] LockError),
    #[error("{0}")]
    Store(#[from] StoreError),
    #[error("{0}")]
    Deposit(#[from] OneOffError),
}

fn invalid(field: &'static str, message: impl Into<String>) -> SettlementError {
    SettlementError::Invalid {
        field,
        message: message.into(),
    }
}

/// Une pièce du solde déjà passée.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettlementVoucher {
    pub number: String,
    pub template: String,
    pub value_date: NaiveDate,
}

/// Ce que le grand livre dit du locataire d'une location.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TenantLedger {
    /// Pièces du solde de la location (référence `SoldeTC`), par numéro.
    pub settlement: Vec<SettlementVoucher>,
    /// Date de valeur de la dernière pièce du locataire.
    pub last_voucher: Option<NaiveDate>,
    /// Soldes « débit − crédit » par compte, toutes dates.
    pub balances: BTreeMap<String, Money>,
}

impl TenantLedger {
    /// Lit les écritures du locataire de `lease`.
    pub fn load(repo: &Repo, lease: &Lease) -> Result<Self, StoreError> {
        Ok(Self::of(&repo.tiers_lines(&lease.tenant, None)?, lease))
    }

    /// Le même, d'après les écritures du locataire.
    pub fn of(lines: &[LedgerLine], lease: &Lease) -> Self {
        let mut settlement: Vec<SettlementVoucher> = Vec::new();
        let mut balances: BTreeMap<String, Money> = BTreeMap::new();
        for line in lines {
            *balances.entry(line.account.clone()).or_default() += line.debit - line.credit;
            let ours = line.reference == SETTLEMENT_REF
                && line.lease.as_deref() == Some(lease.reference.as_str());
            if ours && settlement.iter().all(|v| v.number != line.number) {
                settlement.push(SettlementVoucher {
                    number: line.number.clone(),
                    template: line.template.clone().unwrap_or_default(),
                    value_date: line.value_date,
                });
            }
        }
        TenantLedger {
            settlement,
            last_voucher: lines.iter().map(|l| l.value_date).max(),
            balances,
        }
    }

    /// La pièce des dépôts (`Loc_OD SoldeTC`) : le solde est établi.
    pub fn deposits_voucher(&self) -> Option<&SettlementVoucher> {
        self.settlement
            .iter()
            .find(|v| v.template == DEPOSITS_TEMPLATE)
    }

    /// La pièce qui termine le solde (règlement, remboursement, perte), s'il y en a une.
    pub fn ending_voucher(&self) -> Option<&SettlementVoucher> {
        self.settlement
            .iter()
            .find(|v| v.template != DEPOSITS_TEMPLATE && v.template != WITHHOLDING_TEMPLATE)
    }

    /// Solde d'une gestion : ses comptes de la classe `class` (4 : comptes courants du
    /// locataire ; 1 : dépôts et épargnes détenus, au crédit).
    pub fn gestion_balance(
        &self,
        accounts: &std::collections::HashMap<String, Account>,
        gestion: Gestion,
        class: u32,
    ) -> Money {
        self.balances
            .iter()
            .filter(|(a, _)| {
                accounts
                    .get(*a)
                    .is_some_and(|a| a.gestion == Some(gestion) && a.class() == Some(class))
            })
            .map(|(_, b)| *b)
            .sum()
    }

    /// Solde total des comptes courants du locataire (positif : il doit ; négatif : il
    /// lui est dû).
    pub fn total(&self, accounts: &std::collections::HashMap<String, Account>) -> Money {
        Gestion::ALL
            .iter()
            .map(|g| self.gestion_balance(accounts, *g, 4))
            .sum()
    }
}

/// Ce que le solde produirait.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettlementPlan {
    pub lease: Lease,
    pub deposit_held: Money,
    pub savings_held: Money,
    pub withholding: Money,
    pub reason: String,
    /// `Loc_FACT RetenueDG` (s'il y a une retenue) puis `Loc_OD SoldeTC`.
    pub vouchers: Vec<VoucherDraft>,
    /// Soldes des comptes courants après le solde, par gestion.
    pub balances_after: Vec<(Gestion, Money)>,
    /// Solde total après le solde (positif : le locataire doit).
    pub total_after: Money,
    /// Délai légal de restitution du dépôt, si les clés sont rendues.
    pub deadline: Option<NaiveDate>,
}

/// La location, refusée si elle n'est pas celle d'un départ définitif.
fn moved_out_lease(repo: &Repo, reference: &str) -> Result<(Lease, NaiveDate), SettlementError> {
    let lease = move_out::find_lease(repo, reference)?;
    let Some(out) = lease.move_out_date else {
        return Err(invalid(
            "location",
            format!(
                "la date de sortie de la location « {} » n'est pas indiquée : saisissez d'abord la sortie (abri location sortie)",
                lease.reference
            ),
        ));
    };
    if lease.move_out_reason.is_some_and(|r| !r.is_definitive()) {
        return Err(invalid(
            "location",
            "sortie pour mutation : les comptes continuent sur la nouvelle location, pas de solde de tout compte",
        ));
    }
    Ok((lease, out))
}

/// Le dernier avis doit couvrir la date de sortie.
fn check_last_notice(repo: &Repo, lease: &Lease, out: NaiveDate) -> Result<(), SettlementError> {
    let covered = repo
        .notice_index()?
        .iter()
        .any(|n| n.lease == lease.reference && n.period_start <= out && out <= n.period_end);
    if covered {
        return Ok(());
    }
    Err(invalid(
        "location",
        format!(
            "l'avis de la dernière période de présence (sortie le {}) n'est pas généré : générez-le d'abord (abri avis generer)",
            format_date(out)
        ),
    ))
}

/// La date de valeur ne précède pas la dernière pièce du locataire.
fn check_value_date(ledger: &TenantLedger, value_date: NaiveDate) -> Result<(), SettlementError> {
    match ledger.last_voucher {
        Some(last) if value_date < last => Err(invalid(
            "date_valeur",
            format!(
                "la date de valeur du {} précède la dernière pièce du locataire ({}) : choisissez une date à partir du {}",
                format_date(value_date),
                format_date(last),
                format_date(last)
            ),
        )),
        _ => Ok(()),
    }
}

fn check_withholding(request: &SettlementRequest, held: Money) -> Result<(), SettlementError> {
    if request.withholding.is_sign_negative() {
        return Err(invalid("retenue", "la retenue ne peut pas être négative"));
    }
    if request.withholding > held {
        return Err(invalid(
            "retenue",
            format!(
                "la retenue ({}) dépasse le dépôt de garantie détenu ({})",
                format_money(request.withholding),
                format_money(held)
            ),
        ));
    }
    if !request.withholding.is_zero() && request.reason.trim().is_empty() {
        return Err(invalid(
            "motif",
            "indiquez le motif de la retenue : il figure sur le document de solde de tout compte",
        ));
    }
    Ok(())
}

/// Pièce d'un modèle pour la location, référence `SoldeTC`, origine « solde ».
fn settlement_draft(
    repo: &Repo,
    ctx: &LedgerContext,
    lease: &Lease,
    template: &str,
    value_date: NaiveDate,
    amount: Money,
) -> Result<VoucherDraft, SettlementError> {
    let mut draft = draft_from_template(
        repo,
        ctx,
        &TemplateRequest {
            template: template.to_string(),
            journal: String::new(),
            value_date,
            tiers: Some(lease.tenant.clone()),
            payer: None,
            amount,
            free_label: String::new(),
            lease: Some(lease.reference.clone()),
            analytic: analytic_of(repo, lease)?,
            reference: SETTLEMENT_REF.to_string(),
            payment_mode: None,
            payment_date: None,
        },
    )?;
    draft.origin = SETTLEMENT_ORIGIN.to_string();
    Ok(draft)
}

/// `Loc_OD SoldeTC` : le modèle débite les dépôts et épargnes détenus (classe 1) ; leur
/// contrepartie (montant saisi `%0` du modèle) crédite le compte courant de la même
/// gestion, pour le même montant.
fn deposits_draft(
    repo: &Repo,
    ctx: &LedgerContext,
    lease: &Lease,
    value_date: NaiveDate,
) -> Result<Option<VoucherDraft>, SettlementError> {
    let mut draft = settlement_draft(repo, ctx, lease, DEPOSITS_TEMPLATE, value_date, Money::ZERO)?;
    let held: Vec<EntryDraft> = draft
        .entries
        .iter()
        .filter(|e| {
            ctx.accounts
                .get(&e.account)
                .is_some_and(|a| a.class() == Some(1))
        })
        .cloned()
        .collect();
    draft.entries.retain(|e| held.contains(e));
    for entry in held {
        let gestion = ctx.accounts.get(&entry.account).and_then(|a| a.gestion);
        let current = gestion
            .and_then(|g| current_account(ctx.accounts.values(), g))
            .ok_or_else(|| {
                invalid(
                    "modele",
                    format!(
                        "le compte {} n'a pas de compte courant de gestion (classe 4) : complétez le plan comptable",
                        entry.account
                    ),
                )
            })?;
        draft.entries.push(EntryDraft {
            account: current.reference.clone(),
            debit: entry.credit,
            credit: entry.debit,
            ..entry
        });
    }
    Ok((!draft.entries.is_empty()).then_some(draft))
}

/// Soldes des comptes courants par gestion, avec les pièces prévues.
fn balances_with(
    ledger: &TenantLedger,
    ctx: &LedgerContext,
    tenant: &str,
    vouchers: &[VoucherDraft],
) -> Vec<(Gestion, Money)> {
    let mut after = ledger.clone();
    for entry in vouchers.iter().flat_map(|v| &v.entries) {
        if entry.tiers.as_deref() == Some(tenant) {
            *after.balances.entry(entry.account.clone()).or_default() += entry.debit - entry.credit;
        }
    }
    Gestion::ALL
        .iter()
        .map(|g| (*g, after.gestion_balance(&ctx.accounts, *g, 4)))
        .collect()
}

/// Vérifie la demande et prépare les pièces (sans rien écrire).
pub fn plan(repo: &Repo, request: &SettlementRequest) -> Result<SettlementPlan, SettlementError> {
    let (lease, out) = moved_out_lease(repo, &request.lease)?;
    check_last_notice(repo, &lease, out)?;
    let ledger = TenantLedger::load(repo, &lease)?;
    if let Some(done) = ledger.deposits_voucher() {
        return Err(invalid(
            "location",
            format!(
                "le solde de tout compte de la location est déjà établi (pièce {}) : annulez-le d'abord pour le refaire",
                done.number
            ),
        ));
    }
    check_value_date(&ledger, request.value_date)?;
    let ctx = LedgerContext::load(repo)?;
    let deposit_held = -ledger.gestion_balance(&ctx.accounts, Gestion::Deposit, 1);
    let savings_held = -ledger.gestion_balance(&ctx.accounts, Gestion::Savings, 1);
    check_withholding(request, deposit_held)?;
    let mut vouchers = Vec::new();
    if !request.withholding.is_zero() {
        let mut draft = settlement_draft(
            repo,
            &ctx,
            &lease,
            WITHHOLDING_TEMPLATE,
            request.value_date,
            request.withholding,
        )?;
        draft.label = format!("{} : {}", draft.label, request.reason.trim());
        vouchers.push(draft);
    }
    let Some(deposits) = deposits_draft(repo, &ctx, &lease, request.value_date)? else {
        return Err(invalid(
            "location",
            "aucun dépôt de garantie ni épargne détenu : il n'y a rien à solder sur les comptes de dépôt ; réglez ou remboursez directement le solde (abri reglement)",
        ));
    };
    vouchers.push(deposits);
    for v in &vouchers {
        ledger::validate(v, &ctx)?;
    }
    let balances_after = balances_with(&ledger, &ctx, &lease.tenant, &vouchers);
    let exit = repo
        .lease_exits()?
        .into_iter()
        .find(|x| x.lease == lease.reference);
    Ok(SettlementPlan {
        deposit_held,
        savings_held,
        withholding: request.withholding,
        reason: request.reason.trim().to_string(),
        total_after: balances_after.iter().map(|(_, b)| *b).sum(),
        balances_after,
        vouchers,
        deadline: exit.as_ref().and_then(deposit_deadline),
        lease,
    })
}

/// Enregistre les pièces du solde ; rend leurs numéros.
pub fn apply(repo: &Repo, planned: &SettlementPlan) -> Result<Vec<String>, SettlementError> {
    let ctx = LedgerContext::load(repo)?;
    let mut numbers = Vec::new();
    for v in &planned.vouchers {
        numbers.push(ledger::post(repo, &ctx, v)?);
    }
    Ok(numbers)
}

/// Établit le solde (ou, en simulation, le prépare seulement) ; rend le plan et les
/// numéros des pièces.
pub fn run(
    store: &mut Store,
    session: &Session,
    request: &SettlementRequest,
    simulation: bool,
) -> Result<(SettlementPlan, Vec<String>), SettlementError> {
    if simulation {
        return Ok((plan(&store.read(session), request)?, Vec::new()));
    }
    let action = format!("solde de tout compte {}", request.lease.trim());
    store.write(session, &action, |repo| {
        let planned = plan(repo, request)?;
        let numbers = apply(repo, &planned)?;
        Ok((planned, numbers))
    })
}

/// Montant signé (positif : le locataire doit ; négatif : il lui est dû), en toutes
/// lettres pour les comptes rendus et le document.
pub fn balance_words(total: Money) -> String {
    if total.is_zero() {
        "solde nul".to_string()
    } else if total.is_sign_positive() {
        format!("{} dus par le locataire", format_money(total))
    } else {
        format!("{} en faveur du locataire", format_money(-total))
    }
}

/// Compte rendu du solde.
pub fn report(planned: &SettlementPlan, numbers: &[String]) -> String {
    let mut out = format!(
        "{}solde de tout compte de la location {} (locataire {})\n",
        if numbers.is_empty() {
            "[simulation] "
        } else {
            ""
        },
        planned.lease.reference,
        planned.lease.tenant
    );
    out.push_str(&format!(
        "dépôt de garantie détenu : {} ; épargne détenue : {}\n",
        format_money(planned.deposit_held),
        format_money(planned.savings_held)
    ));
    if !planned.withholding.is_zero() {
        out.push_str(&format!(
            "retenue sur le dépôt : {} ({})\n",
            format_money(planned.withholding),
            planned.reason
        ));
    }
    for (i, v) in planned.vouchers.iter().enumerate() {
        let number = numbers.get(i).map_or("(à créer)", String::as_str);
        out.push_str(&format!(
            "pièce {number} {} :",
            v.template.as_deref().unwrap_or("")
        ));
        for e in &v.entries {
            let (side, amount) = if e.debit.is_zero() {
                ("C", e.credit)
            } else {
                ("D", e.debit)
            };
            out.push_str(&format!(" {side} {} {} ;", e.account, format_money(amount)));
        }
        out.push('\n');
    }
    for (gestion, balance) in &planned.balances_after {
        out.push_str(&format!(
            "  solde {} : {}\n",
            gestion.code(),
            format_money(*balance)
        ));
    }
    out.push_str(&format!(
        "solde total : {} ; à terminer par un règlement, un remboursement ou une perte (abri solde-tout-compte {} --fin …)\n",
        balance_words(planned.total_after),
        planned.lease.reference
    ));
    if let Some(deadline) = planned.deadline {
        out.push_str(&format!(
            "dépôt à restituer au plus tard le {} (loi du 6 juillet 1989, art. 22)\n",
            format_date(deadline)
        ));
    }
    out
}

/// Ce que la fin du solde produirait.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EndingPlan {
    pub lease: Lease,
    pub ending: Ending,
    /// Solde total soldé (positif : le locataire devait).
    pub total: Money,
    pub voucher: VoucherDraft,
}

fn check_ending_allowed(
    repo: &Repo,
    ending: Ending,
    ledger: &TenantLedger,
    total: Money,
) -> Result<(), SettlementError> {
    if ledger.deposits_voucher().is_none() {
        return Err(invalid(
            "location",
            "le solde de tout compte n'est pas établi : établissez-le d'abord",
        ));
    }
    if let Some(done) = ledger.ending_voucher() {
        return Err(invalid(
            "fin",
            format!("le solde est déjà terminé (pièce {})", done.number),
        ));
    }
    let role = repo.session().role;
    match ending {
        _ if total.is_zero() => Err(invalid("fin", "le solde est nul : rien à régler ni à rembourser")),
        Ending::Paid if total.is_sign_negative() => Err(invalid(
            "fin",
            format!("le solde est en faveur du locataire ({}) : remboursez-le", format_money(-total)),
        )),
        Ending::Refunded if total.is_sign_positive() => Err(invalid(
            "fin",
            format!("le locataire doit encore {} : il ne peut pas être remboursé", format_money(total)),
        )),
        Ending::WrittenOff if !matches!(role, Role::Accountant | Role::Administrator) => Err(invalid(
            "fin",
            format!(
                "seul un comptable ou un administrateur peut passer un solde en perte ou profit (vous êtes {})",
                role.label().to_lowercase()
            ),
        )),
        _ => Ok(()),
    }
}

/// Lignes qui soldent chaque compte courant du locataire (son solde passé de l'autre
/// côté) : elles remplacent les lignes de tiers du modèle.
fn clearing_entries(ledger: &TenantLedger, ctx: &LedgerContext, tenant: &str) -> Vec<EntryDraft> {
    ledger
        .balances
        .iter()
        .filter(|(a, b)| {
            !b.is_zero()
                && ctx
                    .accounts
                    .get(*a)
                    .is_some_and(|a| a.gestion.is_some() && a.class() == Some(4))
        })
        .map(|(account, b)| EntryDraft {
            account: account.clone(),
            tiers: Some(tenant.to_string()),
            analytic: String::new(),
            label: String::new(),
            debit: (-*b).max(Money::ZERO),
            credit: (*b).max(Money::ZERO),
        })
        .collect()
}

/// Vérifie la fin demandée et prépare sa pièce (sans rien écrire).
pub fn plan_ending(repo: &Repo, request: &EndingRequest) -> Result<EndingPlan, SettlementError> {
    let (lease, _) = moved_out_lease(repo, &request.lease)?;
    let ledger = TenantLedger::load(repo, &lease)?;
    let ctx = LedgerContext::load(repo)?;
    let total = ledger.total(&ctx.accounts);
    check_ending_allowed(repo, request.ending, &ledger, total)?;
    check_value_date(&ledger, request.value_date)?;
    // Montant du modèle du côté de sa ligne hors tiers (banque, perte).
    let amount = match request.ending {
        Ending::Refunded => -total,
        Ending::Paid | Ending::WrittenOff => total,
    };
    let mut voucher = settlement_draft(
        repo,
        &ctx,
        &lease,
        request.ending.template(),
        request.value_date,
        amount,
    )?;
    voucher.entries.retain(|e| e.tiers.is_none());
    voucher
        .entries
        .extend(clearing_entries(&ledger, &ctx, &lease.tenant));
    if request.ending != Ending::WrittenOff {
        let mode = request.payment_mode.unwrap_or(match request.ending {
            Ending::Refunded => PaymentMode::Transfer,
            _ => lease.payment_mode,
        });
        voucher.payment_mode = Some(mode);
        voucher.payment_date = Some(request.value_date);
    }
    if request.ending == Ending::Refunded && !lease.payment.iban.is_empty() {
        voucher.label = format!(
            "{} ; virement à {} IBAN {}",
            voucher.label,
            lease.payment.account_holder.trim(),
            lease.payment.iban
        );
    }
    ledger::validate(&voucher, &ctx)?;
    Ok(EndingPlan {
        lease,
        ending: request.ending,
        total,
        voucher,
    })
}

/// Passe la fin du solde (ou, en simulation, la prépare) ; rend le plan et le numéro.
pub fn run_ending(
    store: &mut Store,
    session: &Session,
    request: &EndingRequest,
    simulation: bool,
) -> Result<(EndingPlan, Option<String>), SettlementError> {
    if simulation {
        return Ok((plan_ending(&store.read(session), request)?, None));
    }
    let action = format!("fin du solde de tout compte {}", request.lease.trim());
    store.write(session, &action, |repo| {
        let planned = plan_ending(repo, request)?;
        let ctx = LedgerContext::load(repo)?;
        let number = ledger::post(repo, &ctx, &planned.voucher)?;
        Ok((planned, Some(number)))
    })
}

/// Compte rendu de la fin du solde.
pub fn ending_report(planned: &EndingPlan, number: Option<&str>) -> String {
    format!(
        "{}solde de tout compte de la location {} {} : {} ; pièce {} ({}) ; les comptes du locataire sont soldés\n",
        if number.is_none() { "[simulation] " } else { "" },
        planned.lease.reference,
        planned.ending.label(),
        balance_words(planned.total),
        number.unwrap_or("(à créer)"),
        planned.ending.template()
    )
}

/// Annule le solde : ses pièces supprimées par le grand livre, tant que la fin (règlement,
/// remboursement, perte) n'est pas passée ; rend les numéros supprimés.
pub fn undo(repo: &Repo, lease: &str) -> Result<Vec<String>, SettlementError> {
    let lease = move_out::find_lease(repo, lease)?;
    let ledger = TenantLedger::load(repo, &lease)?;
    if ledger.deposits_voucher().is_none() {
        return Err(invalid(
            "location",
            "aucun solde de tout compte établi pour cette location : rien à annuler",
        ));
    }
    if let Some(done) = ledger.ending_voucher() {
        return Err(invalid(
            "location",
            format!(
                "le solde est terminé par la pièce {} ({}) : il ne s'annule plus",
                done.number, done.template
            ),
        ));
    }
    if let Some(doc) = repo
        .document_headers(&crate::store::DocumentFilter {
            kind: Some(crate::model::DocumentKind::Settlement),
            lease: Some(lease.reference.clone()),
            ..crate::store::DocumentFilter::default()
        })?
        .first()
    {
        return Err(invalid(
            "location",
            format!(
                "le document de solde de tout compte {} est déjà établi : supprimez-le d'abord (fenêtre Avis ou abri avis supprimer)",
                doc.number
            ),
        ));
    }
    let mut removed = Vec::new();
    for v in &ledger.settlement {
        locks::delete_document_voucher(repo, &v.number)?;
        removed.push(v.number.clone());
    }
    Ok(removed)
}

/// Annule le solde dans une transaction.
pub fn run_undo(
    store: &mut Store,
    session: &Session,
    lease: &str,
) -> Result<Vec<String>, SettlementError> {
    let action = format!("annulation du solde de tout compte {}", lease.trim());
    store.write(session, &action, |repo| undo(repo, lease))
}
