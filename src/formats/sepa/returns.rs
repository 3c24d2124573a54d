//! Lecture des retours de la banque sur les prélèvements (étape 5 du manuel) :
//! - `camt.054` (« BankToCustomerDebitCreditNotification ») : les prélèvements crédités
//!   sur le compte du créancier, et les retours après crédit (écriture au débit) ;
//!   versions 001.02 et 001.08 ;
//! - `pain.002` (« CustomerPaymentStatusReport ») : les prélèvements rejetés avant
//!   règlement, avec leur motif ; versions 001.03 et 001.10.
//!
//! Lecteur pur et en flux (quick-xml, sans arbre en mémoire) : des octets au
//! [`BankReturn`]. La version se reconnaît à l'espace de noms de `Document`. Les éléments
//! lus sont décrits par des chemins (tables [`CAMT_FIELDS`] et [`PAIN002_FIELDS`]) ;
//! voir `docs/formats/sepa.md`.

use chrono::NaiveDate;
use quick_xml::events::Event;
use quick_xml::Reader;
use rust_decimal::Decimal;

use crate::model::Money;

/// Le type de message d'un retour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReturnKind {
    /// `camt.054` : avis de crédit et de débit.
    Camt054,
    /// `pain.002` : compte rendu de statut (rejets).
    Pain002,
}

impl ReturnKind {
    pub fn label(self) -> &'static str {
        match self {
            ReturnKind::Camt054 => "camt.054",
            ReturnKind::Pain002 => "pain.002",
        }
    }
}

/// Les versions lues, par espace de noms.
const VERSIONS: [(&str, ReturnKind, &str); 4] = [
    (
        "urn:iso:std:iso:20022:tech:xsd:camt.054.001.02",
        ReturnKind::Camt054,
        "001.02",
    ),
    (
        "urn:iso:std:iso:20022:tech:xsd:camt.054.001.08",
        ReturnKind::Camt054,
        "001.08",
    ),
    (
        "urn:iso:std:iso:20022:tech:xsd:pain.002.001.03",
        ReturnKind::Pain002,
        "001.03",
    ),
    (
        "urn:iso:std:iso:20022:tech:xsd:pain.002.001.10",
        ReturnKind::Pain002,
        "001.10",
    ),
];

/// Ce que la banque dit d'un prélèvement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Crédité sur le compte du créancier.
    Booked,
    /// Rejeté (pain.002) ou retourné après crédit (camt.054 au débit), avec le code motif
    /// ISO (AM04, MD01…), vide si la banque n'en donne pas.
    Rejected { reason: String },
}

/// Un prélèvement du retour.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReturnItem {
    /// Rang dans le fichier (1, 2…), pour le compte rendu.
    pub rank: usize,
    pub end_to_end_id: String,
    pub amount: Money,
    /// Date de l'opération : date de valeur (à défaut de comptabilisation) du crédit ou
    /// du retour ; date du compte rendu pour un rejet pain.002.
    pub date: NaiveDate,
    pub outcome: Outcome,
    pub debtor_name: String,
}

/// Un fichier de retour lu.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BankReturn {
    pub kind: ReturnKind,
    /// « 001.02 », « 001.08 », « 001.03 » ou « 001.10 ».
    pub version: &'static str,
    /// Identifiant du message (GrpHdr/MsgId).
    pub msg_id: String,
    /// Date de création du message.
    pub created: NaiveDate,
    /// IBAN du compte du créancier (camt.054 : le compte avisé ; pain.002 : celui du
    /// prélèvement d'origine, s'il est repris).
    pub creditor_ibans: Vec<String>,
    /// ICS du créancier repris par la banque, s'il l'est.
    pub creditor_ics: Vec<String>,
    /// pain.002 : le fichier d'origine (OrgnlMsgId) et, s'il est rejeté en entier
    /// (GrpSts = RJCT), le motif.
    pub original_msg_id: Option<String>,
    pub group_rejection: Option<String>,
    pub items: Vec<ReturnItem>,
    /// Écritures du camt.054 laissées de côté (statut autre que BOOK, écriture sans
    /// détail de prélèvement), en français.
    pub ignored: Vec<String>,
}

