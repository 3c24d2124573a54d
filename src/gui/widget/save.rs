//! Enregistrement d'un fichier (liste CSV, compte rendu, PDF) : un bouton ouvre une zone
//! où le chemin proposé peut être corrigé, puis « Enregistrer » écrit le fichier ;
//! « Parcourir… » ouvre la boîte « Enregistrer sous » du système (`browse`), et le
//! fichier choisi s'écrit aussitôt. Le chemin reste visible et modifiable, et se tape
//! quand le système n'a pas de boîte à offrir.

use std::path::{Path, PathBuf};

use iced::widget::{row, text, text_input};
use iced::{Alignment, Length};

use super::browse::{self, Kind, Request, Slot};
use super::{tool_button, Element};
use crate::gui::{text as wording, theme};

/// Ce que l'utilisateur fait dans la zone d'enregistrement.
#[derive(Debug, Clone)]
pub enum Message {
    /// Ouvre la zone avec le chemin proposé.
    Open(PathBuf),
    Path(String),
    /// « Enregistrer » (ou Entrée dans la zone).
    Confirm,
    Cancel,
    /// « Parcourir… » : demande la boîte du système ; le même message revient, la `Slot`
    /// remplie, quand elle se ferme.
    Browse(Slot),
}

/// État de la zone d'enregistrement.
#[derive(Debug, Clone, Default)]
pub struct SaveBox {
    open: bool,
    path: String,
    outcome: Option<Result<String, String>>,
}

impl SaveBox {
    pub fn new() -> Self {
        SaveBox::default()
    }

    pub fn is_open(&self) -> bool {
        self.open
    }

    pub fn path(&self) -> &str {
        &self.path
    }

    /// Dernier résultat (chemin écrit, ou erreur).
    pub fn outcome(&self) -> Option<&Result<String, String>> {
        self.outcome.as_ref()
    }

    /// Applique un message ; renvoie le chemin à écrire quand l'utilisateur confirme.
    pub fn update(&mut self, message: Message) -> Option<PathBuf> {
        match message {
            Message::Open(path) => {
                self.open = true;
                self.outcome = None;
                self.path = path.display().to_string();
                None
            }
            Message::Path(path) => {
                self.path = path;
                None
            }
            Message::Cancel => {
                self.open = false;
                None
            }
            Message::Browse(slot) => match slot.take() {
                // La boîte a répondu : le fichier choisi s'écrit.
                Some(Some(path)) => {
                    self.path = path.display().to_string();
                    Some(path)
                }
                Some(None) => None,
                None => {
                    match browse::availability() {
                        Ok(()) => browse::ask(
                            slot,
                            Request {
                                kind: Kind::Save,
                                title: wording::SAVE_AS_TITLE,
                                proposed: PathBuf::from(self.path.trim()),
                                filter: None,
                            },
                        ),
                        Err(message) => self.outcome = Some(Err(message)),
                    }
                    None
                }
            },
            Message::Confirm => {
                let path = self.path.trim();
                if path.is_empty() {
                    self.outcome = Some(Err(wording::NO_PATH.to_string()));
                    None
                } else {
                    Some(PathBuf::from(path))
                }
            }
        }
    }

    /// Résultat de l'écriture : la zone se referme si elle a réussi.
    pub fn done(&mut self, result: Result<PathBuf, String>) {
        self.report(result.map(|path| wording::file_written(&path)));
    }

    /// Idem, avec le message de réussite à montrer.
    pub fn report(&mut self, result: Result<String, String>) {
        if result.is_ok() {
            self.open = false;
        }
        self.outcome = Some(result);
    }

    /// Écrit `contents` au chemin confirmé et retient le résultat.
    pub fn write(&mut self, path: PathBuf, contents: &[u8]) {
        let result = write_file(&path, contents).map(|()| path);
        self.done(result);
    }

