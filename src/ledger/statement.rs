//! Situations des comptes (S7) : fonctions pures des écritures et d'un filtre, comme
//! la balance. Situation des comptes (par période, journal, modèle, analytique, classe,
//! compte, tiers, type de tiers) et situation des comptes d'un locataire (toutes ses
//! locations, solde courant ligne à ligne).

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::LedgerLine;
use crate::model::{Gestion, Money, ThirdPartyKind};

/// Critères de la situation des comptes ; `None` = tous.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatementFilter {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub journal: Option<String>,
    pub template: Option<String>,
    pub analytic: Option<String>,
    /// Classe de compte (premier chiffre).
    pub class: Option<char>,
    /// Compte général (`false`) ou collectif (`true`).
    pub collective: Option<bool>,
    pub account: Option<String>,
    pub tiers: Option<String>,
    pub tiers_kind: Option<ThirdPartyKind>,
}

impl StatementFilter {
    /// Toutes les écritures de la période.
    pub fn period(from: NaiveDate, to: NaiveDate) -> Self {
        StatementFilter {
            from,
            to,
            journal: None,
            template: None,
            analytic: None,
            class: None,
            collective: None,
            account: None,
            tiers: None,
            tiers_kind: None,
        }
    }

    /// L'écriture répond-elle aux critères autres que la période ?
    fn selects(&self, l: &LedgerLine) -> bool {
        fn same(wanted: &Option<String>, actual: Option<&str>) -> bool {
            wanted.as_deref().is_none_or(|w| actual == Some(w))
        }
        same(&self.journal, Some(&l.journal))
            && same(&self.template, l.template.as_deref())
            && same(&self.analytic, Some(&l.analytic))
            && self.class.is_none_or(|c| l.account.starts_with(c))
            && self.collective.is_none_or(|c| l.account_collective == c)
            && same(&self.account, Some(&l.account))
            && same(&self.tiers, l.tiers.as_deref())
            && self.tiers_kind.is_none_or(|k| l.tiers_kind == Some(k))
    }
}

/// Situation des comptes : solde antérieur, écritures et totaux de la période, nouveau
/// solde. Les soldes sont « débit − crédit » (positif = débiteur).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountStatement {
    pub opening: Money,
    pub lines: Vec<LedgerLine>,
    pub period_debit: Money,
    pub period_credit: Money,
}

impl AccountStatement {
    /// Solde de la période (débit − crédit).
    pub fn period_balance(&self) -> Money {
        self.period_debit - self.period_credit
    }

    /// Nouveau solde à la fin de la période.
    pub fn closing(&self) -> Money {
        self.opening + self.period_balance()
    }
}

/// Situation des comptes, écritures triées par compte, tiers, date, pièce, ligne (comme
/// la fenêtre du manuel).
pub fn account_statement(lines: &[LedgerLine], filter: &StatementFilter) -> AccountStatement {
    let mut statement = AccountStatement {
        opening: Money::ZERO,
        lines: Vec::new(),
        period_debit: Money::ZERO,
        period_credit: Money::ZERO,
    };
    for l in lines
        .iter()
        .filter(|l| l.value_date <= filter.to && filter.selects(l))
    {
        if l.value_date < filter.from {
            statement.opening += l.debit - l.credit;
        } else {
            statement.period_debit += l.debit;
            statement.period_credit += l.credit;
            statement.lines.push(l.clone());
        }
    }
    statement.lines.sort_by(|a, b| {
        (&a.account, &a.tiers, a.value_date, &a.number, a.line_no).cmp(&(
            &b.account,
            &b.tiers,
            b.value_date,
            &b.number,
            b.line_no,
        ))
    });
    statement
}

/// Une ligne de la situation d'un locataire.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TenantLine {
    /// Lot de la location de la pièce (à défaut, celle en cours à la date).
    pub unit: String,
    pub gestion: Gestion,
    pub entry: LedgerLine,
    /// Solde courant « crédit − débit » après cette ligne, comme la colonne SoldeE du
    /// manuel (négatif = le locataire doit).
    pub running: Money,
}

/// Situation des comptes d'un locataire, toutes locations confondues.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TenantStatement {
    /// Solde antérieur, « débit − crédit ».
    pub opening: Money,
    pub lines: Vec<TenantLine>,
    /// Solde final par compte de gestion (débit − crédit), pour le tableau de synthèse.
    pub by_account: BTreeMap<(Gestion, String), Money>,
}

impl TenantStatement {
    /// Nouveau solde, « débit − crédit » (positif = le locataire doit).
    pub fn closing(&self) -> Money {
        self.by_account.values().copied().sum()
    }
}

/// Ce que la situation d'un locataire doit savoir des comptes et des locations.
pub struct TenantContext<'a> {
    /// Compte → compte de gestion, pour les comptes de gestion du locataire : 411…
    /// (comptes courants) et, si les comptes de dépôts sont demandés, 165….
    pub gestion_accounts: &'a BTreeMap<String, Gestion>,
    /// Locations du locataire : (référence, lot, début), pour nommer le lot de chaque ligne.
    pub leases: &'a [(String, String, NaiveDate)],
}

