//! Sous-commandes des listes de fiches : `import` et `liste`. Appels minces à
//! `treatments::import`.

use std::path::Path;

use super::{as_table, cli_user, CliError};
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
    let text = std::fs::read_to_string(fichier).map_err(|e| {
        CliError(format!(
            "impossible de lire « {} » : {e} (le fichier doit être en UTF-8)",
            fichier.display()
        ))
    })?;
    let session = store.session(landlord, &cli_user())?;
    let n = import::import(store, &session, entity, &text).map_err(|e| CliError(e.to_string()))?;
    Ok(format!(
        "{n} fiche(s) importée(s) dans la liste {}.\n",
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
