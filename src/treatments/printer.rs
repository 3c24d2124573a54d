//! Envoi d'un PDF à l'imprimante du système (S18) : la commande `lp` de CUPS sous Linux
//! et macOS, le programme associé aux PDF (verbe « Print ») sous Windows. Sans commande
//! d'impression, un message dit d'enregistrer en PDF ; jamais de panique.

use std::io::ErrorKind;
use std::path::Path;
use std::process::Command;

/// La commande qui imprime un fichier : programme et arguments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrintCommand {
    pub program: String,
    pub args: Vec<String>,
}

/// Échec de l'envoi à l'imprimante.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PrinterError {
    #[error("aucune imprimante : la commande {0} est introuvable ; enregistrez en PDF")]
    Missing(String),
    #[error("l'imprimante a refusé le document ({program}) : {detail}")]
    Refused { program: String, detail: String },
    #[error("impossible de lancer l'impression ({program}) : {detail}")]
    Failed { program: String, detail: String },
}

/// La commande d'impression de `path` : sous Windows le programme associé aux PDF par
/// PowerShell (`Start-Process -Verb Print`), ailleurs `lp` (CUPS).
pub fn command_for(path: &Path, windows: bool) -> PrintCommand {
    let file = path.display().to_string();
    if windows {
        // Apostrophes doublées : la chaîne PowerShell entre apostrophes reste entière.
        let quoted = file.replace('\'', "''");
        PrintCommand {
            program: "powershell".to_string(),
            args: vec![
                "-NoProfile".to_string(),
                "-NonInteractive".to_string(),
                "-Command".to_string(),
                format!("Start-Process -FilePath '{quoted}' -Verb Print"),
            ],
        }
    } else {
        PrintCommand {
            program: "lp".to_string(),
            args: vec!["--".to_string(), file],
        }
    }
}

/// La commande d'impression de `path` sur ce système.
pub fn system_command(path: &Path) -> PrintCommand {
    command_for(path, cfg!(windows))
}

/// Lance la commande et attend sa fin ; rend ce qu'elle a écrit (le numéro de la tâche
/// d'impression pour `lp`).
pub fn send(command: &PrintCommand) -> Result<String, PrinterError> {
    let output = Command::new(&command.program)
        .args(&command.args)
        .output()
        .map_err(|e| match e.kind() {
            ErrorKind::NotFound => PrinterError::Missing(command.program.clone()),
            _ => PrinterError::Failed {
                program: command.program.clone(),
                detail: e.to_string(),
            },
        })?;
    if !output.status.success() {
        let detail = String::from_utf8_lossy(&output.stderr).trim().to_string();
        return Err(PrinterError::Refused {
            program: command.program.clone(),
            detail: if detail.is_empty() {
                output.status.to_string()
            } else {
                detail
            },
        });
    }
    Ok(String::from_utf8_lossy(&output.stdout).trim().to_string())
}

/// Envoie chaque fichier à l'imprimante, dans l'ordre ; s'arrête au premier refus.
pub fn print_files(paths: &[impl AsRef<Path>]) -> Result<Vec<String>, PrinterError> {
    paths
        .iter()
        .map(|p| send(&system_command(p.as_ref())))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lp_receives_the_file_after_a_double_dash() {
        let c = command_for(Path::new("/tmp/-avis 2026.pdf"), false);
        assert_eq!(c.program, "lp");
        assert_eq!(c.args, vec!["--", "/tmp/-avis 2026.pdf"]);
    }

    #[test]
    fn windows_prints_with_the_default_pdf_program() {
        let c = command_for(Path::new(r"C:\Avis\l'été.pdf"), true);
        assert_eq!(c.program, "powershell");
        assert_eq!(
            c.args.last().map(String::as_str),
            Some(r"Start-Process -FilePath 'C:\Avis\l''été.pdf' -Verb Print")
        );
    }

    #[test]
    fn a_missing_command_says_to_save_as_pdf() {
        let c = PrintCommand {
            program: "abri-lp-absent".to_string(),
            args: vec!["--".to_string(), "x.pdf".to_string()],
        };
        assert_eq!(
            send(&c),
            Err(PrinterError::Missing("abri-lp-absent".to_string()))
        );
        assert_eq!(
            PrinterError::Missing("lp".to_string()).to_string(),
            "aucune imprimante : la commande lp est introuvable ; enregistrez en PDF"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_refusal_is_reported_with_what_the_command_said() {
        let c = PrintCommand {
            program: "sh".to_string(),
            args: vec![
                "-c".to_string(),
                "echo 'pas de file' >&2; exit 1".to_string(),
            ],
        };
        assert_eq!(
            send(&c),
            Err(PrinterError::Refused {
                program: "sh".to_string(),
                detail: "pas de file".to_string()
            })
        );
    }
}
