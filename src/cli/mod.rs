//! Ligne de commande : chaque sous-commande est un appel mince à la bibliothèque.

use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand};

mod documents;
mod payments;

use crate::formats::fec;
use crate::ledger::balance::{self, trial_balance, TrialBalanceRow};
use crate::ledger::statement;
use crate::ledger::template::{draft_from_template, TemplateRequest};
use crate::ledger::{self, locks, LedgerContext, LedgerError, VoucherDraft};
use crate::model::dates::{format_date, parse_date};
use crate::model::money::format_money_plain;
use crate::model::money::{format_money, parse_money};
use crate::model::validate;
use crate::model::{Money, PaymentMode, ThirdPartyKind};
use crate::store::{Store, StoreError};
use crate::treatments::demo::create_demo_with;
use crate::treatments::import::{self, Entity};

/// Abri — gestion locative adaptée. Sans sous-commande, ouvre l'application.
#[derive(Debug, Parser)]
#[command(name = "abri", version, about, long_about = None)]
pub struct Cli {
    /// Fichier de la base (par défaut : la base de démonstration dans le dossier de
    /// données de l'utilisateur, créée au premier lancement).
    #[arg(long, global = true, value_name = "FICHIER")]
    pub db: Option<PathBuf>,
    /// Code du bailleur (par défaut : le premier de la base).
    #[arg(long, global = true, value_name = "CODE")]
    pub bailleur: Option<String>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Crée (ou recrée) le bailleur de démonstration « DEMO », ses fiches et un an
    /// d'avis et de règlements.
    Demo {
        /// Sans l'historique : seulement les fiches et les pièces de janvier-février 2026.
        #[arg(long)]
        sans_historique: bool,
    },
    /// Importe une liste CSV (`;`, UTF-8, virgule décimale, dates jj/mm/aaaa) : tout ou rien.
    Import {
        /// immeubles | lots | locataires | tiers | locations | rubriques-location | periodes | pieces
        #[arg(value_name = "LISTE")]
        liste: String,
        /// Fichier CSV à importer.
        #[arg(value_name = "FICHIER.csv")]
        fichier: PathBuf,
    },
    /// Affiche une liste de fiches (tableau, ou CSV réimportable avec --csv).
    Liste {
        /// immeubles | lots | locataires | tiers | locations | rubriques-location | periodes | pieces
        #[arg(value_name = "LISTE")]
        liste: String,
        /// Sortie CSV (`;`, UTF-8 avec BOM) au lieu d'un tableau.
        #[arg(long)]
        csv: bool,
    },
    /// Contrôle les invariants de la base ; code de sortie non nul s'il y a un problème.
    Verifier,
    /// Situation des comptes sur une période, ou situation d'un locataire (--locataire).
    Situation {
        /// Début de la période (jj/mm/aaaa).
        #[arg(long, value_name = "DATE")]
        du: String,
        /// Fin de la période, incluse (jj/mm/aaaa).
        #[arg(long, value_name = "DATE")]
        au: String,
        /// Situation d'un locataire, toutes ses locations, avec le solde courant.
        #[arg(long, value_name = "REF")]
        locataire: Option<String>,
        /// Avec --locataire : inclure les comptes de dépôts (165…).
        #[arg(long)]
        depots: bool,
        #[arg(long, value_name = "COMPTE")]
        compte: Option<String>,
        #[arg(long, value_name = "REF")]
        tiers: Option<String>,
        #[arg(long, value_name = "REF")]
        journal: Option<String>,
        #[arg(long, value_name = "REF")]
        modele: Option<String>,
        #[arg(long, value_name = "CODE")]
        analytique: Option<String>,
        /// Classe de compte (1 à 9).
        #[arg(long, value_name = "N")]
        classe: Option<char>,
        /// Type de tiers (locataire, fournisseur, organisme_payeur…).
        #[arg(long, value_name = "TYPE")]
        type_tiers: Option<String>,
        /// Sortie CSV au lieu d'un tableau.
        #[arg(long)]
        csv: bool,
    },
    /// Crée (ou recrée) un grand bailleur reproductible « GRAND » pour les mesures :
    /// N locations et M mois d'avis et de règlements faits par les traitements.
    Generer {
        #[arg(long, value_name = "N")]
        baux: usize,
        #[arg(long, value_name = "M", default_value_t = 12)]
        mois: u32,
        /// Graine : la même graine donne le même bailleur.
        #[arg(long, value_name = "S", default_value_t = 1)]
        graine: u64,
    },
    /// Mesures de performance (base de mesure créée à part, jamais --db).
    Bench {
        /// Mesure du grand livre : nombre d'écritures ajoutées à la démonstration.
        #[arg(long, value_name = "N", conflicts_with = "baux")]
        ecritures: Option<usize>,
        /// Mesure des traitements sur un bailleur généré de N locations (par défaut
        /// 10 000, sauf avec --ecritures).
        #[arg(long, value_name = "N")]
        baux: Option<usize>,
        /// Avec --baux : mois d'historique générés avant les mesures.
        #[arg(long, value_name = "M", default_value_t = 12)]
        mois: u32,
        /// Fichier de la base de mesure (remplacé), par défaut dans le dossier temporaire.
        #[arg(long, value_name = "FICHIER")]
        fichier: Option<PathBuf>,
        /// Avec --baux : copie de cette base, faite par `generer` avec les mêmes --baux et
        /// --mois, au lieu de générer l'historique (mesures répétées plus vite).
        #[arg(long, value_name = "BASE", conflicts_with = "ecritures")]
        depuis: Option<PathBuf>,
    },
    /// Verrouillage des saisies : sans option, affiche les réglages.
    Verrouillage {
        /// Date de clôture des saisies (jj/mm/aaaa), ou « aucune ».
        #[arg(long, value_name = "DATE")]
        cloture: Option<String>,
        /// Délai de modification autorisé, en jours (0 = verrouillage dès la saisie).
        #[arg(long, value_name = "JOURS")]
        delai: Option<u32>,
    },
    /// Pièces comptables.
    Piece {
        #[command(subcommand)]
        action: PieceAction,
    },
    /// Exports comptables.
    Export {
        #[command(subcommand)]
        format: ExportFormat,
    },
    /// Avis d'échéance et documents des locataires : génération, liste, impression.
    Avis {
        #[command(subcommand)]
        action: documents::AvisAction,
    },
    /// Quittances (avis réglés) et reçus (avis réglés en partie), en PDF.
    Quittance {
        #[command(flatten)]
        selection: documents::Selection,
        /// Date à laquelle les règlements sont comptés (par défaut aujourd'hui).
        #[arg(long, value_name = "DATE")]
        au: Option<String>,
        #[command(flatten)]
        sortie: documents::Sortie,
        /// Coche l'indicateur « quittance imprimée ».
        #[arg(long)]
        marquer: bool,
    },
    /// Dépôt de garantie : appel (document, pièce, échéancier).
    DepotGarantie {
        #[command(subcommand)]
        action: documents::DepotAction,
    },
    /// Facture hors loyer (pièce Loc_FACT DV).
    Facture(documents::OneOffArgs),
    /// Avoir hors loyer (pièce Loc_AVOIR DV).
    Avoir(documents::OneOffArgs),
    /// Règlements des locataires : saisie, import d'un lot.
    Reglement {
        #[command(subcommand)]
        action: payments::ReglementAction,
    },
    /// Remises en banque : bordereau de remise.
    Remise {
        #[command(subcommand)]
        action: payments::RemiseAction,
    },
    /// Impayés par locataire avec leur ancienneté (0-30, 31-60, 61-90, plus de 90 jours).
    Impayes {
        /// Date de la liste (jj/mm/aaaa ; par défaut aujourd'hui).
        #[arg(long, value_name = "DATE")]
        au: Option<String>,
        /// Sortie CSV (`;`, UTF-8 avec BOM, virgule décimale) au lieu d'un tableau.
        #[arg(long)]
        csv: bool,
    },
    /// Balance comptable (6 colonnes) sur une période.
    Balance {
        /// Début de la période (jj/mm/aaaa).
        #[arg(long, value_name = "DATE")]
        du: String,
        /// Fin de la période, incluse (jj/mm/aaaa).
        #[arg(long, value_name = "DATE")]
        au: String,
        /// Présentation auxiliaire : une ligne par compte et par tiers.
        #[arg(long)]
        auxiliaire: bool,
        /// Sortie CSV (`;`, virgule décimale) au lieu d'un tableau.
        #[arg(long)]
        csv: bool,
    },
}

