//! Fichiers d'échange CAF (aides au logement APL / AL) : lecteur et écrivain purs, des
//! octets au fichier typé et retour, sans entrée-sortie.
//!
//! Texte à largeur fixe, un enregistrement par ligne (CRLF ou LF), en ISO-8859-1 ou en
//! UTF-8 (reconnu : de l'UTF-8 valide qui n'est pas que de l'ASCII est de l'UTF-8, tout le
//! reste se lit en ISO-8859-1 ; l'écrivain reprend l'encodage et la fin de ligne lus, les
//! accents ne sont jamais abîmés). Les dispositions des enregistrements sont des tables
//! déclaratives ([`HEADER`], [`PAYMENT`], [`REVISION`], [`TRAILER`]) décrites dans
//! `docs/formats/caf.md` : un bailleur les adapte à la disposition exacte que lui livre son
//! prestataire d'échange (SERES, Enovacom) en ne changeant que ces tables.

use chrono::NaiveDate;

use crate::model::money::{format_money, from_cents, to_cents};
use crate::model::Money;

/// Longueur de chaque enregistrement, en caractères.
pub const RECORD_LENGTH: usize = 120;

/// Nature d'un champ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Chiffres seulement, cadrés à droite avec des zéros.
    Digits,
    /// Montant en centimes, chiffres cadrés à droite ; `signed` : un premier caractère
    /// `+` ou `-`.
    Amount { signed: bool },
    /// Date `AAAAMMJJ` (8 caractères) ou mois `AAAAMM` (6 caractères, le 1er du mois).
    Date,
    /// Texte cadré à gauche, complété d'espaces.
    Text,
}

/// Un champ : nom, positions (la première est 1) et nature.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    pub name: &'static str,
    pub start: usize,
    pub len: usize,
    pub kind: Kind,
}

impl Field {
    /// Dernière position du champ.
    pub fn end(&self) -> usize {
        self.start + self.len - 1
    }
}

/// Disposition d'un type d'enregistrement : son code (positions 1-2) et ses champs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layout {
    pub code: &'static str,
    pub label: &'static str,
    pub fields: &'static [Field],
}

const fn field(name: &'static str, start: usize, len: usize, kind: Kind) -> Field {
    Field {
        name,
        start,
        len,
        kind,
    }
}

const TYPE: Field = field("type", 1, 2, Kind::Digits);

/// En-tête : bailleur, organisme payeur, date, nature et opération du fichier.
pub const HEADER: Layout = Layout {
    code: "00",
    label: "en-tête",
    fields: &[
        TYPE,
        field("code_bailleur", 3, 5, Kind::Text),
        field("organisme_payeur", 8, 3, Kind::Digits),
        field("date_fichier", 11, 8, Kind::Date),
        field("nature", 19, 3, Kind::Text),
        field("operation", 22, 2, Kind::Digits),
    ],
};

/// Détail d'un bordereau de ventilation des paiements (mensualité ou régularisation).
pub const PAYMENT: Layout = Layout {
    code: "10",
    label: "détail de paiement",
    fields: &[
        TYPE,
        field("numero_allocataire", 3, 8, Kind::Text),
        field("nom_allocataire", 11, 30, Kind::Text),
        field("montant", 41, 11, Kind::Amount { signed: true }),
        field("periode", 52, 6, Kind::Date),
        field("statut", 58, 1, Kind::Text),
        field("gestion", 59, 1, Kind::Text),
    ],
};

/// Détail d'une révision annuelle : les quatre derniers champs sont remplis au retour.
pub const REVISION: Layout = Layout {
    code: "20",
    label: "détail de révision",
    fields: &[
        TYPE,
        field("numero_allocataire", 3, 8, Kind::Text),
        field("nom_allocataire", 11, 30, Kind::Text),
        field("numero_locataire", 41, 13, Kind::Text),
        field("code_programme", 54, 5, Kind::Text),
        field("code_retour", 59, 1, Kind::Text),
        field("loyer", 60, 10, Kind::Amount { signed: false }),
    ],
};

