//! Prélèvements bancaires (S15), étape 2 : le fichier `pain.008` pour la banque, fait de
//! la liste des prélèvements (`direct_debit`, étape 1) et écrit par `formats::sepa`.
//!
//! Le plan contrôle le créancier (nom, IBAN, BIC et ICS de la fiche du bailleur) et la
//! date de prélèvement (jamais passée), donne à chaque prélèvement sa référence de bout
//! en bout (locataire et date : `LOC012-20260305`), son type de séquence (FRST pour le
//! premier prélèvement d'un mandat, RCUR ensuite, d'après les fichiers enregistrés) et
//! son libellé (« Loyer 03/2026 LOC012 »), et laisse de côté les prélèvements déjà dans
//! un fichier enregistré, que le compte rendu nomme. L'application écrit le fichier
//! d'un coup (fichier temporaire du même dossier puis renommage) et l'enregistre avec ses
//! prélèvements dans la même transaction. Aucune écriture comptable : le règlement sera
//! passé au retour de la banque.

use std::collections::HashSet;
use std::io::Write;
use std::path::Path;

use chrono::{NaiveDate, NaiveDateTime};

use crate::formats::sepa::{
    self, Collection, Creditor, DebitFile, PainVersion, SepaError, SequenceType,
};
use crate::model::dates::format_date;
use crate::model::money::format_money;
use crate::model::{validate, Landlord, Money};
use crate::store::{NewDebitFile, NewFileDebit, Repo, SentDebit, Session, Store, StoreError};
use crate::treatments::direct_debit::{load, plan, Debit, DebitList, DebitOptions, Skipped};

/// Ce que l'utilisateur choisit pour le fichier.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileOptions {
    /// Date d'échéance demandée à la banque (`ReqdColltnDt`).
    pub collection_date: NaiveDate,
    pub version: PainVersion,
    /// Horodatage de création du fichier ; sa date est « aujourd'hui ».
    pub now: NaiveDateTime,
}

/// Ce que lit le plan du fichier, en plus de la liste.
#[derive(Debug, Clone, Default)]
pub struct FileSnapshot {
    pub landlord: Landlord,
    /// Prélèvements de la période déjà dans un fichier enregistré.
    pub sent: Vec<SentDebit>,
    /// RUM de la liste déjà employées dans un fichier enregistré.
    pub used_mandates: HashSet<String>,
    /// Identifiants déjà pris par un fichier enregistré, parmi ceux que le fichier
    /// pourrait recevoir (même bailleur, même seconde).
    pub taken_msg_ids: HashSet<String>,
}

/// Un prélèvement du fichier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedDebit {
    pub debit: Debit,
    pub end_to_end_id: String,
    pub sequence: SequenceType,
    pub remittance: String,
}

/// Un prélèvement de la liste déjà dans un fichier enregistré : il n'est pas repris.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AlreadySent {
    pub debit: Debit,
    pub sent: SentDebit,
}

/// Le plan du fichier : ce qui part, ce qui est déjà parti, ce qui est écarté.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilePlan {
    pub msg_id: String,
    pub version: PainVersion,
    pub collection_date: NaiveDate,
    pub debits: Vec<PlannedDebit>,
    pub already: Vec<AlreadySent>,
    pub skipped: Vec<Skipped>,
    /// Le fichier et son texte XML ; rien s'il n'y a aucun prélèvement nouveau.
    pub file: Option<(DebitFile, String)>,
}

impl FilePlan {
    /// Somme des prélèvements du fichier.
    pub fn total(&self) -> Money {
        self.debits.iter().map(|d| d.debit.amount).sum()
    }
}

/// Un fichier refusé, avec ce qu'il faut corriger ; rien n'est écrit.
#[derive(Debug, thiserror::Error)]
pub enum DebitFileError {
    #[error("Fiche du bailleur : {0}")]
    Creditor(String),
    #[error(
        "La date de prélèvement {} est passée (nous sommes le {}) : choisissez une date à venir",
        format_date(*date),
        format_date(*today)
    )]
    PastDate { date: NaiveDate, today: NaiveDate },
    #[error(transparent)]
    Sepa(#[from] SepaError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("Écriture du fichier « {path} » impossible : {reason} ; rien n'est enregistré")]
    Io { path: String, reason: String },
}