/// Un fichier refusé : ce qui ne va pas et où.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReturnError {
    #[error("Le fichier est vide : ce n'est pas un retour de la banque")]
    Empty,
    #[error("Le fichier n'est pas un XML lisible ({0}) : ce n'est pas un retour camt.054 ou pain.002 de la banque")]
    NotXml(String),
    #[error("Le fichier est un message « {0} », pas un retour de prélèvements : attendu camt.054 (001.02 ou 001.08) ou pain.002 (001.03 ou 001.10)")]
    OtherMessage(String),
    #[error("{place} : {problem}")]
    Invalid { place: String, problem: String },
}

/// Lit un retour de la banque.
pub fn read_return(bytes: &[u8]) -> Result<BankReturn, ReturnError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ReturnError::Empty);
    }
    let text =
        std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)).map_err(|e| {
            ReturnError::NotXml(format!(
                "octets hors UTF-8 à la position {}",
                e.valid_up_to()
            ))
        })?;
    let mut parser = Parser::default();
    scan(text, &mut parser)?;
    parser.finish()
}

/// Ce qu'un élément lu renseigne (colonne de droite des tables de chemins).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    MsgId,
    Created,
    CreditorIban,
    CreditorIcs,
    OriginalMsgId,
    GroupStatus,
    GroupReason,
    EntryAmount,
    EntrySide,
    EntryReversal,
    EntryStatus,
    EntryBooked,
    EntryValue,
    TxEndToEnd,
    TxAmount,
    TxSide,
    TxStatus,
    TxReason,
    TxDebtor,
    TxCollectionDate,
}

/// camt.054 (001.02 et 001.08) : chemin sous `Document/BkToCstmrDbtCdtNtfctn`, champ.
/// Un chemin se termine par les éléments donnés ; `Ntry` et `TxDtls` délimitent les
/// enregistrements.
pub const CAMT_FIELDS: &[(&str, Field)] = &[
    ("GrpHdr/MsgId", Field::MsgId),
    ("GrpHdr/CreDtTm", Field::Created),
    ("Ntfctn/Acct/Id/IBAN", Field::CreditorIban),
    ("Ntry/Amt", Field::EntryAmount),
    ("Ntry/CdtDbtInd", Field::EntrySide),
    ("Ntry/RvslInd", Field::EntryReversal),
    ("Ntry/Sts", Field::EntryStatus),
    ("Ntry/Sts/Cd", Field::EntryStatus),
    ("Ntry/BookgDt/Dt", Field::EntryBooked),
    ("Ntry/ValDt/Dt", Field::EntryValue),
    ("TxDtls/Refs/EndToEndId", Field::TxEndToEnd),
    ("TxDtls/Amt", Field::TxAmount),
    ("TxDtls/AmtDtls/TxAmt/Amt", Field::TxAmount),
    ("TxDtls/CdtDbtInd", Field::TxSide),
    ("TxDtls/RtrInf/Rsn/Cd", Field::TxReason),
    ("TxDtls/RltdPties/Dbtr/Nm", Field::TxDebtor),
    ("TxDtls/RltdPties/Dbtr/Pty/Nm", Field::TxDebtor),
    ("TxDtls/RltdPties/CdtrAcct/Id/IBAN", Field::CreditorIban),
    (
        "TxDtls/RltdPties/Cdtr/Id/PrvtId/Othr/Id",
        Field::CreditorIcs,
    ),
    (
        "TxDtls/RltdPties/Cdtr/Pty/Id/PrvtId/Othr/Id",
        Field::CreditorIcs,
    ),
];

/// pain.002 (001.03 et 001.10) : chemin sous `Document/CstmrPmtStsRpt`, champ.
/// `TxInfAndSts` délimite un enregistrement.
pub const PAIN002_FIELDS: &[(&str, Field)] = &[
    ("GrpHdr/MsgId", Field::MsgId),
    ("GrpHdr/CreDtTm", Field::Created),
    ("OrgnlGrpInfAndSts/OrgnlMsgId", Field::OriginalMsgId),
    ("OrgnlGrpInfAndSts/GrpSts", Field::GroupStatus),
    ("OrgnlGrpInfAndSts/StsRsnInf/Rsn/Cd", Field::GroupReason),
    ("TxInfAndSts/OrgnlEndToEndId", Field::TxEndToEnd),
    ("TxInfAndSts/TxSts", Field::TxStatus),
    ("TxInfAndSts/StsRsnInf/Rsn/Cd", Field::TxReason),
    ("TxInfAndSts/OrgnlTxRef/Amt/InstdAmt", Field::TxAmount),
    (
        "TxInfAndSts/OrgnlTxRef/ReqdColltnDt",
        Field::TxCollectionDate,
    ),
    ("TxInfAndSts/OrgnlTxRef/Dbtr/Nm", Field::TxDebtor),
    ("TxInfAndSts/OrgnlTxRef/Dbtr/Pty/Nm", Field::TxDebtor),
    (
        "TxInfAndSts/OrgnlTxRef/CdtrAcct/Id/IBAN",
        Field::CreditorIban,
    ),
    (
        "TxInfAndSts/OrgnlTxRef/CdtrSchmeId/Id/PrvtId/Othr/Id",
        Field::CreditorIcs,
    ),
];

