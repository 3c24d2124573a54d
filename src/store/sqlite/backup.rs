//! Sauvegarde : copie de la base entière dans un autre fichier, par l'API de sauvegarde
//! en ligne de SQLite (copie cohérente même pendant que l'application l'utilise).

use std::path::Path;
use std::time::Duration;

use rusqlite::backup::Backup;
use rusqlite::Connection;

use super::{Result, Store};
use crate::model::StoreError;

/// Pages copiées par étape de la sauvegarde.
const PAGES_PER_STEP: std::os::raw::c_int = 1024;

impl Store {
    /// Copie toute la base (tous les bailleurs) dans le fichier `path`, qu'elle remplace ;
    /// refuse d'écrire sur le fichier de la base ouverte.
    pub fn backup_to(&self, path: &Path) -> Result<()> {
        let failed = |reason: String| StoreError::Backup {
            path: path.display().to_string(),
            reason,
        };
        if let Some(own) = &self.path {
            let same = match (own.canonicalize(), path.canonicalize()) {
                (Ok(a), Ok(b)) => a == b,
                _ => own == path,
            };
            if same {
                return Err(failed("c'est le fichier de la base ouverte".to_string()));
            }
        }
        let mut target = Connection::open(path).map_err(|e| failed(e.to_string()))?;
        let backup = Backup::new(&self.conn, &mut target).map_err(|e| failed(e.to_string()))?;
        backup
            .run_to_completion(PAGES_PER_STEP, Duration::ZERO, None)
            .map_err(|e| failed(e.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_open_file_is_never_overwritten() {
        let dir = tempfile::tempdir().expect("dossier");
        let source = dir.path().join("base.sqlite");
        let store = Store::open(&source).expect("base");
        let error = store.backup_to(&source).expect_err("refusé");
        assert!(error.to_string().contains("base ouverte"), "{error}");
    }
}
