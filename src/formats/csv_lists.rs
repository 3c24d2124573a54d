//! Listes CSV des fiches : séparateur `;`, UTF-8 (BOM accepté et écrit) ou
//! Windows-1252 (reconnu à la lecture : c'est le « CSV » par défaut des tableurs
//! français), ligne d'en-tête, virgule décimale, dates `jj/mm/aaaa`, booléens `O`/`N`.
//! C'est le format des listes que les utilisateurs exportent vers leur tableur ; les
//! colonnes sont décrites dans `docs/import.md`.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::ledger::{EntryDraft, LedgerLine, VoucherDraft};
use crate::model::dates::{format_date, parse_date};
use crate::model::money::{format_money_plain, parse_money};
use crate::model::revision::parse_index_value;
use crate::model::{
    Account, Bank, BenefitClaim, Building, ChargeItem, ContractType, Frequency, Gestion,
    IndexSeries, Invalid, ItemPurpose, Journal, JournalKind, Lease, LeaseItem, LeasePeriod, Money,
    MoveOutReason, PaymentInfo, PaymentMode, Quarter, RentIndex, Side, TemplateLine, Tenant,
    TenantState, Term, ThirdParty, ThirdPartyKind, Unit, UnitKind, VoucherTemplate,
};

const BOM: char = '\u{feff}';

/// Longueur maximale d'une valeur, quelle que soit la colonne (celle des notes, le plus
/// long texte d'une fiche) ; chaque champ a ensuite sa propre limite dans le modèle.
pub const FIELD_MAX: usize = crate::model::validate::limits::NOTES;

/// Une ligne refusée : numéro de ligne du fichier (l'en-tête est la ligne 1), colonne
/// (vide si le refus porte sur la ligne entière), raison.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct RowError {
    pub line: u64,
    pub column: String,
    pub message: String,
}

impl std::fmt::Display for RowError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.column.is_empty() {
            write!(f, "ligne {} : {}", self.line, self.message)
        } else {
            write!(
                f,
                "ligne {}, colonne « {} » : {}",
                self.line, self.column, self.message
            )
        }
    }
}

/// Codage dans lequel un fichier texte a été lu.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEncoding {
    Utf8,
    /// UTF-8 précédé de sa marque (BOM), comme l'écrivent `liste --csv` et les tableurs.
    Utf8Bom,
    /// Windows-1252 (Latin-1 de Windows), le CSV par défaut des tableurs français.
    Windows1252,
}

impl TextEncoding {
    /// Mention pour le compte rendu, quand le codage n'est pas celui attendu (UTF-8).
    pub fn note(self) -> Option<&'static str> {
        match self {
            TextEncoding::Windows1252 => Some("fichier lu en Windows-1252"),
            TextEncoding::Utf8 | TextEncoding::Utf8Bom => None,
        }
    }
}

/// Octets que Windows-1252 ne définit pas.
const UNDEFINED_IN_1252: [u8; 5] = [0x81, 0x8D, 0x8F, 0x90, 0x9D];

/// Numéro de la ligne (à partir de 1) où se trouve l'octet `offset`.
fn line_at(bytes: &[u8], offset: usize) -> u64 {
    1 + bytes[..offset.min(bytes.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count() as u64
}

/// Décode un fichier texte : UTF-8 (avec ou sans BOM), sinon Windows-1252. Refuse, en
/// nommant la première ligne fautive, un fichier binaire (octet nul), UTF-16, un UTF-8
/// annoncé par son BOM mais invalide, un mélange d'UTF-8 et d'autre chose, et les
/// octets qui ne sont ni de l'UTF-8 ni du Windows-1252.
pub fn decode_text(bytes: &[u8]) -> Result<(String, TextEncoding), RowError> {
    let refuse = |offset: usize, message: String| RowError {
        line: line_at(bytes, offset),
        column: String::new(),
        message,
    };
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(refuse(0, "fichier en UTF-16 : enregistrez-le en « CSV UTF-8 » ou en « CSV (séparateur : point-virgule) »".into()));
    }
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        return Err(refuse(offset, "octet nul : ce fichier n'est pas un texte CSV (fichier binaire ou tableur non exporté en CSV ?)".into()));
    }
    let (body, encoding) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(body) => (body, TextEncoding::Utf8Bom),
        None => (bytes, TextEncoding::Utf8),
    };
    let bad = match std::str::from_utf8(body) {
        Ok(text) => return Ok((text.to_string(), encoding)),
        Err(error) => bytes.len() - body.len() + error.valid_up_to(),
    };
    if encoding == TextEncoding::Utf8Bom || bytes[..bad].iter().any(|&b| b >= 0x80) {
        return Err(refuse(bad, format!(
            "octet 0x{:02X} qui n'est pas de l'UTF-8 valide, alors que le fichier est en UTF-8 avant lui : corrigez ce texte ou réenregistrez le fichier en « CSV UTF-8 »",
            bytes[bad]
        )));
    }
    if let Some(offset) = bytes.iter().position(|b| UNDEFINED_IN_1252.contains(b)) {
        return Err(refuse(offset, format!(
            "octet 0x{:02X} qui n'est ni de l'UTF-8 ni du Windows-1252 : réenregistrez le fichier en « CSV UTF-8 »",
            bytes[offset]
        )));
    }
    let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
    Ok((text.into_owned(), TextEncoding::Windows1252))
}