/// Le champ d'un chemin d'éléments ouverts, selon la table du message.
fn field_of(path: &[String], table: &[(&str, Field)]) -> Option<Field> {
    table.iter().find_map(|(suffix, name)| {
        let parts: Vec<&str> = suffix.split('/').collect();
        let ends = path.len() >= parts.len()
            && path[path.len() - parts.len()..]
                .iter()
                .zip(&parts)
                .all(|(a, b)| a == b);
        ends.then_some(*name)
    })
}

/// Ce que le lecteur en flux signale : un élément ouvert, son texte, sa fermeture.
trait Visitor {
    fn open(&mut self, path: &[String], namespace: Option<&str>) -> Result<(), ReturnError>;
    fn text(&mut self, path: &[String], text: &str) -> Result<(), ReturnError>;
    fn close(&mut self, path: &[String]) -> Result<(), ReturnError>;
}

/// Parcourt le XML en flux ; le texte d'un élément est rendu en un morceau à sa
/// fermeture (entités résolues).
fn scan(text: &str, visitor: &mut dyn Visitor) -> Result<(), ReturnError> {
    let mut reader = Reader::from_str(text);
    reader.config_mut().trim_text(true);
    let mut path: Vec<String> = Vec::new();
    let mut content = String::new();
    let not_xml = |reader: &Reader<&[u8]>, e: &dyn std::fmt::Display| {
        ReturnError::NotXml(format!("{e}, vers l'octet {}", reader.buffer_position()))
    };
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => {
                path.push(e.local_name().as_ref().to_string());
                content.clear();
                visitor.open(&path, namespace_of(&e).as_deref())?;
            }
            Ok(Event::Empty(e)) => {
                path.push(e.local_name().as_ref().to_string());
                visitor.open(&path, namespace_of(&e).as_deref())?;
                visitor.close(&path)?;
                path.pop();
            }
            Ok(Event::Text(t)) => content.push_str(&t.xml10_content()),
            Ok(Event::CData(t)) => content.push_str(&t.xml10_content()),
            Ok(Event::GeneralRef(r)) => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    _ => {
                        let name = r.xml10_content();
                        quick_xml::escape::resolve_predefined_entity(&name)
                            .map(str::to_string)
                            .ok_or_else(|| {
                                not_xml(&reader, &format!("entité inconnue « &{name}; »"))
                            })?
                    }
                };
                content.push_str(&resolved);
            }
            Ok(Event::End(_)) => {
                if !content.trim().is_empty() {
                    visitor.text(&path, content.trim())?;
                }
                content.clear();
                visitor.close(&path)?;
                path.pop();
            }
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => return Err(not_xml(&reader, &e)),
        }
    }
    if !path.is_empty() {
        return Err(ReturnError::NotXml(format!(
            "l'élément « {} » n'est pas refermé (fichier tronqué ?)",
            path.join("/")
        )));
    }
    Ok(())
}

/// L'espace de noms déclaré sur un élément (`xmlns` ou `xmlns:préfixe`).
fn namespace_of(e: &quick_xml::events::BytesStart<'_>) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == "xmlns" || a.key.as_ref().starts_with("xmlns:"))
        .map(|a| a.value.to_string())
}

/// Une écriture du camt.054 en cours de lecture.
#[derive(Debug, Default)]
struct Entry {
    amount: Option<String>,
    side: String,
    reversal: bool,
    status: String,
    booked: Option<String>,
    value: Option<String>,
    details: Vec<Tx>,
}

/// Un prélèvement en cours de lecture (TxDtls ou TxInfAndSts).
#[derive(Debug, Default, Clone)]
struct Tx {
    end_to_end_id: String,
    amount: Option<String>,
    side: String,
    status: String,
    reason: String,
    debtor: String,
    collection_date: Option<String>,
}

