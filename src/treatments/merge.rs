//! Fusion de deux fiches d'un même locataire (S4 ; manuel : « Les mutations »,
//! « Regroupement de 2 fiches locataires ») : refusée si nom et prénom diffèrent (casse
//! et accents indifférents) ; les locations, leurs documents et les pièces de la fiche
//! absorbée passent à la fiche gardée — chaque pièce par le grand livre, un événement
//! « modification » au journal des pièces — puis la fiche absorbée est désactivée
//! (S1 : rien de ce à quoi d'autres lignes renvoient n'est supprimé). Les détails de
//! suivi ne sont pas fusionnés.

use crate::ledger::locks::{self, LockError};
use crate::model::codes::fold;
use crate::model::Tenant;
use crate::store::{Repo, Session, Store, StoreError};

/// Refus d'une fusion.
#[derive(Debug, thiserror::Error)]
pub enum MergeError {
    #[error("{0}")]
    Refused(String),
    #[error("{0}")]
    Lock(#[from] LockError),
    #[error("{0}")]
    Store(#[from] StoreError),
}

/// Ce que la fusion déplacerait.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergePlan {
    pub kept: Tenant,
    pub absorbed: Tenant,
    /// Locations de la fiche absorbée.
    pub leases: Vec<String>,
    /// Pièces où figure la fiche absorbée.
    pub vouchers: Vec<String>,
}

/// Même personne : nom et prénom égaux, casse et accents indifférents.
pub fn same_person(a: &Tenant, b: &Tenant) -> bool {
    fold(&a.surname) == fold(&b.surname) && fold(&a.first_name) == fold(&b.first_name)
}

fn tenant(repo: &Repo, reference: &str) -> Result<Tenant, MergeError> {
    repo.tenants()?
        .into_iter()
        .find(|t| t.reference == reference.trim())
        .ok_or_else(|| {
            MergeError::Store(StoreError::Unknown {
                what: "Locataire",
                reference: reference.trim().to_string(),
            })
        })
}

/// Vérifie la fusion et liste ce qu'elle déplacerait (sans rien écrire).
pub fn plan(repo: &Repo, kept: &str, absorbed: &str) -> Result<MergePlan, MergeError> {
    if kept.trim() == absorbed.trim() {
        return Err(MergeError::Refused(
            "choisissez deux fiches différentes : la fiche gardée et la fiche absorbée".into(),
        ));
    }
    let kept = tenant(repo, kept)?;
    let absorbed = tenant(repo, absorbed)?;
    if !same_person(&kept, &absorbed) {
        return Err(MergeError::Refused(format!(
            "fusion refusée : « {} {} » ({}) et « {} {} » ({}) n'ont pas les mêmes nom et prénom",
            kept.surname,
            kept.first_name,
            kept.reference,
            absorbed.surname,
            absorbed.first_name,
            absorbed.reference
        )));
    }
    let leases = repo
        .leases()?
        .into_iter()
        .filter(|l| l.tenant == absorbed.reference)
        .map(|l| l.reference)
        .collect();
    let mut vouchers: Vec<String> = repo
        .tiers_lines(&absorbed.reference, None)?
        .into_iter()
        .map(|l| l.number)
        .collect();
    vouchers.dedup();
    Ok(MergePlan {
        kept,
        absorbed,
        leases,
        vouchers,
    })
}

/// Fait la fusion planifiée.
pub fn apply(repo: &Repo, planned: &MergePlan) -> Result<(), MergeError> {
    for number in &planned.vouchers {
        locks::reassign_tiers(
            repo,
            number,
            &planned.absorbed.reference,
            &planned.kept.reference,
        )?;
    }
    repo.merge_tenant_records(&planned.kept.reference, &planned.absorbed.reference)?;
    Ok(())
}

/// Fusionne (ou, en simulation, vérifie seulement).
pub fn run(
    store: &mut Store,
    session: &Session,
    kept: &str,
    absorbed: &str,
    simulation: bool,
) -> Result<MergePlan, MergeError> {
    if simulation {
        return plan(&store.read(session), kept, absorbed);
    }
    let action = format!(
        "fusion du locataire {} dans {}",
        absorbed.trim(),
        kept.trim()
    );
    store.write(session, &action, |repo| {
        let planned = plan(repo, kept, absorbed)?;
        apply(repo, &planned)?;
        Ok(planned)
    })
}

/// Compte rendu de la fusion.
pub fn report(planned: &MergePlan, simulation: bool) -> String {
    format!(
        "{}locataire {} fusionné dans {} : {} location(s) ({}) et {} pièce(s) déplacée(s) ; la fiche {} est désactivée\n",
        if simulation { "[simulation] " } else { "" },
        planned.absorbed.reference,
        planned.kept.reference,
        planned.leases.len(),
        planned.leases.join(", "),
        planned.vouchers.len(),
        planned.absorbed.reference
    )
}
