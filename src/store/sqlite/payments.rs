//! Règlements : numéros de remise existants, pièces d'une remise (bordereau), mode de
//! règlement d'une location.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};

use super::{col, Result, SqliteRepo, StoreError};
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
