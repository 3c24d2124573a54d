//! Les livres du grand livre (`ledger::books::Books`) sur SQLite : les lectures dont la
//! validation a besoin et les écritures de pièces, qui demandent la porte du grand livre.

use rusqlite::{params, OptionalExtension};

use super::{col, Result, SqliteRepo};
use crate::ledger::books::{Books, Door, StoredVoucher};
use crate::ledger::hash::LedgerEvent;
use crate::ledger::{LedgerLine, VoucherDraft};
use crate::model::money::from_cents;
use crate::model::{
    Account, Gestion, Journal, JournalKind, PaymentMode, Session, Side, TemplateLine, ThirdParty,
    VoucherTemplate,
};

impl Books for SqliteRepo<'_> {
    fn accounts(&self) -> Result<Vec<Account>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT reference, label, start_date, end_date, collective, export_tiers, normal_side, gestion, recoverable,
                    recovered, spread_over_vacancy, charge_type, analytic_required
             FROM account WHERE landlord_id = ?1 ORDER BY reference",
        )?;
        let mut rows = stmt.query([self.session.landlord_id])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let gestion: Option<String> = r.get(7)?;
            out.push(Account {
                reference: r.get(0)?,
                label: r.get(1)?,
                start_date: col::date("account", "start_date", &r.get::<_, String>(2)?)?,
                end_date: col::opt_date("account", "end_date", r.get(3)?)?,
                collective: r.get(4)?,
                export_tiers: r.get(5)?,
                normal_side: col::code(
                    "account",
                    "normal_side",
                    &r.get::<_, String>(6)?,
                    Side::parse,
                )?,
                gestion: gestion
                    .map(|g| col::code("account", "gestion", &g, Gestion::parse))
                    .transpose()?,
                recoverable: r.get(8)?,
                recovered: r.get(9)?,
                spread_over_vacancy: r.get(10)?,
                charge_type: r.get(11)?,
                analytic_required: r.get(12)?,
            });
        }
        Ok(out)
    }

    fn journals(&self) -> Result<Vec<Journal>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT reference, label, kind, counter_account, lock_date, start_date, end_date
             FROM journal WHERE landlord_id = ?1 ORDER BY reference",
        )?;
        let mut rows = stmt.query([self.session.landlord_id])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            out.push(Journal {
                reference: r.get(0)?,
                label: r.get(1)?,
                kind: col::code(
                    "journal",
                    "kind",
                    &r.get::<_, String>(2)?,
                    JournalKind::parse,
                )?,
                counter_account: r.get(3)?,
                lock_date: col::opt_date("journal", "lock_date", r.get(4)?)?,
                start_date: col::date("journal", "start_date", &r.get::<_, String>(5)?)?,
                end_date: col::opt_date("journal", "end_date", r.get(6)?)?,
            });
        }
        Ok(out)
    }

    fn templates(&self) -> Result<Vec<VoucherTemplate>> {
        let mut lines: std::collections::HashMap<i64, Vec<TemplateLine>> = Default::default();
        {
            let mut stmt = self.conn.prepare_cached(
                "SELECT template_id, line_order, account_code, account_ref, tiers_code, debit_code, credit_code
                 FROM template_line WHERE landlord_id = ?1 ORDER BY template_id, line_order",
            )?;
            let mut rows = stmt.query([self.session.landlord_id])?;
            while let Some(r) = rows.next()? {
                lines.entry(r.get(0)?).or_default().push(TemplateLine {
                    order: r.get(1)?,
                    account_code: r.get(2)?,
                    account_ref: r.get(3)?,
                    tiers_code: r.get(4)?,
                    debit_code: r.get(5)?,
                    credit_code: r.get(6)?,
                });
            }
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, reference, label, journal_kind, journal_ref, is_payment, tiers_required, label_tokens, start_date
             FROM voucher_template WHERE landlord_id = ?1 ORDER BY reference",
        )?;
        let mut rows = stmt.query([self.session.landlord_id])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            out.push(VoucherTemplate {
                reference: r.get(1)?,
                label: r.get(2)?,
                journal_kind: col::code(
                    "voucher_template",
                    "journal_kind",
                    &r.get::<_, String>(3)?,
                    JournalKind::parse,
                )?,
                journal: r.get(4)?,
                is_payment: r.get(5)?,
                tiers_required: r.get(6)?,
                label_tokens: r.get(7)?,
                start_date: col::date("voucher_template", "start_date", &r.get::<_, String>(8)?)?,
                lines: lines.remove(&id).unwrap_or_default(),
            });
        }
        Ok(out)
    }

    fn third_parties(&self) -> Result<Vec<ThirdParty>> {
        self.select_third_parties("", None)
    }

    fn lease_lock_states(&self) -> Result<Vec<(String, chrono::NaiveDate, bool)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT reference, start_date, locked FROM lease WHERE landlord_id = ?1",
        )?;
        let mut rows = stmt.query([self.session.landlord_id])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let start: String = r.get(1)?;
            out.push((
                r.get(0)?,
                col::date("lease", "start_date", &start)?,
                r.get(2)?,
            ));
        }
        Ok(out)
    }

    fn session(&self) -> &Session {
        self.session
    }

    fn insert_voucher(
        &self,
        _door: &Door,
        number: &str,
        draft: &VoucherDraft,
        hash: &str,
    ) -> Result<()> {
        let (journal, template, tiers, lease) = self.voucher_links(draft)?;
        self.exec(
            "INSERT INTO voucher (landlord_id, number, journal_id, value_date, label, template_id, tiers_id, lease_id, analytic,
                payment_mode, payment_date, batch_no, reference, origin, created_at, created_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
            params![
                self.session.landlord_id, number, journal, col::iso(draft.value_date), draft.label, template, tiers, lease,
                draft.analytic, draft.payment_mode.map(PaymentMode::code), col::opt_iso(draft.payment_date),
                draft.batch_no, draft.reference, draft.origin, self.now()?, self.session.user
            ],
        )?;
        let voucher = self.conn.last_insert_rowid();
        self.memo
            .ids
            .borrow_mut()
            .insert("voucher", number.to_string(), voucher);
        self.write_entries(voucher, draft)?;
        self.exec(
            "UPDATE voucher SET sealed = 1, hash = ?1 WHERE id = ?2",
            params![hash, voucher],
        )?;
        Ok(())
    }

    fn ledger_head(&self) -> Result<Option<(i64, String)>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT id, hash FROM ledger_event WHERE landlord_id = ?1 ORDER BY id DESC LIMIT 1",
            )?
            .query_row([self.session.landlord_id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?)
    }

    fn replace_voucher(
        &self,
        _door: &Door,
        number: &str,
        draft: &VoucherDraft,
        hash: &str,
    ) -> Result<()> {
        let (voucher, _) = self.voucher_id(number)?;
        let (journal, template, tiers, lease) = self.voucher_links(draft)?;
        self.exec(
            "UPDATE voucher SET edit_open = 1, sealed = 0 WHERE id = ?1",
            [voucher],
        )?;
        self.exec("DELETE FROM entry WHERE voucher_id = ?1", [voucher])?;
        self.exec(
            "UPDATE voucher SET journal_id = ?2, value_date = ?3, label = ?4, template_id = ?5, tiers_id = ?6, lease_id = ?7,
                analytic = ?8, payment_mode = ?9, payment_date = ?10, batch_no = ?11, reference = ?12
             WHERE id = ?1",
            params![
                voucher, journal, col::iso(draft.value_date), draft.label, template, tiers, lease, draft.analytic,
                draft.payment_mode.map(PaymentMode::code), col::opt_iso(draft.payment_date), draft.batch_no,
                draft.reference
            ],
        )?;
        self.write_entries(voucher, draft)?;
        self.exec(
            "UPDATE voucher SET sealed = 1, edit_open = 0, unlocked_once = 0, hash = ?1 WHERE id = ?2",
            params![hash, voucher],
        )?;
        Ok(())
    }

    fn delete_voucher(&self, _door: &Door, number: &str) -> Result<String> {
        let (voucher, hash) = self.voucher_id(number)?;
        self.exec(
            "UPDATE voucher SET edit_open = 1, sealed = 0 WHERE id = ?1",
            [voucher],
        )?;
        self.exec("DELETE FROM entry WHERE voucher_id = ?1", [voucher])?;
        self.exec("DELETE FROM voucher WHERE id = ?1", [voucher])?;
        Ok(hash)
    }

    fn set_unlocked_once(&self, _door: &Door, number: &str) -> Result<()> {
        let (voucher, _) = self.voucher_id(number)?;
        self.exec(
            "UPDATE voucher SET unlocked_once = 1 WHERE id = ?1",
            [voucher],
        )?;
        Ok(())
    }

    fn last_event_hash(&self) -> Result<String> {
        let remembered = self.memo.last_event_hash.borrow().clone();
        match remembered {
            Some(hash) => Ok(hash),
            None => Ok(self
                .ledger_head()?
                .map(|(_, hash)| hash)
                .unwrap_or_default()),
        }
    }

    fn last_voucher_number(&self, year: i32) -> Result<Option<String>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT max(number) FROM ledger_event WHERE landlord_id = ?1 AND number BETWEEN ?2 AND ?3",
            )?
            .query_row(
                params![self.session.landlord_id, format!("{year:04}000000"), format!("{year:04}999999")],
                |r| r.get(0),
            )
            .optional()?
            .flatten())
    }

    fn timestamp(&self) -> Result<String> {
        Ok(self.now()?.to_string())
    }

    fn audit(&self, action: &str, table: &str, key: &str, detail: &str) -> Result<()> {
        self.exec(
            "INSERT INTO audit_log (landlord_id, at, user_login, action, table_name, row_key, detail)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![self.session.landlord_id, self.now()?, self.session.user, action, table, key, detail],
        )?;
        Ok(())
    }

    fn append_event(&self, _door: &Door, event: &LedgerEvent, hash: &str) -> Result<()> {
        self.exec(
            "INSERT INTO ledger_event (landlord_id, number, kind, at, user_login, content_hash, prev_hash, hash)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                self.session.landlord_id, event.number, event.kind, event.at, event.user, event.content_hash,
                event.prev_hash, hash
            ],
        )?;
        *self.memo.last_event_hash.borrow_mut() = Some(hash.to_string());
        Ok(())
    }

    fn voucher(&self, number: &str) -> Result<Option<StoredVoucher>> {
        let header = self
            .conn
            .query_row(
                "SELECT v.origin, v.export_date, v.unlocked_once, j.lock_date
                 FROM voucher v JOIN journal j ON j.id = v.journal_id WHERE v.landlord_id = ?1 AND v.number = ?2",
                params![self.session.landlord_id, number],
                |r| Ok((r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?, r.get::<_, bool>(2)?, r.get::<_, Option<String>>(3)?)),
            )
            .optional()?;
        let Some((origin, export_date, unlocked_once, journal_lock)) = header else {
            return Ok(None);
        };
        let lines = self.lines_of(None, Some(number))?;
        let Some(first) = lines.first() else {
            return Ok(None);
        };
        let payment: (Option<String>, Option<String>, String, String) = self.conn.query_row(
            "SELECT payment_mode, payment_date, batch_no, analytic FROM voucher WHERE landlord_id = ?1 AND number = ?2",
            params![self.session.landlord_id, number],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )?;
        let draft = VoucherDraft {
            journal: first.journal.clone(),
            value_date: first.value_date,
            label: first.label.clone(),
            template: first.template.clone(),
            tiers: first.voucher_tiers.clone(),
            lease: first.lease.clone(),
            analytic: payment.3,
            payment_mode: payment
                .0
                .map(|m| col::code("voucher", "payment_mode", &m, PaymentMode::parse))
                .transpose()?,
            payment_date: col::opt_date("voucher", "payment_date", payment.1)?,
            batch_no: payment.2,
            reference: first.reference.clone(),
            origin: origin.clone(),
            entries: lines.iter().map(LedgerLine::entry).collect(),
        };
        Ok(Some(StoredVoucher {
            number: number.to_string(),
            draft,
            export_date: col::opt_date("voucher", "export_date", export_date)?,
            journal_lock: col::opt_date("journal", "lock_date", journal_lock)?,
            unlocked_once,
        }))
    }

    fn last_notice_dates(&self) -> Result<std::collections::HashMap<String, chrono::NaiveDate>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT reference, max(at) FROM (
                 SELECT t.reference AS reference,
                        -- origine écrite en toutes lettres (NOTICE_ORIGIN) : SQLite ne prend
                        -- l'index partiel des pièces d'avis que pour cette valeur-là
                        (SELECT max(v.value_date) FROM voucher v
                         WHERE v.origin = 'avis' AND v.tiers_id = t.id) AS at
                 FROM third_party t WHERE t.landlord_id = ?1
                 UNION ALL
                 SELECT t.reference, max(d.value_date) FROM document d JOIN lease l ON l.id = d.lease_id
                      JOIN tenant tn ON tn.id = l.tenant_id JOIN third_party t ON t.id = tn.third_party_id
                 -- « + » : par l'index des pièces des documents (les avis sans pièce), pas
                 -- par celui du bailleur qui parcourrait tous les documents
                 WHERE d.voucher_id IS NULL AND +d.landlord_id = ?1 AND d.kind = 'avis' GROUP BY t.reference)
             GROUP BY reference HAVING max(at) IS NOT NULL",
        )?;
        let mut rows = stmt.query(params![self.session.landlord_id])?;
        let mut out = std::collections::HashMap::new();
        while let Some(r) = rows.next()? {
            out.insert(
                r.get(0)?,
                col::date("voucher", "value_date", &r.get::<_, String>(1)?)?,
            );
        }
        Ok(out)
    }

    fn lock_settings(&self) -> Result<(Option<chrono::NaiveDate>, u32)> {
        let (closing, delay): (Option<String>, u32) = self.conn.query_row(
            "SELECT closing_date, edit_delay_days FROM landlord WHERE id = ?1",
            [self.session.landlord_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        Ok((col::opt_date("landlord", "closing_date", closing)?, delay))
    }

    fn tiers_balances(
        &self,
        tiers: &[&str],
        at: chrono::NaiveDate,
    ) -> Result<std::collections::BTreeMap<(String, String), crate::model::Money>> {
        let mut stmt = self.conn.prepare_cached(concat!(
            "SELECT a.reference, t.reference, sum(e.debit) - sum(e.credit)
             FROM third_party t CROSS JOIN entry e JOIN voucher v ON v.id = e.voucher_id
                  JOIN account a ON a.id = e.account_id
             WHERE t.landlord_id = ?1 AND t.reference = ?2 AND e.landlord_id = ?1
                   AND e.account_id IN ",
            landlord_accounts!(),
            " AND e.tiers_id = t.id AND v.sealed = 1 AND v.value_date <= ?3
             GROUP BY a.reference, t.reference"
        ))?;
        let mut out = std::collections::BTreeMap::new();
        for who in tiers {
            let mut rows = stmt.query(params![self.session.landlord_id, who, col::iso(at)])?;
            while let Some(r) = rows.next()? {
                out.insert((r.get(0)?, r.get(1)?), from_cents(r.get(2)?));
            }
        }
        Ok(out)
    }
}
