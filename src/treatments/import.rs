//! Import de listes CSV de fiches : tout ou rien. La première ligne fautive (valeur
//! illisible, fiche invalide, référence inconnue ou en double) rejette le fichier entier
//! avec son numéro de ligne, sa colonne et la raison ; rien n'est écrit.

use crate::formats::csv_keys::{self, KeyRow};
use crate::formats::csv_lists::{self, CsvList, RowError, TextEncoding, VoucherRow};
use crate::ledger::{post, LedgerContext, LedgerError};
use crate::model::{Building, Lease, LeaseItem, LeasePeriod, Tenant, ThirdParty, Unit};
use crate::store::{Repo, Session, Store, StoreError};

/// Les listes importables, par leur nom en ligne de commande.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entity {
    Buildings,
    Units,
    Tenants,
    ThirdParties,
    Leases,
    LeaseItems,
    Periods,
    /// Pièces comptables : chacune passe par la validation du grand livre.
    Vouchers,
    /// Clés de répartition et tantièmes des lots (S11).
    Keys,
}

impl Entity {
    pub const ALL: &'static [Entity] = &[
        Entity::Buildings,
        Entity::Units,
        Entity::Tenants,
        Entity::ThirdParties,
        Entity::Leases,
        Entity::LeaseItems,
        Entity::Periods,
        Entity::Vouchers,
        Entity::Keys,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Entity::Buildings => Building::NAME,
            Entity::Units => Unit::NAME,
            Entity::Tenants => Tenant::NAME,
            Entity::ThirdParties => ThirdParty::NAME,
            Entity::Leases => Lease::NAME,
            Entity::LeaseItems => LeaseItem::NAME,
            Entity::Periods => LeasePeriod::NAME,
            Entity::Vouchers => VoucherRow::NAME,
            Entity::Keys => KeyRow::NAME,
        }
    }

    pub fn parse(name: &str) -> Option<Entity> {
        Entity::ALL
            .iter()
            .copied()
            .find(|e| e.name() == name.trim())
    }
}

/// Échec d'un import : rien n'a été écrit.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("fichier refusé, rien n'a été importé — {0}")]
    Row(#[from] RowError),
    #[error("fichier refusé, rien n'a été importé — ligne {line} : {error}")]
    Store { line: u64, error: StoreError },
    #[error("fichier refusé, rien n'a été importé — pièce de la ligne {line} : {error}")]
    Ledger { line: u64, error: LedgerError },
    #[error("{0}")]
    Other(#[from] StoreError),
}

/// Ce qu'un import de fichier a fait.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Imported {
    /// Fiches créées (pièces pour la liste des pièces).
    pub count: usize,
    /// Codage dans lequel le fichier a été lu (à signaler s'il n'est pas UTF-8).
    pub encoding: TextEncoding,
}

/// Importe un fichier tel qu'il a été lu sur le disque : UTF-8 (avec ou sans BOM) ou
/// Windows-1252 (reconnu), dans sa propre transaction. Tout ou rien.
pub fn import_file(
    store: &mut Store,
    session: &Session,
    entity: Entity,
    bytes: &[u8],
) -> Result<Imported, ImportError> {
    let (text, encoding) = csv_lists::decode_text(bytes)?;
    let count = import(store, session, entity, &text)?;
    Ok(Imported { count, encoding })
}

/// Importe le texte d'une liste dans sa propre transaction ; renvoie le nombre de
/// fiches créées.
pub fn import(
    store: &mut Store,
    session: &Session,
    entity: Entity,
    text: &str,
) -> Result<usize, ImportError> {
    store.write(session, &format!("import {}", entity.name()), |repo| {
        import_into(repo, entity, text)
    })
}

/// Importe une liste dans la transaction de `repo` (l'appelant annule tout en cas
/// d'erreur).
pub fn import_into(repo: &Repo, entity: Entity, text: &str) -> Result<usize, ImportError> {
    match entity {
        Entity::Buildings => insert_rows(repo, text, |repo, b: &Building| repo.insert_building(b)),
        Entity::Units => insert_rows(repo, text, |repo, u: &Unit| repo.insert_unit(u)),
        Entity::Tenants => insert_rows(repo, text, |repo, t: &Tenant| repo.insert_tenant(t)),
        Entity::ThirdParties => insert_rows(repo, text, |repo, t: &ThirdParty| {
            repo.insert_third_party(t).map(|_| ())
        }),
        Entity::Leases => insert_rows(repo, text, |repo, l: &Lease| repo.insert_lease(l)),
        Entity::LeaseItems => {
            insert_rows(repo, text, |repo, i: &LeaseItem| repo.insert_lease_item(i))
        }
        Entity::Periods => insert_rows(repo, text, |repo, p: &LeasePeriod| repo.insert_period(p)),
        Entity::Vouchers => post_vouchers(repo, text),
        Entity::Keys => insert_keys(repo, text),
    }
}

