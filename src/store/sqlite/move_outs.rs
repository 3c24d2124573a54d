//! Sorties des locations (S14) : remise des clés et état des lieux de sortie.

use rusqlite::params;

use super::{col, Result, SqliteRepo};
use crate::model::{ExitInventory, LeaseExit};
use crate::store::MoveOuts;

impl MoveOuts for SqliteRepo<'_> {
    fn lease_exits(&self) -> Result<Vec<LeaseExit>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT l.reference, x.keys_returned, x.inventory
             FROM lease_exit x JOIN lease l ON l.id = x.lease_id
             WHERE x.landlord_id = ?1 ORDER BY l.reference",
        )?;
        let rows = stmt.query_map([self.session.landlord_id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, Option<String>>(2)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (lease, keys, inventory) = row?;
            out.push(LeaseExit {
                lease,
                keys_returned: col::opt_date("lease_exit", "keys_returned", keys)?,
                inventory: inventory
                    .map(|c| col::code("lease_exit", "inventory", &c, ExitInventory::parse))
                    .transpose()?,
            });
        }
        Ok(out)
    }

    fn set_lease_exit(&self, exit: &LeaseExit) -> Result<()> {
        let lease = self.id_of("lease", "Location", &exit.lease)?;
        self.exec(
            "INSERT INTO lease_exit (landlord_id, lease_id, keys_returned, inventory)
             VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (lease_id) DO UPDATE SET keys_returned = excluded.keys_returned,
                 inventory = excluded.inventory",
            params![
                self.session.landlord_id,
                lease,
                col::opt_iso(exit.keys_returned),
                exit.inventory.map(ExitInventory::code)
            ],
        )?;
        self.audit(
            "modification",
            "lease_exit",
            exit.lease.trim(),
            &format!("{exit:?}"),
        )
    }

    fn merge_tenant_records(&self, kept: &str, absorbed: &str) -> Result<Vec<String>> {
        let kept_id = self.id_of("tenant", "Locataire", kept)?;
        let absorbed_id = self.id_of("tenant", "Locataire", absorbed)?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT reference FROM lease WHERE tenant_id = ?1 ORDER BY reference",
        )?;
        let leases = stmt
            .query_map([absorbed_id], |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<String>>>()?;
        self.exec(
            "UPDATE lease SET tenant_id = ?1 WHERE tenant_id = ?2",
            params![kept_id, absorbed_id],
        )?;
        self.exec(
            "UPDATE tenant SET active = 0, state = 'candidat' WHERE id = ?1",
            [absorbed_id],
        )?;
        self.exec(
            "UPDATE tenant SET state = CASE WHEN EXISTS (SELECT 1 FROM lease WHERE tenant_id = ?1)
                THEN 'locataire' ELSE 'candidat' END WHERE id = ?1",
            [kept_id],
        )?;
        self.audit(
            "fusion",
            "tenant",
            absorbed.trim(),
            &format!(
                "fusionné dans {} ; locations : {}",
                kept.trim(),
                leases.join(", ")
            ),
        )?;
        Ok(leases)
    }

    fn settled_leases_without_document(
        &self,
        reference: &str,
        template: &str,
    ) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT l.reference FROM lease l
             WHERE l.landlord_id = ?1 AND l.move_out_reason IS NOT NULL
               AND l.move_out_reason <> 'mutation'
               AND NOT EXISTS (SELECT 1 FROM document d WHERE d.lease_id = l.id AND d.kind = 'solde')
               AND EXISTS (SELECT 1 FROM voucher v JOIN voucher_template t ON t.id = v.template_id
                           WHERE v.lease_id = l.id AND v.reference = ?2 AND t.reference = ?3)
             ORDER BY l.reference",
        )?;
        let rows = stmt.query_map(
            params![self.session.landlord_id, reference, template],
            |r| r.get::<_, String>(0),
        )?;
        Ok(rows.collect::<rusqlite::Result<Vec<String>>>()?)
    }
}