/// Lit les prélèvements déjà envoyés de la période et les mandats déjà employés.
pub fn load_file(
    repo: &Repo,
    landlord: Landlord,
    list: &DebitList,
    now: NaiveDateTime,
) -> Result<FileSnapshot, StoreError> {
    let mandates: Vec<String> = list.debits.iter().map(mandate).collect();
    Ok(FileSnapshot {
        taken_msg_ids: repo
            .debit_file_ids(&msg_id(&landlord.code, now))?
            .into_iter()
            .collect(),
        landlord,
        sent: repo.sent_debits(list.from, list.to)?,
        used_mandates: repo.used_mandates(&mandates)?,
    })
}

/// La RUM d'un prélèvement, normalisée si elle est valide (le fichier la contrôle).
fn mandate(debit: &Debit) -> String {
    validate::mandate_ref(&debit.mandate_ref).unwrap_or_else(|_| debit.mandate_ref.clone())
}

/// Le plan du fichier : fonction pure de la liste, de l'instantané et des options. Le
/// texte XML est écrit ici (en mémoire) : toute donnée refusée l'est dès le plan.
pub fn plan_file(
    list: &DebitList,
    snapshot: &FileSnapshot,
    options: &FileOptions,
) -> Result<FilePlan, DebitFileError> {
    let today = options.now.date();
    if options.collection_date < today {
        return Err(DebitFileError::PastDate {
            date: options.collection_date,
            today,
        });
    }
    let creditor = creditor(&snapshot.landlord)?;
    let mut plan = FilePlan {
        msg_id: free_msg_id(
            &snapshot.landlord.code,
            options.now,
            &snapshot.taken_msg_ids,
        ),
        version: options.version,
        collection_date: options.collection_date,
        debits: Vec::new(),
        already: Vec::new(),
        skipped: list.skipped.clone(),
        file: None,
    };
    for debit in &list.debits {
        let sent = snapshot
            .sent
            .iter()
            .find(|s| s.tenant == debit.tenant && s.debit_date == debit.date);
        if let Some(sent) = sent {
            plan.already.push(AlreadySent {
                debit: debit.clone(),
                sent: sent.clone(),
            });
            continue;
        }
        let sequence = if snapshot.used_mandates.contains(&mandate(debit)) {
            SequenceType::Recurring
        } else {
            SequenceType::First
        };
        plan.debits.push(PlannedDebit {
            debit: debit.clone(),
            end_to_end_id: end_to_end_id(&debit.tenant, debit.date),
            sequence,
            remittance: format!("Loyer {} {}", debit.date.format("%m/%Y"), debit.tenant),
        });
    }
    if plan.debits.is_empty() {
        return Ok(plan);
    }
    let file = DebitFile {
        msg_id: plan.msg_id.clone(),
        created_at: options.now,
        creditor,
        collections: collections(&plan.debits, options.collection_date)?,
    };
    let xml = sepa::write(&file, options.version)?;
    plan.file = Some((file, xml));
    Ok(plan)
}

/// Les prélèvements pour l'écrivain.
fn collections(
    debits: &[PlannedDebit],
    collection_date: NaiveDate,
) -> Result<Vec<Collection>, DebitFileError> {
    debits
        .iter()
        .map(|p| {
            let d = &p.debit;
            let signed = d.mandate_date.ok_or_else(|| {
                DebitFileError::Sepa(SepaError::Invalid {
                    place: format!("Prélèvement {} ({})", p.end_to_end_id, d.name),
                    problem: "date de signature du mandat non renseignée (onglet Règlement)"
                        .to_string(),
                })
            })?;
            let holder = d.account_holder.trim();
            Ok(Collection {
                end_to_end_id: p.end_to_end_id.clone(),
                amount: d.amount,
                mandate_id: mandate(d),
                mandate_signed: signed,
                sequence: p.sequence,
                debtor_name: if holder.is_empty() { &d.name } else { holder }.to_string(),
                debtor_iban: d.iban.clone(),
                debtor_bic: Some(d.bic.clone()).filter(|b| !b.trim().is_empty()),
                debtor_address: d.address.clone(),
                remittance: p.remittance.clone(),
                collection_date,
            })
        })
        .collect()
}

