//! Documents des locataires (avis, appels de dépôt, factures, avoirs) et les lectures
//! groupées dont la génération des avis a besoin (une requête par sorte de donnée, pas
//! une par location).

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use rusqlite::{params, OptionalExtension};

/// Colonnes d'une ligne de relevé, dans l'ordre que lit `Repo::movements` (tables `t`
/// tiers, `a` compte, `v` pièce, `e` écriture).
macro_rules! movement_columns {
    () => {
        "SELECT t.reference, a.reference, v.number, e.value_date,
                CASE WHEN e.label = '' THEN v.label ELSE e.label END, e.debit, e.credit"
    };
}

use rusqlite::types::Value;

use super::{col, Query, Result, SqliteRepo, StoreError};
use crate::model::money::from_cents;
use crate::model::{
    DocumentKind, DocumentLine, Gestion, ItemPurpose, LeaseItem, LineSection, Money, TenantDocument,
};
use crate::store::*;

const DOCUMENT_COLUMNS: &str = "d.id, d.number, d.kind, l.reference, v.number, d.value_date, d.period_start, d.period_end,
    d.due_date, d.previous_date, d.previous_balance, d.balance, d.deferred, d.total_due, d.amount,
    d.previous_deposits, d.reference, d.instalment, d.instalment_start, d.recipient, d.run_message, d.message,
    d.notice_printed, d.receipt_printed";

fn document_of(r: &rusqlite::Row) -> Result<TenantDocument> {
    let recipient: String = r.get(19)?;
    Ok(TenantDocument {
        number: r.get(1)?,
        kind: col::code(
            "document",
            "kind",
            &r.get::<_, String>(2)?,
            DocumentKind::parse,
        )?,
        lease: r.get(3)?,
        voucher: r.get(4)?,
        value_date: col::date("document", "value_date", &r.get::<_, String>(5)?)?,
        period_start: col::opt_date("document", "period_start", r.get(6)?)?,
        period_end: col::opt_date("document", "period_end", r.get(7)?)?,
        due_date: col::opt_date("document", "due_date", r.get(8)?)?,
        previous_date: col::opt_date("document", "previous_date", r.get(9)?)?,
        previous_balance: from_cents(r.get(10)?),
        balance: from_cents(r.get(11)?),
        deferred: from_cents(r.get(12)?),
        total_due: from_cents(r.get(13)?),
        amount: from_cents(r.get(14)?),
        previous_deposits: from_cents(r.get(15)?),
        reference: r.get(16)?,
        instalment: from_cents(r.get(17)?),
        instalment_start: col::opt_date("document", "instalment_start", r.get(18)?)?,
        recipient: if recipient.is_empty() {
            Vec::new()
        } else {
            recipient.split('\n').map(str::to_string).collect()
        },
        run_message: r.get(20)?,
        message: r.get(21)?,
        notice_printed: r.get(22)?,
        receipt_printed: r.get(23)?,
        lines: Vec::new(),
    })
}

fn line_of(r: &rusqlite::Row) -> Result<DocumentLine> {
    let gestion: Option<String> = r.get(3)?;
    let purpose: Option<String> = r.get(5)?;
    Ok(DocumentLine {
        section: col::code(
            "document_line",
            "section",
            &r.get::<_, String>(0)?,
            LineSection::parse,
        )?,
        item_ref: r.get(1)?,
        item_start: col::opt_date("document_line", "item_start", r.get(2)?)?,
        gestion: gestion
            .map(|g| col::code("document_line", "gestion", &g, Gestion::parse))
            .transpose()?,
        item_type: r.get(4)?,
        purpose: purpose
            .map(|p| col::code("document_line", "purpose", &p, ItemPurpose::parse))
            .transpose()?,
        date: col::opt_date("document_line", "line_date", r.get(6)?)?,
        label: r.get(7)?,
        debit: from_cents(r.get(8)?),
        credit: from_cents(r.get(9)?),
    })
}