/// Fin de fichier : nombre de détails et total de leurs montants (loyers en révision).
pub const TRAILER: Layout = Layout {
    code: "99",
    label: "fin de fichier",
    fields: &[
        TYPE,
        field("nombre", 3, 6, Kind::Digits),
        field("total", 9, 14, Kind::Amount { signed: true }),
    ],
};

/// Toutes les dispositions, pour la documentation et la reconnaissance des types.
pub const LAYOUTS: [&Layout; 4] = [&HEADER, &PAYMENT, &REVISION, &TRAILER];

/// Nature de l'aide.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Nature {
    /// Aide personnalisée au logement.
    Apl,
    /// Allocation de logement.
    Al,
}

impl Nature {
    pub fn code(self) -> &'static str {
        match self {
            Nature::Apl => "APL",
            Nature::Al => "AL",
        }
    }

    pub fn from_code(code: &str) -> Option<Nature> {
        match code.trim() {
            "APL" => Some(Nature::Apl),
            "AL" => Some(Nature::Al),
            _ => None,
        }
    }
}

/// Opération du fichier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Operation {
    /// 01 : bordereau de ventilation des paiements mensuels.
    Payment,
    /// 02 : bordereau de ventilation des paiements, régularisations.
    Regularisation,
    /// 03 : révision annuelle, montant des loyers (fichier à retourner).
    Revision,
}

impl Operation {
    pub fn code(self) -> &'static str {
        match self {
            Operation::Payment => "01",
            Operation::Regularisation => "02",
            Operation::Revision => "03",
        }
    }

    pub fn from_code(code: &str) -> Option<Operation> {
        match code {
            "01" => Some(Operation::Payment),
            "02" => Some(Operation::Regularisation),
            "03" => Some(Operation::Revision),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Operation::Payment => "ventilation des paiements mensuels",
            Operation::Regularisation => "ventilation des régularisations",
            Operation::Revision => "révision annuelle des loyers",
        }
    }
}

/// Encodage du fichier lu (l'écrivain le reprend).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Encoding {
    #[default]
    Latin1,
    Utf8,
}

/// En-tête du fichier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// Code national bailleur (5 caractères, ex. `P7512`).
    pub landlord_code: String,
    /// Numéro de l'organisme payeur (3 chiffres, ex. `751`).
    pub payer: String,
    pub file_date: NaiveDate,
    pub nature: Nature,
    pub operation: Operation,
}

/// Un détail de paiement (ou de régularisation).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentDetail {
    /// Ligne du fichier (1 = en-tête).
    pub line: usize,
    /// Numéro allocataire tel que lu : 7 chiffres et une lettre.
    pub claimant_no: String,
    pub name: String,
    /// Montant signé (négatif : l'organisme reprend).
    pub amount: Money,
    /// Mois de droit (le 1er du mois).
    pub period: NaiveDate,
    /// Code statut (voir `status_label`).
    pub status: String,
    /// Code de gestion (voir `gestion_label`).
    pub gestion: String,
}

/// Un détail de révision annuelle et ce que le bailleur y répond.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RevisionDetail {
    pub line: usize,
    pub claimant_no: String,
    pub name: String,
    /// Numéro locataire (13 caractères sans caractères spéciaux).
    pub tenant_no: String,
    /// Code programme (5 caractères sans caractères spéciaux).
    pub programme: String,
    /// Code retour 1 à 4 (vide dans le fichier reçu).
    pub code: String,
    pub rent: Money,
}

/// Les détails d'un fichier, selon son opération.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Details {
    Payments(Vec<PaymentDetail>),
    Revisions(Vec<RevisionDetail>),
}

/// Un fichier CAF lu, ou à écrire.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CafFile {
    pub encoding: Encoding,
    /// Fin de ligne CRLF (sinon LF).
    pub crlf: bool,
    pub header: Header,
    pub details: Details,
}