/// Le créancier d'après la fiche du bailleur : ce qui manque ou ne va pas est nommé.
fn creditor(landlord: &Landlord) -> Result<Creditor, DebitFileError> {
    let name = landlord.name.trim();
    if name.is_empty() {
        return Err(DebitFileError::Creditor(
            "renseignez le nom du bailleur".to_string(),
        ));
    }
    let check = |value: &str, label: &str, valid: fn(&str) -> Result<String, _>| {
        if value.trim().is_empty() {
            return Err(DebitFileError::Creditor(format!(
                "renseignez {label} : le fichier de prélèvements en a besoin"
            )));
        }
        valid(value).map_err(|e: validate::FieldError| {
            DebitFileError::Creditor(format!("{label} invalide ({e}) : corrigez-le"))
        })
    };
    Ok(Creditor {
        name: name.to_string(),
        iban: check(
            &landlord.iban,
            "l'IBAN du compte du bailleur",
            validate::iban,
        )?,
        bic: check(&landlord.bic, "le BIC du compte du bailleur", validate::bic)?,
        ics: check(
            &landlord.creditor_id,
            "l'identifiant créancier SEPA (ICS)",
            validate::creditor_id,
        )?,
    })
}

/// Identifiant du message : le code du bailleur (15 caractères au plus) et l'horodatage
/// à la seconde, 30 caractères au plus (`ABRI-20261206101500`).
pub fn msg_id(landlord_code: &str, now: NaiveDateTime) -> String {
    let code: String = landlord_code
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .take(15)
        .collect();
    format!("{code}-{}", now.format("%Y%m%d%H%M%S"))
}

/// L'identifiant du message, suivi de « -2 », « -3 »… si un fichier enregistré dans la
/// même seconde l'a déjà pris.
fn free_msg_id(landlord_code: &str, now: NaiveDateTime, taken: &HashSet<String>) -> String {
    let base = msg_id(landlord_code, now);
    (1..)
        .map(|n| {
            if n == 1 {
                base.clone()
            } else {
                format!("{base}-{n}")
            }
        })
        .find(|id| !taken.contains(id))
        .unwrap_or(base)
}

/// Référence de bout en bout : le locataire et la date de prélèvement de la liste
/// (`LOC012-20260305`), 35 caractères au plus ; unique par bailleur, un locataire n'ayant
/// qu'un prélèvement par date.
pub fn end_to_end_id(tenant: &str, date: NaiveDate) -> String {
    let tenant: String = tenant.chars().take(sepa::ID_MAX - 9).collect();
    format!("{tenant}-{}", date.format("%Y%m%d"))
}

/// Code de version tel qu'on l'enregistre.
fn version_code(version: PainVersion) -> &'static str {
    match version {
        PainVersion::V08 => "001.08",
        PainVersion::V02 => "001.02",
    }
}

/// Enregistre le fichier et ses prélèvements, puis écrit le fichier d'un coup à `path`,
/// dans la transaction de `Store::write` : si l'écriture échoue, l'erreur annule
/// l'enregistrement. Rien n'est fait s'il n'y a aucun prélèvement nouveau (`None`).
pub fn apply_file(
    repo: &Repo,
    plan: &FilePlan,
    path: &Path,
) -> Result<Option<i64>, DebitFileError> {
    let Some((file, xml)) = &plan.file else {
        return Ok(None);
    };
    let record = NewDebitFile {
        msg_id: file.msg_id.clone(),
        collection_date: plan.collection_date,
        file_name: path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        pain_version: version_code(plan.version).to_string(),
        debits: plan
            .debits
            .iter()
            .map(|p| NewFileDebit {
                tenant: p.debit.tenant.clone(),
                lease: p.debit.lease.clone(),
                debit_date: p.debit.date,
                end_to_end_id: p.end_to_end_id.clone(),
                amount: p.debit.amount,
                sequence: p.sequence.code().to_string(),
                mandate_ref: mandate(&p.debit),
            })
            .collect(),
    };
    let id = repo.record_debit_file(&record)?;
    write_atomically(path, xml.as_bytes()).map_err(|e| DebitFileError::Io {
        path: path.display().to_string(),
        reason: e.to_string(),
    })?;
    Ok(Some(id))
}

