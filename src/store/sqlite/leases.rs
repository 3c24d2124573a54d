//! Locations, périodes et rubriques de location.

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};

use super::buildings::{changes, keep_reference, listed, refused};
use super::{col, Result, SqliteRepo, StoreError};
use crate::model::money::from_cents;
use crate::model::{
    ContractType, Frequency, Gestion, ItemPurpose, Lease, LeaseItem, LeasePeriod, MoveOutReason,
    PaymentInfo, PaymentMode, Term,
};
use crate::store::*;

/// Date affichée dans les messages.
fn shown(date: NaiveDate) -> String {
    crate::model::dates::format_date(date)
}

impl SqliteRepo<'_> {
    fn select_leases(&self, condition: &str, id: Option<i64>) -> Result<Vec<Lease>> {
        let sql = format!(
            "SELECT l.reference, u.reference, t.reference, l.contract_type, l.frequency, l.term, l.due_day_offset,
                    l.payment_mode, l.start_date, l.move_out_date, l.move_out_reason, l.locked, l.durable,
                    l.auto_settlement, p.reference, l.direct_debit, l.account_holder, b.reference, l.iban,
                    l.mandate_ref, l.mandate_date, l.fixed_amount, l.alt_amount, l.debit_day, l.notes
             FROM lease l JOIN unit u ON u.id = l.unit_id JOIN tenant t ON t.id = l.tenant_id
                  LEFT JOIN third_party p ON p.id = l.third_party_payer_id LEFT JOIN bank b ON b.id = l.bank_id
             WHERE l.landlord_id = ?1{condition} ORDER BY l.reference"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = match id {
            Some(id) => stmt.query(params![self.session.landlord_id, id])?,
            None => stmt.query([self.session.landlord_id])?,
        };
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let reason: Option<String> = r.get(10)?;
            out.push(Lease {
                reference: r.get(0)?,
                unit: r.get(1)?,
                tenant: r.get(2)?,
                contract_type: col::code(
                    "lease",
                    "contract_type",
                    &r.get::<_, String>(3)?,
                    ContractType::parse,
                )?,
                frequency: col::code(
                    "lease",
                    "frequency",
                    &r.get::<_, String>(4)?,
                    Frequency::parse,
                )?,
                term: col::code("lease", "term", &r.get::<_, String>(5)?, Term::parse)?,
                due_day_offset: r.get(6)?,
                payment_mode: col::code(
                    "lease",
                    "payment_mode",
                    &r.get::<_, String>(7)?,
                    PaymentMode::parse,
                )?,
                start_date: col::date("lease", "start_date", &r.get::<_, String>(8)?)?,
                move_out_date: col::opt_date("lease", "move_out_date", r.get(9)?)?,
                move_out_reason: reason
                    .map(|code| col::code("lease", "move_out_reason", &code, MoveOutReason::parse))
                    .transpose()?,
                locked: r.get(11)?,
                durable: r.get(12)?,
                auto_settlement: r.get(13)?,
                third_party_payer: r.get(14)?,
                payment: PaymentInfo {
                    direct_debit: r.get(15)?,
                    account_holder: r.get(16)?,
                    bank: r.get(17)?,
                    iban: r.get(18)?,
                    mandate_ref: r.get(19)?,
                    mandate_date: col::opt_date("lease", "mandate_date", r.get(20)?)?,
                    fixed_amount: from_cents(r.get(21)?),
                    alt_amount: from_cents(r.get(22)?),
                    debit_day: r.get(23)?,
                },
                notes: r.get(24)?,
            });
        }
        Ok(out)
    }

    fn select_periods(&self, condition: &str, id: Option<i64>) -> Result<Vec<LeasePeriod>> {
        let sql = format!(
            "SELECT l.reference, p.start_date, p.months, p.end_date, p.notice_date
             FROM lease_period p JOIN lease l ON l.id = p.lease_id
             WHERE p.landlord_id = ?1{condition} ORDER BY l.reference, p.start_date"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = match id {
            Some(id) => stmt.query(params![self.session.landlord_id, id])?,
            None => stmt.query([self.session.landlord_id])?,
        };
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            out.push(LeasePeriod {
                lease: r.get(0)?,
                start_date: col::date("lease_period", "start_date", &r.get::<_, String>(1)?)?,
                months: r.get(2)?,
                end_date: col::date("lease_period", "end_date", &r.get::<_, String>(3)?)?,
                notice_date: col::date("lease_period", "notice_date", &r.get::<_, String>(4)?)?,
            });
        }
        Ok(out)
    }

    fn select_lease_items(&self, condition: &str, id: Option<i64>) -> Result<Vec<LeaseItem>> {
        let sql = format!(
            "SELECT l.reference, c.reference, i.gestion, i.item_type, i.purpose, i.active, i.start_date, i.months,
                    i.end_date, i.free_reference, i.initial_amount, i.revised_amount, i.prorata, i.ceiling,
                    i.to_increase, i.revision_date
             FROM lease_item i JOIN lease l ON l.id = i.lease_id JOIN charge_item c ON c.id = i.charge_item_id
             WHERE i.landlord_id = ?1{condition} ORDER BY l.reference, i.id"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = match id {
            Some(id) => stmt.query(params![self.session.landlord_id, id])?,
            None => stmt.query([self.session.landlord_id])?,
        };
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            out.push(LeaseItem {
                lease: r.get(0)?,
                item: r.get(1)?,
                gestion: col::code(
                    "lease_item",
                    "gestion",
                    &r.get::<_, String>(2)?,
                    Gestion::parse,
                )?,
                item_type: r.get(3)?,
                purpose: col::code(
                    "lease_item",
                    "purpose",
                    &r.get::<_, String>(4)?,
                    ItemPurpose::parse,
                )?,
                active: r.get(5)?,
                start_date: col::date("lease_item", "start_date", &r.get::<_, String>(6)?)?,
                months: r.get(7)?,
                end_date: col::opt_date("lease_item", "end_date", r.get(8)?)?,
                free_reference: r.get(9)?,
                initial_amount: from_cents(r.get(10)?),
                revised_amount: from_cents(r.get(11)?),
                prorata: r.get(12)?,
                ceiling: from_cents(r.get(13)?),
                to_increase: r.get(14)?,
                revision_date: col::opt_date("lease_item", "revision_date", r.get(15)?)?,
            });
        }
        Ok(out)
    }
    /// L'état du locataire suit ses locations : « Locataire » s'il en a une, sinon
    /// « Candidat ».
    fn mirror_tenant_state(&self, tenant_id: i64) -> Result<()> {
        self.exec(
            "UPDATE tenant SET state = CASE WHEN EXISTS (SELECT 1 FROM lease WHERE tenant_id = ?1)
                THEN 'locataire' ELSE 'candidat' END
             WHERE id = ?1",
            [tenant_id],
        )?;
        Ok(())
    }

    /// Identifiants d'une location du bailleur : la location, son lot, son locataire.
    fn lease_ids(&self, reference: &str) -> Result<(i64, i64, i64)> {
        self.conn
            .prepare_cached(
                "SELECT id, unit_id, tenant_id FROM lease WHERE landlord_id = ?1 AND reference = ?2",
            )?
            .query_row(
                params![self.session.landlord_id, reference.trim()],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?
            .ok_or_else(|| StoreError::Unknown {
                what: "Location",
                reference: reference.trim().to_string(),
            })
    }

    /// Ce que la location a déjà produit : pièces comptables, documents, et la première
    /// date de valeur de l'un ou de l'autre.
    fn lease_history(&self, lease_id: i64) -> Result<(i64, i64, Option<NaiveDate>)> {
        let (vouchers, documents, first): (i64, i64, Option<String>) = self.conn.prepare_cached(
            "SELECT (SELECT count(*) FROM voucher WHERE lease_id = ?1),
                    (SELECT count(*) FROM document WHERE lease_id = ?1),
                    (SELECT min(d) FROM (SELECT min(value_date) AS d FROM voucher WHERE lease_id = ?1
                                         UNION ALL SELECT min(value_date) FROM document WHERE lease_id = ?1))",
        )?
        .query_row([lease_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        Ok((
            vouchers,
            documents,
            col::opt_date("voucher", "value_date", first)?,
        ))
    }

    /// Identifiant d'une période par sa location et son début.
    fn period_id(&self, lease_id: i64, lease: &str, start: NaiveDate) -> Result<i64> {
        self.conn
            .prepare_cached("SELECT id FROM lease_period WHERE lease_id = ?1 AND start_date = ?2")?
            .query_row(params![lease_id, col::iso(start)], |r| r.get(0))
            .optional()?
            .ok_or_else(|| StoreError::Unknown {
                what: "Période de location",
                reference: format!("{} du {}", lease.trim(), shown(start)),
            })
    }

    /// Rubrique de location par sa clé (location, rubrique du catalogue, début) :
    /// identifiant, gestion, objet, document qui l'a créée.
    fn lease_item_row(
        &self,
        lease_id: i64,
        lease: &str,
        item: &str,
        start: NaiveDate,
    ) -> Result<(i64, String, String, Option<i64>)> {
        let charge = self.id_of("charge_item", "Rubrique du catalogue", item)?;
        self.conn
            .prepare_cached(
                "SELECT id, gestion, purpose, document_id FROM lease_item
                 WHERE lease_id = ?1 AND charge_item_id = ?2 AND start_date = ?3",
            )?
            .query_row(params![lease_id, charge, col::iso(start)], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })
            .optional()?
            .ok_or_else(|| StoreError::Unknown {
                what: "Rubrique de location",
                reference: format!("{} {} du {}", lease.trim(), item.trim(), shown(start)),
            })
    }

    /// Avis de la location qui ont déjà porté la rubrique (rubrique du catalogue, début).
    fn notices_with_item(
        &self,
        lease_id: i64,
        item: &str,
        start: NaiveDate,
    ) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT DISTINCT d.number FROM document_line dl JOIN document d ON d.id = dl.document_id
             WHERE d.lease_id = ?1 AND d.kind = 'avis' AND dl.item_ref = ?2 AND dl.item_start = ?3
             ORDER BY d.number",
        )?;
        let rows = stmt.query_map(params![lease_id, item.trim(), col::iso(start)], |r| {
            r.get::<_, String>(0)
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
}

impl Leases for SqliteRepo<'_> {
    fn insert_lease(&self, lease: &Lease) -> Result<()> {
        let surname: String = self
            .conn
            .query_row(
                "SELECT surname FROM tenant WHERE landlord_id = ?1 AND reference = ?2",
                params![self.session.landlord_id, lease.tenant.trim()],
                |r| r.get(0),
            )
            .map_err(|_| StoreError::Unknown {
                what: "Locataire",
                reference: lease.tenant.trim().to_string(),
            })?;
        let l = lease.clone().with_defaults(&surname);
        l.validate()?;
        self.ensure_new("lease", "Location", &l.reference)?;
        let unit = self.id_of("unit", "Lot", &l.unit)?;
        let tenant = self.id_of("tenant", "Locataire", &l.tenant)?;
        let payer = self.opt_id_of(
            "third_party",
            "Tiers payeur",
            l.third_party_payer.as_deref(),
        )?;
        let bank = self.opt_id_of("bank", "Banque", l.payment.bank.as_deref())?;
        let p = &l.payment;
        self.exec(
            "INSERT INTO lease (landlord_id, reference, unit_id, tenant_id, contract_type, frequency, term, due_day_offset,
                payment_mode, start_date, move_out_date, move_out_reason, locked, durable, auto_settlement,
                third_party_payer_id, direct_debit, account_holder, bank_id, iban, mandate_ref, mandate_date,
                fixed_amount, alt_amount, debit_day, notes)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26)",
            params![
                self.session.landlord_id, l.reference, unit, tenant, l.contract_type.code(), l.frequency.code(),
                l.term.code(), l.due_day_offset, l.payment_mode.code(), col::iso(l.start_date),
                col::opt_iso(l.move_out_date), l.move_out_reason.map(MoveOutReason::code), l.locked, l.durable,
                l.auto_settlement, payer, p.direct_debit, p.account_holder, bank, p.iban, p.mandate_ref,
                col::opt_iso(p.mandate_date), col::cents("lease", "fixed_amount", p.fixed_amount)?,
                col::cents("lease", "alt_amount", p.alt_amount)?, p.debit_day, l.notes
            ],
        )?;
        self.mirror_tenant_state(tenant)?;
        self.audit("ajout", "lease", &l.reference, "")
    }

    fn leases(&self) -> Result<Vec<Lease>> {
        self.select_leases("", None)
    }

    fn insert_period(&self, period: &LeasePeriod) -> Result<()> {
        period.validate()?;
        let lease = self.id_of("lease", "Location", &period.lease)?;
        let exists: i64 = self.conn.query_row(
            "SELECT count(*) FROM lease_period WHERE lease_id = ?1 AND start_date = ?2",
            params![lease, col::iso(period.start_date)],
            |r| r.get(0),
        )?;
        if exists > 0 {
            return Err(StoreError::Duplicate {
                what: "Période de location",
                reference: format!(
                    "{} du {}",
                    period.lease,
                    crate::model::dates::format_date(period.start_date)
                ),
            });
        }
        self.exec(
            "INSERT INTO lease_period (landlord_id, lease_id, start_date, months, end_date, notice_date)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                self.session.landlord_id, lease, col::iso(period.start_date), period.months,
                col::iso(period.end_date), col::iso(period.notice_date)
            ],
        )?;
        self.audit(
            "ajout",
            "lease_period",
            &period.lease,
            &col::iso(period.start_date),
        )
    }

    fn periods(&self) -> Result<Vec<LeasePeriod>> {
        self.select_periods("", None)
    }

    fn insert_lease_item(&self, item: &LeaseItem) -> Result<()> {
        let i = item.clone().with_defaults();
        i.validate()?;
        let lease = self.id_of("lease", "Location", &i.lease)?;
        let charge = self.id_of("charge_item", "Rubrique du catalogue", &i.item)?;
        let exists: i64 = self.conn.query_row(
            "SELECT count(*) FROM lease_item WHERE lease_id = ?1 AND charge_item_id = ?2 AND start_date = ?3",
            params![lease, charge, col::iso(i.start_date)],
            |r| r.get(0),
        )?;
        if exists > 0 {
            return Err(StoreError::Duplicate {
                what: "Rubrique de location (même rubrique, même début)",
                reference: format!(
                    "{} {} {}",
                    i.lease,
                    i.item,
                    crate::model::dates::format_date(i.start_date)
                ),
            });
        }
        self.exec(
            "INSERT INTO lease_item (landlord_id, lease_id, charge_item_id, gestion, item_type, purpose, active, start_date,
                months, end_date, free_reference, initial_amount, revised_amount, prorata, ceiling, to_increase, revision_date)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
            params![
                self.session.landlord_id, lease, charge, i.gestion.code(), i.item_type, i.purpose.code(), i.active,
                col::iso(i.start_date), i.months, col::opt_iso(i.end_date), i.free_reference,
                col::cents("lease_item", "initial_amount", i.initial_amount)?,
                col::cents("lease_item", "revised_amount", i.revised_amount)?, i.prorata,
                col::cents("lease_item", "ceiling", i.ceiling)?, i.to_increase, col::opt_iso(i.revision_date)
            ],
        )?;
        self.audit("ajout", "lease_item", &i.lease, &i.item)
    }

    fn lease_items(&self) -> Result<Vec<LeaseItem>> {
        self.select_lease_items("", None)
    }

    fn update_lease(&self, reference: &str, lease: &Lease) -> Result<()> {
        let (id, old_unit, old_tenant) = self.lease_ids(reference)?;
        keep_reference("location", reference, &lease.reference)?;
        let surname: String = self
            .conn
            .prepare_cached("SELECT surname FROM tenant WHERE landlord_id = ?1 AND reference = ?2")?
            .query_row(
                params![self.session.landlord_id, lease.tenant.trim()],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| StoreError::Unknown {
                what: "Locataire",
                reference: lease.tenant.trim().to_string(),
            })?;
        let l = lease.clone().with_defaults(&surname);
        l.validate()?;
        let before = self
            .select_leases(" AND l.id = ?2", Some(id))?
            .pop()
            .ok_or_else(|| StoreError::Unknown {
                what: "Location",
                reference: reference.trim().to_string(),
            })?;
        let unit = self.id_of("unit", "Lot", &l.unit)?;
        let tenant = self.id_of("tenant", "Locataire", &l.tenant)?;
        let payer = self.opt_id_of(
            "third_party",
            "Tiers payeur",
            l.third_party_payer.as_deref(),
        )?;
        let bank = self.opt_id_of("bank", "Banque", l.payment.bank.as_deref())?;
        let (vouchers, documents, first) = self.lease_history(id)?;
        if vouchers > 0 || documents > 0 {
            let moved = if unit != old_unit {
                Some("lot")
            } else if tenant != old_tenant {
                Some("locataire")
            } else {
                None
            };
            if let Some(field) = moved {
                return Err(refused(
                    field,
                    format!(
                        "la location « {} » a déjà {vouchers} pièce(s) comptable(s) et {documents} document(s) : son lot et son locataire ne changent plus ; pour un changement de logement, indiquez une date de sortie (motif mutation) et créez une nouvelle location",
                        l.reference
                    ),
                ));
            }
            if let Some(first) = first.filter(|first| l.start_date > *first) {
                return Err(refused(
                    "debut",
                    format!(
                        "la location « {} » a une pièce ou un document au {} : son début ne peut pas être postérieur à cette date",
                        l.reference,
                        shown(first)
                    ),
                ));
            }
        }
        let p = &l.payment;
        self.exec(
            "UPDATE lease SET unit_id = ?2, tenant_id = ?3, contract_type = ?4, frequency = ?5, term = ?6,
                due_day_offset = ?7, payment_mode = ?8, start_date = ?9, move_out_date = ?10, move_out_reason = ?11,
                locked = ?12, durable = ?13, auto_settlement = ?14, third_party_payer_id = ?15, direct_debit = ?16,
                account_holder = ?17, bank_id = ?18, iban = ?19, mandate_ref = ?20, mandate_date = ?21,
                fixed_amount = ?22, alt_amount = ?23, debit_day = ?24, notes = ?25
             WHERE id = ?1",
            params![
                id, unit, tenant, l.contract_type.code(), l.frequency.code(), l.term.code(), l.due_day_offset,
                l.payment_mode.code(), col::iso(l.start_date), col::opt_iso(l.move_out_date),
                l.move_out_reason.map(MoveOutReason::code), l.locked, l.durable, l.auto_settlement, payer,
                p.direct_debit, p.account_holder, bank, p.iban, p.mandate_ref, col::opt_iso(p.mandate_date),
                col::cents("lease", "fixed_amount", p.fixed_amount)?,
                col::cents("lease", "alt_amount", p.alt_amount)?, p.debit_day, l.notes
            ],
        )?;
        self.mirror_tenant_state(tenant)?;
        if tenant != old_tenant {
            self.mirror_tenant_state(old_tenant)?;
        }
        self.audit("modification", "lease", &l.reference, &changes(&before, &l))
    }

    fn delete_lease(&self, reference: &str) -> Result<()> {
        let (id, _, tenant) = self.lease_ids(reference)?;
        let reference = reference.trim();
        let (vouchers, documents, _) = self.lease_history(id)?;
        if vouchers > 0 || documents > 0 {
            return Err(refused(
                "suppression",
                format!(
                    "la location « {reference} » a déjà {vouchers} pièce(s) comptable(s) et {documents} document(s) (avis, appels de dépôt, factures) : elle ne peut pas être supprimée ; indiquez plutôt une date de sortie, ou cochez « Verrouillée »"
                ),
            ));
        }
        self.exec("DELETE FROM lease_item WHERE lease_id = ?1", [id])?;
        self.exec("DELETE FROM lease_period WHERE lease_id = ?1", [id])?;
        self.exec("DELETE FROM lease_exit WHERE lease_id = ?1", [id])?;
        self.exec("DELETE FROM lease WHERE id = ?1", [id])?;
        self.mirror_tenant_state(tenant)?;
        self.audit("suppression", "lease", reference, "")
    }

    fn update_period(&self, start: NaiveDate, period: &LeasePeriod) -> Result<()> {
        period.validate()?;
        let lease = self.id_of("lease", "Location", &period.lease)?;
        let id = self.period_id(lease, &period.lease, start)?;
        if period.start_date != start {
            let taken: i64 = self.conn.query_row(
                "SELECT count(*) FROM lease_period WHERE lease_id = ?1 AND start_date = ?2",
                params![lease, col::iso(period.start_date)],
                |r| r.get(0),
            )?;
            if taken > 0 {
                return Err(StoreError::Duplicate {
                    what: "Période de location",
                    reference: format!("{} du {}", period.lease.trim(), shown(period.start_date)),
                });
            }
        }
        let before = self
            .select_periods(" AND p.id = ?2", Some(id))?
            .pop()
            .ok_or_else(|| StoreError::Unknown {
                what: "Période de location",
                reference: format!("{} du {}", period.lease.trim(), shown(start)),
            })?;
        self.exec(
            "UPDATE lease_period SET start_date = ?2, months = ?3, end_date = ?4, notice_date = ?5 WHERE id = ?1",
            params![
                id,
                col::iso(period.start_date),
                period.months,
                col::iso(period.end_date),
                col::iso(period.notice_date)
            ],
        )?;
        self.audit(
            "modification",
            "lease_period",
            period.lease.trim(),
            &format!("{} : {}", col::iso(start), changes(&before, period)),
        )
    }

    fn delete_period(&self, lease: &str, start: NaiveDate) -> Result<()> {
        let lease_id = self.id_of("lease", "Location", lease)?;
        let id = self.period_id(lease_id, lease, start)?;
        let periods = self.count_of(
            "SELECT count(*) FROM lease_period WHERE lease_id = ?1",
            lease_id,
        )?;
        let notices = self.count_of(
            "SELECT count(*) FROM document WHERE lease_id = ?1 AND kind = 'avis'",
            lease_id,
        )?;
        if periods == 1 && notices > 0 {
            return Err(refused(
                "suppression",
                format!(
                    "la période du {} est la seule de la location « {} », qui a déjà {notices} avis : elle ne peut pas être supprimée (sans période, plus aucun avis) ; modifiez-la plutôt",
                    shown(start),
                    lease.trim()
                ),
            ));
        }
        self.exec("DELETE FROM lease_period WHERE id = ?1", [id])?;
        self.audit(
            "suppression",
            "lease_period",
            lease.trim(),
            &col::iso(start),
        )
    }

    fn update_lease_item(&self, item_ref: &str, start: NaiveDate, item: &LeaseItem) -> Result<()> {
        let i = item.clone().with_defaults();
        i.validate()?;
        let lease = self.id_of("lease", "Location", &i.lease)?;
        let (id, gestion, purpose, _) = self.lease_item_row(lease, &i.lease, item_ref, start)?;
        if i.item.trim() != item_ref.trim() || i.start_date != start {
            let field = if i.item.trim() != item_ref.trim() {
                "rubrique"
            } else {
                "debut"
            };
            return Err(refused(
                field,
                format!(
                    "la rubrique « {} » du {} est enregistrée : sa rubrique du catalogue et son début l'identifient et ne changent pas ; indiquez-lui une fin et ajoutez une nouvelle ligne",
                    item_ref.trim(),
                    shown(start)
                ),
            ));
        }
        if gestion != i.gestion.code() || purpose != i.purpose.code() {
            let billed = self.notices_with_item(lease, item_ref, start)?;
            if !billed.is_empty() {
                return Err(refused(
                    "gestion",
                    format!(
                        "la rubrique « {} » du {} figure déjà sur {} avis ({}) : sa gestion et son objet ne changent plus ; indiquez-lui une fin et ajoutez une nouvelle rubrique",
                        item_ref.trim(),
                        shown(start),
                        billed.len(),
                        listed(&billed)
                    ),
                ));
            }
        }
        let before = self
            .select_lease_items(" AND i.id = ?2", Some(id))?
            .pop()
            .ok_or_else(|| StoreError::Unknown {
                what: "Rubrique de location",
                reference: format!("{} {} du {}", i.lease.trim(), item_ref.trim(), shown(start)),
            })?;
        self.exec(
            "UPDATE lease_item SET gestion = ?2, item_type = ?3, purpose = ?4, active = ?5, months = ?6, end_date = ?7,
                free_reference = ?8, initial_amount = ?9, revised_amount = ?10, prorata = ?11, ceiling = ?12,
                to_increase = ?13, revision_date = ?14
             WHERE id = ?1",
            params![
                id, i.gestion.code(), i.item_type, i.purpose.code(), i.active, i.months, col::opt_iso(i.end_date),
                i.free_reference, col::cents("lease_item", "initial_amount", i.initial_amount)?,
                col::cents("lease_item", "revised_amount", i.revised_amount)?, i.prorata,
                col::cents("lease_item", "ceiling", i.ceiling)?, i.to_increase, col::opt_iso(i.revision_date)
            ],
        )?;
        self.audit(
            "modification",
            "lease_item",
            i.lease.trim(),
            &format!(
                "{} {} : {}",
                i.item.trim(),
                col::iso(start),
                changes(&before, &i)
            ),
        )
    }

    fn delete_lease_item(&self, lease: &str, item_ref: &str, start: NaiveDate) -> Result<()> {
        let lease_id = self.id_of("lease", "Location", lease)?;
        let (id, _, _, document) = self.lease_item_row(lease_id, lease, item_ref, start)?;
        if let Some(document) = document {
            let number: String = self.conn.query_row(
                "SELECT number FROM document WHERE id = ?1",
                [document],
                |r| r.get(0),
            )?;
            return Err(refused(
                "suppression",
                format!(
                    "la rubrique « {} » du {} a été créée par le document {number} (règlement par échéances) : elle part avec lui ; supprimez le document dans la fenêtre Avis",
                    item_ref.trim(),
                    shown(start)
                ),
            ));
        }
        let billed = self.notices_with_item(lease_id, item_ref, start)?;
        if !billed.is_empty() {
            return Err(refused(
                "suppression",
                format!(
                    "la rubrique « {} » du {} figure déjà sur {} avis ({}) : elle ne peut pas être supprimée ; décochez « active » ou indiquez une date de fin",
                    item_ref.trim(),
                    shown(start),
                    billed.len(),
                    listed(&billed)
                ),
            ));
        }
        self.exec("DELETE FROM lease_item WHERE id = ?1", [id])?;
        self.audit(
            "suppression",
            "lease_item",
            lease.trim(),
            &format!("{} {}", item_ref.trim(), col::iso(start)),
        )
    }
}