// Lue une fois par lancement de la commande : la taille de la variante de saisie (ses
// onze options) ne coûte rien, la mettre en boîte compliquerait la déclaration clap.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum PieceAction {
    /// Saisit une pièce par son modèle : génère les écritures (ventilation comprise),
    /// retire les lignes à 0, vérifie toutes les règles et l'enregistre.
    Saisir {
        /// Modèle comptable (ex. Loc_REGL, Loc_FACT DG, Loc_OD APL/AL).
        #[arg(long, value_name = "MODELE")]
        modele: String,
        /// Journal (par défaut celui du modèle).
        #[arg(long, value_name = "REF", default_value = "")]
        journal: String,
        /// Date de valeur (jj/mm/aaaa).
        #[arg(long, value_name = "DATE")]
        date: String,
        /// Montant de la pièce (%TTCE), ex. 1 000,00.
        #[arg(long, value_name = "MONTANT")]
        montant: String,
        /// Tiers de la pièce (locataire).
        #[arg(long, value_name = "REF")]
        tiers: Option<String>,
        /// Organisme payeur (CAF, FSL…).
        #[arg(long, value_name = "REF")]
        organisme: Option<String>,
        /// Location concernée.
        #[arg(long, value_name = "REF")]
        location: Option<String>,
        /// Analytique (lot ou immeuble) des comptes qui l'exigent.
        #[arg(long, value_name = "CODE", default_value = "")]
        analytique: String,
        /// Texte libre du libellé.
        #[arg(long, value_name = "TEXTE", default_value = "")]
        libelle: String,
        /// Référence (numéro de chèque, de facture…).
        #[arg(long, value_name = "TEXTE", default_value = "")]
        reference: String,
        /// Mode de règlement (cheque, especes, virement, prelevement).
        #[arg(long, value_name = "MODE")]
        mode: Option<String>,
        /// Date du règlement (obligatoire pour un chèque ; par défaut la date de valeur).
        #[arg(long, value_name = "DATE")]
        date_reglement: Option<String>,
        /// Affiche la pièce sans l'enregistrer.
        #[arg(long)]
        simulation: bool,
    },
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

