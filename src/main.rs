//! Le binaire `abri` : sans sous-commande l'application graphique, sinon la ligne de
//! commande. Aucune logique ici.

use std::process::ExitCode;

use abri::cli::{self, Parsed};

fn main() -> ExitCode {
    let args = match cli::parse(std::env::args_os()) {
        Parsed::Run(args) => args,
        Parsed::Shown(text) => {
            print!("{text}");
            return ExitCode::SUCCESS;
        }
        Parsed::Refused(text) => {
            eprint!("{text}");
            return ExitCode::FAILURE;
        }
    };
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