/// Une ligne du fichier, lue par nom de colonne.
pub struct Row<'a> {
    record: &'a csv::StringRecord,
    columns: &'a HashMap<String, usize>,
}

impl Row<'_> {
    /// Texte de la colonne (vide si la colonne est absente), sans espaces autour.
    pub fn text(&self, column: &'static str) -> String {
        self.columns
            .get(column)
            .and_then(|&i| self.record.get(i))
            .map(|s| s.trim().to_string())
            .unwrap_or_default()
    }

    pub fn required(&self, column: &'static str) -> Result<String, Invalid> {
        let value = self.text(column);
        if value.is_empty() {
            Err(Invalid::new(column, "valeur obligatoire manquante"))
        } else {
            Ok(value)
        }
    }

    pub fn opt_text(&self, column: &'static str) -> Option<String> {
        Some(self.text(column)).filter(|s| !s.is_empty())
    }

    pub fn date(&self, column: &'static str) -> Result<NaiveDate, Invalid> {
        parse_date(&self.required(column)?).map_err(|m| Invalid::new(column, m))
    }

    pub fn opt_date(&self, column: &'static str) -> Result<Option<NaiveDate>, Invalid> {
        self.opt_text(column)
            .map(|t| parse_date(&t).map_err(|m| Invalid::new(column, m)))
            .transpose()
    }

    pub fn money(&self, column: &'static str) -> Result<Money, Invalid> {
        parse_money(&self.required(column)?).map_err(|m| Invalid::new(column, m))
    }

    /// Montant facultatif : vide = `default`.
    pub fn money_or(&self, column: &'static str, default: Money) -> Result<Money, Invalid> {
        match self.opt_text(column) {
            Some(t) => parse_money(&t).map_err(|m| Invalid::new(column, m)),
            None => Ok(default),
        }
    }

    pub fn opt_money(&self, column: &'static str) -> Result<Option<Money>, Invalid> {
        self.opt_text(column)
            .map(|t| parse_money(&t).map_err(|m| Invalid::new(column, m)))
            .transpose()
    }

    /// Booléen `O`/`N` (ou oui/non, 1/0, x) ; vide = `default`.
    pub fn flag(&self, column: &'static str, default: bool) -> Result<bool, Invalid> {
        let value = self.text(column).to_lowercase();
        match value.as_str() {
            "" => Ok(default),
            "o" | "oui" | "1" | "x" | "vrai" => Ok(true),
            "n" | "non" | "0" | "faux" => Ok(false),
            _ => Err(Invalid::new(
                column,
                format!("« {value} » : répondez O (oui) ou N (non)"),
            )),
        }
    }

    pub fn code<T>(
        &self,
        column: &'static str,
        parse: fn(&str) -> Result<T, String>,
    ) -> Result<T, Invalid> {
        parse(&self.required(column)?).map_err(|m| Invalid::new(column, m))
    }

    pub fn opt_code<T>(
        &self,
        column: &'static str,
        parse: fn(&str) -> Result<T, String>,
    ) -> Result<Option<T>, Invalid> {
        self.opt_text(column)
            .map(|t| parse(&t).map_err(|m| Invalid::new(column, m)))
            .transpose()
    }

    pub fn opt_number<T: std::str::FromStr>(
        &self,
        column: &'static str,
    ) -> Result<Option<T>, Invalid> {
        self.opt_text(column)
            .map(|t| {
                t.parse::<T>().map_err(|_| {
                    Invalid::new(column, format!("« {t} » n'est pas un nombre entier valide"))
                })
            })
            .transpose()
    }

    pub fn number<T: std::str::FromStr>(&self, column: &'static str) -> Result<T, Invalid> {
        self.opt_number(column)?
            .ok_or_else(|| Invalid::new(column, "valeur obligatoire manquante"))
    }
}

/// Une fiche qui s'échange en liste CSV.
pub trait CsvList: Sized {
    /// Nom de la liste en ligne de commande (`immeubles`, `lots`…).
    const NAME: &'static str;
    /// Colonnes, dans l'ordre d'écriture.
    const COLUMNS: &'static [&'static str];
    /// Colonnes qui doivent figurer dans l'en-tête.
    const REQUIRED: &'static [&'static str];
    fn from_row(row: &Row) -> Result<Self, Invalid>;
    fn to_row(&self) -> Vec<String>;
}

