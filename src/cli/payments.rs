//! Sous-commandes des règlements : `reglement saisir|importer`, `remise imprimer`,
//! `impayes`. Appels minces à `treatments::payments` et `treatments::unpaid`.

use std::path::PathBuf;

use clap::Subcommand;

use super::{as_table, cli_user, read_input, CliError};
use crate::documents::{self, Document};
use crate::formats::csv_lists::decode_text;
use crate::formats::payments_csv::read_payments;
use crate::model::dates::{format_date, parse_date};
use crate::model::money::parse_money;
use crate::model::PaymentMode;
use crate::store::Store;
use crate::treatments::payments::{
    apply_payments, deposit_slip, format_line_errors, plan_payments, PaymentError, PaymentInput,
    PaymentOptions, PaymentPlan, PaymentSnapshot, DEFAULT_TEMPLATE,
};
use crate::treatments::unpaid::{load_unpaid, unpaid_csv};

// Arguments lus une fois par lancement : la taille de la variante ne coûte rien.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum ReglementAction {
    /// Saisit un règlement : ventilation sur les comptes débiteurs du locataire dans
    /// l'ordre du modèle, surplus au crédit du loyer, contrepartie en banque.
    Saisir {
        /// Locataire (ou --lot : le locataire de la location en cours sur le lot).
        #[arg(long, value_name = "REF")]
        locataire: Option<String>,
        /// Lot (facultatif) : donne le locataire de sa location en cours.
        #[arg(long, value_name = "REF")]
        lot: Option<String>,
        /// Montant du règlement, ex. 1 000,00.
        #[arg(long, value_name = "MONTANT")]
        montant: String,
        /// Mode : cheque, especes, virement, prelevement (par défaut celui de la location).
        #[arg(long, value_name = "MODE")]
        mode: Option<String>,
        /// Date de valeur (jj/mm/aaaa), après le dernier avis du locataire.
        #[arg(long, value_name = "DATE")]
        date_valeur: String,
        /// Date du règlement (obligatoire pour un chèque ; sinon la date de valeur).
        #[arg(long, value_name = "DATE")]
        date_reglement: Option<String>,
        /// Référence : numéro du chèque, du virement…
        #[arg(long, value_name = "TEXTE", default_value = "")]
        reference: String,
        /// Banque tirée du chèque (imprimée sur le bordereau de remise).
        #[arg(long, value_name = "NOM", default_value = "")]
        banque: String,
        /// Organisme payeur (CAF, FSL…) qui règle pour le locataire.
        #[arg(long, value_name = "REF")]
        organisme: Option<String>,
        /// Modèle comptable (Loc_REGL par défaut ; Loc_REMB pour un remboursement).
        #[arg(long, value_name = "MODELE", default_value = DEFAULT_TEMPLATE)]
        modele: String,
        /// Journal de trésorerie (par défaut celui du modèle, BQ).
        #[arg(long, value_name = "REF", default_value = "")]
        journal: String,
        /// Numéro de remise (par défaut : automatique par date de valeur et mode).
        #[arg(long, value_name = "NUMERO", default_value = "")]
        remise: String,
        /// Pas de numéro de remise automatique.
        #[arg(long)]
        sans_remise_auto: bool,
        /// Ne pas mettre à jour le mode de règlement de la location.
        #[arg(long)]
        sans_maj_mode: bool,
        /// Affiche la pièce et le compte rendu sans rien enregistrer.
        #[arg(long)]
        simulation: bool,
    },
    /// Importe un lot de règlements (CSV `;` : remise;date_valeur;lot;locataire;montant;
    /// mode;date_reglement;reference;banque;modele;organisme) : tous ou aucun.
    Importer {
        #[arg(value_name = "FICHIER.csv")]
        fichier: PathBuf,
        /// Pas de numéro de remise automatique.
        #[arg(long)]
        sans_remise_auto: bool,
        /// Ne pas mettre à jour le mode de règlement des locations.
        #[arg(long)]
        sans_maj_mode: bool,
        /// Affiche le compte rendu sans rien enregistrer.
        #[arg(long)]
        simulation: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum RemiseAction {
    /// Imprime le bordereau de remise en banque d'une remise (chèques, espèces, total).
    Imprimer {
        /// Numéro de la remise (ex. R20260311-CHQ-01).
        #[arg(long, value_name = "NUMERO")]
        numero: String,
        /// Fichier PDF à écrire.
        #[arg(short = 'o', value_name = "FICHIER.pdf")]
        sortie: PathBuf,
    },
}

fn options(sans_remise_auto: bool, sans_maj_mode: bool) -> PaymentOptions {
    PaymentOptions {
        auto_batch: !sans_remise_auto,
        update_lease_mode: !sans_maj_mode,
    }
}

/// Dans une saisie en ligne de commande, « colonne « date_reglement » » se dit
/// « --date-reglement ».
fn as_option(message: &str) -> String {
    match message
        .strip_prefix("colonne « ")
        .and_then(|rest| rest.split_once(" »"))
    {
        Some((column, rest)) => format!("--{}{rest}", column.replace('_', "-")),
        None => message.to_string(),
    }
}

fn opt_date(option: &str, text: Option<&str>) -> Result<Option<chrono::NaiveDate>, CliError> {
    text.map(|t| parse_date(t).map_err(|m| CliError(format!("{option} : {m}"))))
        .transpose()
}

/// Planifie puis, hors simulation, enregistre ; renvoie le compte rendu.
fn run_plan(
    store: &mut Store,
    landlord: Option<&str>,
    inputs: &[PaymentInput],
    options: PaymentOptions,
    simulation: bool,
    single: bool,
) -> Result<String, CliError> {
    let session = store.session(landlord, &cli_user())?;
    let refused = |errors: Vec<(usize, String)>| {
        if single {
            // Une seule saisie : pas de numéro de ligne, les options parlent d'elles-mêmes.
            CliError(
                errors
                    .into_iter()
                    .map(|(_, m)| as_option(&m))
                    .collect::<Vec<_>>()
                    .join("\n"),
            )
        } else {
            CliError(format!(
                "aucun règlement enregistré :\n{}",
                format_line_errors(&errors)
            ))
        }
    };
    let plan: PaymentPlan = {
        let repo = store.read(&session);
        let snap = PaymentSnapshot::load(&repo, inputs)?;
        plan_payments(&snap, inputs, options).map_err(refused)?
    };
    if simulation {
        return Ok(format!(
            "{}Simulation : rien n'a été enregistré.\n",
            plan.report()
        ));
    }
    let numbers = apply_payments(store, &session, &plan).map_err(|e| match e {
        PaymentError::Invalid(errors) => refused(errors),
        other => CliError(other.to_string()),
    })?;
    Ok(format!(
        "{}Pièce(s) enregistrée(s) : {}.\n",
        plan.report(),
        numbers.join(", ")
    ))
}

pub fn reglement(
    store: &mut Store,
    landlord: Option<&str>,
    action: &ReglementAction,
) -> Result<String, CliError> {
    match action {
        ReglementAction::Saisir {
            locataire,
            lot,
            montant,
            mode,
            date_valeur,
            date_reglement,
            reference,
            banque,
            organisme,
            modele,
            journal,
            remise,
            sans_remise_auto,
            sans_maj_mode,
            simulation,
        } => {
            let input = PaymentInput {
                line: 1,
                batch_no: remise.trim().to_string(),
                value_date: Some(
                    parse_date(date_valeur)
                        .map_err(|m| CliError(format!("--date-valeur : {m}")))?,
                ),
                unit: lot.clone(),
                tenant: locataire.clone(),
                amount: parse_money(montant).map_err(|m| CliError(format!("--montant : {m}")))?,
                mode: mode
                    .as_deref()
                    .map(PaymentMode::parse)
                    .transpose()
                    .map_err(|m| CliError(format!("--mode : {m}")))?,
                payment_date: opt_date("--date-reglement", date_reglement.as_deref())?,
                reference: reference.clone(),
                bank: banque.clone(),
                template: modele.clone(),
                payer: organisme.clone(),
                journal: journal.clone(),
            };
            run_plan(
                store,
                landlord,
                &[input],
                options(*sans_remise_auto, *sans_maj_mode),
                *simulation,
                true,
            )
        }
        ReglementAction::Importer {
            fichier,
            sans_remise_auto,
            sans_maj_mode,
            simulation,
        } => {
            let (text, _) = decode_text(&read_input(fichier)?).map_err(|e| {
                CliError(format!(
                    "{} : {e} ; aucun règlement enregistré",
                    fichier.display()
                ))
            })?;
            let inputs = read_payments(&text).map_err(|e| {
                CliError(format!(
                    "{} : {e} ; aucun règlement enregistré",
                    fichier.display()
                ))
            })?;
            run_plan(
                store,
                landlord,
                &inputs,
                options(*sans_remise_auto, *sans_maj_mode),
                *simulation,
                false,
            )
        }
    }
}

pub fn remise(
    store: &Store,
    landlord: Option<&str>,
    action: &RemiseAction,
) -> Result<String, CliError> {
    let session = store.session(landlord, &cli_user())?;
    match action {
        RemiseAction::Imprimer { numero, sortie } => {
            let slip =
                deposit_slip(store, &session, numero).map_err(|e| CliError(e.to_string()))?;
            let letterhead = documents::letterhead_of(&store.landlord(&session)?, None);
            let summary = format!(
                "Bordereau de la remise {} du {} : {} chèque(s), {} versement(s) en espèces, total {}.\n",
                slip.batch_no,
                format_date(slip.date),
                slip.cheques.len(),
                slip.cash.len(),
                crate::model::money::format_money(slip.total())
            );
            let pdf = documents::pdf::render(&[Document::DepositSlip(slip)], &letterhead)
                .map_err(|e| CliError(e.to_string()))?;
            std::fs::write(sortie, pdf).map_err(|e| {
                CliError(format!(
                    "impossible d'écrire « {} » : {e}",
                    sortie.display()
                ))
            })?;
            Ok(format!("{summary}PDF écrit dans {}.\n", sortie.display()))
        }
    }
}

pub fn impayes(
    store: &Store,
    landlord: Option<&str>,
    au: Option<&str>,
    csv: bool,
) -> Result<String, CliError> {
    let at = match au {
        Some(text) => parse_date(text).map_err(|m| CliError(format!("--au : {m}")))?,
        None => chrono::Local::now().date_naive(),
    };
    let session = store.session(landlord, &cli_user())?;
    let rows = load_unpaid(&store.read(&session), at)?;
    let text = unpaid_csv(&rows);
    Ok(if csv {
        text
    } else {
        format!("Impayés au {} :\n{}", format_date(at), as_table(&text))
    })
}
