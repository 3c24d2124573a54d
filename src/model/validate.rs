//! Validation of the master data (« données de référence ») kept by French
//! social landlords (« bailleurs sociaux »): bank details, SEPA identifiers,
//! CAF codes, internal references, dates, passwords and e-mail addresses.
//!
//! Every function is pure: it takes the raw user input and returns either the
//! normalised value to store or a [`FieldError`] whose message, in French,
//! tells the user what to fix.

use chrono::{Datelike, NaiveDate};

/// A validation failure on one input field. The `Display` text (in French)
/// is meant to be shown as is to the user, next to the field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FieldError {
    /// A mandatory field is empty (« champ obligatoire »).
    #[error("{label} obligatoire")]
    Required { label: &'static str },

    // ----- IBAN -------------------------------------------------------------
    /// The IBAN contains something other than letters, digits and spaces.
    #[error(
        "IBAN invalide : le caractère {} n'est pas autorisé (saisissez uniquement des lettres, des chiffres et des espaces)",
        describe_char(.found)
    )]
    IbanCharacter { found: char },
    /// The IBAN does not start with a two-letter country code.
    #[error("IBAN invalide : il doit commencer par le code pays en deux lettres (par exemple FR)")]
    IbanCountry,
    /// Wrong length for an IBAN of a country whose length is known.
    #[error(
        "IBAN invalide : un IBAN {country} comporte {expected} caractères, {found} saisis (vérifiez qu'il ne manque ou ne dépasse aucun caractère)"
    )]
    IbanCountryLength {
        country: String,
        expected: usize,
        found: usize,
    },
    /// Length outside 15..=34 for a country not in the length table.
    #[error("IBAN invalide : un IBAN comporte de 15 à 34 caractères, {found} saisis")]
    IbanLength { found: usize },
    /// Characters 3 and 4 (the check digits) are not digits.
    #[error("IBAN invalide : les 3e et 4e caractères (clé de contrôle) doivent être des chiffres")]
    IbanCheckDigits,
    /// The ISO 13616 mod 97 check fails.
    #[error("IBAN invalide : la clé de contrôle ne correspond pas (vérifiez les chiffres saisis)")]
    IbanChecksum,

    // ----- BIC --------------------------------------------------------------
    /// A BIC has 8 or 11 characters.
    #[error(
        "BIC invalide : il comporte 8 ou 11 caractères (par exemple BNPAFRPP ou BNPAFRPPXXX), {found} saisis"
    )]
    BicLength { found: usize },
    /// Characters 1-4 (bank code) must be letters.
    #[error("BIC invalide : les 4 premiers caractères (code banque) doivent être des lettres")]
    BicBank,
    /// Characters 5-6 (country code) must be letters.
    #[error("BIC invalide : les 5e et 6e caractères (code pays) doivent être des lettres, par exemple FR")]
    BicCountry,
    /// Characters 7-8 (location code) must be alphanumeric.
    #[error("BIC invalide : les 7e et 8e caractères (code localité) doivent être des lettres ou des chiffres")]
    BicLocation,
    /// Characters 9-11 (branch code) must be alphanumeric.
    #[error("BIC invalide : les 3 derniers caractères (code agence) doivent être des lettres ou des chiffres")]
    BicBranch,

    // ----- SEPA creditor identifier (ICS) ------------------------------------
    /// The creditor identifier contains something other than letters and digits.
    #[error(
        "Identifiant créancier SEPA (ICS) invalide : le caractère {} n'est pas autorisé (saisissez uniquement des lettres et des chiffres)",
        describe_char(.found)
    )]
    CreditorIdCharacter { found: char },
    /// The creditor identifier does not start with a two-letter country code.
    #[error(
        "Identifiant créancier SEPA (ICS) invalide : il doit commencer par le code pays en deux lettres (FR pour la France)"
    )]
    CreditorIdCountry,
    /// Characters 3 and 4 (check digits) are not digits.
    #[error(
        "Identifiant créancier SEPA (ICS) invalide : les 3e et 4e caractères (clé de contrôle) doivent être des chiffres"
    )]
    CreditorIdCheckDigits,
    /// Overall length outside 8..=35.
    #[error("Identifiant créancier SEPA (ICS) invalide : il comporte de 8 à 35 caractères, {found} saisis")]
    CreditorIdLength { found: usize },
    /// A French ICS has exactly 13 characters.
    #[error(
        "Identifiant créancier SEPA (ICS) invalide : un ICS français comporte 13 caractères (par exemple FR72ZZZ123456), {found} saisis"
    )]
    CreditorIdFrLength { found: usize },
    /// The ISO 7064 mod 97-10 check fails.
    #[error(
        "Identifiant créancier SEPA (ICS) invalide : la clé de contrôle ne correspond pas (vérifiez les caractères saisis)"
    )]
    CreditorIdChecksum,

    // ----- CAF landlord code --------------------------------------------------
    /// The CAF landlord code has exactly 5 characters.
    #[error(
        "Code bailleur CAF invalide : il comporte 5 caractères (par exemple P7512), {found} saisis"
    )]
    CafLandlordCodeLength { found: usize },
    /// The first character (family) must be a letter.
    #[error("Code bailleur CAF invalide : le 1er caractère (famille) doit être une lettre")]
    CafLandlordCodeFamily,
    /// Characters 2-3 must be a département: two digits, 2A or 2B.
    #[error(
        "Code bailleur CAF invalide : les 2e et 3e caractères (département) doivent être deux chiffres, ou 2A / 2B pour la Corse"
    )]
    CafLandlordCodeDepartment,
    /// Characters 4-5 (rank) must be digits.
    #[error(
        "Code bailleur CAF invalide : les 2 derniers caractères (rang) doivent être des chiffres"
    )]
    CafLandlordCodeRank,

    // ----- CAF claimant number -------------------------------------------------
    /// Not 7 digits followed by one letter.
    #[error("Numéro allocataire invalide : saisissez 7 chiffres suivis d'une lettre (par exemple 1234567A)")]
    ClaimantNumber,

    // ----- SEPA mandate reference (RUM) ----------------------------------------
    /// More than 35 characters.
    #[error(
        "Référence unique de mandat (RUM) trop longue : 35 caractères au maximum, {found} saisis"
    )]
    MandateRefTooLong { found: usize },
    /// A character outside the SEPA allowed set.
    #[error(
        "Référence unique de mandat (RUM) invalide : le caractère {} n'est pas autorisé (lettres sans accent, chiffres, espace et ? / - : ( ) . , ' uniquement)",
        describe_char(.found)
    )]
    MandateRefCharacter { found: char },
    /// Starts with "/" or contains "//".
    #[error("Référence unique de mandat (RUM) invalide : elle ne doit ni commencer par « / » ni contenir « // »")]
    MandateRefSlash,

    // ----- Postcode -----------------------------------------------------------
    /// Not 5 digits.
    #[error("Code postal invalide : saisissez 5 chiffres (par exemple 75012)")]
    Postcode,

    // ----- Internal references ----------------------------------------------
    /// Reference longer than the allowed maximum.
    #[error("{label} : {max} caractères au maximum, {found} saisis (raccourcissez la saisie)")]
    ReferenceTooLong {
        label: &'static str,
        max: usize,
        found: usize,
    },
    /// A text longer than its maximum (see [`limits`]).
    #[error("{max} caractères au maximum, {found} saisis (raccourcissez le texte)")]
    TooLong { max: usize, found: usize },
    /// Reference containing `;` or a control character.
    #[error("{label} : le caractère {} n'est pas autorisé, retirez-le", describe_char(.found))]
    ReferenceCharacter { label: &'static str, found: char },

    // ----- SIREN -------------------------------------------------------------------
    /// Not 9 digits, or the Luhn check digit is wrong.
    #[error("SIREN invalide : 9 chiffres dont le dernier est une clé de contrôle (vérifiez le numéro sur l'avis de situation INSEE)")]
    Siren,
    /// Not 14 digits, or the check key (Luhn, or La Poste's rule) is wrong.
    #[error("SIRET invalide : 14 chiffres (SIREN puis NIC) dont la clé de contrôle doit être juste (vérifiez le numéro sur l'avis de situation INSEE)")]
    Siret,

    // ----- Password ----------------------------------------------------------------
    /// The password misses some of the required kinds of characters; `missing`
    /// holds the French description of each missing rule.
    #[error("Mot de passe trop faible : il doit contenir {}", join_fr(.missing))]
    PasswordWeak { missing: Vec<&'static str> },

    // ----- E-mail ------------------------------------------------------------------
    /// Whitespace inside the address.
    #[error("Adresse e-mail invalide : retirez les espaces")]
    EmailSpace,
    /// Not exactly one `@`, or nothing before it.
    #[error(
        "Adresse e-mail invalide : elle doit être de la forme nom@exemple.fr, avec un seul « @ »"
    )]
    EmailAt,
    /// The domain part is empty, has no dot or a misplaced dot.
    #[error("Adresse e-mail invalide : le domaine après « @ » doit contenir un point (par exemple exemple.fr)")]
    EmailDomain,
}

