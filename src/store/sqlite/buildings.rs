//! Immeubles et lots.
//!
//! Une fiche enregistrée se modifie (sa référence, son identité, ne change pas) et ne se
//! supprime que si rien n'y renvoie ; sinon le refus dit quoi faire à la place (fin de
//! gestion, sortie…). Les clés étrangères de SQLite restent le dernier filet.

use rusqlite::params;

use super::{col, Result, SqliteRepo, StoreError};
use crate::model::{Building, Invalid, Unit, UnitKind};
use crate::store::*;

/// Refus d'une modification ou d'une suppression, en français, avec ce qu'il faut faire.
pub(super) fn refused(field: &'static str, message: impl Into<String>) -> StoreError {
    StoreError::Invalid(vec![Invalid::new(field, message)])
}

/// La référence est l'identité d'une fiche : une modification la garde.
pub(super) fn keep_reference(what: &str, stored: &str, given: &str) -> Result<()> {
    if stored.trim() == given.trim() {
        Ok(())
    } else {
        Err(refused(
            "reference",
            format!(
                "la référence d'une fiche enregistrée ne change pas ({what} « {} », pas « {} ») : créez une nouvelle fiche si une autre référence est nécessaire",
                stored.trim(),
                given.trim()
            ),
        ))
    }
}

/// Quelques références d'une liste, pour un message (« A, B, C et 4 autre(s) »).
pub(super) fn listed(references: &[String]) -> String {
    const SHOWN: usize = 5;
    let mut text = references
        .iter()
        .take(SHOWN)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if references.len() > SHOWN {
        text.push_str(&format!(" et {} autre(s)", references.len() - SHOWN));
    }
    text
}

/// Ce qui a changé entre deux états d'une fiche, pour le journal d'audit.
pub(super) fn changes<T: std::fmt::Debug>(before: &T, after: &T) -> String {
    let before = format!("{before:#?}");
    let after = format!("{after:#?}");
    let old: Vec<&str> = before.lines().map(str::trim).collect();
    let new: Vec<&str> = after.lines().map(str::trim).collect();
    let gone: Vec<&str> = old.iter().filter(|l| !new.contains(l)).copied().collect();
    let came: Vec<&str> = new.iter().filter(|l| !old.contains(l)).copied().collect();
    if gone.is_empty() && came.is_empty() {
        "aucun changement".to_string()
    } else {
        format!("avant : {} | après : {}", gone.join(" "), came.join(" "))
    }
}

