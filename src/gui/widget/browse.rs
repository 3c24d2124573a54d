//! Boîtes de dialogue natives « Ouvrir » et « Enregistrer sous » (rfd), lancées dans une
//! tâche d'iced : la fenêtre ne se bloque jamais. Sous Linux, rfd passe par le portail
//! XDG (D-Bus de la session, libdbus chargée à l'exécution), puis par zenity ; sans l'un
//! ni l'autre (serveur X virtuel, pas de session D-Bus), on le dit en français et la zone
//! du chemin reste là pour le taper.
//!
//! Une zone d'enregistrement (`save::SaveBox`) peut être au fond de n'importe quelle
//! fenêtre ou boîte, et ses messages ne rendent pas de tâche. Son bouton « Parcourir… »
//! porte donc une `Slot` : la zone y inscrit sa demande (`ask`), l'application la prend
//! après chaque message (`take_request`), lance la boîte et, à sa fermeture, renvoie le
//! même message, dont la `Slot` porte alors le chemin choisi.

use std::cell::RefCell;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use iced::Task;

use crate::gui::text as wording;

/// Ce que la boîte demande.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Un fichier existant.
    Open,
    /// Un fichier à écrire (nouveau ou remplacé).
    Save,
    /// Un dossier.
    Folder,
}

/// Une boîte à ouvrir : sa nature, son titre, le chemin proposé, et le filtre des fichiers
/// (nom, extensions) s'il y en a un.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub kind: Kind,
    pub title: &'static str,
    pub proposed: PathBuf,
    pub filter: Option<(&'static str, &'static [&'static str])>,
}

/// Le sélecteur du système peut-il s'ouvrir ici ? Sinon, le message à montrer.
pub fn availability() -> Result<(), String> {
    support(|name| std::env::var_os(name), on_path("zenity"))
}

/// Règle de `availability` : sous Linux et les BSD, il faut une session D-Bus (variable
/// `DBUS_SESSION_BUS_ADDRESS`, ou la socket `$XDG_RUNTIME_DIR/bus`) pour le portail, ou
/// zenity ; Windows et macOS ont toujours le leur.
pub fn support(env: impl Fn(&str) -> Option<OsString>, zenity: bool) -> Result<(), String> {
    if cfg!(any(target_os = "windows", target_os = "macos")) || zenity {
        return Ok(());
    }
    let address = env("DBUS_SESSION_BUS_ADDRESS").is_some_and(|a| !a.is_empty());
    let socket = env("XDG_RUNTIME_DIR")
        .map(|dir| Path::new(&dir).join("bus"))
        .is_some_and(|bus| bus.exists());
    if address || socket {
        Ok(())
    } else {
        Err(wording::NO_FILE_DIALOG.to_string())
    }
}

/// Un programme de ce nom est-il dans le `PATH` ?
fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
}

/// Ouvre la boîte et rend le chemin choisi (`None` : abandon).
pub async fn choose(request: Request) -> Option<PathBuf> {
    let mut dialog = rfd::AsyncFileDialog::new().set_title(request.title);
    let folder = match request.kind {
        Kind::Folder => Some(request.proposed.as_path()),
        Kind::Open | Kind::Save => request.proposed.parent(),
    };
    if let Some(folder) = folder.filter(|f| f.is_dir()) {
        dialog = dialog.set_directory(folder);
    }
    if let Some((name, extensions)) = request.filter {
        dialog = dialog.add_filter(name, extensions);
    }
    let name = request
        .proposed
        .file_name()
        .map(|n| n.to_string_lossy().into_owned());
    let handle = match request.kind {
        Kind::Open => dialog.pick_file().await,
        Kind::Save => {
            if let Some(name) = name {
                dialog = dialog.set_file_name(name);
            }
            dialog.save_file().await
        }
        Kind::Folder => dialog.pick_folder().await,
    };
    handle.map(|h| h.path().to_path_buf())
}

/// La tâche d'iced qui ouvre la boîte puis rend `done(chemin)`.
pub fn task<M: Send + 'static>(
    request: Request,
    done: impl FnOnce(Option<PathBuf>) -> M + Send + 'static,
) -> Task<M> {
    Task::perform(choose(request), done)
}

/// Où revient le chemin choisi, partagé entre un message et sa copie renvoyée à la
/// fermeture de la boîte : vide tant que la boîte n'a pas répondu.
#[derive(Clone, Default)]
pub struct Slot(Arc<Mutex<Option<Option<PathBuf>>>>);

impl std::fmt::Debug for Slot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Slot")
    }
}

impl Slot {
    /// Inscrit la réponse de la boîte (`None` : abandon).
    pub fn fill(&self, picked: Option<PathBuf>) {
        if let Ok(mut answer) = self.0.lock() {
            *answer = Some(picked);
        }
    }

    /// La réponse, si la boîte a répondu (prise une seule fois).
    pub fn take(&self) -> Option<Option<PathBuf>> {
        self.0.lock().ok().and_then(|mut answer| answer.take())
    }
}

thread_local! {
    /// La demande faite pendant le message en cours (le fil de l'interface).
    static PENDING: RefCell<Option<(Slot, Request)>> = const { RefCell::new(None) };
}

/// Demande l'ouverture d'une boîte, dont la réponse ira dans `slot`.
pub fn ask(slot: Slot, request: Request) {
    PENDING.with(|p| *p.borrow_mut() = Some((slot, request)));
}

/// La demande faite pendant le dernier message, s'il y en a une.
pub fn take_request() -> Option<(Slot, Request)> {
    PENDING.with(|p| p.borrow_mut().take())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_system_dialog_needs_a_session_bus_or_zenity_on_linux() {
        if cfg!(any(target_os = "windows", target_os = "macos")) {
            return;
        }
        let none = |_: &str| None;
        assert_eq!(
            support(none, false),
            Err(wording::NO_FILE_DIALOG.to_string())
        );
        assert_eq!(support(none, true), Ok(()));
        let bus = |name: &str| {
            (name == "DBUS_SESSION_BUS_ADDRESS").then(|| OsString::from("unix:path=/run/bus"))
        };
        assert_eq!(support(bus, false), Ok(()));
        let empty = |name: &str| (name == "DBUS_SESSION_BUS_ADDRESS").then(OsString::new);
        assert!(support(empty, false).is_err());
    }

    #[test]
    fn a_request_is_taken_once_and_the_slot_carries_the_answer() {
        let slot = Slot::default();
        let request = Request {
            kind: Kind::Save,
            title: "x",
            proposed: PathBuf::from("/tmp/a.csv"),
            filter: None,
        };
        ask(slot.clone(), request.clone());
        let (taken, asked) = take_request().expect("demande");
        assert_eq!(asked, request);
        assert!(take_request().is_none());
        assert_eq!(slot.take(), None, "pas encore de réponse");
        taken.fill(Some(PathBuf::from("/tmp/b.csv")));
        assert_eq!(slot.take(), Some(Some(PathBuf::from("/tmp/b.csv"))));
        assert_eq!(slot.take(), None, "prise une seule fois");
    }
}