/// Le traitement entier, pour la ligne de commande et l'interface : la liste de la
/// période, le plan du fichier, puis (hors simulation, et s'il y a des prélèvements
/// nouveaux) le fichier écrit et enregistré dans une transaction. Rend le plan et si le
/// fichier a été écrit. Si la validation de la transaction échoue après l'écriture, le
/// fichier qu'elle venait de créer est retiré : ni fichier sans enregistrement, ni
/// l'inverse.
pub fn run(
    store: &mut Store,
    session: &Session,
    window: &DebitOptions,
    options: &FileOptions,
    path: &Path,
    simulation: bool,
) -> Result<(FilePlan, bool), DebitFileError> {
    let (list, snapshot) = {
        let repo = store.read(session);
        let list = plan(&load(&repo, window)?, window);
        let snapshot = load_file(&repo, store.landlord(session)?, &list, options.now)?;
        (list, snapshot)
    };
    let file_plan = plan_file(&list, &snapshot, options)?;
    if simulation || file_plan.file.is_none() {
        return Ok((file_plan, false));
    }
    let existed = path.exists();
    let written = store.write(session, "fichier de prélèvements", |repo| {
        apply_file(repo, &file_plan, path)
    });
    if let Err(e) = written {
        if !existed && path.exists() {
            let _ = std::fs::remove_file(path);
        }
        return Err(e);
    }
    Ok((file_plan, true))
}

/// Écrit `bytes` dans un fichier temporaire du dossier de `path`, le force sur le disque,
/// puis le renomme en `path` : on trouve l'ancien fichier ou le nouveau entier, jamais un
/// fichier à moitié écrit. Le fichier temporaire est effacé en cas d'erreur.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let name = path
        .file_name()
        .ok_or_else(|| std::io::Error::other("le chemin ne nomme pas un fichier"))?;
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let temp = dir.join(format!(
        ".{}.{}.tmp",
        name.to_string_lossy(),
        std::process::id()
    ));
    let result = (|| {
        let mut out = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)?;
        out.write_all(bytes)?;
        out.sync_all()?;
        std::fs::rename(&temp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}

/// Compte rendu du plan : le fichier et ses prélèvements, ceux déjà dans un fichier
/// (non repris), les locations écartées.
pub fn file_report(plan: &FilePlan) -> String {
    let mut out = String::new();
    if plan.debits.is_empty() {
        out.push_str("Aucun prélèvement nouveau : aucun fichier à écrire.\n");
    } else {
        out.push_str(&format!(
            "Fichier de prélèvements {} (pain.008.{}), échéance du {} :\n",
            plan.msg_id,
            version_code(plan.version),
            format_date(plan.collection_date)
        ));
        for p in &plan.debits {
            out.push_str(&format!(
                "  {} {} : {} € {} {} « {} »\n",
                p.debit.tenant,
                p.debit.name,
                format_money(p.debit.amount),
                p.sequence.code(),
                p.end_to_end_id,
                p.remittance
            ));
        }
        out.push_str(&format!(
            "Total : {} prélèvement(s), {} €\n",
            plan.debits.len(),
            format_money(plan.total())
        ));
    }
    if !plan.already.is_empty() {
        out.push_str(&format!(
            "Déjà dans un fichier, non repris : {} prélèvement(s)\n",
            plan.already.len()
        ));
        for a in &plan.already {
            out.push_str(&format!(
                "  {} {} du {} : fichier {} « {} », échéance du {}\n",
                a.debit.tenant,
                a.debit.name,
                format_date(a.debit.date),
                a.sent.msg_id,
                a.sent.file_name,
                format_date(a.sent.collection_date)
            ));
        }
    }
    for s in &plan.skipped {
        out.push_str(&format!(
            "Écarté : {} {} ({}) : {}\n",
            s.tenant, s.name, s.lease, s.reason
        ));
    }
    out
}
