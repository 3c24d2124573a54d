//! Règlements : liste des règlements enregistrés, numéros de remise existants, pièces
//! d'une remise (bordereau), mode de règlement d'une location.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};

use super::{col, Query, Result, SqliteRepo, StoreError};
use crate::model::money::from_cents;
use crate::model::{Money, PaymentMode};
use crate::store::*;

impl Payments for SqliteRepo<'_> {
    fn tiers_amounts_since(
        &self,
        since: NaiveDate,
    ) -> Result<Vec<(String, NaiveDate, String, Money)>> {
        let before = since.pred_opt().unwrap_or(since);
        let mut stmt = self.conn.prepare_cached(
            "WITH collective AS (SELECT id FROM account WHERE landlord_id = ?1 AND collective = 1)
             SELECT t.reference, s.value_date, a.reference, s.amount
             FROM (SELECT tiers_id, account_id, NULL AS value_date, sum(debit) - sum(credit) AS amount
                   FROM entry WHERE landlord_id = ?1 AND account_id IN (SELECT id FROM collective)
                        AND tiers_id IS NOT NULL AND value_date < ?2
                   GROUP BY tiers_id, account_id
                   UNION ALL
                   SELECT tiers_id, account_id, value_date, sum(debit) - sum(credit)
                   FROM entry WHERE landlord_id = ?1 AND account_id IN (SELECT id FROM collective)
                        AND tiers_id IS NOT NULL AND value_date >= ?2
                   GROUP BY tiers_id, account_id, value_date) s
             JOIN third_party t ON t.id = s.tiers_id JOIN account a ON a.id = s.account_id",
        )?;
        let mut rows = stmt.query(params![self.session.landlord_id, col::iso(since)])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let date: Option<String> = r.get(1)?;
            out.push((
                r.get(0)?,
                match date {
                    Some(d) => col::date("entry", "value_date", &d)?,
                    None => before,
                },
                r.get(2)?,
                from_cents(r.get(3)?),
            ));
        }
        Ok(out)
    }

    fn batch_keys_for(&self, batch_nos: &[String], dates: &[NaiveDate]) -> Result<Vec<BatchKey>> {
        let mut found: BTreeSet<(String, String, Option<String>)> = BTreeSet::new();
        let mut collect = |rows: &mut rusqlite::Rows| -> Result<()> {
            while let Some(r) = rows.next()? {
                let batch_no: String = r.get(2)?;
                if !batch_no.is_empty() {
                    found.insert((batch_no, r.get(0)?, r.get(1)?));
                }
            }
            Ok(())
        };
        let landlord = self.session.landlord_id;
        {
            let mut stmt = self.conn.prepare_cached(
                "SELECT value_date, payment_mode, batch_no FROM voucher
                 WHERE landlord_id = ?1 AND batch_no = ?2 AND batch_no <> ''",
            )?;
            for no in batch_nos.iter().map(|b| b.trim()).filter(|b| !b.is_empty()) {
                collect(&mut stmt.query(params![landlord, no])?)?;
            }
        }
        let mut by_prefix = self.conn.prepare_cached(
            "SELECT value_date, payment_mode, batch_no FROM voucher
             WHERE landlord_id = ?1 AND batch_no >= ?2 AND batch_no < ?3 AND batch_no <> ''",
        )?;
        // Sans condition sur le numéro (écartés à la lecture) : avec elle, SQLite préfère
        // parcourir tout `voucher_batch` plutôt que les seules pièces du jour.
        let mut by_date = self.conn.prepare_cached(
            "SELECT value_date, payment_mode, batch_no FROM voucher
             WHERE landlord_id = ?1 AND value_date = ?2",
        )?;
        for date in dates.iter().collect::<BTreeSet<_>>() {
            // « R20260311- » jusqu'à « R20260311. » exclu : « . » suit « - » en ASCII.
            let stem = format!("R{}", date.format("%Y%m%d"));
            collect(&mut by_prefix.query(params![
                landlord,
                format!("{stem}-"),
                format!("{stem}.")
            ])?)?;
            collect(&mut by_date.query(params![landlord, col::iso(*date)])?)?;
        }
        found
            .into_iter()
            .map(|(batch_no, value_date, mode)| {
                Ok(BatchKey {
                    value_date: col::date("voucher", "value_date", &value_date)?,
                    mode: mode
                        .map(|m| col::code("voucher", "payment_mode", &m, PaymentMode::parse))
                        .transpose()?,
                    batch_no,
                })
            })
            .collect()
    }

    fn payment_summaries(&self, filter: &PaymentFilter) -> Result<Vec<PaymentSummary>> {
        let q = payment_query(self.session.landlord_id, filter);
        let mut stmt = self.conn.prepare_cached(&q.text)?;
        let mut rows = stmt.query(rusqlite::params_from_iter(&q.values))?;
        let mut out: Vec<PaymentSummary> = Vec::new();
        while let Some(r) = rows.next()? {
            let number: String = r.get(0)?;
            if out.last().is_none_or(|p| p.number != number) {
                if filter.limit.is_some_and(|limit| out.len() >= limit) {
                    break;
                }
                out.push(payment_header(number, r)?);
            }
            let Some(payment) = out.last_mut() else {
                continue;
            };
            let (account, treasury): (String, bool) = (r.get(11)?, r.get(12)?);
            let (debit, credit) = (from_cents(r.get(13)?), from_cents(r.get(14)?));
            if treasury {
                payment.treasury_label = r.get(15)?;
            } else {
                payment.allocation.push((account, credit - debit));
                payment.amount += credit - debit;
            }
        }
        Ok(out)
    }

    fn batch_vouchers(&self, batch_no: &str) -> Result<Vec<BatchVoucher>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT v.number, v.value_date, v.payment_mode, v.payment_date, v.reference,
                    coalesce(t.reference, ''), coalesce(t.name, ''), v.label,
                    coalesce(sum(CASE WHEN a.reference = j.counter_account THEN e.debit END), 0),
                    coalesce(sum(CASE WHEN a.reference = j.counter_account THEN e.credit END), 0),
                    coalesce(max(CASE WHEN a.reference = j.counter_account THEN e.label END), '')
             FROM voucher v JOIN journal j ON j.id = v.journal_id JOIN entry e ON e.voucher_id = v.id
                  JOIN account a ON a.id = e.account_id LEFT JOIN third_party t ON t.id = v.tiers_id
             WHERE v.landlord_id = ?1 AND v.batch_no = ?2 AND v.sealed = 1
             GROUP BY v.id ORDER BY v.number",
        )?;
        let mut rows = stmt.query(params![self.session.landlord_id, batch_no.trim()])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            out.push(BatchVoucher {
                number: r.get(0)?,
                value_date: col::date("voucher", "value_date", &r.get::<_, String>(1)?)?,
                mode: r
                    .get::<_, Option<String>>(2)?
                    .map(|m| col::code("voucher", "payment_mode", &m, PaymentMode::parse))
                    .transpose()?,
                payment_date: col::opt_date("voucher", "payment_date", r.get(3)?)?,
                reference: r.get(4)?,
                tiers: r.get(5)?,
                tiers_name: r.get(6)?,
                label: r.get(7)?,
                treasury_debit: from_cents(r.get(8)?),
                treasury_credit: from_cents(r.get(9)?),
                treasury_label: r.get(10)?,
            });
        }
        Ok(out)
    }

    fn set_lease_payment_mode(&self, lease: &str, mode: PaymentMode) -> Result<()> {
        let before: Option<String> = self
            .conn
            .query_row(
                "SELECT payment_mode FROM lease WHERE landlord_id = ?1 AND reference = ?2",
                params![self.session.landlord_id, lease.trim()],
                |r| r.get(0),
            )
            .optional()?;
        let Some(before) = before else {
            return Err(StoreError::Unknown {
                what: "Location",
                reference: lease.trim().to_string(),
            });
        };
        self.exec(
            "UPDATE lease SET payment_mode = ?3 WHERE landlord_id = ?1 AND reference = ?2",
            params![self.session.landlord_id, lease.trim(), mode.code()],
        )?;
        self.audit(
            "modification",
            "lease",
            lease.trim(),
            &format!("mode de règlement : {before} → {}", mode.code()),
        )
    }
}

