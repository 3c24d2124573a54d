//! Liste CSV des clés de répartition (S11) : une ligne par lot d'une clé, l'en-tête de la
//! clé (immeuble, code, libellé, ordre, total) répété sur chaque ligne, comme la liste des
//! modèles. Une clé sans tantièmes s'écrit sur une ligne au lot vide.

use super::csv_lists::{CsvList, Row, RowError};
use crate::model::{AllocationKey, Invalid, UnitShare};

/// Une ligne de la liste des clés.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyRow {
    /// La clé, sans ses tantièmes.
    pub key: AllocationKey,
    /// Le lot de la ligne et ses tantièmes (aucun : clé sans tantièmes).
    pub share: Option<UnitShare>,
}

impl CsvList for KeyRow {
    const NAME: &'static str = "cles";
    const COLUMNS: &'static [&'static str] = &[
        "immeuble",
        "cle",
        "libelle",
        "ordre",
        "total",
        "lot",
        "tantiemes",
    ];
    const REQUIRED: &'static [&'static str] = &["immeuble", "cle", "libelle", "total"];

    fn from_row(r: &Row) -> Result<Self, Invalid> {
        let share = match r.opt_text("lot") {
            None => None,
            Some(unit) => {
                let shares: i64 = r.number("tantiemes")?;
                if shares < 0 {
                    return Err(Invalid::new(
                        "tantiemes",
                        format!("les tantièmes du lot « {unit} » ne peuvent pas être négatifs, {shares} saisis"),
                    ));
                }
                Some(UnitShare { unit, shares })
            }
        };
        Ok(KeyRow {
            key: AllocationKey {
                building: r.required("immeuble")?,
                code: r.required("cle")?,
                label: r.required("libelle")?,
                order: r.opt_number("ordre")?.unwrap_or(0),
                total_shares: r.number("total")?,
                shares: Vec::new(),
            },
            share,
        })
    }

    fn to_row(&self) -> Vec<String> {
        let k = &self.key;
        vec![
            k.building.clone(),
            k.code.clone(),
            k.label.clone(),
            k.order.to_string(),
            k.total_shares.to_string(),
            self.share
                .as_ref()
                .map(|s| s.unit.clone())
                .unwrap_or_default(),
            self.share
                .as_ref()
                .map(|s| s.shares.to_string())
                .unwrap_or_default(),
        ]
    }
}

fn row_error(line: u64, column: &str, message: String) -> RowError {
    RowError {
        line,
        column: column.to_string(),
        message,
    }
}

/// Regroupe les lignes en clés (par immeuble et code), chacune avec la ligne où elle
/// commence. Refusés, en nommant la ligne : un lot deux fois dans une clé, un en-tête de
/// clé (libellé, ordre, total) qui diffère de sa première ligne.
pub fn group_keys(rows: Vec<(u64, KeyRow)>) -> Result<Vec<(u64, AllocationKey)>, RowError> {
    let mut out: Vec<(u64, AllocationKey)> = Vec::new();
    for (line, row) in rows {
        let same = |k: &AllocationKey| k.building == row.key.building && k.code == row.key.code;
        let at = match out.iter().position(|(_, k)| same(k)) {
            Some(at) => at,
            None => {
                out.push((line, row.key.clone()));
                out.len() - 1
            }
        };
        let (first, key) = &mut out[at];
        let header = |k: &AllocationKey| (k.label.clone(), k.order, k.total_shares);
        if header(key) != header(&row.key) {
            return Err(row_error(
                line,
                "",
                format!(
                    "la clé « {} » de l'immeuble « {} » a un autre libellé, ordre ou total qu'à la ligne {first}",
                    key.code, key.building
                ),
            ));
        }
        if let Some(share) = row.share {
            if key.shares.iter().any(|s| s.unit == share.unit) {
                return Err(row_error(
                    line,
                    "lot",
                    format!(
                        "le lot « {} » figure deux fois dans la clé « {} »",
                        share.unit, key.code
                    ),
                ));
            }
            key.shares.push(share);
        }
    }
    Ok(out)
}

/// Met à plat des clés pour les écrire en liste.
pub fn flatten_keys(keys: &[AllocationKey]) -> Vec<KeyRow> {
    keys.iter()
        .flat_map(|k| {
            let header = AllocationKey {
                shares: Vec::new(),
                ..k.clone()
            };
            let shares: Vec<Option<UnitShare>> = if k.shares.is_empty() {
                vec![None]
            } else {
                k.shares.iter().cloned().map(Some).collect()
            };
            shares.into_iter().map(move |share| KeyRow {
                key: header.clone(),
                share,
            })
        })
        .collect()
}
