//! Pièces et écritures. Seul `ledger` appelle `insert_voucher`, après validation.

use rusqlite::{params, OptionalExtension};

use super::{col, Repo, Result, StoreError};
use crate::ledger::balance::PostedEntry;
use crate::ledger::hash::HashInput;
use crate::ledger::{LedgerLine, VoucherDraft};
use crate::model::money::from_cents;
use crate::model::{PaymentMode, ThirdPartyKind};

impl Repo<'_> {
    /// Numéro suivant de l'année : `AAAA` + 6 chiffres, sans trou.
    fn next_voucher_number(&self, year: i32) -> Result<String> {
        let last: Option<String> = self
            .conn
            .query_row(
                "SELECT max(number) FROM voucher WHERE landlord_id = ?1 AND number LIKE ?2",
                params![self.session.landlord_id, format!("{year:04}%")],
                |r| r.get(0),
            )
            .optional()?
            .flatten();
        let next = match last {
            Some(n) => n
                .get(4..)
                .and_then(|s| s.parse::<u32>().ok())
                .map_or(1, |s| s + 1),
            None => 1,
        };
        if next > 999_999 {
            return Err(StoreError::Invalid(vec![crate::model::Invalid::new(
                "numero",
                format!("plus d'un million de pièces en {year}"),
            )]));
        }
        Ok(format!("{year:04}{next:06}"))
    }

    /// Empreinte de la dernière pièce du bailleur (vide pour la première).
    fn last_voucher_hash(&self) -> Result<String> {
        Ok(self
            .conn
            .query_row(
                "SELECT hash FROM voucher WHERE landlord_id = ?1 ORDER BY id DESC LIMIT 1",
                [self.session.landlord_id],
                |r| r.get(0),
            )
            .optional()?
            .unwrap_or_default())
    }

    /// Enregistre une pièce validée : en-tête, écritures, empreinte, scellement (le
    /// trigger refuse une pièce déséquilibrée même appelée directement).
    pub fn insert_voucher(
        &self,
        draft: &VoucherDraft,
        hasher: fn(&HashInput) -> String,
    ) -> Result<String> {
        use chrono::Datelike;
        let number = self.next_voucher_number(draft.value_date.year())?;
        let journal = self.id_of("journal", "Journal", &draft.journal)?;
        let template = self.opt_id_of(
            "voucher_template",
            "Modèle comptable",
            draft.template.as_deref(),
        )?;
        let tiers = self.opt_id_of("third_party", "Tiers", draft.tiers.as_deref())?;
        let lease = self.opt_id_of("lease", "Location", draft.lease.as_deref())?;
        let prev_hash = self.last_voucher_hash()?;
        self.conn.execute(
            "INSERT INTO voucher (landlord_id, number, journal_id, value_date, label, template_id, tiers_id, lease_id, analytic,
                payment_mode, payment_date, batch_no, reference, origin, created_at, created_by, prev_hash)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, strftime('%Y-%m-%dT%H:%M:%S', 'now'), ?15, ?16)",
            params![
                self.session.landlord_id, number, journal, col::iso(draft.value_date), draft.label, template, tiers, lease,
                draft.analytic, draft.payment_mode.map(PaymentMode::code), col::opt_iso(draft.payment_date),
                draft.batch_no, draft.reference, draft.origin, self.session.user, prev_hash
            ],
        )?;
        let voucher = self.conn.last_insert_rowid();
        let mut hashed = Vec::with_capacity(draft.entries.len());
        for (i, e) in draft.entries.iter().enumerate() {
            let line = i64::try_from(i + 1).unwrap_or(i64::MAX);
            let account = self.id_of("account", "Compte", &e.account)?;
            let entry_tiers = self.opt_id_of("third_party", "Tiers", e.tiers.as_deref())?;
            let (debit, credit) = (
                col::cents("entry", "debit", e.debit)?,
                col::cents("entry", "credit", e.credit)?,
            );
            self.conn.execute(
                "INSERT INTO entry (landlord_id, voucher_id, line_no, account_id, tiers_id, analytic, label, debit, credit)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![self.session.landlord_id, voucher, line, account, entry_tiers, e.analytic, e.label, debit, credit],
            )?;
            hashed.push((
                line,
                e.account.clone(),
                e.tiers.clone().unwrap_or_default(),
                e.analytic.clone(),
                debit,
                credit,
            ));
        }
        let hash = hasher(&HashInput {
            prev_hash,
            number: number.clone(),
            journal: draft.journal.clone(),
            value_date: col::iso(draft.value_date),
            label: draft.label.clone(),
            tiers: draft.tiers.clone().unwrap_or_default(),
            lease: draft.lease.clone().unwrap_or_default(),
            entries: hashed,
        });
        self.conn.execute(
            "UPDATE voucher SET sealed = 1, hash = ?1 WHERE id = ?2",
            params![hash, voucher],
        )?;
        self.audit("ajout", "voucher", &number, &draft.origin)?;
        Ok(number)
    }

    /// Écritures des pièces scellées datées au plus tard `to` (toutes si `None`), par
    /// numéro de pièce puis ligne.
    pub fn ledger_lines(&self, to: Option<chrono::NaiveDate>) -> Result<Vec<LedgerLine>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT v.number, j.reference, j.label, v.value_date, v.label, m.reference, vt.reference, l.reference,
                    v.reference, substr(v.created_at, 1, 10), e.line_no, a.reference, a.label, t.reference,
                    coalesce(t.name, ''), e.analytic, e.label, e.debit, e.credit, a.collective, t.kind
             FROM entry e JOIN voucher v ON v.id = e.voucher_id JOIN journal j ON j.id = v.journal_id
                  JOIN account a ON a.id = e.account_id LEFT JOIN third_party t ON t.id = e.tiers_id
                  LEFT JOIN voucher_template m ON m.id = v.template_id
                  LEFT JOIN third_party vt ON vt.id = v.tiers_id LEFT JOIN lease l ON l.id = v.lease_id
             WHERE e.landlord_id = ?1 AND v.sealed = 1 AND (?2 IS NULL OR v.value_date <= ?2)
             ORDER BY v.number, e.line_no",
        )?;
        let mut rows = stmt.query(params![self.session.landlord_id, col::opt_iso(to)])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            out.push(LedgerLine {
                number: r.get(0)?,
                journal: r.get(1)?,
                journal_label: r.get(2)?,
                value_date: col::date("voucher", "value_date", &r.get::<_, String>(3)?)?,
                label: r.get(4)?,
                template: r.get(5)?,
                voucher_tiers: r.get(6)?,
                lease: r.get(7)?,
                reference: r.get(8)?,
                recorded_on: col::date("voucher", "created_at", &r.get::<_, String>(9)?)?,
                line_no: r.get(10)?,
                account: r.get(11)?,
                account_label: r.get(12)?,
                tiers: r.get(13)?,
                tiers_name: r.get(14)?,
                analytic: r.get(15)?,
                entry_label: r.get(16)?,
                debit: from_cents(r.get(17)?),
                credit: from_cents(r.get(18)?),
                account_collective: r.get(19)?,
                tiers_kind: r
                    .get::<_, Option<String>>(20)?
                    .map(|k| col::code("third_party", "kind", &k, ThirdPartyKind::parse))
                    .transpose()?,
            });
        }
        Ok(out)
    }

    /// Soldes « débit − crédit » par (compte, tiers) d'un tiers, écritures datées au plus
    /// tard `at` (pour les codes de montant des modèles).
    pub fn tiers_balances(
        &self,
        tiers: &[&str],
        at: chrono::NaiveDate,
    ) -> Result<std::collections::BTreeMap<(String, String), crate::model::Money>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.reference, t.reference, sum(e.debit) - sum(e.credit)
             FROM entry e JOIN voucher v ON v.id = e.voucher_id JOIN account a ON a.id = e.account_id
                  JOIN third_party t ON t.id = e.tiers_id
             WHERE e.landlord_id = ?1 AND v.sealed = 1 AND t.reference = ?2 AND v.value_date <= ?3
             GROUP BY a.reference, t.reference",
        )?;
        let mut out = std::collections::BTreeMap::new();
        for who in tiers {
            let mut rows = stmt.query(params![self.session.landlord_id, who, col::iso(at)])?;
            while let Some(r) = rows.next()? {
                out.insert((r.get(0)?, r.get(1)?), from_cents(r.get(2)?));
            }
        }
        Ok(out)
    }

    /// Écritures de pièces scellées, pour la balance et les situations.
    pub fn posted_entries(&self) -> Result<Vec<PostedEntry>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.reference, t.reference, v.value_date, e.debit, e.credit
             FROM entry e JOIN voucher v ON v.id = e.voucher_id JOIN account a ON a.id = e.account_id
                  LEFT JOIN third_party t ON t.id = e.tiers_id
             WHERE e.landlord_id = ?1 AND v.sealed = 1",
        )?;
        let mut rows = stmt.query([self.session.landlord_id])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            out.push(PostedEntry {
                account: r.get(0)?,
                tiers: r.get(1)?,
                value_date: col::date("voucher", "value_date", &r.get::<_, String>(2)?)?,
                debit: from_cents(r.get(3)?),
                credit: from_cents(r.get(4)?),
            });
        }
        Ok(out)
    }

    /// Pièces du bailleur dans l'ordre d'enregistrement, avec ce que couvre leur
    /// empreinte : (numéro, empreinte stockée, empreinte précédente stockée, données).
    pub fn voucher_chain(&self) -> Result<Vec<(String, String, HashInput)>> {
        let mut entries: std::collections::HashMap<
            i64,
            Vec<(i64, String, String, String, i64, i64)>,
        > = Default::default();
        {
            let mut stmt = self.conn.prepare(
                "SELECT e.voucher_id, e.line_no, a.reference, coalesce(t.reference, ''), e.analytic, e.debit, e.credit
                 FROM entry e JOIN account a ON a.id = e.account_id LEFT JOIN third_party t ON t.id = e.tiers_id
                 WHERE e.landlord_id = ?1 ORDER BY e.voucher_id, e.line_no",
            )?;
            let mut rows = stmt.query([self.session.landlord_id])?;
            while let Some(r) = rows.next()? {
                entries.entry(r.get(0)?).or_default().push((
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                ));
            }
        }
        let mut stmt = self.conn.prepare(
            "SELECT v.id, v.number, v.hash, v.prev_hash, j.reference, v.value_date, v.label, coalesce(t.reference, ''),
                    coalesce(l.reference, '')
             FROM voucher v JOIN journal j ON j.id = v.journal_id LEFT JOIN third_party t ON t.id = v.tiers_id
                  LEFT JOIN lease l ON l.id = v.lease_id
             WHERE v.landlord_id = ?1 ORDER BY v.id",
        )?;
        let mut rows = stmt.query([self.session.landlord_id])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            out.push((
                r.get(1)?,
                r.get(2)?,
                HashInput {
                    prev_hash: r.get(3)?,
                    number: r.get(1)?,
                    journal: r.get(4)?,
                    value_date: r.get(5)?,
                    label: r.get(6)?,
                    tiers: r.get(7)?,
                    lease: r.get(8)?,
                    entries: entries.remove(&id).unwrap_or_default(),
                },
            ));
        }
        Ok(out)
    }
}
