//! Fichier de prélèvements SEPA pour la banque : message ISO 20022 `pain.008`
//! (« CustomerDirectDebitInitiation », SEPA Core Direct Debit, instrument local CORE),
//! en version `pain.008.001.08` (celle que les banques françaises exigent depuis
//! novembre 2025) ou `pain.008.001.02` pour une banque qui la prend encore.
//!
//! Écrivain pur : des données déjà calculées (liste des prélèvements) au texte XML, sans
//! entrée-sortie. Les données sont d'abord contrôlées et normalisées ([`prepare`]) :
//! toute erreur est refusée avec un message en français qui dit quoi corriger, et rien
//! n'est écrit. Voir `docs/formats/sepa.md`.

pub mod charset;
mod pain008;
pub mod returns;

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime};

use crate::model::money::to_cents;
use crate::model::validate::{self, FieldError};
use crate::model::Money;
use charset::{to_sepa_text, NAME_MAX, POSTCODE_MAX, REMITTANCE_MAX, STREET_MAX, TOWN_MAX};

/// Longueur maximale des identifiants (MsgId, PmtInfId, EndToEndId) : `Max35Text`.
pub const ID_MAX: usize = 35;

/// Plus grand montant d'un prélèvement selon le recueil de règles de l'EPC.
const AMOUNT_MAX_CENTS: i64 = 99_999_999_999;

/// Version du message `pain.008` attendue par la banque.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PainVersion {
    /// `pain.008.001.08` (2019), la norme des recueils de l'EPC.
    #[default]
    V08,
    /// `pain.008.001.02` (2009), pour une banque qui ne prend pas encore la 08.
    V02,
}

impl PainVersion {
    /// L'espace de noms XML du message.
    pub fn namespace(self) -> &'static str {
        match self {
            PainVersion::V08 => "urn:iso:std:iso:20022:tech:xsd:pain.008.001.08",
            PainVersion::V02 => "urn:iso:std:iso:20022:tech:xsd:pain.008.001.02",
        }
    }
}

/// Type de séquence d'un prélèvement (`SeqTp`). L'ordre de déclaration est l'ordre des
/// lots dans le fichier pour une même date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SequenceType {
    /// Premier prélèvement d'un mandat récurrent (FRST).
    First,
    /// Prélèvement suivant d'un mandat récurrent (RCUR).
    Recurring,
    /// Dernier prélèvement d'un mandat récurrent (FNAL).
    Final,
    /// Prélèvement unique (OOFF).
    OneOff,
}

impl SequenceType {
    /// Le code ISO 20022.
    pub fn code(self) -> &'static str {
        match self {
            SequenceType::First => "FRST",
            SequenceType::Recurring => "RCUR",
            SequenceType::Final => "FNAL",
            SequenceType::OneOff => "OOFF",
        }
    }
}

/// Le créancier (le bailleur) : son nom, son compte et son identifiant créancier SEPA.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Creditor {
    pub name: String,
    pub iban: String,
    pub bic: String,
    /// Identifiant créancier SEPA (ICS), par exemple `FR72ZZZ123456`.
    pub ics: String,
}

/// Adresse structurée du débiteur (la ville et le pays au moins).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DebtorAddress {
    pub street: Option<String>,
    pub postcode: Option<String>,
    pub town: String,
    /// Code pays ISO 3166 en deux lettres, par exemple `FR`.
    pub country: String,
}

/// Un prélèvement à demander à la banque.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Collection {
    /// Référence de bout en bout, unique dans le fichier, renvoyée par la banque.
    pub end_to_end_id: String,
    pub amount: Money,
    /// Référence unique du mandat (RUM).
    pub mandate_id: String,
    pub mandate_signed: NaiveDate,
    pub sequence: SequenceType,
    pub debtor_name: String,
    pub debtor_iban: String,
    /// BIC de la banque du débiteur ; facultatif en SEPA (`NOTPROVIDED` s'il manque).
    pub debtor_bic: Option<String>,
    pub debtor_address: Option<DebtorAddress>,
    /// Libellé pour le relevé du débiteur, par exemple « Loyer 03/2026 LOC012 ».
    pub remittance: String,
    /// Date d'échéance demandée (`ReqdColltnDt`).
    pub collection_date: NaiveDate,
}

