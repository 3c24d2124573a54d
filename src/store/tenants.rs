//! Locataires (avec leurs allocations logement) et tiers.

use rusqlite::params;

use super::{col, Repo, Result, StoreError};
use crate::model::{BenefitClaim, Tenant, TenantState, ThirdParty, ThirdPartyKind};

impl Repo<'_> {
    /// Ajoute un tiers.
    pub fn insert_third_party(&self, party: &ThirdParty) -> Result<i64> {
        let t = party.clone().with_defaults();
        t.validate()?;
        self.ensure_new("third_party", "Tiers", &t.reference)?;
        self.exec(
            "INSERT INTO third_party (landlord_id, reference, kind, name, street, postcode, city, phone, email, export_account)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                self.session.landlord_id, t.reference, t.kind.code(), t.name, t.street, t.postcode, t.city, t.phone,
                t.email, t.export_account
            ],
        )?;
        let id = self.conn.last_insert_rowid();
        self.audit("ajout", "third_party", &t.reference, "")?;
        Ok(id)
    }

    /// Tiers du bailleur, par référence.
    pub fn third_parties(&self) -> Result<Vec<ThirdParty>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT reference, kind, name, street, postcode, city, phone, email, export_account
             FROM third_party WHERE landlord_id = ?1 ORDER BY reference",
        )?;
        let mut rows = stmt.query([self.session.landlord_id])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let kind: String = r.get(1)?;
            out.push(ThirdParty {
                reference: r.get(0)?,
                kind: col::code("third_party", "kind", &kind, ThirdPartyKind::parse)?,
                name: r.get(2)?,
                street: r.get(3)?,
                postcode: r.get(4)?,
                city: r.get(5)?,
                phone: r.get(6)?,
                email: r.get(7)?,
                export_account: r.get(8)?,
            });
        }
        Ok(out)
    }

    /// Ajoute un locataire, son tiers (même référence, type locataire) et ses
    /// allocations logement. L'état est toujours « Candidat » à la création.
    pub fn insert_tenant(&self, tenant: &Tenant) -> Result<()> {
        let t = Tenant {
            reference: tenant.reference.trim().to_string(),
            state: TenantState::Candidate,
            ..tenant.clone()
        };
        t.validate()?;
        self.ensure_new("tenant", "Locataire", &t.reference)?;
        let party = self.insert_third_party(&ThirdParty {
            reference: t.reference.clone(),
            kind: ThirdPartyKind::Tenant,
            name: t.display_name(),
            street: t.alt_street.clone(),
            postcode: t.alt_postcode.clone(),
            city: t.alt_city.clone(),
            phone: t.phone1.clone(),
            email: t.email.clone(),
            export_account: String::new(),
        })?;
        self.exec(
            "INSERT INTO tenant (landlord_id, reference, third_party_id, professional, civility, surname, first_name,
                followup_start, state, alt_street, alt_postcode, alt_city, nur, birth_date, email, phone1, phone2,
                gdpr_consent, gdpr_consent_date, claimant_numbers)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)",
            params![
                self.session.landlord_id, t.reference, party, t.professional, t.civility, t.surname, t.first_name,
                col::iso(t.followup_start), t.state.code(), t.alt_street, t.alt_postcode, t.alt_city, t.nur,
                col::opt_iso(t.birth_date), t.email, t.phone1, t.phone2, t.gdpr_consent, col::opt_iso(t.gdpr_consent_date),
                t.claimant_numbers()
            ],
        )?;
        let tenant_id = self.conn.last_insert_rowid();
        for claim in &t.claims {
            self.insert_claim(tenant_id, claim)?;
        }
        self.audit("ajout", "tenant", &t.reference, "")
    }

    fn insert_claim(&self, tenant_id: i64, claim: &BenefitClaim) -> Result<()> {
        let number = crate::model::validate::claimant_number(&claim.claimant_no).map_err(|e| {
            StoreError::Invalid(vec![crate::model::Invalid::new(
                "numero_allocataire",
                e.to_string(),
            )])
        })?;
        let taken: i64 = self.conn.query_row(
            "SELECT count(*) FROM benefit_claim WHERE landlord_id = ?1 AND substr(claimant_no, 1, 7) = substr(?2, 1, 7)",
            params![self.session.landlord_id, number],
            |r| r.get(0),
        )?;
        if taken > 0 {
            return Err(StoreError::Duplicate {
                what: "Numéro allocataire (7 chiffres)",
                reference: number,
            });
        }
        let payer = self.opt_id_of(
            "third_party",
            "Organisme payeur (tiers)",
            claim.payer.as_deref(),
        )?;
        self.exec(
            "INSERT INTO benefit_claim (landlord_id, tenant_id, claimant, start_date, payer_id, payer_number, claimant_no)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                self.session.landlord_id, tenant_id, claim.claimant, col::opt_iso(claim.start_date), payer,
                claim.payer_number, number
            ],
        )?;
        Ok(())
    }

    /// Locataires du bailleur, par référence, avec leurs allocations.
    pub fn tenants(&self) -> Result<Vec<Tenant>> {
        let mut claims = self.claims_by_tenant()?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, reference, professional, civility, surname, first_name, followup_start, state, alt_street,
                    alt_postcode, alt_city, nur, birth_date, email, phone1, phone2, gdpr_consent, gdpr_consent_date
             FROM tenant WHERE landlord_id = ?1 ORDER BY reference",
        )?;
        let mut rows = stmt.query([self.session.landlord_id])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            let state: String = r.get(7)?;
            out.push(Tenant {
                reference: r.get(1)?,
                professional: r.get(2)?,
                civility: r.get(3)?,
                surname: r.get(4)?,
                first_name: r.get(5)?,
                followup_start: col::date("tenant", "followup_start", &r.get::<_, String>(6)?)?,
                state: col::code("tenant", "state", &state, TenantState::parse)?,
                alt_street: r.get(8)?,
                alt_postcode: r.get(9)?,
                alt_city: r.get(10)?,
                nur: r.get(11)?,
                birth_date: col::opt_date("tenant", "birth_date", r.get(12)?)?,
                email: r.get(13)?,
                phone1: r.get(14)?,
                phone2: r.get(15)?,
                gdpr_consent: r.get(16)?,
                gdpr_consent_date: col::opt_date("tenant", "gdpr_consent_date", r.get(17)?)?,
                claims: claims.remove(&id).unwrap_or_default(),
            });
        }
        Ok(out)
    }

    fn claims_by_tenant(&self) -> Result<std::collections::HashMap<i64, Vec<BenefitClaim>>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.tenant_id, c.claimant, c.start_date, p.reference, c.payer_number, c.claimant_no
             FROM benefit_claim c LEFT JOIN third_party p ON p.id = c.payer_id
             WHERE c.landlord_id = ?1 ORDER BY c.id",
        )?;
        let mut rows = stmt.query([self.session.landlord_id])?;
        let mut out: std::collections::HashMap<i64, Vec<BenefitClaim>> = Default::default();
        while let Some(r) = rows.next()? {
            out.entry(r.get(0)?).or_default().push(BenefitClaim {
                claimant: r.get(1)?,
                start_date: col::opt_date("benefit_claim", "start_date", r.get(2)?)?,
                payer: r.get(3)?,
                payer_number: r.get(4)?,
                claimant_no: r.get(5)?,
            });
        }
        Ok(out)
    }
}
