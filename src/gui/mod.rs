//! L'application de bureau (iced).

pub mod app;
pub mod db;
pub mod menus;
pub mod screen;
pub mod text;
pub mod theme;
pub mod widget;

use std::path::PathBuf;

use crate::store::Store;

pub use app::App;

/// Utilisateur inscrit dans le journal d'audit pour ce qui est fait depuis la fenêtre.
pub(crate) const USER: &str = "gui";

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
    std::fs::create_dir_all(&dir)
        .map_err(|e| format!("impossible de créer « {} » : {e}", dir.display()))?;
    Ok(dir.join("demo.sqlite"))
}

/// Ouvre la fenêtre principale sur la base. Une base sans bailleur (premier démarrage)
/// reçoit d'abord les données de démonstration.
pub fn run(db: PathBuf, landlord: Option<String>) -> Result<(), String> {
    app::check_display()?;
    let mut store = Store::open(&db).map_err(|e| text::cannot_open(&db, &e.to_string()))?;
    let landlords = store
        .landlords()
        .map_err(|e| text::cannot_open(&db, &e.to_string()))?;
    if landlords.is_empty() {
        crate::treatments::demo::create_demo(&mut store, USER)
            .map_err(|e| text::cannot_create_demo(&e.to_string()))?;
    }
    let session = store
        .session(landlord.as_deref(), USER)
        .map_err(|e| text::cannot_open_session(&e.to_string()))?;
    let mut app = App::load(store, session, db)?;
    // Fenêtre ouverte au démarrage (captures d'écran : ABRI_FENETRE=ecritures…).
    if let Some(window) = std::env::var("ABRI_FENETRE")
        .ok()
        .and_then(|slug| app::Window::from_slug(slug.trim()))
    {
        app.open_window(window);
        if let Some(reference) = std::env::var("ABRI_OUVRIR")
            .ok()
            .filter(|r| !r.trim().is_empty())
        {
            let tab = std::env::var("ABRI_ONGLET")
                .ok()
                .and_then(|t| t.trim().parse::<usize>().ok());
            app.open_record(reference.trim(), tab);
        }
    }
    let startup = match std::env::var("ABRI_ACTION") {
        Ok(action) => app.perform(action.trim()),
        Err(_) => iced::Task::none(),
    };
    app::run(app, startup)
}