/// Lit une liste entière ; la première ligne fautive arrête tout.
/// Renvoie chaque fiche avec son numéro de ligne.
pub fn read<T: CsvList>(text: &str) -> Result<Vec<(u64, T)>, RowError> {
    let text = text.strip_prefix(BOM).unwrap_or(text);
    // Fins de ligne Windows ramenées à `\n` : le lecteur CSV compterait sinon une ligne de
    // moins dans les messages d'erreur des fichiers venus d'Excel.
    let text = text.replace("\r\n", "\n");
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| RowError {
            line: 1,
            column: String::new(),
            message: format!("en-tête illisible : {e}"),
        })?
        .clone();
    let columns: HashMap<String, usize> = headers
        .iter()
        .enumerate()
        .map(|(i, h)| (h.trim().to_lowercase(), i))
        .collect();
    for name in columns.keys() {
        if !T::COLUMNS.contains(&name.as_str()) {
            return Err(RowError {
                line: 1,
                column: name.clone(),
                message: format!(
                    "colonne inconnue pour la liste {} (colonnes possibles : {})",
                    T::NAME,
                    T::COLUMNS.join(", ")
                ),
            });
        }
    }
    for required in T::REQUIRED {
        if !columns.contains_key(*required) {
            return Err(RowError {
                line: 1,
                column: required.to_string(),
                message: "colonne obligatoire absente de l'en-tête".into(),
            });
        }
    }
    let mut out = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| RowError {
            line: e.position().map_or(0, |p| p.line()),
            column: String::new(),
            message: format!("ligne illisible : {e}"),
        })?;
        let line = record.position().map_or(0, |p| p.line());
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        check_record(&record, &headers, line)?;
        let row = Row {
            record: &record,
            columns: &columns,
        };
        let item = T::from_row(&row).map_err(|e| RowError {
            line,
            column: e.field.to_string(),
            message: e.message,
        })?;
        out.push((line, item));
    }
    Ok(out)
}

/// Une ligne doit avoir autant de valeurs que l'en-tête de colonnes, chacune d'au plus
/// `FIELD_MAX` caractères.
fn check_record(
    record: &csv::StringRecord,
    headers: &csv::StringRecord,
    line: u64,
) -> Result<(), RowError> {
    if record.len() != headers.len() {
        let hint = if record.len() > headers.len() {
            "un « ; » de trop, ou un texte contenant « ; » à mettre entre guillemets ?"
        } else {
            "une valeur ou un « ; » manque : une colonne vide s'écrit « ;; »"
        };
        return Err(RowError {
            line,
            column: String::new(),
            message: format!(
                "{} valeurs au lieu de {}, une par colonne de l'en-tête ({hint})",
                record.len(),
                headers.len()
            ),
        });
    }
    for (value, name) in record.iter().zip(headers.iter()) {
        if let Err(error) = crate::model::validate::max_length(value, FIELD_MAX) {
            return Err(RowError {
                line,
                column: name.trim().to_lowercase(),
                message: error.to_string(),
            });
        }
    }
    Ok(())
}

/// Écrit une liste (BOM UTF-8, `;`, fin de ligne CRLF pour les tableurs).
pub fn write<T: CsvList>(items: &[T]) -> String {
    let mut out = String::from(BOM);
    let mut push_line = |fields: Vec<String>| {
        let escaped: Vec<String> = fields.iter().map(|f| escape(f)).collect();
        out.push_str(&escaped.join(";"));
        out.push_str("\r\n");
    };
    push_line(T::COLUMNS.iter().map(|c| c.to_string()).collect());
    for item in items {
        push_line(item.to_row());
    }
    out
}

fn escape(field: &str) -> String {
    if field.contains([';', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
    }
}

fn d(date: NaiveDate) -> String {
    format_date(date)
}
fn od(date: Option<NaiveDate>) -> String {
    date.map(format_date).unwrap_or_default()
}
fn m(amount: Money) -> String {
    format_money_plain(amount)
}
fn b(flag: bool) -> String {
    if flag { "O" } else { "N" }.to_string()
}
fn on<T: ToString>(value: Option<T>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

impl CsvList for Building {
    const NAME: &'static str = "immeubles";
    const COLUMNS: &'static [&'static str] = &[
        "reference",
        "debut_gestion",
        "fin_gestion",
        "analytique",
        "rue",
        "code_postal",
        "ville",
        "syndic",
        "titulaire_droits_reels",
    ];
    const REQUIRED: &'static [&'static str] =
        &["reference", "debut_gestion", "rue", "code_postal", "ville"];

    fn from_row(r: &Row) -> Result<Self, Invalid> {
        Ok(Building {
            reference: r.required("reference")?,
            start_date: r.date("debut_gestion")?,
            end_date: r.opt_date("fin_gestion")?,
            analytic: r.text("analytique"),
            street: r.required("rue")?,
            postcode: r.required("code_postal")?,
            city: r.required("ville")?,
            syndic: r.opt_text("syndic"),
            real_rights_holder: r.text("titulaire_droits_reels"),
        }
        .with_defaults())
    }

    fn to_row(&self) -> Vec<String> {
        vec![
            self.reference.clone(),
            d(self.start_date),
            od(self.end_date),
            self.analytic.clone(),
            self.street.clone(),
            self.postcode.clone(),
            self.city.clone(),
            self.syndic.clone().unwrap_or_default(),
            self.real_rights_holder.clone(),
        ]
    }
}