impl CafFile {
    /// Nombre de détails.
    pub fn count(&self) -> usize {
        match &self.details {
            Details::Payments(d) => d.len(),
            Details::Revisions(d) => d.len(),
        }
    }

    /// Total des montants des détails (loyers pour une révision).
    pub fn total(&self) -> Money {
        match &self.details {
            Details::Payments(d) => d.iter().map(|p| p.amount).sum(),
            Details::Revisions(d) => d.iter().map(|r| r.rent).sum(),
        }
    }
}

/// Libellé d'un code statut (liste de synthèse).
pub fn status_label(code: &str) -> &'static str {
    match code {
        "1" => "ouverture de droit",
        "2" => "compte en cours",
        "3" => "suspension",
        "4" => "fin de droit",
        "5" => "rappel",
        _ => "",
    }
}

/// Libellé d'un code de gestion (liste de synthèse).
pub fn gestion_label(code: &str) -> &'static str {
    match code {
        "1" => "cas normal",
        "2" => "autre cas",
        _ => "",
    }
}

/// Refus d'un fichier, en français, avec la ligne et le champ à corriger.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CafError {
    #[error("fichier CAF vide : aucun enregistrement ; vérifiez que c'est le bon fichier")]
    Empty,
    #[error("ligne {line} : enregistrement tronqué ({found} caractères) : le champ « {field} » (positions {start} à {end}) est incomplet")]
    Truncated {
        line: usize,
        found: usize,
        field: &'static str,
        start: usize,
        end: usize,
    },
    #[error("ligne {line} : longueur de l'enregistrement {found} caractères au lieu de {RECORD_LENGTH} ; le fichier n'a pas la disposition attendue")]
    Length { line: usize, found: usize },
    #[error("ligne {line} : type d'enregistrement « {code} » inconnu (attendu : 00 en-tête, 10 paiement, 20 révision, 99 fin de fichier)")]
    UnknownType { line: usize, code: String },
    #[error("ligne {line}, champ « {field} » : « {value} » {problem}")]
    Field {
        line: usize,
        field: &'static str,
        value: String,
        problem: String,
    },
    #[error("ligne {line} : {problem}")]
    Structure { line: usize, problem: String },
    #[error("ligne {line}, champ « nombre » : la fin de fichier annonce {declared} détails, le fichier en contient {found}")]
    TrailerCount {
        line: usize,
        declared: usize,
        found: usize,
    },
    #[error("ligne {line}, champ « total » : la fin de fichier annonce un total de {}, la somme des détails est {} ; le fichier est incomplet ou altéré", format_money(*.declared), format_money(*.computed))]
    TrailerTotal {
        line: usize,
        declared: Money,
        computed: Money,
    },
    #[error("{0} : valeur trop grande pour la disposition du fichier")]
    TooLarge(String),
}

/// Décode les octets : UTF-8 s'ils en sont (BOM retiré), sinon ISO-8859-1 (un octet, un
/// caractère : rien ne peut être refusé ni abîmé).
fn decode(bytes: &[u8]) -> (String, Encoding) {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) if !text.is_ascii() => (text.to_string(), Encoding::Utf8),
        Ok(text) => (text.to_string(), Encoding::Latin1),
        Err(_) => (
            bytes.iter().map(|&b| char::from(b)).collect(),
            Encoding::Latin1,
        ),
    }
}

/// Un enregistrement découpé : ses caractères, sa ligne.
struct Record {
    line: usize,
    chars: Vec<char>,
}

impl Record {
    /// Le texte brut d'un champ.
    fn raw(&self, f: &Field) -> String {
        self.chars[f.start - 1..f.end()].iter().collect()
    }

    fn error(&self, f: &Field, value: &str, problem: &str) -> CafError {
        CafError::Field {
            line: self.line,
            field: f.name,
            value: value.to_string(),
            problem: problem.to_string(),
        }
    }

