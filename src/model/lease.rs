//! Locations (S6) : contrat, périodes, rubriques, informations de règlement.

use chrono::NaiveDate;

use super::validate::limits::{CODE, LABEL, NAME, NOTES, REFERENCE};
use super::{
    dates, validate, ContractType, Frequency, Gestion, Invalid, ItemPurpose, Money, MoveOutReason,
    PaymentMode, Problems, Term,
};

/// Location : un locataire qui loue un lot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lease {
    pub reference: String,
    /// Lot loué (référence).
    pub unit: String,
    /// Locataire (référence).
    pub tenant: String,
    pub contract_type: ContractType,
    pub frequency: Frequency,
    pub term: Term,
    /// Jour d'échéance : décalage en jours après le début (à échoir) ou la fin (échu).
    pub due_day_offset: u8,
    pub payment_mode: PaymentMode,
    /// Date de signature : aucun avis ni règlement avant.
    pub start_date: NaiveDate,
    pub move_out_date: Option<NaiveDate>,
    pub move_out_reason: Option<MoveOutReason>,
    /// Location verrouillée : aucun traitement, aucune écriture.
    pub locked: bool,
    pub durable: bool,
    /// Régularisation des charges automatique.
    pub auto_settlement: bool,
    /// Tiers payeur destinataire des avis (référence de tiers).
    pub third_party_payer: Option<String>,
    pub payment: PaymentInfo,
    /// Notes libres (onglet Notes), sur plusieurs lignes.
    pub notes: String,
}

/// Informations de règlement (onglet Règlement) : prélèvement SEPA.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PaymentInfo {
    pub direct_debit: bool,
    pub account_holder: String,
    /// Banque du catalogue (référence ; elle donne le BIC).
    pub bank: Option<String>,
    pub iban: String,
    /// Référence unique de mandat (RUM).
    pub mandate_ref: String,
    pub mandate_date: Option<NaiveDate>,
    /// Forfait période.
    pub fixed_amount: Money,
    /// Forfait alternatif.
    pub alt_amount: Money,
    pub debit_day: Option<u8>,
}

impl Lease {
    /// Complète la RUM proposée (nom du locataire + date du mandat) si elle est vide.
    pub fn with_defaults(mut self, tenant_surname: &str) -> Self {
        self.reference = self.reference.trim().to_string();
        if self.payment.direct_debit && self.payment.mandate_ref.trim().is_empty() {
            if let Some(date) = self.payment.mandate_date {
                self.payment.mandate_ref = validate::mandate_ref_proposal(tenant_surname, date);
            }
        }
        if !self.payment.iban.is_empty() {
            if let Ok(iban) = validate::iban(&self.payment.iban) {
                self.payment.iban = iban;
            }
        }
        self
    }

    pub fn validate(&self) -> Result<(), Vec<Invalid>> {
        let mut p = Problems::default();
        p.check(
            "reference",
            validate::reference("Référence de la location", &self.reference),
        );
        p.required("lot", &self.unit);
        p.required("locataire", &self.tenant);
        p.max_lengths(&[
            ("lot", &self.unit, REFERENCE),
            ("locataire", &self.tenant, REFERENCE),
            (
                "tiers_payeur",
                self.third_party_payer.as_deref().unwrap_or(""),
                REFERENCE,
            ),
            ("titulaire_compte", &self.payment.account_holder, NAME),
            ("banque", self.payment.bank.as_deref().unwrap_or(""), CODE),
            ("notes", &self.notes, NOTES),
        ]);
        if self.due_day_offset > 31 {
            p.push(
                "jour_echeance",
                "le jour d'échéance est compris entre 0 et 31",
            );
        }
        match (self.move_out_date, self.move_out_reason) {
            (Some(out), Some(_)) => {
                if out < self.start_date {
                    p.push(
                        "sortie",
                        format!(
                            "la date de sortie ({}) est antérieure au début de la location ({})",
                            dates::format_date(out),
                            dates::format_date(self.start_date)
                        ),
                    );
                }
            }
            (Some(_), None) => p.push(
                "motif_sortie",
                "indiquez le motif de sortie (départ définitif, mutation, décès, expulsion ou autre)",
            ),
            (None, Some(_)) => p.push(
                "sortie",
                "un motif de sortie est indiqué sans date de sortie",
            ),
            (None, None) => {}
        }
        let pay = &self.payment;
        if !pay.iban.is_empty() {
            p.check("iban", validate::iban(&pay.iban));
        }
        if !pay.mandate_ref.is_empty() {
            p.check("rum", validate::mandate_ref(&pay.mandate_ref));
        }
        if let Some(day) = pay.debit_day {
            if !(1..=31).contains(&day) {
                p.push(
                    "jour_prelevement",
                    "le jour de prélèvement est compris entre 1 et 31",
                );
            }
        }
        if pay.direct_debit {
            if pay.iban.is_empty() {
                p.push(
                    "iban",
                    "le prélèvement automatique demande l'IBAN du locataire",
                );
            }
            if pay.mandate_date.is_none() {
                p.push(
                    "date_mandat",
                    "le prélèvement automatique demande la date de signature du mandat",
                );
            }
            if pay.account_holder.trim().is_empty() {
                p.push(
                    "titulaire_compte",
                    "le prélèvement automatique demande le titulaire du compte",
                );
            }
        }
        if pay.fixed_amount.is_sign_negative() || pay.alt_amount.is_sign_negative() {
            p.push(
                "montant_fixe",
                "les forfaits de prélèvement ne peuvent pas être négatifs",
            );
        }
        p.into_result()
    }
}

