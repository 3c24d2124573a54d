//! Clés de répartition des immeubles et tantièmes de leurs lots (S11).
//!
//! Une clé appartient à un immeuble et s'identifie par son code dans cet immeuble : une
//! modification garde le code, les tantièmes sont réécrits en entier. Une clé se supprime
//! avec ses tantièmes ; elle part aussi avec son immeuble. Une clé employée par une
//! écriture de charge ne change plus (total, tantièmes) et ne se supprime plus : les
//! répartitions déjà faites doivent pouvoir se refaire à l'identique ; son libellé et son
//! ordre, qui ne répartissent rien, restent modifiables.

use rusqlite::{params, OptionalExtension};

use super::buildings::{changes, refused};
use super::{Result, SqliteRepo, StoreError};
use crate::model::{AllocationKey, UnitShare};
use crate::store::*;

/// Ce qui désigne une clé dans les messages et le journal d'audit : « IMM01 / TANT ».
fn key_name(building: &str, code: &str) -> String {
    format!("{} / {}", building.trim(), code.trim())
}

/// Tantièmes rangés par lot, pour comparer deux saisies.
fn sorted(shares: &[UnitShare]) -> Vec<(&str, i64)> {
    let mut v: Vec<(&str, i64)> = shares.iter().map(|s| (s.unit.as_str(), s.shares)).collect();
    v.sort_unstable();
    v
}

impl SqliteRepo<'_> {
    /// Références des lots d'un immeuble.
    fn units_of_building(&self, building_id: i64) -> Result<Vec<String>> {
        self.texts_of(
            "SELECT reference FROM unit WHERE building_id = ?1 ORDER BY reference",
            building_id,
        )
    }

    /// Complète et valide une clé ; rend l'identifiant de son immeuble.
    fn checked_key(&self, key: &AllocationKey) -> Result<(AllocationKey, i64)> {
        let k = key.clone().with_defaults();
        let building = self.id_of("building", "Immeuble", &k.building)?;
        let units = self.units_of_building(building)?;
        let units: Vec<&str> = units.iter().map(String::as_str).collect();
        k.validate(&units)?;
        Ok((k, building))
    }

    /// Identifiant d'une clé par son immeuble et son code.
    fn key_id(&self, building_id: i64, code: &str) -> Result<Option<i64>> {
        Ok(self
            .conn
            .prepare_cached("SELECT id FROM allocation_key WHERE building_id = ?1 AND code = ?2")?
            .query_row(params![building_id, code.trim()], |r| r.get(0))
            .optional()?)
    }

    /// Identifiant d'une clé qui doit exister.
    fn existing_key_id(&self, building_id: i64, building: &str, code: &str) -> Result<i64> {
        self.key_id(building_id, code)?
            .ok_or_else(|| StoreError::Unknown {
                what: "Clé de répartition",
                reference: key_name(building, code),
            })
    }

    /// Refuse de toucher à une clé employée par des écritures (`action` : ce qu'on voulait
    /// faire, pour le message).
    fn refuse_if_used(&self, key_id: i64, name: &str, action: &str) -> Result<()> {
        let (count, first): (i64, Option<String>) = self
            .conn
            .prepare_cached(
                "SELECT count(*), min(v.number) FROM entry e JOIN voucher v ON v.id = e.voucher_id
                 WHERE e.allocation_key_id = ?1",
            )?
            .query_row([key_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        match (count, first) {
            (0, _) | (_, None) => Ok(()),
            (count, Some(number)) => Err(refused(
                "code",
                format!(
                    "la clé « {name} » est employée par {count} écriture(s) de charges (pièce {number}{}) : elle ne peut plus être {action} ; créez une nouvelle clé pour les charges à venir",
                    if count > 1 { "…" } else { "" }
                ),
            )),
        }
    }

    /// Écrit les tantièmes d'une clé (ceux d'avant sont remplacés).
    fn write_shares(&self, key_id: i64, shares: &[UnitShare]) -> Result<()> {
        self.exec("DELETE FROM allocation_share WHERE key_id = ?1", [key_id])?;
        for share in shares {
            let unit = self.id_of("unit", "Lot", &share.unit)?;
            self.exec(
                "INSERT INTO allocation_share (landlord_id, key_id, unit_id, shares) VALUES (?1, ?2, ?3, ?4)",
                params![self.session.landlord_id, key_id, unit, share.shares],
            )?;
        }
        Ok(())
    }

    /// Supprime les clés d'un immeuble (suppression de l'immeuble).
    pub(super) fn delete_keys_of_building(&self, building_id: i64) -> Result<()> {
        for key in self.select_keys(" AND k.building_id = ?2", Some(building_id))? {
            let id = self.existing_key_id(building_id, &key.building, &key.code)?;
            self.refuse_if_used(id, &key_name(&key.building, &key.code), "supprimée")?;
        }
        self.exec(
            "DELETE FROM allocation_share WHERE key_id IN (SELECT id FROM allocation_key WHERE building_id = ?1)",
            [building_id],
        )?;
        self.exec(
            "DELETE FROM allocation_key WHERE building_id = ?1",
            [building_id],
        )?;
        Ok(())
    }

    /// Retire les tantièmes d'un lot sur les clés d'un immeuble (lot rattaché à un autre
    /// immeuble, ou supprimé) ; rend les codes des clés touchées.
    pub(super) fn drop_unit_shares(&self, unit_id: i64, building_id: i64) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT k.id, k.code, b.reference FROM allocation_share s
             JOIN allocation_key k ON k.id = s.key_id JOIN building b ON b.id = k.building_id
             WHERE s.unit_id = ?1 AND k.building_id = ?2 ORDER BY k.code",
        )?;
        let found = stmt
            .query_map(params![unit_id, building_id], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut keys = Vec::with_capacity(found.len());
        for (id, code, building) in found {
            // Le lot perdrait ses tantièmes : la clé changerait.
            self.refuse_if_used(
                id,
                &key_name(&building, &code),
                "modifiée (total, tantièmes)",
            )?;
            keys.push(code);
        }
        self.exec(
            "DELETE FROM allocation_share WHERE unit_id = ?1
             AND key_id IN (SELECT id FROM allocation_key WHERE building_id = ?2)",
            params![unit_id, building_id],
        )?;
        Ok(keys)
    }

    fn select_keys(&self, condition: &str, id: Option<i64>) -> Result<Vec<AllocationKey>> {
        let sql = format!(
            "SELECT k.id, b.reference, k.code, k.label, k.ord, k.total_shares
             FROM allocation_key k JOIN building b ON b.id = k.building_id
             WHERE k.landlord_id = ?1{condition} ORDER BY b.reference, k.ord, k.code"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = match id {
            Some(id) => stmt.query(params![self.session.landlord_id, id])?,
            None => stmt.query([self.session.landlord_id])?,
        };
        let mut keys: Vec<(i64, AllocationKey)> = Vec::new();
        while let Some(r) = rows.next()? {
            keys.push((
                r.get(0)?,
                AllocationKey {
                    building: r.get(1)?,
                    code: r.get(2)?,
                    label: r.get(3)?,
                    order: r.get(4)?,
                    total_shares: r.get(5)?,
                    shares: Vec::new(),
                },
            ));
        }
        let mut shares = self.conn.prepare_cached(
            "SELECT s.key_id, u.reference, s.shares FROM allocation_share s JOIN unit u ON u.id = s.unit_id
             WHERE s.landlord_id = ?1 ORDER BY s.key_id, u.reference",
        )?;
        let mut rows = shares.query([self.session.landlord_id])?;
        let position: std::collections::HashMap<i64, usize> = keys
            .iter()
            .enumerate()
            .map(|(i, (id, _))| (*id, i))
            .collect();
        while let Some(r) = rows.next()? {
            let key_id: i64 = r.get(0)?;
            if let Some(&i) = position.get(&key_id) {
                keys[i].1.shares.push(UnitShare {
                    unit: r.get(1)?,
                    shares: r.get(2)?,
                });
            }
        }
        Ok(keys.into_iter().map(|(_, k)| k).collect())
    }
}

