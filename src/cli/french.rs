//! Les textes de clap en français : intitulés de l'aide (`--help`), options d'aide et
//! de version, et erreurs d'utilisation, traduites ici en un seul endroit
//! (`usage_error`) à partir du genre de l'erreur et de son contexte.

use std::ffi::OsString;

use clap::builder::Styles;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, CommandFactory, FromArgMatches};

use super::Cli;

/// Modèle de l'aide de chaque commande : « Utilisation » au lieu de « Usage » ; les
/// intitulés « Arguments » et « Options » de clap sont déjà français, celui des
/// commandes est changé par `subcommand_help_heading`.
const HELP_TEMPLATE: &str =
    "{before-help}{about-with-newline}\nUtilisation : {usage}\n\n{all-args}{after-help}";

/// Ce que la ligne de commande demande.
#[derive(Debug)]
pub enum Parsed {
    /// Une commande à exécuter (ou aucune : l'application graphique).
    Run(Box<Cli>),
    /// L'aide ou la version, à afficher sur la sortie standard (code de sortie 0).
    Shown(String),
    /// Une erreur d'utilisation, déjà en français, pour la sortie d'erreur.
    Refused(String),
}

/// La description clap de `abri`, en français.
pub fn command() -> clap::Command {
    french(Cli::command()).disable_version_flag(true).arg(
        Arg::new("version")
            .short('V')
            .long("version")
            .action(ArgAction::Version)
            .help("Affiche la version"),
    )
}

/// Lit les arguments (le premier est le nom du programme).
pub fn parse<I, T>(args: I) -> Parsed
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let matches = match command().try_get_matches_from(args) {
        Ok(matches) => matches,
        Err(error) => return from_error(&error),
    };
    match Cli::from_arg_matches(&matches) {
        Ok(cli) => Parsed::Run(Box::new(cli)),
        Err(error) => from_error(&error),
    }
}

/// Réglages d'une commande et, récursivement, de ses sous-commandes.
fn french(command: clap::Command) -> clap::Command {
    command
        .help_template(HELP_TEMPLATE)
        .styles(Styles::plain())
        .disable_help_flag(true)
        .disable_help_subcommand(true)
        .subcommand_help_heading("Commandes")
        .subcommand_value_name("COMMANDE")
        .arg(
            Arg::new("aide")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help("Affiche cette aide"),
        )
        .mut_args(negative_amounts)
        .mut_subcommands(french)
}

/// Un montant peut commencer par « - » (`--montant -10,50`) : sans cela clap y verrait
/// une option. Le signe est ensuite contrôlé par la commande (montant positif…).
fn negative_amounts(arg: Arg) -> Arg {
    let is_amount = arg
        .get_value_names()
        .is_some_and(|names| names.iter().any(|n| n.as_str() == "MONTANT"));
    let arg = if is_amount {
        arg.allow_hyphen_values(true)
    } else {
        arg
    };
    // Une valeur par défaut vide n'apprend rien : l'aide ne l'affiche pas.
    let empty_default = arg.get_default_values().iter().all(|v| v.is_empty())
        && !arg.get_default_values().is_empty();
    arg.hide_default_value(empty_default)
}

fn from_error(error: &clap::Error) -> Parsed {
    match error.kind() {
        ErrorKind::DisplayHelp => Parsed::Shown(help_text(error)),
        ErrorKind::DisplayVersion => Parsed::Shown(error.render().to_string()),
        // `abri piece` sans action : l'aide de `piece`, sur la sortie d'erreur.
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => Parsed::Refused(format!(
            "abri : commande incomplète, choisissez-en une ci-dessous.\n\n{}",
            help_text(error)
        )),
        _ => Parsed::Refused(usage_error(error)),
    }
}

/// L'aide rendue par clap, avec les mentions qu'il écrit lui-même entre crochets
/// (valeur par défaut, valeurs possibles, alias) mises en français.
fn help_text(error: &clap::Error) -> String {
    let text = error
        .render()
        .to_string()
        .replace("[default: ", "[par défaut : ")
        .replace("[possible values: ", "[valeurs possibles : ")
        .replace("[aliases: ", "[autres noms : ")
        .replace("[alias: ", "[autre nom : ");
    format!("{}\n", text.trim_end())
}

/// Texte d'un contexte de l'erreur.
fn text(error: &clap::Error, kind: ContextKind) -> String {
    match error.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join(", "),
        Some(ContextValue::StyledStr(s)) => s.to_string(),
        Some(ContextValue::Number(n)) => n.to_string(),
        _ => String::new(),
    }
}

/// Liste « « a », « b » » d'un contexte à plusieurs valeurs.
fn quoted_list(error: &clap::Error, kind: ContextKind) -> String {
    match error.get(kind) {
        Some(ContextValue::Strings(v)) => v
            .iter()
            .map(|s| format!("« {s} »"))
            .collect::<Vec<_>>()
            .join(", "),
        Some(ContextValue::String(s)) => format!("« {s} »"),
        _ => String::new(),
    }
}