/// Situation du locataire `tiers` du `from` au `to` : lignes triées par date, pièce,
/// ligne, avec le solde courant.
pub fn tenant_statement(
    lines: &[LedgerLine],
    tiers: &str,
    ctx: &TenantContext,
    from: NaiveDate,
    to: NaiveDate,
) -> TenantStatement {
    let mut own: Vec<(&LedgerLine, Gestion)> = lines
        .iter()
        .filter(|l| l.tiers.as_deref() == Some(tiers) && l.value_date <= to)
        .filter_map(|l| ctx.gestion_accounts.get(&l.account).map(|g| (l, *g)))
        .collect();
    own.sort_by(|(a, _), (b, _)| {
        (a.value_date, &a.number, a.line_no).cmp(&(b.value_date, &b.number, b.line_no))
    });
    let mut statement = TenantStatement {
        opening: Money::ZERO,
        lines: Vec::with_capacity(own.iter().filter(|(l, _)| l.value_date >= from).count()),
        by_account: BTreeMap::new(),
    };
    // Soldes par compte de gestion, cumulés sans copier la clé à chaque ligne.
    let mut by_account: BTreeMap<(Gestion, &str), Money> = BTreeMap::new();
    let mut running = Money::ZERO;
    for (l, gestion) in own {
        *by_account
            .entry((gestion, l.account.as_str()))
            .or_insert(Money::ZERO) += l.debit - l.credit;
        running += l.credit - l.debit;
        if l.value_date < from {
            statement.opening += l.debit - l.credit;
        } else {
            statement.lines.push(TenantLine {
                unit: unit_of(l, ctx.leases),
                gestion,
                entry: l.clone(),
                running,
            });
        }
    }
    statement.by_account = by_account
        .into_iter()
        .map(|((gestion, account), total)| ((gestion, account.to_string()), total))
        .collect();
    statement
}

/// Lot d'une ligne : celui de la location de la pièce, sinon de la dernière location
/// commencée à la date.
fn unit_of(l: &LedgerLine, leases: &[(String, String, NaiveDate)]) -> String {
    let by_voucher = l
        .lease
        .as_ref()
        .and_then(|lease| leases.iter().find(|(r, _, _)| r == lease));
    let by_date = || {
        leases
            .iter()
            .filter(|(_, _, start)| *start <= l.value_date)
            .max_by_key(|(_, _, start)| *start)
    };
    by_voucher
        .or_else(by_date)
        .map(|(_, unit, _)| unit.clone())
        .unwrap_or_default()
}

/// Comptes de gestion des locataires dans le plan comptable : les comptes courants de
/// classe 4 (411…) et, avec `with_deposits`, les comptes de dépôts de classe 1 (165…).
pub fn gestion_accounts(
    accounts: &[crate::model::Account],
    with_deposits: bool,
) -> BTreeMap<String, Gestion> {
    accounts
        .iter()
        .filter(|a| a.class() == Some(4) || (with_deposits && a.class() == Some(1)))
        .filter_map(|a| a.gestion.map(|g| (a.reference.clone(), g)))
        .collect()
}

/// Différé et restant à payer d'un compte de gestion (manuel : onglet Situation, colonnes
/// SoldeDE/SoldeCE, DiffereE, APayerE).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueLine {
    pub gestion: Gestion,
    pub account: String,
    /// Solde « débit − crédit ».
    pub balance: Money,
    pub deferred: Money,
    pub due: Money,
}

/// Échéanciers en cours (rubriques d'objet ECH) des locations du locataire à la date :
/// (compte de gestion, montant appelé par avis).
pub fn active_instalments(
    items: &[crate::model::LeaseItem],
    leases: &[&str],
    at: NaiveDate,
) -> Vec<(Gestion, Money)> {
    items
        .iter()
        .filter(|i| {
            i.purpose == crate::model::ItemPurpose::Instalment
                && i.active
                && leases.contains(&i.lease.as_str())
                && i.start_date <= at
                && i.end_date.is_none_or(|end| at <= end)
        })
        .map(|i| (i.gestion, i.amount_at(at)))
        .collect()
}

/// Différé et « à payer » par compte (S8 : une rubrique d'échéance remplace, dans le total
/// à payer, le solde de son compte de gestion par le montant de l'échéance). Sur un compte
/// courant débiteur avec un échéancier : à payer = min(solde, échéance), différé = le
/// reste ; sinon à payer = solde. Les comptes de dépôts (classe 1) n'ont pas de différé.
pub fn deferred_and_due(
    by_account: &BTreeMap<(Gestion, String), Money>,
    instalments: &[(Gestion, Money)],
) -> Vec<DueLine> {
    by_account
        .iter()
        .map(|((gestion, account), balance)| {
            let instalment: Option<Money> = instalments
                .iter()
                .filter(|(g, _)| g == gestion)
                .map(|(_, a)| *a)
                .reduce(|a, b| a + b);
            let due = match instalment {
                Some(amount) if account.starts_with('4') && *balance > Money::ZERO => {
                    (*balance).min(amount.max(Money::ZERO))
                }
                _ => *balance,
            };
            DueLine {
                gestion: *gestion,
                account: account.clone(),
                balance: *balance,
                deferred: *balance - due,
                due,
            }
        })
        .collect()
}