impl AllocationKeys for SqliteRepo<'_> {
    fn insert_allocation_key(&self, key: &AllocationKey) -> Result<()> {
        let (k, building) = self.checked_key(key)?;
        if self.key_id(building, &k.code)?.is_some() {
            return Err(refused(
                "code",
                format!(
                    "la clé « {} » existe déjà pour l'immeuble « {} » : choisissez un autre code",
                    k.code, k.building
                ),
            ));
        }
        self.exec(
            "INSERT INTO allocation_key (landlord_id, building_id, code, label, ord, total_shares)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                self.session.landlord_id,
                building,
                k.code,
                k.label,
                k.order,
                k.total_shares
            ],
        )?;
        let id = self.conn.last_insert_rowid();
        self.write_shares(id, &k.shares)?;
        self.audit(
            "ajout",
            "allocation_key",
            &key_name(&k.building, &k.code),
            "",
        )
    }

    fn update_allocation_key(&self, code: &str, key: &AllocationKey) -> Result<()> {
        let (k, building) = self.checked_key(key)?;
        if k.code != code.trim() {
            return Err(refused(
                "code",
                format!(
                    "le code d'une clé enregistrée ne change pas (« {} », pas « {} ») : créez une nouvelle clé et supprimez l'ancienne",
                    code.trim(),
                    k.code
                ),
            ));
        }
        let id = self.existing_key_id(building, &k.building, code)?;
        let before = self
            .select_keys(" AND k.id = ?2", Some(id))?
            .pop()
            .ok_or_else(|| StoreError::Unknown {
                what: "Clé de répartition",
                reference: key_name(&k.building, code),
            })?;
        if before.total_shares != k.total_shares || sorted(&before.shares) != sorted(&k.shares) {
            self.refuse_if_used(
                id,
                &key_name(&k.building, code),
                "modifiée (total, tantièmes)",
            )?;
        }
        self.exec(
            "UPDATE allocation_key SET label = ?2, ord = ?3, total_shares = ?4 WHERE id = ?1",
            params![id, k.label, k.order, k.total_shares],
        )?;
        self.write_shares(id, &k.shares)?;
        self.audit(
            "modification",
            "allocation_key",
            &key_name(&k.building, &k.code),
            &changes(&before, &k),
        )
    }

    fn delete_allocation_key(&self, building: &str, code: &str) -> Result<()> {
        let building_id = self.id_of("building", "Immeuble", building)?;
        let id = self.existing_key_id(building_id, building, code)?;
        self.refuse_if_used(id, &key_name(building, code), "supprimée")?;
        self.exec("DELETE FROM allocation_share WHERE key_id = ?1", [id])?;
        self.exec("DELETE FROM allocation_key WHERE id = ?1", [id])?;
        self.audit(
            "suppression",
            "allocation_key",
            &key_name(building, code),
            "",
        )
    }

    fn allocation_keys(&self) -> Result<Vec<AllocationKey>> {
        self.select_keys("", None)
    }
}
