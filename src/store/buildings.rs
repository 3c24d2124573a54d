//! Immeubles et lots.

use rusqlite::params;

use super::{col, Repo, Result};
use crate::model::{Building, Unit, UnitKind};

impl Repo<'_> {
    /// Ajoute un immeuble (valeurs par défaut complétées, fiche validée).
    pub fn insert_building(&self, building: &Building) -> Result<()> {
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

    /// Immeubles du bailleur, par référence.
    pub fn buildings(&self) -> Result<Vec<Building>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT b.reference, b.start_date, b.end_date, b.analytic, b.street, b.postcode, b.city, s.reference, b.real_rights_holder
             FROM building b LEFT JOIN third_party s ON s.id = b.syndic_id
             WHERE b.landlord_id = ?1 ORDER BY b.reference",
        )?;
        let mut rows = stmt.query([self.session.landlord_id])?;
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

    /// Ajoute un lot rattaché à un immeuble existant.
    pub fn insert_unit(&self, unit: &Unit) -> Result<()> {
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

    /// Lots du bailleur, par référence.
    pub fn units(&self) -> Result<Vec<Unit>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT u.reference, b.reference, u.start_date, u.end_date, u.nature, u.usage, u.form, u.analytic,
                    u.access_building, u.staircase, u.floor, u.door, u.kind, u.living_area_cm2, u.size, u.foyer,
                    u.rpls_id, u.dgfip_invariant, u.available, u.unavailable_reason, u.reference_rent, u.reference_charges
             FROM unit u JOIN building b ON b.id = u.building_id
             WHERE u.landlord_id = ?1 ORDER BY u.reference",
        )?;
        let mut rows = stmt.query([self.session.landlord_id])?;
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
