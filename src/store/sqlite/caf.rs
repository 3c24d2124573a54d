//! Fichiers CAF traités (empreinte, en-tête, pièce de la dernière exécution) et derniers
//! états CAF des allocataires (S13).

use rusqlite::{params, OptionalExtension};

use super::{col, Result, SqliteRepo};
use crate::model::money::from_cents;
use crate::store::{CafFiles, CafRun, CafStatus};

impl CafFiles for SqliteRepo<'_> {
    fn caf_run(&self, content_hash: &str) -> Result<Option<CafRun>> {
        let row = self
            .conn
            .query_row(
                "SELECT file_date, nature, operation, payer, file_name, processed_at, processed_by,
                        voucher_number
                 FROM caf_run WHERE landlord_id = ?1 AND content_hash = ?2",
                params![self.session.landlord_id, content_hash],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get(1)?,
                        r.get(2)?,
                        r.get(3)?,
                        r.get(4)?,
                        r.get(5)?,
                        r.get(6)?,
                        r.get(7)?,
                    ))
                },
            )
            .optional()?;
        let Some((date, nature, operation, payer, file_name, at, by, voucher)) = row else {
            return Ok(None);
        };
        Ok(Some(CafRun {
            content_hash: content_hash.to_string(),
            file_date: col::date("caf_run", "file_date", &date)?,
            nature,
            operation,
            payer,
            file_name,
            processed_at: at,
            processed_by: by,
            voucher,
        }))
    }

    fn record_caf_run(&self, run: &CafRun) -> Result<()> {
        let landlord = self.session.landlord_id;
        self.exec(
            "DELETE FROM caf_run WHERE landlord_id = ?1 AND content_hash = ?2",
            params![landlord, run.content_hash],
        )?;
        self.exec(
            "INSERT INTO caf_run (landlord_id, content_hash, file_date, nature, operation, payer,
                 file_name, processed_at, processed_by, voucher_number)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                landlord,
                run.content_hash,
                col::iso(run.file_date),
                run.nature,
                run.operation,
                run.payer,
                run.file_name,
                self.now()?,
                self.session.user,
                run.voucher
            ],
        )?;
        self.audit_caf("caf_run", &run.content_hash)
    }

    fn set_caf_statuses(&self, statuses: &[CafStatus]) -> Result<()> {
        let mut stmt = self.conn.prepare_cached(
            "INSERT INTO caf_status (landlord_id, claimant_key, claimant_no, nature, payer,
                 file_date, status, gestion, amount)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
             ON CONFLICT (landlord_id, claimant_key) DO UPDATE SET
                 claimant_no = excluded.claimant_no, nature = excluded.nature,
                 payer = excluded.payer, file_date = excluded.file_date,
                 status = excluded.status, gestion = excluded.gestion, amount = excluded.amount",
        )?;
        for s in statuses {
            let key: String = s.claimant_no.chars().take(7).collect();
            stmt.execute(params![
                self.session.landlord_id,
                key,
                s.claimant_no,
                s.nature,
                s.payer,
                col::iso(s.file_date),
                s.status,
                s.gestion,
                col::cents("caf_status", "amount", s.amount)?
            ])?;
        }
        Ok(())
    }

    fn caf_statuses(&self) -> Result<Vec<CafStatus>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT claimant_no, nature, payer, file_date, status, gestion, amount
             FROM caf_status WHERE landlord_id = ?1 ORDER BY claimant_key",
        )?;
        let mut rows = stmt.query([self.session.landlord_id])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let date: String = r.get(3)?;
            out.push(CafStatus {
                claimant_no: r.get(0)?,
                nature: r.get(1)?,
                payer: r.get(2)?,
                file_date: col::date("caf_status", "file_date", &date)?,
                status: r.get(4)?,
                gestion: r.get(5)?,
                amount: from_cents(r.get(6)?),
            });
        }
        Ok(out)
    }
}

impl SqliteRepo<'_> {
    /// Trace le traitement d'un fichier au journal d'audit.
    fn audit_caf(&self, table: &str, key: &str) -> Result<()> {
        crate::ledger::books::Books::audit(self, "traitement fichier CAF", table, key, "")
    }
}
