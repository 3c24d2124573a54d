//! Sortie d'un locataire (S14 ; manuel : « La sortie du locataire ») : date et motif de
//! sortie sur la location, remise des clés et état des lieux de sortie. Le dernier avis
//! se calcule au prorata de la présence (`notices::presence_days`) et aucun avis ne suit
//! la sortie (`notices`, condition « sorti le … »).
//!
//! Au-delà du manuel, la loi du 6 juillet 1989 (art. 22) : le dépôt se restitue dans le
//! mois de la remise des clés (deux mois si l'état des lieux de sortie diffère de celui
//! d'entrée) ; passé ce délai, le locataire a droit à 10 % du loyer mensuel hors charges
//! par mois de retard commencé.

use chrono::NaiveDate;

use crate::model::dates::{add_months, format_date};
use crate::model::money::round_cents;
use crate::model::{
    ExitInventory, Gestion, ItemPurpose, Lease, LeaseExit, LeaseItem, Money, MoveOutReason,
};
use crate::store::{Repo, Session, Store, StoreError};

/// La commande « sortie » : date, motif, et ce qu'on sait de la remise des clés.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MoveOutRequest {
    pub lease: String,
    pub date: NaiveDate,
    pub reason: MoveOutReason,
    pub keys_returned: Option<NaiveDate>,
    pub inventory: Option<ExitInventory>,
}

/// Refus d'une sortie, champ par champ.
#[derive(Debug, thiserror::Error)]
pub enum MoveOutError {
    #[error("{field} : {message}")]
    Invalid {
        field: &'static str,
        message: String,
    },
    #[error("{0}")]
    Store(#[from] StoreError),
}

fn invalid(field: &'static str, message: impl Into<String>) -> MoveOutError {
    MoveOutError::Invalid {
        field,
        message: message.into(),
    }
}

/// Ce que la sortie écrit : la location modifiée et sa sortie.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MoveOutPlan {
    pub lease: Lease,
    pub exit: LeaseExit,
    /// Délai légal de restitution du dépôt, si les clés sont rendues.
    pub deadline: Option<NaiveDate>,
}

/// Une location par sa référence, ou le refus qui la nomme.
pub fn find_lease(repo: &Repo, reference: &str) -> Result<Lease, StoreError> {
    repo.leases()?
        .into_iter()
        .find(|l| l.reference == reference.trim())
        .ok_or_else(|| StoreError::Unknown {
            what: "Location",
            reference: reference.trim().to_string(),
        })
}

/// Vérifie la sortie et prépare la location modifiée (sans rien écrire).
pub fn plan(repo: &Repo, request: &MoveOutRequest) -> Result<MoveOutPlan, MoveOutError> {
    let mut lease = find_lease(repo, &request.lease)?;
    if lease.locked {
        return Err(invalid(
            "location",
            format!(
                "la location « {} » est verrouillée : déverrouillez-la d'abord",
                lease.reference
            ),
        ));
    }
    // Un avis d'une période qui commence après la sortie ne serait plus dû.
    if let Some(later) = repo
        .notice_index()?
        .into_iter()
        .filter(|n| n.lease == lease.reference && n.period_start > request.date)
        .min_by_key(|n| n.period_start)
    {
        return Err(invalid(
            "date",
            format!(
                "l'avis {} couvre une période qui commence le {}, après la sortie du {} : supprimez-le d'abord (fenêtre Avis)",
                later.number,
                format_date(later.period_start),
                format_date(request.date)
            ),
        ));
    }
    if request.keys_returned.is_some_and(|k| k < lease.start_date) {
        return Err(invalid(
            "remise_cles",
            "la remise des clés précède le début de la location",
        ));
    }
    lease.move_out_date = Some(request.date);
    lease.move_out_reason = Some(request.reason);
    lease.validate().map_err(StoreError::Invalid)?;
    let exit = LeaseExit {
        lease: lease.reference.clone(),
        keys_returned: request.keys_returned,
        inventory: request.inventory,
    };
    Ok(MoveOutPlan {
        deadline: deposit_deadline(&exit),
        lease,
        exit,
    })
}

/// Enregistre la sortie planifiée.
pub fn apply(repo: &Repo, planned: &MoveOutPlan) -> Result<(), MoveOutError> {
    repo.update_lease(&planned.lease.reference, &planned.lease)?;
    if planned.exit.keys_returned.is_some() || planned.exit.inventory.is_some() {
        repo.set_lease_exit(&planned.exit)?;
    }
    Ok(())
}

