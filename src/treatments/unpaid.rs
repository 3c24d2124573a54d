//! Liste des impayés avec ancienneté (S16 : « unpaid balances with ageing »).
//!
//! Pour chaque locataire débiteur à une date, sur ses comptes de gestion courants
//! (classe 4 : 411…), le solde est vieilli « premier entré, premier sorti » : les
//! règlements et autres crédits soldent d'abord les débits les plus anciens (la règle et
//! son ordre à même date sont ceux de `ledger::allocation`) ; les débits qui restent
//! sont classés selon leur âge à la date de la liste (date de la liste − date de
//! valeur) : 0 à 30 jours, 31 à 60, 61 à 90, plus de 90.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;

use crate::ledger::allocation::{settle_oldest_first, Debit};
use crate::ledger::statement::gestion_accounts;
use crate::ledger::LedgerLine;
use crate::model::money::format_money_plain;
use crate::model::{Gestion, Money};
use crate::store::{Repo, StoreError};

/// Tranches d'ancienneté, dans l'ordre des colonnes.
pub const BUCKETS: [&str; 4] = ["0 à 30 j", "31 à 60 j", "61 à 90 j", "plus de 90 j"];

/// Un locataire débiteur.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnpaidRow {
    pub tenant: String,
    pub name: String,
    /// Lot(s) des locations en cours à la date (à défaut, celui de la dernière location).
    pub units: String,
    /// Solde débiteur (débit − crédit) des comptes courants.
    pub balance: Money,
    /// Le solde réparti par ancienneté (somme = solde).
    pub buckets: [Money; 4],
    /// Date de valeur du plus ancien débit non soldé.
    pub oldest: Option<NaiveDate>,
}

/// Par locataire : débits, total des crédits, nom.
type TenantDebits<'a> = (Vec<Debit<'a>>, Money, &'a str);

/// Tranche d'un débit âgé de `days` jours.
fn bucket(days: i64) -> usize {
    match days {
        ..=30 => 0,
        31..=60 => 1,
        61..=90 => 2,
        _ => 3,
    }
}

/// Ce qui reste des débits une fois les crédits imputés du plus ancien au plus récent
/// (règle du grand livre), réparti par tranche d'ancienneté au `at`, et la date du plus
/// ancien débit non soldé.
fn age_unsettled(
    debits: &[Debit],
    credits: Money,
    at: NaiveDate,
) -> ([Money; 4], Option<NaiveDate>) {
    let mut buckets = [Money::ZERO; 4];
    let mut oldest: Option<NaiveDate> = None;
    let settled = settle_oldest_first(debits, credits);
    for (debit, settled) in debits.iter().zip(settled) {
        let left = debit.amount - settled;
        if left > Money::ZERO {
            buckets[bucket((at - debit.value_date).num_days())] += left;
            oldest = Some(oldest.map_or(debit.value_date, |o| o.min(debit.value_date)));
        }
    }
    (buckets, oldest)
}

/// Impayés au `at`, fonction pure des écritures : `accounts` dit quels comptes sont des
/// comptes de gestion courants. Triés par référence de locataire ; les lots restent vides.
pub fn unpaid_balances(
    lines: &[LedgerLine],
    accounts: &BTreeMap<String, Gestion>,
    at: NaiveDate,
) -> Vec<UnpaidRow> {
    let mut by_tenant: BTreeMap<&str, TenantDebits> = BTreeMap::new();
    for l in lines {
        let Some(tiers) = l.tiers.as_deref() else {
            continue;
        };
        if l.value_date > at || !accounts.contains_key(&l.account) {
            continue;
        }
        let entry = by_tenant
            .entry(tiers)
            .or_insert_with(|| (Vec::new(), Money::ZERO, l.tiers_name.as_str()));
        if l.debit > Money::ZERO {
            entry.0.push(Debit {
                value_date: l.value_date,
                number: &l.number,
                line_no: l.line_no,
                amount: l.debit,
            });
        }
        entry.1 += l.credit;
    }
    let mut out = Vec::new();
    for (tenant, (debits, credits, name)) in by_tenant {
        let total: Money = debits.iter().map(|d| d.amount).sum();
        let balance = total - credits;
        if balance <= Money::ZERO {
            continue;
        }
        let (buckets, oldest) = age_unsettled(&debits, credits, at);
        debug_assert_eq!(buckets.iter().copied().sum::<Money>(), balance);
        out.push(UnpaidRow {
            tenant: tenant.to_string(),
            name: name.to_string(),
            units: String::new(),
            balance,
            buckets,
            oldest,
        });
    }
    out
}

