//! Révision des loyers (S12) : conditions de révision des lots et des locations, valeurs
//! d'indices ajoutées ou corrigées, trimestres employés par une révision.

use rusqlite::{params, OptionalExtension};

use super::{col, Result, SqliteRepo, StoreError};
use crate::model::money::from_cents;
use crate::model::{IndexSeries, Invalid, Quarter, RentIndex, RevisionOwner, RevisionTerms};
use crate::store::{IndexSaved, Revisions};

/// Une ligne de `revision_terms` telle qu'elle est lue.
type TermsRow = (
    Option<String>,
    Option<String>,
    String,
    Option<i32>,
    Option<u8>,
    i64,
    Option<String>,
    bool,
    String,
);

fn terms_of(row: TermsRow) -> Result<RevisionTerms> {
    let (unit, lease, series, year, quarter, value, last, auto, dpe_class) = row;
    let owner = match (unit, lease) {
        (Some(unit), _) => RevisionOwner::Unit(unit),
        (None, Some(lease)) => RevisionOwner::Lease(lease),
        (None, None) => {
            return Err(StoreError::Corrupt {
                table: "revision_terms",
                column: "unit_id",
                value: "ni lot ni location".into(),
            })
        }
    };
    let reference = match (year, quarter) {
        (Some(y), Some(q)) => Some(Quarter {
            year: y,
            quarter: q,
        }),
        _ => None,
    };
    Ok(RevisionTerms {
        owner,
        series: col::code("revision_terms", "series", &series, IndexSeries::parse)?,
        reference,
        reference_value: from_cents(value),
        last_revision: col::opt_date("revision_terms", "last_revision", last)?,
        auto,
        dpe_class,
    })
}

impl Revisions for SqliteRepo<'_> {
    fn revision_terms(&self) -> Result<Vec<RevisionTerms>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT u.reference, l.reference, r.series, r.reference_year, r.reference_quarter,
                    r.reference_value, r.last_revision, r.auto, r.dpe_class
             FROM revision_terms r
             LEFT JOIN unit u ON u.id = r.unit_id
             LEFT JOIN lease l ON l.id = r.lease_id
             WHERE r.landlord_id = ?1
             ORDER BY u.reference, l.reference",
        )?;
        let rows = stmt.query_map([self.session.landlord_id], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
                r.get(8)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            out.push(terms_of(row?)?);
        }
        Ok(out)
    }

    fn set_revision_terms(&self, terms: &RevisionTerms) -> Result<()> {
        terms.validate().map_err(StoreError::Invalid)?;
        let (unit_id, lease_id) = match &terms.owner {
            RevisionOwner::Unit(unit) => (Some(self.id_of("unit", "lot", unit)?), None),
            RevisionOwner::Lease(lease) => (None, Some(self.id_of("lease", "location", lease)?)),
        };
        let value = col::cents("revision_terms", "reference_value", terms.reference_value)?;
        let (year, quarter) = match terms.reference {
            Some(q) => (Some(q.year), Some(q.quarter)),
            None => (None, None),
        };
        let params = params![
            self.session.landlord_id,
            unit_id,
            lease_id,
            terms.series.code(),
            year,
            quarter,
            value,
            col::opt_iso(terms.last_revision),
            terms.auto,
            terms.dpe_class
        ];
        let conflict = if unit_id.is_some() {
            "unit_id"
        } else {
            "lease_id"
        };
        self.exec(
            &format!(
                "INSERT INTO revision_terms (landlord_id, unit_id, lease_id, series, reference_year,
                     reference_quarter, reference_value, last_revision, auto, dpe_class)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
                 ON CONFLICT ({conflict}) DO UPDATE SET series = excluded.series,
                     reference_year = excluded.reference_year,
                     reference_quarter = excluded.reference_quarter,
                     reference_value = excluded.reference_value,
                     last_revision = excluded.last_revision, auto = excluded.auto,
                     dpe_class = excluded.dpe_class"
            ),
            params,
        )?;
        Ok(())
    }

    fn save_index(&self, index: &RentIndex) -> Result<IndexSaved> {
        let value = col::cents("rent_index", "value", index.value)?;
        let published = col::opt_iso(index.published);
        let known: Option<(i64, Option<String>, bool)> = self
            .conn
            .query_row(
                "SELECT value_hundredths, published, used FROM rent_index
                 WHERE series = ?1 AND year = ?2 AND quarter = ?3",
                params![index.series, index.year, index.quarter],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let quarter = Quarter {
            year: index.year,
            quarter: index.quarter,
        };
        match known {
            None => {
                self.exec(
                    "INSERT INTO rent_index (series, year, quarter, value_hundredths, published)
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![index.series, index.year, index.quarter, value, published],
                )?;
                Ok(IndexSaved::Added)
            }
            Some((v, p, _)) if v == value && (p == published || published.is_none()) => {
                Ok(IndexSaved::Unchanged)
            }
            Some((v, _, true)) if v != value => Err(StoreError::Invalid(vec![Invalid::new(
                "valeur",
                format!(
                    "l'indice {} {quarter} ({}) a déjà servi à une révision : sa valeur ne change plus",
                    index.series,
                    crate::model::money::format_money(from_cents(v))
                ),
            )])),
            Some(_) => {
                self.exec(
                    "UPDATE rent_index SET value_hundredths = ?4, published = coalesce(?5, published)
                     WHERE series = ?1 AND year = ?2 AND quarter = ?3",
                    params![index.series, index.year, index.quarter, value, published],
                )?;
                Ok(IndexSaved::Corrected)
            }
        }
    }

    fn mark_indices_used(&self, series: &str, quarters: &[Quarter]) -> Result<()> {
        for q in quarters {
            self.exec(
                "UPDATE rent_index SET used = 1 WHERE series = ?1 AND year = ?2 AND quarter = ?3",
                params![series, q.year, q.quarter],
            )?;
        }
        Ok(())
    }
}