/// Le contenu d'un fichier de prélèvements.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DebitFile {
    /// Identifiant du message, unique par fichier.
    pub msg_id: String,
    pub created_at: NaiveDateTime,
    pub creditor: Creditor,
    pub collections: Vec<Collection>,
}

/// Un fichier refusé : ce qui est en cause et ce qu'il faut corriger.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SepaError {
    #[error("Fichier de prélèvements vide : aucun prélèvement à transmettre à la banque")]
    Empty,
    /// Un IBAN, un BIC, un ICS ou une RUM refusé par les contrôles du modèle.
    #[error("{place} : {error}")]
    Field { place: String, error: FieldError },
    /// Une autre donnée refusée.
    #[error("{place} : {problem}")]
    Invalid { place: String, problem: String },
    /// L'écriture du XML a échoué (ne devrait pas arriver en mémoire).
    #[error("Écriture du fichier de prélèvements impossible : {0}")]
    Write(String),
}

/// Écrit le fichier `pain.008` de `file` dans la `version` demandée (texte XML en UTF-8).
pub fn write(file: &DebitFile, version: PainVersion) -> Result<String, SepaError> {
    let ready = prepare(file)?;
    pain008::write(&ready, version)
}

/// Données contrôlées et normalisées, prêtes à écrire.
#[derive(Debug)]
pub(crate) struct Ready {
    pub msg_id: String,
    pub created_at: NaiveDateTime,
    pub creditor: Creditor,
    pub count: usize,
    pub total_cents: i64,
    pub blocks: Vec<Block>,
}

/// Un lot (`PmtInf`) : les prélèvements d'un même type de séquence à une même date.
#[derive(Debug)]
pub(crate) struct Block {
    pub id: String,
    pub sequence: SequenceType,
    pub date: NaiveDate,
    pub total_cents: i64,
    pub debits: Vec<ReadyDebit>,
}

/// Un prélèvement contrôlé : identifiants normalisés, textes dans le jeu SEPA.
#[derive(Debug)]
pub(crate) struct ReadyDebit {
    pub end_to_end_id: String,
    pub cents: i64,
    pub mandate_id: String,
    pub mandate_signed: NaiveDate,
    pub debtor_name: String,
    pub debtor_iban: String,
    pub debtor_bic: Option<String>,
    pub debtor_address: Option<DebtorAddress>,
    pub remittance: String,
}

/// Contrôle et normalise tout le fichier, puis range les prélèvements en lots par
/// (date, type de séquence), dans l'ordre des dates puis FRST, RCUR, FNAL, OOFF ; dans
/// un lot, l'ordre de la liste est gardé.
fn prepare(file: &DebitFile) -> Result<Ready, SepaError> {
    if file.collections.is_empty() {
        return Err(SepaError::Empty);
    }
    check_identifier("Identifiant du message (MsgId)", &file.msg_id)?;
    let creditor = prepare_creditor(&file.creditor)?;
    let mut groups: BTreeMap<(NaiveDate, SequenceType), Vec<ReadyDebit>> = BTreeMap::new();
    let mut seen = std::collections::HashSet::new();
    for (index, collection) in file.collections.iter().enumerate() {
        let place = debit_place(index, &collection.end_to_end_id);
        if !seen.insert(collection.end_to_end_id.as_str()) {
            return Err(invalid(
                &place,
                "la référence de bout en bout (EndToEndId) figure déjà dans le fichier ; \
                 chaque prélèvement doit avoir la sienne",
            ));
        }
        let debit = prepare_debit(&place, collection, file.created_at.date())?;
        groups
            .entry((collection.collection_date, collection.sequence))
            .or_default()
            .push(debit);
    }
    let blocks = make_blocks(&file.msg_id, groups);
    Ok(Ready {
        msg_id: file.msg_id.clone(),
        created_at: file.created_at,
        creditor,
        count: file.collections.len(),
        total_cents: blocks.iter().map(|b| b.total_cents).sum(),
        blocks,
    })
}

