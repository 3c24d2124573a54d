//! Le binaire `abri` : sans sous-commande l'application graphique, sinon la ligne de
//! commande. Aucune logique ici.

use std::process::ExitCode;

use clap::Parser;

use abri::cli::{self, Cli};

fn main() -> ExitCode {
    let args = Cli::parse();
    let db = match args.db.clone() {
        Some(path) => path,
        None => match abri::gui::default_database() {
            Ok(path) => path,
            Err(message) => {
                eprintln!("abri : {message}");
                return ExitCode::FAILURE;
            }
        },
    };
    match &args.command {
        None => match abri::gui::run(db, args.bailleur) {
            Ok(()) => ExitCode::SUCCESS,
            Err(message) => {
                eprintln!("abri : {message}");
                ExitCode::FAILURE
            }
        },
        Some(command) => match cli::run(&db, args.bailleur.as_deref(), command) {
            Ok(text) => {
                print!("{text}");
                ExitCode::SUCCESS
            }
            Err(error) => {
                eprintln!("abri : {error}");
                ExitCode::FAILURE
            }
        },
    }
}