    fn field(&self, layout: &Layout, name: &str) -> &Field {
        layout
            .fields
            .iter()
            .find(|f| f.name == name)
            .unwrap_or(&layout.fields[0])
    }

    fn text(&self, layout: &Layout, name: &str) -> String {
        self.raw(self.field(layout, name)).trim().to_string()
    }

    fn digits(&self, layout: &Layout, name: &str) -> Result<String, CafError> {
        let f = self.field(layout, name);
        let raw = self.raw(f);
        if raw.chars().all(|c| c.is_ascii_digit()) {
            Ok(raw)
        } else {
            Err(self.error(f, &raw, "doit contenir seulement des chiffres"))
        }
    }

    fn number(&self, layout: &Layout, name: &str) -> Result<usize, CafError> {
        let f = self.field(layout, name);
        let raw = self.digits(layout, name)?;
        raw.parse()
            .map_err(|_| self.error(f, &raw, "n'est pas un nombre"))
    }

    fn amount(&self, layout: &Layout, name: &str) -> Result<Money, CafError> {
        let f = self.field(layout, name);
        let raw = self.raw(f);
        let (negative, digits) = match (f.kind, raw.chars().next()) {
            (Kind::Amount { signed: true }, Some('-')) => (true, &raw[1..]),
            (Kind::Amount { signed: true }, Some('+')) => (false, &raw[1..]),
            _ => (false, raw.as_str()),
        };
        if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
            return Err(self.error(
                f,
                &raw,
                "n'est pas un montant : des chiffres en centimes (précédés de + ou -) sont attendus",
            ));
        }
        let cents: i64 = digits
            .parse()
            .map_err(|_| self.error(f, &raw, "montant trop grand"))?;
        Ok(from_cents(if negative { -cents } else { cents }))
    }

    fn date(&self, layout: &Layout, name: &str) -> Result<NaiveDate, CafError> {
        let f = self.field(layout, name);
        let raw = self.raw(f);
        let full = if f.len == 6 {
            format!("{raw}01")
        } else {
            raw.clone()
        };
        let valid = full.len() == 8 && full.chars().all(|c| c.is_ascii_digit());
        valid
            .then(|| NaiveDate::parse_from_str(&full, "%Y%m%d").ok())
            .flatten()
            .ok_or_else(|| {
                let expected = if f.len == 6 { "AAAAMM" } else { "AAAAMMJJ" };
                self.error(f, &raw, &format!("n'est pas une date {expected} valide"))
            })
    }

    fn claimant_no(&self, layout: &Layout) -> Result<String, CafError> {
        let f = self.field(layout, "numero_allocataire");
        let raw = self.raw(f);
        let valid = raw.is_ascii()
            && raw.len() == 8
            && raw[..7].chars().all(|c| c.is_ascii_digit())
            && raw[7..].chars().all(|c| c.is_ascii_uppercase());
        if valid {
            Ok(raw)
        } else {
            Err(self.error(
                f,
                &raw,
                "n'est pas un numéro allocataire (7 chiffres et une lettre)",
            ))
        }
    }
}

/// La disposition d'un code d'enregistrement.
fn layout_of(code: &str) -> Option<&'static Layout> {
    LAYOUTS.iter().copied().find(|l| l.code == code)
}

/// Découpe une ligne : longueur contrôlée ; une ligne plus courte n'est acceptée que si
/// seule la zone de réserve manque (espaces de fin retirés par un éditeur).
fn record(line: usize, text: &str) -> Result<(Record, &'static Layout), CafError> {
    let mut chars: Vec<char> = text.chars().collect();
    if chars.len() > RECORD_LENGTH {
        return Err(CafError::Length {
            line,
            found: chars.len(),
        });
    }
    let code: String = chars.iter().take(2).collect();
    let layout = layout_of(&code).ok_or_else(|| CafError::UnknownType {
        line,
        code: code.clone(),
    })?;
    if let Some(cut) = layout.fields.iter().find(|f| f.end() > chars.len()) {
        return Err(CafError::Truncated {
            line,
            found: chars.len(),
            field: cut.name,
            start: cut.start,
            end: cut.end(),
        });
    }
    chars.resize(RECORD_LENGTH, ' ');
    Ok((Record { line, chars }, layout))
}