/// Les lots numérotés, chacun avec son total. `PmtInfId` = MsgId (raccourci si besoin)
/// + « - » + numéro du lot, 35 caractères au plus.
fn make_blocks(
    msg_id: &str,
    groups: BTreeMap<(NaiveDate, SequenceType), Vec<ReadyDebit>>,
) -> Vec<Block> {
    groups
        .into_iter()
        .enumerate()
        .map(|(index, ((date, sequence), debits))| {
            let suffix = format!("-{}", index + 1);
            // MsgId est contrôlé : de l'ASCII, couper aux octets est sûr.
            let keep = msg_id.len().min(ID_MAX - suffix.len());
            Block {
                id: format!("{}{suffix}", &msg_id[..keep]),
                sequence,
                date,
                total_cents: debits.iter().map(|d| d.cents).sum(),
                debits,
            }
        })
        .collect()
}

/// Le créancier contrôlé (IBAN, BIC, ICS) et son nom dans le jeu SEPA.
fn prepare_creditor(creditor: &Creditor) -> Result<Creditor, SepaError> {
    let place = "Créancier (bailleur)";
    let field = |error| SepaError::Field {
        place: place.to_string(),
        error,
    };
    Ok(Creditor {
        name: required_name(place, "nom", &creditor.name)?,
        iban: validate::iban(&creditor.iban).map_err(field)?,
        bic: validate::bic(&creditor.bic).map_err(field)?,
        ics: validate::creditor_id(&creditor.ics).map_err(field)?,
    })
}

/// Un prélèvement contrôlé ; `created` est la date de création du fichier.
fn prepare_debit(
    place: &str,
    collection: &Collection,
    created: NaiveDate,
) -> Result<ReadyDebit, SepaError> {
    let field = |error| SepaError::Field {
        place: place.to_string(),
        error,
    };
    check_identifier_at(
        place,
        "référence de bout en bout (EndToEndId)",
        &collection.end_to_end_id,
    )?;
    let cents = check_amount(place, collection.amount)?;
    check_dates(place, collection, created)?;
    let debtor_bic = match &collection.debtor_bic {
        Some(bic) if !bic.trim().is_empty() => Some(validate::bic(bic).map_err(field)?),
        _ => None,
    };
    let debtor_address = match &collection.debtor_address {
        Some(address) => Some(prepare_address(place, address)?),
        None => None,
    };
    Ok(ReadyDebit {
        end_to_end_id: collection.end_to_end_id.clone(),
        cents,
        mandate_id: validate::mandate_ref(&collection.mandate_id).map_err(field)?,
        mandate_signed: collection.mandate_signed,
        debtor_name: required_name(place, "nom du débiteur", &collection.debtor_name)?,
        debtor_iban: validate::iban(&collection.debtor_iban).map_err(field)?,
        debtor_bic,
        debtor_address,
        remittance: to_sepa_text(&collection.remittance, REMITTANCE_MAX),
    })
}

/// Le montant en centimes : au moins 0,01 €, au plus 999 999 999,99 €, deux décimales.
fn check_amount(place: &str, amount: Money) -> Result<i64, SepaError> {
    let shown = amount.to_string().replace('.', ",");
    match to_cents(amount) {
        None => Err(invalid(
            place,
            &format!("le montant {shown} € doit avoir au plus deux décimales"),
        )),
        Some(cents) if cents <= 0 => Err(invalid(
            place,
            &format!("le montant {shown} € doit être supérieur à zéro"),
        )),
        Some(cents) if cents > AMOUNT_MAX_CENTS => Err(invalid(
            place,
            &format!("le montant {shown} € dépasse le maximum SEPA de 999 999 999,99 €"),
        )),
        Some(cents) => Ok(cents),
    }
}