/// La requête de la liste des règlements : une ligne par (pièce, compte), par numéro de
/// pièce puis ordre des écritures. Un règlement est une pièce scellée d'un journal de
/// trésorerie, faite sur un modèle de règlement ou portant un mode de règlement.
fn payment_query(landlord_id: i64, filter: &PaymentFilter) -> Query {
    let mut q = Query::new(
        "SELECT v.number, j.reference, v.value_date, coalesce(t.reference, ''),
                coalesce(t.name, ''), coalesce(l.reference, ''), v.payment_mode, v.payment_date,
                v.batch_no, v.reference, coalesce(vt.reference, ''), a.reference,
                a.reference = j.counter_account, sum(e.debit), sum(e.credit), max(e.label)
         FROM voucher v JOIN journal j ON j.id = v.journal_id
              LEFT JOIN voucher_template vt ON vt.id = v.template_id
              LEFT JOIN third_party t ON t.id = v.tiers_id
              LEFT JOIN lease l ON l.id = v.lease_id
              JOIN entry e ON e.voucher_id = v.id JOIN account a ON a.id = e.account_id
         WHERE v.landlord_id = ?1 AND v.sealed = 1 AND j.kind = 'tresorerie'
               AND (v.payment_mode IS NOT NULL OR vt.is_payment = 1)",
        landlord_id,
    );
    if let Some(from) = filter.from {
        q.and(" AND v.value_date >= ?", col::iso(from));
    }
    if let Some(to) = filter.to {
        q.and(" AND v.value_date <= ?", col::iso(to));
    }
    if let Some(journal) = &filter.journal {
        q.and(" AND j.reference = ?", journal.clone());
    }
    if let Some(mode) = filter.mode {
        q.and(" AND v.payment_mode = ?", mode.code().to_string());
    }
    if let Some(batch_no) = &filter.batch_no {
        q.and(" AND v.batch_no = ?", batch_no.trim().to_string());
    }
    if let Some(tiers) = &filter.tiers {
        q.and(
            " AND v.tiers_id = (SELECT id FROM third_party WHERE landlord_id = ?1 AND reference = ?)",
            tiers.clone(),
        );
    }
    q.push(" GROUP BY v.id, a.id ORDER BY v.number, min(e.line_no)");
    q
}

/// L'en-tête d'un règlement lu sur la première ligne de sa pièce (ventilation vide).
fn payment_header(number: String, r: &rusqlite::Row) -> Result<PaymentSummary> {
    Ok(PaymentSummary {
        number,
        journal: r.get(1)?,
        value_date: col::date("voucher", "value_date", &r.get::<_, String>(2)?)?,
        tiers: r.get(3)?,
        tiers_name: r.get(4)?,
        lease: r.get(5)?,
        mode: r
            .get::<_, Option<String>>(6)?
            .map(|m| col::code("voucher", "payment_mode", &m, PaymentMode::parse))
            .transpose()?,
        payment_date: col::opt_date("voucher", "payment_date", r.get(7)?)?,
        batch_no: r.get(8)?,
        reference: r.get(9)?,
        template: r.get(10)?,
        treasury_label: String::new(),
        allocation: Vec::new(),
        amount: Money::ZERO,
    })
}
