//! Fichiers de prélèvements SEPA remis à la banque et leurs prélèvements (S15) :
//! enregistrement, prélèvements déjà envoyés d'une période, mandats déjà employés.

use std::collections::HashSet;

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};

use super::{col, Result, SqliteRepo, StoreError};
use crate::model::money::from_cents;
use crate::store::{
    DebitLine, DebitReject, DirectDebits, NewDebitFile, NewDebitReturn, RecordedReturn, SentDebit,
};

/// Colonnes d'un prélèvement envoyé et de ce que les retours en ont dit (voir
/// `debit_line_from`).
const DEBIT_LINE_SELECT: &str = "SELECT l.id, f.msg_id, t.reference, ls.reference, l.debit_date,
        f.collection_date, l.end_to_end_id, l.amount,
        p.voucher_number, p.event_date, pr.msg_id,
        r.reason_code, r.event_date, rr.msg_id
     FROM debit_file_line l
     JOIN debit_file f ON f.id = l.file_id
     JOIN tenant t ON t.id = l.tenant_id
     JOIN lease ls ON ls.id = l.lease_id
     LEFT JOIN debit_outcome p ON p.line_id = l.id AND p.outcome = 'paid'
     LEFT JOIN debit_return pr ON pr.id = p.return_id
     LEFT JOIN debit_outcome r ON r.line_id = l.id AND r.outcome = 'rejected'
     LEFT JOIN debit_return rr ON rr.id = r.return_id
     WHERE l.landlord_id = ?1";

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
            let tenant_id = self.id_of("tenant", "locataire", &debit.tenant)?;
            let sent = self.sent_debit(tenant_id, debit.debit_date)?;
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
                    tenant_id,
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

    fn debit_file_ids(&self, prefix: &str) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT msg_id FROM debit_file WHERE landlord_id = ?1 AND substr(msg_id, 1, length(?2)) = ?2",
        )?;
        let rows = stmt.query_map(params![self.session.landlord_id, prefix], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<Vec<String>>>()?)
    }

    fn debit_lines(&self, ids: &[String]) -> Result<Vec<DebitLine>> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("{DEBIT_LINE_SELECT} AND l.end_to_end_id = ?2"))?;
        let mut out = Vec::new();
        for id in ids {
            let mut rows = stmt.query(params![self.session.landlord_id, id])?;
            while let Some(r) = rows.next()? {
                out.push(Self::debit_line_from(r)?);
            }
        }
        Ok(out)
    }

    fn debit_lines_of_file(&self, msg_id: &str) -> Result<Vec<DebitLine>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "{DEBIT_LINE_SELECT} AND f.msg_id = ?2 ORDER BY l.line_no"
        ))?;
        let mut rows = stmt.query(params![self.session.landlord_id, msg_id])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            out.push(Self::debit_line_from(r)?);
        }
        Ok(out)
    }

    fn debit_return(&self, msg_id: &str) -> Result<Option<RecordedReturn>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT msg_id, content_hash, imported_at, file_name FROM debit_return
                 WHERE landlord_id = ?1 AND msg_id = ?2",
            )?
            .query_row(params![self.session.landlord_id, msg_id], |r| {
                Ok(RecordedReturn {
                    msg_id: r.get(0)?,
                    content_hash: r.get(1)?,
                    imported_at: r.get(2)?,
                    file_name: r.get(3)?,
                })
            })
            .optional()?)
    }

    fn record_debit_return(&self, ret: &NewDebitReturn) -> Result<i64> {
        let landlord = self.session.landlord_id;
        if self.debit_return(&ret.msg_id)?.is_some() {
            return Err(StoreError::Duplicate {
                what: "retour de la banque",
                reference: ret.msg_id.clone(),
            });
        }
        self.exec(
            "INSERT INTO debit_return (landlord_id, msg_id, kind, version, content_hash,
                 imported_at, imported_by, file_name)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                landlord,
                ret.msg_id,
                ret.kind,
                ret.version,
                ret.content_hash,
                self.now()?,
                self.session.user,
                ret.file_name
            ],
        )?;
        let return_id = self.conn.last_insert_rowid();
        for o in &ret.outcomes {
            let outcome = if o.paid { "paid" } else { "rejected" };
            let known: Option<i64> = self
                .conn
                .query_row(
                    "SELECT id FROM debit_outcome WHERE line_id = ?1 AND outcome = ?2 AND landlord_id = ?3",
                    params![o.line_id, outcome, landlord],
                    |r| r.get(0),
                )
                .optional()?;
            if known.is_some() {
                return Err(StoreError::Duplicate {
                    what: if o.paid {
                        "règlement de prélèvement"
                    } else {
                        "rejet de prélèvement"
                    },
                    reference: o.line_id.to_string(),
                });
            }
            self.exec(
                "INSERT INTO debit_outcome (landlord_id, line_id, return_id, outcome, event_date,
                     amount, reason_code, voucher_number)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![
                    landlord,
                    o.line_id,
                    return_id,
                    outcome,
                    col::iso(o.date),
                    col::cents("debit_outcome", "amount", o.amount)?,
                    o.reason_code,
                    o.voucher_number
                ],
            )?;
        }
        Ok(return_id)
    }

    fn debit_rejects(&self) -> Result<Vec<DebitReject>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT t.reference, trim(t.civility || ' ' || t.surname || ' ' || t.first_name),
                    ls.reference, l.end_to_end_id, l.amount, f.collection_date, o.event_date,
                    o.reason_code, r.msg_id, o.voucher_number
             FROM debit_outcome o
             JOIN debit_file_line l ON l.id = o.line_id
             JOIN debit_file f ON f.id = l.file_id
             JOIN debit_return r ON r.id = o.return_id
             JOIN tenant t ON t.id = l.tenant_id
             JOIN lease ls ON ls.id = l.lease_id
             WHERE o.landlord_id = ?1 AND o.outcome = 'rejected'
             ORDER BY o.event_date DESC, t.reference",
        )?;
        let mut rows = stmt.query(params![self.session.landlord_id])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            out.push(DebitReject {
                tenant: r.get(0)?,
                tenant_name: r.get(1)?,
                lease: r.get(2)?,
                end_to_end_id: r.get(3)?,
                amount: from_cents(r.get(4)?),
                collection_date: col::date(
                    "debit_file",
                    "collection_date",
                    &r.get::<_, String>(5)?,
                )?,
                rejected_on: col::date("debit_outcome", "event_date", &r.get::<_, String>(6)?)?,
                reason_code: r.get(7)?,
                return_msg_id: r.get(8)?,
                reversal: r.get(9)?,
            });
        }
        Ok(out)
    }
}

