//! Pièces et écritures. Seul `ledger` appelle `insert_voucher`, après validation.

use rusqlite::{params, OptionalExtension};

use super::{col, Repo, Result, StoreError};
use crate::ledger::balance::PostedEntry;
use crate::ledger::hash::{event_hash, voucher_hash, HashInput, HashedEntry, LedgerEvent};
use crate::ledger::{LedgerLine, VoucherDraft};
use crate::model::money::from_cents;
use crate::model::{PaymentMode, ThirdPartyKind};

impl Repo<'_> {
    /// Numéro suivant de l'année : `AAAA` + 6 chiffres, sans trou ni réemploi (le
    /// journal des pièces garde aussi les numéros des pièces supprimées).
    fn next_voucher_number(&self, year: i32) -> Result<String> {
        let last: Option<String> = self
            .conn
            .query_row(
                "SELECT max(number) FROM ledger_event WHERE landlord_id = ?1 AND number BETWEEN ?2 AND ?3",
                params![self.session.landlord_id, format!("{year:04}000000"), format!("{year:04}999999")],
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

    /// Enregistre une pièce validée : en-tête, écritures, empreinte, scellement (le
    /// trigger refuse une pièce déséquilibrée même appelée directement), événement de
    /// création.
    pub fn insert_voucher(&self, draft: &VoucherDraft) -> Result<String> {
        use chrono::Datelike;
        let number = self.next_voucher_number(draft.value_date.year())?;
        let (journal, template, tiers, lease) = self.voucher_links(draft)?;
        self.exec(
            "INSERT INTO voucher (landlord_id, number, journal_id, value_date, label, template_id, tiers_id, lease_id, analytic,
                payment_mode, payment_date, batch_no, reference, origin, created_at, created_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, strftime('%Y-%m-%dT%H:%M:%S', 'now'), ?15)",
            params![
                self.session.landlord_id, number, journal, col::iso(draft.value_date), draft.label, template, tiers, lease,
                draft.analytic, draft.payment_mode.map(PaymentMode::code), col::opt_iso(draft.payment_date),
                draft.batch_no, draft.reference, draft.origin, self.session.user
            ],
        )?;
        let voucher = self.conn.last_insert_rowid();
        let hash = self.write_entries(voucher, &number, draft)?;
        self.exec(
            "UPDATE voucher SET sealed = 1, hash = ?1 WHERE id = ?2",
            params![hash, voucher],
        )?;
        self.append_event(&number, "creation", &hash)?;
        self.audit("ajout", "voucher", &number, &draft.origin)?;
        Ok(number)
    }

    /// Identifiants du journal, du modèle, du tiers et de la location d'une pièce.
    fn voucher_links(
        &self,
        draft: &VoucherDraft,
    ) -> Result<(i64, Option<i64>, Option<i64>, Option<i64>)> {
        Ok((
            self.id_of("journal", "Journal", &draft.journal)?,
            self.opt_id_of(
                "voucher_template",
                "Modèle comptable",
                draft.template.as_deref(),
            )?,
            self.opt_id_of("third_party", "Tiers", draft.tiers.as_deref())?,
            self.opt_id_of("lease", "Location", draft.lease.as_deref())?,
        ))
    }

    /// Écrit les écritures d'une pièce ouverte ; renvoie l'empreinte de son contenu.
    fn write_entries(&self, voucher: i64, number: &str, draft: &VoucherDraft) -> Result<String> {
        let mut hashed = Vec::with_capacity(draft.entries.len());
        for (i, e) in draft.entries.iter().enumerate() {
            let line = i64::try_from(i + 1).unwrap_or(i64::MAX);
            let account = self.id_of("account", "Compte", &e.account)?;
            let entry_tiers = self.opt_id_of("third_party", "Tiers", e.tiers.as_deref())?;
            let (debit, credit) = (
                col::cents("entry", "debit", e.debit)?,
                col::cents("entry", "credit", e.credit)?,
            );
            self.exec(
                "INSERT INTO entry (landlord_id, voucher_id, line_no, account_id, tiers_id, analytic, label, debit, credit, value_date)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                params![
                    self.session.landlord_id, voucher, line, account, entry_tiers, e.analytic, e.label, debit, credit,
                    col::iso(draft.value_date)
                ],
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
        Ok(voucher_hash(&HashInput {
            number: number.to_string(),
            journal: draft.journal.clone(),
            value_date: col::iso(draft.value_date),
            label: draft.label.clone(),
            tiers: draft.tiers.clone().unwrap_or_default(),
            lease: draft.lease.clone().unwrap_or_default(),
            entries: hashed,
        }))
    }

    /// Ajoute un événement au journal des pièces, chaîné au précédent du bailleur.
    fn append_event(&self, number: &str, kind: &str, content_hash: &str) -> Result<()> {
        let prev_hash: String = self
            .conn
            .query_row(
                "SELECT hash FROM ledger_event WHERE landlord_id = ?1 ORDER BY id DESC LIMIT 1",
                [self.session.landlord_id],
                |r| r.get(0),
            )
            .optional()?
            .unwrap_or_default();
        let at: String =
            self.conn
                .query_row("SELECT strftime('%Y-%m-%dT%H:%M:%S', 'now')", [], |r| {
                    r.get(0)
                })?;
        let event = LedgerEvent {
            number: number.to_string(),
            kind: kind.to_string(),
            at,
            user: self.session.user.clone(),
            content_hash: content_hash.to_string(),
            prev_hash,
        };
        self.exec(
            "INSERT INTO ledger_event (landlord_id, number, kind, at, user_login, content_hash, prev_hash, hash)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                self.session.landlord_id, event.number, event.kind, event.at, event.user, event.content_hash,
                event.prev_hash, event_hash(&event)
            ],
        )?;
        Ok(())
    }

    /// Identifiant et empreinte d'une pièce du bailleur.
    fn voucher_id(&self, number: &str) -> Result<(i64, String)> {
        self.conn
            .query_row(
                "SELECT id, hash FROM voucher WHERE landlord_id = ?1 AND number = ?2",
                params![self.session.landlord_id, number],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?
            .ok_or_else(|| StoreError::Unknown {
                what: "Pièce",
                reference: number.to_string(),
            })
    }

    /// Remplace l'en-tête et les écritures d'une pièce (modification autorisée par le
    /// grand livre) ; l'autorisation d'édition ponctuelle est consommée.
    pub fn replace_voucher(&self, number: &str, draft: &VoucherDraft) -> Result<()> {
        let (voucher, _) = self.voucher_id(number)?;
        let (journal, template, tiers, lease) = self.voucher_links(draft)?;
        self.exec(
            "UPDATE voucher SET edit_open = 1, sealed = 0 WHERE id = ?1",
            [voucher],
        )?;
        self.conn
            .execute("DELETE FROM entry WHERE voucher_id = ?1", [voucher])?;
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
        let hash = self.write_entries(voucher, number, draft)?;
        self.exec(
            "UPDATE voucher SET sealed = 1, edit_open = 0, unlocked_once = 0, hash = ?1 WHERE id = ?2",
            params![hash, voucher],
        )?;
        self.append_event(number, "modification", &hash)?;
        self.audit("modification", "voucher", number, "")
    }

    /// Supprime une pièce et ses écritures ; son numéro reste au journal des pièces.
    pub fn delete_voucher(&self, number: &str) -> Result<()> {
        let (voucher, hash) = self.voucher_id(number)?;
        self.exec(
            "UPDATE voucher SET edit_open = 1, sealed = 0 WHERE id = ?1",
            [voucher],
        )?;
        self.exec("DELETE FROM entry WHERE voucher_id = ?1", [voucher])?;
        self.exec("DELETE FROM voucher WHERE id = ?1", [voucher])?;
        self.append_event(number, "suppression", &hash)?;
        self.audit("suppression", "voucher", number, "")
    }

    /// « Autoriser édition pièce » : la prochaine modification passe malgré le verrou.
    pub fn set_unlocked_once(&self, number: &str) -> Result<()> {
        let (voucher, _) = self.voucher_id(number)?;
        self.exec(
            "UPDATE voucher SET unlocked_once = 1 WHERE id = ?1",
            [voucher],
        )?;
        self.audit("autorisation d'édition", "voucher", number, "")
    }

    /// Une pièce enregistrée avec son état (verrou, origine), ou `None`.
    pub fn voucher(&self, number: &str) -> Result<Option<StoredVoucher>> {
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

    /// Date de valeur du dernier avis d'échéance de chaque tiers (pièces d'avis, et avis
    /// sans pièce quand ils n'ont rien facturé).
    pub fn last_notice_dates(
        &self,
    ) -> Result<std::collections::HashMap<String, chrono::NaiveDate>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT reference, max(at) FROM (
                 SELECT t.reference AS reference, max(v.value_date) AS at
                 FROM voucher v JOIN third_party t ON t.id = v.tiers_id
                 WHERE v.landlord_id = ?1 AND v.origin = ?2 GROUP BY t.reference
                 UNION ALL
                 SELECT t.reference, max(d.value_date) FROM document d JOIN lease l ON l.id = d.lease_id
                      JOIN tenant tn ON tn.id = l.tenant_id JOIN third_party t ON t.id = tn.third_party_id
                 WHERE d.landlord_id = ?1 AND d.kind = 'avis' GROUP BY t.reference)
             GROUP BY reference",
        )?;
        let mut rows = stmt.query(params![
            self.session.landlord_id,
            crate::ledger::NOTICE_ORIGIN
        ])?;
        let mut out = std::collections::HashMap::new();
        while let Some(r) = rows.next()? {
            out.insert(
                r.get(0)?,
                col::date("voucher", "value_date", &r.get::<_, String>(1)?)?,
            );
        }
        Ok(out)
    }

    /// Date de clôture et délai de modification (en jours) du bailleur.
    pub fn lock_settings(&self) -> Result<(Option<chrono::NaiveDate>, u32)> {
        let (closing, delay): (Option<String>, u32) = self.conn.query_row(
            "SELECT closing_date, edit_delay_days FROM landlord WHERE id = ?1",
            [self.session.landlord_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        Ok((col::opt_date("landlord", "closing_date", closing)?, delay))
    }

    /// Fixe la date de clôture des saisies et le délai de modification autorisé.
    pub fn set_lock_settings(
        &self,
        closing: Option<chrono::NaiveDate>,
        delay_days: u32,
    ) -> Result<()> {
        self.exec(
            "UPDATE landlord SET closing_date = ?2, edit_delay_days = ?3 WHERE id = ?1",
            params![self.session.landlord_id, col::opt_iso(closing), delay_days],
        )?;
        self.audit(
            "verrouillage des saisies",
            "landlord",
            &self.session.landlord_code,
            &format!("{closing:?} / {delay_days} j"),
        )
    }

    /// Écritures des pièces scellées datées au plus tard `to` (toutes si `None`), par
    /// numéro de pièce puis ligne.
    pub fn ledger_lines(&self, to: Option<chrono::NaiveDate>) -> Result<Vec<LedgerLine>> {
        self.lines_of(to, None)
    }

    /// Écritures d'un tiers jusqu'à `to` (situation d'un locataire).
    pub fn tiers_lines(
        &self,
        tiers: &str,
        to: Option<chrono::NaiveDate>,
    ) -> Result<Vec<LedgerLine>> {
        self.lines_where(to, None, Some(tiers))
    }

    /// Écritures d'une pièce, ou de toutes les pièces jusqu'à `to`.
    fn lines_of(
        &self,
        to: Option<chrono::NaiveDate>,
        number: Option<&str>,
    ) -> Result<Vec<LedgerLine>> {
        self.lines_where(to, number, None)
    }

    fn lines_where(
        &self,
        to: Option<chrono::NaiveDate>,
        number: Option<&str>,
        tiers: Option<&str>,
    ) -> Result<Vec<LedgerLine>> {
        let mut out = Vec::new();
        self.visit_lines(to, number, tiers, |line| {
            out.push(line);
            Ok::<(), StoreError>(())
        })?;
        Ok(out)
    }

    /// Passe chaque écriture jusqu'à `to`, dans l'ordre des pièces, à `visit` sans tout
    /// garder en mémoire (FEC d'un million d'écritures).
    pub fn each_ledger_line<E: From<StoreError>>(
        &self,
        to: Option<chrono::NaiveDate>,
        visit: impl FnMut(LedgerLine) -> std::result::Result<(), E>,
    ) -> std::result::Result<(), E> {
        self.visit_lines(to, None, None, visit)
    }

    fn visit_lines<E: From<StoreError>>(
        &self,
        to: Option<chrono::NaiveDate>,
        number: Option<&str>,
        tiers: Option<&str>,
        mut visit: impl FnMut(LedgerLine) -> std::result::Result<(), E>,
    ) -> std::result::Result<(), E> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT v.number, j.reference, j.label, v.value_date, v.label, m.reference, vt.reference, l.reference,
                    v.reference, substr(v.created_at, 1, 10), e.line_no, a.reference, a.label, t.reference,
                    coalesce(t.name, ''), e.analytic, e.label, e.debit, e.credit, a.collective, t.kind
             FROM entry e JOIN voucher v ON v.id = e.voucher_id JOIN journal j ON j.id = v.journal_id
                  JOIN account a ON a.id = e.account_id LEFT JOIN third_party t ON t.id = e.tiers_id
                  LEFT JOIN voucher_template m ON m.id = v.template_id
                  LEFT JOIN third_party vt ON vt.id = v.tiers_id LEFT JOIN lease l ON l.id = v.lease_id
             WHERE e.landlord_id = ?1 AND v.sealed = 1 AND (?2 IS NULL OR v.value_date <= ?2)
                   AND (?3 IS NULL OR v.number = ?3)
                   AND (?4 IS NULL OR e.tiers_id = (SELECT id FROM third_party WHERE landlord_id = ?1 AND reference = ?4))
             ORDER BY v.number, e.line_no",
        ).map_err(StoreError::from)?;
        let mut rows = stmt
            .query(params![
                self.session.landlord_id,
                col::opt_iso(to),
                number,
                tiers
            ])
            .map_err(StoreError::from)?;
        while let Some(r) = rows.next().map_err(StoreError::from)? {
            visit(line_of(r)?)?;
        }
        Ok(())
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

    /// Écritures cumulées par (compte, tiers) : une ligne pour l'antérieur (datée de la
    /// veille de `from`) et une pour la période, jusqu'à `to`. La balance, additive, donne
    /// sur ces cumuls le même résultat que sur les écritures une à une, sans les charger.
    pub fn entry_sums(
        &self,
        from: chrono::NaiveDate,
        to: chrono::NaiveDate,
    ) -> Result<Vec<PostedEntry>> {
        let before = from.pred_opt().unwrap_or(from);
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.reference, t.reference, s.in_period, s.debit, s.credit
             FROM (SELECT account_id, tiers_id, 0 AS in_period, sum(debit) AS debit, sum(credit) AS credit
                   FROM entry WHERE landlord_id = ?1 AND value_date < ?2
                   GROUP BY account_id, tiers_id
                   UNION ALL
                   SELECT account_id, tiers_id, 1, sum(debit), sum(credit)
                   FROM entry WHERE landlord_id = ?1 AND value_date >= ?2 AND value_date <= ?3
                   GROUP BY account_id, tiers_id) s
             JOIN account a ON a.id = s.account_id LEFT JOIN third_party t ON t.id = s.tiers_id",
        )?;
        let mut rows = stmt.query(params![
            self.session.landlord_id,
            col::iso(from),
            col::iso(to)
        ])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            out.push(PostedEntry {
                account: r.get(0)?,
                tiers: r.get(1)?,
                value_date: if r.get::<_, bool>(2)? { from } else { before },
                debit: from_cents(r.get(3)?),
                credit: from_cents(r.get(4)?),
            });
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

    /// Contenu de chaque pièce du bailleur : (numéro, empreinte stockée, contenu), pour
    /// recalculer les empreintes.
    pub fn voucher_contents(&self) -> Result<Vec<(String, String, HashInput)>> {
        let mut entries: std::collections::HashMap<i64, Vec<HashedEntry>> = Default::default();
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
            "SELECT v.id, v.number, v.hash, j.reference, v.value_date, v.label, coalesce(t.reference, ''),
                    coalesce(l.reference, '')
             FROM voucher v JOIN journal j ON j.id = v.journal_id LEFT JOIN third_party t ON t.id = v.tiers_id
                  LEFT JOIN lease l ON l.id = v.lease_id
             WHERE v.landlord_id = ?1 ORDER BY v.number",
        )?;
        let mut rows = stmt.query([self.session.landlord_id])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            out.push((
                r.get(1)?,
                r.get(2)?,
                HashInput {
                    number: r.get(1)?,
                    journal: r.get(3)?,
                    value_date: r.get(4)?,
                    label: r.get(5)?,
                    tiers: r.get(6)?,
                    lease: r.get(7)?,
                    entries: entries.remove(&id).unwrap_or_default(),
                },
            ));
        }
        Ok(out)
    }

    /// Journal des pièces du bailleur, dans l'ordre : (événement, empreinte stockée).
    pub fn ledger_events(&self) -> Result<Vec<(LedgerEvent, String)>> {
        let mut stmt = self.conn.prepare(
            "SELECT number, kind, at, user_login, content_hash, prev_hash, hash FROM ledger_event
             WHERE landlord_id = ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map([self.session.landlord_id], |r| {
            Ok((
                LedgerEvent {
                    number: r.get(0)?,
                    kind: r.get(1)?,
                    at: r.get(2)?,
                    user: r.get(3)?,
                    content_hash: r.get(4)?,
                    prev_hash: r.get(5)?,
                },
                r.get(6)?,
            ))
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
}

/// Une pièce enregistrée et ce qui décide de son verrouillage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredVoucher {
    pub number: String,
    pub draft: VoucherDraft,
    pub export_date: Option<chrono::NaiveDate>,
    /// Date de verrouillage du journal de la pièce.
    pub journal_lock: Option<chrono::NaiveDate>,
    pub unlocked_once: bool,
}

/// Une écriture lue avec l'en-tête de sa pièce.
fn line_of(r: &rusqlite::Row) -> Result<LedgerLine> {
    Ok(LedgerLine {
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
    })
}
