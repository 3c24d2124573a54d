//! L'application de bureau (iced).

use std::path::PathBuf;

/// Base par défaut : la base de démonstration dans le dossier de données de
/// l'utilisateur (`$XDG_DATA_HOME/abri/demo.sqlite`, sinon `~/.local/share/abri/`).
pub fn default_database() -> Result<PathBuf, String> {
    let base = std::env::var_os("XDG_DATA_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local").join("share")))
        .or_else(|| std::env::var_os("APPDATA").map(PathBuf::from))
        .ok_or("impossible de trouver le dossier de données de l'utilisateur : indiquez la base avec --db FICHIER")?;
    let dir = base.join("abri");
    std::fs::create_dir_all(&dir).map_err(|e| format!("impossible de créer « {} » : {e}", dir.display()))?;
    Ok(dir.join("demo.sqlite"))
}

/// Ouvre la fenêtre principale sur la base.
pub fn run(_db: PathBuf, _landlord: Option<String>) -> Result<(), String> {
    Err("interface graphique pas encore branchée".to_string())
}