/// Enregistre la sortie (ou, en simulation, la vérifie seulement).
pub fn run(
    store: &mut Store,
    session: &Session,
    request: &MoveOutRequest,
    simulation: bool,
) -> Result<MoveOutPlan, MoveOutError> {
    if simulation {
        return plan(&store.read(session), request);
    }
    let action = format!("sortie {}", request.lease.trim());
    store.write(session, &action, |repo| {
        let planned = plan(repo, request)?;
        apply(repo, &planned)?;
        Ok(planned)
    })
}

/// Compte rendu d'une sortie.
pub fn report(planned: &MoveOutPlan, simulation: bool) -> String {
    let lease = &planned.lease;
    let mut out = format!(
        "{}location {} : sortie le {} ({})\n",
        if simulation { "[simulation] " } else { "" },
        lease.reference,
        lease.move_out_date.map(format_date).unwrap_or_default(),
        lease.move_out_reason.map(|r| r.label()).unwrap_or_default()
    );
    out.push_str(
        "le dernier avis se calcule au prorata des jours de présence ; aucun avis après la sortie\n",
    );
    if let Some(keys) = planned.exit.keys_returned {
        out.push_str(&format!("clés rendues le {}", format_date(keys)));
        if let Some(inventory) = planned.exit.inventory {
            out.push_str(&format!(
                ", état des lieux de sortie {}",
                inventory.label().to_lowercase()
            ));
        }
        out.push('\n');
    }
    if let Some(deadline) = planned.deadline {
        out.push_str(&format!(
            "dépôt de garantie à restituer au plus tard le {} (loi du 6 juillet 1989, art. 22)\n",
            format_date(deadline)
        ));
    }
    out
}

/// Délai légal de restitution du dépôt : un mois après la remise des clés, deux si
/// l'état des lieux de sortie diffère de celui d'entrée (ou n'est pas indiqué : le
/// délai le plus long, faute de savoir).
pub fn deposit_deadline(exit: &LeaseExit) -> Option<NaiveDate> {
    let months = match exit.inventory {
        Some(ExitInventory::Conform) => 1,
        Some(ExitInventory::Different) | None => 2,
    };
    exit.keys_returned.and_then(|k| add_months(k, months))
}

/// Mois de retard commencés au `at` après le délai `deadline` (0 si le délai court).
pub fn started_months_late(deadline: NaiveDate, at: NaiveDate) -> u32 {
    let mut months = 0;
    while add_months(deadline, months as i32).is_some_and(|d| d < at) {
        months += 1;
    }
    months
}

/// Majoration due au locataire : 10 % du loyer mensuel hors charges par mois de retard
/// commencé, arrondie au centime.
pub fn late_penalty(deadline: NaiveDate, at: NaiveDate, monthly_rent: Money) -> Money {
    let months = Money::from(started_months_late(deadline, at));
    round_cents(monthly_rent * Money::new(10, 2) * months)
}

/// Loyer mensuel hors charges au `at` : les rubriques de loyer (type LO) facturées au
/// compte de loyer en vigueur à cette date (la date de sortie : le dernier loyer dû).
pub fn monthly_rent(items: &[LeaseItem], lease: &str, at: NaiveDate) -> Money {
    items
        .iter()
        .filter(|i| {
            i.lease == lease
                && i.active
                && i.gestion == Gestion::Rent
                && i.purpose == ItemPurpose::Billing
                && i.item_type.eq_ignore_ascii_case("LO")
                && i.start_date <= at
                && i.end_date.is_none_or(|end| at <= end)
        })
        .map(|i| i.amount_at(at))
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("date")
    }

    #[test]
    fn a_started_month_of_delay_counts_whole() {
        let deadline = ymd(2026, 11, 5);
        assert_eq!(started_months_late(deadline, ymd(2026, 11, 5)), 0);
        assert_eq!(started_months_late(deadline, ymd(2026, 11, 6)), 1);
        assert_eq!(started_months_late(deadline, ymd(2026, 12, 5)), 1);
        assert_eq!(started_months_late(deadline, ymd(2026, 12, 6)), 2);
        assert_eq!(started_months_late(deadline, ymd(2026, 12, 20)), 2);
    }
}
