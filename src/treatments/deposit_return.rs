//! Dépôts de garantie à restituer (loi du 6 juillet 1989, art. 22) : les locataires
//! partis, clés rendues, dont le solde de tout compte n'est pas terminé et à qui le
//! bailleur doit encore quelque chose ; le délai légal et la majoration déjà due
//! (10 % du loyer mensuel hors charges par mois de retard commencé).

use chrono::NaiveDate;

use crate::ledger::LedgerContext;
use crate::model::dates::format_date;
use crate::model::money::format_money_plain;
use crate::model::{ExitInventory, Gestion, Money};
use crate::store::{Repo, StoreError};
use crate::treatments::move_out::{
    deposit_deadline, late_penalty, monthly_rent, started_months_late,
};
use crate::treatments::settlement::TenantLedger;

/// Un dépôt à restituer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DepositToReturn {
    pub lease: String,
    pub tenant: String,
    pub keys_returned: NaiveDate,
    pub inventory: Option<ExitInventory>,
    /// Ce que le bailleur doit : le solde en faveur du locataire si le solde de tout
    /// compte est établi, sinon le dépôt détenu.
    pub amount: Money,
    /// Le solde de tout compte est établi (il reste à rembourser).
    pub settled: bool,
    pub deadline: NaiveDate,
    pub months_late: u32,
    pub penalty: Money,
}

/// Les dépôts à restituer au `at`, par location.
pub fn deposits_to_return(repo: &Repo, at: NaiveDate) -> Result<Vec<DepositToReturn>, StoreError> {
    let ctx = LedgerContext::load(repo)?;
    let leases = repo.leases()?;
    let items = repo.lease_items()?;
    let mut out = Vec::new();
    for exit in repo.lease_exits()? {
        let (Some(keys), Some(deadline)) = (exit.keys_returned, deposit_deadline(&exit)) else {
            continue;
        };
        let Some(lease) = leases.iter().find(|l| {
            l.reference == exit.lease && l.move_out_reason.is_some_and(|r| r.is_definitive())
        }) else {
            continue;
        };
        let ledger = TenantLedger::load(repo, lease)?;
        if ledger.ending_voucher().is_some() {
            continue;
        }
        let settled = ledger.deposits_voucher().is_some();
        let amount = if settled {
            -ledger.total(&ctx.accounts)
        } else {
            -ledger.gestion_balance(&ctx.accounts, Gestion::Deposit, 1)
        };
        if amount <= Money::ZERO {
            continue;
        }
        let rent = monthly_rent(
            &items,
            &lease.reference,
            lease.move_out_date.unwrap_or(keys),
        );
        out.push(DepositToReturn {
            lease: lease.reference.clone(),
            tenant: lease.tenant.clone(),
            keys_returned: keys,
            inventory: exit.inventory,
            amount,
            settled,
            deadline,
            months_late: started_months_late(deadline, at),
            penalty: late_penalty(deadline, at, rent),
        });
    }
    Ok(out)
}

/// La liste en CSV pour un tableur français : BOM UTF-8, `;`, virgule décimale, CRLF.
pub fn deposits_csv(rows: &[DepositToReturn]) -> String {
    let mut out = String::from(
        "\u{feff}location;locataire;remise_cles;etat_des_lieux;a_restituer;solde_etabli;date_limite;mois_de_retard;majoration\r\n",
    );
    for r in rows {
        out.push_str(&format!(
            "{};{};{};{};{};{};{};{};{}\r\n",
            r.lease,
            r.tenant,
            format_date(r.keys_returned),
            r.inventory.map(ExitInventory::code).unwrap_or(""),
            format_money_plain(r.amount),
            if r.settled { "O" } else { "N" },
            format_date(r.deadline),
            r.months_late,
            format_money_plain(r.penalty)
        ));
    }
    out
}