/// Période de location (renouvelable) : début, durée, fin, préavis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeasePeriod {
    /// Location (référence).
    pub lease: String,
    pub start_date: NaiveDate,
    pub months: u32,
    /// Fin : par défaut début + durée − 1 jour.
    pub end_date: NaiveDate,
    /// Préavis : par défaut fin − 3 mois.
    pub notice_date: NaiveDate,
}

impl LeasePeriod {
    /// Période avec fin et préavis par défaut, sauf s'ils sont donnés.
    pub fn new(
        lease: &str,
        start_date: NaiveDate,
        months: u32,
        end_date: Option<NaiveDate>,
        notice_date: Option<NaiveDate>,
    ) -> Result<Self, Invalid> {
        if months == 0 || months > 1200 {
            return Err(Invalid::new(
                "duree_mois",
                "la durée est comprise entre 1 et 1200 mois",
            ));
        }
        let end_date = match end_date {
            Some(end) => end,
            None => dates::period_end(start_date, months)
                .ok_or_else(|| Invalid::new("duree_mois", "la durée dépasse le calendrier"))?,
        };
        let notice_date = match notice_date {
            Some(notice) => notice,
            None => dates::notice_date(end_date)
                .ok_or_else(|| Invalid::new("preavis", "date de préavis hors calendrier"))?,
        };
        Ok(LeasePeriod {
            lease: lease.trim().to_string(),
            start_date,
            months,
            end_date,
            notice_date,
        })
    }

    pub fn validate(&self) -> Result<(), Vec<Invalid>> {
        let mut p = Problems::default();
        p.required("location", &self.lease);
        p.max_lengths(&[("location", &self.lease, REFERENCE)]);
        if self.months == 0 || self.months > 1200 {
            p.push("duree_mois", "la durée est comprise entre 1 et 1200 mois");
        }
        p.end_after_start("fin", self.start_date, Some(self.end_date));
        if self.notice_date > self.end_date {
            p.push(
                "preavis",
                "la date de préavis est postérieure à la fin de la période",
            );
        }
        p.into_result()
    }
}

/// Rubrique de location : une rubrique du catalogue appliquée à une location.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeaseItem {
    /// Location (référence).
    pub lease: String,
    /// Rubrique du catalogue (référence).
    pub item: String,
    pub gestion: Gestion,
    /// Type : LO loyer, CH provision, AS assurance, RC régularisation, AP aide…
    pub item_type: String,
    pub purpose: ItemPurpose,
    pub active: bool,
    pub start_date: NaiveDate,
    pub months: Option<u32>,
    pub end_date: Option<NaiveDate>,
    /// Référence libre imprimée après le libellé.
    pub free_reference: String,
    pub initial_amount: Money,
    /// Montant révisé (par défaut l'initial).
    pub revised_amount: Money,
    pub prorata: bool,
    /// Plafond cumulé (0 = aucun ; facturation seulement).
    pub ceiling: Money,
    pub to_increase: bool,
    pub revision_date: Option<NaiveDate>,
}

impl LeaseItem {
    /// Montant périodique au début de période `at` : le révisé si la révision date au plus
    /// tard de `at`, sinon l'initial.
    pub fn amount_at(&self, at: NaiveDate) -> Money {
        if self.revision_date.is_some_and(|d| d <= at) {
            self.revised_amount
        } else {
            self.initial_amount
        }
    }

    /// Fin déduite de la durée quand elle n'est pas donnée.
    pub fn with_defaults(mut self) -> Self {
        if self.end_date.is_none() {
            if let Some(months) = self.months {
                self.end_date = dates::period_end(self.start_date, months);
            }
        }
        self
    }

    pub fn validate(&self) -> Result<(), Vec<Invalid>> {
        let mut p = Problems::default();
        p.required("location", &self.lease);
        p.required("rubrique", &self.item);
        p.max_lengths(&[
            ("location", &self.lease, REFERENCE),
            ("rubrique", &self.item, CODE),
            ("reference", &self.free_reference, LABEL),
        ]);
        if self.item_type.trim().is_empty() || self.item_type.len() > 5 {
            p.push(
                "type",
                "type de rubrique obligatoire, 5 caractères au plus (LO, CH, AS, RC, AP…)",
            );
        }
        p.end_after_start("fin", self.start_date, self.end_date);
        if self.ceiling.is_sign_negative() {
            p.push("plafond", "le plafond ne peut pas être négatif");
        }
        if !self.ceiling.is_zero() && self.purpose != ItemPurpose::Billing {
            p.push(
                "plafond",
                "un plafond ne s'applique qu'aux rubriques de facturation (FAC)",
            );
        }
        if self.months == Some(0) {
            p.push("duree_mois", "la durée est d'au moins un mois");
        }
        p.into_result()
    }
}