/// Le lecteur : reconnaît le message, puis range les champs.
#[derive(Default)]
struct Parser {
    kind: Option<(ReturnKind, &'static str)>,
    root_checked: bool,
    msg_id: String,
    created: Option<String>,
    creditor_ibans: Vec<String>,
    creditor_ics: Vec<String>,
    original_msg_id: Option<String>,
    group_status: String,
    group_reason: String,
    entry: Option<Entry>,
    tx: Option<Tx>,
    items: Vec<ReturnItem>,
    ignored: Vec<String>,
    entries_seen: usize,
}

impl Visitor for Parser {
    fn open(&mut self, path: &[String], namespace: Option<&str>) -> Result<(), ReturnError> {
        if !self.root_checked {
            self.root_checked = true;
            return self.recognise(&path[0], namespace);
        }
        let last = path.last().map(String::as_str);
        match (self.kind.map(|k| k.0), last) {
            (Some(ReturnKind::Camt054), Some("Ntry")) => {
                self.entries_seen += 1;
                self.entry = Some(Entry::default());
            }
            (Some(ReturnKind::Camt054), Some("TxDtls")) if self.entry.is_some() => {
                self.tx = Some(Tx::default());
            }
            (Some(ReturnKind::Pain002), Some("TxInfAndSts")) => self.tx = Some(Tx::default()),
            _ => {}
        }
        Ok(())
    }

    fn text(&mut self, path: &[String], text: &str) -> Result<(), ReturnError> {
        let table = match self.kind.map(|k| k.0) {
            Some(ReturnKind::Camt054) => CAMT_FIELDS,
            Some(ReturnKind::Pain002) => PAIN002_FIELDS,
            None => return Ok(()),
        };
        let Some(field) = field_of(path, table) else {
            return Ok(());
        };
        let value = text.to_string();
        use Field::*;
        match field {
            MsgId if path.len() == 4 => self.msg_id = value,
            Created if path.len() == 4 => self.created = Some(value),
            CreditorIban => push_unique(&mut self.creditor_ibans, normalise_id(&value)),
            CreditorIcs => push_unique(&mut self.creditor_ics, normalise_id(&value)),
            OriginalMsgId => self.original_msg_id = Some(value),
            GroupStatus => self.group_status = value,
            GroupReason => self.group_reason = value,
            _ => self.record_field(field, value),
        }
        Ok(())
    }

    fn close(&mut self, path: &[String]) -> Result<(), ReturnError> {
        match (self.kind.map(|k| k.0), path.last().map(String::as_str)) {
            (Some(ReturnKind::Camt054), Some("TxDtls")) => {
                if let (Some(entry), Some(tx)) = (self.entry.as_mut(), self.tx.take()) {
                    entry.details.push(tx);
                }
            }
            (Some(ReturnKind::Camt054), Some("Ntry")) => {
                if let Some(entry) = self.entry.take() {
                    self.close_entry(entry)?;
                }
            }
            (Some(ReturnKind::Pain002), Some("TxInfAndSts")) => {
                if let Some(tx) = self.tx.take() {
                    self.close_status(tx)?;
                }
            }
            _ => {}
        }
        Ok(())
    }
}

impl Parser {
    /// La racine doit être un `Document` d'un espace de noms connu.
    fn recognise(&mut self, root: &str, namespace: Option<&str>) -> Result<(), ReturnError> {
        let namespace = namespace.unwrap_or("");
        if let Some((_, kind, version)) = VERSIONS.iter().find(|(ns, ..)| *ns == namespace) {
            self.kind = Some((*kind, version));
            return Ok(());
        }
        let message = namespace
            .rsplit(':')
            .next()
            .filter(|m| !m.is_empty())
            .unwrap_or(root);
        Err(ReturnError::OtherMessage(message.to_string()))
    }

    /// Un champ d'enregistrement : d'abord le prélèvement ouvert, sinon l'écriture.
    fn record_field(&mut self, field: Field, value: String) {
        use Field::*;
        if let Some(tx) = self.tx.as_mut() {
            match field {
                TxEndToEnd => tx.end_to_end_id = value,
                TxAmount => tx.amount = Some(value),
                TxSide => tx.side = value,
                TxStatus => tx.status = value,
                TxReason => tx.reason = value,
                TxDebtor => tx.debtor = value,
                TxCollectionDate => tx.collection_date = Some(value),
                _ => {}
            }
            return;
        }
        if let Some(entry) = self.entry.as_mut() {
            match field {
                EntryAmount => entry.amount = Some(value),
                EntrySide => entry.side = value,
                EntryReversal => entry.reversal = value == "true" || value == "1",
                EntryStatus => entry.status = value,
                EntryBooked => entry.booked = Some(value),
                EntryValue => entry.value = Some(value),
                _ => {}
            }
        }
    }