    /// Bouton (zone fermée) ou zone du chemin, et le dernier résultat.
    pub fn view<'a, M: Clone + 'a, F: Fn(Message) -> M + Clone + 'a>(
        &'a self,
        label: &'a str,
        default: PathBuf,
        map: F,
    ) -> Element<'a, M> {
        let mut line = row![].spacing(theme::SPACE_S).align_y(Alignment::Center);
        if self.open {
            line = line
                .push(
                    text_input(wording::PATH_PLACEHOLDER, &self.path)
                        .on_input({
                            let map = map.clone();
                            move |p| map(Message::Path(p))
                        })
                        .on_submit(map(Message::Confirm))
                        .padding(theme::SPACE_XS + 2.0)
                        .size(theme::TEXT_BODY)
                        .width(Length::Fixed(420.0))
                        .style(theme::field_input(matches!(self.outcome, Some(Err(_))))),
                )
                .push(tool_button(
                    wording::BROWSE,
                    Some(map(Message::Browse(Slot::default()))),
                    theme::secondary_button,
                ))
                .push(tool_button(
                    wording::SAVE_FILE,
                    Some(map(Message::Confirm)),
                    theme::primary_button,
                ))
                .push(tool_button(
                    wording::CANCEL,
                    Some(map(Message::Cancel)),
                    theme::secondary_button,
                ));
        } else {
            line = line.push(tool_button(
                label,
                Some(map(Message::Open(default))),
                theme::secondary_button,
            ));
        }
        match &self.outcome {
            Some(Ok(message)) => line.push(
                text(message.as_str())
                    .size(theme::TEXT_SMALL)
                    .style(theme::success_text),
            ),
            Some(Err(message)) => line.push(
                text(message.as_str())
                    .size(theme::TEXT_SMALL)
                    .style(theme::error_text),
            ),
            None => line,
        }
        .into()
    }
}

/// Écrit un fichier ; l'erreur dit quoi corriger, en français.
pub fn write_file(path: &Path, contents: &[u8]) -> Result<(), String> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        if !parent.is_dir() {
            return Err(wording::no_such_folder(parent));
        }
    }
    std::fs::write(path, contents).map_err(|e| wording::cannot_write(path, &e.to_string()))
}

/// Ouvre un fichier avec le programme du système (visionneuse PDF…), sans attendre.
pub fn open_with_system(path: &Path) -> Result<(), String> {
    let mut command = if cfg!(target_os = "windows") {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else {
        std::process::Command::new("xdg-open")
    };
    command
        .arg(path)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map(|_| ())
        .map_err(|e| wording::cannot_open_file(path, &e.to_string()))
}

/// Dossier proposé pour les fichiers : `~/Documents` s'il existe, sinon le dossier
/// personnel, sinon le dossier temporaire.
pub fn default_folder() -> PathBuf {
    let home = std::env::var_os("HOME")
        .or_else(|| std::env::var_os("USERPROFILE"))
        .map(PathBuf::from);
    match home {
        Some(home) if home.join("Documents").is_dir() => home.join("Documents"),
        Some(home) if home.is_dir() => home,
        _ => std::env::temp_dir(),
    }
}

/// Chemin proposé pour un fichier nommé `stem-AAAA-MM-JJ.ext`.
pub fn default_path(stem: &str, today: chrono::NaiveDate, extension: &str) -> PathBuf {
    default_folder().join(format!("{stem}-{}.{extension}", today.format("%Y-%m-%d")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn confirm_gives_the_typed_path_and_reports_errors() {
        let mut b = SaveBox::new();
        b.update(Message::Open(PathBuf::from("/tmp/a.csv")));
        assert!(b.is_open());
        b.update(Message::Path("/dossier/inexistant/a.csv".into()));
        let path = b.update(Message::Confirm).expect("chemin");
        b.write(path, b"x");
        assert!(matches!(b.outcome(), Some(Err(_))));
        assert!(b.is_open(), "la zone reste ouverte pour corriger");
        b.update(Message::Path(String::new()));
        assert_eq!(b.update(Message::Confirm), None);
    }

    #[test]
    fn the_path_chosen_in_the_system_dialog_is_written() {
        let mut b = SaveBox::new();
        b.update(Message::Open(PathBuf::from("/tmp/a.csv")));
        // La boîte a répondu (la Slot est remplie) : le chemin est pris et confirmé.
        let slot = Slot::default();
        slot.fill(Some(PathBuf::from("/tmp/choisi.csv")));
        assert_eq!(
            b.update(Message::Browse(slot)),
            Some(PathBuf::from("/tmp/choisi.csv"))
        );
        assert_eq!(b.path(), "/tmp/choisi.csv");
        // Abandon : rien ne change.
        let slot = Slot::default();
        slot.fill(None);
        assert_eq!(b.update(Message::Browse(slot)), None);
        assert_eq!(b.path(), "/tmp/choisi.csv");
    }
}