impl SqliteRepo<'_> {
    /// Références (ou autres textes) rendues par une requête à un paramètre : l'identifiant
    /// de la fiche dont on cherche les usages.
    pub(super) fn texts_of(&self, sql: &str, id: i64) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        let rows = stmt.query_map([id], |r| r.get::<_, String>(0))?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Nombre rendu par une requête à un paramètre.
    pub(super) fn count_of(&self, sql: &str, id: i64) -> Result<i64> {
        Ok(self
            .conn
            .prepare_cached(sql)?
            .query_row([id], |r| r.get(0))?)
    }

    /// Pièces et écritures du bailleur qui portent un code analytique.
    fn analytic_uses(&self, code: &str) -> Result<i64> {
        if code.trim().is_empty() {
            return Ok(0);
        }
        let sql = "SELECT (SELECT count(*) FROM voucher WHERE landlord_id = ?1 AND analytic = ?2)
                        + (SELECT count(*) FROM entry WHERE landlord_id = ?1 AND analytic = ?2)";
        Ok(self
            .conn
            .prepare_cached(sql)?
            .query_row(params![self.session.landlord_id, code.trim()], |r| r.get(0))?)
    }

    /// Refuse de changer un code analytique que des écritures portent déjà.
    fn keep_used_analytic(&self, what: &str, reference: &str, old: &str, new: &str) -> Result<()> {
        if old.trim() == new.trim() {
            return Ok(());
        }
        let used = self.analytic_uses(old)?;
        if used > 0 {
            return Err(refused(
                "analytique",
                format!(
                    "{used} pièce(s) ou écriture(s) portent déjà l'analytique « {} » de {what} « {reference} » : il ne change plus (les comptes analytiques seraient coupés en deux)",
                    old.trim()
                ),
            ));
        }
        Ok(())
    }

    fn select_buildings(&self, condition: &str, id: Option<i64>) -> Result<Vec<Building>> {
        let sql = format!(
            "SELECT b.reference, b.start_date, b.end_date, b.analytic, b.street, b.postcode, b.city, s.reference, b.real_rights_holder
             FROM building b LEFT JOIN third_party s ON s.id = b.syndic_id
             WHERE b.landlord_id = ?1{condition} ORDER BY b.reference"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = match id {
            Some(id) => stmt.query(params![self.session.landlord_id, id])?,
            None => stmt.query([self.session.landlord_id])?,
        };
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            out.push(Building {
                reference: r.get(0)?,
                start_date: col::date("building", "start_date", &r.get::<_, String>(1)?)?,
                end_date: col::opt_date("building", "end_date", r.get(2)?)?,
                analytic: r.get(3)?,
                street: r.get(4)?,
                postcode: r.get(5)?,
                city: r.get(6)?,
                syndic: r.get(7)?,
                real_rights_holder: r.get(8)?,
            });
        }
        Ok(out)
    }

    fn select_units(&self, condition: &str, id: Option<i64>) -> Result<Vec<Unit>> {
        let sql = format!(
            "SELECT u.reference, b.reference, u.start_date, u.end_date, u.nature, u.usage, u.form, u.analytic,
                    u.access_building, u.staircase, u.floor, u.door, u.kind, u.living_area_cm2, u.size, u.foyer,
                    u.rpls_id, u.dgfip_invariant, u.available, u.unavailable_reason, u.reference_rent, u.reference_charges
             FROM unit u JOIN building b ON b.id = u.building_id
             WHERE u.landlord_id = ?1{condition} ORDER BY u.reference"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = match id {
            Some(id) => stmt.query(params![self.session.landlord_id, id])?,
            None => stmt.query([self.session.landlord_id])?,
        };
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let kind: String = r.get(12)?;
            out.push(Unit {
                reference: r.get(0)?,
                building: r.get(1)?,
                start_date: col::date("unit", "start_date", &r.get::<_, String>(2)?)?,
                end_date: col::opt_date("unit", "end_date", r.get(3)?)?,
                nature: r.get(4)?,
                usage: r.get(5)?,
                form: r.get(6)?,
                analytic: r.get(7)?,
                access_building: r.get(8)?,
                staircase: r.get(9)?,
                floor: r.get(10)?,
                door: r.get(11)?,
                kind: col::code("unit", "kind", &kind, UnitKind::parse)?,
                living_area: r
                    .get::<_, Option<i64>>(13)?
                    .map(crate::model::money::from_cents),
                size: r.get(14)?,
                foyer: r.get(15)?,
                rpls_id: r.get(16)?,
                dgfip_invariant: r.get(17)?,
                available: r.get(18)?,
                unavailable_reason: r.get(19)?,
                reference_rent: crate::model::money::from_cents(r.get(20)?),
                reference_charges: crate::model::money::from_cents(r.get(21)?),
            });
        }
        Ok(out)
    }
}

