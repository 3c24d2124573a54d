//! Sous-commandes des avis et documents des locataires : `avis generer|liste|supprimer|
//! imprimer|marquer`, `quittance`, `depot-garantie appeler`, `facture`, `avoir`. Appels
//! minces à `treatments::notices`, `treatments::deposit` et `treatments::print`.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Subcommand};

use super::{cli_user, CliError};
use crate::documents;
use crate::model::dates::{format_date, parse_date};
use crate::model::money::{format_money, format_money_plain, parse_money};
use crate::model::{DocumentKind, TenantDocument};
use crate::store::{DocumentFilter, Store};
use crate::treatments::deposit::{self, OneOffRequest};
use crate::treatments::notices::{self, NoticeOptions};
use crate::treatments::print::{self, Output, PrintWhat};

#[derive(Debug, Subcommand)]
pub enum AvisAction {
    /// Génère les avis d'échéance d'une période (toutes les locations, ou --location).
    Generer {
        /// Mois de la période : AAAA-MM (ou MM/AAAA).
        #[arg(long, value_name = "AAAA-MM")]
        periode: String,
        /// Date de valeur comptable des avis (jj/mm/aaaa ou AAAA-MM-JJ).
        #[arg(long, value_name = "DATE")]
        date_valeur: String,
        /// Location visée (répétable) ; par défaut toutes.
        #[arg(long = "location", value_name = "REF")]
        locations: Vec<String>,
        /// Message imprimé sur tous les avis.
        #[arg(long, value_name = "TEXTE", default_value = "")]
        message: String,
        /// Vérification uniquement : le compte rendu, sans rien enregistrer.
        #[arg(long)]
        simulation: bool,
        /// Compte rendu en CSV.
        #[arg(long)]
        csv: bool,
    },
    /// Liste les documents (avis, appels de dépôt, factures, avoirs).
    Liste {
        #[command(flatten)]
        selection: Selection,
        /// Sortie CSV.
        #[arg(long)]
        csv: bool,
    },
    /// Supprime des documents et leurs pièces (un avis : seulement le dernier de sa
    /// location ; les autres : tant qu'aucun avis ne les suit).
    Supprimer {
        #[arg(value_name = "NUMERO", required = true)]
        numeros: Vec<String>,
    },
    /// Imprime les documents choisis en PDF.
    Imprimer {
        #[command(flatten)]
        selection: Selection,
        #[command(flatten)]
        sortie: Sortie,
        /// Coche l'indicateur « avis imprimé » des documents imprimés.
        #[arg(long)]
        marquer: bool,
    },
    /// Enregistre le message propre à un document, imprimé sur lui seul.
    Message {
        #[arg(value_name = "NUMERO")]
        numero: String,
        #[arg(value_name = "TEXTE")]
        texte: String,
    },
    /// Coche (ou décoche avec --non) l'indicateur d'impression des documents choisis.
    Marquer {
        #[command(flatten)]
        selection: Selection,
        /// L'indicateur de la quittance plutôt que celui de l'avis.
        #[arg(long)]
        quittance: bool,
        /// Décoche au lieu de cocher.
        #[arg(long)]
        non: bool,
    },
}

/// Sélection des documents (fenêtre Avis).
#[derive(Debug, Args)]
pub struct Selection {
    /// Numéros de documents ; sans numéro, tous ceux du filtre.
    #[arg(value_name = "NUMERO")]
    pub numeros: Vec<String>,
    /// Mois de la période : AAAA-MM.
    #[arg(long, value_name = "AAAA-MM")]
    pub periode: Option<String>,
    #[arg(long, value_name = "REF")]
    pub locataire: Option<String>,
    #[arg(long, value_name = "REF")]
    pub location: Option<String>,
    /// avis | depot | facture | avoir
    #[arg(long, value_name = "NATURE")]
    pub document: Option<String>,
}

/// Sortie PDF : un fichier, ou un fichier par locataire dans un dossier.
#[derive(Debug, Args)]
pub struct Sortie {
    /// Fichier PDF unique.
    #[arg(short = 'o', long = "sortie", value_name = "FICHIER.pdf")]
    pub fichier: Option<PathBuf>,
    /// Un PDF par locataire dans ce dossier (envoi par courrier ou courriel).
    #[arg(long, value_name = "DOSSIER")]
    pub par_locataire: Option<PathBuf>,
    /// Dossier des textes du bailleur (logo.txt, accueil.txt, mentions.txt, logo.png) ;
    /// par défaut ceux livrés dans assets/documents.
    #[arg(long, value_name = "DOSSIER")]
    pub textes: Option<PathBuf>,
}