/// Le mandat est signé au plus tard à l'échéance, qui ne précède pas la création.
fn check_dates(place: &str, collection: &Collection, created: NaiveDate) -> Result<(), SepaError> {
    let day = |d: NaiveDate| d.format("%d/%m/%Y").to_string();
    if collection.collection_date < created {
        return Err(invalid(
            place,
            &format!(
                "la date de prélèvement {} est antérieure à la création du fichier ({}) ; \
                 choisissez une date à venir",
                day(collection.collection_date),
                day(created)
            ),
        ));
    }
    if collection.mandate_signed > collection.collection_date {
        return Err(invalid(
            place,
            &format!(
                "le mandat est signé le {}, après la date de prélèvement {} ; \
                 vérifiez la date de signature du mandat",
                day(collection.mandate_signed),
                day(collection.collection_date)
            ),
        ));
    }
    Ok(())
}

/// L'adresse dans le jeu SEPA ; ville obligatoire, pays en deux lettres.
fn prepare_address(place: &str, address: &DebtorAddress) -> Result<DebtorAddress, SepaError> {
    let optional = |text: &Option<String>, max| {
        text.as_deref()
            .map(|t| to_sepa_text(t, max))
            .filter(|t| !t.is_empty())
    };
    let town = to_sepa_text(&address.town, TOWN_MAX);
    if town.is_empty() {
        return Err(invalid(
            place,
            "l'adresse du débiteur doit indiquer la ville",
        ));
    }
    let country = address.country.trim().to_ascii_uppercase();
    if country.len() != 2 || !country.bytes().all(|b| b.is_ascii_uppercase()) {
        return Err(invalid(
            place,
            &format!(
                "le pays de l'adresse du débiteur « {} » doit être un code en deux lettres (FR pour la France)",
                address.country
            ),
        ));
    }
    Ok(DebtorAddress {
        street: optional(&address.street, STREET_MAX),
        postcode: optional(&address.postcode, POSTCODE_MAX),
        town,
        country,
    })
}

/// Un nom dans le jeu SEPA, 70 caractères au plus ; refusé s'il ne reste rien.
fn required_name(place: &str, label: &str, name: &str) -> Result<String, SepaError> {
    let text = to_sepa_text(name, NAME_MAX);
    if text.is_empty() {
        return Err(invalid(
            place,
            &format!("le {label} est obligatoire (lettres ou chiffres)"),
        ));
    }
    Ok(text)
}

/// Un identifiant du message (MsgId) : voir [`identifier_problem`].
fn check_identifier(label: &str, value: &str) -> Result<(), SepaError> {
    match identifier_problem(value) {
        Some(problem) => Err(invalid(label, &problem)),
        None => Ok(()),
    }
}

/// Un identifiant d'un prélèvement, le problème précédé de son nom.
fn check_identifier_at(place: &str, label: &str, value: &str) -> Result<(), SepaError> {
    match identifier_problem(value) {
        Some(problem) => Err(invalid(place, &format!("{label} : {problem}"))),
        None => Ok(()),
    }
}

/// Ce qui ne va pas dans un identifiant SEPA : 1 à 35 caractères du jeu SEPA, ni
/// « / » au début ni « // » (règles de l'EPC).
fn identifier_problem(value: &str) -> Option<String> {
    let found = value.chars().count();
    if value.trim().is_empty() {
        return Some("obligatoire".to_string());
    }
    if found > ID_MAX {
        return Some(format!(
            "« {value} » : {ID_MAX} caractères au maximum, {found} saisis"
        ));
    }
    if let Some(c) = value.chars().find(|&c| !charset::is_sepa_char(c)) {
        return Some(format!(
            "« {value} » : le caractère « {c} » n'est pas autorisé \
             (lettres sans accent, chiffres, espace et / - ? : ( ) . , ' + uniquement)"
        ));
    }
    if value.starts_with('/') || value.contains("//") {
        return Some(format!(
            "« {value} » ne doit ni commencer par « / » ni contenir « // »"
        ));
    }
    None
}

/// « Prélèvement n° 3 (LOC012-202603) », pour situer une erreur.
fn debit_place(index: usize, end_to_end_id: &str) -> String {
    if end_to_end_id.trim().is_empty() {
        format!("Prélèvement n° {}", index + 1)
    } else {
        format!("Prélèvement n° {} ({end_to_end_id})", index + 1)
    }
}

fn invalid(place: &str, problem: &str) -> SepaError {
    SepaError::Invalid {
        place: place.to_string(),
        problem: problem.to_string(),
    }
}
