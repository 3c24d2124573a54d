//! Sous-commandes du grand livre : `piece saisir|supprimer|autoriser|afficher`,
//! `verrouillage`, `export fec` et `verifier`. Appels minces à `ledger`, `ledger::locks`,
//! `formats::fec` et à la vérification du store.

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};

use super::{as_table, cli_user, CliError};
use crate::formats::fec;
use crate::ledger::template::{draft_from_template, TemplateRequest};
use crate::ledger::{self, locks, LedgerContext, LedgerError, VoucherDraft};
use crate::model::dates::{format_date, parse_date};
use crate::model::money::{format_money, parse_money};
use crate::model::validate;
use crate::model::PaymentMode;
use crate::store::Store;

// Lue une fois par lancement de la commande : la taille de la variante de saisie (ses
// onze options) ne coûte rien, la mettre en boîte compliquerait la déclaration clap.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum PieceAction {
    /// Saisit une pièce par son modèle : génère les écritures (ventilation comprise),
    /// retire les lignes à 0, vérifie toutes les règles et l'enregistre.
    Saisir(VoucherArgs),
    /// Supprime une pièce saisie non verrouillée (son numéro n'est jamais réemployé).
    Supprimer {
        #[arg(value_name = "NUMERO")]
        numero: String,
    },
    /// « Autoriser édition pièce » : la prochaine modification passe malgré le verrou.
    Autoriser {
        #[arg(value_name = "NUMERO")]
        numero: String,
    },
    /// Affiche une pièce, ses écritures et son état de verrouillage.
    Afficher {
        #[arg(value_name = "NUMERO")]
        numero: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum ExportFormat {
    /// Fichier des écritures comptables (FEC, art. A47 A-1 LPF) jusqu'à une date.
    Fec {
        /// Date de clôture : écritures datées jusqu'à ce jour inclus (jj/mm/aaaa).
        #[arg(long, value_name = "DATE")]
        au: String,
        /// SIREN du bailleur (9 chiffres), qui ouvre le nom du fichier.
        #[arg(long, value_name = "SIREN")]
        siren: String,
        /// Fichier à écrire, ou dossier où écrire `<SIREN>FEC<AAAAMMJJ>.txt`.
        #[arg(short = 'o', value_name = "FICHIER")]
        sortie: PathBuf,
    },
}

/// Options de `piece saisir`.
#[derive(Debug, Args)]
pub struct VoucherArgs {
    /// Modèle comptable (ex. Loc_REGL, Loc_FACT DG, Loc_OD APL/AL).
    #[arg(long, value_name = "MODELE")]
    pub modele: String,
    /// Journal (par défaut celui du modèle).
    #[arg(long, value_name = "REF", default_value = "")]
    pub journal: String,
    /// Date de valeur (jj/mm/aaaa).
    #[arg(long, value_name = "DATE")]
    pub date: String,
    /// Montant de la pièce (%TTCE), ex. 1 000,00.
    #[arg(long, value_name = "MONTANT")]
    pub montant: String,
    /// Tiers de la pièce (locataire).
    #[arg(long, value_name = "REF")]
    pub tiers: Option<String>,
    /// Organisme payeur (CAF, FSL…).
    #[arg(long, value_name = "REF")]
    pub organisme: Option<String>,
    /// Location concernée.
    #[arg(long, value_name = "REF")]
    pub location: Option<String>,
    /// Analytique (lot ou immeuble) des comptes qui l'exigent.
    #[arg(long, value_name = "CODE", default_value = "")]
    pub analytique: String,
    /// Texte libre du libellé.
    #[arg(long, value_name = "TEXTE", default_value = "")]
    pub libelle: String,
    /// Référence (numéro de chèque, de facture…).
    #[arg(long, value_name = "TEXTE", default_value = "")]
    pub reference: String,
    /// Mode de règlement (cheque, especes, virement, prelevement).
    #[arg(long, value_name = "MODE")]
    pub mode: Option<String>,
    /// Date du règlement (obligatoire pour un chèque ; par défaut la date de valeur).
    #[arg(long, value_name = "DATE")]
    pub date_reglement: Option<String>,
    /// Affiche la pièce sans l'enregistrer.
    #[arg(long)]
    pub simulation: bool,
}

/// Options de `verrouillage`.
#[derive(Debug, Args)]
pub struct LockArgs {
    /// Date de clôture des saisies (jj/mm/aaaa), ou « aucune ».
    #[arg(long, value_name = "DATE")]
    pub cloture: Option<String>,
    /// Délai de modification autorisé, en jours (0 = verrouillage dès la saisie).
    #[arg(long, value_name = "JOURS")]
    pub delai: Option<u32>,
}

/// `piece saisir|supprimer|autoriser|afficher`.
pub fn piece(
    store: &mut Store,
    landlord: Option<&str>,
    action: &PieceAction,
) -> Result<String, CliError> {
    match action {
        PieceAction::Saisir(args) => enter(store, landlord, args),
        PieceAction::Supprimer { numero } => {
            let session = store.session(landlord, &cli_user())?;
            let today = chrono::Local::now().date_naive();
            store
                .write(&session, "suppression de pièce", |repo| {
                    locks::delete(repo, numero.trim(), today)
                })
                .map_err(|e: locks::LockError| CliError(e.to_string()))?;
            Ok(format!("Pièce {} supprimée.\n", numero.trim()))
        }
        PieceAction::Autoriser { numero } => {
            let session = store.session(landlord, &cli_user())?;
            store
                .write(&session, "autorisation d'édition", |repo| {
                    locks::allow_edit(repo, numero.trim())
                })
                .map_err(|e: locks::LockError| CliError(e.to_string()))?;
            Ok(format!(
                "Édition de la pièce {} autorisée pour une modification.\n",
                numero.trim()
            ))
        }
        PieceAction::Afficher { numero } => show(store, landlord, numero.trim()),
    }
}

impl VoucherArgs {
    /// La demande au modèle comptable, options lues et contrôlées.
    fn request(&self) -> Result<TemplateRequest, CliError> {
        let value_date = parse_date(&self.date).map_err(|m| CliError(format!("--date : {m}")))?;
        let payment_mode = self
            .mode
            .as_deref()
            .map(PaymentMode::parse)
            .transpose()
            .map_err(|m| CliError(format!("--mode : {m}")))?;
        let payment_date = self
            .date_reglement
            .as_deref()
            .map(parse_date)
            .transpose()
            .map_err(|m| CliError(format!("--date-reglement : {m}")))?
            .or(payment_mode.map(|_| value_date));
        Ok(TemplateRequest {
            template: self.modele.trim().to_string(),
            journal: self.journal.trim().to_string(),
            value_date,
            tiers: self.tiers.clone(),
            payer: self.organisme.clone(),
            amount: parse_money(&self.montant).map_err(|m| CliError(format!("--montant : {m}")))?,
            free_label: self.libelle.clone(),
            lease: self.location.clone(),
            analytic: self.analytique.clone(),
            reference: self.reference.clone(),
            payment_mode,
            payment_date,
        })
    }
}

/// `piece saisir` : la pièce du modèle, vérifiée, enregistrée (ou seulement affichée
/// avec --simulation).
fn enter(
    store: &mut Store,
    landlord: Option<&str>,
    args: &VoucherArgs,
) -> Result<String, CliError> {
    let request = args.request()?;
    let session = store.session(landlord, &cli_user())?;
    let ledger_error = |e: LedgerError| CliError(e.to_string());
    if args.simulation {
        let repo = store.read(&session);
        let ctx = LedgerContext::load(&repo)?;
        let draft = draft_from_template(&repo, &ctx, &request).map_err(ledger_error)?;
        ledger::validate(&draft, &ctx).map_err(ledger_error)?;
        return Ok(format!(
            "{}Simulation : la pièce est valide, rien n'a été enregistré.\n",
            voucher_text(&draft)
        ));
    }
    let (number, draft) = store
        .write(&session, "saisie de pièce", |repo| {
            let ctx = LedgerContext::load(repo)?;
            let draft = draft_from_template(repo, &ctx, &request)?;
            let number = ledger::post(repo, &ctx, &draft)?;
            Ok::<_, LedgerError>((number, draft))
        })
        .map_err(ledger_error)?;
    Ok(format!(
        "{}Pièce {number} enregistrée.\n",
        voucher_text(&draft)
    ))
}

/// `piece afficher NUMERO` : la pièce, ses écritures et son état de verrouillage.
fn show(store: &Store, landlord: Option<&str>, numero: &str) -> Result<String, CliError> {
    let session = store.session(landlord, &cli_user())?;
    let repo = store.read(&session);
    let stored = repo
        .voucher(numero)?
        .ok_or_else(|| CliError(format!("pièce {numero} inconnue")))?;
    let today = chrono::Local::now().date_naive();
    let state =
        match locks::lock_state(&repo, numero, today).map_err(|e| CliError(e.to_string()))? {
            _ if stored.unlocked_once => "édition autorisée pour une modification".to_string(),
            Some(reason) => format!("verrouillée : {reason}"),
            None => "modifiable".to_string(),
        };
    Ok(format!(
        "Pièce {} ({}), {}\n{}",
        stored.number,
        stored.draft.origin,
        state,
        voucher_text(&stored.draft)
    ))
}

/// `verrouillage [--cloture DATE|aucune] [--delai JOURS]` : change puis affiche les
/// réglages.
pub fn lock_settings(
    store: &mut Store,
    landlord: Option<&str>,
    args: &LockArgs,
) -> Result<String, CliError> {
    let session = store.session(landlord, &cli_user())?;
    if args.cloture.is_some() || args.delai.is_some() {
        let (current_closing, current_delay) = store.read(&session).lock_settings()?;
        let closing = match args.cloture.as_deref().map(str::trim) {
            None => current_closing,
            Some("aucune") | Some("") => None,
            Some(text) => Some(parse_date(text).map_err(|m| CliError(format!("--cloture : {m}")))?),
        };
        let delay = args.delai.unwrap_or(current_delay);
        store.write(&session, "verrouillage des saisies", |repo| {
            repo.set_lock_settings(closing, delay)
        })?;
    }
    let (closing, delay) = store.read(&session).lock_settings()?;
    Ok(format!(
        "Clôture des saisies : {} ; délai de modification : {delay} jour(s){}.\n",
        closing.map_or("aucune".to_string(), format_date),
        if delay == 0 {
            " (verrouillage dès la saisie)"
        } else {
            ""
        }
    ))
}

/// `export fec --au --siren -o` : le fichier des écritures comptables.
pub fn export(
    store: &Store,
    landlord: Option<&str>,
    format: &ExportFormat,
) -> Result<String, CliError> {
    let ExportFormat::Fec { au, siren, sortie } = format;
    let to = parse_date(au).map_err(|m| CliError(format!("--au : {m}")))?;
    let siren = validate::siren(siren).map_err(|e| CliError(format!("--siren : {e}")))?;
    let session = store.session(landlord, &cli_user())?;
    let path = if sortie.is_dir() {
        sortie.join(fec::file_name(&siren, to))
    } else {
        sortie.clone()
    };
    let count = write_fec(&store.read(&session), to, &path)?;
    Ok(format!(
        "FEC écrit dans {} : {count} écriture(s).\n",
        path.display()
    ))
}

/// `verifier` : les invariants de la base ; une erreur (code de sortie non nul) s'il y
/// a un problème.
pub fn verify(store: &Store, db: &Path) -> Result<String, CliError> {
    let problems = store.verify()?;
    if problems.is_empty() {
        Ok(format!(
            "Base {} vérifiée : aucun problème.\n",
            db.display()
        ))
    } else {
        Err(CliError(format!(
            "{} problème(s) dans {} :\n{}",
            problems.len(),
            db.display(),
            problems
                .iter()
                .map(|p| format!("- {p}"))
                .collect::<Vec<_>>()
                .join("\n")
        )))
    }
}

/// Écrit le FEC écriture par écriture (sans tout garder en mémoire) ; renvoie le nombre
/// d'écritures.
fn write_fec(
    repo: &crate::store::Repo,
    to: chrono::NaiveDate,
    path: &Path,
) -> Result<usize, CliError> {
    use std::io::Write;
    let io =
        |e: std::io::Error| CliError(format!("impossible d'écrire « {} » : {e}", path.display()));
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).map_err(io)?);
    out.write_all(fec::header().as_bytes()).map_err(io)?;
    let mut count = 0;
    // une seule chaîne réutilisée : ni copie de l'écriture ni allocation par ligne
    let mut line = String::with_capacity(256);
    repo.each_ledger_line_ref(Some(to), |l| {
        count += 1;
        line.clear();
        fec::push_line(&mut line, l);
        out.write_all(line.as_bytes()).map_err(io)
    })?;
    out.flush().map_err(io)?;
    Ok(count)
}

/// Une pièce et ses écritures, pour le terminal.
fn voucher_text(draft: &VoucherDraft) -> String {
    let m = format_money;
    let mut csv = String::from("compte;tiers;analytique;debit;credit\n");
    for e in &draft.entries {
        csv.push_str(&format!(
            "{};{};{};{};{}\n",
            e.account,
            e.tiers.clone().unwrap_or_default(),
            e.analytic,
            m(e.debit),
            m(e.credit)
        ));
    }
    format!(
        "{} — journal {} — {} — {}\n{}",
        draft.template.clone().unwrap_or_default(),
        draft.journal,
        format_date(draft.value_date),
        draft.label,
        as_table(&csv)
            .lines()
            .filter(|l| !l.ends_with("ligne(s)"))
            .map(|l| format!("  {l}\n"))
            .collect::<String>()
    )
}