    /// Une écriture lue : ses prélèvements, crédités ou retournés.
    fn close_entry(&mut self, entry: Entry) -> Result<(), ReturnError> {
        let n = self.entries_seen;
        let place = format!("écriture n° {n} (Ntry)");
        if entry.status != "BOOK" {
            self.ignored.push(format!(
                "{place} : statut « {} », pas encore comptabilisée par la banque (BOOK) : laissée de côté",
                entry.status
            ));
            return Ok(());
        }
        let date_text = entry
            .value
            .or(entry.booked)
            .ok_or_else(|| ReturnError::Invalid {
                place: place.clone(),
                problem: "ni date de valeur (ValDt) ni date de comptabilisation (BookgDt)".into(),
            })?;
        let date = parse_date(&place, "date de l'écriture", &date_text)?;
        if entry.details.is_empty() {
            self.ignored.push(format!(
                "{place} : aucun détail de prélèvement (TxDtls) : laissée de côté"
            ));
            return Ok(());
        }
        let single = entry.details.len() == 1;
        for (i, tx) in entry.details.iter().enumerate() {
            let tx_place = format!("{place}, détail n° {}", i + 1);
            let amount_text = tx
                .amount
                .clone()
                .or_else(|| single.then(|| entry.amount.clone()).flatten())
                .ok_or_else(|| ReturnError::Invalid {
                    place: tx_place.clone(),
                    problem: "montant du prélèvement absent (Amt)".into(),
                })?;
            let side = if tx.side.is_empty() {
                &entry.side
            } else {
                &tx.side
            };
            let returned = side == "DBIT" || entry.reversal || !tx.reason.is_empty();
            let outcome = if returned {
                Outcome::Rejected {
                    reason: tx.reason.clone(),
                }
            } else {
                Outcome::Booked
            };
            self.push_item(&tx_place, tx, &amount_text, date, outcome)?;
        }
        Ok(())
    }

    /// Un statut de pain.002 : seuls les rejets (RJCT) comptent.
    fn close_status(&mut self, tx: Tx) -> Result<(), ReturnError> {
        let place = format!(
            "statut n° {} (TxInfAndSts)",
            self.items.len() + self.ignored.len() + 1
        );
        let status = if tx.status.is_empty() {
            self.group_status.clone()
        } else {
            tx.status.clone()
        };
        if status != "RJCT" {
            self.ignored.push(format!(
                "{place} : {} au statut « {status} », pas un rejet : rien à faire",
                tx.end_to_end_id
            ));
            return Ok(());
        }
        let created = self.created_date()?;
        let amount = tx.amount.clone().ok_or_else(|| ReturnError::Invalid {
            place: place.clone(),
            problem: "montant du prélèvement d'origine absent (OrgnlTxRef/Amt/InstdAmt)".into(),
        })?;
        let reason = if tx.reason.is_empty() {
            self.group_reason.clone()
        } else {
            tx.reason.clone()
        };
        self.push_item(&place, &tx, &amount, created, Outcome::Rejected { reason })
    }

    fn push_item(
        &mut self,
        place: &str,
        tx: &Tx,
        amount: &str,
        date: NaiveDate,
        outcome: Outcome,
    ) -> Result<(), ReturnError> {
        if tx.end_to_end_id.trim().is_empty() {
            return Err(ReturnError::Invalid {
                place: place.to_string(),
                problem: "référence de bout en bout (EndToEndId) absente".into(),
            });
        }
        let amount = parse_amount(place, amount)?;
        self.items.push(ReturnItem {
            rank: self.items.len() + 1,
            end_to_end_id: tx.end_to_end_id.trim().to_string(),
            amount,
            date,
            outcome,
            debtor_name: tx.debtor.clone(),
        });
        Ok(())
    }

    fn created_date(&self) -> Result<NaiveDate, ReturnError> {
        let text = self
            .created
            .as_deref()
            .ok_or_else(|| ReturnError::Invalid {
                place: "en-tête (GrpHdr)".into(),
                problem: "date de création (CreDtTm) absente".into(),
            })?;
        parse_date("en-tête (GrpHdr)", "date de création (CreDtTm)", text)
    }