fn header(r: &Record) -> Result<Header, CafError> {
    let l = &HEADER;
    let nature_text = r.text(l, "nature");
    let nature = Nature::from_code(&nature_text).ok_or_else(|| {
        r.error(
            r.field(l, "nature"),
            &nature_text,
            "n'est pas une nature d'aide (APL ou AL)",
        )
    })?;
    let op_text = r.digits(l, "operation")?;
    let operation = Operation::from_code(&op_text).ok_or_else(|| {
        r.error(
            r.field(l, "operation"),
            &op_text,
            "n'est pas une opération traitée (01 paiements, 02 régularisations, 03 révision)",
        )
    })?;
    let landlord_code = r.text(l, "code_bailleur");
    if landlord_code.chars().count() != 5 {
        return Err(r.error(
            r.field(l, "code_bailleur"),
            &landlord_code,
            "n'est pas un code national bailleur (5 caractères)",
        ));
    }
    Ok(Header {
        landlord_code,
        payer: r.digits(l, "organisme_payeur")?,
        file_date: r.date(l, "date_fichier")?,
        nature,
        operation,
    })
}

fn payment(r: &Record) -> Result<PaymentDetail, CafError> {
    let l = &PAYMENT;
    Ok(PaymentDetail {
        line: r.line,
        claimant_no: r.claimant_no(l)?,
        name: r.text(l, "nom_allocataire"),
        amount: r.amount(l, "montant")?,
        period: r.date(l, "periode")?,
        status: r.text(l, "statut"),
        gestion: r.text(l, "gestion"),
    })
}

fn revision(r: &Record) -> Result<RevisionDetail, CafError> {
    let l = &REVISION;
    Ok(RevisionDetail {
        line: r.line,
        claimant_no: r.claimant_no(l)?,
        name: r.text(l, "nom_allocataire"),
        tenant_no: r.text(l, "numero_locataire"),
        programme: r.text(l, "code_programme"),
        code: r.text(l, "code_retour"),
        rent: r.amount(l, "loyer")?,
    })
}

/// Lit un fichier CAF : en-tête, détails du type de son opération, fin de fichier dont
/// le nombre et le total sont contrôlés.
pub fn read(bytes: &[u8]) -> Result<CafFile, CafError> {
    let (text, encoding) = decode(bytes);
    let crlf = text.contains("\r\n");
    let lines: Vec<&str> = text
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect();
    let last = lines
        .iter()
        .rposition(|l| !l.trim().is_empty())
        .ok_or(CafError::Empty)?;
    let (first, layout) = record(1, lines[0])?;
    if layout.code != HEADER.code {
        return Err(CafError::Structure {
            line: 1,
            problem: format!(
                "le fichier doit commencer par l'en-tête (type 00), pas par un {}",
                layout.label
            ),
        });
    }
    let header = header(&first)?;
    let expected = if header.operation == Operation::Revision {
        &REVISION
    } else {
        &PAYMENT
    };
    let mut details = match header.operation {
        Operation::Revision => Details::Revisions(Vec::new()),
        _ => Details::Payments(Vec::new()),
    };
    for (index, text) in lines.iter().enumerate().take(last + 1).skip(1) {
        let line = index + 1;
        let (r, layout) = record(line, text)?;
        if layout.code == TRAILER.code {
            if index != last {
                return Err(CafError::Structure {
                    line: line + 1,
                    problem: "enregistrement après la fin de fichier (type 99)".to_string(),
                });
            }
            let mut file = CafFile {
                encoding,
                crlf,
                header,
                details,
            };
            check_trailer(&r, &mut file)?;
            return Ok(file);
        }
        if layout.code != expected.code {
            return Err(CafError::Structure {
                line,
                problem: format!(
                    "{} dans un fichier de {} : seuls des enregistrements {} ({}) sont attendus",
                    layout.label,
                    header.operation.label(),
                    expected.code,
                    expected.label
                ),
            });
        }
        match &mut details {
            Details::Payments(d) => d.push(payment(&r)?),
            Details::Revisions(d) => d.push(revision(&r)?),
        }
    }
    Err(CafError::Structure {
        line: last + 1,
        problem: "la fin de fichier (type 99) manque : le fichier est incomplet".to_string(),
    })
}

