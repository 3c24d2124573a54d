//! Locataires (avec leurs allocations logement) et tiers.

use rusqlite::{params, OptionalExtension};

use super::buildings::{changes, keep_reference, listed, refused};
use super::{col, Result, SqliteRepo, StoreError};
use crate::model::tenant::UNKNOWN_CLAIMANT_PARTY;
use crate::model::{BenefitClaim, Tenant, TenantState, ThirdParty, ThirdPartyKind};
use crate::store::*;

/// Numéros allocataires écrits comme la base les garde (majuscules, sans espaces), pour
/// que le reflet du locataire soit exactement la liste de ses allocations.
fn normalized_claims(tenant: &mut Tenant) {
    for claim in &mut tenant.claims {
        if let Ok(number) = crate::model::validate::claimant_number(&claim.claimant_no) {
            claim.claimant_no = number;
        }
    }
}

impl SqliteRepo<'_> {
    /// Locataire dont le tiers est `party_id`, s'il y en a un.
    fn tenant_of_party(&self, party_id: i64) -> Result<Option<String>> {
        Ok(self
            .conn
            .prepare_cached("SELECT reference FROM tenant WHERE third_party_id = ?1")?
            .query_row([party_id], |r| r.get(0))
            .optional()?)
    }

    /// Ce qui renvoie à un tiers (hors le lien avec son propre locataire) : immeubles dont
    /// il est le syndic, locations dont il est le tiers payeur, allocations dont il est
    /// l'organisme payeur, pièces et écritures à son compte. Vide : il peut partir.
    fn third_party_uses(&self, party_id: i64) -> Result<Vec<String>> {
        let mut uses = Vec::new();
        let buildings = self.texts_of(
            "SELECT reference FROM building WHERE syndic_id = ?1 ORDER BY reference",
            party_id,
        )?;
        if !buildings.is_empty() {
            uses.push(format!(
                "syndic de {} immeuble(s) ({})",
                buildings.len(),
                listed(&buildings)
            ));
        }
        let leases = self.texts_of(
            "SELECT reference FROM lease WHERE third_party_payer_id = ?1 ORDER BY reference",
            party_id,
        )?;
        if !leases.is_empty() {
            uses.push(format!(
                "tiers payeur de {} location(s) ({})",
                leases.len(),
                listed(&leases)
            ));
        }
        let claims = self.texts_of(
            "SELECT DISTINCT t.reference FROM benefit_claim c JOIN tenant t ON t.id = c.tenant_id
             WHERE c.payer_id = ?1 ORDER BY t.reference",
            party_id,
        )?;
        if !claims.is_empty() {
            uses.push(format!(
                "organisme payeur des allocations de {} locataire(s) ({})",
                claims.len(),
                listed(&claims)
            ));
        }
        let vouchers = self.count_of(
            "SELECT (SELECT count(*) FROM voucher WHERE tiers_id = ?1)
                  + (SELECT count(*) FROM third_party t CROSS JOIN entry e
                     WHERE t.id = ?1 AND e.landlord_id = t.landlord_id
                           AND e.account_id IN (SELECT id FROM account a WHERE a.landlord_id = t.landlord_id)
                           AND e.tiers_id = ?1)",
            party_id,
        )?;
        if vouchers > 0 {
            uses.push(format!(
                "{vouchers} pièce(s) ou écriture(s) comptable(s) à son compte"
            ));
        }
        Ok(uses)
    }

    pub(super) fn select_third_parties(
        &self,
        condition: &str,
        id: Option<i64>,
    ) -> Result<Vec<ThirdParty>> {
        let sql = format!(
            "SELECT reference, kind, name, street, postcode, city, phone, email, export_account
             FROM third_party WHERE landlord_id = ?1{condition} ORDER BY reference"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = match id {
            Some(id) => stmt.query(params![self.session.landlord_id, id])?,
            None => stmt.query([self.session.landlord_id])?,
        };
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

    fn select_tenants(&self, condition: &str, id: Option<i64>) -> Result<Vec<Tenant>> {
        let mut claims = self.claims_by_tenant(id)?;
        let sql = format!(
            "SELECT id, reference, professional, civility, surname, first_name, followup_start, state, alt_street,
                    alt_postcode, alt_city, nur, birth_date, email, phone1, phone2, gdpr_consent, gdpr_consent_date
             FROM tenant WHERE landlord_id = ?1{condition} ORDER BY reference"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = match id {
            Some(id) => stmt.query(params![self.session.landlord_id, id])?,
            None => stmt.query([self.session.landlord_id])?,
        };
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

    /// Allocations par locataire (d'un seul locataire si `tenant` est donné).
    fn claims_by_tenant(
        &self,
        tenant: Option<i64>,
    ) -> Result<std::collections::HashMap<i64, Vec<BenefitClaim>>> {
        let condition = if tenant.is_some() {
            " AND c.tenant_id = ?2"
        } else {
            ""
        };
        let sql = format!(
            "SELECT c.tenant_id, c.claimant, c.start_date, p.reference, c.payer_number, c.claimant_no
             FROM benefit_claim c LEFT JOIN third_party p ON p.id = c.payer_id
             WHERE c.landlord_id = ?1{condition} ORDER BY c.id"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = match tenant {
            Some(id) => stmt.query(params![self.session.landlord_id, id])?,
            None => stmt.query([self.session.landlord_id])?,
        };
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

impl Tenants for SqliteRepo<'_> {
    fn insert_third_party(&self, party: &ThirdParty) -> Result<i64> {
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

    fn update_third_party(&self, reference: &str, party: &ThirdParty) -> Result<()> {
        let t = party.clone().with_defaults();
        t.validate()?;
        let id = self.id_of("third_party", "Tiers", reference)?;
        keep_reference("tiers", reference, &t.reference)?;
        let before = self
            .select_third_parties(" AND id = ?2", Some(id))?
            .pop()
            .ok_or_else(|| StoreError::Unknown {
                what: "Tiers",
                reference: reference.trim().to_string(),
            })?;
        if let Some(tenant) = self.tenant_of_party(id)? {
            if t.kind != ThirdPartyKind::Tenant {
                return Err(refused(
                    "type",
                    format!(
                        "ce tiers est celui du locataire « {tenant} » : il reste de type « {} »",
                        ThirdPartyKind::Tenant.label()
                    ),
                ));
            }
        }
        self.exec(
            "UPDATE third_party SET kind = ?2, name = ?3, street = ?4, postcode = ?5, city = ?6, phone = ?7, email = ?8,
                export_account = ?9
             WHERE id = ?1",
            params![id, t.kind.code(), t.name, t.street, t.postcode, t.city, t.phone, t.email, t.export_account],
        )?;
        self.audit(
            "modification",
            "third_party",
            &t.reference,
            &changes(&before, &t),
        )
    }

    fn delete_third_party(&self, reference: &str) -> Result<()> {
        let id = self.id_of("third_party", "Tiers", reference)?;
        let reference = reference.trim();
        if let Some(tenant) = self.tenant_of_party(id)? {
            return Err(refused(
                "suppression",
                format!(
                    "le tiers « {reference} » est celui du locataire « {tenant} » : il part avec la fiche du locataire (fenêtre Locataires), pas seul"
                ),
            ));
        }
        if reference == UNKNOWN_CLAIMANT_PARTY {
            return Err(refused(
                "suppression",
                format!(
                    "« {UNKNOWN_CLAIMANT_PARTY} » reçoit les montants CAF des allocataires non identifiés : ce tiers ne se supprime pas"
                ),
            ));
        }
        let uses = self.third_party_uses(id)?;
        if !uses.is_empty() {
            return Err(refused(
                "suppression",
                format!(
                    "le tiers « {reference} » sert encore : {} ; il ne peut pas être supprimé (retirez-le d'abord de ces fiches, ou gardez-le)",
                    uses.join(" ; ")
                ),
            ));
        }
        self.exec("DELETE FROM third_party WHERE id = ?1", [id])?;
        self.audit("suppression", "third_party", reference, "")
    }

    fn insert_tenant(&self, tenant: &Tenant) -> Result<()> {
        let mut t = Tenant {
            reference: tenant.reference.trim().to_string(),
            state: TenantState::Candidate,
            ..tenant.clone()
        };
        t.validate()?;
        normalized_claims(&mut t);
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

    fn update_tenant(&self, reference: &str, tenant: &Tenant) -> Result<()> {
        let mut t = Tenant {
            reference: tenant.reference.trim().to_string(),
            ..tenant.clone()
        };
        t.validate()?;
        normalized_claims(&mut t);
        let (id, party): (i64, i64) = self
            .conn
            .prepare_cached(
                "SELECT id, third_party_id FROM tenant WHERE landlord_id = ?1 AND reference = ?2",
            )?
            .query_row(params![self.session.landlord_id, reference.trim()], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?
            .ok_or_else(|| StoreError::Unknown {
                what: "Locataire",
                reference: reference.trim().to_string(),
            })?;
        keep_reference("locataire", reference, &t.reference)?;
        let before = self
            .select_tenants(" AND id = ?2", Some(id))?
            .pop()
            .ok_or_else(|| StoreError::Unknown {
                what: "Locataire",
                reference: reference.trim().to_string(),
            })?;
        // L'état n'est jamais saisi : il reflète les locations.
        let leases = self.count_of("SELECT count(*) FROM lease WHERE tenant_id = ?1", id)?;
        t.state = if leases > 0 {
            TenantState::Tenant
        } else {
            TenantState::Candidate
        };
        self.exec(
            "UPDATE tenant SET professional = ?2, civility = ?3, surname = ?4, first_name = ?5, followup_start = ?6,
                state = ?7, alt_street = ?8, alt_postcode = ?9, alt_city = ?10, nur = ?11, birth_date = ?12, email = ?13,
                phone1 = ?14, phone2 = ?15, gdpr_consent = ?16, gdpr_consent_date = ?17, claimant_numbers = ?18
             WHERE id = ?1",
            params![
                id, t.professional, t.civility, t.surname, t.first_name, col::iso(t.followup_start), t.state.code(),
                t.alt_street, t.alt_postcode, t.alt_city, t.nur, col::opt_iso(t.birth_date), t.email, t.phone1,
                t.phone2, t.gdpr_consent, col::opt_iso(t.gdpr_consent_date), t.claimant_numbers()
            ],
        )?;
        self.exec("DELETE FROM benefit_claim WHERE tenant_id = ?1", [id])?;
        for claim in &t.claims {
            self.insert_claim(id, claim)?;
        }
        self.exec(
            "UPDATE third_party SET name = ?2, street = ?3, postcode = ?4, city = ?5, phone = ?6, email = ?7
             WHERE id = ?1",
            params![
                party,
                t.display_name(),
                t.alt_street,
                t.alt_postcode,
                t.alt_city,
                t.phone1,
                t.email
            ],
        )?;
        self.audit(
            "modification",
            "tenant",
            &t.reference,
            &changes(&before, &t),
        )
    }

    fn delete_tenant(&self, reference: &str) -> Result<()> {
        let (id, party): (i64, i64) = self
            .conn
            .prepare_cached(
                "SELECT id, third_party_id FROM tenant WHERE landlord_id = ?1 AND reference = ?2",
            )?
            .query_row(params![self.session.landlord_id, reference.trim()], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?
            .ok_or_else(|| StoreError::Unknown {
                what: "Locataire",
                reference: reference.trim().to_string(),
            })?;
        let reference = reference.trim();
        let leases = self.texts_of(
            "SELECT reference FROM lease WHERE tenant_id = ?1 ORDER BY reference",
            id,
        )?;
        if !leases.is_empty() {
            return Err(refused(
                "suppression",
                format!(
                    "le locataire « {reference} » a {} location(s) ({}) : il ne peut pas être supprimé ; indiquez plutôt la date de sortie de ses locations (son historique reste consultable)",
                    leases.len(),
                    listed(&leases)
                ),
            ));
        }
        let uses = self.third_party_uses(party)?;
        if !uses.is_empty() {
            return Err(refused(
                "suppression",
                format!(
                    "le tiers du locataire « {reference} » sert encore : {} ; le locataire ne peut pas être supprimé",
                    uses.join(" ; ")
                ),
            ));
        }
        self.exec("DELETE FROM benefit_claim WHERE tenant_id = ?1", [id])?;
        self.exec("DELETE FROM tenant WHERE id = ?1", [id])?;
        self.exec("DELETE FROM third_party WHERE id = ?1", [party])?;
        self.audit("suppression", "tenant", reference, "")
    }

    fn tenants(&self) -> Result<Vec<Tenant>> {
        self.select_tenants("", None)
    }
}
