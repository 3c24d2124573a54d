//! Versions du schéma. Une base neuve reçoit `schema.sql` et la version courante ;
//! une base plus ancienne reçoit, dans une seule transaction, chaque migration qui lui
//! manque ; une base plus récente est refusée.

use rusqlite::Connection;

use super::{Result, StoreError};

/// Le schéma complet d'une base neuve.
pub const SCHEMA_SQL: &str = include_str!("../../schema.sql");

/// Une étape : le SQL qui fait passer le schéma de `to - 1` à `to`.
pub struct Migration {
    pub to: i64,
    pub sql: &'static str,
}

/// Les migrations depuis la version 1, dans l'ordre. Ajouter ici toute évolution de
/// `schema.sql` (et l'y reporter), en incrémentant la version.
pub const MIGRATIONS: &[Migration] = &[Migration { to: 2, sql: include_str!("ledger_v2.sql") }];

/// Version du schéma que connaît ce programme.
pub const SCHEMA_VERSION: i64 = 2;

/// Version visée par une liste de migrations.
fn target_version(migrations: &[Migration]) -> i64 {
    migrations.last().map_or(1, |m| m.to)
}

/// Crée ou met à niveau la base. `migrations` est un paramètre pour que les tests
/// puissent éprouver le mécanisme avec leurs propres étapes.
pub fn migrate(conn: &mut Connection, migrations: &[Migration]) -> Result<()> {
    let target = target_version(migrations);
    let found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if found > target {
        return Err(StoreError::TooNew { found, known: target });
    }
    if found == target {
        return Ok(());
    }
    if found == 0 {
        let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_master WHERE type = 'table'", [], |r| r.get(0))?;
        if tables > 0 {
            return Err(StoreError::NotAbri);
        }
        let tx = conn.transaction()?;
        tx.execute_batch(SCHEMA_SQL)?;
        tx.pragma_update(None, "user_version", target)?;
        tx.commit()?;
        return Ok(());
    }
    let tx = conn.transaction()?;
    for step in migrations.iter().filter(|m| m.to > found) {
        tx.execute_batch(step.sql).map_err(|e| StoreError::Migration { from: step.to - 1, to: step.to, reason: e.to_string() })?;
        tx.pragma_update(None, "user_version", step.to)?;
    }
    // Une migration ne doit laisser aucune référence cassée.
    let broken: i64 = tx.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0))?;
    if broken > 0 {
        return Err(StoreError::Migration { from: found, to: target, reason: format!("{broken} référence(s) cassée(s)") });
    }
    tx.commit()?;
    Ok(())
}