fn check_trailer(r: &Record, file: &mut CafFile) -> Result<(), CafError> {
    let declared = r.number(&TRAILER, "nombre")?;
    if declared != file.count() {
        return Err(CafError::TrailerCount {
            line: r.line,
            declared,
            found: file.count(),
        });
    }
    let total = r.amount(&TRAILER, "total")?;
    if total != file.total() {
        return Err(CafError::TrailerTotal {
            line: r.line,
            declared: total,
            computed: file.total(),
        });
    }
    Ok(())
}

/// Un enregistrement en cours d'écriture.
struct Writer {
    chars: Vec<char>,
}

impl Writer {
    fn new(layout: &Layout) -> Self {
        let mut w = Writer {
            chars: vec![' '; RECORD_LENGTH],
        };
        w.chars[..2].copy_from_slice(&[
            layout.code.chars().next().unwrap_or('0'),
            layout.code.chars().nth(1).unwrap_or('0'),
        ]);
        w
    }

    fn put(&mut self, layout: &Layout, name: &str, value: &str) -> Result<(), CafError> {
        let Some(f) = layout.fields.iter().find(|f| f.name == name) else {
            return Ok(());
        };
        let chars: Vec<char> = value.chars().collect();
        if chars.len() > f.len {
            return Err(CafError::TooLarge(format!(
                "{} « {name} » ({value})",
                layout.label
            )));
        }
        let pad = f.len - chars.len();
        let (left, fill) = match f.kind {
            Kind::Text => (true, ' '),
            _ => (false, '0'),
        };
        let slot = &mut self.chars[f.start - 1..f.end()];
        for (i, c) in slot.iter_mut().enumerate() {
            *c = match (left, i < pad) {
                (true, _) if i < chars.len() => chars[i],
                (true, _) => fill,
                (false, true) => fill,
                (false, false) => chars[i - pad],
            };
        }
        Ok(())
    }

    fn amount(&mut self, layout: &Layout, name: &str, amount: Money) -> Result<(), CafError> {
        let Some(f) = layout.fields.iter().find(|f| f.name == name) else {
            return Ok(());
        };
        let cents = to_cents(amount)
            .ok_or_else(|| CafError::TooLarge(format!("montant {}", format_money(amount))))?;
        let text = match f.kind {
            Kind::Amount { signed: true } => {
                let sign = if cents < 0 { '-' } else { '+' };
                format!("{sign}{:0width$}", cents.abs(), width = f.len - 1)
            }
            _ if cents < 0 => {
                return Err(CafError::TooLarge(format!(
                    "montant négatif {} pour « {name} »",
                    format_money(amount)
                )))
            }
            _ => cents.to_string(),
        };
        self.put(layout, name, &text)
    }

    fn finish(self) -> String {
        self.chars.into_iter().collect()
    }
}

fn header_record(h: &Header) -> Result<String, CafError> {
    let l = &HEADER;
    let mut w = Writer::new(l);
    w.put(l, "code_bailleur", &h.landlord_code)?;
    w.put(l, "organisme_payeur", &h.payer)?;
    w.put(l, "date_fichier", &h.file_date.format("%Y%m%d").to_string())?;
    w.put(l, "nature", h.nature.code())?;
    w.put(l, "operation", h.operation.code())?;
    Ok(w.finish())
}

