//! Catalogues du bailleur (comptes, journaux, modèles, rubriques, banques) et
//! catalogue des indices, partagé par tous les bailleurs.

use rusqlite::params;

use super::{col, Result, SqliteRepo, StoreError};
use crate::model::money::from_cents;
use crate::model::{
    Account, Bank, ChargeItem, Gestion, ItemPurpose, Journal, RentIndex, VoucherTemplate,
};
use crate::store::*;

impl Catalogues for SqliteRepo<'_> {
    fn insert_account(&self, a: &Account) -> Result<()> {
        a.validate()?;
        self.ensure_new("account", "Compte", &a.reference)?;
        self.exec(
            "INSERT INTO account (landlord_id, reference, label, start_date, end_date, collective, export_tiers, normal_side,
                gestion, recoverable, recovered, spread_over_vacancy, charge_type, analytic_required)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
            params![
                self.session.landlord_id, a.reference, a.label, col::iso(a.start_date), col::opt_iso(a.end_date),
                a.collective, a.export_tiers, a.normal_side.code(), a.gestion.map(Gestion::code), a.recoverable,
                a.recovered, a.spread_over_vacancy, a.charge_type, a.analytic_required
            ],
        )?;
        self.audit("ajout", "account", &a.reference, "")
    }

    fn insert_journal(&self, j: &Journal) -> Result<()> {
        j.validate()?;
        self.ensure_new("journal", "Journal", &j.reference)?;
        if !j.counter_account.is_empty() {
            self.id_of("account", "Compte de contrepartie", &j.counter_account)?;
        }
        self.exec(
            "INSERT INTO journal (landlord_id, reference, label, kind, counter_account, lock_date, start_date, end_date)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                self.session.landlord_id, j.reference, j.label, j.kind.code(), j.counter_account,
                col::opt_iso(j.lock_date), col::iso(j.start_date), col::opt_iso(j.end_date)
            ],
        )?;
        self.audit("ajout", "journal", &j.reference, "")
    }

    fn insert_template(&self, t: &VoucherTemplate) -> Result<()> {
        t.validate()?;
        self.ensure_new("voucher_template", "Modèle comptable", &t.reference)?;
        if !t.journal.is_empty() {
            self.id_of("journal", "Journal", &t.journal)?;
        }
        self.exec(
            "INSERT INTO voucher_template (landlord_id, reference, label, journal_kind, journal_ref, is_payment,
                tiers_required, label_tokens, start_date)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                self.session.landlord_id, t.reference, t.label, t.journal_kind.code(), t.journal, t.is_payment,
                t.tiers_required, t.label_tokens, col::iso(t.start_date)
            ],
        )?;
        let template_id = self.conn.last_insert_rowid();
        for line in &t.lines {
            if line.account_code == "%CompteR" {
                self.id_of("account", "Compte", &line.account_ref)?;
            }
            self.exec(
                "INSERT INTO template_line (landlord_id, template_id, line_order, account_code, account_ref, tiers_code,
                    debit_code, credit_code)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![
                    self.session.landlord_id, template_id, line.order, line.account_code, line.account_ref,
                    line.tiers_code, line.debit_code, line.credit_code
                ],
            )?;
        }
        self.audit("ajout", "voucher_template", &t.reference, "")
    }

    fn insert_charge_item(&self, c: &ChargeItem) -> Result<()> {
        c.validate()?;
        self.ensure_new("charge_item", "Rubrique", &c.reference)?;
        if !c.account.is_empty() {
            self.id_of("account", "Compte", &c.account)?;
        }
        self.exec(
            "INSERT INTO charge_item (landlord_id, reference, gestion, item_type, purpose, account_ref, prorata, settlement, start_date)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                self.session.landlord_id, c.reference, c.gestion.code(), c.item_type, c.purpose.code(), c.account,
                c.prorata, c.settlement, col::iso(c.start_date)
            ],
        )?;
        self.audit("ajout", "charge_item", &c.reference, "")
    }

    fn charge_items(&self) -> Result<Vec<ChargeItem>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT reference, gestion, item_type, purpose, account_ref, prorata, settlement, start_date
             FROM charge_item WHERE landlord_id = ?1 ORDER BY reference",
        )?;
        let mut rows = stmt.query([self.session.landlord_id])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            out.push(ChargeItem {
                reference: r.get(0)?,
                gestion: col::code(
                    "charge_item",
                    "gestion",
                    &r.get::<_, String>(1)?,
                    Gestion::parse,
                )?,
                item_type: r.get(2)?,
                purpose: col::code(
                    "charge_item",
                    "purpose",
                    &r.get::<_, String>(3)?,
                    ItemPurpose::parse,
                )?,
                account: r.get(4)?,
                prorata: r.get(5)?,
                settlement: r.get(6)?,
                start_date: col::date("charge_item", "start_date", &r.get::<_, String>(7)?)?,
            });
        }
        Ok(out)
    }

    fn insert_bank(&self, b: &Bank) -> Result<()> {
        b.validate()?;
        self.ensure_new("bank", "Banque", &b.reference)?;
        let bic = crate::model::validate::bic(&b.bic).map_err(|e| {
            StoreError::Invalid(vec![crate::model::Invalid::new("bic", e.to_string())])
        })?;
        self.exec(
            "INSERT INTO bank (landlord_id, reference, name, bic) VALUES (?1, ?2, ?3, ?4)",
            params![self.session.landlord_id, b.reference, b.name, bic],
        )?;
        self.audit("ajout", "bank", &b.reference, "")
    }

    fn banks(&self) -> Result<Vec<Bank>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT reference, name, bic FROM bank WHERE landlord_id = ?1 ORDER BY reference",
        )?;
        let rows = stmt.query_map([self.session.landlord_id], |r| {
            Ok(Bank {
                reference: r.get(0)?,
                name: r.get(1)?,
                bic: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    fn upsert_index(&self, i: &RentIndex) -> Result<()> {
        let hundredths = col::cents("rent_index", "value", i.value)?;
        self.exec(
            "INSERT INTO rent_index (series, year, quarter, value_hundredths, published)
             VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (series, year, quarter) DO NOTHING",
            params![
                i.series,
                i.year,
                i.quarter,
                hundredths,
                i.published.map(col::iso)
            ],
        )?;
        Ok(())
    }

    fn indices(&self) -> Result<Vec<RentIndex>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT series, year, quarter, value_hundredths, published FROM rent_index
             ORDER BY series, year, quarter",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, i32>(1)?,
                r.get::<_, u8>(2)?,
                r.get::<_, i64>(3)?,
                r.get::<_, Option<String>>(4)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (series, year, quarter, hundredths, published) = row?;
            out.push(RentIndex {
                series,
                year,
                quarter,
                value: from_cents(hundredths),
                published: col::opt_date("rent_index", "published", published)?,
            });
        }
        Ok(out)
    }
}
