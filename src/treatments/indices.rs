//! Catalogue des indices de révision (S12), partagé par tous les bailleurs : import d'un
//! fichier de valeurs trimestrielles (tout ou rien), liste, moyenne sur 4 trimestres de
//! l'ICC (toujours calculée, jamais saisie).

use std::collections::HashMap;

use crate::formats::csv_lists::{self, RowError};
use crate::model::money::round_cents;
use crate::model::{IndexSeries, Money, Quarter, RentIndex};
use crate::store::{IndexSaved, Session, Store, StoreError};
use crate::treatments::import::ImportError;

/// Ce qu'un import d'indices a fait.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct IndicesImported {
    pub added: usize,
    pub corrected: usize,
    pub unchanged: usize,
}

/// Importe un fichier d'indices (`serie;annee;trimestre;valeur[;publication]`) : tout ou
/// rien. Un trimestre en double dans le fichier, une valeur illisible, ou la valeur
/// changée d'un trimestre qui a servi à une révision refusent le fichier en nommant la
/// ligne.
pub fn import_indices(
    store: &mut Store,
    session: &Session,
    bytes: &[u8],
) -> Result<IndicesImported, ImportError> {
    let (text, _) = csv_lists::decode_text(bytes)?;
    let rows = csv_lists::read::<RentIndex>(&text)?;
    refuse_duplicates(&rows)?;
    store.write(session, "import indices", |repo| {
        let mut done = IndicesImported::default();
        for (line, index) in &rows {
            let saved = repo.save_index(index).map_err(|error| match error {
                StoreError::Invalid(problems) if !problems.is_empty() => {
                    ImportError::Row(RowError {
                        line: *line,
                        column: problems[0].field.to_string(),
                        message: problems[0].message.clone(),
                    })
                }
                error => ImportError::Store { line: *line, error },
            })?;
            match saved {
                IndexSaved::Added => done.added += 1,
                IndexSaved::Corrected => done.corrected += 1,
                IndexSaved::Unchanged => done.unchanged += 1,
            }
        }
        Ok(done)
    })
}

/// Un même trimestre d'une série deux fois dans le fichier : la seconde ligne est
/// refusée, avec la première.
fn refuse_duplicates(rows: &[(u64, RentIndex)]) -> Result<(), RowError> {
    let mut seen: HashMap<(&str, Quarter), u64> = HashMap::new();
    for (line, index) in rows {
        let key = (index.series.as_str(), index.quarter_of());
        if let Some(first) = seen.insert(key, *line) {
            return Err(RowError {
                line: *line,
                column: "trimestre".to_string(),
                message: format!(
                    "{} {} figure déjà à la ligne {first}",
                    index.series,
                    index.quarter_of()
                ),
            });
        }
    }
    Ok(())
}

/// Liste CSV du catalogue des indices.
pub fn export_indices(store: &Store, session: &Session) -> Result<String, StoreError> {
    Ok(csv_lists::write(&store.read(session).indices()?))
}

/// Les valeurs d'une série, par trimestre.
pub fn series_values(indices: &[RentIndex], series: IndexSeries) -> HashMap<Quarter, Money> {
    indices
        .iter()
        .filter(|i| i.series == series.code())
        .map(|i| (i.quarter_of(), i.value))
        .collect()
}

/// Moyenne des 4 trimestres qui finissent à `quarter` (ICC, méthode du manuel), au
/// centième de point ; `Err` nomme le premier trimestre absent.
pub fn four_quarter_average(
    values: &HashMap<Quarter, Money>,
    quarter: Quarter,
) -> Result<Money, Quarter> {
    let mut sum = Money::ZERO;
    for q in quarter.last_four() {
        sum += values.get(&q).copied().ok_or(q)?;
    }
    Ok(round_cents(sum / Money::from(4)))
}
