//! Documents destinés aux locataires (S18) : données à imprimer, sans entrée-sortie ni
//! SQL. Les traitements remplissent ces structures ; `pdf` les met en page (A4, polices
//! embarquées, texte extractible).

pub mod pdf;

use chrono::NaiveDate;

use crate::model::Money;

/// En-tête commun : bailleur, logo et les trois textes modifiables par l'utilisateur
/// (manuel : Logo.rtf, MentionAccueil.rtf, MentionLegale.rtf).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Letterhead {
    pub landlord_name: String,
    /// Texte à côté du logo : adresse et téléphones du bailleur.
    pub logo_text: String,
    /// Texte d'accueil sous le bloc logo : horaires d'accueil…
    pub welcome_text: String,
    /// Mentions légales sous le total à payer : conditions de règlement…
    pub legal_text: String,
    /// Logo au format PNG, s'il y en a un.
    pub logo_png: Option<Vec<u8>>,
    /// Compte du bailleur imprimé sur les avis des locataires qui paient par virement
    /// (vide : pas de coordonnées bancaires imprimées).
    pub iban: String,
    pub bic: String,
}

/// Destinataire d'un document : nom et lignes d'adresse.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Recipient {
    pub name: String,
    pub address_lines: Vec<String>,
}

/// Références communes aux documents d'un locataire.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TenantHeader {
    /// Numéro du document (ex. `A2026000012`).
    pub number: String,
    pub tenant_ref: String,
    pub tenant_name: String,
    pub lease_ref: String,
    pub unit_ref: String,
    /// Adresse du lot loué, sur une ligne.
    pub unit_address: String,
    pub recipient: Recipient,
    /// Date du document (date de valeur).
    pub date: NaiveDate,
}

/// Objet d'une ligne d'avis.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    /// Facturation (comptabilisée).
    Billing,
    /// Échéance : rappel du montant périodique d'un échéancier.
    Instalment,
    /// Information, non comptabilisée.
    Info,
}

/// Une ligne de la période : libellé (avec la référence libre) et montant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoticeLine {
    pub label: String,
    pub amount: Money,
    pub kind: LineKind,
}

/// Une écriture du relevé de compte imprimé sur l'avis (règlements, APL…).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MovementLine {
    pub date: NaiveDate,
    pub label: String,
    pub debit: Money,
    pub credit: Money,
}

/// Comment le locataire règle l'avis : ce que l'avis lui dit de faire.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PaymentRequest {
    /// Prélèvement : rien à faire, le montant est prélevé à la date sur le compte (IBAN
    /// masqué, voir [`mask_iban`]).
    DirectDebit {
        date: NaiveDate,
        masked_iban: String,
        amount: Money,
    },
    /// Virement, chèque ou espèces : les coordonnées du bailleur (en-tête) et la
    /// référence à rappeler sur le virement (la location).
    Payer { reference: String },
}

/// Avis d'échéance (S8).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoticeDoc {
    pub header: TenantHeader,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    pub due_date: NaiveDate,
    /// Solde antérieur « débit − crédit » au précédent avis (positif = dû).
    pub previous_balance: Money,
    /// Écritures depuis le précédent avis jusqu'à la date de valeur.
    pub movements: Vec<MovementLine>,
    /// Lignes de la période (FAC, ECH, INF).
    pub lines: Vec<NoticeLine>,
    /// Solde après l'avis (débit − crédit).
    pub balance: Money,
    /// Montant différé par les échéanciers.
    pub deferred: Money,
    /// Total à payer = solde − différé.
    pub total_due: Money,
    /// Aide au logement attendue pour la période (tiers payant, positive), versée au
    /// bailleur par l'organisme : elle se déduit du total pour donner le reste à charge.
    pub housing_aid: Money,
    /// Ce que l'avis demande au locataire (prélèvement, ou virement et chèque).
    pub payment: PaymentRequest,
    /// Message du traitement, imprimé sur tous les avis.
    pub run_message: String,
    /// Message propre à cet avis.
    pub message: String,
}

impl NoticeDoc {
    /// Ce que le locataire paie lui-même : le total à payer moins l'aide attendue.
    pub fn tenant_share(&self) -> Money {
        self.total_due - self.housing_aid
    }
}

/// Un règlement nommé sur une quittance ou un reçu : date de valeur, moyen, montant
/// imputé sur la période.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceiptPayment {
    pub date: NaiveDate,
    /// « chèque n° 1234567 », « virement », « prélèvement », « espèces », « aide au
    /// logement versée par la CAF du Rhône »…
    pub means: String,
    pub amount: Money,
    /// Aide au logement versée par l'organisme pour le compte du locataire.
    pub aid: bool,
}

