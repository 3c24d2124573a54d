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
    /// Message du traitement, imprimé sur tous les avis.
    pub run_message: String,
    /// Message propre à cet avis.
    pub message: String,
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
        self.cheques.iter().chain(&self.cash).map(|l| l.amount).sum()
    }
}

/// Un document à imprimer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Document {
    Notice(NoticeDoc),
    Receipt(ReceiptDoc),
    OneOff(OneOffDoc),
    DepositSlip(DepositSlipDoc),
}