/// Le dialogue commun aux appels de dépôt, factures et avoirs.
#[derive(Debug, Args)]
pub struct OneOffArgs {
    #[arg(long, value_name = "REF")]
    pub location: String,
    /// Montant (complémentaire pour un dépôt si des dépôts ont déjà été appelés).
    #[arg(long, value_name = "MONTANT")]
    pub montant: String,
    /// Date de valeur (par défaut : début de la location pour un dépôt, aujourd'hui sinon).
    #[arg(long, value_name = "DATE")]
    pub date_valeur: Option<String>,
    /// Référence imprimée sur le document (obligatoire pour une facture ou un avoir).
    #[arg(long, value_name = "TEXTE", default_value = "")]
    pub reference: String,
    /// Règlement par échéances : montant de chaque échéance.
    #[arg(long, value_name = "MONTANT")]
    pub echeance: Option<String>,
    /// Date du premier avis qui rappelle l'échéance.
    #[arg(long, value_name = "DATE")]
    pub premiere_echeance: Option<String>,
    #[arg(long, value_name = "TEXTE", default_value = "")]
    pub message: String,
    /// Affiche le document et la pièce sans rien enregistrer.
    #[arg(long)]
    pub simulation: bool,
}

#[derive(Debug, Subcommand)]
pub enum DepotAction {
    /// Appelle le dépôt de garantie d'une location (pièce Loc_FACT DG).
    Appeler(OneOffArgs),
}

/// Lit un mois « AAAA-MM » ou « MM/AAAA » : son premier jour.
pub fn parse_month(text: &str) -> Result<NaiveDate, CliError> {
    let t = text.trim();
    let (year, month) = if let Some((m, y)) = t.split_once('/') {
        (y, m)
    } else if let Some((y, m)) = t.split_once('-') {
        (y, m)
    } else {
        ("", "")
    };
    year.parse::<i32>()
        .ok()
        .zip(month.parse::<u32>().ok())
        .and_then(|(y, m)| NaiveDate::from_ymd_opt(y, m, 1))
        .filter(|d| (1900..=2200).contains(&chrono::Datelike::year(d)))
        .ok_or_else(|| {
            CliError(format!(
                "--periode : « {t} » n'est pas un mois valide (attendu AAAA-MM, ex. 2026-03)"
            ))
        })
}

fn date_arg(option: &str, text: &str) -> Result<NaiveDate, CliError> {
    parse_date(text).map_err(|m| CliError(format!("{option} : {m}")))
}

fn filter_of(selection: &Selection) -> Result<DocumentFilter, CliError> {
    let month = selection.periode.as_deref().map(parse_month).transpose()?;
    let kind = selection
        .document
        .as_deref()
        .map(DocumentKind::parse)
        .transpose()
        .map_err(|m| CliError(format!("--document : {m}")))?;
    Ok(DocumentFilter {
        kind,
        lease: selection.location.clone(),
        tenant: selection.locataire.clone(),
        from: month,
        to: month.and_then(|m| crate::model::dates::period_end(m, 1)),
        numbers: (!selection.numeros.is_empty()).then(|| selection.numeros.clone()),
        limit: None,
    })
}

fn output_of(sortie: &Sortie) -> Result<Output, CliError> {
    match (&sortie.fichier, &sortie.par_locataire) {
        (Some(f), None) => Ok(Output::One(f.clone())),
        (None, Some(d)) => Ok(Output::PerTenant(d.clone())),
        _ => Err(CliError(
            "indiquez soit -o FICHIER.pdf, soit --par-locataire DOSSIER".to_string(),
        )),
    }
}