impl SqliteRepo<'_> {
    /// Un prélèvement envoyé lu par `DEBIT_LINE_SELECT`.
    fn debit_line_from(r: &rusqlite::Row<'_>) -> Result<DebitLine> {
        let table = "debit_file_line";
        let outcome = |voucher: Option<String>, date: Option<String>, msg: Option<String>| match (
            voucher, date, msg,
        ) {
            (Some(v), Some(d), Some(m)) => {
                Ok(Some((v, col::date("debit_outcome", "event_date", &d)?, m)))
            }
            _ => Ok::<_, StoreError>(None),
        };
        Ok(DebitLine {
            id: r.get(0)?,
            msg_id: r.get(1)?,
            tenant: r.get(2)?,
            lease: r.get(3)?,
            debit_date: col::date(table, "debit_date", &r.get::<_, String>(4)?)?,
            collection_date: col::date("debit_file", "collection_date", &r.get::<_, String>(5)?)?,
            end_to_end_id: r.get(6)?,
            amount: from_cents(r.get(7)?),
            paid: outcome(r.get(8)?, r.get(9)?, r.get(10)?)?,
            rejected: outcome(r.get(11)?, r.get(12)?, r.get(13)?)?,
        })
    }

    /// Le fichier (MsgId) où est déjà le prélèvement du locataire à cette date. Par
    /// l'identifiant du locataire : la recherche suit l'index unique (bailleur,
    /// locataire, date) au lieu de parcourir les prélèvements du bailleur.
    fn sent_debit(&self, tenant_id: i64, debit_date: NaiveDate) -> Result<Option<String>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT f.msg_id FROM debit_file_line l
                 JOIN debit_file f ON f.id = l.file_id
                 WHERE l.landlord_id = ?1 AND l.tenant_id = ?2 AND l.debit_date = ?3",
            )?
            .query_row(
                params![self.session.landlord_id, tenant_id, col::iso(debit_date)],
                |r| r.get(0),
            )
            .optional()?)
    }
}