/// Enregistre les clés d'une liste ; renvoie le nombre de clés. Le lot de chaque ligne
/// doit être un lot de l'immeuble de la clé (refus à sa ligne) ; le reste des règles de
/// la clé est celui de la fiche (refus à la première ligne de la clé).
fn insert_keys(repo: &Repo, text: &str) -> Result<usize, ImportError> {
    let rows = csv_lists::read::<KeyRow>(text)?;
    let units = repo.units()?;
    for (line, row) in &rows {
        let Some(share) = &row.share else { continue };
        if !units
            .iter()
            .any(|u| u.reference == share.unit && u.building == row.key.building)
        {
            return Err(ImportError::Row(RowError {
                line: *line,
                column: "lot".into(),
                message: format!(
                    "le lot « {} » n'est pas un lot de l'immeuble « {} »",
                    share.unit, row.key.building
                ),
            }));
        }
    }
    let keys = csv_keys::group_keys(rows)?;
    for (line, key) in &keys {
        repo.insert_allocation_key(key)
            .map_err(|error| store_row_error(*line, error))?;
    }
    Ok(keys.len())
}

/// Enregistre les pièces d'une liste par le grand livre ; renvoie le nombre de pièces.
fn post_vouchers(repo: &Repo, text: &str) -> Result<usize, ImportError> {
    let vouchers = csv_lists::group_vouchers(csv_lists::read::<VoucherRow>(text)?)?;
    let ctx = LedgerContext::load(repo)?;
    for (line, voucher) in &vouchers {
        post(repo, &ctx, voucher).map_err(|error| ImportError::Ledger { line: *line, error })?;
    }
    Ok(vouchers.len())
}

fn insert_rows<T: CsvList>(
    repo: &Repo,
    text: &str,
    insert: impl Fn(&Repo, &T) -> Result<(), StoreError>,
) -> Result<usize, ImportError> {
    let rows = csv_lists::read::<T>(text)?;
    for (line, row) in &rows {
        insert(repo, row).map_err(|error| store_row_error(*line, error))?;
    }
    Ok(rows.len())
}

/// Refus d'une fiche par le dépôt, rapporté à sa ligne : une fiche invalide nomme la
/// colonne comme pour une valeur illisible, et celle de chaque autre problème de la ligne.
fn store_row_error(line: u64, error: StoreError) -> ImportError {
    match error {
        StoreError::Invalid(problems) if !problems.is_empty() => ImportError::Row(RowError {
            line,
            column: problems[0].field.to_string(),
            message: problems
                .iter()
                .enumerate()
                .map(|(i, p)| match i {
                    0 => p.message.clone(),
                    _ if p.field == problems[0].field => p.message.clone(),
                    _ => format!("colonne « {} » : {}", p.field, p.message),
                })
                .collect::<Vec<_>>()
                .join(" ; "),
        }),
        error => ImportError::Store { line, error },
    }
}

/// Liste CSV des fiches d'un bailleur.
pub fn export(store: &Store, session: &Session, entity: Entity) -> Result<String, StoreError> {
    let repo = store.read(session);
    Ok(match entity {
        Entity::Buildings => csv_lists::write(&repo.buildings()?),
        Entity::Units => csv_lists::write(&repo.units()?),
        Entity::Tenants => csv_lists::write(&repo.tenants()?),
        Entity::ThirdParties => csv_lists::write(&repo.third_parties()?),
        Entity::Leases => csv_lists::write(&repo.leases()?),
        Entity::LeaseItems => csv_lists::write(&repo.lease_items()?),
        Entity::Periods => csv_lists::write(&repo.periods()?),
        Entity::Vouchers => csv_lists::write(&csv_lists::voucher_rows(&repo.ledger_lines(None)?)),
        Entity::Keys => csv_lists::write(&csv_keys::flatten_keys(&repo.allocation_keys()?)),
    })
}