/// Quittance (paiement complet) ou reçu (paiement partiel), loi du 6 juillet 1989 art. 21.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceiptDoc {
    pub header: TenantHeader,
    /// Vrai : quittance ; faux : reçu.
    pub full: bool,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    /// Quittance : loyer et charges détaillés ; reçu : vide.
    pub rent: Money,
    pub charges: Money,
    /// Autres lignes du loyer (assurance…), détaillées sur la quittance.
    pub other_lines: Vec<NoticeLine>,
    /// Montant réglé (quittance : le total de l'avis ; reçu : le montant payé).
    pub paid: Money,
    /// Montant appelé par l'avis (LO).
    pub called: Money,
    /// Règlements imputés sur la période, du plus ancien au plus récent.
    pub payments: Vec<ReceiptPayment>,
    /// Aide au logement attendue pour la période (lignes d'information de l'avis).
    pub expected_aid: Money,
    /// Organisme qui verse l'aide (« la CAF du Rhône »), s'il est connu.
    pub aid_payer: String,
}

impl ReceiptDoc {
    /// Part de l'aide au logement dans ce qui a été reçu.
    pub fn aid_received(&self) -> Money {
        self.payments
            .iter()
            .filter(|p| p.aid)
            .map(|p| p.amount)
            .sum()
    }

    /// Aide attendue pas encore versée.
    pub fn aid_pending(&self) -> Money {
        (self.expected_aid - self.aid_received()).max(Money::ZERO)
    }

    /// Ce que le locataire doit encore pour la période : l'appel moins ce qui est reçu
    /// et moins l'aide encore attendue (jamais négatif).
    pub fn still_due(&self) -> Money {
        (self.called - self.paid - self.aid_pending()).max(Money::ZERO)
    }
}

/// Nature d'un document ponctuel (S9).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OneOffKind {
    DepositCall,
    Invoice,
    CreditNote,
}

/// Appel du dépôt de garantie, facture ou avoir hors loyer (S9).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OneOffDoc {
    pub header: TenantHeader,
    pub kind: OneOffKind,
    /// Référence libre (obligatoire pour une facture).
    pub reference: String,
    pub amount: Money,
    /// Dépôts déjà appelés sur les locations antérieures (appel de dépôt seulement).
    pub previous_deposits: Money,
    /// Règlement par échéances : (montant de l'échéance, date du premier avis).
    pub instalments: Option<(Money, NaiveDate)>,
}

/// Solde de tout compte (S14) : le dernier document envoyé au locataire parti.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettlementDoc {
    pub header: TenantHeader,
    pub move_out_date: Option<NaiveDate>,
    /// Solde des comptes courants au dernier avis (positif = dû).
    pub previous_balance: Money,
    /// Écritures depuis le dernier avis : règlements, retenue, dépôts rendus…
    pub movements: Vec<MovementLine>,
    /// Dépôt de garantie détenu, rendu au compte courant.
    pub deposit_held: Money,
    /// Retenue sur le dépôt et son motif.
    pub withholding: Money,
    pub withholding_reason: String,
    /// Solde final (positif : le locataire doit ; négatif : il lui est dû).
    pub balance: Money,
    /// Comment le solde se règle : phrase imprimée sous le solde.
    pub ending: String,
    pub message: String,
}

/// Un règlement d'un bordereau de remise en banque.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlipLine {
    pub tenant_name: String,
    /// Banque tirée (chèques).
    pub bank: String,
    /// Numéro du chèque ou référence.
    pub reference: String,
    pub amount: Money,
}

/// Bordereau de remise en banque d'un lot de règlements (S10).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DepositSlipDoc {
    pub landlord_name: String,
    /// Compte du bailleur (IBAN) et banque.
    pub account: String,
    pub batch_no: String,
    pub date: NaiveDate,
    pub cheques: Vec<SlipLine>,
    pub cash: Vec<SlipLine>,
}

impl DepositSlipDoc {
    pub fn total(&self) -> Money {
        self.cheques
            .iter()
            .chain(&self.cash)
            .map(|l| l.amount)
            .sum()
    }
}

/// Un document à imprimer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Document {
    Notice(NoticeDoc),
    Receipt(ReceiptDoc),
    OneOff(OneOffDoc),
    DepositSlip(DepositSlipDoc),
    Settlement(SettlementDoc),
}

/// IBAN masqué d'un locataire : pays et clé, puis les quatre derniers caractères
/// (`FR76 …1234`, espace insécable) ; vide s'il est trop court pour être masqué.
pub fn mask_iban(iban: &str) -> String {
    let chars: Vec<char> = iban
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    if chars.len() < 8 {
        return String::new();
    }
    let head: String = chars[..4].iter().collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{head}\u{a0}…{tail}")
}