// ---------------------------------------------------------------------------
// Display helpers
// ---------------------------------------------------------------------------

/// `« c »` for a printable character, `de contrôle U+0009` for a control one.
fn describe_char(c: &char) -> String {
    if c.is_control() {
        format!("de contrôle U+{:04X}", u32::from(*c))
    } else if c.is_whitespace() {
        format!("d'espacement U+{:04X}", u32::from(*c))
    } else {
        format!("« {c} »")
    }
}

/// "a", "a et b", "a, b et c".
fn join_fr(items: &[&'static str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} et {}", init.join(", "), last),
    }
}

// ---------------------------------------------------------------------------
// Shared helpers
// ---------------------------------------------------------------------------

/// Removes every whitespace character (including non-breaking spaces pasted
/// from PDFs) and upper-cases ASCII letters; other characters are kept as is
/// so that they can be reported.
fn compact_upper(s: &str) -> Vec<char> {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// Remainder modulo 97 of the number obtained by replacing each letter by
/// two digits (A = 10 … Z = 35), computed digit by digit so that no big
/// integer is needed. `None` if a character is neither a digit nor A-Z.
fn mod97(chars: impl IntoIterator<Item = char>) -> Option<u32> {
    let mut r: u32 = 0;
    for c in chars {
        if let Some(d) = c.to_digit(10) {
            r = (r * 10 + d) % 97;
        } else if c.is_ascii_uppercase() {
            let v = u32::from(c) - u32::from('A') + 10;
            r = (r * 100 + v) % 97;
        } else {
            return None;
        }
    }
    Some(r)
}

/// Numerical value of two ASCII digits.
fn two_digits(a: char, b: char) -> Option<u32> {
    Some(a.to_digit(10)? * 10 + b.to_digit(10)?)
}

/// IBAN length per country (SWIFT IBAN registry), for the SEPA area.
const IBAN_LENGTHS: &[(&str, usize)] = &[
    ("AD", 24),
    ("AT", 20),
    ("BE", 16),
    ("BG", 22),
    ("CH", 21),
    ("CY", 28),
    ("CZ", 24),
    ("DE", 22),
    ("DK", 18),
    ("EE", 20),
    ("ES", 24),
    ("FI", 18),
    ("FR", 27),
    ("GB", 22),
    ("GI", 23),
    ("GR", 27),
    ("HR", 21),
    ("HU", 28),
    ("IE", 22),
    ("IS", 26),
    ("IT", 27),
    ("LI", 21),
    ("LT", 20),
    ("LU", 20),
    ("LV", 21),
    ("MC", 27),
    ("MT", 31),
    ("NL", 18),
    ("NO", 15),
    ("PL", 28),
    ("PT", 25),
    ("RO", 24),
    ("SE", 24),
    ("SI", 19),
    ("SK", 24),
    ("SM", 27),
    ("VA", 22),
];

fn iban_length(country: &str) -> Option<usize> {
    IBAN_LENGTHS
        .iter()
        .find(|(c, _)| *c == country)
        .map(|(_, n)| *n)
}

// ---------------------------------------------------------------------------
// Validators
// ---------------------------------------------------------------------------

/// Validates an IBAN (« IBAN », international bank account number, the
/// « RIB » of a tenant or of the landlord).
///
/// Spaces (including non-breaking ones) and lower case are accepted; the
/// result is the upper-case IBAN without spaces, e.g. `FR1420041010050500013M02606`.
/// Checks the characters, the country code, the length (per country for the
/// SEPA area, 15..=34 otherwise) and the ISO 13616 mod 97 check digits.
pub fn iban(s: &str) -> Result<String, FieldError> {
    let chars = compact_upper(s);
    if chars.is_empty() {
        return Err(FieldError::Required { label: "IBAN" });
    }
    if let Some(&found) = chars.iter().find(|c| !c.is_ascii_alphanumeric()) {
        return Err(FieldError::IbanCharacter { found });
    }
    if !chars.iter().take(2).all(char::is_ascii_uppercase) {
        return Err(FieldError::IbanCountry);
    }
    let found = chars.len();
    let country: String = chars.iter().take(2).collect();
    match (found >= 2).then(|| iban_length(&country)).flatten() {
        Some(expected) if expected != found => {
            return Err(FieldError::IbanCountryLength {
                country,
                expected,
                found,
            });
        }
        Some(_) => {}
        None if !(15..=34).contains(&found) => return Err(FieldError::IbanLength { found }),
        None => {}
    }
    let check = two_digits(chars[2], chars[3]).ok_or(FieldError::IbanCheckDigits)?;
    // ISO 13616: valid check digits are 02..=98 (00, 01 and 99 would alias 97, 98 and 02).
    if !(2..=98).contains(&check) {
        return Err(FieldError::IbanChecksum);
    }
    let rearranged = chars[4..].iter().chain(&chars[..4]).copied();
    match mod97(rearranged) {
        Some(1) => Ok(chars.into_iter().collect()),
        _ => Err(FieldError::IbanChecksum),
    }
}

/// Formats an IBAN for display (« IBAN au format papier »): upper case, in
/// groups of 4 characters separated by spaces, e.g.
/// `FR14 2004 1010 0505 0001 3M02 606`. Does not validate.
pub fn format_iban(s: &str) -> String {
    let chars = compact_upper(s);
    let mut out = String::with_capacity(chars.len() + chars.len() / 4);
    for (i, c) in chars.into_iter().enumerate() {
        if i > 0 && i % 4 == 0 {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

/// Validates a BIC (« BIC » / « code SWIFT » of the bank): 8 or 11
/// characters, 4 letters (bank), 2 letters (country), 2 alphanumerics
/// (location) and an optional 3-alphanumeric branch code. Spaces are removed
/// and the result is upper-cased.
pub fn bic(s: &str) -> Result<String, FieldError> {
    let chars = compact_upper(s);
    if chars.is_empty() {
        return Err(FieldError::Required { label: "BIC" });
    }
    let found = chars.len();
    if found != 8 && found != 11 {
        return Err(FieldError::BicLength { found });
    }
    if !chars[0..4].iter().all(char::is_ascii_uppercase) {
        return Err(FieldError::BicBank);
    }
    if !chars[4..6].iter().all(char::is_ascii_uppercase) {
        return Err(FieldError::BicCountry);
    }
    if !chars[6..8].iter().all(char::is_ascii_alphanumeric) {
        return Err(FieldError::BicLocation);
    }
    if !chars[8..].iter().all(char::is_ascii_alphanumeric) {
        return Err(FieldError::BicBranch);
    }
    Ok(chars.into_iter().collect())
}

/// Validates a SEPA creditor identifier (« identifiant créancier SEPA »,
/// ICS), the identifier of the landlord on SEPA direct debits.
///
/// Layout: country code (2 letters), 2 check digits, 3-character business
/// code (any alphanumerics, ignored by the check), national identifier
/// (6 alphanumerics for France, hence 13 characters in all). The check
/// digits are ISO 7064 mod 97-10 over national identifier + country code +
/// "00" (letters A = 10 … Z = 35): check = 98 − (n mod 97).
/// Spaces are removed and the result is upper-cased.
pub fn creditor_id(s: &str) -> Result<String, FieldError> {
    let chars = compact_upper(s);
    if chars.is_empty() {
        return Err(FieldError::Required {
            label: "Identifiant créancier SEPA (ICS)",
        });
    }
    if let Some(&found) = chars.iter().find(|c| !c.is_ascii_alphanumeric()) {
        return Err(FieldError::CreditorIdCharacter { found });
    }
    if !chars.iter().take(2).all(char::is_ascii_uppercase) {
        return Err(FieldError::CreditorIdCountry);
    }
    let found = chars.len();
    if chars.len() >= 2 && chars[0..2] == ['F', 'R'] {
        if found != 13 {
            return Err(FieldError::CreditorIdFrLength { found });
        }
    } else if !(8..=35).contains(&found) {
        return Err(FieldError::CreditorIdLength { found });
    }
    let check = two_digits(chars[2], chars[3]).ok_or(FieldError::CreditorIdCheckDigits)?;
    let rearranged = chars[7..]
        .iter()
        .chain(&chars[0..2])
        .copied()
        .chain(['0', '0']);
    match mod97(rearranged) {
        Some(r) if 98 - r == check => Ok(chars.into_iter().collect()),
        _ => Err(FieldError::CreditorIdChecksum),
    }
}

/// Validates a CAF landlord code (« code national bailleur » given by the
/// Caisse d'allocations familiales): exactly 5 characters, one letter
/// (family), the 2-character département (two digits, or 2A / 2B for
/// Corsica) and a 2-digit rank, e.g. `P7512`. Trimmed and upper-cased.
pub fn caf_landlord_code(s: &str) -> Result<String, FieldError> {
    let chars: Vec<char> = s.trim().chars().map(|c| c.to_ascii_uppercase()).collect();
    if chars.is_empty() {
        return Err(FieldError::Required {
            label: "Code bailleur CAF",
        });
    }
    if chars.len() != 5 {
        return Err(FieldError::CafLandlordCodeLength { found: chars.len() });
    }
    if !chars[0].is_ascii_uppercase() {
        return Err(FieldError::CafLandlordCodeFamily);
    }
    let department_ok = match (chars[1], chars[2]) {
        ('2', 'A' | 'B') => true,
        (a, b) => a.is_ascii_digit() && b.is_ascii_digit(),
    };
    if !department_ok {
        return Err(FieldError::CafLandlordCodeDepartment);
    }
    if !chars[3..5].iter().all(char::is_ascii_digit) {
        return Err(FieldError::CafLandlordCodeRank);
    }
    Ok(chars.into_iter().collect())
}

/// Validates a CAF claimant number (« numéro allocataire »): 7 digits
/// followed by one letter, after trimming and upper-casing, e.g. `1234567A`.
pub fn claimant_number(s: &str) -> Result<String, FieldError> {
    let t = s.trim();
    if t.is_empty() {
        return Err(FieldError::Required {
            label: "Numéro allocataire",
        });
    }
    let chars: Vec<char> = t.chars().map(|c| c.to_ascii_uppercase()).collect();
    let ok = chars.len() == 8
        && chars[..7].iter().all(char::is_ascii_digit)
        && chars[7].is_ascii_uppercase();
    if ok {
        Ok(chars.into_iter().collect())
    } else {
        Err(FieldError::ClaimantNumber)
    }
}

/// The 7 digits of a CAF claimant number (« numéro allocataire »), which
/// alone identify the tenant when matching CAF payments: `Some("1234567")`
/// for `"1234567A"` (surrounding spaces and a lower-case letter accepted).
/// A bare 7-digit number (key letter omitted, as on some statements) is
/// accepted too; anything else gives `None`.
pub fn claimant_digits(s: &str) -> Option<&str> {
    let t = s.trim();
    let b = t.as_bytes();
    let shape_ok = match b.len() {
        7 => true,
        8 => b[7].is_ascii_alphabetic(),
        _ => false,
    };
    if shape_ok && b[..7].iter().all(u8::is_ascii_digit) {
        t.get(..7)
    } else {
        None
    }
}

/// Maximum length of a SEPA mandate reference.
const MANDATE_REF_MAX: usize = 35;

/// Upper-case ASCII transliteration of one (already upper-cased) character;
/// empty when the character has no A-Z / 0-9 equivalent.
fn fold_upper(c: char) -> &'static str {
    match c {
        'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => "A",
        'Æ' => "AE",
        'Ç' => "C",
        'È' | 'É' | 'Ê' | 'Ë' => "E",
        'Ì' | 'Í' | 'Î' | 'Ï' => "I",
        'Ñ' => "N",
        'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' => "O",
        'Œ' => "OE",
        'Ù' | 'Ú' | 'Û' | 'Ü' => "U",
        'Ý' | 'Ÿ' => "Y",
        _ => "",
    }
}

/// Proposes a SEPA mandate reference (« référence unique de mandat », RUM)
/// for a tenant: the surname upper-cased without accents (É → E, Ç → C,
/// Œ → OE…), keeping only A-Z and 0-9, followed by the mandate signature
/// date as YYYYMMDD, e.g. `LEFEVRE20240115` for « Lefèvre » on 15/01/2024.
/// The name part is truncated so that the whole stays within 35 characters.
pub fn mandate_ref_proposal(tenant_surname: &str, mandate_date: NaiveDate) -> String {
    let date = format!(
        "{:04}{:02}{:02}",
        mandate_date.year(),
        mandate_date.month(),
        mandate_date.day()
    );
    let room = MANDATE_REF_MAX.saturating_sub(date.len());
    let mut name = String::new();
    for c in tenant_surname.chars().flat_map(char::to_uppercase) {
        if c.is_ascii_uppercase() || c.is_ascii_digit() {
            name.push(c);
        } else {
            name.push_str(fold_upper(c));
        }
    }
    // Only ASCII remains, so truncating by bytes is truncating by characters.
    name.truncate(room);
    name.push_str(&date);
    name
}

/// Validates a SEPA mandate reference (« référence unique de mandat », RUM):
/// 1 to 35 characters from the SEPA set (A-Z a-z 0-9, space and
/// `? / - : ( ) . , '`), neither starting with `/` nor containing `//`.
/// Surrounding spaces are trimmed; the case is kept.
pub fn mandate_ref(s: &str) -> Result<String, FieldError> {
    let t = s.trim();
    if t.is_empty() {
        return Err(FieldError::Required {
            label: "Référence unique de mandat (RUM)",
        });
    }
    let is_allowed = |c: char| c.is_ascii_alphanumeric() || " ?/-:().,'".contains(c);
    if let Some(found) = t.chars().find(|c| !is_allowed(*c)) {
        return Err(FieldError::MandateRefCharacter { found });
    }
    let found = t.chars().count();
    if found > MANDATE_REF_MAX {
        return Err(FieldError::MandateRefTooLong { found });
    }
    if t.starts_with('/') || t.contains("//") {
        return Err(FieldError::MandateRefSlash);
    }
    Ok(t.to_string())
}

/// Validates a French postcode (« code postal »): exactly 5 digits after
/// trimming, e.g. `75012`.
pub fn postcode(s: &str) -> Result<String, FieldError> {
    let t = s.trim();
    if t.is_empty() {
        return Err(FieldError::Required {
            label: "Code postal",
        });
    }
    if t.len() == 5 && t.bytes().all(|b| b.is_ascii_digit()) {
        Ok(t.to_string())
    } else {
        Err(FieldError::Postcode)
    }
}

/// Maximum lengths of the texts of the master data, in characters, shared by the
/// forms and the CSV imports (the check lives in each record's `validate`). They stay
/// within the schema's `CHECK`s (references: 30) and are listed in `docs/import.md`.
pub mod limits {
    /// Internal references (building, unit, tenant, lease, third party, landlord code).
    pub const REFERENCE: usize = 30;
    /// Short codes: analytic code, export account, bank, charge item, NUR, RPLS…
    pub const CODE: usize = 30;
    /// Names: surname, first name, civility, company name, city, account holder,
    /// nature / usage / form of a unit, access (building, staircase, floor, door).
    pub const NAME: usize = 100;
    /// One address line (street).
    pub const ADDRESS: usize = 200;
    /// Labels: voucher and entry labels, reasons, free references of a lease item.
    pub const LABEL: usize = 200;
    /// Phone numbers.
    pub const PHONE: usize = 30;
    /// E-mail addresses (RFC 5321 path limit).
    pub const EMAIL: usize = 254;
    /// Free notes (several lines).
    pub const NOTES: usize = 10_000;
}

/// Maximum length of an internal reference.
const REFERENCE_MAX: usize = limits::REFERENCE;

/// Checks that a text has at most `max` characters (after trimming, as stored).
/// Counting stops at `max + 1` characters before counting the rest, so a huge value
/// costs no more than its length to refuse.
pub fn max_length(s: &str, max: usize) -> Result<(), FieldError> {
    let t = s.trim();
    if t.chars().nth(max).is_none() {
        return Ok(());
    }
    Err(FieldError::TooLong {
        max,
        found: t.chars().count(),
    })
}

/// Validates an internal reference (« référence » of a building, a dwelling,
/// a lease…): trimmed, non-empty, at most 30 characters, without `;` (the
/// export separator) nor control characters. `label` names the field in
/// the error, e.g. « Référence de l'immeuble obligatoire ».
pub fn reference(label: &'static str, s: &str) -> Result<String, FieldError> {
    let t = s.trim();
    if t.is_empty() {
        return Err(FieldError::Required { label });
    }
    if let Some(found) = t.chars().find(|c| *c == ';' || c.is_control()) {
        return Err(FieldError::ReferenceCharacter { label, found });
    }
    let found = t.chars().count();
    if found > REFERENCE_MAX {
        return Err(FieldError::ReferenceTooLong {
            label,
            max: REFERENCE_MAX,
            found,
        });
    }
    Ok(t.to_string())
}

/// Checks a SIREN (French company number): 9 digits, the last one a Luhn check
/// digit. Spaces are ignored; returns the 9 digits.
pub fn siren(s: &str) -> Result<String, FieldError> {
    let digits: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    if digits.len() != 9 || !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(FieldError::Siren);
    }
    if luhn_ok(&digits) {
        Ok(digits)
    } else {
        Err(FieldError::Siren)
    }
}

/// SIREN de La Poste : ses établissements ne suivent pas la clé de Luhn, la somme des
/// chiffres de leur SIRET est un multiple de 5 (règle publiée par l'INSEE).
const LA_POSTE_SIREN: &str = "356000000";

/// SIRET : 14 chiffres (espaces permis), SIREN valide, clé de Luhn sur les 14 chiffres
/// (La Poste : somme des chiffres multiple de 5).
pub fn siret(s: &str) -> Result<String, FieldError> {
    let digits: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    if digits.len() != 14 || !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(FieldError::Siret);
    }
    let valid = if digits.starts_with(LA_POSTE_SIREN) {
        digits
            .chars()
            .filter_map(|c| c.to_digit(10))
            .sum::<u32>()
            .is_multiple_of(5)
    } else {
        luhn_ok(&digits[..9]) && luhn_ok(&digits)
    };
    if valid {
        Ok(digits)
    } else {
        Err(FieldError::Siret)
    }
}

/// Clé de Luhn : de droite à gauche, un chiffre sur deux doublé (moins 9 au-delà de 9),
/// la somme est un multiple de 10.
fn luhn_ok(digits: &str) -> bool {
    let sum: u32 = digits
        .chars()
        .rev()
        .filter_map(|c| c.to_digit(10))
        .enumerate()
        .map(|(i, d)| match (i % 2 == 1, d * 2) {
            (true, double) if double > 9 => double - 9,
            (true, double) => double,
            (false, _) => d,
        })
        .sum();
    sum.is_multiple_of(10)
}

/// Checks the strength of a password (« mot de passe »): at least 8
/// characters, with a digit, an upper-case letter, a lower-case letter and a
/// special character (anything else than a letter, a digit or a space). The
/// error lists everything that is missing. The password is not trimmed.
pub fn password(s: &str) -> Result<(), FieldError> {
    let mut missing = Vec::new();
    if s.chars().count() < 8 {
        missing.push("au moins 8 caractères");
    }
    if !s.chars().any(|c| c.is_ascii_digit()) {
        missing.push("un chiffre");
    }
    if !s.chars().any(char::is_uppercase) {
        missing.push("une majuscule");
    }
    if !s.chars().any(char::is_lowercase) {
        missing.push("une minuscule");
    }
    if !s
        .chars()
        .any(|c| !c.is_alphanumeric() && !c.is_whitespace())
    {
        missing.push("un caractère spécial (par exemple ! ? # @)");
    }
    if missing.is_empty() {
        Ok(())
    } else {
        Err(FieldError::PasswordWeak { missing })
    }
}

/// Minimal sanity check of an e-mail address (« adresse e-mail »): no space,
/// exactly one `@` with something before it, and a domain containing a dot
/// that is neither first, last nor doubled. Returns the trimmed address.
pub fn email(s: &str) -> Result<String, FieldError> {
    let t = s.trim();
    if t.is_empty() {
        return Err(FieldError::Required {
            label: "Adresse e-mail",
        });
    }
    max_length(t, limits::EMAIL)?;
    if t.chars().any(char::is_whitespace) {
        return Err(FieldError::EmailSpace);
    }
    let mut parts = t.split('@');
    let domain = match (parts.next(), parts.next(), parts.next()) {
        (Some(local), Some(domain), None) if !local.is_empty() => domain,
        _ => return Err(FieldError::EmailAt),
    };
    let domain_ok = domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..");
    if domain_ok {
        Ok(t.to_string())
    } else {
        Err(FieldError::EmailDomain)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
    }

    fn msg(r: Result<impl std::fmt::Debug, FieldError>) -> String {
        r.expect_err("an error was expected").to_string()
    }

    // ----- IBAN ------------------------------------------------------------

    #[test]
    fn iban_public_examples_are_valid_and_normalised() {
        // Classic French example IBAN.
        assert_eq!(
            iban("FR14 2004 1010 0505 0001 3M02 606"),
            Ok("FR1420041010050500013M02606".to_string())
        );
        // Lower case and irregular / non-breaking spaces accepted.
        assert_eq!(
            iban(" fr14 2004 1010\u{a0}0505 00013m02606 "),
            Ok("FR1420041010050500013M02606".to_string())
        );
        // ECBS example.
        assert_eq!(
            iban("GB82 WEST 1234 5698 7654 32"),
            Ok("GB82WEST12345698765432".to_string())
        );
        assert_eq!(
            iban("DE89 3704 0044 0532 0130 00"),
            Ok("DE89370400440532013000".to_string())
        );
    }

    #[test]
    fn iban_registry_examples_are_valid() {
        // Examples of the SWIFT IBAN registry.
        for s in [
            "FR7630006000011234567890189",
            "MC5811222000010123456789030",
            "BE68539007547034",
            "NL91ABNA0417164300",
            "CH9300762011623852957",
            "ES9121000418450200051332",
            "IT60X0542811101000000123456",
            "LU280019400644750000",
            "PT50000201231234567890154",
        ] {
            assert_eq!(iban(s), Ok(s.to_string()), "{s}");
        }
    }

    #[test]
    fn iban_single_digit_alterations_fail_the_check() {
        let expected =
            "IBAN invalide : la clé de contrôle ne correspond pas (vérifiez les chiffres saisis)";
        for s in [
            "FR14 2004 1010 0505 0001 3M02 607",
            "FR14 2004 1010 0505 0001 3M02 616",
            "FR15 2004 1010 0505 0001 3M02 606",
            "GB82 WEST 1234 5698 7654 33",
            "GB82 WEST 1234 5698 7654 22",
            "DE89 3704 0044 0532 0130 01",
            "DE89 3704 0044 0532 0131 00",
        ] {
            assert_eq!(iban(s), Err(FieldError::IbanChecksum), "{s}");
            assert_eq!(msg(iban(s)), expected);
        }
    }

    #[test]
    fn iban_check_digits_outside_02_98_rejected() {
        // 00 / 01 / 99 are never produced by ISO 13616.
        assert_eq!(
            iban("GB00 WEST 1234 5698 7654 32"),
            Err(FieldError::IbanChecksum)
        );
    }

    #[test]
    fn iban_errors_have_french_messages() {
        assert_eq!(msg(iban("   ")), "IBAN obligatoire");
        assert_eq!(
            msg(iban("FR14-2004-1010-0505-0001-3M02-606")),
            "IBAN invalide : le caractère « - » n'est pas autorisé (saisissez uniquement des lettres, des chiffres et des espaces)"
        );
        assert_eq!(
            iban("FR14 2004 1010 0505 0001 3M02 60É"),
            Err(FieldError::IbanCharacter { found: 'É' })
        );
        assert_eq!(
            msg(iban("1420041010050500013M02606")),
            "IBAN invalide : il doit commencer par le code pays en deux lettres (par exemple FR)"
        );
        assert_eq!(
            msg(iban("FR14 2004 1010 0505 0001 3M02 60")),
            "IBAN invalide : un IBAN FR comporte 27 caractères, 26 saisis (vérifiez qu'il ne manque ou ne dépasse aucun caractère)"
        );
        assert_eq!(
            iban("MC58 1122 2000 0101 2345 6789 0301"),
            Err(FieldError::IbanCountryLength {
                country: "MC".to_string(),
                expected: 27,
                found: 28
            })
        );
        assert_eq!(
            msg(iban("XX12 3456")),
            "IBAN invalide : un IBAN comporte de 15 à 34 caractères, 8 saisis"
        );
        assert_eq!(
            msg(iban("FRAB 2004 1010 0505 0001 3M02 606")),
            "IBAN invalide : les 3e et 4e caractères (clé de contrôle) doivent être des chiffres"
        );
    }

    #[test]
    fn iban_display_format() {
        assert_eq!(
            format_iban("fr1420041010050500013m02606"),
            "FR14 2004 1010 0505 0001 3M02 606"
        );
        assert_eq!(
            format_iban("GB82 WEST 1234 5698 7654 32"),
            "GB82 WEST 1234 5698 7654 32"
        );
        assert_eq!(format_iban(""), "");
    }

    // ----- BIC ---------------------------------------------------------------

    #[test]
    fn bic_valid() {
        assert_eq!(bic("BNPAFRPPXXX"), Ok("BNPAFRPPXXX".to_string()));
        assert_eq!(bic("DEUTDEFF"), Ok("DEUTDEFF".to_string()));
        assert_eq!(bic(" deut de ff "), Ok("DEUTDEFF".to_string()));
    }

    #[test]
    fn bic_errors_have_french_messages() {
        assert_eq!(bic("BNPAFR"), Err(FieldError::BicLength { found: 6 }));
        assert_eq!(
            msg(bic("BNPAFR")),
            "BIC invalide : il comporte 8 ou 11 caractères (par exemple BNPAFRPP ou BNPAFRPPXXX), 6 saisis"
        );
        assert_eq!(msg(bic("")), "BIC obligatoire");
        assert_eq!(
            msg(bic("BNP1FRPP")),
            "BIC invalide : les 4 premiers caractères (code banque) doivent être des lettres"
        );
        assert_eq!(
            msg(bic("BNPAF1PP")),
            "BIC invalide : les 5e et 6e caractères (code pays) doivent être des lettres, par exemple FR"
        );
        assert_eq!(
            msg(bic("BNPAFRP-")),
            "BIC invalide : les 7e et 8e caractères (code localité) doivent être des lettres ou des chiffres"
        );
        assert_eq!(
            msg(bic("BNPAFRPPXX*")),
            "BIC invalide : les 3 derniers caractères (code agence) doivent être des lettres ou des chiffres"
        );
    }

    // ----- SEPA creditor identifier --------------------------------------------

    // Hand check of the commonly published French sample FR72ZZZ123456:
    //   national id "123456", then country "FR" -> F=15, R=27, then "00":
    //   n = 123456 152700
    //   123456 mod 97:   97 × 1272 = 123384, 123456 − 123384 = 72
    //   72152700 mod 97: 97 × 743842 = 72152674, 72152700 − 72152674 = 26
    //   check = 98 − 26 = 72  -> matches "72": the sample is VALID.
    #[test]
    fn creditor_id_french_sample_is_valid() {
        assert_eq!(
            creditor_id("FR72ZZZ123456"),
            Ok("FR72ZZZ123456".to_string())
        );
        assert_eq!(
            creditor_id(" fr72 zzz 123456 "),
            Ok("FR72ZZZ123456".to_string())
        );
        // The business code is excluded from the check.
        assert_eq!(
            creditor_id("FR72ABC123456"),
            Ok("FR72ABC123456".to_string())
        );
    }

    #[test]
    fn creditor_id_epc_example_is_valid() {
        assert_eq!(
            creditor_id("DE98ZZZ09999999999"),
            Ok("DE98ZZZ09999999999".to_string())
        );
    }

    #[test]
    fn creditor_id_errors_have_french_messages() {
        let checksum = "Identifiant créancier SEPA (ICS) invalide : la clé de contrôle ne correspond pas (vérifiez les caractères saisis)";
        for s in ["FR73ZZZ123456", "FR72ZZZ123457", "DE98ZZZ09999999990"] {
            assert_eq!(creditor_id(s), Err(FieldError::CreditorIdChecksum), "{s}");
            assert_eq!(msg(creditor_id(s)), checksum);
        }
        assert_eq!(
            msg(creditor_id("")),
            "Identifiant créancier SEPA (ICS) obligatoire"
        );
        assert_eq!(
            msg(creditor_id("FR72ZZZ12345/")),
            "Identifiant créancier SEPA (ICS) invalide : le caractère « / » n'est pas autorisé (saisissez uniquement des lettres et des chiffres)"
        );
        assert_eq!(
            msg(creditor_id("7272ZZZ123456")),
            "Identifiant créancier SEPA (ICS) invalide : il doit commencer par le code pays en deux lettres (FR pour la France)"
        );
        assert_eq!(
            msg(creditor_id("FRXXZZZ123456")),
            "Identifiant créancier SEPA (ICS) invalide : les 3e et 4e caractères (clé de contrôle) doivent être des chiffres"
        );
        assert_eq!(
            msg(creditor_id("FR72ZZZ12345")),
            "Identifiant créancier SEPA (ICS) invalide : un ICS français comporte 13 caractères (par exemple FR72ZZZ123456), 12 saisis"
        );
        assert_eq!(
            msg(creditor_id("DE98ZZZ")),
            "Identifiant créancier SEPA (ICS) invalide : il comporte de 8 à 35 caractères, 7 saisis"
        );
    }

    // ----- CAF landlord code ---------------------------------------------------

    #[test]
    fn caf_landlord_code_valid() {
        assert_eq!(caf_landlord_code("P7512"), Ok("P7512".to_string()));
        assert_eq!(caf_landlord_code(" p2a01 "), Ok("P2A01".to_string()));
        assert_eq!(caf_landlord_code("H2B10"), Ok("H2B10".to_string()));
    }

    #[test]
    fn caf_landlord_code_errors_have_french_messages() {
        assert_eq!(msg(caf_landlord_code(" ")), "Code bailleur CAF obligatoire");
        assert_eq!(
            msg(caf_landlord_code("P751")),
            "Code bailleur CAF invalide : il comporte 5 caractères (par exemple P7512), 4 saisis"
        );
        assert_eq!(
            msg(caf_landlord_code("17512")),
            "Code bailleur CAF invalide : le 1er caractère (famille) doit être une lettre"
        );
        let department = "Code bailleur CAF invalide : les 2e et 3e caractères (département) doivent être deux chiffres, ou 2A / 2B pour la Corse";
        assert_eq!(msg(caf_landlord_code("P2C12")), department);
        assert_eq!(msg(caf_landlord_code("PA712")), department);
        assert_eq!(
            msg(caf_landlord_code("P751A")),
            "Code bailleur CAF invalide : les 2 derniers caractères (rang) doivent être des chiffres"
        );
    }

    // ----- Claimant number ------------------------------------------------------

    #[test]
    fn claimant_number_rules() {
        assert_eq!(claimant_number("1234567A"), Ok("1234567A".to_string()));
        assert_eq!(claimant_number(" 1234567a "), Ok("1234567A".to_string()));
        let expected = "Numéro allocataire invalide : saisissez 7 chiffres suivis d'une lettre (par exemple 1234567A)";
        for s in ["123456A", "12345678", "1234567AB", "A1234567"] {
            assert_eq!(claimant_number(s), Err(FieldError::ClaimantNumber), "{s}");
            assert_eq!(msg(claimant_number(s)), expected);
        }
        assert_eq!(msg(claimant_number("")), "Numéro allocataire obligatoire");
    }

    #[test]
    fn claimant_digits_rules() {
        assert_eq!(claimant_digits("1234567A"), Some("1234567"));
        assert_eq!(claimant_digits(" 1234567a "), Some("1234567"));
        assert_eq!(claimant_digits("1234567"), Some("1234567"));
        assert_eq!(claimant_digits("123456A"), None);
        assert_eq!(claimant_digits("12345678"), None);
        assert_eq!(claimant_digits("1234567É"), None);
        assert_eq!(claimant_digits(""), None);
    }

    // ----- Mandate reference ----------------------------------------------------

    #[test]
    fn mandate_ref_proposal_rules() {
        let d = date(2024, 1, 5);
        assert_eq!(mandate_ref_proposal("Dupont", d), "DUPONT20240105");
        assert_eq!(
            mandate_ref_proposal("Lefèvre-Çelik d'Œuvray", d),
            "LEFEVRECELIKDOEUVRAY20240105"
        );
        assert_eq!(
            mandate_ref_proposal("Éléonore Ñúñez", d),
            "ELEONORENUNEZ20240105"
        );
        // 40-letter name: truncated to 35 − 8 = 27 characters.
        let long = mandate_ref_proposal("abcdefghijklmnopqrstuvwxyzabcdefghijklmn", d);
        assert_eq!(long, "ABCDEFGHIJKLMNOPQRSTUVWXYZA20240105");
        assert_eq!(long.len(), 35);
        assert_eq!(mandate_ref_proposal("  ", d), "20240105");
        // A proposal is always an acceptable RUM.
        assert_eq!(mandate_ref(&long), Ok(long.clone()));
    }

    #[test]
    fn mandate_ref_rules() {
        assert_eq!(
            mandate_ref(" RUM-2024/001 "),
            Ok("RUM-2024/001".to_string())
        );
        assert_eq!(
            mandate_ref("a?/-:().,' Z9"),
            Ok("a?/-:().,' Z9".to_string())
        );
        assert_eq!(
            msg(mandate_ref("")),
            "Référence unique de mandat (RUM) obligatoire"
        );
        assert_eq!(
            msg(mandate_ref("A".repeat(36).as_str())),
            "Référence unique de mandat (RUM) trop longue : 35 caractères au maximum, 36 saisis"
        );
        assert_eq!(mandate_ref(&"A".repeat(35)), Ok("A".repeat(35)));
        assert_eq!(
            msg(mandate_ref("RUM_1")),
            "Référence unique de mandat (RUM) invalide : le caractère « _ » n'est pas autorisé (lettres sans accent, chiffres, espace et ? / - : ( ) . , ' uniquement)"
        );
        assert_eq!(
            mandate_ref("DUPONTÉ"),
            Err(FieldError::MandateRefCharacter { found: 'É' })
        );
        assert_eq!(
            msg(mandate_ref("RUM\u{a0}1")),
            "Référence unique de mandat (RUM) invalide : le caractère d'espacement U+00A0 n'est pas autorisé (lettres sans accent, chiffres, espace et ? / - : ( ) . , ' uniquement)"
        );
        let slash = "Référence unique de mandat (RUM) invalide : elle ne doit ni commencer par « / » ni contenir « // »";
        assert_eq!(msg(mandate_ref("/RUM1")), slash);
        assert_eq!(msg(mandate_ref("RUM//1")), slash);
    }

    // ----- Postcode -----------------------------------------------------------

    #[test]
    fn postcode_rules() {
        assert_eq!(postcode(" 75012 "), Ok("75012".to_string()));
        assert_eq!(postcode("2A004").ok(), None);
        let expected = "Code postal invalide : saisissez 5 chiffres (par exemple 75012)";
        for s in ["7501", "750123", "75 012", "7501A"] {
            assert_eq!(msg(postcode(s)), expected, "{s}");
        }
        assert_eq!(msg(postcode("")), "Code postal obligatoire");
    }

    // ----- References and required text -------------------------------------

    #[test]
    fn reference_rules() {
        const L: &str = "Référence de l'immeuble";
        assert_eq!(reference(L, "  BAT-A12 "), Ok("BAT-A12".to_string()));
        assert_eq!(
            msg(reference(L, "   ")),
            "Référence de l'immeuble obligatoire"
        );
        assert_eq!(reference(L, &"é".repeat(30)), Ok("é".repeat(30)));
        assert_eq!(
            msg(reference(L, &"X".repeat(31))),
            "Référence de l'immeuble : 30 caractères au maximum, 31 saisis (raccourcissez la saisie)"
        );
        assert_eq!(
            msg(reference(L, "BAT;A")),
            "Référence de l'immeuble : le caractère « ; » n'est pas autorisé, retirez-le"
        );
        assert_eq!(
            msg(reference(L, "BAT\tA")),
            "Référence de l'immeuble : le caractère de contrôle U+0009 n'est pas autorisé, retirez-le"
        );
    }

    #[test]
    fn max_length_rules() {
        assert_eq!(max_length(&"é".repeat(100), limits::NAME), Ok(()));
        assert_eq!(max_length(&format!("  {}  ", "x".repeat(100)), 100), Ok(()));
        assert_eq!(
            msg(max_length(&"é".repeat(101), limits::NAME)),
            "100 caractères au maximum, 101 saisis (raccourcissez le texte)"
        );
        let long = format!("{}@exemple.fr", "a".repeat(250));
        assert_eq!(
            msg(email(&long)),
            "254 caractères au maximum, 261 saisis (raccourcissez le texte)"
        );
    }

    // ----- SIREN --------------------------------------------------------------------

    #[test]
    fn siren_rules() {
        // 443 061 841 : Luhn, de droite à gauche 1 + 8 + 8 + 2 + 6 + 0 + 3 + 8 + 4 = 40.
        assert_eq!(siren("443 061 841"), Ok("443061841".to_string()));
        // SIRET 443 061 841 00047 : Luhn sur 14 chiffres, de droite à gauche (un chiffre
        // sur deux doublé) 7 + 8 + 0 + 0 + 0 + 2 + 4 + 16→7 + 1 + 12→3 + 0 + 6 + 4 + 8 = 50 ;
        // avec 00048 la somme fait 51.
        assert_eq!(siret("443 061 841 00047"), Ok("44306184100047".to_string()));
        assert_eq!(siret("44306184100048"), Err(FieldError::Siret));
        assert_eq!(siret("4430618410004"), Err(FieldError::Siret));
        // La Poste : 3+5+6+4+8 = 26 (refusé), 3+5+6+4+7 = 25 (accepté, sans Luhn).
        assert_eq!(siret("35600000000048"), Err(FieldError::Siret));
        assert_eq!(siret("35600000000047"), Ok("35600000000047".to_string()));
        assert_eq!(siren("443061842"), Err(FieldError::Siren));
        assert_eq!(siren("44306184"), Err(FieldError::Siren));
        assert_eq!(
            msg(siren("abc")),
            "SIREN invalide : 9 chiffres dont le dernier est une clé de contrôle (vérifiez le numéro sur l'avis de situation INSEE)"
        );
    }

    // ----- Password -----------------------------------------------------------------

    #[test]
    fn password_rules() {
        assert_eq!(password("Abcdef1!"), Ok(()));
        assert_eq!(password("Élégant9€"), Ok(()));
        assert_eq!(
            msg(password("abc")),
            "Mot de passe trop faible : il doit contenir au moins 8 caractères, un chiffre, une majuscule et un caractère spécial (par exemple ! ? # @)"
        );
        assert_eq!(
            msg(password("Abcdefgh1")),
            "Mot de passe trop faible : il doit contenir un caractère spécial (par exemple ! ? # @)"
        );
        assert_eq!(
            msg(password("ABCDEFG1!")),
            "Mot de passe trop faible : il doit contenir une minuscule"
        );
        assert_eq!(
            password("Abcdef 12"),
            Err(FieldError::PasswordWeak {
                missing: vec!["un caractère spécial (par exemple ! ? # @)"]
            })
        );
    }

    // ----- E-mail -------------------------------------------------------------------

    #[test]
    fn email_rules() {
        assert_eq!(
            email("  gestion@office-hlm.fr "),
            Ok("gestion@office-hlm.fr".to_string())
        );
        assert_eq!(msg(email("")), "Adresse e-mail obligatoire");
        assert_eq!(
            msg(email("jean dupont@exemple.fr")),
            "Adresse e-mail invalide : retirez les espaces"
        );
        let at = "Adresse e-mail invalide : elle doit être de la forme nom@exemple.fr, avec un seul « @ »";
        for s in ["exemple.fr", "a@b@exemple.fr", "@exemple.fr"] {
            assert_eq!(msg(email(s)), at, "{s}");
        }
        let domain = "Adresse e-mail invalide : le domaine après « @ » doit contenir un point (par exemple exemple.fr)";
        for s in [
            "nom@exemple",
            "nom@",
            "nom@.fr",
            "nom@exemple.",
            "nom@exemple..fr",
        ] {
            assert_eq!(msg(email(s)), domain, "{s}");
        }
    }
}
