//! Locations, périodes et rubriques de location.

use rusqlite::params;

use super::{col, Repo, Result, StoreError};
use crate::model::money::from_cents;
use crate::model::{
    ContractType, Frequency, Gestion, ItemPurpose, Lease, LeaseItem, LeasePeriod, MoveOutReason,
    PaymentInfo, PaymentMode, Term,
};

impl Repo<'_> {
    /// Ajoute une location ; le locataire passe à l'état « Locataire ».
    pub fn insert_lease(&self, lease: &Lease) -> Result<()> {
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
                fixed_amount, alt_amount, debit_day)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25)",
            params![
                self.session.landlord_id, l.reference, unit, tenant, l.contract_type.code(), l.frequency.code(),
                l.term.code(), l.due_day_offset, l.payment_mode.code(), col::iso(l.start_date),
                col::opt_iso(l.move_out_date), l.move_out_reason.map(MoveOutReason::code), l.locked, l.durable,
                l.auto_settlement, payer, p.direct_debit, p.account_holder, bank, p.iban, p.mandate_ref,
                col::opt_iso(p.mandate_date), col::cents("lease", "fixed_amount", p.fixed_amount)?,
                col::cents("lease", "alt_amount", p.alt_amount)?, p.debit_day
            ],
        )?;
        self.exec(
            "UPDATE tenant SET state = 'locataire' WHERE id = ?1",
            [tenant],
        )?;
        self.audit("ajout", "lease", &l.reference, "")
    }

    /// Locations du bailleur, par référence.
    pub fn leases(&self) -> Result<Vec<Lease>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT l.reference, u.reference, t.reference, l.contract_type, l.frequency, l.term, l.due_day_offset,
                    l.payment_mode, l.start_date, l.move_out_date, l.move_out_reason, l.locked, l.durable,
                    l.auto_settlement, p.reference, l.direct_debit, l.account_holder, b.reference, l.iban,
                    l.mandate_ref, l.mandate_date, l.fixed_amount, l.alt_amount, l.debit_day
             FROM lease l JOIN unit u ON u.id = l.unit_id JOIN tenant t ON t.id = l.tenant_id
                  LEFT JOIN third_party p ON p.id = l.third_party_payer_id LEFT JOIN bank b ON b.id = l.bank_id
             WHERE l.landlord_id = ?1 ORDER BY l.reference",
        )?;
        let mut rows = stmt.query([self.session.landlord_id])?;
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
            });
        }
        Ok(out)
    }

    /// Ajoute une période à une location.
    pub fn insert_period(&self, period: &LeasePeriod) -> Result<()> {
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

    /// Périodes de toutes les locations, par location puis début.
    pub fn periods(&self) -> Result<Vec<LeasePeriod>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT l.reference, p.start_date, p.months, p.end_date, p.notice_date
             FROM lease_period p JOIN lease l ON l.id = p.lease_id
             WHERE p.landlord_id = ?1 ORDER BY l.reference, p.start_date",
        )?;
        let mut rows = stmt.query([self.session.landlord_id])?;
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

    /// Ajoute une rubrique à une location.
    pub fn insert_lease_item(&self, item: &LeaseItem) -> Result<()> {
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

    /// Rubriques de toutes les locations, par location, rubrique, début.
    pub fn lease_items(&self) -> Result<Vec<LeaseItem>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT l.reference, c.reference, i.gestion, i.item_type, i.purpose, i.active, i.start_date, i.months,
                    i.end_date, i.free_reference, i.initial_amount, i.revised_amount, i.prorata, i.ceiling,
                    i.to_increase, i.revision_date
             FROM lease_item i JOIN lease l ON l.id = i.lease_id JOIN charge_item c ON c.id = i.charge_item_id
             WHERE i.landlord_id = ?1 ORDER BY l.reference, i.id",
        )?;
        let mut rows = stmt.query([self.session.landlord_id])?;
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
}
