//! Versions du schéma. Une base neuve reçoit `schema.sql` et la version courante ;
//! une base plus ancienne reçoit, dans une seule transaction, chaque migration qui lui
//! manque ; une base plus récente est refusée.

use rusqlite::Connection;

use super::{Result, StoreError};

/// Le schéma complet d'une base neuve. Chaque évolution y est une section qui commence
/// par une ligne `-- == version N ==` : cette section est aussi la migration N − 1 → N.
pub const SCHEMA_SQL: &str = include_str!("../../../schema.sql");

/// Marque de section, en début de ligne.
const SECTION_MARK: &str = "\n-- == version ";

/// Une étape : le SQL qui fait passer le schéma de `to - 1` à `to`.
pub struct Migration {
    pub to: i64,
    pub sql: &'static str,
}

/// Les migrations depuis la version 1, dans l'ordre : les sections de `schema.sql`.
pub fn migrations() -> Vec<Migration> {
    let mut out = Vec::new();
    let mut rest = SCHEMA_SQL;
    while let Some(start) = rest.find(SECTION_MARK) {
        let section = &rest[start..];
        let after_mark = &section[SECTION_MARK.len()..];
        let to = after_mark
            .split(|c: char| !c.is_ascii_digit())
            .next()
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
        // La section va jusqu'à la marque suivante (la marque elle-même est un commentaire SQL).
        let end = after_mark
            .find(SECTION_MARK)
            .map_or(section.len(), |i| i + SECTION_MARK.len());
        out.push(Migration {
            to,
            sql: &section[..end],
        });
        rest = &section[end..];
    }
    out
}

/// Version du schéma que connaît ce programme.
pub const SCHEMA_VERSION: i64 = 12;

/// Après une réécriture directe du texte du schéma (version 5), relit le schéma — un
/// texte illisible fait échouer la migration, donc l'annule — et incrémente
/// `schema_version` pour que les autres connexions ouvertes le relisent aussi.
fn announce_schema_change(conn: &Connection) -> Result<()> {
    conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| {
        r.get::<_, i64>(0)
    })?;
    let version: i64 = conn.query_row("PRAGMA schema_version", [], |r| r.get(0))?;
    conn.pragma_update(None, "schema_version", version + 1)?;
    Ok(())
}

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
        return Err(StoreError::TooNew {
            found,
            known: target,
        });
    }
    if found == target {
        return Ok(());
    }
    if found == 0 {
        let tables: i64 = conn.query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table'",
            [],
            |r| r.get(0),
        )?;
        if tables > 0 {
            return Err(StoreError::NotAbri);
        }
        let tx = conn.transaction()?;
        tx.execute_batch(SCHEMA_SQL)?;
        announce_schema_change(&tx)?;
        tx.pragma_update(None, "user_version", target)?;
        tx.commit()?;
        return Ok(());
    }
    let tx = conn.transaction()?;
    for step in migrations.iter().filter(|m| m.to > found) {
        tx.execute_batch(step.sql)
            .map_err(|e| StoreError::Migration {
                from: step.to - 1,
                to: step.to,
                reason: e.to_string(),
            })?;
        tx.pragma_update(None, "user_version", step.to)?;
    }
    announce_schema_change(&tx)?;
    // Une migration ne doit laisser aucune référence cassée.
    let broken: i64 = tx.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
        r.get(0)
    })?;
    if broken > 0 {
        return Err(StoreError::Migration {
            from: found,
            to: target,
            reason: format!("{broken} référence(s) cassée(s)"),
        });
    }
    tx.commit()?;
    Ok(())
}