impl CsvList for Unit {
    const NAME: &'static str = "lots";
    const COLUMNS: &'static [&'static str] = &[
        "reference",
        "immeuble",
        "debut_gestion",
        "fin_gestion",
        "nature",
        "usage",
        "forme",
        "analytique",
        "batiment",
        "escalier",
        "etage",
        "porte",
        "type",
        "surface",
        "typologie",
        "foyer",
        "rpls",
        "invariant_dgfip",
        "disponible",
        "motif_indisponibilite",
        "loyer_reference",
        "charges_reference",
    ];
    const REQUIRED: &'static [&'static str] = &[
        "reference",
        "immeuble",
        "debut_gestion",
        "nature",
        "usage",
        "forme",
    ];

    fn from_row(r: &Row) -> Result<Self, Invalid> {
        Ok(Unit {
            reference: r.required("reference")?,
            building: r.required("immeuble")?,
            start_date: r.date("debut_gestion")?,
            end_date: r.opt_date("fin_gestion")?,
            nature: r.required("nature")?,
            usage: r.required("usage")?,
            form: r.required("forme")?,
            analytic: r.text("analytique"),
            access_building: r.text("batiment"),
            staircase: r.text("escalier"),
            floor: r.text("etage"),
            door: r.text("porte"),
            kind: r
                .opt_code("type", UnitKind::parse)?
                .unwrap_or(UnitKind::Principal),
            living_area: r.opt_money("surface")?,
            size: r.text("typologie").to_uppercase(),
            foyer: r.flag("foyer", false)?,
            rpls_id: r.text("rpls"),
            dgfip_invariant: r.text("invariant_dgfip"),
            available: r.flag("disponible", true)?,
            unavailable_reason: r.text("motif_indisponibilite"),
            reference_rent: r.money_or("loyer_reference", Money::ZERO)?,
            reference_charges: r.money_or("charges_reference", Money::ZERO)?,
        })
    }

    fn to_row(&self) -> Vec<String> {
        vec![
            self.reference.clone(),
            self.building.clone(),
            d(self.start_date),
            od(self.end_date),
            self.nature.clone(),
            self.usage.clone(),
            self.form.clone(),
            self.analytic.clone(),
            self.access_building.clone(),
            self.staircase.clone(),
            self.floor.clone(),
            self.door.clone(),
            self.kind.code().to_string(),
            self.living_area.map(m).unwrap_or_default(),
            self.size.clone(),
            b(self.foyer),
            self.rpls_id.clone(),
            self.dgfip_invariant.clone(),
            b(self.available),
            self.unavailable_reason.clone(),
            m(self.reference_rent),
            m(self.reference_charges),
        ]
    }
}

impl CsvList for Tenant {
    const NAME: &'static str = "locataires";
    const COLUMNS: &'static [&'static str] = &[
        "reference",
        "professionnel",
        "civilite",
        "nom",
        "prenom",
        "debut_suivi",
        "etat",
        "adresse_alt_rue",
        "adresse_alt_code_postal",
        "adresse_alt_ville",
        "nur",
        "date_naissance",
        "email",
        "telephone1",
        "telephone2",
        "consentement_rgpd",
        "date_consentement",
        "allocataire",
        "debut_allocation",
        "organisme_payeur",
        "numero_organisme",
        "numero_allocataire",
    ];
    const REQUIRED: &'static [&'static str] = &["reference", "nom", "debut_suivi"];

    fn from_row(r: &Row) -> Result<Self, Invalid> {
        let claim = match r.opt_text("numero_allocataire") {
            Some(number) => vec![BenefitClaim {
                claimant: r.opt_text("allocataire").unwrap_or_else(|| r.text("nom")),
                start_date: r.opt_date("debut_allocation")?,
                payer: r.opt_text("organisme_payeur"),
                payer_number: r.text("numero_organisme"),
                claimant_no: number.to_uppercase(),
            }],
            None => Vec::new(),
        };
        Ok(Tenant {
            reference: r.required("reference")?,
            professional: r.flag("professionnel", false)?,
            civility: r.text("civilite"),
            surname: r.required("nom")?,
            first_name: r.text("prenom"),
            followup_start: r.date("debut_suivi")?,
            // L'état est calculé (candidat tant qu'aucune location n'est rattachée).
            state: r
                .opt_code("etat", TenantState::parse)?
                .unwrap_or(TenantState::Candidate),
            alt_street: r.text("adresse_alt_rue"),
            alt_postcode: r.text("adresse_alt_code_postal"),
            alt_city: r.text("adresse_alt_ville"),
            nur: r.text("nur"),
            birth_date: r.opt_date("date_naissance")?,
            email: r.text("email"),
            phone1: r.text("telephone1"),
            phone2: r.text("telephone2"),
            gdpr_consent: r.flag("consentement_rgpd", false)?,
            gdpr_consent_date: r.opt_date("date_consentement")?,
            claims: claim,
        })
    }

    fn to_row(&self) -> Vec<String> {
        let claim = self.claims.first();
        vec![
            self.reference.clone(),
            b(self.professional),
            self.civility.clone(),
            self.surname.clone(),
            self.first_name.clone(),
            d(self.followup_start),
            self.state.code().to_string(),
            self.alt_street.clone(),
            self.alt_postcode.clone(),
            self.alt_city.clone(),
            self.nur.clone(),
            od(self.birth_date),
            self.email.clone(),
            self.phone1.clone(),
            self.phone2.clone(),
            b(self.gdpr_consent),
            od(self.gdpr_consent_date),
            claim.map(|c| c.claimant.clone()).unwrap_or_default(),
            od(claim.and_then(|c| c.start_date)),
            claim.and_then(|c| c.payer.clone()).unwrap_or_default(),
            claim.map(|c| c.payer_number.clone()).unwrap_or_default(),
            claim.map(|c| c.claimant_no.clone()).unwrap_or_default(),
        ]
    }
}