/// `avis …`
pub fn avis(
    store: &mut Store,
    landlord: Option<&str>,
    action: &AvisAction,
) -> Result<String, CliError> {
    let session = store.session(landlord, &cli_user())?;
    match action {
        AvisAction::Generer {
            periode,
            date_valeur,
            locations,
            message,
            simulation,
            csv,
        } => {
            let options = NoticeOptions {
                period: parse_month(periode)?,
                value_date: date_arg("--date-valeur", date_valeur)?,
                leases: (!locations.is_empty()).then(|| locations.clone()),
                run_message: message.clone(),
            };
            let run = notices::run(store, &session, &options, *simulation)
                .map_err(|e| CliError(e.to_string()))?;
            if *csv {
                return Ok(notices::report_csv(&run.plan));
            }
            let mut out = notices::report_text(&run.plan);
            if *simulation {
                out.push_str("Vérification uniquement : aucun avis enregistré.\n");
            } else {
                out.push_str(&format!("{} avis enregistré(s).\n", run.created.len()));
            }
            Ok(out)
        }
        AvisAction::Liste { selection, csv } => {
            let docs = store.read(&session).documents(&filter_of(selection)?)?;
            Ok(if *csv {
                documents_csv(&docs)
            } else {
                documents_table(&docs)
            })
        }
        AvisAction::Supprimer { numeros } => {
            store
                .write(&session, "suppression de documents", |repo| {
                    for n in numeros {
                        notices::delete_document(repo, n)?;
                    }
                    Ok::<(), notices::NoticeError>(())
                })
                .map_err(|e| CliError(e.to_string()))?;
            Ok(format!(
                "{} document(s) supprimé(s) avec leur pièce.\n",
                numeros.len()
            ))
        }
        AvisAction::Imprimer {
            selection,
            sortie,
            marquer,
        } => {
            let output = output_of(sortie)?;
            let printables = print::collect(
                &store.read(&session),
                &filter_of(selection)?,
                PrintWhat::Documents,
            )
            .map_err(|e| CliError(e.to_string()))?;
            let letterhead = letterhead(store, &session, sortie)?;
            let files = print::write_pdf(&printables, &letterhead, &output)
                .map_err(|e| CliError(e.to_string()))?;
            if *marquer {
                let numbers: Vec<String> = printables.iter().map(|p| p.number.clone()).collect();
                store.write(&session, "avis imprimés", |repo| {
                    repo.set_printed(&numbers, false, true)
                })?;
            }
            Ok(printed(printables.len(), &files))
        }
        AvisAction::Message { numero, texte } => {
            store.write(&session, "message d'un document", |repo| {
                repo.set_document_message(numero, texte)
            })?;
            Ok(format!(
                "Message du document {} enregistré.\n",
                numero.trim()
            ))
        }
        AvisAction::Marquer {
            selection,
            quittance,
            non,
        } => {
            let numbers: Vec<String> = store
                .read(&session)
                .documents(&filter_of(selection)?)?
                .into_iter()
                .map(|d| d.number)
                .collect();
            let changed = store.write(&session, "indicateurs d'impression", |repo| {
                repo.set_printed(&numbers, *quittance, !*non)
            })?;
            Ok(format!("{changed} document(s) mis à jour.\n"))
        }
    }
}

/// `quittance …` : quittances (avis entièrement réglés) et reçus (réglés en partie).
pub fn quittance(
    store: &mut Store,
    landlord: Option<&str>,
    selection: &Selection,
    au: Option<&str>,
    sortie: &Sortie,
    marquer: bool,
) -> Result<String, CliError> {
    let session = store.session(landlord, &cli_user())?;
    let at = match au {
        Some(text) => date_arg("--au", text)?,
        None => chrono::Local::now().date_naive(),
    };
    let output = output_of(sortie)?;
    let mut filter = filter_of(selection)?;
    filter.kind = Some(DocumentKind::Notice);
    let printables = print::collect(&store.read(&session), &filter, PrintWhat::Receipts { at })
        .map_err(|e| CliError(e.to_string()))?;
    let letterhead = letterhead(store, &session, sortie)?;
    let files =
        print::write_pdf(&printables, &letterhead, &output).map_err(|e| CliError(e.to_string()))?;
    if marquer {
        let numbers: Vec<String> = printables.iter().map(|p| p.number.clone()).collect();
        store.write(&session, "quittances imprimées", |repo| {
            repo.set_printed(&numbers, true, true)
        })?;
    }
    let full = printables
        .iter()
        .filter(|p| matches!(&p.document, documents::Document::Receipt(r) if r.full))
        .count();
    Ok(format!(
        "{full} quittance(s) et {} reçu(s) au {}.\n{}",
        printables.len() - full,
        format_date(at),
        printed(printables.len(), &files)
    ))
}