    fn finish(self) -> Result<BankReturn, ReturnError> {
        let Some((kind, version)) = self.kind else {
            return Err(ReturnError::NotXml("aucun élément".into()));
        };
        if self.msg_id.trim().is_empty() {
            return Err(ReturnError::Invalid {
                place: "en-tête (GrpHdr)".into(),
                problem: "identifiant du message (MsgId) absent".into(),
            });
        }
        let created = self.created_date()?;
        let group_rejection = (kind == ReturnKind::Pain002 && self.group_status == "RJCT")
            .then(|| self.group_reason.clone());
        Ok(BankReturn {
            kind,
            version,
            msg_id: self.msg_id.trim().to_string(),
            created,
            creditor_ibans: self.creditor_ibans,
            creditor_ics: self.creditor_ics,
            original_msg_id: self.original_msg_id,
            group_rejection,
            items: self.items,
            ignored: self.ignored,
        })
    }
}

fn push_unique(list: &mut Vec<String>, value: String) {
    if !list.contains(&value) {
        list.push(value);
    }
}

/// Identifiant sans espaces, en majuscules (IBAN, ICS).
fn normalise_id(value: &str) -> String {
    value
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_uppercase()
}

/// Date ISO (`AAAA-MM-JJ`, ou le début d'un `AAAA-MM-JJThh:mm:ss`).
fn parse_date(place: &str, what: &str, text: &str) -> Result<NaiveDate, ReturnError> {
    let day = text.get(..10).unwrap_or(text);
    NaiveDate::parse_from_str(day, "%Y-%m-%d").map_err(|_| ReturnError::Invalid {
        place: place.to_string(),
        problem: format!("{what} « {text} » illisible (attendu AAAA-MM-JJ)"),
    })
}

/// Montant ISO 20022 : point décimal, au plus deux décimales, positif.
fn parse_amount(place: &str, text: &str) -> Result<Money, ReturnError> {
    let wrong = || ReturnError::Invalid {
        place: place.to_string(),
        problem: format!("montant « {text} » illisible (attendu par exemple 512.40)"),
    };
    let well_formed = !text.is_empty()
        && text.chars().all(|c| c.is_ascii_digit() || c == '.')
        && text.matches('.').count() <= 1
        && text
            .split('.')
            .nth(1)
            .is_none_or(|d| !d.is_empty() && d.len() <= 2);
    if !well_formed {
        return Err(wrong());
    }
    let amount: Decimal = text.parse().map_err(|_| wrong())?;
    if amount <= Decimal::ZERO {
        return Err(ReturnError::Invalid {
            place: place.to_string(),
            problem: format!("montant « {text} » nul"),
        });
    }
    Ok(amount)
}

/// Motifs de rejet et de retour SEPA (codes ISO 20022 « ExternalStatusReason » et
/// « ExternalReturnReason » employés par le recueil de règles du prélèvement SEPA), en
/// français.
pub fn reason_label(code: &str) -> &'static str {
    match code {
        "AC01" => "numéro de compte incorrect",
        "AC04" => "compte clôturé",
        "AC06" => "compte bloqué",
        "AC13" => "compte d'un débiteur non consommateur",
        "AG01" => "prélèvement interdit sur ce compte",
        "AG02" => "code opération incorrect",
        "AM04" => "provision insuffisante",
        "AM05" => "prélèvement en double",
        "BE05" => "créancier inconnu de la banque",
        "CNOR" => "banque du créancier non joignable",
        "DNOR" => "banque du débiteur non joignable",
        "FF01" => "fichier ou opération mal formé",
        "MD01" => "pas de mandat",
        "MD02" => "mandat incomplet ou incorrect",
        "MD06" => "remboursement demandé par le débiteur",
        "MD07" => "débiteur décédé",
        "MS02" => "refus du débiteur",
        "MS03" => "motif non communiqué par la banque",
        "RC01" => "BIC incorrect",
        "RR01" => "identification du débiteur manquante (réglementaire)",
        "RR02" => "nom ou adresse du débiteur manquant (réglementaire)",
        "RR03" => "nom ou adresse du créancier manquant (réglementaire)",
        "RR04" => "motif réglementaire",
        "SL01" => "service particulier de la banque du débiteur",
        "" => "motif non communiqué",
        _ => "motif inconnu (voir le code avec la banque)",
    }
}