/// Une erreur d'utilisation de clap, en français : ce qui ne va pas, la suggestion de
/// clap s'il en a une, puis la forme de la commande et où trouver l'aide.
pub fn usage_error(error: &clap::Error) -> String {
    let arg = text(error, ContextKind::InvalidArg);
    let value = text(error, ContextKind::InvalidValue);
    let mut message = match error.kind() {
        ErrorKind::InvalidValue if value.is_empty() => {
            format!("une valeur est attendue après « {arg} »")
        }
        ErrorKind::InvalidValue => {
            let mut m = format!("valeur « {value} » refusée pour « {arg} »");
            let valid = quoted_list(error, ContextKind::ValidValue);
            if !valid.is_empty() {
                m.push_str(&format!(" (valeurs possibles : {valid})"));
            }
            m
        }
        ErrorKind::ValueValidation => {
            format!("valeur « {value} » refusée pour « {arg} »{}", reason(error))
        }
        ErrorKind::UnknownArgument => unknown_argument(&arg),
        ErrorKind::InvalidSubcommand => format!(
            "commande inconnue « {} »",
            text(error, ContextKind::InvalidSubcommand)
        ),
        ErrorKind::MissingRequiredArgument => {
            let several = matches!(
                error.get(ContextKind::InvalidArg),
                Some(ContextValue::Strings(v)) if v.len() > 1
            );
            format!(
                "{} : {}",
                if several {
                    "arguments obligatoires manquants"
                } else {
                    "argument obligatoire manquant"
                },
                quoted_list(error, ContextKind::InvalidArg)
            )
        }
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let command = text(error, ContextKind::InvalidSubcommand);
            let mut m = if command.is_empty() {
                "commande incomplète".to_string()
            } else {
                format!("« {command} » attend une commande")
            };
            let valid = quoted_list(error, ContextKind::ValidSubcommand);
            if !valid.is_empty() {
                m.push_str(&format!(" : {valid}"));
            }
            m
        }
        ErrorKind::ArgumentConflict => conflict(error, &arg),
        ErrorKind::NoEquals => format!("écrivez la valeur de « {arg} » après un « = »"),
        ErrorKind::TooManyValues => {
            format!("valeur « {value} » en trop après « {arg} »")
        }
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => format!(
            "« {arg} » attend {} valeur(s), {} donnée(s)",
            text(error, ContextKind::MinValues) + &text(error, ContextKind::ExpectedNumValues),
            text(error, ContextKind::ActualNumValues)
        ),
        ErrorKind::InvalidUtf8 => {
            "un argument contient des octets qui ne sont pas du texte UTF-8".to_string()
        }
        _ => "ligne de commande illisible".to_string(),
    };
    if let Some(suggestion) = suggestion(error) {
        message.push_str(&format!(" ; {suggestion}"));
    }
    let usage = text(error, ContextKind::Usage).replace("Usage:", "Utilisation :");
    let mut out = format!("abri : {message}\n");
    if !usage.is_empty() {
        out.push_str(&format!("\n{usage}\n"));
    }
    out.push_str("\nPour l'aide, ajoutez --help à la commande.\n");
    out
}

/// Un argument inattendu ; un nombre négatif donné sans `=` est expliqué.
fn unknown_argument(arg: &str) -> String {
    let negative = arg
        .strip_prefix('-')
        .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()));
    if negative {
        format!(
            "argument inattendu « {arg} » : un nombre négatif se colle à son option par un « = » (par exemple --montant={arg})"
        )
    } else {
        format!("argument inattendu « {arg} »")
    }
}

/// Deux arguments qui s'excluent, ou un argument donné deux fois.
fn conflict(error: &clap::Error, arg: &str) -> String {
    let prior = text(error, ContextKind::PriorArg);
    if prior.is_empty() || prior == arg {
        format!("« {arg} » ne peut être donné qu'une fois")
    } else {
        format!(
            "« {arg} » ne peut pas être employé avec {}",
            quoted_list(error, ContextKind::PriorArg)
        )
    }
}

/// Raison d'un refus de valeur, quand elle est connue (les conversions des nombres).
fn reason(error: &clap::Error) -> String {
    use std::error::Error as _;
    use std::num::IntErrorKind;
    let Some(source) = error.source() else {
        return String::new();
    };
    match source
        .downcast_ref::<std::num::ParseIntError>()
        .map(|e| e.kind())
    {
        Some(IntErrorKind::PosOverflow) | Some(IntErrorKind::NegOverflow) => {
            " : nombre trop grand".to_string()
        }
        Some(IntErrorKind::Empty) => " : un nombre est attendu".to_string(),
        Some(_) => " : un nombre entier positif est attendu (chiffres seulement)".to_string(),
        None => String::new(),
    }
}

/// La suggestion de clap (« vouliez-vous dire … »), s'il en a une.
fn suggestion(error: &clap::Error) -> Option<String> {
    [
        ContextKind::SuggestedSubcommand,
        ContextKind::SuggestedArg,
        ContextKind::SuggestedValue,
    ]
    .into_iter()
    .map(|kind| quoted_list(error, kind))
    .find(|s| !s.is_empty())
    .map(|s| format!("vouliez-vous dire {s} ?"))
}