/// Impayés au `at` lus en base : écritures des comptes courants des locataires (lues
/// en flux), lots des locations en cours.
pub fn load_unpaid(repo: &Repo, at: NaiveDate) -> Result<Vec<UnpaidRow>, StoreError> {
    let accounts = gestion_accounts(&repo.accounts()?, false);
    let mut lines = Vec::new();
    repo.each_ledger_line(Some(at), |l| {
        if l.tiers.is_some() && accounts.contains_key(&l.account) {
            lines.push(l);
        }
        Ok::<(), StoreError>(())
    })?;
    let mut rows = unpaid_balances(&lines, &accounts, at);
    let mut units: HashMap<String, Vec<(bool, NaiveDate, String)>> = HashMap::new();
    for lease in repo.leases()? {
        if lease.start_date > at {
            continue;
        }
        let current = lease.move_out_date.is_none_or(|out| out >= at);
        units
            .entry(lease.tenant)
            .or_default()
            .push((current, lease.start_date, lease.unit));
    }
    for row in &mut rows {
        if let Some(list) = units.get_mut(&row.tenant) {
            list.sort();
            let current: Vec<&str> = list
                .iter()
                .filter(|(c, _, _)| *c)
                .map(|(_, _, u)| u.as_str())
                .collect();
            row.units = if current.is_empty() {
                list.last().map(|(_, _, u)| u.clone()).unwrap_or_default()
            } else {
                current.join(", ")
            };
        }
    }
    Ok(rows)
}

/// Totaux d'une liste d'impayés : le solde dû, puis chaque tranche d'ancienneté.
pub fn unpaid_totals<'a>(rows: impl IntoIterator<Item = &'a UnpaidRow>) -> [Money; 5] {
    let mut totals = [Money::ZERO; 5];
    for r in rows {
        totals[0] += r.balance;
        for (t, b) in totals[1..].iter_mut().zip(r.buckets) {
            *t += b;
        }
    }
    totals
}

/// Liste des impayés en CSV pour un tableur français : BOM UTF-8, `;`, virgule
/// décimale, CRLF, une ligne de totaux.
pub fn unpaid_csv(rows: &[UnpaidRow]) -> String {
    let m = format_money_plain;
    let clean = |s: &str| s.replace([';', '\r', '\n'], " ");
    let mut out = String::from(
        "\u{feff}locataire;nom;lot;solde;0_30_jours;31_60_jours;61_90_jours;plus_90_jours;plus_ancien_debit\r\n",
    );
    let totals = unpaid_totals(rows);
    for r in rows {
        out.push_str(&format!(
            "{};{};{};{};{};{};{};{};{}\r\n",
            clean(&r.tenant),
            clean(&r.name),
            clean(&r.units),
            m(r.balance),
            m(r.buckets[0]),
            m(r.buckets[1]),
            m(r.buckets[2]),
            m(r.buckets[3]),
            r.oldest
                .map(crate::model::dates::format_date)
                .unwrap_or_default()
        ));
    }
    out.push_str(&format!(
        "Total;{} locataire(s);;{};{};{};{};{};\r\n",
        rows.len(),
        m(totals[0]),
        m(totals[1]),
        m(totals[2]),
        m(totals[3]),
        m(totals[4])
    ));
    out
}