impl CsvList for ThirdParty {
    const NAME: &'static str = "tiers";
    const COLUMNS: &'static [&'static str] = &[
        "reference",
        "type",
        "nom",
        "rue",
        "code_postal",
        "ville",
        "telephone",
        "email",
        "compte_export",
    ];
    const REQUIRED: &'static [&'static str] = &["reference", "type", "nom"];

    fn from_row(r: &Row) -> Result<Self, Invalid> {
        Ok(ThirdParty {
            reference: r.required("reference")?,
            kind: r.code("type", ThirdPartyKind::parse)?,
            name: r.required("nom")?,
            street: r.text("rue"),
            postcode: r.text("code_postal"),
            city: r.text("ville"),
            phone: r.text("telephone"),
            email: r.text("email"),
            export_account: r.text("compte_export"),
        }
        .with_defaults())
    }

    fn to_row(&self) -> Vec<String> {
        vec![
            self.reference.clone(),
            self.kind.code().to_string(),
            self.name.clone(),
            self.street.clone(),
            self.postcode.clone(),
            self.city.clone(),
            self.phone.clone(),
            self.email.clone(),
            self.export_account.clone(),
        ]
    }
}

impl CsvList for Lease {
    const NAME: &'static str = "locations";
    const COLUMNS: &'static [&'static str] = &[
        "reference",
        "lot",
        "locataire",
        "type_contrat",
        "periodicite",
        "terme",
        "jour_echeance",
        "mode_reglement",
        "debut",
        "sortie",
        "motif_sortie",
        "verrouillee",
        "durable",
        "regularisation_auto",
        "tiers_payeur",
        "prelevement",
        "titulaire_compte",
        "banque",
        "iban",
        "rum",
        "date_mandat",
        "forfait_periode",
        "forfait_alternatif",
        "jour_prelevement",
        "notes",
    ];
    const REQUIRED: &'static [&'static str] = &[
        "reference",
        "lot",
        "locataire",
        "type_contrat",
        "terme",
        "jour_echeance",
        "mode_reglement",
        "debut",
    ];

    fn from_row(r: &Row) -> Result<Self, Invalid> {
        Ok(Lease {
            reference: r.required("reference")?,
            unit: r.required("lot")?,
            tenant: r.required("locataire")?,
            contract_type: r.code("type_contrat", ContractType::parse)?,
            frequency: r
                .opt_code("periodicite", Frequency::parse)?
                .unwrap_or(Frequency::Monthly),
            term: r.code("terme", Term::parse)?,
            due_day_offset: r.number("jour_echeance")?,
            payment_mode: r.code("mode_reglement", PaymentMode::parse)?,
            start_date: r.date("debut")?,
            move_out_date: r.opt_date("sortie")?,
            move_out_reason: r.opt_code("motif_sortie", MoveOutReason::parse)?,
            locked: r.flag("verrouillee", false)?,
            durable: r.flag("durable", false)?,
            auto_settlement: r.flag("regularisation_auto", false)?,
            third_party_payer: r.opt_text("tiers_payeur"),
            payment: PaymentInfo {
                direct_debit: r.flag("prelevement", false)?,
                account_holder: r.text("titulaire_compte"),
                bank: r.opt_text("banque"),
                iban: r.text("iban"),
                mandate_ref: r.text("rum"),
                mandate_date: r.opt_date("date_mandat")?,
                fixed_amount: r.money_or("forfait_periode", Money::ZERO)?,
                alt_amount: r.money_or("forfait_alternatif", Money::ZERO)?,
                debit_day: r.opt_number("jour_prelevement")?,
            },
            notes: r.text("notes"),
        })
    }

    fn to_row(&self) -> Vec<String> {
        let p = &self.payment;
        vec![
            self.reference.clone(),
            self.unit.clone(),
            self.tenant.clone(),
            self.contract_type.code().to_string(),
            self.frequency.code().to_string(),
            self.term.code().to_string(),
            self.due_day_offset.to_string(),
            self.payment_mode.code().to_string(),
            d(self.start_date),
            od(self.move_out_date),
            self.move_out_reason
                .map(|r| r.code().to_string())
                .unwrap_or_default(),
            b(self.locked),
            b(self.durable),
            b(self.auto_settlement),
            self.third_party_payer.clone().unwrap_or_default(),
            b(p.direct_debit),
            p.account_holder.clone(),
            p.bank.clone().unwrap_or_default(),
            p.iban.clone(),
            p.mandate_ref.clone(),
            od(p.mandate_date),
            m(p.fixed_amount),
            m(p.alt_amount),
            on(p.debit_day),
            self.notes.clone(),
        ]
    }
}

impl CsvList for LeasePeriod {
    const NAME: &'static str = "periodes";
    const COLUMNS: &'static [&'static str] = &["location", "debut", "duree_mois", "fin", "preavis"];
    const REQUIRED: &'static [&'static str] = &["location", "debut", "duree_mois"];

    fn from_row(r: &Row) -> Result<Self, Invalid> {
        LeasePeriod::new(
            &r.required("location")?,
            r.date("debut")?,
            r.number("duree_mois")?,
            r.opt_date("fin")?,
            r.opt_date("preavis")?,
        )
    }

    fn to_row(&self) -> Vec<String> {
        vec![
            self.lease.clone(),
            d(self.start_date),
            self.months.to_string(),
            d(self.end_date),
            d(self.notice_date),
        ]
    }
}

