//! Fichiers de prélèvements SEPA remis à la banque et leurs prélèvements (S15) :
//! enregistrement, prélèvements déjà envoyés d'une période, mandats déjà employés.

use std::collections::HashSet;

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};

use super::{col, Result, SqliteRepo, StoreError};
use crate::store::{DirectDebits, NewDebitFile, SentDebit};

impl DirectDebits for SqliteRepo<'_> {
    fn record_debit_file(&self, file: &NewDebitFile) -> Result<i64> {
        let landlord = self.session.landlord_id;
        let known: Option<i64> = self
            .conn
            .query_row(
                "SELECT id FROM debit_file WHERE landlord_id = ?1 AND msg_id = ?2",
                params![landlord, file.msg_id],
                |r| r.get(0),
            )
            .optional()?;
        if known.is_some() {
            return Err(StoreError::Duplicate {
                what: "fichier de prélèvements",
                reference: file.msg_id.clone(),
            });
        }
        let mut total = 0i64;
        for debit in &file.debits {
            total += col::cents("debit_file_line", "amount", debit.amount)?;
        }
        self.exec(
            "INSERT INTO debit_file (landlord_id, msg_id, created_at, created_by, collection_date,
                 file_name, pain_version, debit_count, control_sum)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                landlord,
                file.msg_id,
                self.now()?,
                self.session.user,
                col::iso(file.collection_date),
                file.file_name,
                file.pain_version,
                file.debits.len() as i64,
                total
            ],
        )?;
        let file_id = self.conn.last_insert_rowid();
        for (index, debit) in file.debits.iter().enumerate() {
            let sent = self.sent_debit(&debit.tenant, debit.debit_date)?;
            if let Some(sent) = sent {
                return Err(StoreError::Duplicate {
                    what: "prélèvement",
                    reference: format!("{} du fichier {sent}", debit.end_to_end_id),
                });
            }
            self.exec(
                "INSERT INTO debit_file_line (landlord_id, file_id, line_no, tenant_id, lease_id,
                     debit_date, end_to_end_id, amount, sequence_type, mandate_ref)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                params![
                    landlord,
                    file_id,
                    index as i64 + 1,
                    self.id_of("tenant", "locataire", &debit.tenant)?,
                    self.id_of("lease", "location", &debit.lease)?,
                    col::iso(debit.debit_date),
                    debit.end_to_end_id,
                    col::cents("debit_file_line", "amount", debit.amount)?,
                    debit.sequence,
                    debit.mandate_ref
                ],
            )?;
        }
        Ok(file_id)
    }

    fn sent_debits(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<SentDebit>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT t.reference, l.debit_date, l.end_to_end_id, f.msg_id, f.file_name, f.collection_date
             FROM debit_file_line l
             JOIN debit_file f ON f.id = l.file_id
             JOIN tenant t ON t.id = l.tenant_id
             WHERE l.landlord_id = ?1 AND l.debit_date BETWEEN ?2 AND ?3
             ORDER BY t.reference, l.debit_date",
        )?;
        let mut rows = stmt.query(params![
            self.session.landlord_id,
            col::iso(from),
            col::iso(to)
        ])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let debit_date: String = r.get(1)?;
            let collection: String = r.get(5)?;
            out.push(SentDebit {
                tenant: r.get(0)?,
                debit_date: col::date("debit_file_line", "debit_date", &debit_date)?,
                end_to_end_id: r.get(2)?,
                msg_id: r.get(3)?,
                file_name: r.get(4)?,
                collection_date: col::date("debit_file", "collection_date", &collection)?,
            });
        }
        Ok(out)
    }

    fn used_mandates(&self, mandates: &[String]) -> Result<HashSet<String>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT 1 FROM debit_file_line WHERE landlord_id = ?1 AND mandate_ref = ?2 LIMIT 1",
        )?;
        let mut used = HashSet::new();
        for mandate in mandates {
            let found = stmt
                .query_row(params![self.session.landlord_id, mandate], |_| Ok(()))
                .optional()?;
            if found.is_some() {
                used.insert(mandate.clone());
            }
        }
        Ok(used)
    }
}

impl SqliteRepo<'_> {
    /// Le fichier (MsgId) où est déjà le prélèvement du locataire à cette date.
    fn sent_debit(&self, tenant: &str, debit_date: NaiveDate) -> Result<Option<String>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT f.msg_id FROM debit_file_line l
                 JOIN debit_file f ON f.id = l.file_id
                 JOIN tenant t ON t.id = l.tenant_id
                 WHERE l.landlord_id = ?1 AND t.reference = ?2 AND l.debit_date = ?3",
            )?
            .query_row(
                params![self.session.landlord_id, tenant, col::iso(debit_date)],
                |r| r.get(0),
            )
            .optional()?)
    }
}