impl SqliteRepo<'_> {
    /// En-têtes des documents du filtre et leurs identifiants, par numéro. Seuls les
    /// critères donnés entrent dans la requête, pour que SQLite puisse prendre l'index
    /// qui les sert (numéro, location, période) au lieu de parcourir tous les documents.
    fn select_documents(&self, filter: &DocumentFilter) -> Result<(Vec<TenantDocument>, Vec<i64>)> {
        let mut q = Query::new(
            &format!(
                "SELECT {DOCUMENT_COLUMNS} FROM document d JOIN lease l ON l.id = d.lease_id
                      JOIN tenant t ON t.id = l.tenant_id LEFT JOIN voucher v ON v.id = d.voucher_id
                 WHERE d.landlord_id = ?1"
            ),
            self.session.landlord_id,
        );
        if let Some(kind) = filter.kind {
            q.and(" AND d.kind = ?", kind.code().to_string());
        }
        if let Some(lease) = &filter.lease {
            q.and(
                " AND d.lease_id = (SELECT id FROM lease WHERE landlord_id = ?1 AND reference = ?)",
                lease.clone(),
            );
        }
        if let Some(tenant) = &filter.tenant {
            q.and(" AND t.reference = ?", tenant.clone());
        }
        if let Some(from) = filter.from {
            q.and(
                " AND coalesce(d.period_end, d.value_date) >= ?",
                col::iso(from),
            );
        }
        if let Some(to) = filter.to {
            q.and(
                " AND coalesce(d.period_start, d.value_date) <= ?",
                col::iso(to),
            );
        }
        let mut docs = Vec::new();
        let mut ids = Vec::new();
        let mut collect = |stmt: &mut rusqlite::CachedStatement, values: &[Value]| -> Result<()> {
            let mut rows = stmt.query(rusqlite::params_from_iter(values))?;
            while let Some(r) = rows.next()? {
                ids.push(r.get::<_, i64>(0)?);
                docs.push(document_of(r)?);
            }
            Ok(())
        };
        match &filter.numbers {
            // Des numéros choisis (impression d'une sélection, document ouvert) : un par
            // un sur l'index unique (bailleur, numéro), dans l'ordre des numéros.
            Some(numbers) => {
                let mut wanted: Vec<&String> = numbers.iter().collect();
                wanted.sort();
                wanted.dedup();
                q.and(" AND d.number = ?", Value::Null);
                let mut stmt = self.conn.prepare_cached(&q.text)?;
                let last = q.values.len() - 1;
                for number in wanted {
                    q.values[last] = Value::Text(number.clone());
                    collect(&mut stmt, &q.values)?;
                }
            }
            None => {
                q.push(" ORDER BY d.number");
                q.limit(filter.limit);
                let mut stmt = self.conn.prepare_cached(&q.text)?;
                collect(&mut stmt, &q.values)?;
            }
        }
        Ok((docs, ids))
    }

    fn movements(
        mut stmt: rusqlite::CachedStatement,
        values: impl rusqlite::Params,
    ) -> Result<Vec<TiersMovement>> {
        let mut rows = stmt.query(values)?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            out.push(TiersMovement {
                tiers: r.get(0)?,
                account: r.get(1)?,
                number: r.get(2)?,
                value_date: col::date("entry", "value_date", &r.get::<_, String>(3)?)?,
                label: r.get(4)?,
                debit: from_cents(r.get(5)?),
                credit: from_cents(r.get(6)?),
            });
        }
        Ok(out)
    }
}