impl CsvList for LeaseItem {
    const NAME: &'static str = "rubriques-location";
    const COLUMNS: &'static [&'static str] = &[
        "location",
        "rubrique",
        "gestion",
        "type",
        "objet",
        "active",
        "debut",
        "duree_mois",
        "fin",
        "reference",
        "montant_initial",
        "montant_revise",
        "prorata",
        "plafond",
        "a_augmenter",
        "date_revision",
    ];
    const REQUIRED: &'static [&'static str] = &[
        "location",
        "rubrique",
        "gestion",
        "type",
        "objet",
        "debut",
        "montant_initial",
    ];

    fn from_row(r: &Row) -> Result<Self, Invalid> {
        let initial = r.money("montant_initial")?;
        Ok(LeaseItem {
            lease: r.required("location")?,
            item: r.required("rubrique")?,
            gestion: r.code("gestion", Gestion::parse)?,
            item_type: r.required("type")?.to_uppercase(),
            purpose: r.code("objet", ItemPurpose::parse)?,
            active: r.flag("active", true)?,
            start_date: r.date("debut")?,
            months: r.opt_number("duree_mois")?,
            end_date: r.opt_date("fin")?,
            free_reference: r.text("reference"),
            initial_amount: initial,
            revised_amount: r.money_or("montant_revise", initial)?,
            prorata: r.flag("prorata", false)?,
            ceiling: r.money_or("plafond", Money::ZERO)?,
            to_increase: r.flag("a_augmenter", false)?,
            revision_date: r.opt_date("date_revision")?,
        }
        .with_defaults())
    }

    fn to_row(&self) -> Vec<String> {
        vec![
            self.lease.clone(),
            self.item.clone(),
            self.gestion.code().to_string(),
            self.item_type.clone(),
            self.purpose.code().to_string(),
            b(self.active),
            d(self.start_date),
            on(self.months),
            od(self.end_date),
            self.free_reference.clone(),
            m(self.initial_amount),
            m(self.revised_amount),
            b(self.prorata),
            m(self.ceiling),
            b(self.to_increase),
            od(self.revision_date),
        ]
    }
}

impl CsvList for Account {
    const NAME: &'static str = "comptes";
    const COLUMNS: &'static [&'static str] = &[
        "reference",
        "intitule",
        "debut",
        "fin",
        "collectif",
        "export_tiers",
        "sens",
        "gestion",
        "recuperable",
        "recupere",
        "repartition_vacance",
        "type_charge",
        "analytique_obligatoire",
    ];
    const REQUIRED: &'static [&'static str] = &["reference", "intitule", "debut", "sens"];

    fn from_row(r: &Row) -> Result<Self, Invalid> {
        Ok(Account {
            reference: r.required("reference")?,
            label: r.required("intitule")?,
            start_date: r.date("debut")?,
            end_date: r.opt_date("fin")?,
            collective: r.flag("collectif", false)?,
            export_tiers: r.flag("export_tiers", false)?,
            normal_side: r.code("sens", Side::parse)?,
            gestion: r.opt_code("gestion", Gestion::parse)?,
            recoverable: r.flag("recuperable", false)?,
            recovered: r.flag("recupere", false)?,
            spread_over_vacancy: r.flag("repartition_vacance", false)?,
            charge_type: r.text("type_charge"),
            analytic_required: r.flag("analytique_obligatoire", false)?,
        })
    }

    fn to_row(&self) -> Vec<String> {
        vec![
            self.reference.clone(),
            self.label.clone(),
            d(self.start_date),
            od(self.end_date),
            b(self.collective),
            b(self.export_tiers),
            self.normal_side.code().to_string(),
            self.gestion
                .map(|g| g.code().to_string())
                .unwrap_or_default(),
            b(self.recoverable),
            b(self.recovered),
            b(self.spread_over_vacancy),
            self.charge_type.clone(),
            b(self.analytic_required),
        ]
    }
}

impl CsvList for Journal {
    const NAME: &'static str = "journaux";
    const COLUMNS: &'static [&'static str] = &[
        "reference",
        "intitule",
        "type",
        "compte_contrepartie",
        "verrouillage",
        "debut",
        "fin",
    ];
    const REQUIRED: &'static [&'static str] = &["reference", "intitule", "type", "debut"];

    fn from_row(r: &Row) -> Result<Self, Invalid> {
        Ok(Journal {
            reference: r.required("reference")?,
            label: r.required("intitule")?,
            kind: r.code("type", JournalKind::parse)?,
            counter_account: r.text("compte_contrepartie"),
            lock_date: r.opt_date("verrouillage")?,
            start_date: r.date("debut")?,
            end_date: r.opt_date("fin")?,
        })
    }

    fn to_row(&self) -> Vec<String> {
        vec![
            self.reference.clone(),
            self.label.clone(),
            self.kind.code().to_string(),
            self.counter_account.clone(),
            od(self.lock_date),
            d(self.start_date),
            od(self.end_date),
        ]
    }
}

