//! Sous-commandes des listes de fiches : `import` et `liste`. Appels minces à
//! `treatments::import`.

use std::path::Path;

use super::{as_table, cli_user, read_input, CliError};
use crate::store::Store;
use crate::treatments::import::{self, Entity};

/// La liste nommée sur la ligne de commande.
fn entity(name: &str) -> Result<Entity, CliError> {
    Entity::parse(name).ok_or_else(|| {
        CliError(format!(
            "liste « {name} » inconnue ; listes possibles : {}",
            Entity::ALL
                .iter()
                .map(|e| e.name())
                .collect::<Vec<_>>()
                .join(", ")
        ))
    })
}

/// `import LISTE FICHIER.csv` : tout ou rien.
pub fn import(
    store: &mut Store,
    landlord: Option<&str>,
    liste: &str,
    fichier: &Path,
) -> Result<String, CliError> {
    let entity = entity(liste)?;
    let bytes = read_input(fichier)?;
    let session = store.session(landlord, &cli_user())?;
    let imported = import::import_file(store, &session, entity, &bytes)
        .map_err(|e| CliError(e.to_string()))?;
    let note = imported
        .encoding
        .note()
        .map(|n| format!(" ({n})"))
        .unwrap_or_default();
    Ok(format!(
        "{} fiche(s) importée(s) dans la liste {}{note}.\n",
        imported.count,
        entity.name()
    ))
}

/// `liste LISTE [--csv]` : tableau, ou CSV réimportable.
pub fn liste(
    store: &Store,
    landlord: Option<&str>,
    liste: &str,
    csv: bool,
) -> Result<String, CliError> {
    let entity = entity(liste)?;
    let session = store.session(landlord, &cli_user())?;
    let text = import::export(store, &session, entity)?;
    Ok(if csv { text } else { as_table(&text) })
}