impl Documents for SqliteRepo<'_> {
    fn next_document_number(&self, kind: DocumentKind, year: i32) -> Result<String> {
        // Un maximum par lettre sur l'index (landlord_id, number) : sans parcourir les
        // documents de l'année (la génération en crée des milliers d'un coup).
        let mut last: Option<u32> = None;
        let mut stmt = self.conn.prepare_cached(
            "SELECT max(number) FROM document WHERE landlord_id = ?1 AND number >= ?2 AND number < ?3",
        )?;
        for other in DocumentKind::ALL {
            let letter = other.letter();
            let max: Option<String> = stmt
                .query_row(
                    params![
                        self.session.landlord_id,
                        format!("{letter}{year}"),
                        format!("{letter}{}", year + 1)
                    ],
                    |r| r.get(0),
                )
                .optional()?
                .flatten();
            let seq = max.and_then(|n| n.get(5..).and_then(|s| s.parse::<u32>().ok()));
            last = last.max(seq);
        }
        let next = last.unwrap_or(0) + 1;
        if next > 999_999 {
            return Err(StoreError::Corrupt {
                table: "document",
                column: "number",
                value: format!("plus d'un million de documents en {year}"),
            });
        }
        Ok(format!("{}{year}{next:06}", kind.letter()))
    }

    fn insert_document(&self, doc: &TenantDocument) -> Result<String> {
        let number = self.next_document_number(doc.kind, doc.value_date.year())?;
        self.insert_document_numbered(doc, &number)?;
        self.audit("ajout", "document", &number, doc.kind.code())?;
        Ok(number)
    }

    fn insert_document_numbered(&self, doc: &TenantDocument, number: &str) -> Result<()> {
        let lease = self.id_of("lease", "Location", &doc.lease)?;
        // la pièce vient en général d'être écrite dans la même transaction : son
        // identifiant est retenu par le dépôt
        let remembered = |n: &String| self.memo.ids.borrow().get("voucher", n);
        let voucher: Option<i64> = match &doc.voucher {
            Some(n) => Some(match remembered(n) {
                Some(id) => id,
                None => self
                    .conn
                    .prepare_cached(
                        "SELECT id FROM voucher WHERE landlord_id = ?1 AND number = ?2",
                    )?
                    .query_row(params![self.session.landlord_id, n], |r| r.get(0))
                    .optional()?
                    .ok_or_else(|| StoreError::Unknown {
                        what: "Pièce",
                        reference: n.clone(),
                    })?,
            }),
            None => None,
        };
        let c = |column: &'static str, m: Money| col::cents("document", column, m);
        self.exec(
            "INSERT INTO document (landlord_id, number, kind, lease_id, voucher_id, value_date, period_start, period_end,
                due_date, previous_date, previous_balance, balance, deferred, total_due, amount, previous_deposits,
                reference, instalment, instalment_start, recipient, run_message, message, notice_printed,
                receipt_printed, created_at, created_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21,
                ?22, ?23, ?24, ?25, ?26)",
            params![
                self.session.landlord_id, number, doc.kind.code(), lease, voucher, col::iso(doc.value_date),
                col::opt_iso(doc.period_start), col::opt_iso(doc.period_end), col::opt_iso(doc.due_date),
                col::opt_iso(doc.previous_date), c("previous_balance", doc.previous_balance)?,
                c("balance", doc.balance)?, c("deferred", doc.deferred)?, c("total_due", doc.total_due)?,
                c("amount", doc.amount)?, c("previous_deposits", doc.previous_deposits)?, doc.reference,
                c("instalment", doc.instalment)?, col::opt_iso(doc.instalment_start), doc.recipient.join("\n"),
                doc.run_message, doc.message, doc.notice_printed, doc.receipt_printed, self.now()?, self.session.user
            ],
        )?;
        let id = self.conn.last_insert_rowid();
        for (i, line) in doc.lines.iter().enumerate() {
            let c = |column: &'static str, m: Money| col::cents("document_line", column, m);
            self.exec(
                "INSERT INTO document_line (document_id, line_no, section, item_ref, item_start, gestion, item_type,
                    purpose, line_date, label, debit, credit)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                params![
                    id, i + 1, line.section.code(), line.item_ref, col::opt_iso(line.item_start),
                    line.gestion.map(Gestion::code), line.item_type, line.purpose.map(ItemPurpose::code),
                    col::opt_iso(line.date), line.label, c("debit", line.debit)?, c("credit", line.credit)?
                ],
            )?;
        }
        Ok(())
    }

    fn documents(&self, filter: &DocumentFilter) -> Result<Vec<TenantDocument>> {
        let (mut docs, ids) = self.select_documents(filter)?;
        let mut lines = self.conn.prepare_cached(
            "SELECT section, item_ref, item_start, gestion, item_type, purpose, line_date, label, debit, credit
             FROM document_line WHERE document_id = ?1 ORDER BY line_no",
        )?;
        for (doc, id) in docs.iter_mut().zip(ids) {
            let mut rows = lines.query([id])?;
            while let Some(r) = rows.next()? {
                doc.lines.push(line_of(r)?);
            }
        }
        Ok(docs)
    }

    fn document_headers(&self, filter: &DocumentFilter) -> Result<Vec<TenantDocument>> {
        Ok(self.select_documents(filter)?.0)
    }

    fn document(&self, number: &str) -> Result<Option<TenantDocument>> {
        Ok(self
            .documents(&DocumentFilter {
                numbers: Some(vec![number.trim().to_string()]),
                ..DocumentFilter::default()
            })?
            .into_iter()
            .next())
    }

    fn notice_index(&self) -> Result<Vec<NoticeIndex>> {
        self.notices_ending_from(None)
    }

    fn notices_ending_from(&self, from: Option<NaiveDate>) -> Result<Vec<NoticeIndex>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT d.number, l.reference, d.period_start, d.period_end, d.value_date
             FROM document d JOIN lease l ON l.id = d.lease_id
             WHERE d.landlord_id = ?1 AND d.kind = 'avis'
                   AND coalesce(d.period_end, d.value_date) >= ?2
             ORDER BY l.reference, d.period_start",
        )?;
        // sans date : la chaîne vide, qui précède toute date ISO (une condition « ?2 IS
        // NULL OR … » empêcherait SQLite d'utiliser l'index)
        let from = from.map(col::iso).unwrap_or_default();
        let mut rows = stmt.query(params![self.session.landlord_id, from])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let period_start: Option<String> = r.get(2)?;
            let period_end: Option<String> = r.get(3)?;
            let (Some(start), Some(end)) = (period_start, period_end) else {
                return Err(StoreError::Corrupt {
                    table: "document",
                    column: "period_start",
                    value: "avis sans période".into(),
                });
            };
            out.push(NoticeIndex {
                number: r.get(0)?,
                lease: r.get(1)?,
                period_start: col::date("document", "period_start", &start)?,
                period_end: col::date("document", "period_end", &end)?,
                value_date: col::date("document", "value_date", &r.get::<_, String>(4)?)?,
            });
        }
        Ok(out)
    }

    fn billed_by_item(&self) -> Result<HashMap<(String, String, NaiveDate), Money>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT l.reference, dl.item_ref, dl.item_start, sum(dl.debit) - sum(dl.credit)
             FROM document_line dl JOIN document d ON d.id = dl.document_id JOIN lease l ON l.id = d.lease_id
             -- seules les locations qui ont une rubrique plafonnée comptent, lues par
             -- l'index des documents par location (« + » : pas l'index du bailleur, qui
             -- ferait parcourir tous les avis de l'historique)
             WHERE +d.landlord_id = ?1 AND d.kind = 'avis' AND dl.section = 'periode' AND dl.purpose = 'FAC'
                   AND dl.item_start IS NOT NULL
                   AND d.lease_id IN (SELECT lease_id FROM lease_item WHERE landlord_id = ?1 AND ceiling > 0)
             GROUP BY l.reference, dl.item_ref, dl.item_start",
        )?;
        let mut rows = stmt.query([self.session.landlord_id])?;
        let mut out = HashMap::new();
        while let Some(r) = rows.next()? {
            out.insert(
                (
                    r.get(0)?,
                    r.get(1)?,
                    col::date("document_line", "item_start", &r.get::<_, String>(2)?)?,
                ),
                from_cents(r.get(3)?),
            );
        }
        Ok(out)
    }

    fn gestion_balances(&self, at: NaiveDate) -> Result<HashMap<(String, String), Money>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT t.reference, a.reference, s.balance
             FROM (SELECT tiers_id, account_id, sum(debit) - sum(credit) AS balance FROM entry
                   WHERE landlord_id = ?1
                         AND account_id IN (SELECT id FROM account WHERE landlord_id = ?1 AND gestion IS NOT NULL)
                         AND tiers_id IS NOT NULL AND value_date <= ?2
                   GROUP BY account_id, tiers_id) s
             JOIN third_party t ON t.id = s.tiers_id JOIN account a ON a.id = s.account_id",
        )?;
        let mut rows = stmt.query(params![self.session.landlord_id, col::iso(at)])?;
        let mut out = HashMap::new();
        while let Some(r) = rows.next()? {
            out.insert((r.get(0)?, r.get(1)?), from_cents(r.get(2)?));
        }
        Ok(out)
    }

    fn tiers_movements(
        &self,
        after: Option<NaiveDate>,
        to: NaiveDate,
    ) -> Result<Vec<TiersMovement>> {
        let stmt = self.conn.prepare_cached(concat!(
            movement_columns!(),
            "
             FROM voucher v CROSS JOIN entry e ON e.voucher_id = v.id JOIN account a ON a.id = e.account_id
                  JOIN third_party t ON t.id = e.tiers_id
             WHERE v.landlord_id = ?1 AND (?2 IS NULL OR v.value_date > ?2) AND v.value_date <= ?3
                   AND e.tiers_id IS NOT NULL
             ORDER BY v.value_date, v.number, e.line_no"
        ))?;
        Self::movements(
            stmt,
            params![self.session.landlord_id, col::opt_iso(after), col::iso(to)],
        )
    }

    fn tiers_movements_of(
        &self,
        tiers: &str,
        after: Option<NaiveDate>,
        to: NaiveDate,
    ) -> Result<Vec<TiersMovement>> {
        let stmt = self.conn.prepare_cached(concat!(
            movement_columns!(),
            "
             FROM third_party t JOIN entry e ON e.tiers_id = t.id JOIN voucher v ON v.id = e.voucher_id
                  JOIN account a ON a.id = e.account_id
             -- sans `after`, '' : avant toute date (et l'index borne les deux côtés)
             WHERE t.landlord_id = ?1 AND t.reference = ?2 AND e.landlord_id = ?1
                   AND e.account_id IN ",
            landlord_accounts!(),
            " AND e.value_date > coalesce(?3, '') AND e.value_date <= ?4
             ORDER BY e.value_date, v.number, e.line_no"
        ))?;
        Self::movements(
            stmt,
            params![
                self.session.landlord_id,
                tiers,
                col::opt_iso(after),
                col::iso(to)
            ],
        )
    }

    fn delete_document(&self, number: &str) -> Result<()> {
        let id: i64 = self
            .conn
            .prepare_cached("SELECT id FROM document WHERE landlord_id = ?1 AND number = ?2")?
            .query_row(params![self.session.landlord_id, number], |r| r.get(0))
            .optional()?
            .ok_or_else(|| StoreError::Unknown {
                what: "Document",
                reference: number.to_string(),
            })?;
        self.exec("DELETE FROM lease_item WHERE document_id = ?1", [id])?;
        self.exec("DELETE FROM document_line WHERE document_id = ?1", [id])?;
        self.exec("DELETE FROM document WHERE id = ?1", [id])?;
        self.audit("suppression", "document", number, "")
    }

    fn set_printed(&self, numbers: &[String], receipt: bool, printed: bool) -> Result<usize> {
        let sql = if receipt {
            "UPDATE document SET receipt_printed = ?3 WHERE landlord_id = ?1 AND number = ?2"
        } else {
            "UPDATE document SET notice_printed = ?3 WHERE landlord_id = ?1 AND number = ?2"
        };
        let mut changed = 0;
        for n in numbers {
            changed += self.exec(sql, params![self.session.landlord_id, n, printed])?;
        }
        self.audit(
            "impression",
            "document",
            &format!("{} document(s)", numbers.len()),
            if printed { "coché" } else { "décoché" },
        )?;
        Ok(changed)
    }

    fn set_document_message(&self, number: &str, message: &str) -> Result<()> {
        let changed = self.exec(
            "UPDATE document SET message = ?3 WHERE landlord_id = ?1 AND number = ?2",
            params![self.session.landlord_id, number.trim(), message.trim()],
        )?;
        if changed == 0 {
            return Err(StoreError::Unknown {
                what: "Document",
                reference: number.trim().to_string(),
            });
        }
        self.audit("modification", "document", number.trim(), "message")
    }

    fn insert_document_item(&self, item: &LeaseItem, document: &str) -> Result<()> {
        self.insert_lease_item(item)?;
        self.exec(
            "UPDATE lease_item SET document_id = (SELECT id FROM document WHERE landlord_id = ?1 AND number = ?2)
             WHERE lease_id = (SELECT id FROM lease WHERE landlord_id = ?1 AND reference = ?3)
               AND charge_item_id = (SELECT id FROM charge_item WHERE landlord_id = ?1 AND reference = ?4)
               AND start_date = ?5",
            params![
                self.session.landlord_id,
                document,
                item.lease,
                item.item,
                col::iso(item.start_date)
            ],
        )?;
        Ok(())
    }
}