impl CsvList for ChargeItem {
    const NAME: &'static str = "rubriques";
    const COLUMNS: &'static [&'static str] = &[
        "reference",
        "gestion",
        "type",
        "objet",
        "compte",
        "prorata",
        "regularisation",
        "debut",
    ];
    const REQUIRED: &'static [&'static str] = &["reference", "gestion", "type", "objet", "debut"];

    fn from_row(r: &Row) -> Result<Self, Invalid> {
        Ok(ChargeItem {
            reference: r.required("reference")?,
            gestion: r.code("gestion", Gestion::parse)?,
            item_type: r.required("type")?.to_uppercase(),
            purpose: r.code("objet", ItemPurpose::parse)?,
            account: r.text("compte"),
            prorata: r.flag("prorata", false)?,
            settlement: r.flag("regularisation", false)?,
            start_date: r.date("debut")?,
        })
    }

    fn to_row(&self) -> Vec<String> {
        vec![
            self.reference.clone(),
            self.gestion.code().to_string(),
            self.item_type.clone(),
            self.purpose.code().to_string(),
            self.account.clone(),
            b(self.prorata),
            b(self.settlement),
            d(self.start_date),
        ]
    }
}

impl CsvList for Bank {
    const NAME: &'static str = "banques";
    const COLUMNS: &'static [&'static str] = &["reference", "nom", "bic"];
    const REQUIRED: &'static [&'static str] = &["reference", "nom", "bic"];

    fn from_row(r: &Row) -> Result<Self, Invalid> {
        Ok(Bank {
            reference: r.required("reference")?,
            name: r.required("nom")?,
            bic: r.required("bic")?.to_uppercase(),
        })
    }

    fn to_row(&self) -> Vec<String> {
        vec![self.reference.clone(), self.name.clone(), self.bic.clone()]
    }
}

impl CsvList for RentIndex {
    const NAME: &'static str = "indices";
    const COLUMNS: &'static [&'static str] =
        &["serie", "annee", "trimestre", "valeur", "publication"];
    const REQUIRED: &'static [&'static str] = &["serie", "annee", "trimestre", "valeur"];

    fn from_row(r: &Row) -> Result<Self, Invalid> {
        let series = r.code("serie", IndexSeries::parse)?;
        let year: i32 = r.number("annee")?;
        let quarter =
            Quarter::new(year, r.number("trimestre")?).map_err(|m| Invalid::new("trimestre", m))?;
        let value = parse_index_value(series, &r.required("valeur")?)
            .map_err(|m| Invalid::new("valeur", m))?;
        Ok(RentIndex {
            series: series.code().to_string(),
            year: quarter.year,
            quarter: quarter.quarter,
            value,
            published: r.opt_date("publication")?,
        })
    }

    fn to_row(&self) -> Vec<String> {
        vec![
            self.series.clone(),
            self.year.to_string(),
            self.quarter.to_string(),
            m(self.value),
            self.published.map(d).unwrap_or_default(),
        ]
    }
}

/// Une ligne de modèle comptable avec l'en-tête de son modèle (le fichier des modèles
/// répète l'en-tête sur chaque ligne).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateRow {
    pub template: VoucherTemplate,
    pub line: TemplateLine,
}

impl CsvList for TemplateRow {
    const NAME: &'static str = "modeles";
    const COLUMNS: &'static [&'static str] = &[
        "modele",
        "intitule",
        "type_journal",
        "journal",
        "reglement",
        "tiers_obligatoire",
        "libelle",
        "debut",
        "ordre",
        "code_compte",
        "compte",
        "code_tiers",
        "code_debit",
        "code_credit",
    ];
    const REQUIRED: &'static [&'static str] = &[
        "modele",
        "intitule",
        "type_journal",
        "debut",
        "ordre",
        "code_compte",
    ];

    fn from_row(r: &Row) -> Result<Self, Invalid> {
        Ok(TemplateRow {
            template: VoucherTemplate {
                reference: r.required("modele")?,
                label: r.required("intitule")?,
                journal_kind: r.code("type_journal", JournalKind::parse)?,
                journal: r.text("journal"),
                is_payment: r.flag("reglement", false)?,
                tiers_required: r.flag("tiers_obligatoire", false)?,
                label_tokens: r.text("libelle"),
                start_date: r.date("debut")?,
                lines: Vec::new(),
            },
            line: TemplateLine {
                order: r.number("ordre")?,
                account_code: r.required("code_compte")?,
                account_ref: r.text("compte"),
                tiers_code: r.text("code_tiers"),
                debit_code: r.text("code_debit"),
                credit_code: r.text("code_credit"),
            },
        })
    }

    fn to_row(&self) -> Vec<String> {
        let t = &self.template;
        let l = &self.line;
        vec![
            t.reference.clone(),
            t.label.clone(),
            t.journal_kind.code().to_string(),
            t.journal.clone(),
            b(t.is_payment),
            b(t.tiers_required),
            t.label_tokens.clone(),
            d(t.start_date),
            l.order.to_string(),
            l.account_code.clone(),
            l.account_ref.clone(),
            l.tiers_code.clone(),
            l.debit_code.clone(),
            l.credit_code.clone(),
        ]
    }
}

/// Regroupe les lignes du fichier des modèles en modèles complets.
pub fn group_templates(rows: Vec<(u64, TemplateRow)>) -> Vec<VoucherTemplate> {
    let mut out: Vec<VoucherTemplate> = Vec::new();
    for (_, row) in rows {
        match out
            .iter_mut()
            .find(|t| t.reference == row.template.reference)
        {
            Some(template) => template.lines.push(row.line),
            None => {
                let mut template = row.template;
                template.lines.push(row.line);
                out.push(template);
            }
        }
    }
    out
}

