//! Quittances et reçus (loi du 6 juillet 1989, art. 21 ; manuel : « seules les rubriques
//! associées au compte de gestion Loyer (LO) sont prises en compte pour le calcul des
//! quittances »). Calculés, jamais saisis : les crédits du compte LO du locataire
//! (règlements, APL…) soldent ses débits du plus ancien au plus récent (la règle et son
//! ordre à même date sont ceux de `ledger::allocation`) ; un avis dont le débit LO est
//! entièrement soldé donne une quittance, en partie un reçu.

use chrono::NaiveDate;

use crate::ledger::allocation::{settle_oldest_first, Debit};
use crate::model::{DocumentLine, Gestion, ItemPurpose, Money, TenantDocument};

/// Un mouvement du compte LO du locataire.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RentMovement {
    pub value_date: NaiveDate,
    /// Numéro de la pièce (ordre dans la journée).
    pub number: String,
    pub debit: Money,
    pub credit: Money,
}

/// Ce qui a été payé d'un avis.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReceiptStatus {
    /// Montant appelé au compte LO par l'avis.
    pub called: Money,
    /// Part réglée à la date.
    pub paid: Money,
}

impl ReceiptStatus {
    /// Quittance : l'avis est entièrement réglé.
    pub fn is_full(&self) -> bool {
        self.called > Money::ZERO && self.paid >= self.called
    }

    /// Reçu : réglé en partie seulement.
    pub fn is_partial(&self) -> bool {
        self.paid > Money::ZERO && self.paid < self.called
    }
}

/// Montant appelé au compte LO par un avis : ses lignes FAC de gestion LO.
pub fn rent_called(notice: &TenantDocument) -> Money {
    rent_lines(notice).map(DocumentLine::amount).sum()
}

/// Lignes de l'avis qui comptent pour la quittance.
pub fn rent_lines(notice: &TenantDocument) -> impl Iterator<Item = &DocumentLine> {
    notice
        .lines
        .iter()
        .filter(|l| l.gestion == Some(Gestion::Rent) && l.purpose == Some(ItemPurpose::Billing))
}

/// Part réglée de l'avis dont la pièce est `voucher`, au `at` inclus : les crédits LO
/// jusqu'à cette date soldent les débits LO du plus ancien au plus récent (règle du grand
/// livre, `settle_oldest_first`) ; l'avis y prend son rang avec son montant appelé.
pub fn receipt_status(
    movements: &[RentMovement],
    voucher: &str,
    called: Money,
    at: NaiveDate,
) -> ReceiptStatus {
    let Some(own) = movements.iter().find(|m| m.number == voucher) else {
        return ReceiptStatus {
            called,
            paid: Money::ZERO,
        };
    };
    // Le montant appelé tient lieu des écritures de l'avis : la quittance porte sur
    // l'appel, pas sur la façon dont la pièce l'a écrit.
    let mut debits: Vec<Debit> = movements
        .iter()
        .filter(|m| m.number != voucher && m.debit > Money::ZERO)
        .map(|m| Debit {
            value_date: m.value_date,
            number: &m.number,
            line_no: 0,
            amount: m.debit,
        })
        .collect();
    debits.push(Debit {
        value_date: own.value_date,
        number: voucher,
        line_no: 0,
        amount: called,
    });
    let credits: Money = movements
        .iter()
        .filter(|m| m.value_date <= at)
        .map(|m| m.credit)
        .sum();
    let paid = settle_oldest_first(&debits, credits)
        .last()
        .copied()
        .unwrap_or(Money::ZERO);
    ReceiptStatus { called, paid }
}

/// Loyer, charges et autres lignes d'une quittance : type LO, types CH et RC, le reste.
pub fn split_rent_and_charges(notice: &TenantDocument) -> (Money, Money, Vec<&DocumentLine>) {
    let mut rent = Money::ZERO;
    let mut charges = Money::ZERO;
    let mut other = Vec::new();
    for line in rent_lines(notice) {
        match line.item_type.as_str() {
            "LO" => rent += line.amount(),
            "CH" | "RC" => charges += line.amount(),
            _ => other.push(line),
        }
    }
    (rent, charges, other)
}