/// Textes d'en-tête par défaut, livrés dans `assets/documents/` (modifiables par
/// l'utilisateur en les copiant dans le dossier des documents du bailleur).
pub const DEFAULT_LOGO_TEXT: &str = include_str!("../../assets/documents/logo.txt");
/// Texte d'accueil par défaut (horaires).
pub const DEFAULT_WELCOME_TEXT: &str = include_str!("../../assets/documents/accueil.txt");
/// Mentions légales par défaut (conditions de règlement).
pub const DEFAULT_LEGAL_TEXT: &str = include_str!("../../assets/documents/mentions.txt");

/// Noms des fichiers de l'en-tête dans le dossier modifiable par l'utilisateur.
pub const LOGO_TEXT_FILE: &str = "logo.txt";
pub const WELCOME_TEXT_FILE: &str = "accueil.txt";
pub const LEGAL_TEXT_FILE: &str = "mentions.txt";
pub const LOGO_PNG_FILE: &str = "logo.png";

/// En-tête des documents d'un bailleur : les fichiers `logo.txt`, `accueil.txt`,
/// `mentions.txt` et `logo.png` (facultatif) du dossier `dir`, chaque fichier absent ou
/// illisible étant remplacé par le texte livré dans `assets/documents/` (il n'y a pas de
/// logo par défaut). Un fichier présent mais vide n'imprime rien. Les textes sont lus en
/// UTF-8, ou en Windows-1252 s'ils ne sont pas de l'UTF-8 valide (Bloc-notes ancien).
pub fn load_letterhead(landlord_name: &str, dir: Option<&std::path::Path>) -> Letterhead {
    let read_text = |name: &str, default: &str| -> String {
        let text = dir
            .and_then(|dir| std::fs::read(dir.join(name)).ok())
            .map(|bytes| decode_text_file(&bytes))
            .unwrap_or_else(|| default.to_string());
        normalize_text(&text)
    };
    Letterhead {
        landlord_name: landlord_name.trim().to_string(),
        logo_text: read_text(LOGO_TEXT_FILE, DEFAULT_LOGO_TEXT),
        welcome_text: read_text(WELCOME_TEXT_FILE, DEFAULT_WELCOME_TEXT),
        legal_text: read_text(LEGAL_TEXT_FILE, DEFAULT_LEGAL_TEXT),
        logo_png: dir
            .and_then(|dir| std::fs::read(dir.join(LOGO_PNG_FILE)).ok())
            .filter(|bytes| !bytes.is_empty()),
        iban: String::new(),
        bic: String::new(),
    }
}

/// Décode un fichier texte : UTF-8 (marque d'ordre d'octets retirée), sinon Windows-1252
/// (par `encoding_rs`, comme les imports ; les 5 octets non attribués deviennent `?`).
fn decode_text_file(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_string(),
        Err(_) => encoding_rs::WINDOWS_1252
            .decode_without_bom_handling(bytes)
            .0
            .chars()
            .map(|c| {
                if ('\u{80}'..='\u{9f}').contains(&c) {
                    '?'
                } else {
                    c
                }
            })
            .collect(),
    }
}

/// Fins de ligne unifiées, lignes sans espaces finales, pas de lignes vides autour.
fn normalize_text(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    lines.join("\n").trim_matches('\n').to_string()
}

/// En-tête d'un bailleur : comme `load_letterhead`, mais sans `logo.txt` dans le dossier
/// le bloc logo reprend l'adresse et le téléphone de la fiche du bailleur (plutôt que le
/// texte d'exemple livré).
pub fn letterhead_of(
    landlord: &crate::model::Landlord,
    dir: Option<&std::path::Path>,
) -> Letterhead {
    let mut letterhead = load_letterhead(&landlord.name, dir);
    letterhead.iban = landlord.iban.trim().to_string();
    letterhead.bic = landlord.bic.trim().to_string();
    let customised = dir.is_some_and(|d| d.join(LOGO_TEXT_FILE).exists());
    if !customised {
        let town = format!("{} {}", landlord.postcode.trim(), landlord.city.trim());
        let phone = (!landlord.phone.trim().is_empty())
            .then(|| format!("Tél. : {}", landlord.phone.trim()));
        letterhead.logo_text = [
            Some(landlord.street.trim().to_string()),
            Some(town.trim().to_string()),
            phone,
        ]
        .into_iter()
        .flatten()
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    }
    letterhead
}