/// Met à plat des modèles pour les écrire en liste.
pub fn flatten_templates(templates: &[VoucherTemplate]) -> Vec<TemplateRow> {
    templates
        .iter()
        .flat_map(|t| {
            t.lines.iter().map(move |l| TemplateRow {
                template: VoucherTemplate {
                    lines: Vec::new(),
                    ..t.clone()
                },
                line: l.clone(),
            })
        })
        .collect()
}

/// Une écriture de la liste des pièces : l'en-tête de sa pièce est répété sur chaque
/// ligne, et la colonne `piece` regroupe les lignes consécutives d'une même pièce (à
/// l'import c'est une clé libre ; la liste y écrit le numéro de pièce).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VoucherRow {
    pub key: String,
    pub voucher: VoucherDraft,
    pub entry: EntryDraft,
}

impl CsvList for VoucherRow {
    const NAME: &'static str = "pieces";
    const COLUMNS: &'static [&'static str] = &[
        "piece",
        "journal",
        "date",
        "libelle",
        "modele",
        "tiers_piece",
        "location",
        "reference",
        "compte",
        "tiers",
        "analytique",
        "libelle_ecriture",
        "debit",
        "credit",
    ];
    const REQUIRED: &'static [&'static str] = &[
        "piece", "journal", "date", "libelle", "compte", "debit", "credit",
    ];

    fn from_row(r: &Row) -> Result<Self, Invalid> {
        use crate::model::validate::limits::LABEL;
        for column in ["libelle", "libelle_ecriture", "reference"] {
            crate::model::validate::max_length(&r.text(column), LABEL)
                .map_err(|e| Invalid::new(column, e.to_string()))?;
        }
        Ok(VoucherRow {
            key: r.required("piece")?,
            voucher: VoucherDraft {
                journal: r.required("journal")?,
                value_date: r.date("date")?,
                label: r.required("libelle")?,
                template: r.opt_text("modele"),
                tiers: r.opt_text("tiers_piece"),
                lease: r.opt_text("location"),
                analytic: String::new(),
                payment_mode: None,
                payment_date: None,
                batch_no: String::new(),
                reference: r.text("reference"),
                origin: "import".to_string(),
                entries: Vec::new(),
            },
            entry: EntryDraft {
                account: r.required("compte")?,
                tiers: r.opt_text("tiers"),
                analytic: r.text("analytique"),
                label: r.text("libelle_ecriture"),
                debit: r.money_or("debit", Money::ZERO)?,
                credit: r.money_or("credit", Money::ZERO)?,
            },
        })
    }

    fn to_row(&self) -> Vec<String> {
        let v = &self.voucher;
        let e = &self.entry;
        vec![
            self.key.clone(),
            v.journal.clone(),
            d(v.value_date),
            v.label.clone(),
            v.template.clone().unwrap_or_default(),
            v.tiers.clone().unwrap_or_default(),
            v.lease.clone().unwrap_or_default(),
            v.reference.clone(),
            e.account.clone(),
            e.tiers.clone().unwrap_or_default(),
            e.analytic.clone(),
            e.label.clone(),
            m(e.debit),
            m(e.credit),
        ]
    }
}

/// Regroupe les lignes consécutives de même clé en pièces ; renvoie chaque pièce avec
/// le numéro de sa première ligne. Les lignes d'une pièce doivent répéter le même en-tête.
pub fn group_vouchers(rows: Vec<(u64, VoucherRow)>) -> Result<Vec<(u64, VoucherDraft)>, RowError> {
    let mut out: Vec<(u64, String, VoucherDraft)> = Vec::new();
    for (line, row) in rows {
        match out.last_mut() {
            Some((_, key, voucher)) if *key == row.key => {
                let header = VoucherDraft {
                    entries: Vec::new(),
                    ..voucher.clone()
                };
                if header != row.voucher {
                    return Err(RowError {
                        line,
                        column: "piece".to_string(),
                        message: format!(
                            "l'en-tête (journal, date, libellé, modèle, tiers, location, référence) diffère des lignes précédentes de la pièce « {key} »"
                        ),
                    });
                }
                voucher.entries.push(row.entry);
            }
            _ => {
                let mut voucher = row.voucher;
                voucher.entries.push(row.entry);
                out.push((line, row.key, voucher));
            }
        }
    }
    Ok(out
        .into_iter()
        .map(|(line, _, voucher)| (line, voucher))
        .collect())
}

/// Met les écritures enregistrées sous forme de lignes de la liste des pièces.
pub fn voucher_rows(lines: &[LedgerLine]) -> Vec<VoucherRow> {
    lines
        .iter()
        .map(|l| VoucherRow {
            key: l.number.clone(),
            voucher: VoucherDraft {
                journal: l.journal.clone(),
                value_date: l.value_date,
                label: l.label.clone(),
                template: l.template.clone(),
                tiers: l.voucher_tiers.clone(),
                lease: l.lease.clone(),
                analytic: String::new(),
                payment_mode: None,
                payment_date: None,
                batch_no: String::new(),
                reference: l.reference.clone(),
                origin: "import".to_string(),
                entries: Vec::new(),
            },
            entry: l.entry(),
        })
        .collect()
}
