//! Quittances et reçus (loi du 6 juillet 1989, art. 21 ; manuel : « seules les rubriques
//! associées au compte de gestion Loyer (LO) sont prises en compte pour le calcul des
//! quittances »). Calculés, jamais saisis : les crédits du compte LO du locataire
//! (règlements, APL…) soldent ses débits du plus ancien au plus récent (la règle et son
//! ordre à même date sont ceux de `ledger::allocation`) ; un avis dont le débit LO est
//! entièrement soldé donne une quittance, en partie un reçu.

use chrono::NaiveDate;

use crate::ledger::allocation::{settle_oldest_first, Debit};
use crate::model::{DocumentLine, Gestion, ItemPurpose, LineSection, Money, TenantDocument};

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

/// Type des rubriques d'aide au logement (manuel, onglet Rubriques : « APL LO AP »).
pub const AID_ITEM_TYPE: &str = "AP";

/// Aide au logement attendue pour la période de l'avis (tiers payant) : ses rubriques
/// d'information de type AP au compte de gestion Loyer, saisies en négatif comme dans le
/// manuel (« APL LO AP … -152,00 ») ; rendue positive. Une rubrique d'information
/// « affiche le montant indiqué, sans incidence comptable » (manuel) : l'aide n'est
/// comptée qu'à son versement (`Loc_OD APL/AL`), l'avis en déduit seulement le reste à
/// charge.
pub fn expected_aid(notice: &TenantDocument) -> Money {
    let lines: Money = notice
        .lines
        .iter()
        .filter(|l| is_aid_line(l))
        .map(DocumentLine::amount)
        .sum();
    (-lines).max(Money::ZERO)
}

/// Ligne de la période qui annonce l'aide au logement attendue.
pub fn is_aid_line(line: &DocumentLine) -> bool {
    line.section == LineSection::Period
        && line.gestion == Some(Gestion::Rent)
        && line.purpose == Some(ItemPurpose::Information)
        && line.item_type.trim().eq_ignore_ascii_case(AID_ITEM_TYPE)
}

/// Un crédit imputé sur l'avis : la pièce, sa date de valeur et la part imputée.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settlement {
    pub number: String,
    pub value_date: NaiveDate,
    pub amount: Money,
}

/// Les crédits qui règlent l'avis dont la pièce est `voucher`, au `at` inclus, du plus
/// ancien au plus récent. Même règle que [`receipt_status`] : les débits sont soldés du
/// plus ancien au plus récent ; les crédits, pris dans l'ordre de leur date de valeur
/// (puis de leur pièce), remplissent d'abord les débits antérieurs à l'avis, puis l'avis.
/// La somme des parts est la part réglée de [`receipt_status`].
pub fn settlements(
    movements: &[RentMovement],
    voucher: &str,
    called: Money,
    at: NaiveDate,
) -> Vec<Settlement> {
    let Some(own) = movements.iter().find(|m| m.number == voucher) else {
        return Vec::new();
    };
    let own_rank = (own.value_date, voucher);
    // Débits imputés avant l'avis (même ordre que `settle_oldest_first`).
    let before: Money = movements
        .iter()
        .filter(|m| m.number != voucher && m.debit > Money::ZERO)
        .filter(|m| (m.value_date, m.number.as_str()) < own_rank)
        .map(|m| m.debit)
        .sum();
    let end = before + called.max(Money::ZERO);
    let mut credits: Vec<&RentMovement> = movements
        .iter()
        .filter(|m| m.value_date <= at && m.credit > Money::ZERO)
        .collect();
    credits.sort_by(|a, b| (a.value_date, &a.number).cmp(&(b.value_date, &b.number)));
    let mut reached = Money::ZERO;
    let mut out = Vec::new();
    for c in credits {
        let (from, to) = (reached, reached + c.credit);
        reached = to;
        let part = to.min(end) - from.max(before);
        if part > Money::ZERO {
            out.push(Settlement {
                number: c.number.clone(),
                value_date: c.value_date,
                amount: part,
            });
        }
        if reached >= end {
            break;
        }
    }
    out
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