impl Buildings for SqliteRepo<'_> {
    fn insert_building(&self, building: &Building) -> Result<()> {
        let b = building.clone().with_defaults();
        b.validate()?;
        self.ensure_new("building", "Immeuble", &b.reference)?;
        let syndic = self.opt_id_of("third_party", "Syndic (tiers)", b.syndic.as_deref())?;
        self.exec(
            "INSERT INTO building (landlord_id, reference, start_date, end_date, analytic, street, postcode, city, syndic_id, real_rights_holder)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                self.session.landlord_id, b.reference, col::iso(b.start_date), col::opt_iso(b.end_date), b.analytic,
                b.street, b.postcode, b.city, syndic, b.real_rights_holder
            ],
        )?;
        self.audit("ajout", "building", &b.reference, "")
    }

    fn update_building(&self, reference: &str, building: &Building) -> Result<()> {
        let b = building.clone().with_defaults();
        b.validate()?;
        let id = self.id_of("building", "Immeuble", reference)?;
        keep_reference("immeuble", reference, &b.reference)?;
        let before = self
            .select_buildings(" AND b.id = ?2", Some(id))?
            .pop()
            .ok_or_else(|| StoreError::Unknown {
                what: "Immeuble",
                reference: reference.trim().to_string(),
            })?;
        self.keep_used_analytic("l'immeuble", &b.reference, &before.analytic, &b.analytic)?;
        let syndic = self.opt_id_of("third_party", "Syndic (tiers)", b.syndic.as_deref())?;
        self.exec(
            "UPDATE building SET start_date = ?2, end_date = ?3, analytic = ?4, street = ?5, postcode = ?6, city = ?7,
                syndic_id = ?8, real_rights_holder = ?9
             WHERE id = ?1",
            params![
                id, col::iso(b.start_date), col::opt_iso(b.end_date), b.analytic, b.street, b.postcode, b.city,
                syndic, b.real_rights_holder
            ],
        )?;
        self.audit(
            "modification",
            "building",
            &b.reference,
            &changes(&before, &b),
        )
    }

    fn delete_building(&self, reference: &str) -> Result<()> {
        let id = self.id_of("building", "Immeuble", reference)?;
        let reference = reference.trim();
        let units = self.texts_of(
            "SELECT reference FROM unit WHERE building_id = ?1 ORDER BY reference",
            id,
        )?;
        if !units.is_empty() {
            return Err(refused(
                "suppression",
                format!(
                    "l'immeuble « {reference} » a {} lot(s) ({}) : il ne peut pas être supprimé ; indiquez plutôt une fin de gestion (ou supprimez d'abord ses lots s'ils ont été créés par erreur)",
                    units.len(),
                    listed(&units)
                ),
            ));
        }
        let analytic: String =
            self.conn
                .query_row("SELECT analytic FROM building WHERE id = ?1", [id], |r| {
                    r.get(0)
                })?;
        let used = self.analytic_uses(&analytic)?;
        if used > 0 {
            return Err(refused(
                "suppression",
                format!(
                    "{used} pièce(s) ou écriture(s) portent l'analytique « {analytic} » de l'immeuble « {reference} » : il ne peut pas être supprimé ; indiquez plutôt une fin de gestion"
                ),
            ));
        }
        let keys = self.count_of(
            "SELECT count(*) FROM allocation_key WHERE building_id = ?1",
            id,
        )?;
        self.delete_keys_of_building(id)?;
        self.exec("DELETE FROM building WHERE id = ?1", [id])?;
        let detail = if keys > 0 {
            format!("avec ses {keys} clé(s) de répartition")
        } else {
            String::new()
        };
        self.audit("suppression", "building", reference, &detail)
    }

    fn buildings(&self) -> Result<Vec<Building>> {
        self.select_buildings("", None)
    }

    fn insert_unit(&self, unit: &Unit) -> Result<()> {
        let u = Unit {
            reference: unit.reference.trim().to_string(),
            ..unit.clone()
        };
        u.validate()?;
        self.ensure_new("unit", "Lot", &u.reference)?;
        let building = self.id_of("building", "Immeuble", &u.building)?;
        let area = u
            .living_area
            .map(|a| col::cents("unit", "living_area", a))
            .transpose()?;
        self.exec(
            "INSERT INTO unit (landlord_id, reference, building_id, start_date, end_date, nature, usage, form, analytic,
                access_building, staircase, floor, door, kind, living_area_cm2, size, foyer, rpls_id, dgfip_invariant,
                available, unavailable_reason, reference_rent, reference_charges)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23)",
            params![
                self.session.landlord_id, u.reference, building, col::iso(u.start_date), col::opt_iso(u.end_date),
                u.nature, u.usage, u.form, u.analytic, u.access_building, u.staircase, u.floor, u.door, u.kind.code(),
                area, u.size, u.foyer, u.rpls_id, u.dgfip_invariant, u.available, u.unavailable_reason,
                col::cents("unit", "reference_rent", u.reference_rent)?,
                col::cents("unit", "reference_charges", u.reference_charges)?
            ],
        )?;
        self.audit("ajout", "unit", &u.reference, "")
    }

    fn update_unit(&self, reference: &str, unit: &Unit) -> Result<()> {
        let u = Unit {
            reference: unit.reference.trim().to_string(),
            ..unit.clone()
        };
        u.validate()?;
        let id = self.id_of("unit", "Lot", reference)?;
        keep_reference("lot", reference, &u.reference)?;
        let before = self
            .select_units(" AND u.id = ?2", Some(id))?
            .pop()
            .ok_or_else(|| StoreError::Unknown {
                what: "Lot",
                reference: reference.trim().to_string(),
            })?;
        self.keep_used_analytic("du lot", &u.reference, &before.analytic, &u.analytic)?;
        let building = self.id_of("building", "Immeuble", &u.building)?;
        let old_building: i64 =
            self.conn
                .query_row("SELECT building_id FROM unit WHERE id = ?1", [id], |r| {
                    r.get(0)
                })?;
        // Rattaché à un autre immeuble, le lot n'a plus de tantièmes sur les clés de l'ancien.
        let dropped = if old_building != building {
            self.drop_unit_shares(id, old_building)?
        } else {
            Vec::new()
        };
        let area = u
            .living_area
            .map(|a| col::cents("unit", "living_area", a))
            .transpose()?;
        self.exec(
            "UPDATE unit SET building_id = ?2, start_date = ?3, end_date = ?4, nature = ?5, usage = ?6, form = ?7,
                analytic = ?8, access_building = ?9, staircase = ?10, floor = ?11, door = ?12, kind = ?13,
                living_area_cm2 = ?14, size = ?15, foyer = ?16, rpls_id = ?17, dgfip_invariant = ?18, available = ?19,
                unavailable_reason = ?20, reference_rent = ?21, reference_charges = ?22
             WHERE id = ?1",
            params![
                id, building, col::iso(u.start_date), col::opt_iso(u.end_date), u.nature, u.usage, u.form, u.analytic,
                u.access_building, u.staircase, u.floor, u.door, u.kind.code(), area, u.size, u.foyer, u.rpls_id,
                u.dgfip_invariant, u.available, u.unavailable_reason,
                col::cents("unit", "reference_rent", u.reference_rent)?,
                col::cents("unit", "reference_charges", u.reference_charges)?
            ],
        )?;
        let mut detail = changes(&before, &u);
        if !dropped.is_empty() {
            detail.push_str(&format!(
                " | tantièmes retirés des clés {} de l'immeuble {}",
                dropped.join(", "),
                before.building
            ));
        }
        self.audit("modification", "unit", &u.reference, &detail)
    }

    fn delete_unit(&self, reference: &str) -> Result<()> {
        let id = self.id_of("unit", "Lot", reference)?;
        let reference = reference.trim();
        let leases = self.texts_of(
            "SELECT reference FROM lease WHERE unit_id = ?1 ORDER BY reference",
            id,
        )?;
        if !leases.is_empty() {
            return Err(refused(
                "suppression",
                format!(
                    "le lot « {reference} » a {} location(s) ({}) : il ne peut pas être supprimé ; indiquez plutôt une fin de gestion, ou décochez « Disponible » avec un motif",
                    leases.len(),
                    listed(&leases)
                ),
            ));
        }
        let analytic: String =
            self.conn
                .query_row("SELECT analytic FROM unit WHERE id = ?1", [id], |r| {
                    r.get(0)
                })?;
        let used = self.analytic_uses(&analytic)?;
        if used > 0 {
            return Err(refused(
                "suppression",
                format!(
                    "{used} pièce(s) ou écriture(s) portent l'analytique « {analytic} » du lot « {reference} » : il ne peut pas être supprimé ; indiquez plutôt une fin de gestion"
                ),
            ));
        }
        let building: i64 =
            self.conn
                .query_row("SELECT building_id FROM unit WHERE id = ?1", [id], |r| {
                    r.get(0)
                })?;
        self.drop_unit_shares(id, building)?;
        self.exec("DELETE FROM unit WHERE id = ?1", [id])?;
        self.audit("suppression", "unit", reference, "")
    }

    fn units(&self) -> Result<Vec<Unit>> {
        self.select_units("", None)
    }
}