/// Une erreur de commande, déjà formulée pour l'utilisateur.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct CliError(pub String);

impl From<StoreError> for CliError {
    fn from(e: StoreError) -> Self {
        CliError(e.to_string())
    }
}

/// Utilisateur inscrit au journal d'audit pour la ligne de commande.
fn cli_user() -> String {
    std::env::var("USER")
        .map(|u| format!("cli:{u}"))
        .unwrap_or_else(|_| "cli".to_string())
}

fn entity(name: &str) -> Result<Entity, CliError> {
    Entity::parse(name).ok_or_else(|| {
        CliError(format!(
            "liste « {name} » inconnue ; listes possibles : {}",
            Entity::ALL
                .iter()
                .map(|e| e.name())
                .collect::<Vec<_>>()
                .join(", ")
        ))
    })
}

/// Exécute une sous-commande ; renvoie le texte à afficher.
pub fn run(db: &Path, landlord: Option<&str>, command: &Command) -> Result<String, CliError> {
    if let Command::Bench {
        ecritures,
        baux,
        mois,
        fichier,
        depuis,
    } = command
    {
        let path = fichier
            .clone()
            .unwrap_or_else(|| std::env::temp_dir().join("abri-bench.sqlite"));
        let figures = match ecritures {
            Some(n) => crate::bench::ledger(&path, *n),
            None => crate::bench::leases(&path, baux.unwrap_or(10_000), *mois, depuis.as_deref()),
        }
        .map_err(CliError)?;
        return Ok(figures.iter().map(|f| format!("{f}\n")).collect());
    }
    let mut store = Store::open(db)?;
    match command {
        Command::Demo { sans_historique } => {
            let session = create_demo_with(&mut store, &cli_user(), !sans_historique)
                .map_err(|e| CliError(e.to_string()))?;
            let repo = store.read(&session);
            Ok(format!(
                "Bailleur de démonstration « {} » créé dans {} : {} immeubles, {} lots, {} locataires, {} locations, {} pièces comptables.\n",
                session.landlord_code,
                db.display(),
                repo.count("building")?,
                repo.count("unit")?,
                repo.count("tenant")?,
                repo.count("lease")?,
                repo.count("voucher")?
            ))
        }
        Command::Import { liste, fichier } => {
            let entity = entity(liste)?;
            let text = std::fs::read_to_string(fichier).map_err(|e| {
                CliError(format!(
                    "impossible de lire « {} » : {e} (le fichier doit être en UTF-8)",
                    fichier.display()
                ))
            })?;
            let session = store.session(landlord, &cli_user())?;
            let n = import::import(&mut store, &session, entity, &text)
                .map_err(|e| CliError(e.to_string()))?;
            Ok(format!(
                "{n} fiche(s) importée(s) dans la liste {}.\n",
                entity.name()
            ))
        }
        Command::Liste { liste, csv } => {
            let entity = entity(liste)?;
            let session = store.session(landlord, &cli_user())?;
            let text = import::export(&store, &session, entity)?;
            Ok(if *csv { text } else { as_table(&text) })
        }
        Command::Balance {
            du,
            au,
            auxiliaire,
            csv,
        } => {
            let from = parse_date(du).map_err(|m| CliError(format!("--du : {m}")))?;
            let to = parse_date(au).map_err(|m| CliError(format!("--au : {m}")))?;
            if to < from {
                return Err(CliError(
                    "--au est antérieur à --du : inversez les dates".to_string(),
                ));
            }
            let session = store.session(landlord, &cli_user())?;
            let sums = store.read(&session).entry_sums(from, to)?;
            let rows = trial_balance(&sums, from, to, *auxiliaire);
            let text = balance_csv(&rows);
            Ok(if *csv { text } else { as_table(&text) })
        }
        Command::Situation {
            du,
            au,
            locataire,
            depots,
            compte,
            tiers,
            journal,
            modele,
            analytique,
            classe,
            type_tiers,
            csv,
        } => {
            let (from, to) = period(du, au)?;
            let session = store.session(landlord, &cli_user())?;
            let repo = store.read(&session);
            let text = match locataire {
                Some(tenant) => {
                    let tenant = tenant.trim();
                    if !repo.tenants()?.iter().any(|t| t.reference == tenant) {
                        return Err(CliError(format!("locataire « {tenant} » inconnu")));
                    }
                    let leases: Vec<(String, String, chrono::NaiveDate)> = repo
                        .leases()?
                        .into_iter()
                        .filter(|l| l.tenant == tenant)
                        .map(|l| (l.reference, l.unit, l.start_date))
                        .collect();
                    let accounts = statement::gestion_accounts(&repo.accounts()?, *depots);
                    let ctx = statement::TenantContext {
                        gestion_accounts: &accounts,
                        leases: &leases,
                    };
                    let lines = repo.tiers_lines(tenant, Some(to))?;
                    let situation = statement::tenant_statement(&lines, tenant, &ctx, from, to);
                    let lease_refs: Vec<&str> = leases.iter().map(|(r, _, _)| r.as_str()).collect();
                    let instalments =
                        statement::active_instalments(&repo.lease_items()?, &lease_refs, to);
                    let dues = statement::deferred_and_due(&situation.by_account, &instalments);
                    tenant_statement_csv(&situation, &dues)
                }
                None => {
                    let filter = statement::StatementFilter {
                        account: compte.clone(),
                        tiers: tiers.clone(),
                        journal: journal.clone(),
                        template: modele.clone(),
                        analytic: analytique.clone(),
                        class: *classe,
                        collective: None,
                        tiers_kind: type_tiers
                            .as_deref()
                            .map(ThirdPartyKind::parse)
                            .transpose()
                            .map_err(|m| CliError(format!("--type-tiers : {m}")))?,
                        ..statement::StatementFilter::period(from, to)
                    };
                    let lines = repo.ledger_lines(Some(to))?;
                    account_statement_csv(&statement::account_statement(&lines, &filter))
                }
            };
            Ok(if *csv { text } else { as_table(&text) })
        }
        Command::Piece {
            action:
                PieceAction::Saisir {
                    modele,
                    journal,
                    date,
                    montant,
                    tiers,
                    organisme,
                    location,
                    analytique,
                    libelle,
                    reference,
                    mode,
                    date_reglement,
                    simulation,
                },
        } => {
            let value_date = parse_date(date).map_err(|m| CliError(format!("--date : {m}")))?;
            let payment_mode = mode
                .as_deref()
                .map(PaymentMode::parse)
                .transpose()
                .map_err(|m| CliError(format!("--mode : {m}")))?;
            let payment_date = date_reglement
                .as_deref()
                .map(parse_date)
                .transpose()
                .map_err(|m| CliError(format!("--date-reglement : {m}")))?
                .or(payment_mode.map(|_| value_date));
            let request = TemplateRequest {
                template: modele.trim().to_string(),
                journal: journal.trim().to_string(),
                value_date,
                tiers: tiers.clone(),
                payer: organisme.clone(),
                amount: parse_money(montant).map_err(|m| CliError(format!("--montant : {m}")))?,
                free_label: libelle.clone(),
                lease: location.clone(),
                analytic: analytique.clone(),
                reference: reference.clone(),
                payment_mode,
                payment_date,
            };
            let session = store.session(landlord, &cli_user())?;
            let ledger_error = |e: LedgerError| CliError(e.to_string());
            let preview = |draft: &VoucherDraft| voucher_text(draft);
            if *simulation {
                let repo = store.read(&session);
                let ctx = LedgerContext::load(&repo)?;
                let draft = draft_from_template(&repo, &ctx, &request).map_err(ledger_error)?;
                ledger::validate(&draft, &ctx).map_err(ledger_error)?;
                return Ok(format!(
                    "{}Simulation : la pièce est valide, rien n'a été enregistré.\n",
                    preview(&draft)
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
            Ok(format!("{}Pièce {number} enregistrée.\n", preview(&draft)))
        }
        Command::Piece {
            action: PieceAction::Supprimer { numero },
        } => {
            let session = store.session(landlord, &cli_user())?;
            let today = chrono::Local::now().date_naive();
            store
                .write(&session, "suppression de pièce", |repo| {
                    locks::delete(repo, numero.trim(), today)
                })
                .map_err(|e: locks::LockError| CliError(e.to_string()))?;
            Ok(format!("Pièce {} supprimée.\n", numero.trim()))
        }
        Command::Piece {
            action: PieceAction::Autoriser { numero },
        } => {
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
        Command::Piece {
            action: PieceAction::Afficher { numero },
        } => {
            let session = store.session(landlord, &cli_user())?;
            let repo = store.read(&session);
            let stored = repo
                .voucher(numero.trim())?
                .ok_or_else(|| CliError(format!("pièce {} inconnue", numero.trim())))?;
            let today = chrono::Local::now().date_naive();
            let state = match locks::lock_state(&repo, numero.trim(), today)
                .map_err(|e| CliError(e.to_string()))?
            {
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
        Command::Generer { baux, mois, graine } => {
            let options = crate::treatments::generate::GenerateOptions::new(*baux, *mois, *graine);
            let (session, summary) =
                crate::treatments::generate::generate(&mut store, &cli_user(), &options)
                    .map_err(|e| CliError(e.to_string()))?;
            Ok(format!(
                "Bailleur « {} » généré dans {} : {} locations, {} avis, {} règlements, {} pièces.\n",
                session.landlord_code,
                db.display(),
                summary.leases,
                summary.notices,
                summary.payments,
                store.read(&session).count("voucher")?
            ))
        }
        Command::Avis { action } => documents::avis(&mut store, landlord, action),
        Command::Quittance {
            selection,
            au,
            sortie,
            marquer,
        } => documents::quittance(
            &mut store,
            landlord,
            selection,
            au.as_deref(),
            sortie,
            *marquer,
        ),
        Command::DepotGarantie {
            action: documents::DepotAction::Appeler(args),
        } => documents::one_off(
            &mut store,
            landlord,
            crate::model::DocumentKind::DepositCall,
            args,
        ),
        Command::Facture(args) => documents::one_off(
            &mut store,
            landlord,
            crate::model::DocumentKind::Invoice,
            args,
        ),
        Command::Avoir(args) => documents::one_off(
            &mut store,
            landlord,
            crate::model::DocumentKind::CreditNote,
            args,
        ),
        Command::Reglement { action } => payments::reglement(&mut store, landlord, action),
        Command::Remise { action } => payments::remise(&store, landlord, action),
        Command::Impayes { au, csv } => payments::impayes(&store, landlord, au.as_deref(), *csv),
        Command::Bench { .. } => Err(CliError("mesure déjà traitée".to_string())),
        Command::Verrouillage { cloture, delai } => {
            let session = store.session(landlord, &cli_user())?;
            if cloture.is_some() || delai.is_some() {
                let (current_closing, current_delay) = store.read(&session).lock_settings()?;
                let closing = match cloture.as_deref().map(str::trim) {
                    None => current_closing,
                    Some("aucune") | Some("") => None,
                    Some(text) => {
                        Some(parse_date(text).map_err(|m| CliError(format!("--cloture : {m}")))?)
                    }
                };
                let delay = delai.unwrap_or(current_delay);
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
        Command::Export {
            format: ExportFormat::Fec { au, siren, sortie },
        } => {
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
        Command::Verifier => {
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

/// Période `--du` / `--au` lue et contrôlée.
fn period(du: &str, au: &str) -> Result<(chrono::NaiveDate, chrono::NaiveDate), CliError> {
    let from = parse_date(du).map_err(|m| CliError(format!("--du : {m}")))?;
    let to = parse_date(au).map_err(|m| CliError(format!("--au : {m}")))?;
    if to < from {
        return Err(CliError(
            "--au est antérieur à --du : inversez les dates".to_string(),
        ));
    }
    Ok((from, to))
}

/// Situation des comptes en CSV : solde antérieur, écritures, totaux, soldes.
fn account_statement_csv(s: &statement::AccountStatement) -> String {
    let m = format_money_plain;
    let d = balance::sides;
    let mut out = String::from("\u{feff}compte;tiers;date;journal;piece;libelle;debit;credit\r\n");
    let (od, oc) = d(s.opening);
    out.push_str(&format!("Solde antérieur;;;;;;{};{}\r\n", m(od), m(oc)));
    for l in &s.lines {
        let label = l.display_label();
        out.push_str(&format!(
            "{};{};{};{};{};{};{};{}\r\n",
            l.account,
            l.tiers.clone().unwrap_or_default(),
            format_date(l.value_date),
            l.journal,
            l.number,
            label.replace(';', ","),
            m(l.debit),
            m(l.credit)
        ));
    }
    out.push_str(&format!(
        "Totaux période;;;;;;{};{}\r\n",
        m(s.period_debit),
        m(s.period_credit)
    ));
    let (pd, pc) = d(s.period_balance());
    out.push_str(&format!("Solde période;;;;;;{};{}\r\n", m(pd), m(pc)));
    let (nd, nc) = d(s.closing());
    out.push_str(&format!("Nouveau solde;;;;;;{};{}\r\n", m(nd), m(nc)));
    out
}

/// Situation d'un locataire en CSV, colonnes du manuel (LotR, Gest, CompteR, ValeurD,
/// JournalR, PieceR, Libelle, DebitE, CreditE, SoldeE).
fn tenant_statement_csv(s: &statement::TenantStatement, dues: &[statement::DueLine]) -> String {
    let m = format_money_plain;
    let mut out = String::from(
        "\u{feff}lot;gestion;compte;date;journal;piece;libelle;debit;credit;solde\r\n",
    );
    out.push_str(&format!("Solde antérieur;;;;;;;;;{}\r\n", m(-s.opening)));
    for l in &s.lines {
        let e = &l.entry;
        let label = e.display_label();
        out.push_str(&format!(
            "{};{};{};{};{};{};{};{};{};{}\r\n",
            l.unit,
            l.gestion.code(),
            e.account,
            format_date(e.value_date),
            e.journal,
            e.number,
            label.replace(';', ","),
            m(e.debit),
            m(e.credit),
            m(l.running)
        ));
    }
    out.push_str(&format!("Nouveau solde;;;;;;;;;{}\r\n", m(-s.closing())));
    // Différé et à payer, comptés comme ce que le locataire doit (positif = dû).
    let deferred: Money = dues.iter().map(|d| d.deferred).sum();
    let due: Money = dues.iter().map(|d| d.due).sum();
    out.push_str(&format!(
        "Différé;;;;;;;;;{}\r\nÀ payer;;;;;;;;;{}\r\n",
        m(deferred),
        m(due)
    ));
    out
}

/// Balance en CSV : compte, tiers, puis les 6 colonnes du manuel et une ligne de totaux.
fn balance_csv(rows: &[TrialBalanceRow]) -> String {
    let m = format_money_plain;
    let mut out = String::from("\u{feff}compte;tiers;solde_anterieur_debit;solde_anterieur_credit;debit_periode;credit_periode;nouveau_solde_debit;nouveau_solde_credit\r\n");
    let mut totals = [Money::ZERO; 6];
    for r in rows {
        let values = r.columns();
        for (t, v) in totals.iter_mut().zip(values) {
            *t += v;
        }
        let cells: Vec<String> = values.iter().map(|v| m(*v)).collect();
        out.push_str(&format!(
            "{};{};{}\r\n",
            r.account,
            r.tiers.clone().unwrap_or_default(),
            cells.join(";")
        ));
    }
    let cells: Vec<String> = totals.iter().map(|v| m(*v)).collect();
    out.push_str(&format!("Total;;{}\r\n", cells.join(";")));
    out
}

/// Met une liste CSV en colonnes alignées pour le terminal.
fn as_table(csv_text: &str) -> String {
    let text = csv_text.trim_start_matches('\u{feff}');
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .has_headers(false)
        .from_reader(text.as_bytes());
    let rows: Vec<Vec<String>> = reader
        .records()
        .filter_map(|r| r.ok())
        .map(|r| r.iter().map(str::to_string).collect())
        .collect();
    let columns = rows.first().map_or(0, Vec::len);
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            rows.iter()
                .map(|r| r.get(c).map_or(0, |s| s.chars().count()))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for row in &rows {
        let cells: Vec<String> = row
            .iter()
            .enumerate()
            .map(|(c, s)| format!("{s:<width$}", width = widths.get(c).copied().unwrap_or(0)))
            .collect();
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
    }
    out.push_str(&format!("{} ligne(s)\n", rows.len().saturating_sub(1)));
    out
}
