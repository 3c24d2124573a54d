//! Balance comptable (générale ou auxiliaire) : fonction pure des écritures et d'une
//! période, aux 6 colonnes du manuel (solde antérieur D/C, débit et crédit de la
//! période, nouveau solde D/C).

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::model::Money;

/// Une écriture telle que la balance la voit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostedEntry {
    pub account: String,
    pub tiers: Option<String>,
    pub value_date: NaiveDate,
    pub debit: Money,
    pub credit: Money,
}

/// Une ligne de balance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrialBalanceRow {
    pub account: String,
    /// Tiers en présentation auxiliaire, `None` en présentation générale.
    pub tiers: Option<String>,
    pub opening_debit: Money,
    pub opening_credit: Money,
    pub period_debit: Money,
    pub period_credit: Money,
    pub closing_debit: Money,
    pub closing_credit: Money,
}

impl TrialBalanceRow {
    /// Les 6 colonnes du manuel, dans l'ordre : solde antérieur D, C ; période D, C ;
    /// nouveau solde D, C.
    pub fn columns(&self) -> [Money; 6] {
        [
            self.opening_debit,
            self.opening_credit,
            self.period_debit,
            self.period_credit,
            self.closing_debit,
            self.closing_credit,
        ]
    }
}

/// Solde présenté d'un seul côté : (débiteur, créditeur).
pub fn sides(balance: Money) -> (Money, Money) {
    if balance.is_sign_negative() {
        (Money::ZERO, -balance)
    } else {
        (balance, Money::ZERO)
    }
}

/// Balance du `from` au `to` inclus ; `by_party` = présentation auxiliaire (compte + tiers).
pub fn trial_balance(
    entries: &[PostedEntry],
    from: NaiveDate,
    to: NaiveDate,
    by_party: bool,
) -> Vec<TrialBalanceRow> {
    // (antérieur, débit période, crédit période)
    let mut sums: BTreeMap<(String, Option<String>), (Money, Money, Money)> = BTreeMap::new();
    for e in entries.iter().filter(|e| e.value_date <= to) {
        let key = (
            e.account.clone(),
            if by_party { e.tiers.clone() } else { None },
        );
        let s = sums
            .entry(key)
            .or_insert((Money::ZERO, Money::ZERO, Money::ZERO));
        if e.value_date < from {
            s.0 += e.debit - e.credit;
        } else {
            s.1 += e.debit;
            s.2 += e.credit;
        }
    }
    sums.into_iter()
        .map(|((account, tiers), (opening, debit, credit))| {
            let (opening_debit, opening_credit) = sides(opening);
            let (closing_debit, closing_credit) = sides(opening + debit - credit);
            TrialBalanceRow {
                account,
                tiers,
                opening_debit,
                opening_credit,
                period_debit: debit,
                period_credit: credit,
                closing_debit,
                closing_credit,
            }
        })
        .collect()
}