fn payment_record(d: &PaymentDetail) -> Result<String, CafError> {
    let l = &PAYMENT;
    let mut w = Writer::new(l);
    w.put(l, "numero_allocataire", &d.claimant_no)?;
    w.put(l, "nom_allocataire", &truncate(&d.name, 30))?;
    w.amount(l, "montant", d.amount)?;
    w.put(l, "periode", &d.period.format("%Y%m").to_string())?;
    w.put(l, "statut", &d.status)?;
    w.put(l, "gestion", &d.gestion)?;
    Ok(w.finish())
}

fn revision_record(d: &RevisionDetail) -> Result<String, CafError> {
    let l = &REVISION;
    let mut w = Writer::new(l);
    w.put(l, "numero_allocataire", &d.claimant_no)?;
    w.put(l, "nom_allocataire", &truncate(&d.name, 30))?;
    w.put(l, "numero_locataire", &d.tenant_no)?;
    w.put(l, "code_programme", &d.programme)?;
    w.put(l, "code_retour", &d.code)?;
    w.amount(l, "loyer", d.rent)?;
    Ok(w.finish())
}

fn truncate(text: &str, len: usize) -> String {
    text.chars().take(len).collect()
}

/// Écrit un fichier CAF dans l'encodage et avec la fin de ligne du fichier (la fin de
/// fichier est recalculée) ; un caractère hors ISO-8859-1 s'écrit `?` en ISO-8859-1.
pub fn write(file: &CafFile) -> Result<Vec<u8>, CafError> {
    let mut records = vec![header_record(&file.header)?];
    match &file.details {
        Details::Payments(d) => {
            for p in d {
                records.push(payment_record(p)?);
            }
        }
        Details::Revisions(d) => {
            for r in d {
                records.push(revision_record(r)?);
            }
        }
    }
    let l = &TRAILER;
    let mut w = Writer::new(l);
    w.put(l, "nombre", &file.count().to_string())?;
    w.amount(l, "total", file.total())?;
    records.push(w.finish());
    let eol = if file.crlf { "\r\n" } else { "\n" };
    let mut text = records.join(eol);
    text.push_str(eol);
    Ok(match file.encoding {
        Encoding::Utf8 => text.into_bytes(),
        Encoding::Latin1 => text
            .chars()
            .map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?'))
            .collect(),
    })
}

/// Texte sans caractères spéciaux pour les champs du retour : lettres et chiffres ASCII
/// en majuscules (accents retirés), au plus `len` caractères.
pub fn plain_code(text: &str, len: usize) -> String {
    text.chars()
        .filter_map(|c| {
            let base = match c {
                'à' | 'â' | 'ä' | 'À' | 'Â' | 'Ä' => 'A',
                'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' | 'Ë' => 'E',
                'î' | 'ï' | 'Î' | 'Ï' => 'I',
                'ô' | 'ö' | 'Ô' | 'Ö' => 'O',
                'ù' | 'û' | 'ü' | 'Ù' | 'Û' | 'Ü' => 'U',
                'ç' | 'Ç' => 'C',
                c => c,
            };
            base.is_ascii_alphanumeric()
                .then(|| base.to_ascii_uppercase())
        })
        .take(len)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layouts_fit_the_record_and_do_not_overlap() {
        for layout in LAYOUTS {
            let mut end = 0;
            for f in layout.fields {
                assert_eq!(f.start, end + 1, "{} {}", layout.code, f.name);
                end = f.end();
            }
            assert!(end <= RECORD_LENGTH, "{}", layout.code);
        }
    }

    #[test]
    fn plain_code_keeps_letters_and_digits() {
        assert_eq!(plain_code("imm-01/é 2", 13), "IMM01E2");
        assert_eq!(plain_code("ABCDEFGHIJKLMNOP", 13), "ABCDEFGHIJKLM");
    }
}