/// `depot-garantie appeler`, `facture`, `avoir`.
pub fn one_off(
    store: &mut Store,
    landlord: Option<&str>,
    kind: DocumentKind,
    args: &OneOffArgs,
) -> Result<String, CliError> {
    let session = store.session(landlord, &cli_user())?;
    let value_date = match &args.date_valeur {
        Some(text) => date_arg("--date-valeur", text)?,
        None if kind == DocumentKind::DepositCall => store
            .read(&session)
            .leases()?
            .into_iter()
            .find(|l| l.reference == args.location.trim())
            .map(|l| l.start_date)
            .ok_or_else(|| CliError(format!("location « {} » inconnue", args.location.trim())))?,
        None => chrono::Local::now().date_naive(),
    };
    let amount = parse_money(&args.montant).map_err(|m| CliError(format!("--montant : {m}")))?;
    let instalments = match (&args.echeance, &args.premiere_echeance) {
        (Some(a), Some(d)) => Some((
            parse_money(a).map_err(|m| CliError(format!("--echeance : {m}")))?,
            date_arg("--premiere-echeance", d)?,
        )),
        (None, None) => None,
        _ => {
            return Err(CliError(
                "un règlement par échéances demande --echeance et --premiere-echeance".to_string(),
            ))
        }
    };
    let request = OneOffRequest {
        kind,
        lease: args.location.clone(),
        value_date,
        reference: args.reference.clone(),
        amount,
        instalments,
        message: args.message.clone(),
    };
    let (planned, number) = deposit::run(store, &session, &request, args.simulation)
        .map_err(|e| CliError(e.to_string()))?;
    let mut out = format!(
        "{} de {} pour la location {}, au {}",
        kind.label(),
        format_money(request.amount),
        request.lease.trim(),
        format_date(value_date)
    );
    if planned.document.previous_deposits > crate::model::Money::ZERO {
        out.push_str(&format!(
            " (dépôts déjà appelés : {})",
            format_money(planned.document.previous_deposits)
        ));
    }
    out.push('\n');
    for e in &planned.voucher.entries {
        out.push_str(&format!(
            "  {}\t{}\t{}\t{}\n",
            e.account,
            e.tiers.as_deref().unwrap_or(""),
            format_money(e.debit),
            format_money(e.credit)
        ));
    }
    match number {
        Some(n) => out.push_str(&format!("Document {n} enregistré avec sa pièce.\n")),
        None => out.push_str("Simulation : rien n'est enregistré.\n"),
    }
    Ok(out)
}

fn letterhead(
    store: &Store,
    session: &crate::store::Session,
    sortie: &Sortie,
) -> Result<documents::Letterhead, CliError> {
    let landlord = store.landlord(session)?;
    Ok(documents::letterhead_of(
        &landlord,
        sortie.textes.as_deref(),
    ))
}

fn printed(count: usize, files: &[PathBuf]) -> String {
    let names: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
    format!(
        "{count} document(s) imprimé(s) dans {}.\n",
        names.join(", ")
    )
}

const LIST_HEADER: &str = "numero;nature;location;date_valeur;debut_periode;fin_periode;echeance;montant;solde;differe;a_payer;avis_imprime;quittance_imprimee";

fn list_rows(docs: &[TenantDocument]) -> Vec<String> {
    let opt = |d: Option<NaiveDate>| d.map(format_date).unwrap_or_default();
    let flag = |b: bool| if b { "O" } else { "N" };
    docs.iter()
        .map(|d| {
            format!(
                "{};{};{};{};{};{};{};{};{};{};{};{};{}",
                d.number,
                d.kind.code(),
                d.lease,
                format_date(d.value_date),
                opt(d.period_start),
                opt(d.period_end),
                opt(d.due_date),
                format_money_plain(d.amount),
                format_money_plain(d.balance),
                format_money_plain(d.deferred),
                format_money_plain(d.total_due),
                flag(d.notice_printed),
                flag(d.receipt_printed)
            )
        })
        .collect()
}

fn documents_csv(docs: &[TenantDocument]) -> String {
    let mut out = format!("\u{feff}{LIST_HEADER}\r\n");
    for row in list_rows(docs) {
        out.push_str(&row);
        out.push_str("\r\n");
    }
    out
}

fn documents_table(docs: &[TenantDocument]) -> String {
    let mut text = format!("{LIST_HEADER}\n");
    for row in list_rows(docs) {
        text.push_str(&row);
        text.push('\n');
    }
    let mut out = super::as_table(&text);
    out.push_str(&format!("{} document(s)\n", docs.len()));
    out
}
